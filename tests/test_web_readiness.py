"""Readiness on the web dashboard, in-process: both sides as `loopprep readiness` computes
them (the same library call), `/readiness.json`, a change made elsewhere shows at once, a
technical-only bank, and the user's words escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from loopprep.bank import Bank
from webtools import NOW, PAYLOADS, client, form


def _upload(web: TestClient, path: Path) -> str:
    response = web.post("/import/upload", data=form(),
                        files={"notes": (path.name, path.read_bytes(), "text/markdown")})
    assert response.status_code == 200, response.text
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


def _card(html: str, side: str) -> str:
    card = html.split(f'id="readiness-{side}"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))


def test_the_dashboard_shows_both_sides(loopprep_home: Path, example_notes: Path,
                                        write: Callable[[str, str], Path]) -> None:
    web = client(loopprep_home)
    assert 'id="readiness"' not in web.get("/").text  # nothing imported, nothing tracked
    stub = _upload(web, example_notes)  # the 'Technical Interview' stub: seen, tracks nothing
    assert "Technical subtopics from your notes : 0 (0 new, 0 updated)" in stub
    imported = _upload(web, write("tech.md", "# Technical\n## Algorithms\n- [ ] Dynamic programming\n"
                                             "- [x] Binary search\n## Coding\n- [ ] LRU cache\n"))
    assert "Technical subtopics from your notes : 3 (3 new, 0 updated)" in imported
    with Bank.open(loopprep_home) as bank:
        bank.add_interview("Amazon", role="SDE", day="2026-12-15", now=NOW)
        expected = bank.readiness(now=NOW)
    page = web.get("/")
    assert page.status_code == 200
    assert web.get("/readiness.json").json() == expected
    behavioral, technical = _card(page.text, "behavioral"), _card(page.text, "technical")
    assert f"{expected['behavioral']['score']} /100" in behavioral
    assert "principles have a story" in behavioral and "Earn Trust" in behavioral
    assert f"{expected['technical']['score']} /100" in technical
    assert "Algorithms › Dynamic programming" in technical and "Not started" in technical
    assert "18 days left" in expected["technical"]["pace"] and "18 days left" in technical
    assert "days left" in page.text.split('id="readiness-title"', 1)[1].split("</h2>", 1)[0]

    # practice logged from the CLI (another connection) shows on the next request
    with Bank.open(loopprep_home) as bank:
        bank.log_technical("dp", problem="coin change", outcome="solved", rating=5, now=NOW)
        after = bank.readiness(now=NOW)
    assert after["technical"]["score"] > expected["technical"]["score"]
    again = web.get("/")
    assert f"{after['technical']['score']} /100" in _card(again.text, "technical")
    assert web.get("/readiness.json").json()["technical"]["score"] == after["technical"]["score"]


def test_a_technical_only_bank_still_shows_readiness(loopprep_home: Path,
                                                     write: Callable[[str, str], Path]) -> None:
    web = client(loopprep_home)
    _upload(web, write("tech.md", "---\ntype: technical\n---\n- [x] graphs\n- [ ] tries\n"))
    page = web.get("/")
    assert "Your story bank is empty" in page.text
    technical = _card(page.text, "technical")
    assert "Data structures › Tries" in technical and "/100" in technical


def test_the_users_words_are_escaped(loopprep_home: Path, write: Callable[[str, str], Path]) -> None:
    web = client(loopprep_home)
    items = "\n".join(f"- [ ] {payload}" for payload in PAYLOADS)
    _upload(web, write("tech.md", f"# Technical\n## Coding\n{items}\n"))
    page = web.get("/")
    section = page.text.split('<section id="readiness"', 1)[1].split('<ul class="advice">', 1)[0]
    assert "Coding ›" in section  # the items are there, as text
    for tag in ("<script", "<img", "<svg", "<iframe", "<div hx-get", "<a href=\"javascript"):
        assert tag not in section


def test_a_technical_item_in_a_web_session(loopprep_home: Path,
                                           write: Callable[[str, str], Path]) -> None:
    web = client(loopprep_home)
    _upload(web, write("tech.md", "# Technical\n## Algorithms\n- [ ] Dynamic programming\n"
                                  "- [x] Binary search\n"))
    started = web.post("/practice/sessions", data=form({"count": "2", "technical": "only"}),
                       follow_redirects=False)
    assert started.status_code == 303
    session = started.headers["location"]
    page = web.get(session)
    assert 'id="log-form"' in page.text and "Solve &#39;coin change&#39;" in page.text
    log = f"{session}/log"
    refused = web.post(log, data=form({"ref": "algorithms/dynamic-programming", "problem": "coin change",
                                       "link": "leetcode coin change", "minutes": "25",
                                       "outcome": "solved", "rating": "4"}))
    assert refused.status_code == 400 and "is not a web address" in refused.text
    assert 'value="coin change"' in refused.text and 'value="4" checked' in refused.text
    logged = web.post(log, data=form({"ref": "algorithms/dynamic-programming", "problem": "coin change",
                                      "link": "https://leetcode.com/problems/coin-change/",
                                      "minutes": "25", "outcome": "solved", "rating": "4"}),
                      follow_redirects=False)
    assert logged.status_code == 303 and logged.headers["location"] == session
    with Bank.open(loopprep_home) as bank:
        dp = bank.tech_subtopic("dp", now=NOW)
    assert [e["problem"] for e in dp["log"]] == ["coin change"] and dp["rating"] == 4
    assert dp["card"]["reps"] == 1
    second = web.get(session)
    assert "Sorting and binary search" in second.text  # the next tracked subtopic
    web.post(log, data=form({"ref": "algorithms/sorting-and-searching", "outcome": "partial"}))
    report = web.get(session)
    assert "Technical" in report.text and "coin change — solved, 25 min" in report.text
