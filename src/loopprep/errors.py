"""Errors a user can cause, raised by the library and shown by the CLI or web app.

Each carries enough to tell the user what went wrong, where, and what to do next; the
edges print them without a traceback and exit non-zero.
"""

from __future__ import annotations

from pathlib import Path


class LoopprepError(Exception):
    """A problem the user can fix; `str()` is the whole message."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class NotesError(LoopprepError):
    """A notes file that cannot be imported: names the file and, where known, the line."""

    def __init__(
        self, path: Path | str, message: str, *, line: int | None = None, hint: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = Path(path)
        self.line = line


class FrameworkError(LoopprepError):
    """A competency framework file that is missing or malformed."""


class NotFoundError(LoopprepError):
    """A story, question or other record the user named does not exist."""


class StoreError(LoopprepError):
    """The database cannot be opened or is from a newer loopprep."""


class PracticeError(LoopprepError):
    """A practice request that cannot be carried out as given."""
