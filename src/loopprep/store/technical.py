"""Technical tracker rows: tracked subtopics, self-ratings, the practice log and notes.
Reads return the dataclasses of `loopprep.model.technical`; writes run inside the
caller's transaction. Nothing here deletes a rating or a log entry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from loopprep.model.technical import PracticeEntry, Rating, TechNote, TrackedRow
from loopprep.store.db import Store
from loopprep.store.practice import stamp


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


def _box(value: bool | None) -> int | None:
    return None if value is None else int(value)


# -- tracked subtopics ------------------------------------------------------------------------

def tracked_rows(store: Store) -> list[TrackedRow]:
    rows = store.conn.execute("SELECT * FROM tech_subtopics ORDER BY id").fetchall()
    return [_tracked(row) for row in rows]


def tracked_row(store: Store, subtopic_id: str) -> TrackedRow | None:
    row = store.conn.execute("SELECT * FROM tech_subtopics WHERE id = ?", (subtopic_id,)).fetchone()
    return _tracked(row) if row else None


def _tracked(row: sqlite3.Row) -> TrackedRow:
    return TrackedRow(row["id"], row["topic"], row["name"], row["origin"], _flag(row["checked"]),
                      row["source_path"], row["source_line"], bool(row["archived"]))


def ensure_subtopic(conn: sqlite3.Connection, subtopic_id: str, topic: str, name: str,
                    origin: str, now: datetime) -> None:
    """A row for a subtopic the user rates or logs (kept as it is when it exists)."""
    conn.execute(
        "INSERT INTO tech_subtopics(id, topic, name, origin, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
        (subtopic_id, topic, name, origin, stamp(now), stamp(now)),
    )


def rows_from_sources(conn: sqlite3.Connection, paths: list[str]) -> dict[str, TrackedRow]:
    """Subtopics the given notes files listed at their last import."""
    marks = ",".join("?" * len(paths))
    rows = conn.execute(f"SELECT * FROM tech_subtopics WHERE source_path IN ({marks})", paths)
    return {row["id"]: _tracked(row) for row in rows}


def upsert_from_notes(conn: sqlite3.Connection, subtopic_id: str, topic: str, name: str,
                      origin: str, checked: bool | None, path: str, line: int,
                      now: datetime) -> str:
    """Record that a notes file lists a subtopic; returns 'added', 'updated' or 'unchanged'
    (a subtopic that only moved within its file is unchanged)."""
    row = conn.execute("SELECT * FROM tech_subtopics WHERE id = ?", (subtopic_id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO tech_subtopics(id, topic, name, origin, checked, source_path, source_line, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (subtopic_id, topic, name, origin, _box(checked), path, line, stamp(now), stamp(now)),
        )
        return "added"
    old = _tracked(row)
    changed = (old.checked != checked or old.name != name or old.archived
               or old.source_path != path)
    conn.execute(
        "UPDATE tech_subtopics SET name = ?, checked = ?, source_path = ?, source_line = ?, "
        "archived = 0, updated_at = CASE WHEN ? THEN ? ELSE updated_at END WHERE id = ?",
        (name, _box(checked), path, line, changed, stamp(now), subtopic_id),
    )
    return "updated" if changed else "unchanged"


def archive_from_notes(conn: sqlite3.Connection, ids: Iterable[str], now: datetime) -> None:
    """Subtopics gone from their notes: no longer listed there (ratings and logs stay)."""
    conn.executemany(
        "UPDATE tech_subtopics SET archived = 1, checked = NULL, updated_at = ? WHERE id = ?",
        [(stamp(now), i) for i in ids],
    )


# -- ratings ----------------------------------------------------------------------------------

def add_rating(conn: sqlite3.Connection, subtopic_id: str, rating: int, now: datetime) -> None:
    conn.execute("INSERT INTO tech_ratings(subtopic, rating, at) VALUES (?, ?, ?)",
                 (subtopic_id, rating, stamp(now)))


def ratings(store: Store, subtopic_id: str) -> list[Rating]:
    """A subtopic's self-ratings, oldest first."""
    rows = store.conn.execute("SELECT rating, at FROM tech_ratings WHERE subtopic = ? "
                              "ORDER BY at, id", (subtopic_id,)).fetchall()
    return [Rating(row[0], datetime.fromisoformat(row[1])) for row in rows]


def latest_ratings(store: Store) -> dict[str, Rating]:
    rows = store.conn.execute(
        "SELECT subtopic, rating, at FROM (SELECT subtopic, rating, at, ROW_NUMBER() OVER ("
        " PARTITION BY subtopic ORDER BY at DESC, id DESC) AS n FROM tech_ratings) WHERE n = 1"
    ).fetchall()
    return {row[0]: Rating(row[1], datetime.fromisoformat(row[2])) for row in rows}


# -- the practice log ---------------------------------------------------------------------

def add_log(conn: sqlite3.Connection, subtopic_id: str, *, problem: str, link: str | None,
            minutes: float | None, outcome: str, notes: str, now: datetime,
            attempt_id: int | None) -> int:
    cursor = conn.execute(
        "INSERT INTO tech_log(subtopic, problem, link, minutes, outcome, notes, at, attempt_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (subtopic_id, problem, link, minutes, outcome, notes, stamp(now), attempt_id),
    )
    return int(cursor.lastrowid or 0)


def log_entries(store: Store, subtopic_id: str | None = None, *,
                attempt_ids: Iterable[int] | None = None) -> list[PracticeEntry]:
    """Logged practice, oldest first: of one subtopic, of some attempts, or all."""
    where, args = "1 = 1", []  # type: tuple[str, list[object]]
    if subtopic_id is not None:
        where, args = "subtopic = ?", [subtopic_id]
    if attempt_ids is not None:
        chosen = list(attempt_ids)
        where = f"attempt_id IN ({','.join('?' * len(chosen))})"
        args = list(chosen)
    rows = store.conn.execute(f"SELECT * FROM tech_log WHERE {where} ORDER BY at, id", args)
    return [_entry(row) for row in rows]


def recent_outcomes(store: Store, per_subtopic: int) -> dict[str, list[str]]:
    """The last `per_subtopic` outcomes of each subtopic, newest first."""
    rows = store.conn.execute(
        "SELECT subtopic, outcome FROM (SELECT subtopic, outcome, at, id, ROW_NUMBER() OVER ("
        " PARTITION BY subtopic ORDER BY at DESC, id DESC) AS n FROM tech_log) WHERE n <= ? "
        "ORDER BY subtopic, at DESC, id DESC", (per_subtopic,),
    ).fetchall()
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(row[1])
    return out


def practice_summary(store: Store) -> dict[str, tuple[int, datetime]]:
    """Subtopic -> (entries logged, when last)."""
    rows = store.conn.execute("SELECT subtopic, COUNT(*), MAX(at) FROM tech_log GROUP BY subtopic")
    return {row[0]: (int(row[1]), datetime.fromisoformat(row[2])) for row in rows}


def _entry(row: sqlite3.Row) -> PracticeEntry:
    return PracticeEntry(row["id"], row["subtopic"], row["problem"], row["link"], row["minutes"],
                         row["outcome"], row["notes"], datetime.fromisoformat(row["at"]),
                         row["attempt_id"])


# -- notes ------------------------------------------------------------------------------------

def replace_notes_from(conn: sqlite3.Connection, paths: list[str],
                       notes: Iterable[tuple[str, str, bool | None, str, int]],
                       now: datetime) -> None:
    """The notes files' own notes (subject, text, checked, path, line) replace what they
    held before; notes the user added stay."""
    marks = ",".join("?" * len(paths))
    conn.execute(f"DELETE FROM tech_notes WHERE origin = 'notes' AND source_path IN ({marks})", paths)
    conn.executemany(
        "INSERT INTO tech_notes(subject, text, checked, origin, source_path, source_line, at) "
        "VALUES (?, ?, ?, 'notes', ?, ?, ?)",
        [(subject, text, _box(checked), path, line, stamp(now))
         for subject, text, checked, path, line in notes],
    )


def add_note(conn: sqlite3.Connection, subject: str, text: str, now: datetime) -> None:
    conn.execute("INSERT INTO tech_notes(subject, text, origin, at) VALUES (?, ?, 'user', ?)",
                 (subject, text, stamp(now)))


def notes_about(store: Store, subject: str | None = None) -> list[TechNote]:
    """Notes on one subject (a subtopic id, a topic slug, '' for the section), or all:
    the notes files' in file order, then the user's, oldest first."""
    where, args = ("subject = ?", [subject]) if subject is not None else ("1 = 1", [])
    rows = store.conn.execute(
        f"SELECT * FROM tech_notes WHERE {where} "
        "ORDER BY origin = 'user', source_path, source_line, at, id", args).fetchall()
    return [TechNote(row["subject"], row["text"], _flag(row["checked"]), row["origin"],
                     row["source_path"], row["source_line"], datetime.fromisoformat(row["at"]))
            for row in rows]
