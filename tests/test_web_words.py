"""Words a candidate uses, on the real pages in-process: the plan says why a story goes
where in one plain sentence, import results name stories by title, times read as words,
and after switching to the generic framework no page speaks of Amazon's principles."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from loopprep.bank import Bank
from loopprep.frameworks import load_framework
from webtools import BASE, NOW, TOKEN, client, form


@pytest.fixture
def web(loopprep_home: Path) -> TestClient:
    return client(loopprep_home)


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_plan_explanations_are_one_plain_sentence(web: TestClient, example_notes: Path) -> None:
    web.post("/import/path", data=form({"path": str(example_notes)}))
    page = web.get("/plan").text
    whys = [_text(w).strip() for w in re.findall(r'<p class="why">(.*?)</p>', page, re.S)]
    assert whys, "the plan explains its slots"
    for why in whys:
        assert not re.search(r"\b(strength|fit) \d\.\d\d|STAR parts,|\d/4", why), why
        assert why.endswith(".") and why.count(". ") == 0, f"one sentence: {why}"
    assert any(" is filed under " in w for w in whys)


def test_import_results_name_stories_by_title(web: TestClient, example_notes: Path,
                                              loopprep_home: Path) -> None:
    page = web.post("/import/path", data=form({"path": str(example_notes)})).text
    links = re.findall(r'<a href="/stories/([^"]+)">([^<]+)</a>', page.split("<h2>New stories</h2>")[1])
    assert links
    with Bank.open(loopprep_home) as bank:
        titles = {s.id: s.title for s in bank.stories()}
    for story_id, shown in links:
        assert unescape(shown) == titles[story_id]
    assert any(story_id != unescape(shown) for story_id, shown in links), "titles, not slugs"


def test_last_imported_reads_as_words(loopprep_home: Path, example_notes: Path) -> None:
    from loopprep.web.app import create_app

    clock = [NOW]
    web = TestClient(create_app(loopprep_home, token=TOKEN, clock=lambda: clock[0]), base_url=BASE,
                     headers={"origin": BASE})
    web.post("/import/path", data=form({"path": str(example_notes)}))
    clock[0] = NOW + timedelta(hours=2, minutes=5)
    page = web.get("/import").text
    table = page.split("Imported so far")[1]
    assert "2 hours ago" in table
    assert not re.search(r">\s*\d{4}-\d\d-\d\dT", table), "no raw ISO timestamp"


def test_the_framework_switch_reaches_every_page(web: TestClient, example_notes: Path) -> None:
    web.post("/import/path", data=form({"path": str(example_notes)}))
    day = (NOW + timedelta(days=12)).date().isoformat()
    web.post("/interviews", data=form({"company": "Acme", "date": day, "stages": "onsite"}))
    assert web.post("/settings/framework", data=form({"framework": "generic"}),
                    follow_redirects=False).status_code == 303
    generic = load_framework("generic")
    amazon = [p for p in load_framework("amazon") if generic.get(p.slug) is None]
    for url in ("/", "/plan", "/stories", "/practice", "/practice/progress", "/questions"):
        page = web.get(url)
        assert page.status_code == 200
        html = page.text
        for principle in amazon:
            assert principle.name not in _text(html), f"{url} names {principle.name}"
            assert f">{principle.slug}<" not in html and f"{principle.slug}," not in html, \
                f"{url} shows {principle.slug}"
    dashboard = web.get("/").text
    assert generic.name in dashboard
    assert 'class="pace ok"' not in dashboard, "nothing is on track with no story filed here"
    assert "another framework" in dashboard


def test_times_read_as_words() -> None:
    from datetime import UTC, date, datetime

    from loopprep.web.pages import ago, when

    now = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert when("2026-12-03T08:00:00+00:00", now.date()) == "today"
    assert when(date(2026, 12, 2), now.date()) == "yesterday"
    assert when("2026-11-27", now.date()) == "Fri 27 Nov"
    assert when("2025-11-27", now.date()) == "Thu 27 Nov 2025"
    assert when(None) == when("") == "never" and when("soon") == "soon"
    assert ago("2026-12-03T11:59:30+00:00", now) == "just now"
    assert ago("2026-12-03T10:00:00+00:00", now) == "2 hours ago"
    assert ago("2026-11-30T12:00:00+00:00", now) == "3 days ago"
    assert ago(None, now) == "never" and ago("not a time", now) == "not a time"
