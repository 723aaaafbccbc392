"""Practice: mock interviews with follow-up probes, spaced repetition (FSRS) toward the
interview date, sessions by time, principle or mock loop, and progress. Nothing here prints;
the terminal and the web app drive a `PracticeSession` the same way.
"""

from loopprep.errors import PracticeError
from loopprep.model.practice import (
    AttemptRecord,
    CardRecord,
    Followup,
    Interview,
    PracticeItem,
    Stage,
    StoryCue,
)
from loopprep.practice.report import session_report
from loopprep.practice.session import AnswerResult, PracticeSession, SessionOptions
from loopprep.reviews.rating import RatingResult, rate_attempt
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, is_overdue

__all__ = [
    "DEFAULT_POLICY",
    "AnswerResult",
    "AttemptRecord",
    "CardRecord",
    "Followup",
    "Interview",
    "Policy",
    "PracticeError",
    "PracticeItem",
    "PracticeSession",
    "RatingResult",
    "SessionOptions",
    "Stage",
    "StoryCue",
    "is_overdue",
    "rate_attempt",
    "session_report",
]
