"""Scheduling toward the interview date: FSRS intervals brought into the final stretch, the
overdue rule, and a simulated month of daily practice (in milliseconds, the clock passed in)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from loopprep.bank import Bank
from loopprep.practice import DEFAULT_POLICY, PracticeSession, SessionOptions, is_overdue
from loopprep.reviews.schedule import converge, review, start_of_day
from loopprep.store import practice as rows

START = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
LOOP_DAY = date(2025, 3, 31)
STRONG = ("In 2023 at QCELLS I owned the peak-hour forecast for the virtual power plant. I "
          "benchmarked five models myself, chose boosted trees and shipped it in six weeks. As a "
          "result we hit 9 of 10 yearly peaks and customers saved 30% on demand charges. I learned "
          "to start with the simplest model that is not too simple.")
WEAK = "We worked on it together as a team and we did a lot of things and it went fine."


def test_without_an_interview_fsrs_decides() -> None:
    result = review(1, None, 4, START, None)
    assert result.due == result.natural_due
    assert result.due - START == timedelta(days=8)  # fsrs 6 default first "easy" interval


def test_a_review_before_the_final_stretch_is_brought_into_it() -> None:
    deadline = date(2025, 3, 8)
    stretch = deadline - timedelta(days=DEFAULT_POLICY.final_days)
    now = START
    for card_id in range(1, 30):
        outcome = review(card_id, None, 4, now, deadline)
        assert outcome.natural_due.date() > deadline  # "easy" is 8 days: past the interview...
        assert stretch <= outcome.due.date() < deadline  # ...so it is brought into it
        assert outcome.brought_forward
    spread = {review(i, None, 4, now, deadline).due.date() for i in range(1, 30)}
    assert len(spread) == DEFAULT_POLICY.final_days  # one slot per day of the stretch


def test_a_review_in_the_final_stretch_keeps_its_interval() -> None:
    deadline = date(2025, 3, 20)
    in_stretch = datetime(2025, 3, 17, 9, tzinfo=UTC)
    outcome = review(7, None, 4, in_stretch, deadline)
    assert outcome.due == outcome.natural_due and outcome.due.date() > deadline


def test_a_natural_due_before_the_stretch_is_left_alone() -> None:
    due = datetime(2025, 3, 3, 8, tzinfo=UTC)
    assert converge(due, START, date(2025, 3, 31), 5) == due


def test_overdue_means_due_before_today_started() -> None:
    now = datetime(2025, 3, 31, 7, tzinfo=UTC)
    assert is_overdue(datetime(2025, 3, 30, 23, 59, 59, tzinfo=UTC), now)
    assert not is_overdue(datetime(2025, 3, 31, 0, 0, tzinfo=UTC), now)
    assert not is_overdue(datetime(2025, 3, 31, 22, 0, tzinfo=UTC), now)


def _practise_daily(bank: Bank, days: int, rng: random.Random) -> list[int]:
    """A candidate who practises every day what the session offers, with mixed answers and
    self-ratings; returns how many items each day asked."""
    loads = []
    for day in range(days):
        now = START + timedelta(days=day, minutes=rng.randint(0, 12 * 60))
        session = PracticeSession.start(bank, SessionOptions(seed=f"day{day}"), now=now)
        asked = 0
        while (item := session.next_item(now)) is not None:
            text = STRONG if rng.random() < 0.5 else WEAK
            result = session.answer(item, text, started_at=now, ended_at=now + timedelta(seconds=95))
            for index, _ in enumerate(result.followups):
                session.answer_followup(result.attempt_id, index, "I measured it: 12% fewer misses.", 25)
            session.rate(result.attempt_id, rng.choice([1, 2, 3, 3, 3, 4]), now=now + timedelta(minutes=2))
            now += timedelta(minutes=3)
            asked += 1
        session.finish(now)
        loads.append(asked)
    return loads


@pytest.fixture
def bank_with_notes(example_notes: Path, loopprep_home: Path) -> Bank:
    bank = Bank.open(loopprep_home)
    bank.import_notes([example_notes], now=START)
    return bank


def test_a_month_of_daily_practice_leaves_no_card_overdue_on_the_day(bank_with_notes: Bank) -> None:
    bank = bank_with_notes
    bank.add_interview("Amazon", role="Applied Scientist", day=LOOP_DAY,
                       stages=["phone screen=2025-03-12", "loop"], now=START)
    loads = _practise_daily(bank, (LOOP_DAY - START.date()).days, random.Random(7))

    morning = datetime.combine(LOOP_DAY, datetime.min.time(), UTC) + timedelta(hours=7)
    cards = rows.cards(bank.store)
    assert len(cards) >= 25, "a month of practice builds a real deck"
    overdue = [c for c in cards if is_overdue(c.due, morning)]
    assert overdue == []
    assert bank.practice_status(now=morning)["due"]["overdue"] == 0
    # Converged: every card was seen again in the final stretch before the loop...
    stretch = start_of_day(morning) - timedelta(days=DEFAULT_POLICY.final_days)
    assert all(c.last_review is not None and c.last_review >= stretch for c in cards)
    # ...and so was every principle with questions or stories (the overview).
    seen = rows.practised_principles_since(bank.store, stretch)
    assert seen == set(bank.framework.slugs)
    # The load stays a daily session's worth, not a cram of the whole deck on one day.
    assert max(loads) <= 2 * DEFAULT_POLICY.daily_capacity
    assert sum(loads) / len(loads) <= DEFAULT_POLICY.daily_capacity + 2
    # The deadline did the work: some reviews were brought forward from FSRS's proposal.
    reviews = rows.reviews(bank.store)
    assert any(r["due_after"] < r["natural_due"] for r in reviews)
    assert {r["deadline"] for r in reviews} == {"2025-03-12", "2025-03-31"}


def test_without_an_interview_the_same_month_does_not_converge(bank_with_notes: Bank) -> None:
    """The control for the test above: FSRS alone leaves cards unseen for weeks."""
    _practise_daily(bank_with_notes, 30, random.Random(7))
    stretch = datetime.combine(LOOP_DAY, datetime.min.time(), UTC) - timedelta(
        days=DEFAULT_POLICY.final_days)
    cards = rows.cards(bank_with_notes.store)
    assert any(c.last_review is not None and c.last_review < stretch for c in cards)
    assert any(c.due.date() > LOOP_DAY for c in cards)


def test_adding_an_interview_brings_practised_cards_forward(bank_with_notes: Bank) -> None:
    bank = bank_with_notes
    session = bank.start_practice(SessionOptions(count=3, principles=("dive-deep",)), now=START)
    for _ in range(3):
        item = session.next_item(START)
        assert item is not None
        result = session.answer(item, STRONG, started_at=START, ended_at=START + timedelta(minutes=2))
        session.rate(result.attempt_id, 4, now=START)
    before = {c.id: c.due for c in rows.cards(bank.store)}
    interview = date(2025, 3, 10)
    bank.add_interview("Amazon", day=interview, now=START + timedelta(hours=1))
    after = rows.cards(bank.store)
    stretch = interview - timedelta(days=DEFAULT_POLICY.final_days)
    for card in after:
        assert card.due.date() < interview
        if before[card.id].date() >= stretch:
            assert stretch <= card.due.date()
    assert any(card.due < before[card.id] for card in after)


def test_the_same_seed_and_clock_ask_the_same_questions(example_notes: Path) -> None:
    def first_items(seed: str) -> list[str]:
        with Bank.in_memory() as bank:
            bank.import_notes([example_notes], now=START)
            session = bank.start_practice(SessionOptions(count=6, seed=seed), now=START)
            out = []
            while (item := session.next_item(START)) is not None:
                out.append(f"{item.kind}:{item.ref}")
                result = session.answer(item, WEAK, started_at=START, ended_at=START)
                session.rate(result.attempt_id, 3, now=START)
            return out

    first = first_items("a")
    assert len(first) == 6 and len(set(first)) == 6
    assert first_items("a") == first
    assert first_items("b") != first
