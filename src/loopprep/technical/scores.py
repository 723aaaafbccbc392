"""How ready one subtopic is, as a number in 0..1, and the FSRS rating a piece of logged
practice gives its card. Plain arithmetic, stated in README.md ("Readiness").
"""

from __future__ import annotations

from collections.abc import Sequence

RATING_WEIGHT = 0.6  # the latest self-rating
PRACTICE_WEIGHT = 0.4  # the last few logged outcomes
RECENT_OUTCOMES = 3
OUTCOME_VALUE = {"solved": 1.0, "partial": 0.5, "failed": 0.0}
#: a subtopic ticked off in the notes but never rated counts as rated 3 of 5
CHECKED_RATING = 3


def rating_part(rating: int | None, checked: bool | None) -> float:
    """The self-rating 1..5 as 0..1; unrated: ticked off in the notes counts as a 3."""
    if rating is None:
        rating = CHECKED_RATING if checked else None
    return 0.0 if rating is None else (rating - 1) / 4


def practice_part(outcomes: Sequence[str], overdue: bool) -> float:
    """The mean of the last few outcomes (solved 1, partial ½, failed 0), halved while the
    subtopic's review is overdue: practice that is not kept up goes stale."""
    recent = [OUTCOME_VALUE[o] for o in outcomes[:RECENT_OUTCOMES] if o in OUTCOME_VALUE]
    value = sum(recent) / len(recent) if recent else 0.0
    return value / 2 if overdue else value


def subtopic_score(rating: int | None, checked: bool | None, outcomes: Sequence[str],
                   overdue: bool) -> float:
    """How ready the candidate is on one subtopic, 0..1."""
    return round(RATING_WEIGHT * rating_part(rating, checked)
                 + PRACTICE_WEIGHT * practice_part(outcomes, overdue), 4)


def review_rating(outcome: str, confidence: int | None) -> int:
    """The FSRS rating (1 again .. 4 easy) of logged practice: failed is 'again', partial
    'hard', solved 'good', or 'easy' when you also rate yourself 5 on the subtopic."""
    if outcome == "failed":
        return 1
    if outcome == "partial":
        return 2
    return 4 if confidence is not None and confidence >= 5 else 3
