"""Practice sessions through the library, as the web app will drive them: what is asked,
what is stored, follow-up probes, ratings, time and count limits, mock loops, reports."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from loopprep.bank import Bank
from loopprep.errors import LoopprepError
from loopprep.practice import PracticeError, PracticeSession, SessionOptions
from loopprep.practice.followups import answer_gaps, gap_code
from loopprep.practice.questions import probes
from loopprep.practice.selection import weaknesses
from loopprep.store import practice as rows

NOW = datetime(2025, 5, 5, 18, 0, tzinfo=UTC)
ALL_WE = ("We had a problem with our forecasts. We looked at the data and we built a new model "
          "together. We presented it to the team and we moved on to the next project.")
STRONG = ("In 2024 at QCELLS I owned the peak-hour forecast for our virtual power plant. I "
          "benchmarked five models myself and shipped boosted trees in six weeks. As a result we "
          "hit 9 of 10 yearly peaks and customers saved 30% on demand charges.")


@pytest.fixture
def bank(example_notes: Path, loopprep_home: Path) -> Bank:
    opened = Bank.open(loopprep_home)
    opened.import_notes([example_notes], now=NOW)
    return opened


def _question(session: PracticeSession, now: datetime = NOW):  # type: ignore[no-untyped-def]
    item = session.next_item(now)
    assert item is not None
    return item


def test_an_answer_is_stored_with_probes_for_what_it_lacks(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(principles=("earn-trust",)), now=NOW)
    item = _question(session)
    assert item.kind == "question" and item.principle == "earn-trust"  # no Earn Trust story
    result = session.answer(item, ALL_WE, started_at=NOW, ended_at=NOW + timedelta(seconds=80))

    assert result.analysis is not None
    gaps = answer_gaps(result.analysis)
    assert "no-result" in gaps or "we-not-i" in gaps
    table = probes()
    first, second = result.followups
    assert first.probe in table.by_gap[gaps[0]]
    assert second.probe in table.by_principle["earn-trust"]

    session.answer_followup(result.attempt_id, 0, "I wrote the model myself.", 21.5)
    stored = rows.get_attempt(bank.store, result.attempt_id)
    assert stored.answer == ALL_WE and stored.status == "answered"
    assert stored.answer_seconds == 80 and stored.question == item.prompt
    assert stored.followups[0].answer == "I wrote the model myself." and stored.followups[0].seconds == 21.5
    assert stored.followups[1].answer == ""
    assert stored.feedback is not None and stored.feedback["flags"]
    assert stored.overall is not None and 0 <= stored.overall <= 10

    rated = session.rate(result.attempt_id, 2, now=NOW + timedelta(minutes=3))
    assert rated.card.kind == "question" and rated.card.ref == item.ref and rated.card.reps == 1
    assert rated.due.date() == (NOW + timedelta(days=1)).date()  # "hard" on a new card: tomorrow
    assert rows.get_attempt(bank.store, result.attempt_id).rating == 2
    assert len(rows.reviews(bank.store, rated.card.id)) == 1


def test_flag_codes_map_to_probe_gaps() -> None:
    assert gap_code("STAR_MISSING_RESULT") == "no-result"
    assert gap_code("OWNERSHIP_WE") == "we-not-i"
    assert gap_code("no-metric") == "no-metric"
    assert gap_code("FILLER") is None
    assert set(probes().by_gap) >= {gap_code(c) for c in ("VAGUE", "LENGTH_LONG", "RECENCY_OLD")}


def test_ratings_are_checked_and_errors_change_nothing(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(count=1), now=NOW)
    result = session.answer(_question(session), STRONG, started_at=NOW, ended_at=NOW)
    with pytest.raises(PracticeError, match="not one of"):
        session.rate(result.attempt_id, 5, now=NOW)
    assert rows.count_cards(bank.store) == 0
    session.rate(result.attempt_id, 3, now=NOW)
    with pytest.raises(PracticeError, match="already rated"):
        session.rate(result.attempt_id, 1, now=NOW)
    assert len(rows.reviews(bank.store)) == 1
    with pytest.raises(LoopprepError, match="unknown principle"):
        bank.start_practice(SessionOptions(principles=("earn-trsut",)), now=NOW)


def test_an_interrupted_answer_is_kept_and_not_scheduled(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(principles=("dive-deep",)), now=NOW)
    item = _question(session)
    result = session.answer(item, "I started to say", started_at=NOW, ended_at=NOW,
                            interrupted=True)
    assert result.followups == () and result.suggested_rating is None
    stored = rows.get_attempt(bank.store, result.attempt_id)
    assert (stored.status, stored.answer, stored.feedback) == ("interrupted", "I started to say", None)
    assert rows.count_cards(bank.store) == 0


def test_story_recall_shows_the_stories_and_knows_which_you_named(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(principles=("think-big",)), now=NOW)
    item = _question(session)
    assert item.kind == "story-recall"
    assert item.prompt == "Which story do you tell for Think Big? Its opening line and key metric?"
    assert [c.title for c in item.stories] == ["IRPWIND"]
    assert item.stories[0].opening_line.startswith("IRPWIND")
    result = session.answer(item, "irpwind: the labs wanted to do the least", started_at=NOW,
                            ended_at=NOW + timedelta(seconds=30))
    assert result.named_stories == (item.stories[0].id,) and result.suggested_rating == 3
    rated = session.rate(result.attempt_id, 3, now=NOW)
    assert rated.card.kind == "story-recall" and rated.card.ref == "think-big"
    follow = _question(session)
    assert (follow.kind, follow.principle) == ("question", "think-big")  # recall is done for today


def test_due_cards_come_first_most_overdue_first(bank: Bank) -> None:
    start = NOW - timedelta(days=20)
    session = bank.start_practice(SessionOptions(count=3, principles=("dive-deep", "frugality",
                                                                        "earn-trust")), now=start)
    refs = []
    for offset in range(3):
        item = _question(session, start)
        result = session.answer(item, STRONG, started_at=start, ended_at=start)
        session.rate(result.attempt_id, 1 + offset % 2, now=start + timedelta(days=offset))
        refs.append(item.ref)
    later = bank.start_practice(now=NOW)
    first = _question(later)
    assert first.reason.startswith("overdue") and first.card_id is not None
    cards = rows.cards(bank.store)
    assert first.ref == cards[0].ref and cards[0].due == min(c.due for c in cards)
    assert [d["ref"] for d in bank.due(now=NOW)] == [c.ref for c in cards]


def test_a_timed_session_stops_when_time_is_up(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(minutes=20), now=NOW)
    assert session.time_left(NOW) == 20 * 60
    assert session.next_item(NOW + timedelta(minutes=19)) is not None
    assert session.next_item(NOW + timedelta(minutes=20)) is None
    assert session.kind == "timed"


def test_a_counted_session_stops_after_its_count(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(count=2), now=NOW)
    for _ in range(2):
        result = session.answer(_question(session), STRONG, started_at=NOW, ended_at=NOW)
        session.rate(result.attempt_id, 3, now=NOW)
    assert session.next_item(NOW) is None


def test_the_web_app_can_resume_a_session_between_requests(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(count=3, seed="web"), now=NOW)
    item = _question(session)
    again = bank.resume_practice(session.id)
    assert again.next_item(NOW) == item
    result = again.answer(item, STRONG, started_at=NOW, ended_at=NOW)
    bank.rate_attempt(result.attempt_id, 3, now=NOW)
    assert bank.resume_practice(session.id).next_item(NOW) != item


def test_weak_principles_are_weighted_up(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(count=4, principles=("dive-deep", "frugality")),
                                  now=NOW)
    for _ in range(4):
        item = _question(session)
        text = STRONG if item.principle == "frugality" else "Um, I don't know, we did stuff."
        result = session.answer(item, text, started_at=NOW, ended_at=NOW)
        session.rate(result.attempt_id, 4 if item.principle == "frugality" else 1, now=NOW)
    ranked = weaknesses(bank.store, bank.framework, {}, ["dive-deep", "frugality"])
    assert ranked[0].slug == "dive-deep" and ranked[0].weight > ranked[1].weight


def test_a_mock_loop_has_interviewers_bar_raiser_last_and_a_report(bank: Bank) -> None:
    session = bank.start_practice(SessionOptions(mock_loop=True, seed="loop"), now=NOW)
    plan = session.settings["plan"]
    people = list(dict.fromkeys(entry["interviewer"] for entry in plan))
    assert len(people) >= 4 and people[-1] == "Bar raiser"
    assert all(2 <= sum(e["interviewer"] == p for e in plan) <= 3 for p in people)
    answered = 0
    while (item := session.next_item(NOW)) is not None:
        assert item.interviewer and item.kind == "question"
        text = ALL_WE if answered % 2 else STRONG
        result = session.answer(item, text, started_at=NOW, ended_at=NOW + timedelta(minutes=2))
        session.rate(result.attempt_id, 3, now=NOW)
        answered += 1
    assert answered == len(plan)
    report = session.finish(NOW + timedelta(minutes=45))
    assert report["kind"] == "mock-loop" and report["answered"] == answered
    loop = report["interviewers"]
    assert [p["name"] for p in loop] == people and loop[-1]["bar_raiser"]
    assert all(row["score"] is not None for p in loop for row in p["principles"])
    assert any(row["fix"] for p in loop for row in p["principles"])
    assert rows.get_session(bank.store, session.id).report == report


def test_a_loop_file_with_unknown_principles_is_refused(bank: Bank, tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.write_text('[[interviewer]]\nname = "HM"\nprinciples = ["dive-deeep"]\n', "utf-8")
    with pytest.raises(LoopprepError, match=r"loop.toml:3: 'dive-deeep' is not a principle"):
        bank.start_practice(SessionOptions(mock_loop=True, loop_file=loop), now=NOW)
    loop.write_text("not toml [", "utf-8")
    with pytest.raises(LoopprepError, match="not valid TOML"):
        bank.start_practice(SessionOptions(mock_loop=True, loop_file=loop), now=NOW)


def test_practice_needs_aware_times(bank: Bank) -> None:
    with pytest.raises(ValueError):
        bank.start_practice(now=datetime(2025, 5, 5, 18, 0))


def test_the_attempts_table_holds_everything_asked(bank: Bank, loopprep_home: Path) -> None:
    session = bank.start_practice(SessionOptions(count=1, principles=("ownership",)), now=NOW)
    item = _question(session)
    session.answer(item, STRONG, started_at=NOW, ended_at=NOW + timedelta(seconds=100))
    bank.close()
    conn = sqlite3.connect(loopprep_home / "loopprep.db")
    row = conn.execute("SELECT question, principle, answer, answer_seconds, session_id, "
                       "started_at FROM attempts").fetchone()
    assert row == (item.prompt, "ownership", STRONG, 100.0, session.id, "2025-05-05T18:00:00+00:00")


def test_practice_stores_the_real_feedback(bank: Bank) -> None:
    from loopprep.answer_feedback import answer_principles
    from loopprep.feedback import Analysis, analyze_answer

    session = bank.start_practice(SessionOptions(principles=("earn-trust",)), now=NOW)
    item = _question(session)
    result = session.answer(item, ALL_WE, started_at=NOW, ended_at=NOW)
    assert isinstance(result.analysis, Analysis)
    # The question's own principles, and the classifier's reading of the answer.
    expected = analyze_answer(ALL_WE, question=item.prompt, today=NOW.date(),
                              principle_scores={p: 1.0 - 0.3 * i for i, p in enumerate(item.principles)},
                              answer_principles=answer_principles(ALL_WE, bank.framework))
    stored = rows.get_attempt(bank.store, result.attempt_id).feedback
    assert stored == expected.to_json()
    assert {f["code"] for f in stored["flags"]} & {"OWNERSHIP_WE", "OWNERSHIP_NO_I"}


def test_a_story_cue_opens_with_what_the_notes_say_for_that_principle(bank: Bank) -> None:
    from loopprep.practice.selection import story_cue

    irpwind = bank.story("irpwind")
    assert "monitor results" in story_cue(irpwind, "dive-deep").opening_line
    assert "least" in story_cue(irpwind, "think-big").opening_line
