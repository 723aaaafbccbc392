"""The story bank: one open loopprep home (its database and its framework), and the
operations every edge needs. The CLI and the web app both go through a `Bank`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopprep.coverage import Coverage, compute_coverage
from loopprep.frameworks import DEFAULT_FRAMEWORK, load_framework
from loopprep.home import database_path
from loopprep.model import ImportedFile, ImportReport, PrincipleSlug, Question, Story
from loopprep.store import Store
from loopprep.store import notes as note_rows
from loopprep.workspace import FRAMEWORK_SETTING, Workspace

if TYPE_CHECKING:
    from loopprep.classify import Ranking, StoryMatch
    from loopprep.export.outputs import ExportResult
    from loopprep.export.vault import VaultReport
    from loopprep.feedback import Analysis
    from loopprep.model.practice import CardRecord, Stage
    from loopprep.plan.loops import Loop
    from loopprep.plan.planner import LoopPlan, PlanOptions
    from loopprep.practice import (
        AttemptRecord,
        Interview,
        PracticeSession,
        RatingResult,
        SessionOptions,
    )
    from loopprep.practice.to_story import StoryDraft
    from loopprep.questions import ListedQuestion
    from loopprep.store.doctor import Checkup
    from loopprep.store.review import ReviewNode
    from loopprep.technical.tracker import LoggedPractice, SubtopicState



class Bank(Workspace):
    """An open story bank: the door the CLI and the web app use, one method per operation.
    Use as a context manager, or call `close()`. The features underneath take the
    `Workspace` it is, never the Bank."""

    @classmethod
    def open(cls, home: Path, *, framework: str | None = None) -> Bank:
        """Open the bank in `home`; `framework` (a name or path) overrides the saved choice."""
        store = Store.open(database_path(home))
        try:
            name = framework or store.get_setting(FRAMEWORK_SETTING) or DEFAULT_FRAMEWORK
            loaded = load_framework(name, home=home)
        except BaseException:
            store.close()
            raise
        return cls(store, loaded, home)

    @classmethod
    def in_memory(cls, framework: str = DEFAULT_FRAMEWORK) -> Bank:
        return cls(Store.memory(), load_framework(framework))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Bank:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def import_notes(self, paths: Sequence[Path | str], *, now: datetime,
                     skip_unreadable: bool = False) -> ImportReport:
        """Import notes files or vault folders (the framework in use is remembered);
        `skip_unreadable` imports the rest when a folder cannot be read."""
        from loopprep.importing import import_into

        return import_into(self, paths, now=now, skip_unreadable=skip_unreadable)

    def review(self) -> list[ReviewNode]:
        """The lines of the imported notes left unfiled or unsure, by file and line."""
        from loopprep.store.review import list_review_nodes

        return list_review_nodes(self.store)

    def correct(self, choices: Sequence[tuple[ReviewNode, str, str]], *,
                now: datetime) -> list[ImportReport]:
        """File reviewed lines, each (line, choice, target): a story for a principle, a
        detail of a story, a question, or nothing; the choices are kept and survive
        re-import. All are checked before any is filed."""
        from loopprep.import_review import correct_nodes

        return correct_nodes(self, choices, now=now)

    def add_story(self, title: str, *, now: datetime, principles: Sequence[str] = (),
                  fields: dict[str, Any] | None = None) -> Story:
        """Create a story by hand (not from notes); its id is a slug of the title."""
        from loopprep.stories import add_story

        return add_story(self, title, now=now, principles=principles, fields=fields or {})

    def update_story(self, story_id: str, fields: dict[str, Any], *, now: datetime) -> Story:
        """Change a story's developed fields (STAR parts, title, org, date, metrics, tags)."""
        from loopprep.stories import update_story

        return update_story(self, story_id, fields, now=now)

    def tag_story(self, story_id: str, principles: Sequence[str]) -> Story:
        """Set the principles the user files a story under (links from notes are kept)."""
        from loopprep.stories import tag_story

        return tag_story(self, story_id, principles)

    def classify(self, questions: Sequence[str]) -> list[Ranking]:
        """Every principle of the framework for each question, best first (calibrated)."""
        from loopprep.classify import classify

        return classify(questions, self.framework)

    def feedback_on(self, answer: str, *, question: str | None, today: date) -> Analysis:
        """Feedback on an answer to ``question``, read against the principles it probes."""
        from loopprep.answer_feedback import feedback_on

        return feedback_on(answer, question=question, framework=self.framework, today=today)

    def match(self, question: str, *, limit: int = 5,
              stories: Sequence[Story] | None = None) -> list[StoryMatch]:
        """The stories that fit `question`, best first, each with a reason; ``stories``: the
        live stories when the caller has them already."""
        from loopprep.classify import match_stories

        return match_stories(self, question, limit=limit, stories=stories)

    def questions(self, *, now: datetime, principle: str | None = None, origin: str | None = None,
                  search: str | None = None) -> list[ListedQuestion]:
        """The question bank, the notes' questions and the user's own, filtered."""
        from loopprep.questions import list_questions

        return list_questions(self, now=now, principle=principle, origin=origin, search=search)

    def add_question(self, text: str, *, now: datetime, principles: Sequence[str] = ()
                     ) -> tuple[ListedQuestion, Ranking | None]:
        """Add the user's own question; without principles the classifier files it."""
        from loopprep.questions import add_question

        return add_question(self, text, now=now, principles=principles)

    def loop(self, *, loop_file: Path | None = None, interviewers: Sequence[str] = (),
             bar_raiser: str | None = None) -> Loop:
        """The interview loop to plan for: a loop file, `Name: p1, p2` specs, or the typical one."""
        from loopprep.plan.loops import choose_loop

        return choose_loop(self.framework, loop_file=loop_file, interviewers=interviewers,
                           bar_raiser=bar_raiser)

    def plan_loop(self, loop: Loop | None = None, *, today: date,
                  options: PlanOptions | None = None,
                  stories: Sequence[Story] | None = None) -> LoopPlan:
        """Which story to tell which interviewer (see `loopprep.plan`); ``stories``: the live
        stories when the caller has them already."""
        from loopprep.plan.planner import plan_loop

        return plan_loop(list(stories) if stories is not None else self.stories(),
                         self.framework, loop or self.loop(), today=today, options=options)

    def export_vault(self, folder: Path, *, now: datetime, force: bool = False) -> VaultReport:
        """One structured note per story and an index, into `folder` (see loopprep.export)."""
        from loopprep.export.vault import export_vault

        return export_vault(self.store, self.stories(), self.framework, folder, now=now, force=force)

    def export_cheatsheet(self, plan: LoopPlan, path: Path, fmt: str, *, today: date, now: datetime,
                          force: bool = False) -> ExportResult:
        from loopprep.export.outputs import export_cheatsheet

        return export_cheatsheet(self.store, plan, path, fmt, today=today, now=now, force=force)

    def export_anki(self, plan: LoopPlan, path: Path, *, now: datetime, force: bool = False) -> ExportResult:
        from loopprep.export.outputs import export_anki

        return export_anki(self.store, plan, path, self.note_questions(), now=now, force=force)

    def export_calendar(self, plan: LoopPlan, path: Path, *, interview_date: date | None, today: date,
                        now: datetime, at: time | None = None, minutes: int = 30,
                        force: bool = False) -> ExportResult:
        from loopprep.export.outputs import export_calendar

        return export_calendar(self.store, plan, path, interview_date=interview_date, today=today,
                               now=now, at=at or time(18, 0), minutes=minutes, force=force)

    def downloads(self, plan: LoopPlan, kind: str, *, today: date, now: datetime) -> bytes:
        """An export as a download, written nowhere: "anki" (.apkg), "calendar" (.ics, toward
        the last interview stage) or "vault" (a zip of the story notes)."""
        from loopprep.export.outputs import render_anki, render_calendar
        from loopprep.export.vault import vault_zip

        if kind == "anki":
            return render_anki(plan, self.note_questions())[0]
        if kind == "calendar":
            return render_calendar(self.store, plan, interview_date=None, today=today, now=now)[0]
        if kind == "vault":
            return vault_zip(self.stories(), self.framework)
        raise ValueError(f"unknown download {kind!r}")

    def checkup(self) -> Checkup:
        """SQLite's integrity check of this home's database, read-only."""
        from loopprep.store.doctor import Checkup, check

        return check(self.store.path) if self.store.path else Checkup(Path(":memory:"), False, ())

    def coverage(self, *, today: date, stories: Sequence[Story] | None = None,
                 **options: Any) -> Coverage:
        """The coverage map; `stories` saves reading them again when the caller just did."""
        return compute_coverage(
            list(stories) if stories is not None else self.stories(),
            self.framework,
            today=today,
            notes_texts=note_rows.principle_texts(self.store),
            findings=note_rows.list_findings(self.store),
            **options,
        )

    # -- practice (loopprep.practice) ------------------------------------------------------
    def start_practice(self, options: SessionOptions | None = None, *, now: datetime
                       ) -> PracticeSession:
        """Start a practice session (daily by default; by minutes, principle or mock loop)."""
        from loopprep.practice import PracticeSession, SessionOptions

        return PracticeSession.start(self, options or SessionOptions(), now=now)

    def resume_practice(self, session_id: int, *, stories: Sequence[Story] | None = None,
                        questions: Sequence[Question] | None = None) -> PracticeSession:
        """A session again; `stories` and `questions` (`practice_questions`) save reading
        them again when the caller keeps them."""
        from loopprep.practice import PracticeSession

        return PracticeSession.resume(self, session_id, stories=stories, questions=questions)

    def practice_questions(self, *, now: datetime) -> tuple[Question, ...]:
        """The questions practice asks (the bank's, your notes' and your own)."""
        from loopprep.practice.questions import practice_questions

        return practice_questions(self, now=now)

    def rate_attempt(self, attempt_id: int, rating: int, *, now: datetime) -> RatingResult:
        from loopprep.practice import rate_attempt

        return rate_attempt(self, attempt_id, rating, now=now)

    def answer_as_story(self, attempt_id: int) -> StoryDraft:
        """What saving a practice answer as a story would write (nothing is written)."""
        from loopprep.practice.to_story import draft

        return draft(self, attempt_id)

    def save_answer_as_story(self, attempt_id: int, fields: dict[str, Any], *, now: datetime,
                             story_id: str | None = None, title: str | None = None) -> Story:
        """Write an answer's confirmed STAR fields into a story (or a new one)."""
        from loopprep.practice.to_story import save

        return save(self, attempt_id, fields, now=now, story_id=story_id, title=title)

    def add_interview(self, company: str, *, role: str = "", day: date | str,
                      stages: Sequence[str] = (), now: datetime) -> Interview:
        from loopprep.reviews.interviews import add_interview

        return add_interview(self.store, company, role=role, day=day, stages=stages, now=now)

    def interviews(self) -> list[Interview]:
        from loopprep.reviews.interviews import list_interviews

        return list_interviews(self.store)

    def remove_interview(self, interview_id: int) -> Interview:
        from loopprep.reviews.interviews import remove_interview

        return remove_interview(self.store, interview_id)

    def edit_interview(self, interview_id: int, company: str, *, role: str = "",
                       day: date | str, stages: Sequence[str] = (), now: datetime) -> Interview:
        from loopprep.reviews.interviews import edit_interview

        return edit_interview(self.store, interview_id, company, role=role, day=day,
                              stages=stages, now=now)

    def upcoming_stages(self, today: date) -> list[tuple[Interview, Stage]]:
        """Every interview stage from ``today`` on, soonest first."""
        from loopprep.reviews.interviews import upcoming_stages

        return upcoming_stages(self.store, today)

    def attempt(self, attempt_id: int) -> AttemptRecord:
        from loopprep.store.practice import get_attempt

        return get_attempt(self.store, attempt_id)

    def card(self, card_id: int) -> CardRecord:
        from loopprep.store.practice import get_card

        return get_card(self.store, card_id)

    def attempts(self, *, session_id: int | None = None, limit: int | None = None,
                 offset: int = 0, newest_first: bool = True) -> list[AttemptRecord]:
        """Stored attempts (of one session), newest first unless asked otherwise."""
        from loopprep.store.practice import attempts

        return attempts(self.store, session_id=session_id, limit=limit, offset=offset,
                        newest_first=newest_first)

    def count_attempts(self) -> int:
        from loopprep.store.practice import count_attempts

        return count_attempts(self.store)

    def principle_texts(self) -> dict[PrincipleSlug, str]:
        """The principle descriptions found in the user's notes."""
        return note_rows.principle_texts(self.store)

    def imported_files(self) -> list[ImportedFile]:
        return note_rows.imported_sources(self.store)

    def cheat_sheet(self, plan: LoopPlan, fmt: str, *, today: date) -> bytes:
        """The plan's cheat sheet as bytes in ``fmt`` (html, md or pdf)."""
        from loopprep.export.outputs import render_cheatsheet

        return render_cheatsheet(plan, fmt, today=today, store=self.store)

    def due(self, *, now: datetime) -> list[dict[str, Any]]:
        """Cards due today, most overdue first."""
        from loopprep.practice.progress import due_items

        return due_items(self, now)

    def practice_status(self, *, now: datetime) -> dict[str, Any]:
        """The home screen: countdown, due counts, room for new cards, weakest, streak."""
        from loopprep.practice.progress import status

        return status(self, now)

    def progress(self, *, now: datetime) -> dict[str, Any]:
        """Per-principle trends, streaks, due counts and attempt counts."""
        from loopprep.practice.progress import progress

        return progress(self, now)

    # -- technical readiness (loopprep.technical) -----------------------------------------
    def tech_topics(self, *, now: datetime, topic: str | None = None) -> dict[str, Any]:
        """Every technical topic (or one) and its subtopics: ratings, practice, due dates."""
        from loopprep.technical.tracker import topics_view

        return topics_view(self, now=now, topic=topic)

    def tech_subtopic(self, name: str, *, now: datetime) -> dict[str, Any]:
        """One subtopic in full: rating history, practice log, notes, card."""
        from loopprep.technical.tracker import details

        return details(self, name, now=now)

    def rate_subtopic(self, name: str, rating: int, *, now: datetime) -> SubtopicState:
        """Self-rate a subtopic 1 (lost) .. 5 (could teach it); history is kept."""
        from loopprep.technical.tracker import rate

        return rate(self, name, rating, now=now)

    def log_technical(self, name: str, *, problem: str, outcome: str, now: datetime,
                      link: str | None = None, minutes: float | None = None, notes: str = "",
                      rating: int | None = None) -> LoggedPractice:
        """Log practice on a subtopic; it reviews the subtopic's card on the schedule."""
        from loopprep.technical.tracker import log_practice

        return log_practice(self, name, problem=problem, outcome=outcome, now=now, link=link,
                            minutes=minutes, notes=notes, rating=rating)

    def note_subtopic(self, name: str, note: str, *, now: datetime) -> SubtopicState:
        from loopprep.technical.tracker import add_note

        return add_note(self, name, note, now=now)

    def readiness(self, *, now: datetime, stories: Sequence[Story] | None = None) -> dict[str, Any]:
        """Behavioral and technical readiness against the days left (see loopprep.readiness)."""
        from loopprep.readiness import readiness

        return readiness(self, now=now, stories=stories)
