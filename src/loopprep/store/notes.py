"""What an import records besides stories: questions from the notes, the principle texts
the notes carry, findings, and the log of imported files.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from loopprep.model import (
    Finding,
    ImportedFile,
    PrincipleSlug,
    Question,
    QuestionId,
    SourceRef,
    StoryId,
)
from loopprep.store.db import Store


def question_rows_for_sources(conn: sqlite3.Connection, paths: list[str]) -> dict[str, tuple[Any, ...]]:
    marks = ",".join("?" * len(paths))
    out = {}
    for row in conn.execute(
        f"SELECT id, text, outline, archived, source_line FROM questions "
        f"WHERE origin = 'notes' AND source_path IN ({marks})", paths
    ):
        out[row["id"]] = (row["text"], row["outline"], row["archived"], row["source_line"])
    return out


def question_details(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    out: dict[str, tuple[Any, ...]] = {}
    for qid in ids:
        row = conn.execute("SELECT text, outline, archived, source_line FROM questions WHERE id = ?",
                           (qid,)).fetchone()
        principles = tuple(r[0] for r in conn.execute(
            "SELECT principle FROM question_principles WHERE question_id = ? ORDER BY rank", (qid,)))
        stories = tuple(r[0] for r in conn.execute(
            "SELECT story_id FROM question_stories WHERE question_id = ? ORDER BY story_id", (qid,)))
        out[qid] = (tuple(row) if row else None, principles, stories)
    return out


def upsert_note_question(
    conn: sqlite3.Connection,
    question_id: str,
    text: str,
    outline: str,
    source: SourceRef,
    principles: list[PrincipleSlug],
    story_ids: list[str],
    now: str,
) -> None:
    conn.execute(
        "INSERT INTO questions(id, text, origin, outline, source_path, source_line, archived, "
        "created_at, updated_at) VALUES (?, ?, 'notes', ?, ?, ?, 0, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET text = excluded.text, outline = excluded.outline, "
        "source_path = excluded.source_path, source_line = excluded.source_line, archived = 0, "
        "updated_at = CASE WHEN questions.outline != excluded.outline OR questions.archived = 1 "
        "THEN excluded.updated_at ELSE questions.updated_at END",
        (question_id, text, outline, source.path, source.line, now, now),
    )
    conn.execute("DELETE FROM question_principles WHERE question_id = ?", (question_id,))
    conn.executemany(
        "INSERT INTO question_principles(question_id, principle, rank) VALUES (?, ?, ?)",
        [(question_id, p, rank) for rank, p in enumerate(dict.fromkeys(principles))],
    )
    conn.execute("DELETE FROM question_stories WHERE question_id = ?", (question_id,))
    conn.executemany(
        "INSERT INTO question_stories(question_id, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(question_id, s) for s in story_ids],
    )


def archive_questions(conn: sqlite3.Connection, ids: list[str], now: str) -> None:
    conn.executemany("UPDATE questions SET archived = 1, updated_at = ? WHERE id = ?",
                     [(now, q) for q in ids])


def list_note_questions(store: Store, *, include_archived: bool = False) -> list[Question]:
    """Questions that came from the user's notes, in note order, with their stories."""
    where = "origin = 'notes'" + ("" if include_archived else " AND archived = 0")
    rows = store.conn.execute(
        f"SELECT * FROM questions WHERE {where} ORDER BY source_path, source_line, id"
    ).fetchall()
    principles: dict[str, list[PrincipleSlug]] = defaultdict(list)
    for row in store.conn.execute(
        "SELECT question_id, principle FROM question_principles ORDER BY question_id, rank"
    ):
        principles[row[0]].append(PrincipleSlug(row[1]))
    stories: dict[str, list[StoryId]] = defaultdict(list)
    for row in store.conn.execute(
        "SELECT question_id, story_id FROM question_stories ORDER BY question_id, story_id"
    ):
        stories[row[0]].append(StoryId(row[1]))
    return [
        Question(
            id=QuestionId(row["id"]),
            text=row["text"],
            principles=tuple(principles[row["id"]]),
            origin=row["origin"],
            outline=row["outline"],
            story_ids=tuple(stories[row["id"]]),
            source=SourceRef(row["source_path"], row["source_line"]) if row["source_path"] else None,
        )
        for row in rows
    ]


def replace_findings(conn: sqlite3.Connection, path: str, findings: list[Finding]) -> None:
    conn.execute("DELETE FROM findings WHERE source_path = ?", (path,))
    conn.executemany(
        "INSERT INTO findings(source_path, position, line, code, severity, message) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(path, i, f.source.line if f.source else None, f.code, f.severity, f.message)
         for i, f in enumerate(findings)],
    )


def list_findings(store: Store) -> list[Finding]:
    out = []
    for row in store.conn.execute(
        "SELECT * FROM findings ORDER BY source_path = '', source_path, position"
    ):
        source = SourceRef(row["source_path"], row["line"]) if row["source_path"] and row["line"] else None
        out.append(Finding(row["code"], row["message"], source, row["severity"]))
    return out


def replace_principle_texts(
    conn: sqlite3.Connection, path: str, texts: list[tuple[PrincipleSlug, str, int]]
) -> None:
    conn.execute("DELETE FROM principle_texts WHERE source_path = ?", (path,))
    conn.executemany(
        "INSERT INTO principle_texts(principle, source_path, line, text) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET text = principle_texts.text || char(10) || char(10) || excluded.text",
        [(slug, path, line, text) for slug, text, line in texts],
    )


def principle_texts(store: Store) -> dict[PrincipleSlug, str]:
    """The principle descriptions found in the user's notes (first file wins)."""
    out: dict[PrincipleSlug, str] = {}
    for row in store.conn.execute(
        "SELECT principle, text FROM principle_texts ORDER BY source_path, line"
    ):
        out.setdefault(PrincipleSlug(row[0]), row[1])
    return out


def record_source(conn: sqlite3.Connection, path: str, sha256: str, front_matter: dict[str, Any],
                  now: str) -> None:
    conn.execute(
        "INSERT INTO sources(path, sha256, front_matter, imported_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, "
        "front_matter = excluded.front_matter, imported_at = excluded.imported_at",
        (path, sha256, json.dumps(front_matter, default=str, sort_keys=True), now),
    )


def record_import(conn: sqlite3.Connection, files: list[str], summary: dict[str, int],
                  now: str) -> None:
    conn.execute("INSERT INTO imports(at, files, summary) VALUES (?, ?, ?)",
                 (now, json.dumps(files), json.dumps(summary, sort_keys=True)))


def forget_sources(conn: sqlite3.Connection, paths: list[str]) -> None:
    """Files gone from a re-imported folder: their findings, principle texts and record go
    (their stories and questions are archived by the import, never deleted)."""
    for table in ("findings", "principle_texts", "sources"):
        column = "path" if table == "sources" else "source_path"
        conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(p,) for p in paths])


def imported_sources(store: Store) -> list[ImportedFile]:
    rows = store.conn.execute("SELECT path, imported_at FROM sources ORDER BY path").fetchall()
    return [ImportedFile(row["path"], row["imported_at"]) for row in rows]
