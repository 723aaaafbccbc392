"""Each export as one call: render from the plan or the bank, then write through the
manifest (atomic, backed up, never over a file the user changed). What the CLI and the
web app call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from loopprep.errors import LoopprepError
from loopprep.export.files import OutputFile, WriteReport, write_outputs
from loopprep.model import Question
from loopprep.plan.planner import LoopPlan
from loopprep.store import Store

SUFFIXES = {"html": ".html", "md": ".md", "pdf": ".pdf"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    files: WriteReport
    details: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "kind": self.kind, **self.files.to_json(), **self.details}


def render_cheatsheet(plan: LoopPlan, fmt: str, *, today: date, store: Store | None = None) -> bytes:
    """The cheat sheet in `fmt` (html, md or pdf) as bytes; with `store`, the best practice
    answers given fill what the stories do not say yet."""
    from loopprep.export.best_answers import best_answers
    from loopprep.export.cheatsheet import build_cheatsheet, render_html, render_markdown

    if fmt not in SUFFIXES:
        raise LoopprepError(f"unknown cheat sheet format {fmt!r}", hint="Use html, md or pdf.")
    used = {f.story_id for s in plan.slots for f in (s.primary, s.backup) if f is not None}
    answers = best_answers(store, [plan.story_by_id[i] for i in sorted(used)]) if store else None
    sheet = build_cheatsheet(plan, today=today, answers=answers)
    if fmt == "html":
        return render_html(sheet).encode("utf-8")
    if fmt == "md":
        return render_markdown(sheet).encode("utf-8")
    from loopprep.export.pdf import render_pdf

    return render_pdf(sheet)


def export_cheatsheet(store: Store, plan: LoopPlan, path: Path, fmt: str, *, today: date,
                      now: datetime, force: bool = False) -> ExportResult:
    data = render_cheatsheet(plan, fmt, today=today, store=store)
    return _write(store, path, data, "cheatsheet", now, force, {"format": fmt})


def render_anki(plan: LoopPlan, note_questions: Sequence[Question]) -> tuple[bytes, dict[str, Any]]:
    """The Anki deck (.apkg bytes) and what is in it, written nowhere."""
    from loopprep.export.anki import build_cards, render_deck

    cards = build_cards(plan, note_questions)
    return (render_deck(plan, note_questions),
            {"cards": len(cards), "story_cards": sum(c.kind == "story" for c in cards)})


def export_anki(store: Store, plan: LoopPlan, path: Path, note_questions: Sequence[Question], *,
                now: datetime, force: bool = False) -> ExportResult:
    data, details = render_anki(plan, note_questions)
    return _write(store, path, data, "anki", now, force, details)


def export_calendar(store: Store, plan: LoopPlan, path: Path, *, interview_date: date | None,
                    today: date, now: datetime, at: time = time(18, 0), minutes: int = 30,
                    force: bool = False) -> ExportResult:
    data, details = render_calendar(store, plan, interview_date=interview_date, today=today,
                                    now=now, at=at, minutes=minutes)
    return _write(store, path, data, "calendar", now, force, details)


def render_calendar(store: Store, plan: LoopPlan, *, interview_date: date | None, today: date,
                    now: datetime, at: time = time(18, 0), minutes: int = 30
                    ) -> tuple[bytes, dict[str, Any]]:
    """The practice calendar (.ics bytes) toward the interview and what is in it."""
    from loopprep.export.ics import practice_events, write_ics
    from loopprep.reviews.interviews import last_stage, upcoming_stages
    from loopprep.store.practice import cards

    day = interview_date or (date.fromisoformat(plan.loop.date) if plan.loop.date else None)
    day = day or last_stage(store, now)
    if day is None:
        raise LoopprepError("the calendar needs the day of your interview",
                            hint="Pass --interview-date 2026-12-01, set date = in the loop file, "
                                 "or add it with `loopprep interview add`.")
    due: dict[date, list[str]] = {}
    for card in cards(store):  # the practice scheduler's cards, by the day they fall due
        if card.principle:
            due.setdefault(card.due.date(), []).append(card.principle)
    stages = [(f"{interview.company} {stage.name}", stage.date)
              for interview, stage in upcoming_stages(store, today) if today < stage.date < day]
    events = practice_events(plan, interview_date=day, today=today, at=at, minutes=minutes, due=due,
                             stages=stages)
    data = write_ics(events, now=now, name=f"loopprep: {plan.loop.name}").encode("utf-8")
    return data, {"events": len(events), "interview_date": day.isoformat(),
                  "stages": [{"name": name, "date": when.isoformat()} for name, when in stages]}


def _write(store: Store, path: Path, data: bytes, kind: str, now: datetime, force: bool,
           details: dict[str, Any]) -> ExportResult:
    base = path.parent if str(path.parent) else Path(".")
    report = write_outputs(store, [OutputFile(path, data, kind)], base=base, now=now, force=force)
    return ExportResult(path, kind, report, details)
