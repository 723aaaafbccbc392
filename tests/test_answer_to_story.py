"""Good answers feed the story bank: "Save as story" fills a story's STAR fields from a
practice answer only after the candidate confirms (web and CLI), and the cheat sheet uses
the STAR fields and the best answer given instead of raw note fragments."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import CLI
from loopprep.bank import Bank
from loopprep.export.cheatsheet import build_cheatsheet
from loopprep.export.outputs import render_cheatsheet
from loopprep.practice import SessionOptions
from webtools import NOW, client, form

ANSWER = ("In 2021 at TenneT, the data science team's models were rewritten by data engineers "
          "before deployment, which took months. I was responsible for getting our forecasting "
          "code into production unchanged. I proposed a graph-based compute setup, wrote the "
          "deployment templates myself and trained four data scientists to use them. As a "
          "result, models shipped in two weeks instead of three months, and we cut rework by 80%.")


def _answer(bank: Bank, text: str = ANSWER, principle: str = "invent-and-simplify",
            kind: str = "story-recall") -> int:
    """Answer `text` to the first item of `kind` a session for `principle` asks."""
    session = bank.start_practice(SessionOptions(count=4, principles=(principle,)), now=NOW)
    while (item := session.next_item(NOW)) is not None:
        result = session.answer(item, text, started_at=NOW, ended_at=NOW + timedelta(minutes=2))
        if item.kind == kind:
            return result.attempt_id
    raise AssertionError(f"no {kind} item for {principle}")


def test_save_as_story_in_the_browser_after_confirming(loopprep_home: Path,
                                                       example_notes: Path) -> None:
    web: TestClient = client(loopprep_home)
    web.post("/import/path", data=form({"path": str(example_notes)}))
    with Bank.open(loopprep_home) as bank:
        attempt_id = _answer(bank)
        before = bank.story("tennet")
    page = web.get(f"/practice/attempts/{attempt_id}").text
    assert f'href="/practice/attempts/{attempt_id}/story"' in page and "Save as story" in page
    confirm = web.get(f"/practice/attempts/{attempt_id}/story").text
    fields = {name: unescape(value).strip() for name, value in
              re.findall(r'<textarea name="(\w+)"[^>]*>(.*?)</textarea>', confirm, re.S)}
    assert fields["situation"].startswith("In 2021 at TenneT")
    assert "I proposed a graph-based compute setup" in fields["action"]
    assert fields["result"].startswith("As a result")
    assert '<option value="tennet" selected>' in confirm, "the story the answer names"
    with Bank.open(loopprep_home) as bank:
        assert bank.story("tennet") == before, "nothing is written before confirming"
    fields["action"] += " I also wrote the runbook."
    saved = web.post(f"/practice/attempts/{attempt_id}/story",
                     data=form({**fields, "story": "tennet", "title": ""}), follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/stories/tennet")
    with Bank.open(loopprep_home) as bank:
        story = bank.story("tennet")
    assert story.situation == fields["situation"]
    assert story.action.endswith("I also wrote the runbook.")
    assert story.result.startswith("As a result") and story.task.startswith("I was responsible")
    empty = web.post(f"/practice/attempts/{attempt_id}/story",
                     data=form({"situation": "", "task": "", "action": "", "result": "",
                                "story": "", "title": "x"}))
    assert empty.status_code == 400 and "every STAR part is empty" in empty.text


def test_save_story_in_the_terminal_asks_first(cli: CLI, loopprep_home: Path, example_notes: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
        attempt_id = _answer(bank)
    assert cli("history") == 0 and f"loopprep save-story {attempt_id}" in cli.out
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert cli("save-story", str(attempt_id)) == 0
    assert "Situation" in cli.out and "TenneT" in cli.out and "Nothing saved." in cli.out
    with Bank.open(loopprep_home) as bank:
        assert not bank.story("tennet").situation
    assert cli("save-story", str(attempt_id), "--new", "--title", "Graph compute at TenneT", "--yes") == 0
    with Bank.open(loopprep_home) as bank:
        made = [s for s in bank.stories() if s.title == "Graph compute at TenneT"]
        assert made and made[0].action.startswith("I proposed")
        assert "invent-and-simplify" in made[0].principles
    assert cli("save-story", "999") == 1 and "999" in cli.err


def test_the_cheat_sheet_uses_star_fields_and_the_best_answer(example_notes: Path) -> None:
    today = date(2026, 11, 27)
    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        plan = bank.plan_loop(today=today)
        sheet = build_cheatsheet(plan, today=today)
        lines = [s.primary.opening for p in sheet.interviewers for s in p.slots if s.primary]
        lines += [f.answer for p in sheet.interviewers for s in p.slots for f in s.follow_ups]
        for line in lines:
            assert not re.search(r"^\w+( example)?, again\.?$", line), line
            assert not line.endswith("…") or len(line) > 150, line
        assert "Had to do a lot of pushing" in lines, "the note after 'IRPWIND, again.'"
        # a strong answer naming a story fills what its fields do not say
        slot = next(s for s in plan.slots if s.primary and s.primary.story_id == "tennet")
        attempt_id = _answer(bank, ANSWER, "ownership", kind="question")
        with bank.store.transaction() as conn:  # scored as a strong answer
            conn.execute("UPDATE attempts SET overall = 8.0 WHERE id = ?", (attempt_id,))
        text = render_cheatsheet(plan, "md", today=today, store=bank.store).decode()
        section = text.split(f"**{slot.principle_name}**")[1][:600]
        assert "In 2021 at TenneT" in section, section
        assert "(not written yet)" in text and "…\n" not in text
        # the story's own STAR field comes first
        bank.update_story("tennet", {"situation": "TenneT's grid models took months to ship."}, now=NOW)
        plan = bank.plan_loop(today=today)
        text = render_cheatsheet(plan, "md", today=today, store=bank.store).decode()
        assert "TenneT's grid models took months to ship." in text
