"""`loopprep doctor`: check the database file, and recover what a damaged one still holds
into a NEW file. The file itself is only ever read."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loopprep.errors import StoreError
from loopprep.store.db import Store


@dataclass(frozen=True)
class Checkup:
    path: Path
    exists: bool
    problems: tuple[str, ...]  # what SQLite's integrity check found (empty: sound)

    @property
    def sound(self) -> bool:
        return self.exists and not self.problems


def check(path: Path) -> Checkup:
    """SQLite's integrity check of the database at `path`, read-only."""
    if not path.exists():
        return Checkup(path, False, ())
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Checkup(path, True, (str(exc),))
    return Checkup(path, True, tuple(r for r in rows if r != "ok"))


def recover(path: Path, now: datetime) -> tuple[Path, str]:
    """Copy what can be read of the database at `path` into a new home folder beside it
    (`recovered-TIME/`, same file name), and say how: with the sqlite3 program's `.recover`
    when it is installed and works (it reads past damaged pages), else table by table into
    a fresh database, keeping every row that still reads."""
    target = path.parent / f"recovered-{now.strftime('%Y%m%d-%H%M%S')}" / path.name
    target.parent.mkdir(parents=True, exist_ok=False)
    try:
        if _recover_with_program(path, target):
            return target, "sqlite3 .recover"
        kept = _copy_rows(path, target)
    except BaseException:
        shutil.rmtree(target.parent, ignore_errors=True)
        raise
    if not kept:
        shutil.rmtree(target.parent, ignore_errors=True)
        raise StoreError(f"nothing in {path} could be read, so nothing was recovered",
                         hint="Restore the file from a backup, or import your notes into a new home.")
    return target, f"{kept:,} rows copied table by table"


def _recover_with_program(path: Path, target: Path) -> bool:
    program = shutil.which("sqlite3")
    if program is None:
        return False
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / path.name  # .recover may not run on a read-only connection
        shutil.copyfile(path, copy)
        dumped = subprocess.run([program, str(copy), ".recover"], capture_output=True,
                                text=True, timeout=600)
    if dumped.returncode != 0 or "INSERT" not in dumped.stdout:
        return False
    try:
        _load(target, dumped.stdout)
    except sqlite3.Error:
        target.unlink(missing_ok=True)
        return False
    return True


def _copy_rows(path: Path, target: Path) -> int:
    """Every row that still reads, table by table, into a database made by loopprep's own
    migrations (so the schema is right even when the damaged file's is not)."""
    Store.open(target).close()
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn = sqlite3.connect(target)
    kept = 0
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                             "type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            rows = _rows(source, table)
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                conn.executemany(f'INSERT OR IGNORE INTO "{table}" VALUES ({marks})', rows)
                kept += len(rows)
        conn.commit()
    finally:
        conn.close()
        source.close()
    return kept


def _rows(source: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    """The rows of `table` that read, in rowid order, up to the first damaged page."""
    rows: list[tuple[object, ...]] = []
    try:
        for row in source.execute(f'SELECT * FROM "{table}"'):
            rows.append(tuple(row))
    except sqlite3.Error:
        pass  # the rest of this table is lost
    return rows


def _load(target: Path, script: str) -> None:
    conn = sqlite3.connect(target)
    try:
        conn.executescript(script)
    finally:
        conn.close()
