"""A technical item in the real `loopprep practice` program, driven in a pseudo-terminal as
a person would: the prompt, then the log (a bad link and a bad outcome are asked again),
the self-rating, and what it did to the schedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from conftest import CLI
from test_practice_cli import Terminal, _db

NOTES = "# Technical\n## Algorithms\n- [ ] Dynamic programming\n- [x] Binary search\n"


def test_logging_a_technical_item_in_the_terminal(loopprep_home: Path, cli: CLI,
                                                  write: Callable[[str, str], Path]) -> None:
    assert cli("import", write("tech.md", NOTES)) == 0
    child = Terminal(loopprep_home, "--technical", "--count", "1")
    child.expect("Algorithms › Dynamic programming")
    child.expect("Solve 'coin change'")  # the topic list's first prompt for the subtopic
    child.expect(r"Ready to log\?")
    child.sendline("")
    child.expect("What did you work on")
    child.sendline("coin change, bottom-up")
    child.expect("Link")
    child.sendline("leetcode coin change")
    child.expect("is not a web address")
    child.expect("Link")
    child.sendline("https://leetcode.com/problems/coin-change/")
    child.expect("Minutes")
    child.sendline("25")
    child.expect("Outcome")
    child.sendline("won")
    child.expect("is not one of solved, partial, failed")
    child.expect("Outcome")
    child.sendline("s")
    child.expect("How well do you know it now")
    child.sendline("4")
    child.expect("Logged solved; you rate yourself 4/5. Scheduled as good; next time: ")
    child.expect("Session report")
    child.expect("Technical: algorithms/dynamic-programming")
    assert child.close() == 0
    assert "Traceback" not in child.screen()

    db = _db(loopprep_home)
    entry = db.execute("SELECT * FROM tech_log").fetchone()
    assert (entry["subtopic"], entry["problem"], entry["link"], entry["minutes"], entry["outcome"]) == (
        "algorithms/dynamic-programming", "coin change, bottom-up",
        "https://leetcode.com/problems/coin-change/", 25, "solved")
    assert db.execute("SELECT rating FROM tech_ratings").fetchone()[0] == 4
    card = db.execute("SELECT * FROM cards").fetchone()
    assert (card["kind"], card["ref"], card["reps"]) == ("technical", "algorithms/dynamic-programming", 1)
    assert datetime.fromisoformat(card["due"]).date() > datetime.now(UTC).date()
    attempt = db.execute("SELECT * FROM attempts").fetchone()
    assert attempt["kind"] == "technical" and attempt["status"] == "rated" and attempt["rating"] == 3
    assert attempt["session_id"] is not None and entry["attempt_id"] == attempt["id"]


def test_quitting_the_log_stores_nothing(loopprep_home: Path, cli: CLI,
                                         write: Callable[[str, str], Path]) -> None:
    assert cli("import", write("tech.md", NOTES)) == 0
    child = Terminal(loopprep_home, "--technical")
    child.expect(r"Ready to log\?")
    child.sendline("")
    child.expect("What did you work on")
    child.send("coin change")
    child.expect("coin change")  # echoed: the line editor is reading
    child.send("\x03")  # Ctrl-C
    child.expect("Not logged")
    assert child.close() == 0
    db = _db(loopprep_home)
    assert db.execute("SELECT COUNT(*) FROM tech_log").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0
