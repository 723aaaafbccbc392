"""The practice commands: interviews, status, due, progress with its chart, history; and the
real `loopprep practice` program driven in a pseudo-terminal as a person would use it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect
import pytest

from conftest import CLI
from loopprep.bank import Bank
from loopprep.practice import SessionOptions

ROOT = Path(__file__).resolve().parents[1]


def _soon(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def test_interviews_add_list_remove(cli: CLI) -> None:
    added = cli.json("interview", "add", "Amazon", "--role", "Applied Scientist", "--date",
                     _soon(30), "--stage", f"phone screen={_soon(10)}", "--stage", "loop")
    assert added["company"] == "Amazon" and added["role"] == "Applied Scientist"  # type: ignore[index]
    assert [s["name"] for s in added["stages"]] == ["phone screen", "loop"]  # type: ignore[index]
    assert added["stages"][1]["date"] == _soon(30)  # type: ignore[index]
    listed = cli.json("interview", "list")
    assert [i["id"] for i in listed["interviews"]] == [added["id"]]  # type: ignore[index]
    status = cli.json("status")
    assert [(s["stage"], s["days_left"]) for s in status["countdown"]] == [  # type: ignore[index]
        ("phone screen", 10), ("loop", 30)]
    assert status["deadline"] == _soon(10)  # type: ignore[index]
    assert cli("interview", "remove", str(added["id"])) == 0  # type: ignore[index]
    assert cli.json("interview")["interviews"] == []  # type: ignore[index]


@pytest.mark.parametrize(("args", "message"), [
    (["--date", "2025-02-30"], "is not a date"),
    (["--date", "next friday"], "is not a date"),
    (["--date", "2001-01-01"], "is in the past"),
    (["--date", "+30", "--stage", "phone screen=+40"], "is after the interview date"),
    (["--date", "+30", "--stage", "phone screen=+5", "--stage", "=+6"], "has no name"),
    (["--date", "+30", "--stage", "onsite=2025-13-01"], "is not a date"),
])
def test_bad_interview_dates_are_refused_clearly(cli: CLI, args: list[str], message: str) -> None:
    args = [_soon(int(a[1:])) if a.startswith("+") else a for a in args]
    args = [a.split("=")[0] + "=" + _soon(int(a.split("=+")[1])) if "=+" in a else a for a in args]
    assert cli("interview", "add", "Amazon", *args) == 1
    first, *rest = cli.err.strip().splitlines()
    assert first.startswith("error: ") and message in first and "Traceback" not in cli.err
    assert cli.json("interview", "list")["interviews"] == []  # type: ignore[index]


def test_removing_an_unknown_interview_says_so(cli: CLI) -> None:
    assert cli("interview", "remove", "42") == 1
    assert "no interview with id 42" in cli.err


def _practise(home: Path, example_notes: Path, days: int = 6) -> None:
    """A week of practice through the library, with the clock passed in."""
    start = datetime.now(UTC) - timedelta(days=days)
    with Bank.open(home) as bank:
        bank.import_notes([example_notes], now=start)
        for day in range(days):
            now = start + timedelta(days=day)
            session = bank.start_practice(SessionOptions(count=3, seed=str(day)), now=now)
            while (item := session.next_item(now)) is not None:
                text = f"In 2024 I cut the forecast error by {10 + day}% for 40 customers. I owned it."
                result = session.answer(item, text, started_at=now, ended_at=now + timedelta(minutes=2))
                session.rate(result.attempt_id, 3 if day % 2 else 2, now=now)
            session.finish(now)


def test_status_due_progress_history_as_json(cli: CLI, loopprep_home: Path,
                                             example_notes: Path) -> None:
    _practise(loopprep_home, example_notes)
    status = cli.json("status")
    assert status["streak"]["current"] == 6 and status["streak"]["practised_today"] is False  # type: ignore[index]
    assert len(status["weakest"]) == 3 and status["attempts"] == 18  # type: ignore[index]
    due = cli.json("due")["due"]  # type: ignore[index]
    assert all(d["prompt"] and d["due"] for d in due)
    assert len(due) == status["due"]["today"]  # type: ignore[index]
    progress = cli.json("progress")
    assert progress["attempts"] == 18 and progress["days_practised"] == 6  # type: ignore[index]
    by_slug = {p["slug"]: p for p in progress["principles"]}  # type: ignore[index]
    assert sum(p["attempts"] for p in by_slug.values()) == 18
    practised = [p for p in by_slug.values() if len(p["points"]) >= 2 and p["trend"] is not None]
    assert practised, "some principle has a trend"
    history = cli.json("history", "--limit", "5")["attempts"]  # type: ignore[index]
    assert len(history) == 5 and history[0]["started_at"] >= history[-1]["started_at"]
    assert cli("status") == 0 and "Streak: 6 days" in cli.out
    assert cli("progress") == 0 and "By principle" in cli.out


def test_progress_chart_is_a_valid_png_and_svg(cli: CLI, loopprep_home: Path, example_notes: Path,
                                              tmp_path: Path) -> None:
    _practise(loopprep_home, example_notes)
    png = tmp_path / "progress.png"
    result = cli.json("progress", "--chart", str(png))
    assert result["chart"] == str(png)  # type: ignore[index]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    pixels = matplotlib.image.imread(png)
    assert pixels.shape[0] >= 500 and pixels.shape[1] >= 800
    assert pixels.std() > 0.01, "not a blank image"
    svg = tmp_path / "progress.svg"
    assert cli("progress", "--chart", str(svg)) == 0
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    first = svg.read_bytes()
    assert cli("progress", "--chart", str(svg)) == 0
    assert svg.read_bytes() == first  # the same progress draws the same SVG
    assert cli("progress", "--chart", str(tmp_path / "chart.gif")) == 1
    assert "name the file .png or .svg" in cli.err.lower()
    assert cli("progress", "--chart", str(tmp_path / "missing" / "chart.png")) == 1


# -- the real program in a terminal --------------------------------------------------------

CURSOR_POSITION_REQUEST = "\x1b[6n"


class Terminal:
    """`loopprep practice` in a pseudo-terminal that behaves like a terminal emulator: it
    answers prompt_toolkit's cursor-position requests (without an answer the timer toolbar
    stays hidden, as it would on a terminal that cannot report its cursor)."""

    def __init__(self, home: Path, *args: str) -> None:
        env = {**os.environ, "LOOPPREP_HOME": str(home), "TERM": "xterm-256color"}
        env.pop("PROMPT_TOOLKIT_NO_CPR", None)
        self.child = pexpect.spawn(sys.executable, ["-m", "loopprep", "practice", *args], env=env,
                                   encoding="utf-8", dimensions=(40, 110), timeout=30,
                                   cwd=str(ROOT))
        self.seen = ""

    def expect(self, pattern: str | type[pexpect.EOF]) -> None:
        while True:
            index = self.child.expect([pattern, re.escape(CURSOR_POSITION_REQUEST)])
            self.seen += (self.child.before or "") + (
                self.child.after if isinstance(self.child.after, str) else "")
            if index == 0:
                return
            self.child.send("\x1b[20;1R")  # the cursor is on row 20, column 1

    def send(self, text: str) -> None:
        self.child.send(text)

    def sendline(self, text: str) -> None:
        self.child.sendline(text)

    def close(self) -> int:
        self.expect(pexpect.EOF)
        self.child.close()
        return int(self.child.exitstatus or 0)

    def screen(self) -> str:
        """What was shown, without colours and cursor movements, whitespace collapsed."""
        plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.seen)
        return " ".join(plain.split())


def _spawn(home: Path, *args: str) -> Terminal:
    return Terminal(home, *args)


def _db(home: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(home / "loopprep.db")
    conn.row_factory = sqlite3.Row
    return conn


LINE_1 = "We had a tense project with a partner team because our forecasts kept missing."
LINE_2 = ("We met every week, we rebuilt the reports and we shared the numbers with them. "
          "Um, basically it went fine.")


def test_practising_in_the_terminal_as_a_person(loopprep_home: Path, example_notes: Path,
                                                cli: CLI) -> None:
    assert cli("import", str(example_notes)) == 0
    assert cli("interview", "add", "Amazon", "--date", _soon(21)) == 0
    child = _spawn(loopprep_home, "--principle", "earn-trust", "--seed", "pexpect")
    child.expect("loop in 21 days")
    child.expect("Earn Trust")
    child.expect("Esc-Enter or Ctrl-D")
    child.expect("Your answer:")
    child.send(LINE_1 + "\r")  # Enter: a new line, not done
    child.send(LINE_2)
    child.expect("/ 2:00")  # the timer in the bottom toolbar
    child.send("\x1b\r")  # Esc-Enter: done
    child.expect("Follow-up:")
    child.expect("Your follow-up answer:")
    child.send("I personally ran the weekly review and fixed 3 broken reports.")
    child.send("\x04")  # Ctrl-D: done
    child.expect(r"this answer's mark is now \d+\.\d/10")  # the reply counts
    child.expect("Follow-up:")
    child.expect("Your follow-up answer:")
    child.send("\x04")  # skip the second probe
    child.expect("Feedback")
    child.expect(r"\[1\]")
    child.expect("Rate yourself")
    screen_before_rating = child.screen()
    child.sendline("2")
    child.expect("Rated hard. Next time: ")
    child.expect("Enter for the next question, q to quit")
    child.sendline("q")
    child.expect("Session report")
    assert child.close() == 0

    db = _db(loopprep_home)
    attempt = db.execute("SELECT * FROM attempts").fetchone()
    assert attempt["answer"] == LINE_1 + "\n" + LINE_2
    assert attempt["principle"] == "earn-trust" and attempt["status"] == "rated"
    assert attempt["rating"] == 2 and attempt["answer_seconds"] > 0
    followups = json.loads(attempt["followups"])
    assert len(followups) == 2
    assert followups[0]["answer"] == "I personally ran the weekly review and fixed 3 broken reports."
    feedback = json.loads(attempt["feedback"])
    # The marked reply counts toward the attempt's mark; the skipped probe does not.
    assert followups[0]["overall"] is not None and followups[1]["overall"] is None
    assert attempt["overall"] == pytest.approx(
        (2 * feedback["overall"] + followups[0]["overall"]) / 3, abs=0.01)
    # every flag the feedback stored was numbered on screen with its message
    assert feedback["flags"], "the all-'we' answer with no result is flagged"
    for number, flag in enumerate(feedback["flags"], start=1):
        assert f"[{number}] {flag['code']}" in screen_before_rating
        assert " ".join(flag["message"].split())[:30] in screen_before_rating
    spans = {f["code"] for f in feedback["flags"] if f["end"] - f["start"] < 10}
    assert {"FILLER", "OWNERSHIP_WE"} <= spans  # "Um", "basically", "We"
    assert "\x1b[4;31m" in child.seen  # flagged spans are underlined in red
    card = db.execute("SELECT * FROM cards").fetchone()
    assert (card["kind"], card["ref"], card["reps"]) == ("question", attempt["ref"], 1)
    due = datetime.fromisoformat(card["due"]).date()
    assert due == datetime.now(UTC).date() + timedelta(days=1)  # "hard" on a new card: tomorrow
    review = db.execute("SELECT * FROM reviews").fetchone()
    assert review["rating"] == 2 and review["deadline"] == _soon(21)


def test_ctrl_c_mid_answer_keeps_what_was_typed(loopprep_home: Path, example_notes: Path,
                                                cli: CLI) -> None:
    assert cli("import", str(example_notes)) == 0
    child = _spawn(loopprep_home, "--principle", "dive-deep")
    child.expect("Your answer:")
    child.send("First I pulled the raw meter data.\rThen I found that forty sites had")
    child.expect("forty sites had")
    child.send("\x03")  # Ctrl-C
    child.expect("Saved what you typed")
    assert child.close() == 0
    assert "Traceback" not in child.screen()
    attempt = _db(loopprep_home).execute("SELECT * FROM attempts").fetchone()
    assert attempt["status"] == "interrupted"
    assert attempt["answer"] == "First I pulled the raw meter data.\nThen I found that forty sites had"
    assert _db(loopprep_home).execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0


def test_a_story_recall_in_the_terminal(loopprep_home: Path, example_notes: Path, cli: CLI) -> None:
    assert cli("import", str(example_notes)) == 0
    child = _spawn(loopprep_home, "--principle", "think-big", "--count", "1")
    child.expect("Which story do you tell for Think Big")
    child.expect("Your answer:")
    child.send("IRPWIND, where the labs wanted to do the least\x04")
    child.expect("IRPWIND")
    child.expect("you named it")
    child.expect("opening line:")
    child.expect(r"Rate yourself.*\[3\]")
    child.sendline("")  # Enter takes the suggestion
    child.expect("Rated good")
    assert child.close() == 0
    card = _db(loopprep_home).execute("SELECT kind, ref FROM cards").fetchone()
    assert tuple(card) == ("story-recall", "think-big")



def test_history_text_shows_answers_feedback_and_ratings_in_words(cli: CLI, loopprep_home: Path,
                                                                  example_notes: Path) -> None:
    _practise(loopprep_home, example_notes, days=2)
    assert cli("history", "--limit", "3") == 0
    assert "Answer: In 2024 I cut the forecast error by 11%" in cli.out
    assert "Feedback: " in cli.out
    assert "Good" in cli.out and "rating 3" not in cli.out
