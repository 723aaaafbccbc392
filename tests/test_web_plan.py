"""The loop plan and the cheat sheet through the web app, in-process: the same plan as
`loopprep plan`, a loop typed on the page, and a cheat sheet that can run no script."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import CLI
from loopprep.bank import Bank
from test_web_security import markup_problems
from webtools import NOW, PAYLOADS, client, form


@pytest.fixture
def web(loopprep_home: Path, example_notes: Path) -> TestClient:
    web = client(loopprep_home)
    assert web.post("/import/path", data=form({"path": str(example_notes)})).status_code == 200
    return web


def test_the_plan_is_the_clis(web: TestClient, cli: CLI) -> None:
    assert web.get("/plan.json").json() == cli.json("plan")
    page = web.get("/plan").text
    assert "Typical Amazon loop" in page and "Hiring manager" in page
    assert 'href="/plan/cheatsheet.html"' in page


def test_a_loop_typed_on_the_page(web: TestClient, cli: CLI) -> None:
    spec = "Alice: ownership, dive-deep\nBob the bar raiser: think-big, earn-trust"
    planned = web.get("/plan.json", params={"interviewers": spec}).json()
    assert planned == cli.json("plan", "-i", "Alice: ownership, dive-deep",
                               "-i", "Bob the bar raiser: think-big, earn-trust")
    assert [p["name"] for p in planned["loop"]["interviewers"]] == ["Alice", "Bob the bar raiser"]
    page = web.get("/plan", params={"interviewers": spec}).text
    assert "cheatsheet.html?interviewers=Alice" in page
    sheet = web.get("/plan/cheatsheet.md", params={"interviewers": spec})
    assert sheet.status_code == 200 and "Alice" in sheet.text
    assert sheet.headers["content-disposition"] == 'attachment; filename="cheatsheet.md"'
    wrong = web.get("/plan", params={"interviewers": "just a name"})
    assert wrong.status_code == 400 and "Name: principle, principle" in wrong.text
    assert web.get("/plan/cheatsheet.exe").status_code == 400


def test_the_cheat_sheet_runs_no_script(web: TestClient, loopprep_home: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        story = bank.add_story(PAYLOADS[0], now=NOW, principles=["frugality"])
        bank.update_story(story.id, {"situation": PAYLOADS[1], "result": f"{PAYLOADS[2]} cut 40%"},
                          now=NOW)
    loop = {"interviewers": "Ann: frugality", "linked_only": "1"}
    sheet = web.get("/plan/cheatsheet.html", params=loop)
    assert sheet.status_code == 200 and "&lt;script&gt;window.__pwned" in sheet.text
    policy = sheet.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "<script" not in sheet.text and "<img" not in sheet.text and "<svg" not in sheet.text
    pdf = web.get("/plan/cheatsheet.pdf", params=loop)
    assert pdf.content.startswith(b"%PDF-") and pdf.headers["content-type"] == "application/pdf"
    page = web.get("/plan", params=loop).text
    assert "&lt;script&gt;window.__pwned" in page and markup_problems(page) == []


def test_a_kept_plan_is_replanned_after_a_change_from_the_cli(web: TestClient, cli: CLI) -> None:
    before = web.get("/plan.json").json()
    assert web.get("/plan.json").json() == before  # kept: nothing changed
    assert cli("stories", "add", "Rebuilt trust with the billing team", "-p", "earn-trust") == 0
    after = web.get("/plan.json").json()
    assert after == cli.json("plan")
    assert after != before
    fit = web.get("/questions/fit.json", params={"question": "A time you rebuilt trust?"})
    assert fit.json()["stories"][0]["story_id"] == "rebuilt-trust-with-the-billing-team"
