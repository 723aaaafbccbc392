"""Practice through the web app, in-process: the home screen, interviews, a session's
question, the stored answer with its feedback and probes, the rating that schedules it, and
the report; all through the same `PracticeSession` as `loopprep practice`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from loopprep.bank import Bank
from webtools import client, form

ANSWER = ("At QCELLS in 2023 our cloud bill doubled. We talked about it a lot. I profiled the "
          "jobs and moved the forecasts to spot instances. Costs fell 30% in a month.")


@pytest.fixture
def web(loopprep_home: Path, example_notes: Path) -> TestClient:
    web = client(loopprep_home)
    assert web.post("/import/path", data=form({"path": str(example_notes)})).status_code == 200
    return web


def shown(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="(ref|started_at)" value="([^"]+)"', page))


def test_a_session_from_question_to_report(web: TestClient, loopprep_home: Path) -> None:
    home = web.get("/practice")
    assert home.status_code == 200 and "Start a session" in home.text
    started = web.post("/practice/sessions", data=form({"count": "2"}), follow_redirects=False)
    assert started.status_code == 303
    session_url = started.headers["location"]
    question = web.get(session_url)
    assert question.status_code == 200
    assert 'id="timer" class="timer" data-target="120"' in question.text
    assert '<script src="/static/practice-timer-1.js" defer></script>' in question.text
    answered = web.post(session_url + "/answer", data=form({**shown(question.text),
                                                             "answer": ANSWER}),
                        follow_redirects=False)
    assert answered.status_code == 303
    attempt_url = answered.headers["location"]
    feedback = web.get(attempt_url).text
    assert re.search(r'<mark class="flag \w+" title="[^"]+">[^<]*a lot', feedback)
    assert '<mark class="star result" title="result">Costs fell 30% in a month.</mark>' in feedback
    probes = re.findall(r'action="(/practice/attempts/\d+/followups/\d+)"', feedback)
    assert probes, "no follow-up probe"
    assert web.post(probes[0], data=form({"answer": "I would start from the bill."}),
                    follow_redirects=False).status_code == 303
    page = web.get(attempt_url).text
    assert ">I would start from the bill.</textarea>" in page
    # The reply is marked and counts toward the answer's mark (and the suggested rating).
    assert re.search(r"This reply: [\d.]+/10; it counts toward this answer's mark, now "
                     r"[\d.]+/10", page)
    marked = web.get(attempt_url + ".json").json()
    assert marked["followups"][0]["overall"] < 5
    assert marked["overall"] < marked["feedback"]["overall"]
    suggested = re.search(r'name="rating" value="(\d)" class="suggested"', feedback)
    assert suggested
    rated = web.post(attempt_url + "/rate", data=form({"rating": "3"}), follow_redirects=False)
    assert rated.status_code == 303 and rated.headers["location"] == session_url
    after = web.get(attempt_url).text
    assert "Rated: Good" in after and "It comes back on" in after
    with Bank.open(loopprep_home) as bank:
        stored = bank.attempts()
    assert len(stored) == 1 and stored[0].answer == ANSWER and stored[0].rating == 3
    assert web.get(attempt_url + ".json").json()["answer"] == ANSWER
    second = web.get(session_url).text
    web.post(session_url + "/answer", data=form({**shown(second), "answer": "PARCELIO, 18%."}),
             follow_redirects=False)
    report = web.get(session_url)
    assert "nothing more to ask" in report.text
    finished = web.post(session_url + "/finish", data=form(), follow_redirects=False)
    assert finished.status_code == 303
    assert "nothing more to ask" not in web.get(session_url).text
    status = web.get("/practice.json").json()
    assert status["attempts"] == 2 and status["due"]["cards"] == 1
    assert "<svg" in web.get("/practice/progress.svg").text
    assert 'hx-get="/practice/progress" hx-trigger="revealed"' in web.get("/practice").text
    progress = web.get("/practice/progress", headers={"hx-request": "true"}).text
    assert "<html" not in progress and "2 answers over 1 day" in progress
    assert web.get("/practice/progress").text.count("<html") == 1
    assert web.get("/practice/progress.json").json()["attempts"] == 2


def test_interviews_count_down_on_practice_and_dashboard(web: TestClient) -> None:
    added = web.post("/practice/interviews", data=form({
        "company": "Amazon", "role": "SDE II", "date": "2026-12-20",
        "stages": "phone screen=2026-12-05"}), follow_redirects=False)
    assert added.status_code == 303
    countdown = web.get("/practice").text.split('id="countdown"', 1)[1].split("</section>", 1)[0]
    assert "8</strong> days to the phone screen at Amazon" in " ".join(countdown.split())
    strip = " ".join(web.get("/").text.split('id="practice-strip"', 1)[1].split("</p>", 1)[0].split())
    assert "8</strong> days to the phone screen at Amazon (Sat 5 Dec)" in strip  # in words
    past = web.post("/practice/interviews", data=form({"company": "X", "date": "2020-01-01"}))
    assert past.status_code == 400 and "is in the past" in past.text
    interview_id = re.search(r'/practice/interviews/(\d+)/remove', web.get("/practice").text)
    assert interview_id
    web.post(f"/practice/interviews/{interview_id.group(1)}/remove", data=form())
    assert "Amazon" not in web.get("/practice").text.split('id="countdown"', 1)[1].split("</section>")[0]


def test_practice_refuses_what_does_not_fit(web: TestClient) -> None:
    assert web.get("/practice/sessions/99").status_code == 404
    assert web.get("/practice/attempts/99").status_code == 404
    bad = web.post("/practice/sessions", data=form({"count": "many"}))
    assert bad.status_code == 400 and "must be numbers" in bad.text
    url = web.post("/practice/sessions", data=form({"count": "1"}),
                   follow_redirects=False).headers["location"]
    page = web.get(url).text
    stale = web.post(url + "/answer", data=form({"ref": "not-the-question", "answer": "x"}))
    assert stale.status_code == 400 and "no longer the session" in stale.text
    attempt = web.post(url + "/answer", data=form({**shown(page), "answer": ANSWER}),
                       follow_redirects=False).headers["location"]
    assert web.post(attempt + "/rate", data=form({"rating": "9"})).status_code == 400
    assert web.post(attempt + "/rate", data=form({"rating": "2"})).status_code == 200
    again = web.post(attempt + "/rate", data=form({"rating": "2"}))
    assert again.status_code == 400 and "already rated" in again.text


def test_a_notes_question_under_a_guessed_principle_says_so(web: TestClient) -> None:
    started = web.post("/practice/sessions", data=form({"count": "4", "principle": "dive-deep"}),
                       follow_redirects=False)
    session_url = started.headers["location"]
    pages = []
    for _ in range(4):  # a story recall may come first; the notes' own questions come early
        pages.append(web.get(session_url).text)
        if "<small>(guessed)</small>" in pages[-1]:
            break
        web.post(session_url + "/answer", data=form({**shown(pages[-1]), "answer": "At X, 10%."}),
                 follow_redirects=False)
    page = pages[-1]
    assert "Dive Deep <small>(guessed)</small>" in page
    assert "develop a strategy?" in page or "number of possible" in page
