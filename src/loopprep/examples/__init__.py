"""Notes of a fictional candidate, shipped so a new user can try loopprep at once."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

EXAMPLE_NOTES = "jordan-notes.md"


def example_notes_path() -> Path:
    """The bundled example notes file (read-only; never written)."""
    return Path(str(resources.files(__package__).joinpath(EXAMPLE_NOTES)))
