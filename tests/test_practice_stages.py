"""Practice toward every stage: an Amazon phone screen in 6 days and an onsite in 12. New
questions follow the deadline (every principle before the phone screen; a story recall takes
no place), the schedule and the calendar run to the onsite, and `due` agrees with `status`.
The clock is passed in (the CLI test at the end uses today's date)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import CLI
from loopprep.bank import Bank
from loopprep.practice import PracticeSession, SessionOptions
from loopprep.reviews.schedule import DEFAULT_POLICY, converge_stages, start_of_day
from loopprep.store import practice as rows

START = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
PHONE = date(2025, 3, 7)  # in 6 days
ONSITE = date(2025, 3, 13)  # in 12
ANSWER = ("In 2023 at QCELLS I owned the peak-hour forecast. I benchmarked five models myself "
          "and shipped boosted trees in six weeks; we hit 9 of 10 yearly peaks.")


def _day(bank: Bank, now: datetime, seed: str, rng: random.Random) -> list[str]:
    """One daily session (no count, no minutes) answered to the end; the kinds asked."""
    session = PracticeSession.start(bank, SessionOptions(seed=seed), now=now)
    kinds = []
    while (item := session.next_item(now)) is not None:
        result = session.answer(item, ANSWER, started_at=now, ended_at=now + timedelta(seconds=90))
        session.rate(result.attempt_id, rng.choice([2, 3, 3, 4]), now=now + timedelta(minutes=2))
        kinds.append(item.kind)
        now += timedelta(minutes=3)
    session.finish(now)
    return kinds


@pytest.fixture
def bank(example_notes: Path, loopprep_home: Path) -> Bank:
    bank = Bank.open(loopprep_home)
    bank.import_notes([example_notes], now=START)
    bank.add_interview("Amazon", role="Applied Scientist", day=ONSITE,
                       stages=[f"phone screen={PHONE.isoformat()}", "onsite"], now=START)
    return bank


def test_every_principle_is_asked_before_the_first_stage(bank: Bank) -> None:
    rng = random.Random(3)
    days = [_day(bank, START + timedelta(days=n), f"d{n}", rng) for n in range((PHONE - START.date()).days)]
    principles = {a.principle for a in bank.attempts() if a.kind == "question"}
    assert len(bank.framework.slugs) == 16
    assert principles == set(bank.framework.slugs), "one question of every principle before the phone screen"
    # the first day asks its share of questions (16 over 6 days: 3), story recalls on top
    assert days[0].count("question") >= 3
    assert "story-recall" in days[0]
    assert len(days[0]) > days[0].count("question")
    # a day's load stays a session, not a cram
    assert max(len(d) for d in days) <= 2 * DEFAULT_POLICY.daily_capacity


def test_the_schedule_runs_to_the_last_stage(bank: Bank) -> None:
    rng = random.Random(5)
    for n in range((PHONE - START.date()).days):
        _day(bank, START + timedelta(days=n, hours=n % 3), f"d{n}", rng)
    cards = rows.cards(bank.store)
    assert cards
    # on the phone-screen morning nothing is left to fall due after the onsite
    assert all(c.due.date() < ONSITE for c in cards)
    # and cards reviewed in the phone screen's final stretch come round again between the stages
    assert any(PHONE < c.due.date() < ONSITE for c in cards)
    # the practice goes on after the phone screen: the day after it has work
    after = START + timedelta(days=(PHONE - START.date()).days + 1)
    assert bank.practice_status(now=after)["deadline"] == ONSITE.isoformat()
    assert _day(bank, after, "after", rng)


def test_converging_on_two_stages() -> None:
    reviewed = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)  # in the phone screen's final stretch
    late = datetime(2025, 4, 20, tzinfo=UTC)
    moved = converge_stages(late, reviewed, [PHONE, ONSITE], 11)
    assert PHONE < moved.date() < ONSITE
    early = datetime(2025, 3, 5, tzinfo=UTC)  # before the phone screen: left alone
    assert converge_stages(early, reviewed, [PHONE, ONSITE], 11) == early
    # one stage: as before, the interval is kept in the final stretch
    assert converge_stages(late, reviewed, [PHONE], 11) == late


def test_the_calendar_runs_to_the_onsite(bank: Bank, tmp_path: Path) -> None:
    import icalendar

    plan = bank.plan_loop(today=START.date())
    result = bank.export_calendar(plan, tmp_path / "p.ics", interview_date=None, today=START.date(),
                                  now=START)
    assert result.details["interview_date"] == ONSITE.isoformat()
    assert result.details["stages"] == [{"name": "Amazon phone screen", "date": PHONE.isoformat()}]
    events = list(icalendar.Calendar.from_ical(result.path.read_bytes()).walk("VEVENT"))
    days = [e["DTSTART"].dt for e in events]
    starts = [d.date() if isinstance(d, datetime) else d for d in days]
    assert starts == sorted(starts)
    summaries = {str(e["SUMMARY"]): s for e, s in zip(events, starts, strict=True)}
    assert summaries["Amazon phone screen"] == PHONE
    assert any(s.startswith("Run-through before the Amazon phone screen") and d == PHONE - timedelta(days=1)
               for s, d in summaries.items())
    assert [d for d in starts if PHONE < d < ONSITE], "sessions between the phone screen and the onsite"
    assert starts[-1] == ONSITE


def test_due_and_status_agree(bank: Bank) -> None:
    now = START
    _day(bank, now, "d0", random.Random(1))
    later = start_of_day(now) + timedelta(days=1, hours=1)
    status = bank.practice_status(now=later)
    due = bank.due(now=later)
    assert len(due) == status["due"]["today"]
    if not due:
        assert status["due"]["next_7_days"] > 0
        assert "come due in the next 7 days" in status["advice"]
        assert status["next_due"] is not None


def test_due_never_says_nothing_while_status_counts_the_week(cli: CLI, example_notes: Path,
                                                             loopprep_home: Path) -> None:
    today = datetime.now(UTC)
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=today)
        bank.add_interview("Amazon", day=(today + timedelta(days=12)).date(),
                           stages=[f"phone screen={(today + timedelta(days=6)).date()}", "onsite"],
                           now=today)
        session = bank.start_practice(SessionOptions(count=4), now=today)
        while (item := session.next_item(today)) is not None:
            result = session.answer(item, ANSWER, started_at=today, ended_at=today)
            session.rate(result.attempt_id, 4, now=today)
        session.finish(today)
        with bank.store.transaction() as conn:  # what was practised today is due tomorrow on
            conn.execute("UPDATE cards SET due = ?", ((start_of_day(today) + timedelta(days=2)).isoformat(),))
    status = cli.json("status", "--json")
    assert isinstance(status, dict)
    assert status["due"]["today"] == 0 and status["due"]["next_7_days"] == 4
    assert cli("due") == 0
    assert "4 come due in the next 7 days" in cli.out and "The next review comes due on" in cli.out
    data = cli.json("due", "--json")
    assert isinstance(data, dict) and data["due"] == [] and data["next_7_days"] == 4
