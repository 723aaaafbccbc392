"""Spaced repetition toward an interview date: FSRS intervals, brought forward so that every
practised card comes round again in the final days before the next interview.

The policy (also in README.md): FSRS (no intra-day steps; the shortest interval is a day)
proposes the next review. Without an interview that is the schedule. With one, the final
`final_days` before its date are the *final stretch*. A review made before the final stretch
whose next review would fall in it or later is brought forward into the final stretch,
spread over its days by card id so they do not all land on one day. A review made in the
final stretch keeps FSRS's interval: the card is fresh for the day. A card is *overdue*
when it was due before the start of today (UTC) and has not been reviewed since; the
schedule aims at no overdue card on the interview day, given daily practice of what is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fsrs import Scheduler

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


@dataclass(frozen=True)
class Policy:
    """How much practice a day the schedule plans for, and how it converges."""

    final_days: int = 5  # the final stretch before an interview date
    daily_capacity: int = 10  # items a day (about 30 minutes) the schedule plans around
    daily_new: int = 3  # new cards introduced a day at most
    # Stop adding cards when the deck could no longer be reviewed once in the final stretch
    # (with room for cards rated "again" coming round twice).
    stretch_load: float = 0.7

    @property
    def max_deck(self) -> int:
        return int(self.final_days * self.daily_capacity * self.stretch_load)


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Review:
    """The outcome of rating a card: its new FSRS state and when it is due next."""

    state: dict[str, Any]
    due: datetime
    natural_due: datetime  # what FSRS alone proposed
    deadline: date | None

    @property
    def brought_forward(self) -> bool:
        return self.due < self.natural_due


def start_of_day(moment: datetime) -> datetime:
    """Midnight UTC of the moment's UTC day: days are UTC days throughout practice."""
    return datetime.combine(moment.astimezone(UTC).date(), time(), UTC)


def utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _scheduler() -> Scheduler:
    from fsrs import Scheduler

    # No learning steps: a behavioural answer is not re-asked ten minutes later; "again"
    # means tomorrow. No fuzzing: the schedule is a pure function of the ratings and the clock.
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def review(card_id: int, state: dict[str, Any] | None, rating: int, now: datetime,
           deadline: date | None, policy: Policy = DEFAULT_POLICY,
           stages: Sequence[date] = ()) -> Review:
    """Rate a card (1 again .. 4 easy) at `now`; `state` is None for a new card. `stages`
    (every stage date ahead) makes the card come round before each, not only the next."""
    from fsrs import Card, Rating

    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    card = Card.from_dict(state) if state else Card(card_id=card_id, due=now)  # type: ignore[arg-type]
    updated, _log = _scheduler().review_card(card, Rating(rating), review_datetime=now)
    natural = updated.due
    due = converge_stages(natural, now, stages or ([deadline] if deadline else []), card_id,
                          policy)
    updated.due = due
    return Review(dict(updated.to_dict()), due, natural, deadline)


def converge(due: datetime, last_review: datetime, deadline: date | None, card_id: int,
             policy: Policy = DEFAULT_POLICY, *, now: datetime | None = None) -> datetime:
    """The due time after applying the interview deadline (see the module docstring)."""
    if deadline is None:
        return due
    stretch = deadline - timedelta(days=policy.final_days)
    if utc_day(last_review) >= stretch or utc_day(due) < stretch:
        return due
    first = max(stretch, utc_day(now or last_review) + timedelta(days=1 if now is None else 0))
    days = max(1, (deadline - first).days)
    slot = first + timedelta(days=card_id % days)
    return min(due, datetime.combine(slot, time(), UTC))


def converge_stages(due: datetime, last_review: datetime, stages: Sequence[date], card_id: int,
                    policy: Policy = DEFAULT_POLICY, *, now: datetime | None = None) -> datetime:
    """`converge` toward every stage ahead: a card reviewed in the next stage's final stretch
    keeps its interval for that stage, but still comes round between it and the stage after."""
    ahead = sorted(s for s in set(stages) if s > utc_day(now or last_review))
    if not ahead:
        return due
    moved = converge(due, last_review, ahead[0], card_id, policy, now=now)
    if moved != due or utc_day(due) < ahead[0] or len(ahead) == 1:
        return moved
    first = max(ahead[1] - timedelta(days=policy.final_days), ahead[0] + timedelta(days=1))
    if utc_day(due) < first:
        return due
    days = max(1, (ahead[1] - first).days)
    return min(due, datetime.combine(first + timedelta(days=card_id % days), time(), UTC))


def is_overdue(due: datetime, now: datetime) -> bool:
    """Due before the start of today (UTC) and not reviewed since."""
    return due < start_of_day(now)


def days_between(earlier: datetime, later: datetime) -> float:
    return (later - earlier).total_seconds() / 86400
