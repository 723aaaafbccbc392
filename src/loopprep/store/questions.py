"""The question bank in the store: loading the shipped bank (keyed by the data file's hash,
so it happens once per version), listing and filtering questions, adding the user's own.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from loopprep.model import PrincipleSlug, Question, QuestionId, SourceRef, StoryId
from loopprep.store.db import Store

BANK_SETTING = "question_bank_sha256"


@dataclass(frozen=True)
class BankQuestion:
    id: str
    text: str
    principles: tuple[str, ...]


def bank_version(store: Store) -> str | None:
    return store.get_setting(BANK_SETTING)


def load_bank(store: Store, questions: Sequence[BankQuestion], sha256: str, now: str) -> int:
    """Make the bank rows exactly `questions` (removed ones are archived); returns how many
    rows changed. Idempotent: the same file twice changes nothing."""
    changed = 0
    with store.transaction() as conn:
        before = {row[0]: (row[1], row[2]) for row in conn.execute(
            "SELECT id, text, archived FROM questions WHERE origin = 'bank'")}
        labels = _principles(conn, "bank")
        for q in questions:
            if before.get(q.id) == (q.text, 0) and labels.get(q.id) == list(q.principles):
                continue
            changed += 1
            conn.execute(
                "INSERT INTO questions(id, text, origin, archived, created_at, updated_at) "
                "VALUES (?, ?, 'bank', 0, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "text = excluded.text, archived = 0, updated_at = excluded.updated_at",
                (q.id, q.text, now, now),
            )
            _set_principles(conn, q.id, q.principles)
        gone = set(before) - {q.id for q in questions}
        conn.executemany("UPDATE questions SET archived = 1, updated_at = ? WHERE id = ?",
                         [(now, qid) for qid in sorted(gone) if before[qid][1] == 0])
        changed += sum(1 for qid in gone if before[qid][1] == 0)
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (BANK_SETTING, sha256))
    return changed


def list_questions(store: Store, *, origins: Sequence[str] = (), principle: str | None = None,
                   search: str | None = None) -> list[Question]:
    """Active questions, bank first then notes then the user's, filtered as asked.
    `principle` matches any of a question's principles; `search` is a case-blind substring."""
    where = ["archived = 0"]
    params: list[object] = []
    if origins:
        where.append(f"origin IN ({','.join('?' * len(origins))})")
        params += list(origins)
    if principle:
        where.append("id IN (SELECT question_id FROM question_principles WHERE principle = ?)")
        params.append(principle)
    if search:
        where.append("instr(lower(text), lower(?)) > 0")
        params.append(search)
    rows = store.conn.execute(
        f"SELECT * FROM questions WHERE {' AND '.join(where)} "
        "ORDER BY CASE origin WHEN 'bank' THEN 0 WHEN 'notes' THEN 1 ELSE 2 END, "
        "source_path, source_line, created_at, id", params).fetchall()
    labels = _principles(store.conn)
    stories: dict[str, list[StoryId]] = defaultdict(list)
    for row in store.conn.execute("SELECT question_id, story_id FROM question_stories "
                                  "ORDER BY question_id, story_id"):
        stories[row[0]].append(StoryId(row[1]))
    return [_question(row, labels.get(row["id"], []), stories.get(row["id"], [])) for row in rows]


def question_exists(store: Store, question_id: str) -> bool:
    return store.conn.execute("SELECT 1 FROM questions WHERE id = ?",
                              (question_id,)).fetchone() is not None


def find_by_text(store: Store, text: str) -> str | None:
    row = store.conn.execute("SELECT id FROM questions WHERE lower(text) = lower(?) "
                             "AND archived = 0 ORDER BY origin = 'user' DESC LIMIT 1",
                             (text,)).fetchone()
    return str(row[0]) if row else None


def next_user_id(store: Store) -> str:
    numbers = [int(row[0][5:]) for row in store.conn.execute(
        "SELECT id FROM questions WHERE origin = 'user' AND id GLOB 'user-[0-9]*'")
        if row[0][5:].isdigit()]
    return f"user-{max(numbers, default=0) + 1:03d}"


def add_user_question(store: Store, question_id: str, text: str, principles: Sequence[str],
                      *, guessed: bool, now: str) -> None:
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO questions(id, text, origin, labelled_by, created_at, updated_at) "
            "VALUES (?, ?, 'user', ?, ?, ?)",
            (question_id, text, "classifier" if guessed else "author", now, now))
        _set_principles(conn, question_id, principles)


def _set_principles(conn: sqlite3.Connection, question_id: str, principles: Sequence[str]) -> None:
    conn.execute("DELETE FROM question_principles WHERE question_id = ?", (question_id,))
    conn.executemany(
        "INSERT INTO question_principles(question_id, principle, rank) VALUES (?, ?, ?)",
        [(question_id, p, rank) for rank, p in enumerate(dict.fromkeys(principles))])


def _principles(conn: sqlite3.Connection, origin: str | None = None) -> dict[str, list[str]]:
    sql = "SELECT question_id, principle FROM question_principles"
    params: tuple[str, ...] = ()
    if origin:
        sql += " WHERE question_id IN (SELECT id FROM questions WHERE origin = ?)"
        params = (origin,)
    out: dict[str, list[str]] = defaultdict(list)
    for row in conn.execute(sql + " ORDER BY question_id, rank", params):
        out[row[0]].append(row[1])
    return out


def _question(row: sqlite3.Row, principles: list[str], stories: list[StoryId]) -> Question:
    return Question(
        id=QuestionId(row["id"]),
        text=row["text"],
        principles=tuple(PrincipleSlug(p) for p in principles),
        origin=row["origin"],
        outline=row["outline"],
        story_ids=tuple(stories),
        source=SourceRef(row["source_path"], row["source_line"]) if row["source_path"] else None,
        guessed=row["labelled_by"] == "classifier",
    )
