"""The export manifest: which files loopprep wrote, and what it wrote into them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from loopprep.store.db import Store


class ExportRecord(NamedTuple):
    path: str
    kind: str
    story_id: str | None
    sha256: str
    written_at: str


def records(store: Store, paths: Iterable[str]) -> dict[str, ExportRecord]:
    """What the manifest says about each of `paths` (missing when loopprep never wrote it)."""
    out = {}
    for path in paths:
        row = store.conn.execute(
            "SELECT path, kind, story_id, sha256, written_at FROM export_files WHERE path = ?",
            (path,)).fetchone()
        if row is not None:
            out[path] = ExportRecord(*row)
    return out


def records_under(store: Store, folder: str, kind_prefix: str) -> list[ExportRecord]:
    """Every file of a kind recorded inside `folder` (a path ending in the separator)."""
    rows = store.conn.execute(
        "SELECT path, kind, story_id, sha256, written_at FROM export_files "
        "WHERE substr(path, 1, length(?)) = ? AND substr(kind, 1, length(?)) = ? ORDER BY path",
        (folder, folder, kind_prefix, kind_prefix)).fetchall()
    return [ExportRecord(*row) for row in rows]


def record(conn: sqlite3.Connection, rows: Iterable[ExportRecord]) -> None:
    conn.executemany(
        "INSERT INTO export_files(path, kind, story_id, sha256, written_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, story_id = excluded.story_id, "
        "sha256 = excluded.sha256, written_at = excluded.written_at",
        list(rows))
