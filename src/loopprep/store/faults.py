"""What SQLite's own errors mean to the user: a damaged file, a full disk, a home that is
read-only. Each becomes one `StoreError` saying what happened and what to do; nothing else
about the database is changed by saying so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from loopprep.errors import StoreError

DAMAGED = ("malformed", "not a database", "file is encrypted", "disk i/o error")


def explain(exc: sqlite3.Error, path: Path | str | None = None) -> StoreError:
    """The user's reading of a SQLite error raised while working on the database."""
    text = str(exc).lower()
    where = f" at {path}" if path else ""
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError(f"no space left on the disk of the loopprep database{where}: "
                          "nothing was changed",
                          hint="Free some space on that disk, then run the command again.")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"the loopprep home{where} is read-only, and this command changes it",
                          hint="Reading commands (coverage, stories, plan, ...) still work; to "
                               "change the bank, make the folder writable or use --home.")
    if any(word in text for word in DAMAGED):
        return StoreError(f"the loopprep database{where} is damaged ({exc})",
                          hint="Run `loopprep doctor` to check it and recover what it can into a "
                               "new file; the damaged file is left as it is.")
    if "locked" in text or "busy" in text:
        return StoreError(f"the loopprep database{where} is busy: another loopprep kept it "
                          f"locked ({exc})", hint="Wait for it to finish, then try again.")
    return StoreError(f"the loopprep database{where} failed: {exc}",
                      hint="Run `loopprep doctor` to check it.")
