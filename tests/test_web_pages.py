"""Every route of the web app, in-process, on a real SQLite home and the real notes: what
each page shows, that it agrees with the CLI, and that edits land in the bank."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import escape
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from conftest import CLI
from loopprep.bank import Bank
from loopprep.web.app import AREAS
from loopprep.web.routes import Area
from webtools import NOW, client, editor_form, form


@pytest.fixture
def web(loopprep_home: Path) -> TestClient:
    return client(loopprep_home)


@pytest.fixture
def imported(web: TestClient, example_notes: Path) -> TestClient:
    response = web.post("/import/upload", data=form(),
                        files={"notes": (example_notes.name, example_notes.read_bytes(), "text/markdown")})
    assert response.status_code == 200, response.text
    return web


def main_text(html: str) -> str:
    """The page's main content as plain text, for assertions about what a reader sees."""
    body = html.split("<main>", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()


def test_empty_bank_invites_an_import(web: TestClient) -> None:
    page = web.get("/")
    assert page.status_code == 200
    assert "Your story bank is empty" in page.text and 'href="/import"' in page.text


def test_upload_of_the_real_notes_reports_what_it_found(imported: TestClient, loopprep_home: Path,
                                                        example_notes: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        stories = bank.stories()
    assert {"irpwind", "tennet", "qcells-icap"} <= {s.id for s in stories}
    again = imported.post("/import/upload", data=form(), files={
        "notes": (example_notes.name, example_notes.read_bytes(), "text/markdown")})
    text = main_text(again.text)
    assert f"0 new, 0 updated, {len(stories)} unchanged" in text
    assert "Nothing changed since the last import" in text
    assert (loopprep_home / "uploads" / "interview-notes.md").is_file()


def test_an_upload_that_holds_no_story_says_so_and_points_to_the_review(web: TestClient) -> None:
    errands = b"- Saturday errands\n  - pick up the bike from the shop\n"
    page = web.post("/import/upload", data=form(),
                    files={"notes": ("errands.md", errands, "text/markdown")})
    text = main_text(page.text)
    assert "No story or question was found in these notes" in text
    assert "Nothing changed since the last import" not in text
    assert 'href="/import#review"' in page.text
    assert "(with the 1 bullet under it) is outside the principles" in text


def test_dashboard_shows_the_coverage_map_the_cli_computes(imported: TestClient, cli: CLI) -> None:
    coverage = cli.json("coverage")
    assert isinstance(coverage, dict)
    page = imported.get("/")
    text = main_text(page.text)
    names = {p["slug"]: p["name"] for p in coverage["principles"]}
    for principle in coverage["principles"]:
        tile = re.search(r'<li class="tile heat-(\w+)">\s*<a href="/\?principle=' + principle["slug"]
                         + r'#matrix-section"[^>]*>\s*<span class="count">(\d+)</span>', page.text)
        assert tile, principle["slug"]
        assert int(tile.group(2)) == len(principle["stories"])
        assert (tile.group(1) == "gap") == (not principle["stories"])
    gaps_card = page.text.split('id="gaps"', 1)[1].split("</section>", 1)[0]
    for slug in coverage["gaps"]:
        assert str(escape(names[slug])) in gaps_card
    overused_card = page.text.split('id="overused"', 1)[1].split("</section>", 1)[0]
    for story_id in coverage["overused"]:
        assert f'href="/stories/{story_id}"' in overused_card
    assert "What loopprep noticed in your notes" in text
    assert "Earn Trust" in text  # the principle the notes leave out is a finding
    assert imported.get("/coverage.json").json() == coverage


def test_heatmap_filters_and_pages(imported: TestClient, loopprep_home: Path) -> None:
    matrix = imported.get("/?principle=have-backbone").text.split('id="matrix"', 1)[1]
    rows = re.findall(r'<th scope="row" class="story-col"><a href="/stories/([\w-]+)"', matrix)
    assert rows == ["irpwind"]
    fragment = imported.get("/?q=qcells", headers={"hx-request": "true", "hx-target": "matrix"})
    assert "<html" not in fragment.text
    assert set(re.findall(r'href="/stories/([\w-]+)"', fragment.text)) == {
        "qcells-aus", "qcells-icap", "qcells-many"}
    thin = imported.get("/?show=thin").text
    assert "Stories 1–" in thin
    with Bank.open(loopprep_home) as bank:
        for n in range(60):
            bank.add_story(f"Extra story {n:02d}", now=NOW)
    first = imported.get("/?q=extra").text
    assert "Stories 1–50 of 60" in first and "page 1 of 2" in first
    second = imported.get("/?q=extra&page=2").text
    assert "Stories 51–60 of 60" in second and "Extra story 59" in second
    thin_card = second.split('id="thin"', 1)[1].split("</section>", 1)[0]
    assert thin_card.count("<li>") == 12 and "All 73 thin stories" in thin_card


def test_pages_see_changes_made_elsewhere_at_once(imported: TestClient, cli: CLI) -> None:
    assert "Grid operator outage" not in imported.get("/").text
    assert "Grid operator outage" not in imported.get("/stories").text
    assert cli("stories", "add", "Grid operator outage", "-p", "earn-trust") == 0
    assert "Grid operator outage" in imported.get("/").text
    assert "Grid operator outage" in imported.get("/stories").text
    assert cli("stories", "edit", "grid-operator-outage", "--title", "Grid outage call") == 0
    assert "Grid outage call" in imported.get("/stories?q=outage").text


def test_story_list_searches_and_filters(imported: TestClient, cli: CLI) -> None:
    listed = cli.json("stories")
    assert imported.get("/stories.json").json() == listed
    page = imported.get("/stories")
    assert f"{len(listed['stories'])} stories." in main_text(page.text)  # type: ignore[index]
    found = imported.get("/stories?q=judges", headers={"hx-request": "true",
                                                        "hx-target": "story-results"})
    assert "<html" not in found.text
    assert re.findall(r'<a href="/stories/([\w-]+)">', found.text) == ["irpwind"]
    under = imported.get("/stories.json?principle=frugality").json()["stories"]
    assert [s["id"] for s in under] == ["tennet"]
    no_metric = imported.get("/stories.json?missing=metric").json()["stories"]
    assert no_metric and all("metric" in s["missing"] for s in no_metric)
    complete = imported.get("/stories.json?missing=none").json()["stories"]
    assert all(not s["missing"] for s in complete)


def test_story_page_shows_notes_prompts_and_principles(imported: TestClient, cli: CLI) -> None:
    page = imported.get("/stories/irpwind")
    assert page.status_code == 200
    text = main_text(page.text)
    assert "final judges said my group was the best" in text
    assert "What would make it stronger" in text and "Situation Where and when" in text
    for slug in ("think-big", "dive-deep", "have-backbone", "deliver-results"):
        assert re.search(rf'value="{slug}" checked', page.text), slug
    assert "Filed under 4 principles" in text
    assert imported.get("/stories/irpwind.json").json() == cli.json("stories", "show", "irpwind")


def test_saving_the_star_editor(imported: TestClient, loopprep_home: Path) -> None:
    page = imported.get("/stories/tennet").text
    sent = editor_form(page, situation="TenneT, 2021: the DE team rewrote every DS model.\r\nSlow.",
                        result="Release time fell from 6 weeks to 1 week.", date="2021",
                        metrics="release time 6 weeks -> 1 week\r\n\r\n")
    saved = imported.post("/stories/tennet", data=sent, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/stories/tennet?saved=1"
    with Bank.open(loopprep_home) as bank:
        story = bank.story("tennet")
    assert story.situation == "TenneT, 2021: the DE team rewrote every DS model.\nSlow."
    assert story.result == "Release time fell from 6 weeks to 1 week." and story.date == "2021"
    assert story.metrics == ("release time 6 weeks -> 1 week",)
    after = imported.get("/stories/tennet?saved=1").text
    assert "Saved." in after and "no result" not in main_text(after)


def test_edits_made_elsewhere_meanwhile_are_not_overwritten(imported: TestClient, cli: CLI,
                                                            loopprep_home: Path) -> None:
    page = imported.get("/stories/irpwind").text
    # While the page is open, the command line changes two fields.
    assert cli("stories", "edit", "irpwind", "--situation", "EU consortium of 8 labs",
               "--lessons", "Agree review gates up front") == 0
    # The page saves a field the CLI did not touch: both survive.
    ok = imported.post("/stories/irpwind", data=editor_form(page, result="Ranked best of 9 groups"),
                       follow_redirects=False)
    assert ok.status_code == 303
    with Bank.open(loopprep_home) as bank:
        story = bank.story("irpwind")
    assert (story.situation, story.lessons, story.result) == (
        "EU consortium of 8 labs", "Agree review gates up front", "Ranked best of 9 groups")
    # The page also changed a field the CLI changed: nothing is saved, both versions shown.
    clash = imported.post("/stories/irpwind", data=editor_form(page, lessons="Escalate earlier",
                                                                 action="I set weekly check-ins"))
    assert clash.status_code == 409
    assert "Saved elsewhere meanwhile" in clash.text and "Agree review gates up front" in clash.text
    assert ">Escalate earlier</textarea>" in clash.text
    with Bank.open(loopprep_home) as bank:
        assert bank.story("irpwind").lessons == "Agree review gates up front"
        assert bank.story("irpwind").action == ""
    # Saving again from the conflict page is a deliberate choice: it goes through.
    again = imported.post("/stories/irpwind", data=editor_form(clash.text), follow_redirects=False)
    assert again.status_code == 303
    with Bank.open(loopprep_home) as bank:
        story = bank.story("irpwind")
    assert (story.lessons, story.action) == ("Escalate earlier", "I set weekly check-ins")


def test_invalid_fields_are_refused_on_the_page(imported: TestClient, loopprep_home: Path) -> None:
    page = imported.get("/stories/tennet").text
    refused = imported.post("/stories/tennet", data=editor_form(page, date="last spring",
                                                                  result="Shipped in 3 weeks"))
    assert refused.status_code == 400
    assert "Date &#39;last spring&#39; is not a year" in refused.text
    assert 'value="last spring"' in refused.text and ">Shipped in 3 weeks</textarea>" in refused.text
    with Bank.open(loopprep_home) as bank:
        assert bank.story("tennet").result == "" and bank.story("tennet").date is None


def test_live_review_follows_the_draft(imported: TestClient, loopprep_home: Path) -> None:
    before = imported.post("/stories/ultrasound/check", data=form({"result": ""}))
    assert before.status_code == 200 and "<html" not in before.text
    parts = re.findall(r'data-part="(\w+)"', before.text)
    assert {"situation", "result", "metrics", "date"} <= set(parts)
    after = imported.post("/stories/ultrasound/check", data=form({
        "situation": "2019, a hospital group: techs waited 20 minutes per scan.",
        "result": "Scan set-up fell by 30% and the techs adopted it.",
        "date": "2019"}))
    parts = re.findall(r'data-part="(\w+)"', after.text)
    assert "situation" not in parts and "result" not in parts and "metrics" not in parts
    assert "It has a result, a metric and a date." in after.text
    assert '<mark class="metric" title="a metric">30%</mark>' in after.text
    bad = imported.post("/stories/ultrasound/check", data=form({"date": "someday"}))
    assert "is not a year" in bad.text
    with Bank.open(loopprep_home) as bank:
        assert bank.story("ultrasound").result == ""  # the review never writes


def test_live_review_gives_answer_feedback_with_spans(imported: TestClient) -> None:
    draft = {
        "situation": "In 2021 at TenneT the data engineers rewrote every model we shipped.",
        "task": "I owned getting our forecasting models into production.",
        "action": "We talked about it a lot. I built a graph-based execution engine in two weeks "
                  "and I ran it with the engineers for a month.",
        "result": "Release time fell from 6 weeks to 1 week.",
    }
    review = imported.post("/stories/tennet/check", data=form(draft)).text
    assert "Told as one answer" in review
    answer = re.search(r'<p class="answer">(.*?)</p>', review, re.S).group(1)  # type: ignore[union-attr]
    assert re.sub(r"<[^>]+>", "", answer) == str(escape("\n\n".join(draft.values())))
    assert '<mark class="star result" title="result">Release time fell' in answer
    flagged = re.findall(r'<mark class="flag (\w+)" title="([^"]+)">([^<]+)</mark>', answer)
    assert flagged, "no remark is marked on the span it rests on"
    assert re.search(r'data-code="[A-Z_]+"', review)
    empty = imported.post("/stories/qcells-aus/check", data=form()).text
    assert "Told as one answer" not in empty and "Write the STAR parts" in empty


def test_tagging_with_checkboxes(imported: TestClient, cli: CLI, loopprep_home: Path) -> None:
    page = imported.get("/stories/tennet").text
    base = re.search(r'name="base_principles" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    assert base == "invent-and-simplify,frugality"
    # Meanwhile the CLI files the story under Dive Deep too.
    assert cli("stories", "edit", "tennet", "-p", "invent-and-simplify", "-p", "frugality",
               "-p", "dive-deep") == 0
    ticked = form({"base_principles": base, "principle": ["invent-and-simplify", "ownership"]})
    fragment = imported.post("/stories/tennet/principles", data=ticked,
                             headers={"hx-request": "true"})
    assert fragment.status_code == 200 and fragment.text.lstrip().startswith("<form")
    assert "Saved." in fragment.text
    with Bank.open(loopprep_home) as bank:
        assert bank.story("tennet").principles == ("invent-and-simplify", "dive-deep", "ownership")
    plain = imported.post("/stories/tennet/principles", follow_redirects=False, data=form({
        "base_principles": "invent-and-simplify,dive-deep,ownership", "principle": ["dive-deep"]}))
    assert plain.status_code == 303
    with Bank.open(loopprep_home) as bank:
        assert bank.story("tennet").principles == ("dive-deep",)
    wrong = imported.post("/stories/tennet/principles", data=form({"principle": "telepathy"}))
    assert wrong.status_code == 400 and "is not a principle" in wrong.text


def test_adding_a_story(web: TestClient, loopprep_home: Path) -> None:
    prefilled = web.get("/stories?add=think-big")
    assert re.search(r'value="think-big" checked', prefilled.text)
    made = web.post("/stories", data=form({"title": "Warehouse robots rollout",
                                           "principle": ["think-big", "deliver-results"]}),
                    follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/stories/warehouse-robots-rollout"
    with Bank.open(loopprep_home) as bank:
        assert bank.story("warehouse-robots-rollout").principles == ("think-big", "deliver-results")
    empty = web.post("/stories", data=form({"title": "   "}))
    assert empty.status_code == 400 and "A story needs a title." in empty.text


def test_import_by_path(web: TestClient, example_notes: Path, tmp_path: Path) -> None:
    page = web.get("/import")
    assert "on this computer only" in page.text
    done = web.post("/import/path", data=form({"path": str(example_notes)}))
    assert done.status_code == 200 and "13 new" in main_text(done.text)
    listed = web.get("/import").text
    assert "Imported so far" in listed and str(example_notes) in listed
    missing = web.post("/import/path", data=form({"path": str(tmp_path / "nowhere")}))
    assert missing.status_code == 400 and "no such file or folder" in missing.text
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN KEY-----\n- not notes\n", encoding="utf-8")
    refused = web.post("/import/path", data=form({"path": str(secret)}))
    assert refused.status_code == 400 and "is not a Markdown notes file" in refused.text
    org = tmp_path / "notes.org"  # a markup document is read by its own syntax
    org.write_text("* Ownership\n** Took over the flaky importer nobody owned\n", encoding="utf-8")
    assert web.post("/import/path", data=form({"path": str(org)})).status_code == 200
    assert web.post("/import/path", data=form({"path": ""})).status_code == 400


def test_settings_show_the_home_and_switch_framework(web: TestClient, loopprep_home: Path) -> None:
    page = web.get("/settings")
    assert str(loopprep_home) in page.text and "loopprep.db" in page.text
    assert re.search(r'value="amazon" checked', page.text)
    switched = web.post("/settings/framework", data=form({"framework": "generic"}),
                        follow_redirects=False)
    assert switched.status_code == 303
    assert "Core Competencies" in web.get("/").text
    assert re.search(r'value="generic" checked', web.get("/settings").text)
    with Bank.open(loopprep_home) as bank:
        assert bank.framework.slug == "generic"
    wrong = web.post("/settings/framework", data=form({"framework": "../../etc/passwd"}))
    assert wrong.status_code == 400 and "no framework called" in wrong.text


def test_errors_are_pages_not_tracebacks(web: TestClient, loopprep_home: Path) -> None:
    missing = web.get("/stories/no-such-story")
    assert missing.status_code == 404 and "No story with id" in missing.text
    assert web.get("/stories/no-such-story.json").json()["error"].startswith("no story")
    assert web.get("/no/such/page").status_code == 404
    assert web.post("/stories/x/check", data=form()).status_code == 404
    assert web.get("/health").json() == {"ok": True}

    def broken(request: object) -> Response:
        raise RuntimeError("secret internals")

    app_client = client(loopprep_home, areas=[*AREAS, Area("broken", [Route("/broken", broken)])])
    app_client = TestClient(app_client.app, base_url=str(app_client.base_url),
                            raise_server_exceptions=False)
    crashed = app_client.get("/broken")
    assert crashed.status_code == 500
    assert "Something went wrong" in crashed.text
    assert "secret internals" not in crashed.text and "Traceback" not in crashed.text


def test_navigation_lists_only_pages_that_exist(web: TestClient) -> None:
    nav = web.get("/").text.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"', nav)
    assert links == ["/", "/stories", "/questions", "/practice", "/technical", "/interviews",
                     "/history", "/answer", "/plan", "/exports", "/import",
                     "/settings"]
    for link in links:
        assert web.get(link).status_code == 200
    assert 'aria-current="page">Stories' in web.get("/stories").text


def test_json_pages_are_json(imported: TestClient) -> None:
    for url in ("/coverage.json", "/stories.json", "/stories/irpwind.json"):
        response = imported.get(url)
        assert response.headers["content-type"].startswith("application/json")
        json.loads(response.text)


ANSWER = ("At a solar company our cloud bill had doubled in a year. I was responsible for cutting "
          "it. We talked about it a lot. I profiled every job for a week and moved the forecasts "
          "to spot instances. Costs fell 30% within two months.")


def test_questions_list_filter_and_add(imported: TestClient, cli: CLI) -> None:
    assert imported.get("/questions.json").json() == cli.json("questions")
    page = imported.get("/questions")
    assert page.status_code == 200 and "questions." in main_text(page.text)
    frugal = imported.get("/questions.json?principle=frugality").json()["questions"]
    assert frugal and all("frugality" in q["principles"] for q in frugal)
    notes = imported.get("/questions.json?origin=notes").json()["questions"]
    assert len(notes) == 5 and all(q["origin"] == "notes" for q in notes)
    rows = imported.get("/questions?q=motivate", headers={"hx-request": "true",
                                                           "hx-target": "question-results"})
    assert "<html" not in rows.text and "motivate a group of people" in rows.text
    added = imported.post("/questions", data=form({"text": "Tell me about a time you cut costs"}),
                          follow_redirects=False)
    assert added.status_code == 303
    mine = imported.get("/questions.json?origin=user").json()["questions"]
    assert [q["text"] for q in mine] == ["Tell me about a time you cut costs"]
    assert mine[0]["principles"][0] == "frugality" and mine[0]["labelled_by"] == "classifier"
    empty = imported.post("/questions", data=form({"text": " "}))
    assert empty.status_code == 400 and 'class="alert"' in empty.text


def test_question_fit_ranks_principles_and_stories(imported: TestClient, cli: CLI) -> None:
    question = "Tell me about a time you cut costs"
    fit = imported.get("/questions/fit.json", params={"question": question}).json()
    assert fit["principles"][0]["slug"] == "frugality"
    assert fit["stories"][0]["story_id"] == "tennet"
    assert fit["principles"] == cli.json("classify", question)["principles"]  # type: ignore[index]
    fragment = imported.get("/questions/fit", params={"question": question},
                            headers={"hx-request": "true"}).text
    assert "<html" not in fragment and '<a href="/stories/tennet">TenneT</a>' in fragment
    assert imported.get("/questions/fit", params={"question": question}).text.count("<html") == 1


def test_answer_feedback_marks_the_answer(imported: TestClient, cli: CLI, tmp_path: Path) -> None:
    assert imported.get("/answer?question=Why%3F").status_code == 200
    sent = form({"question": "Tell me about a time you cut costs", "answer": ANSWER})
    fragment = imported.post("/answer", data=sent, headers={"hx-request": "true"}).text
    assert "<html" not in fragment and 'class="analysis"' in fragment
    assert re.search(r'<mark class="flag \w+" title="[^"]+">[^<]*a lot', fragment)
    answer_file = tmp_path / "answer.txt"
    answer_file.write_text(ANSWER, encoding="utf-8")
    expected = cli.json("analyze", "--question", "Tell me about a time you cut costs", answer_file)
    assert imported.post("/answer.json", data=sent).json() == expected
    page = imported.post("/answer", data=sent).text
    assert page.count("<html") == 1 and ">" + str(escape(ANSWER)) + "</textarea>" in page
    too_long = imported.post("/answer", data=form({"answer": "word " * 12_000}))
    assert too_long.status_code == 400 and "at most 50,000 characters" in too_long.text
    assert imported.post("/answer.json", data=form({"answer": ""})).status_code == 400
