"""The import's review list (nodes it was unsure of or left unplaced) and the user's
corrections to it: reads and writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from loopprep.model import SourceRef
from loopprep.store.db import Store

Choice = Literal["story", "detail", "question", "ignore"]
CHOICES: tuple[Choice, ...] = ("story", "detail", "question", "ignore")


@dataclass(frozen=True)
class ReviewNode:
    """A line of the notes the import did not file as a story or question, or was unsure
    of; `principle` and `story_id` are the suggestions offered for it."""

    source: SourceRef
    code: str
    text: str
    text_key: str
    message: str
    principle: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class Correction:
    """The user's choice for the lines of `source_path` whose text is `text_key`: a story
    filed under the principle `target`, a detail of the story `target` (an id), a question,
    or nothing (ignore)."""

    source_path: str
    text_key: str
    text: str
    choice: Choice
    target: str = ""


def replace_review_nodes(conn: sqlite3.Connection, path: str, nodes: Iterable[ReviewNode]) -> None:
    conn.execute("DELETE FROM review_nodes WHERE source_path = ?", (path,))
    conn.executemany(
        "INSERT INTO review_nodes(source_path, position, line, code, text, text_key, message, "
        "principle, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(path, i, n.source.line, n.code, n.text, n.text_key, n.message, n.principle, n.story_id)
         for i, n in enumerate(nodes)],
    )


def forget_review_nodes(conn: sqlite3.Connection, paths: Iterable[str]) -> None:
    """Files gone from a re-imported folder: nothing of theirs is left to review (their
    corrections stay, should the file come back)."""
    conn.executemany("DELETE FROM review_nodes WHERE source_path = ?", [(p,) for p in paths])


def list_review_nodes(store: Store) -> list[ReviewNode]:
    """Every node left to review, by file and line."""
    rows = store.conn.execute(
        "SELECT r.* FROM review_nodes AS r JOIN sources AS s ON s.path = r.source_path "
        "ORDER BY r.source_path, r.line, r.position").fetchall()
    return [ReviewNode(SourceRef(row["source_path"], row["line"]), row["code"], row["text"],
                       row["text_key"], row["message"], row["principle"], row["story_id"])
            for row in rows]


def save_correction(conn: sqlite3.Connection, correction: Correction, now: str) -> None:
    """Keep the user's choice for these lines (a later choice replaces an earlier one)."""
    conn.execute(
        "INSERT INTO import_corrections(source_path, text_key, text, choice, target, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(source_path, text_key) DO UPDATE SET "
        "text = excluded.text, choice = excluded.choice, target = excluded.target, "
        "created_at = excluded.created_at",
        (correction.source_path, correction.text_key, correction.text, correction.choice,
         correction.target, now),
    )


def corrections_for(store: Store, paths: Iterable[str]) -> list[Correction]:
    """The corrections kept for these notes files, oldest first."""
    wanted = list(paths)
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = store.conn.execute(
        f"SELECT * FROM import_corrections WHERE source_path IN ({marks}) "
        f"ORDER BY created_at, source_path, text_key", wanted).fetchall()
    return [Correction(row["source_path"], row["text_key"], row["text"], row["choice"],
                       row["target"]) for row in rows]
