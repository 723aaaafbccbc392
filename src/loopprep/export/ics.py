"""A small iCalendar (RFC 5545) writer and the practice calendar: a daily session toward the
interview day, each on one interviewer's principles and stories, then the interview itself.

Each day's session follows the practice scheduler (FSRS): the interviewer whose principles
have the most cards due that day, with those cards named; days with nothing due rotate
through the interviewers.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from loopprep.errors import LoopprepError
from loopprep.plan.planner import LoopPlan

#: Sessions start at most this many days before the interview (a longer run-up is not daily).
MAX_PRACTICE_DAYS = 28
_LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    """One calendar entry: all-day when `start` is a date, else at a local (floating) time."""

    uid: str
    summary: str
    start: date | datetime
    minutes: int = 30
    description: str = ""


def escape_text(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _LINE_OCTETS if not out else _LINE_OCTETS - 1  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def write_ics(events: Sequence[Event], *, now: datetime, name: str) -> str:
    """The calendar as text with CRLF line ends, ready to write as UTF-8."""
    stamp = (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//loopprep//practice calendar//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
        if isinstance(event.start, datetime):
            lines.append(f"DTSTART:{event.start.strftime('%Y%m%dT%H%M%S')}")
            lines.append(f"DURATION:PT{event.minutes}M")
        else:
            lines.append(f"DTSTART;VALUE=DATE:{event.start.strftime('%Y%m%d')}")
            lines.append(f"DTEND;VALUE=DATE:{(event.start + timedelta(days=1)).strftime('%Y%m%d')}")
        lines.append(f"SUMMARY:{escape_text(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines.append("TRANSP:TRANSPARENT" if not isinstance(event.start, datetime) else "TRANSP:OPAQUE")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def practice_events(plan: LoopPlan, *, interview_date: date, today: date, at: time = time(18, 0),
                    minutes: int = 30, due: Mapping[date, Sequence[str]] | None = None,
                    stages: Sequence[tuple[str, date]] = ()) -> list[Event]:
    """A session a day from tomorrow (at most 28 days) to the eve of the interview; a full
    run-through on the eve; the interview day itself. `due` gives the principles of the
    scheduler's cards due each day (earlier days count toward the first session). `stages`
    are the earlier stages (name, day): each is an event of its own, with a run-through on
    its eve, and practice goes on after it to the last stage."""
    if interview_date <= today:
        raise LoopprepError(f"the interview date {interview_date.isoformat()} is not after today "
                            f"({today.isoformat()})",
                            hint="Give the day of your loop, e.g. --interview-date 2026-12-01.")
    if not 5 <= minutes <= 240:
        raise LoopprepError(f"{minutes} minutes is not a practice session", hint="Use 5 to 240 minutes.")
    key = hashlib.sha1(f"{plan.framework.slug}|{plan.loop.name}".encode()).hexdigest()[:10]
    first = max(today + timedelta(days=1), interview_date - timedelta(days=MAX_PRACTICE_DAYS))
    earlier = {day: name for name, day in stages if first <= day < interview_date}
    days = [d for n in range((interview_date - first).days)
            if (d := first + timedelta(days=n)) not in earlier]
    eves = {d - timedelta(days=1): name for d, name in earlier.items()}
    people = [p for p in plan.loop.interviewers]
    names: dict[str, str] = {p.slug: p.name for p in plan.framework}
    due_on: dict[date, Counter[str]] = {day: Counter() for day in days}
    for day, principles in (due or {}).items():
        if days and day <= days[-1]:
            due_on[max(day, days[0])].update(principles)
    events = []
    turn = 0  # whose principles the next ordinary session practises
    for index, day in enumerate(days):
        start = datetime.combine(day, at)
        if day == days[-1] and len(days) > 1:
            summary = f"Loop run-through: every story once, then the cheat sheet ({plan.loop.name})"
            description = _all_stories(plan)
        elif day in eves:
            summary = f"Run-through before the {eves[day]}: every story once"
            description = _all_stories(plan) + _due_note(due_on[day], names)
        elif index == 0 and plan.develop_next:
            summary = "Develop the story your loop is missing"
            description = plan.develop_next[0].message + _due_note(due_on[day], names)
        else:
            counts = due_on[day]
            busiest = max(people, key=lambda p: sum(counts[s] for s in p.principles))
            if sum(counts[s] for s in busiest.principles):
                person = busiest
            else:
                person = people[turn % len(people)]
                turn += 1
            summary = f"Practise for {person.name}: " + ", ".join(
                s.principle_name for s in plan.slots if s.interviewer == person.name)
            description = _stories_for(plan, person.name) + _due_note(counts, names)
        events.append(Event(f"practice-{day.isoformat()}-{key}@loopprep", summary, start, minutes,
                            description))
    for day, name in sorted(earlier.items()):
        events.append(Event(f"stage-{day.isoformat()}-{key}@loopprep", name[:1].upper() + name[1:],
                            day, description="Recall each story's opening line and metric, "
                            "then rest. Practice goes on tomorrow toward the next stage."))
    events.sort(key=_day)
    events.append(Event(f"interview-{interview_date.isoformat()}-{key}@loopprep",
                        f"Interview loop: {plan.loop.name}", interview_date,
                        description=_all_stories(plan)))
    return events


def _day(event: Event) -> date:
    return event.start.date() if isinstance(event.start, datetime) else event.start


def _due_note(counts: Counter[str], names: Mapping[str, str]) -> str:
    if not counts:
        return ""
    listed = ", ".join(names.get(p, p) + (f" ×{n}" if n > 1 else "")
                       for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"\nDue on your practice schedule: {listed} (loopprep practice)."


def _stories_for(plan: LoopPlan, interviewer: str) -> str:
    lines = []
    for slot in (s for s in plan.slots if s.interviewer == interviewer):
        story = plan.story_by_id[slot.primary.story_id].title if slot.primary else "no story yet"
        backup = f" (backup: {plan.story_by_id[slot.backup.story_id].title})" if slot.backup else ""
        lines.append(f"{slot.principle_name}: {story}{backup}")
    lines.append("Tell each aloud in two minutes: situation, your actions, the result with its number.")
    return "\n".join(lines)


def _all_stories(plan: LoopPlan) -> str:
    return "\n".join(f"{p.name}:\n" + _stories_for(plan, p.name).rsplit("\n", 1)[0]
                     for p in plan.loop.interviewers)
