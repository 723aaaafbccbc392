"""Follow-up answers are marked, and the marks count toward the attempt's (stored in the
real SQLite file, seen by the web app's attempt page and the suggested rating)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from loopprep.bank import Bank
from loopprep.feedback.followup import mark_followup
from loopprep.model.practice import Followup
from loopprep.practice import SessionOptions
from loopprep.practice.followups import attempt_mark
from loopprep.practice.session import suggested_rating
from loopprep.store import practice as rows

NOW = datetime(2025, 5, 5, 18, 0, tzinfo=UTC)
METRIC_PROBE = "How was that measured, and what was it before you started?"
OPTIONS_PROBE = "What other options did you weigh, and why that one?"
MEASURED = ("I took it from the clinic's booking system: no-shows were 31 a week over the two "
            "months before the reminder texts and 12 a week over the two months after.")
WEIGHED = ("I weighed a phone call round by the receptionist against automatic texts. Calls "
           "would have taken her about six hours a week, so I chose the texts and kept calls "
           "only for patients without a mobile number.")
ANSWER = ("In 2024 I ran the front desk of a physiotherapy clinic with four therapists. "
          "Missed appointments were costing us about a day of therapist time every week. "
          "I decided to send text reminders the day before each visit, and I set them up in "
          "our booking system myself. No-shows fell from 31 to 12 a week within two months.")


def test_a_reply_that_gives_what_the_probe_asks_scores_above_one_that_does_not() -> None:
    good = mark_followup(MEASURED, METRIC_PROBE)
    vague = mark_followup("The team checked it and things got a lot better after that.",
                          METRIC_PROBE)
    dodge = mark_followup("I don't remember.", METRIC_PROBE)
    assert good.overall >= 7 and not good.reasons
    assert vague.overall < good.overall - 3
    assert "it does not give a number" in vague.reasons
    assert "it does not say what you did" in vague.reasons
    assert dodge.overall < vague.overall and "it sidesteps the question" in dodge.reasons
    assert mark_followup("", METRIC_PROBE).overall == 0
    weighed = mark_followup(WEIGHED, OPTIONS_PROBE)
    assert weighed.overall > mark_followup(MEASURED, OPTIONS_PROBE).overall


def test_the_attempt_mark_weighs_the_first_answer_twice_and_skips_blank_probes() -> None:
    asked = [Followup("p1", "w"), Followup("p2", "w")]
    assert attempt_mark(8.0, asked) == 8.0
    answered = [Followup("p1", "w", "x", None, 2.0), Followup("p2", "w")]
    assert attempt_mark(8.0, answered) == pytest.approx(6.0)


@pytest.fixture
def bank(example_notes: Path, loopprep_home: Path) -> Bank:
    opened = Bank.open(loopprep_home)
    opened.import_notes([example_notes], now=NOW)
    return opened


def test_follow_up_answers_count_toward_the_attempts_mark(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(count=1, principles=("bias-for-action",)),
                                  now=NOW)
    item = session.next_item(NOW)
    assert item is not None and item.kind == "question"
    result = session.answer(item, ANSWER, started_at=NOW, ended_at=NOW + timedelta(seconds=90))
    assert result.analysis is not None and len(result.followups) == 2
    first = float(rows.get_attempt(bank.store, result.attempt_id).feedback["overall"])  # type: ignore[index]

    # A blank reply (answered out loud) is not marked and changes nothing.
    blank = session.answer_followup(result.attempt_id, 1, "  ", None)
    assert blank.followups[1].overall is None and blank.overall == pytest.approx(first, abs=0.05)

    weak = session.answer_followup(result.attempt_id, 0, "I don't remember.", 4.0)
    mark = weak.followups[0].overall
    assert mark is not None and mark < 2
    assert weak.overall == pytest.approx(attempt_mark(first, weak.followups))
    assert weak.overall is not None and weak.overall < first - 1
    assert suggested_rating(weak.overall) <= suggested_rating(first)  # type: ignore[operator]

    # Saved again with a real reply, the mark rises with it.
    probe = result.followups[0].probe
    better = session.answer_followup(result.attempt_id, 0, MEASURED + " " + WEIGHED, 30.0)
    assert better.followups[0].overall == mark_followup(MEASURED + " " + WEIGHED, probe).overall
    assert better.overall is not None and better.overall > weak.overall + 1

    # Stored in the database: a fresh read (as the web app's attempt page does) sees it.
    reread = rows.get_attempt(Bank.open(bank.home).store, result.attempt_id)
    assert reread.followups[0].overall == better.followups[0].overall
    assert reread.overall == better.overall
    assert reread.to_json()["followups"][0]["overall"] == better.followups[0].overall
