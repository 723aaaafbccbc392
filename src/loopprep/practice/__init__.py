"""Practice: mock interviews with follow-up probes, spaced repetition (FSRS) toward the
interview date, sessions by time, principle or mock loop, and progress. Nothing here prints;
the terminal and the web app drive a `PracticeSession` the same way.
"""

from loopprep.errors import PracticeError
from loopprep.model.practice import AttemptRecord, CardRecord, Followup, Interview, Stage
from loopprep.practice.report import session_report
from loopprep.practice.schedule import DEFAULT_POLICY, Policy, is_overdue
from loopprep.practice.selection import PracticeItem, StoryCue
from loopprep.practice.session import (
    AnswerResult,
    PracticeSession,
    RatingResult,
    SessionOptions,
    rate_attempt,
)

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
