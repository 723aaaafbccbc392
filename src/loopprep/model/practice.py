"""What practice keeps: interviews and their stages, cards, reviews, sessions and attempts.

Plain dataclasses read from and written to `loopprep.store.practice`; times are aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}

#: The kinds of practice item.
QUESTION = "question"
STORY_RECALL = "story-recall"
TECHNICAL = "technical"  # a technical subtopic (loopprep.technical.practice chooses these)


@dataclass(frozen=True)
class Stage:
    """One step of a hiring process: a phone screen, the loop."""

    name: str
    date: date


@dataclass(frozen=True)
class Interview:
    """An interview the candidate is preparing for; `date` is its last stage's date."""

    id: int
    company: str
    role: str
    date: date
    stages: tuple[Stage, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "company": self.company, "role": self.role,
                "date": self.date.isoformat(),
                "stages": [{"name": s.name, "date": s.date.isoformat()} for s in self.stages]}


@dataclass(frozen=True)
class CardRecord:
    """A practised thing on the spaced-repetition schedule."""

    id: int
    kind: str  # question | story-recall (open-ended: technical topics later)
    ref: str  # the question id, or the principle slug for story recall
    principle: str | None
    fsrs: dict[str, Any]
    due: datetime
    reps: int
    last_review: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "ref": self.ref, "principle": self.principle,
                "due": self.due.isoformat(), "reps": self.reps,
                "last_review": self.last_review.isoformat() if self.last_review else None,
                "stability": self.fsrs.get("stability"), "difficulty": self.fsrs.get("difficulty")}


@dataclass(frozen=True)
class Followup:
    """A probe asked after the first answer, and what the candidate said."""

    probe: str
    why: str
    answer: str = ""
    seconds: float | None = None
    overall: float | None = None  # 0-10: the mark of the answer (None until answered)

    def to_json(self) -> dict[str, Any]:
        return {"probe": self.probe, "why": self.why, "answer": self.answer,
                "seconds": self.seconds, "overall": self.overall}


@dataclass(frozen=True)
class AttemptRecord:
    """One answer to one question (or one story recall), as stored."""

    id: int
    session_id: int | None
    card_id: int | None
    kind: str
    ref: str
    question_id: str | None
    question: str
    principle: str | None
    interviewer: str | None
    answer: str
    status: str  # answered | rated | interrupted
    started_at: datetime
    ended_at: datetime | None
    answer_seconds: float | None
    followups: tuple[Followup, ...]
    feedback: dict[str, Any] | None
    overall: float | None
    rating: int | None

    def to_json(self, *, with_feedback: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "session_id": self.session_id, "card_id": self.card_id,
            "kind": self.kind, "ref": self.ref, "question_id": self.question_id, "question": self.question,
            "principle": self.principle, "interviewer": self.interviewer, "answer": self.answer,
            "status": self.status, "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "answer_seconds": self.answer_seconds,
            "followups": [f.to_json() for f in self.followups],
            "overall": self.overall, "rating": self.rating,
        }
        if with_feedback:
            out["feedback"] = self.feedback
        return out


@dataclass(frozen=True)
class SessionRecord:
    """A practice session: its kind, the settings it was started with, and its report."""

    id: int
    kind: str
    settings: dict[str, Any]
    started_at: datetime
    ended_at: datetime | None
    report: dict[str, Any] | None = field(default=None)


@dataclass(frozen=True)
class StoryCue:
    """What the candidate should recall about a story: its title, opening line, key metric."""

    id: str
    title: str
    opening_line: str
    metric: str | None


@dataclass(frozen=True)
class PracticeItem:
    """One thing to practise: a question to answer, or a story to recall for a principle."""

    kind: str  # question | story-recall
    ref: str  # question id, or principle slug for story recall
    prompt: str
    principle: str | None
    principle_name: str
    reason: str  # why now: "due", "overdue 3 days", "new: weak principle", "overview", ...
    card_id: int | None = None
    question_id: str | None = None
    principles: tuple[str, ...] = ()
    interviewer: str | None = None
    bar_raiser: bool = False
    stories: tuple[StoryCue, ...] = ()
    guessed: bool = False  # the question named no principle: `principle` is loopprep's guess

    @property
    def target_seconds(self) -> int:
        """Two minutes for an answer; a minute to recall a story; half an hour for a
        technical problem."""
        return {QUESTION: 120, TECHNICAL: 1800}.get(self.kind, 60)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind, "ref": self.ref, "prompt": self.prompt, "principle": self.principle,
            "principle_name": self.principle_name, "reason": self.reason, "card_id": self.card_id,
            "question_id": self.question_id, "principles": list(self.principles),
            "interviewer": self.interviewer, "bar_raiser": self.bar_raiser,
            "principle_guessed": self.guessed,
            "target_seconds": self.target_seconds,
            "stories": [{"id": s.id, "title": s.title, "opening_line": s.opening_line,
                         "metric": s.metric} for s in self.stories],
        }


class AttemptSummary(NamedTuple):
    """One attempt without its answer and feedback: what progress and weakness need."""

    principle: str | None
    kind: str
    started_at: str  # ISO time, UTC
    overall: float | None
    rating: int | None
    status: str
