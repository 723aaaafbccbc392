"""Technical practice over simulated days (the clock passed in): tech cards on the FSRS
schedule come due and are mixed into the daily sessions, one item in three; the readiness
view moves with the practice — ratings up, due counts down, readiness up — and drops when
practice stops; bad input is refused clearly and changes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import CLI
from loopprep.bank import Bank
from loopprep.errors import NotFoundError
from loopprep.practice import PracticeError, SessionOptions
from loopprep.technical.practice import technical_turn

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
INTERVIEW = date(2025, 3, 24)
ANSWER = ("In 2024 at QCELLS I owned the peak-hour forecast. I benchmarked five models myself "
          "and shipped boosted trees in six weeks; we hit 9 of 10 yearly peaks and customers "
          "saved 30% on demand charges.")
CHECKLIST = """\
# Technical
## Data structures
- [x] Arrays and strings
- [ ] Hash maps
- [ ] Trees
## Algorithms
- [ ] Dynamic programming
- [ ] Graph search
## System design
- [ ] Caching
"""


@pytest.fixture
def bank(loopprep_home: Path, example_notes: Path, write: Callable[[str, str], Path]) -> Bank:
    opened = Bank.open(loopprep_home)
    opened.import_notes([example_notes, write("tech.md", CHECKLIST)], now=START)
    opened.add_interview("Amazon", role="Software Development Engineer", day=INTERVIEW, now=START)
    return opened


def _day(bank: Bank, now: datetime, outcome: Callable[[str], str]) -> list[str]:
    """One daily session as the candidate would do it; returns the kinds asked."""
    session = bank.start_practice(SessionOptions(seed=now.date().isoformat()), now=now)
    kinds = []
    while (item := session.next_item(now)) is not None:
        kinds.append(item.kind)
        if item.kind == "technical":
            before = bank.tech_subtopic(item.ref, now=now)["rating"] or 1
            session.log_technical(item, problem=item.prompt, outcome=outcome(item.ref), now=now,
                                  minutes=25, rating=min(5, before + 1))
        else:
            result = session.answer(item, ANSWER, started_at=now, ended_at=now + timedelta(minutes=2))
            session.rate(result.attempt_id, 3, now=now)
        now += timedelta(minutes=5)
    session.finish(now)
    return kinds


def test_readiness_follows_technical_practice_over_the_weeks(bank: Bank) -> None:
    first = bank.readiness(now=START)
    technical0 = first["technical"]
    assert technical0["tracked"] and technical0["score"] is not None
    assert first["days_left"] == (INTERVIEW - START.date()).days
    assert technical0["due"] == {"today": 0, "overdue": 0, "by_interview": 0, "cards": 0}

    scores, days_with_tech = [technical0["score"]], 0
    for day in range(12):
        now = START + timedelta(days=day, hours=day % 5)
        kinds = _day(bank, now, lambda ref: "solved")
        if "technical" in kinds:
            days_with_tech += 1
            # mixed, not dominated: at most one technical item in three (rounded up)
            assert kinds.count("technical") <= -(-len(kinds) // 3) or set(kinds) == {"technical"}
        scores.append(bank.readiness(now=now + timedelta(hours=1))["technical"]["score"])
    assert days_with_tech >= 6, "technical items come up on most days"
    assert scores[-1] > scores[0] and scores == sorted(scores), scores

    evening = START + timedelta(days=11, hours=20)
    after = bank.readiness(now=evening)["technical"]
    practised = [s for t in after["topics"] for s in t["subtopics"] if s["practised"]]
    assert len(practised) >= 5, "every tracked subtopic was brought onto the schedule"
    assert all(s["rating"] is not None and s["rating"] >= 2 for s in practised)  # ratings up
    assert after["due"]["overdue"] == 0 and after["due"]["cards"] == len(practised)

    # a week off: reviews fall overdue and the practice part goes stale
    idle = evening + timedelta(days=7)
    stale = bank.readiness(now=idle)["technical"]
    assert stale["due"]["overdue"] > 0 and stale["score"] < after["score"]
    assert any("review overdue" in s["why"] for s in stale["weakest"])
    # back at it: the due work is done, due counts go down and readiness comes back up
    _day(bank, idle, lambda ref: "solved")
    back = bank.readiness(now=idle + timedelta(hours=2))["technical"]
    assert back["due"]["today"] < stale["due"]["today"] and back["due"]["overdue"] == 0
    assert back["score"] > stale["score"]


def test_failing_problems_lowers_the_score_and_brings_the_card_back_tomorrow(bank: Bank) -> None:
    logged = bank.log_technical("dp", problem="edit distance", outcome="failed", minutes=45,
                                link="https://leetcode.com/problems/edit-distance/", now=START)
    assert logged.review.rating == 1 and logged.review.due.date() == START.date() + timedelta(days=1)
    failed = bank.readiness(now=START)["technical"]
    bank.log_technical("dp", problem="coin change", outcome="solved", rating=5, now=START + timedelta(days=1))
    solved = bank.readiness(now=START + timedelta(days=1))["technical"]
    assert solved["score"] > failed["score"]
    dp = bank.tech_subtopic("algorithms/dynamic-programming", now=START + timedelta(days=1))
    assert [e["outcome"] for e in dp["log"]] == ["solved", "failed"]  # newest first
    assert dp["card"]["reps"] == 2 and dp["rating"] == 5


def test_due_technical_cards_are_mixed_into_the_daily_session(bank: Bank) -> None:
    for name in ("hash maps", "trees", "caching"):
        bank.log_technical(name, problem="warm-up", outcome="partial", now=START)  # "hard": due tomorrow
    tomorrow = START + timedelta(days=1)
    due = bank.due(now=tomorrow)
    technical = [d for d in due if d["kind"] == "technical"]
    assert len(technical) == 3 and technical[0]["principle_name"].startswith("Data structures")
    session = bank.start_practice(SessionOptions(count=6, seed="mix"), now=tomorrow)
    kinds = []
    while (item := session.next_item(tomorrow)) is not None:
        kinds.append(item.kind)
        if item.kind == "technical":
            assert item.reason == "due" and item.principle is None
            session.log_technical(item, problem="", outcome="solved", now=tomorrow)
        else:
            result = session.answer(item, ANSWER, started_at=tomorrow, ended_at=tomorrow)
            session.rate(result.attempt_id, 3, now=tomorrow)
    assert [k == "technical" for k in kinds] == [False, False, True] * 2, kinds  # one in three
    report = session.finish(tomorrow)
    assert [t["outcome"] for t in report["technical"]] == ["solved", "solved"]
    assert all(p["slug"] for p in report["principles"])  # technical items are not a principle


def test_technical_only_and_behavioral_only_sessions(bank: Bank) -> None:
    only = bank.start_practice(SessionOptions(count=4, technical="only"), now=START)
    asked = []
    while (item := only.next_item(START)) is not None:
        asked.append(item)
        only.log_technical(item, problem="", outcome="partial", now=START)
    assert [i.kind for i in asked] == ["technical"] * 4
    with pytest.raises(PracticeError, match="logged, not answered"):
        only.answer(asked[0], "text", started_at=START, ended_at=START)
    first = bank.technical_topics().subtopic(asked[0].ref)
    assert first is not None and asked[0].prompt == first.prompts[0]
    assert asked[0].reason == "new: not practised yet" and asked[0].target_seconds == 1800
    none = bank.start_practice(SessionOptions(count=6, technical="none"), now=START + timedelta(days=1))
    kinds = []
    while (item := none.next_item(START + timedelta(days=1))) is not None:
        kinds.append(item.kind)
        result = none.answer(item, ANSWER, started_at=START, ended_at=START)
        none.rate(result.attempt_id, 3, now=START + timedelta(days=1))
    assert kinds and "technical" not in kinds


def test_one_in_three() -> None:
    kinds: list[str] = []
    for _ in range(9):
        kinds.append("technical" if technical_turn(kinds) else "question")
    assert kinds == ["question", "question", "technical"] * 3
    assert not technical_turn(["question", "technical"])  # it already had its share
    assert technical_turn(["question"] * 4)  # a missed turn (nothing technical was due) comes next


def test_a_technical_session_needs_tracked_subtopics(loopprep_home: Path, example_notes: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=START)
        with pytest.raises(PracticeError, match="no technical subtopics"):
            bank.start_practice(SessionOptions(technical="only"), now=START)
        with pytest.raises(PracticeError, match="not one of mix, only, none"):
            bank.start_practice(SessionOptions(technical="sometimes"), now=START)


def _digest(home: Path) -> str:
    from loopprep.store import Store

    with Store.open(home / "loopprep.db") as store:
        return hashlib.sha256("\n".join(store.conn.iterdump()).encode()).hexdigest()


@pytest.mark.parametrize(("args", "message"), [
    (["rate", "grafs", "3"], "no technical subtopic 'grafs'"),
    (["rate", "graphs", "6"], "rating 6 is out of range"),
    (["rate", "graphs", "0"], "rating 0 is out of range"),
    (["rate", "algorithms", "3"], "Algorithms is a topic"),
    (["rate", "", "3"], "name a technical subtopic"),
    (["log", "graphs", "--problem", "islands", "--outcome", "solved", "--link", "leetcode"],
     "is not a web address"),
    (["log", "graphs", "--problem", "islands", "--outcome", "solved", "--link", "ftp://x.org/a"],
     "is not a web address"),
    (["log", "graphs", "--problem", "islands", "--outcome", "solved", "--link", "https:// x"],
     "is not a web address"),
    (["log", "graphs", "--problem", "islands", "--outcome", "won"], "is not one of solved"),
    (["log", "graphs", "--problem", " ", "--outcome", "solved"], "say what you practised"),
    (["log", "graphs", "--problem", "islands", "--outcome", "solved", "--minutes", "0"],
     "is not a practice time"),
    (["log", "graphs", "--problem", "islands", "--outcome", "solved", "--minutes", "900"],
     "is not a practice time"),
    (["log", "graphs", "--problem", "islands", "--outcome", "solved", "--rate", "7"],
     "rating 7 is out of range"),
    (["log", "nosuchthing", "--problem", "islands", "--outcome", "solved"], "no technical subtopic"),
    (["note", "graphs", "  "], "the note is empty"),
    (["topics", "cooking"], "no technical topic 'cooking'"),
    (["show", "tree"], None),  # a close name is fine: shown, not refused
])
def test_bad_technical_input_is_refused_clearly(cli: CLI, loopprep_home: Path,
                                               write: Callable[[str, str], Path],
                                               args: list[str], message: str | None) -> None:
    assert cli("import", write("tech.md", CHECKLIST)) == 0
    before = _digest(loopprep_home)
    code = cli("tech", *args)
    if message is None:
        assert code == 0, cli.err
        return
    assert code == 1 and cli.err.startswith("error: ") and message in cli.err, cli.err
    assert "Traceback" not in cli.err and len(cli.err.strip().splitlines()) == 2  # message + hint
    assert _digest(loopprep_home) == before


def test_ambiguous_and_unknown_names_suggest(loopprep_home: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        with pytest.raises(NotFoundError) as unknown:
            bank.rate_subtopic("dynamic programing", 3, now=START)
        assert "algorithms/dynamic-programming" in str(unknown.value.hint)
        assert bank.rate_subtopic("Dynamic Programming", 3, now=START).subtopic.id == (
            "algorithms/dynamic-programming")
        with pytest.raises(ValueError, match="aware"):
            bank.rate_subtopic("dp", 3, now=datetime(2025, 3, 1))  # a naive clock is a bug


def test_the_cli_shows_and_logs(cli: CLI, write: Callable[[str, str], Path]) -> None:
    assert cli("import", write("tech.md", CHECKLIST)) == 0
    rated = cli.json("tech", "rate", "trees", "2")
    assert rated["id"] == "data-structures/trees" and rated["rating"] == 2  # type: ignore[index]
    logged: Any = cli.json("tech", "log", "trees", "--problem", "validate a BST", "--outcome", "p",
                           "--minutes", "35", "--link", "https://leetcode.com/problems/validate-binary-search-tree/",
                           "--notes", "forgot the bounds", "--rate", "3")
    assert logged["entry"]["outcome"] == "partial" and logged["entry"]["minutes"] == 35
    assert logged["review"]["rating"] == 2 and logged["review"]["card"]["kind"] == "technical"
    assert logged["subtopic"]["rating"] == 3
    shown: Any = cli.json("tech", "show", "bst")
    assert [r["rating"] for r in shown["ratings"]] == [2, 3]
    assert shown["log"][0]["notes"] == "forgot the bounds" and shown["prompts"]
    assert cli("tech", "show", "trees") == 0 and "validate a BST" in cli.out and "2 → 3" in cli.out
    assert cli("tech") == 0 and "Trees" in cli.out and "Not started" in cli.out
    assert cli("tech", "topics", "--all") == 0 and "Tries" in cli.out
    assert cli("tech", "note", "trees", "in-order of a BST is sorted") == 0
    assert cli.json("tech", "show", "trees")["notes"][-1]["origin"] == "user"  # type: ignore[index]
    history: Any = cli.json("history")
    assert history["attempts"][0]["kind"] == "technical"
    progress: Any = cli.json("progress")
    assert all(p["slug"] for p in progress["principles"])  # technical practice is not a principle


def test_the_readiness_view_in_words(cli: CLI, example_notes: Path,
                                     write: Callable[[str, str], Path]) -> None:
    assert cli("import", example_notes, write("tech.md", CHECKLIST)) == 0
    view: Any = cli.json("readiness")
    behavioral, technical = view["behavioral"], view["technical"]
    assert set(behavioral["gaps"]) >= {"earn-trust", "hire-and-develop-the-best"}
    assert 0 < behavioral["score"] < 50 and "principles have a story" in behavioral["explanation"]
    assert [p["slug"] for p in behavioral["principles"]][:2] == ["customer-obsession", "ownership"]
    in_scope = [t["slug"] for t in technical["topics"] if t["in_scope"]]
    assert "machine-learning" not in in_scope and len(in_scope) == 9  # no scientist role
    assert technical["not_started"] == ["programming-language", "coding", "object-oriented-design",
                                        "databases", "operating-systems", "internet"]
    assert "No interview date" in technical["pace"] and view["interview"] is None
    assert cli("interview", "add", "Amazon", "--role", "Applied Scientist", "--date",
               (datetime.now(UTC).date() + timedelta(days=10)).isoformat()) == 0
    view = cli.json("readiness")
    assert view["days_left"] == 10 and view["technical"]["per_day"] >= 1
    assert "machine-learning" in view["technical"]["not_started"]  # in scope for scientists
    assert cli("readiness") == 0
    for words in ("Behavioral", "Technical", "in 10 days", "Not started", "Weakest", "Next"):
        assert words in cli.out, words
