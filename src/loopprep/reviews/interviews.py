"""Interviews to prepare for: company, role, date and stages (phone screen, loop). The next
stage date is the deadline the practice schedule converges on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from loopprep.errors import LoopprepError
from loopprep.model.practice import Interview, Stage
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, converge_stages, utc_day
from loopprep.store import Store
from loopprep.store import practice as rows

DEFAULT_STAGE = "loop"


class InterviewError(LoopprepError):
    """An interview that cannot be recorded as given (a bad or past date, no company)."""


def parse_day(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InterviewError(f"{what} {text!r} is not a date",
                             hint="Write dates as YYYY-MM-DD, e.g. 2025-04-10.") from None


def parse_stage(text: str, default: date) -> Stage:
    """`"phone screen=2025-03-20"`, or just a name (then on the interview's date)."""
    name, sep, when = text.partition("=")
    name = name.strip()
    if not name:
        raise InterviewError(f"stage {text!r} has no name",
                             hint="Write a stage as NAME or NAME=YYYY-MM-DD, e.g. 'phone screen=2025-03-20'.")
    return Stage(name, parse_day(when, f"the date of stage {name!r}") if sep else default)


def add_interview(store: Store, company: str, *, role: str = "", day: date | str,
                  stages: Sequence[str | Stage] = (), now: datetime,
                  policy: Policy = DEFAULT_POLICY) -> Interview:
    """Record an interview; refuse past dates and stages after the interview's date. Cards
    already practised are brought forward so they come round before the first stage."""
    company, final, parsed = _checked(company, day, stages, now)
    with store.transaction() as conn:
        interview_id = rows.add_interview(conn, company, role.strip(), final, parsed, now)
        reconverge(store, now, policy)
    return rows.get_interview(store, interview_id)


def edit_interview(store: Store, interview_id: int, company: str, *, role: str = "",
                   day: date | str, stages: Sequence[str | Stage] = (), now: datetime,
                   policy: Policy = DEFAULT_POLICY) -> Interview:
    """Change an interview's company, role, date or stages (checked as when adding); the
    schedule converges on the new dates."""
    rows.get_interview(store, interview_id)  # a clear error for an unknown id
    company, final, parsed = _checked(company, day, stages, now)
    with store.transaction() as conn:
        rows.update_interview(conn, interview_id, company, role.strip(), final, parsed)
        reconverge(store, now, policy)
    return rows.get_interview(store, interview_id)


def _checked(company: str, day: date | str, stages: Sequence[str | Stage],
             now: datetime) -> tuple[str, date, list[Stage]]:
    company = company.strip()
    if not company:
        raise InterviewError("an interview needs a company", hint="e.g. loopprep interview add Amazon ...")
    final = parse_day(day) if isinstance(day, str) else day
    today = utc_day(now)
    parsed = [s if isinstance(s, Stage) else parse_stage(s, final) for s in stages]
    parsed = parsed or [Stage(DEFAULT_STAGE, final)]
    for stage in [Stage("interview", final), *parsed]:
        if stage.date < today:
            raise InterviewError(
                f"the {stage.name} date {stage.date.isoformat()} is in the past (today is "
                f"{today.isoformat()})", hint="Give the date the interview will take place.")
        if stage.date > final:
            raise InterviewError(
                f"stage {stage.name!r} on {stage.date.isoformat()} is after the interview date "
                f"{final.isoformat()}", hint="--date is the day of the last stage (the loop).")
    parsed.sort(key=lambda s: s.date)
    return company, final, parsed


def remove_interview(store: Store, interview_id: int) -> Interview:
    interview = rows.get_interview(store, interview_id)
    with store.transaction() as conn:
        rows.remove_interview(conn, interview_id)
    return interview


def list_interviews(store: Store) -> list[Interview]:
    return rows.list_interviews(store)


def upcoming_stages(store: Store, today: date) -> list[tuple[Interview, Stage]]:
    """Every stage from today on, soonest first."""
    out = [(i, s) for i in rows.list_interviews(store) for s in i.stages if s.date >= today]
    return sorted(out, key=lambda pair: (pair[1].date, pair[0].id))


def deadline(store: Store, now: datetime) -> date | None:
    """The next stage date after today: the day the schedule must be ready for."""
    today = utc_day(now)
    later = [s.date for _, s in upcoming_stages(store, today) if s.date > today]
    return min(later) if later else None


def stage_dates(store: Store, now: datetime) -> list[date]:
    """Every stage date after today, soonest first: the schedule prepares for each."""
    today = utc_day(now)
    listed = rows.list_interviews(store)
    days = {s.date for i in listed for s in i.stages} | {i.date for i in listed}
    return sorted(d for d in days if d > today)


def last_stage(store: Store, now: datetime) -> date | None:
    """The last stage date ahead (the loop): where the practice calendar runs to."""
    dates = stage_dates(store, now)
    return dates[-1] if dates else None


def reconverge(store: Store, now: datetime, policy: Policy = DEFAULT_POLICY) -> int:
    """Bring forward cards due after a stage's final stretch begins (e.g. after a new
    interview was added); returns how many moved. A card reviewed in the next stage's final
    stretch stays put for that stage, and comes round again before the stage after it."""
    stages = stage_dates(store, now)
    if not stages:
        return 0
    moved = 0
    with store.transaction() as conn:
        for card in rows.cards(store):
            if card.last_review is None:
                continue
            due = converge_stages(card.due, card.last_review, stages, card.id, policy, now=now)
            if due != card.due:
                rows.move_card(conn, card.id, due, dict(card.fsrs, due=due.isoformat()))
                moved += 1
    return moved

