"""A practice session: what to ask next, storing every answer the moment it is given, follow-up
probes, self-ratings that reschedule cards, and the report at the end. All state is in the
database, so the terminal and the web app (one request at a time) drive the same session.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopprep.answer_feedback import Analyzer, feedback_on
from loopprep.errors import PracticeError
from loopprep.model.practice import QUESTION, AttemptRecord, Followup, PracticeItem, SessionRecord
from loopprep.practice.followups import attempt_mark, choose_followups
from loopprep.practice.loop_plan import plan_loop
from loopprep.practice.questions import practice_questions
from loopprep.practice.report import session_report
from loopprep.practice.selection import Selector, named_stories
from loopprep.reviews import interviews
from loopprep.reviews.rating import RatingResult, check_now, rate_attempt
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, utc_day
from loopprep.store import practice as rows

if TYPE_CHECKING:
    from loopprep.feedback import Analysis
    from loopprep.model import Question, Story
    from loopprep.technical.tracker import LoggedPractice
    from loopprep.workspace import Workspace

#: how a session treats technical subtopics: mixed in (one item in three), only, or not at all
TECHNICAL_MODES = ("mix", "only", "none")


@dataclass(frozen=True)
class SessionOptions:
    """How a session is bounded: by minutes, by count, by principle, or a mock loop."""

    minutes: float | None = None
    count: int | None = None
    principles: tuple[str, ...] = ()
    mock_loop: bool = False
    loop_file: Path | None = None
    seed: str | None = None
    technical: str = "mix"

    @property
    def kind(self) -> str:
        if self.mock_loop:
            return "mock-loop"
        if self.technical == "only":
            return "technical"
        if self.principles:
            return "principle"
        return "timed" if self.minutes else "daily"


@dataclass(frozen=True)
class AnswerResult:
    """A stored answer: the feedback on it and the follow-up probes to ask."""

    attempt_id: int
    item: PracticeItem
    analysis: Analysis | None
    followups: tuple[Followup, ...]
    suggested_rating: int | None
    named_stories: tuple[str, ...] = ()


def suggested_rating(overall: float | None) -> int | None:
    """A self-rating to start from, given the feedback's overall score (0..10)."""
    if overall is None:
        return None
    return 1 if overall < 4 else 2 if overall < 6 else 3 if overall < 8.5 else 4


class PracticeSession:
    """One session, backed by its row in the database; create with `start` or `resume`."""

    def __init__(self, bank: Workspace, record: SessionRecord, policy: Policy = DEFAULT_POLICY,
                 analyzer: Analyzer | None = None, *, stories: Sequence[Story] | None = None,
                 questions: Sequence[Question] | None = None) -> None:
        self.bank = bank
        self.store = bank.store
        self.record = record
        self.policy = policy
        self.analyzer = analyzer
        principles = tuple(record.settings.get("principles") or ())
        questions = practice_questions(bank, now=record.started_at) if questions is None else questions
        self.selector = Selector(self.store, bank.framework,
                                 bank.stories() if stories is None else stories,
                                 questions=questions, policy=policy, principles=principles or None)

    # -- lifecycle ------------------------------------------------------------------------
    @classmethod
    def start(cls, bank: Workspace, options: SessionOptions, *, now: datetime,
              policy: Policy = DEFAULT_POLICY, analyzer: Analyzer | None = None) -> PracticeSession:
        check_now(now)
        if options.minutes is not None and options.minutes <= 0:
            raise PracticeError("--minutes must be more than 0")
        if options.count is not None and options.count <= 0:
            raise PracticeError("--count must be at least 1")
        unknown = [p for p in options.principles if bank.framework.get(p) is None]
        if unknown:
            raise PracticeError(f"unknown principle {unknown[0]!r}",
                                hint="`loopprep principles` lists the slugs, e.g. dive-deep.")
        _check_technical(bank, options, now)
        settings: dict[str, Any] = {
            "minutes": options.minutes, "count": options.count,
            "principles": list(options.principles), "seed": options.seed or now.isoformat(),
            "technical": options.technical,
        }
        if options.mock_loop:
            settings["plan"] = plan_loop(bank, options.loop_file, settings["seed"], now, policy)
        interviews.reconverge(bank.store, now, policy)
        with bank.store.transaction() as conn:
            session_id = rows.add_session(conn, options.kind, settings, now)
        return cls(bank, rows.get_session(bank.store, session_id), policy, analyzer)

    @classmethod
    def resume(cls, bank: Workspace, session_id: int, *, policy: Policy = DEFAULT_POLICY,
               analyzer: Analyzer | None = None, stories: Sequence[Story] | None = None,
               questions: Sequence[Question] | None = None) -> PracticeSession:
        return cls(bank, rows.get_session(bank.store, session_id), policy, analyzer,
                   stories=stories, questions=questions)

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def settings(self) -> dict[str, Any]:
        return self.record.settings

    def asked(self) -> list[tuple[str, str]]:
        return rows.session_items(self.store, self.id)

    def time_left(self, now: datetime) -> float | None:
        """Seconds left in a timed session (None when it is not timed)."""
        minutes = self.settings.get("minutes")
        if not minutes:
            return None
        return float(minutes) * 60 - (now - self.record.started_at).total_seconds()

    # -- asking ---------------------------------------------------------------------------
    def next_item(self, now: datetime) -> PracticeItem | None:
        """What to ask next, or None when the session is done (count, time, plan, or
        nothing due and no room for new cards today)."""
        check_now(now)
        asked_list = self.asked()
        asked = set(asked_list)
        count = self.settings.get("count")
        if self.record.ended_at is not None or (count and len(asked_list) >= count):
            return None
        left = self.time_left(now)
        if left is not None and left <= 0:
            return None
        rng = random.Random(f"{self.settings['seed']}:{len(asked_list)}")
        if "plan" in self.settings:
            return self._planned(asked)
        mode = self.settings.get("technical", "mix")
        if self.settings.get("principles"):
            mode = "none"
        if mode == "only":
            return self._technical_next(now, asked)
        if mode == "mix" and _technical_turn([kind for kind, _ in asked_list]):
            item = self._technical_next(now, asked)
            if item:
                return item
        item = self._behavioral_next(now, asked, rng)
        if item is None and mode == "mix":
            item = self._technical_next(now, asked)
        return item

    def _behavioral_next(self, now: datetime, asked: set[tuple[str, str]],
                         rng: random.Random) -> PracticeItem | None:
        count = self.settings.get("count")
        item = self.selector.due(now, asked)
        if item:
            return item
        deadline = interviews.deadline(self.store, now)
        if deadline is not None and self.selector.in_final_stretch(now, deadline):
            item = self.selector.overview(now, deadline, asked, allow_new=True)
            if item:
                return item
        explicit = bool(count or self.settings.get("minutes") or self.settings.get("principles"))
        deck_full = deadline is not None and rows.count_cards(self.store) >= self.policy.max_deck
        if self.selector.new_budget(now, deadline) > 0 or (explicit and not deck_full):
            item = self.selector.weighted_new(rng, asked)
            if item:
                return item
        return self.selector.ahead(asked) if explicit else None

    def _technical_next(self, now: datetime, asked: set[tuple[str, str]]) -> PracticeItem | None:
        """A due technical card, else a tracked subtopic not yet scheduled (within today's
        room for new items), else (in a session by count or time) one ahead of schedule."""
        from loopprep.technical.practice import TechnicalPicker

        picker = TechnicalPicker(self.bank)
        item = picker.due(now, asked)
        if item:
            return item
        explicit = bool(self.settings.get("count") or self.settings.get("minutes"))
        deadline = interviews.deadline(self.store, now)
        deck_full = deadline is not None and rows.count_cards(self.store) >= self.policy.max_deck
        if self.selector.new_budget(now, deadline) > 0 or (explicit and not deck_full):
            item = picker.new(now, asked)
            if item:
                return item
        return picker.ahead(now, asked) if explicit else None

    def _planned(self, asked: set[tuple[str, str]]) -> PracticeItem | None:
        for entry in self.settings["plan"]:
            if (QUESTION, entry["ref"]) in asked:
                continue
            question = self.selector.question(entry["ref"])
            if question is None:
                continue
            item = self.selector.question_item(question, f"asked by {entry['interviewer']}",
                                               interviewer=entry["interviewer"],
                                               bar_raiser=entry["bar_raiser"])
            # In a loop the interviewer asks for their principle, whatever else the question
            # touches; scores and reports go to that principle.
            return PracticeItem(**{**item.__dict__, "principle": entry["principle"],
                                   "principle_name": self.selector.name(entry["principle"])})
        return None

    # -- answering ------------------------------------------------------------------------
    def answer(self, item: PracticeItem, text: str, *, started_at: datetime, ended_at: datetime,
               interrupted: bool = False, spoken: dict[str, Any] | None = None) -> AnswerResult:
        """Store an answer at once (also an interrupted one, so nothing typed is lost), then
        analyse it and choose the follow-up probes. `spoken`: for an answer said out loud,
        what was heard and its delivery (`loopprep.speech`), stored with the feedback."""
        check_now(started_at)
        check_now(ended_at)
        if item.kind == "technical":
            raise PracticeError("a technical item is logged, not answered",
                                hint="Log the problem and its outcome (PracticeSession.log_technical).")
        analysis = None
        followups: tuple[Followup, ...] = ()
        named: tuple[str, ...] = ()
        feedback = None
        overall = None
        if not interrupted and item.kind == QUESTION:
            analysis = feedback_on(text, question=item.prompt, framework=self.bank.framework,
                                   principles=item.principles or (
                                       (item.principle,) if item.principle else ()),
                                   today=utc_day(ended_at), analyzer=self.analyzer)
            feedback = analysis.to_json()
            overall = round(float(analysis.overall), 2)
            rng = random.Random(f"{self.settings['seed']}:{item.ref}:probes")
            recent = {f.probe for a in rows.attempts(self.store, session_id=self.id)
                      for f in a.followups}
            followups = tuple(choose_followups(analysis, item.principle, item.principle_name, rng,
                                               avoid=recent))
        elif not interrupted:
            named = named_stories(item, text)
        if spoken:
            feedback = {**(feedback or {}), **spoken}
        with self.store.transaction() as conn:
            attempt_id = rows.add_attempt(
                conn, session_id=self.id, kind=item.kind, ref=item.ref, question_id=item.question_id,
                question=item.prompt, principle=item.principle, interviewer=item.interviewer,
                answer=text, status="interrupted" if interrupted else "answered",
                started_at=started_at, ended_at=ended_at, feedback=feedback, overall=overall,
                card_id=item.card_id,
            )
            if followups:
                rows.set_followups(conn, attempt_id, followups)
        suggestion = suggested_rating(overall) if item.kind == QUESTION else (3 if named else 1)
        return AnswerResult(attempt_id, item, analysis, followups,
                            None if interrupted else suggestion, named)

    def answer_followup(self, attempt_id: int, index: int, text: str, seconds: float | None, *,
                        interrupted: bool = False) -> AttemptRecord:
        """Store the answer to follow-up `index` of an attempt (interrupted ones too); an
        answer given is marked, and the marks count toward the attempt's."""
        from loopprep.feedback.followup import mark_followup

        attempt = rows.get_attempt(self.store, attempt_id)
        if not 0 <= index < len(attempt.followups):
            raise PracticeError(f"attempt {attempt_id} has no follow-up {index + 1}")
        updated = list(attempt.followups)
        old = updated[index]
        # A probe left blank (answered out loud, or skipped) is not marked.
        mark = None if interrupted or not text.strip() else mark_followup(text, old.probe).overall
        updated[index] = Followup(old.probe, old.why, text, seconds, mark)
        first = (attempt.feedback or {}).get("overall")
        with self.store.transaction() as conn:
            rows.set_followups(conn, attempt_id, updated)
            if first is not None:  # the follow-ups count toward the attempt's mark
                rows.set_overall(conn, attempt_id, attempt_mark(float(first), updated))
            if interrupted:
                rows.set_status(conn, attempt_id, "interrupted")
        return rows.get_attempt(self.store, attempt_id)

    def log_technical(self, item: PracticeItem, *, problem: str, outcome: str, now: datetime,
                      link: str | None = None, minutes: float | None = None, notes: str = "",
                      rating: int | None = None) -> LoggedPractice:
        """Log what the candidate did for a technical item (problem, outcome, minutes, a
        self-rating 1..5); it is stored with the session and reschedules the subtopic's card."""
        from loopprep.technical.tracker import log_practice

        return log_practice(self.bank, item.ref, problem=problem or item.prompt, outcome=outcome,
                            now=now, link=link, minutes=minutes, notes=notes, rating=rating,
                            session_id=self.id, prompt=item.prompt)

    def rate(self, attempt_id: int, rating: int, *, now: datetime) -> RatingResult:
        """The candidate's self-rating (1 again, 2 hard, 3 good, 4 easy): stored with the
        attempt and used to reschedule the card (created on its first rating)."""
        return rate_attempt(self.bank, attempt_id, rating, now=now, policy=self.policy)

    def finish(self, now: datetime) -> dict[str, Any]:
        """End the session and store its report (also returned)."""
        report = session_report(self.bank, self.id, now=now)
        with self.store.transaction() as conn:
            rows.end_session(conn, self.id, report, now)
        self.record = rows.get_session(self.store, self.id)
        return report




def _technical_turn(asked_kinds: list[str]) -> bool:
    from loopprep.technical.practice import technical_turn

    return technical_turn(asked_kinds)


def _check_technical(bank: Workspace, options: SessionOptions, now: datetime) -> None:
    if options.technical not in TECHNICAL_MODES:
        raise PracticeError(f"technical mode {options.technical!r} is not one of mix, only, none")
    if options.technical != "only":
        return
    if options.principles or options.mock_loop:
        raise PracticeError("a technical session cannot also keep to principles or play a loop",
                            hint="Leave out --principle and --mock-loop with --technical.")
    from loopprep.technical.practice import TechnicalPicker

    if not TechnicalPicker(bank).tracks(now):
        raise PracticeError("you track no technical subtopics yet",
                            hint="Import notes with a technical checklist, or rate one: "
                            "loopprep tech rate SUBTOPIC 1-5 (loopprep tech topics --all lists them).")
