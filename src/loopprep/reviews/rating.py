"""Rating an attempt: the self-rating reschedules the attempt's card with FSRS, pulled in
toward the next interview stage, and is kept with its review. Practice sessions and the
technical tracker both rate this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from loopprep.errors import PracticeError
from loopprep.model.practice import CardRecord
from loopprep.reviews import interviews
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, days_between, review
from loopprep.store import practice as rows

if TYPE_CHECKING:
    from loopprep.workspace import Workspace

__all__ = ["RatingResult", "check_now", "rate_attempt"]


@dataclass(frozen=True)
class RatingResult:
    """A self-rating and what it did to the schedule."""

    attempt_id: int
    rating: int
    card: CardRecord
    natural_due: datetime
    deadline: str | None

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def brought_forward(self) -> bool:
        """True when the interview deadline moved the review earlier than FSRS proposed."""
        return self.due < self.natural_due.replace(microsecond=0)

    def to_json(self) -> dict[str, Any]:
        return {"attempt_id": self.attempt_id, "rating": self.rating, "card": self.card.to_json(),
                "due": self.due.isoformat(), "natural_due": self.natural_due.isoformat(),
                "deadline": self.deadline, "brought_forward": self.brought_forward}


def rate_attempt(bank: Workspace, attempt_id: int, rating: int, *, now: datetime,
                 policy: Policy = DEFAULT_POLICY) -> RatingResult:
    """Rate a stored attempt and reschedule its card (see `loopprep.reviews.schedule`)."""
    check_now(now)
    if rating not in (1, 2, 3, 4):
        raise PracticeError(f"rating {rating!r} is not one of 1 again, 2 hard, 3 good, 4 easy")
    store = bank.store
    attempt = rows.get_attempt(store, attempt_id)
    if attempt.rating is not None:
        raise PracticeError(f"attempt {attempt_id} is already rated ({attempt.rating})")
    deadline = interviews.deadline(store, now)
    with store.transaction() as conn:
        card = rows.find_card(store, attempt.kind, attempt.ref)
        card_id = card.id if card else rows.insert_card(conn, attempt.kind, attempt.ref,
                                                        attempt.principle, now)
        outcome = review(card_id, card.fsrs if card and card.fsrs else None, rating, now, deadline,
                         policy, interviews.stage_dates(store, now))
        rows.update_card(conn, card_id, outcome.state, outcome.due, now)
        elapsed = days_between(card.last_review, now) if card and card.last_review else None
        rows.add_review(conn, card_id, attempt_id, rating, now, elapsed, card.due if card else None,
                        outcome.due, outcome.natural_due, deadline)
        rows.set_rating(conn, attempt_id, rating, card_id)
    return RatingResult(attempt_id, rating, rows.get_card(store, card_id), outcome.natural_due,
                        deadline.isoformat() if deadline else None)


def check_now(now: datetime) -> None:
    """Practice times are aware datetimes in UTC; a naive one is a caller's bug."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("practice times must be aware datetimes (UTC)")
