"""The journey pages in-process: technical (rate, log, note), interviews (add, edit, remove)
and history (answers, feedback, follow-ups, links back), and a crawl of every link from /."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from loopprep.bank import Bank
from webtools import NOW, client, form

ANSWER = ("At Kestrel Labs in 2024 our build queue took an hour. I measured each step, cached the "
          "dependency layer and split the tests across four runners. Builds fell to 12 minutes.")


@pytest.fixture
def web(loopprep_home: Path, example_notes: Path) -> TestClient:
    web = client(loopprep_home)
    assert web.post("/import/path", data=form({"path": str(example_notes)})).status_code == 200
    return web


def test_technical_rate_log_and_note(web: TestClient, loopprep_home: Path) -> None:
    page = web.get("/technical")
    assert page.status_code == 200
    first = re.search(r'href="/technical\?subtopic=([^"#]+)#subtopic">([^<]+)</a>', page.text)
    assert first, "no subtopic listed"
    sub = unescape(first.group(1)).replace("%2F", "/")
    rated = web.post("/technical/rate", data=form({"subtopic": sub, "rating": "4"}),
                     follow_redirects=False)
    assert rated.status_code == 303
    shown = web.get(rated.headers["location"]).text
    assert "Rating saved." in shown and "<dd>solid" in shown
    logged = web.post("/technical/log", data=form({"subtopic": sub, "problem": "two pointers drill",
                                                   "outcome": "partial", "minutes": "20"}),
                      follow_redirects=False)
    assert logged.status_code == 303
    shown = web.get(logged.headers["location"]).text
    assert "two pointers drill" in shown and "1 time, last today" in shown
    noted = web.post("/technical/note", data=form({"subtopic": sub, "note": "sort first"}),
                     follow_redirects=False)
    assert "sort first" in web.get(noted.headers["location"]).text
    with Bank.open(loopprep_home) as bank:
        assert bank.tech_subtopic(sub, now=NOW)["rating"] == 4


def test_technical_refuses_bad_input_on_the_page(web: TestClient) -> None:
    bad = web.post("/technical/log", data=form({"subtopic": "no-such-thing-at-all", "problem": "x",
                                                "outcome": "solved"}))
    assert bad.status_code in (400, 404) and "no technical subtopic" in bad.text.lower()
    assert "Traceback" not in bad.text
    bad = web.post("/technical/log", data=form({"subtopic": "no-such", "problem": "x",
                                                "outcome": "solved", "minutes": "lots"}))
    assert bad.status_code == 400 and "is not a number of minutes" in unescape(bad.text)


def test_interviews_add_edit_remove(web: TestClient, loopprep_home: Path) -> None:
    assert "No interviews yet" in web.get("/interviews").text
    added = web.post("/interviews", data=form({"company": "Northwind", "role": "SDE",
                                               "date": "2026-12-09",
                                               "stages": "phone screen=2026-12-03, onsite"}),
                     follow_redirects=False)
    assert added.status_code == 303
    page = web.get(added.headers["location"]).text
    assert "Northwind" in page and "in 6 days" in page and "in 12 days" in page
    interview_id = re.search(r'action="/interviews/(\d+)/remove"', page)
    assert interview_id
    url = f"/interviews/{interview_id.group(1)}"
    assert 'name="stages"' in web.get(f"/interviews?edit={interview_id.group(1)}").text
    edited = web.post(url, data=form({"company": "Northwind Traders", "role": "SDE II",
                                      "date": "2026-12-10", "stages": "phone screen=2026-12-04, onsite"}),
                      follow_redirects=False)
    assert edited.status_code == 303
    with Bank.open(loopprep_home) as bank:
        [interview] = bank.interviews()
    assert interview.company == "Northwind Traders" and interview.date.isoformat() == "2026-12-10"
    assert [s.date.isoformat() for s in interview.stages] == ["2026-12-04", "2026-12-10"]
    refused = web.post(url, data=form({"company": "Northwind", "date": "2020-01-01"}))
    assert refused.status_code == 400 and "is in the past" in refused.text
    with Bank.open(loopprep_home) as bank:
        assert bank.interviews()[0].company == "Northwind Traders"  # unchanged
    assert web.post(url + "/remove", data=form(), follow_redirects=False).status_code == 303
    with Bank.open(loopprep_home) as bank:
        assert bank.interviews() == []


def test_history_shows_answers_feedback_and_links_back(web: TestClient) -> None:
    assert "Nothing practised yet" in web.get("/history").text
    started = web.post("/practice/sessions", data=form({"count": "1", "technical": "none"}),
                       follow_redirects=False)
    session_url = started.headers["location"]
    question = web.get(session_url).text
    fields = dict(re.findall(r'name="(ref|started_at)" value="([^"]+)"', question))
    answered = web.post(session_url + "/answer", data=form({**fields, "answer": ANSWER}),
                        follow_redirects=False)
    attempt_url = answered.headers["location"]
    web.post(attempt_url + "/rate", data=form({"rating": "3"}))
    page = web.get("/history").text
    assert "Kestrel Labs" in page and "rated Good" in page and "Feedback:" in page
    assert f'href="{attempt_url}"' in page
    back = re.search(r'<a href="(/(?:questions|stories)\?[^"]+)">', page)
    assert back and web.get(unescape(back.group(1))).status_code == 200


def _used_bank(web: TestClient) -> None:
    """A bank in use: an interview, a practised and rated answer with follow-ups, a saved
    story from it, and a technical rating, so every kind of page has something to link."""
    web.post("/interviews", data=form({"company": "Northwind", "date": "2026-12-09",
                                       "stages": "phone screen=2026-12-03, onsite"}))
    started = web.post("/practice/sessions", data=form({"count": "2", "technical": "none"}),
                       follow_redirects=False)
    session_url = started.headers["location"]
    for _ in range(2):
        question = web.get(session_url).text
        fields = dict(re.findall(r'name="(ref|started_at)" value="([^"]+)"', question))
        if not fields:
            break
        answered = web.post(session_url + "/answer", data=form({**fields, "answer": ANSWER}),
                            follow_redirects=False)
        attempt_url = answered.headers["location"]
        web.post(attempt_url + "/followups/0", data=form({"answer": "I timed each step first."}))
        web.post(attempt_url + "/rate", data=form({"rating": "3"}))
    confirm = web.get(attempt_url + "/story").text
    fields = {name: unescape(value) for name, value in
              re.findall(r'<textarea name="(\w+)"[^>]*>(.*?)</textarea>', confirm, re.S)}
    web.post(attempt_url + "/story", data=form({**fields, "story": "", "title": "Faster builds"}))
    page = web.get("/technical").text
    sub = re.search(r'href="/technical\?subtopic=([^"#]+)#subtopic"', page)
    assert sub
    web.post("/technical/rate", data=form({"subtopic": unescape(sub.group(1)).replace("%2F", "/"),
                                           "rating": "3"}))


def _links(html: str) -> list[str]:
    """Same-site links of a page: anchors, htmx GETs and images."""
    found = re.findall(r'<a [^>]*href="([^"#]+)', html)
    found += re.findall(r'hx-get="([^"]+)"', html) + re.findall(r'<img [^>]*src="([^"]+)"', html)
    out = []
    for link in found:
        parts = urlsplit(unescape(link))
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def test_every_link_from_the_dashboard_answers(web: TestClient) -> None:
    """Crawl every same-site link reachable from / (following links within the app) in a
    bank in use; any answer but 200 fails, naming the page that linked to it."""
    _used_bank(web)
    seen: set[str] = set()
    todo = [("/", "")]
    while todo and len(seen) < 600:
        url, linked_from = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = web.get(url, follow_redirects=False)
        assert response.status_code == 200, \
            f"{url} (linked from {linked_from}) answered {response.status_code}"
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        for path in _links(response.text):
            if path not in seen and not re.match(r"/(stories|questions|history)\?.*page=([3-9]|\d\d)", path):
                todo.append((path, url))
    assert len(seen) < 600, "the crawl stopped before it saw every page"
    assert len(seen) > 100, f"only {len(seen)} pages reached"
    for page in ("/technical", "/interviews", "/history", "/plan", "/practice/progress",
                 "/practice/progress.svg", "/settings", "/import"):
        assert page in seen, f"{page} is not linked from the dashboard's pages"
    assert any(re.fullmatch(r"/practice/attempts/\d+", u) for u in seen), "attempts are linked"
    assert any(re.fullmatch(r"/practice/attempts/\d+/story", u) for u in seen)
    assert any(u.startswith("/plan/cheatsheet.") for u in seen)
