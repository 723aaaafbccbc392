"""What the technical tracker keeps per subtopic: self-ratings with their history, the
practice log and notes. Plain dataclasses read from `loopprep.store.technical`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

OUTCOMES = ("solved", "partial", "failed")


@dataclass(frozen=True)
class TrackedRow:
    """A subtopic's row: where the notes list it and whether they tick it off."""

    id: str
    topic: str
    name: str
    origin: str  # list | notes
    checked: bool | None
    source_path: str | None
    source_line: int | None
    archived: bool

    @property
    def in_notes(self) -> bool:
        return self.source_path is not None and not self.archived


@dataclass(frozen=True)
class Rating:
    """A self-rating, 1 (lost) .. 5 (could teach it)."""

    rating: int
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"rating": self.rating, "at": self.at.isoformat()}


@dataclass(frozen=True)
class PracticeEntry:
    """One logged piece of practice: a problem solved (or not), or a topic explained."""

    id: int
    subtopic: str
    problem: str
    link: str | None
    minutes: float | None
    outcome: str  # solved | partial | failed
    notes: str
    at: datetime
    attempt_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "subtopic": self.subtopic, "problem": self.problem,
                "link": self.link, "minutes": self.minutes, "outcome": self.outcome,
                "notes": self.notes, "at": self.at.isoformat(), "attempt_id": self.attempt_id}


@dataclass(frozen=True)
class TechNote:
    """A note on a subtopic or topic: from the notes files (a step when `checked` is set)
    or added by the user."""

    subject: str
    text: str
    checked: bool | None
    origin: str  # notes | user
    source_path: str | None
    source_line: int | None
    at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "checked": self.checked, "origin": self.origin,
                "source": {"path": self.source_path, "line": self.source_line}
                if self.source_path else None, "at": self.at.isoformat()}
