"""End to end in a real headless Chromium (Debian's, driven by Playwright) against a real
uvicorn server: import the real notes through the page, read the heatmap, develop a story
while the review follows the typing, tag it, and show that script payloads never run.

Chromium must be installed (`.ci/run` installs it). Without it these tests fail, unless
LOOPPREP_SKIP_BROWSER=1 says explicitly to skip them. Screenshots go to tmp/artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from loopprep.bank import Bank
from webtools import NOW, PAYLOADS, LiveServer

CHROMIUM = Path(os.environ.get("LOOPPREP_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "tmp" / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("LOOPPREP_SKIP_BROWSER") == "1":
            pytest.skip("LOOPPREP_SKIP_BROWSER=1: browser tests skipped on purpose")
        pytest.fail(f"Chromium is missing ({CHROMIUM}): `apt-get install -y chromium` "
                    "(scripts/system-packages does it as root), or set LOOPPREP_SKIP_BROWSER=1 "
                    "to skip these tests")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page that records console errors, dialogs and every request it makes."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.method + " " + r.url))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def pwned(self) -> Any:
        return self.page.evaluate("() => window.__pwned")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def server(loopprep_home: Path) -> Iterator[LiveServer]:
    with LiveServer(loopprep_home, clock=lambda: NOW) as running:
        yield running


@pytest.fixture
def tab(browser: Any, server: LiveServer) -> Iterator[Watched]:
    watched = Watched(browser, server.url)
    yield watched
    watched.close()


def test_the_journey_in_a_browser(tab: Watched, example_notes: Path, loopprep_home: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/")
    expect(page.get_by_role("heading", name="Your story bank is empty")).to_be_visible()
    page.get_by_role("link", name="Import your notes").click()

    # Import the real notes through the upload form.
    page.set_input_files("input[name=notes]", str(example_notes))
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator("main")).to_contain_text("13 new")
    tab.shot("1-imported")

    # The dashboard: tiles per principle, gaps, and the heatmap.
    page.get_by_role("link", name="See the coverage map").click()
    expect(page.locator(".tile")).to_have_count(16)
    expect(page.locator("#gaps")).to_contain_text("Gaps")
    rows = page.locator("#matrix tbody tr")
    expect(rows).to_have_count(13)
    irpwind = page.locator("#matrix tbody tr", has=page.get_by_role("link", name="IRPWIND"))
    expect(irpwind.locator("td.on")).to_have_count(4)
    expect(irpwind).to_have_class("overused")
    tab.shot("2-dashboard")
    page.get_by_label("Find").fill("qcells")
    expect(rows).to_have_count(3)  # the htmx filter swapped the heatmap in place
    assert "q=qcells" in page.url
    tab.shot("3-heatmap-filtered")

    # Develop a story: the review follows the typing.
    page.goto(tab.base + "/stories/tennet")
    review = page.locator("#draft-review")
    expect(review.locator("li[data-part=result]")).to_have_count(1)
    expect(review.locator("li[data-part=date]")).to_have_count(1)
    page.get_by_label("Result", exact=True).fill(
        "Release time fell from 6 weeks to 1 week and the DS team owned production.")
    page.get_by_label("Situation").press_sequentially("TenneT, 2021: engineers rewrote models.")
    expect(review.locator("li[data-part=result]")).to_have_count(0)
    expect(review.locator("li[data-part=metrics]")).to_have_count(0)
    expect(review.locator("mark.metric").first).to_contain_text("6 weeks")
    expect(review.locator("li[data-part=date]")).to_have_count(0)
    # Answer feedback on the story told in one go, each remark marked where it rests.
    page.get_by_label("Action", exact=True).fill(
        "We talked about it a lot. I built a graph-based engine in two weeks.")
    expect(review.locator(".answer mark.flag", has_text="a lot").first).to_be_visible()
    expect(review.locator(".answer mark.star.result")).to_contain_text("Release time fell")
    expect(review.locator(".analysis .score")).to_contain_text("/10")
    tab.shot("4-story-live-review")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")
    page.reload()
    expect(page.get_by_label("Result", exact=True)).to_have_value(
        "Release time fell from 6 weeks to 1 week and the DS team owned production.")

    # Tag it: each tick is saved at once.
    page.get_by_label("Dive Deep").check()
    expect(page.locator("#principles [role=status]")).to_have_text("Saved.")
    page.get_by_label("Frugality").uncheck()
    expect(page.get_by_label("Frugality")).not_to_be_checked()
    expect(page.locator("#principles [role=status]")).to_have_text("Saved.")
    tab.shot("5-story-tagged")
    with Bank.open(loopprep_home) as bank:
        story = bank.story("tennet")
    assert story.principles == ("invent-and-simplify", "dive-deep")
    assert story.result.startswith("Release time fell") and story.situation.startswith("TenneT")

    # The loop plan, with a link to the cheat sheet.
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.locator(".interviewer").first).to_be_visible()
    expect(page.get_by_role("link", name="open to print")).to_be_visible()
    tab.shot("6-plan")

    # Add a story from a gap on the dashboard.
    tab.goto("/")
    page.locator("#gaps").get_by_role("link", name="Add a story for Earn Trust").click()
    expect(page.get_by_role("checkbox", name="Earn Trust")).to_be_checked()
    page.get_by_label("Title").fill("Grid operator outage call")
    page.get_by_role("button", name="Add and develop it").click()
    expect(page.get_by_role("heading", name="Grid operator outage call")).to_be_visible()
    assert tab.errors == [] and tab.dialogs == []


def test_a_question_its_stories_and_feedback_on_an_answer(tab: Watched, example_notes: Path,
                                                          loopprep_home: Path) -> None:
    from playwright.sync_api import expect

    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
    page = tab.page
    tab.goto("/questions")
    page.get_by_label("A question").fill("Tell me about a time you cut costs")
    page.get_by_role("button", name="Ask").click()
    fit = page.locator("#fit")
    expect(fit.locator("dt").first).to_have_text("Frugality")
    expect(fit.locator(".matches a").first).to_have_text("TenneT")
    fit.get_by_role("link", name="Answer it").click()
    expect(page.get_by_label("Question")).to_have_value("Tell me about a time you cut costs")
    page.get_by_label("Your answer").fill(
        "At a solar company our cloud bill had doubled in a year. I was responsible for cutting "
        "it. We talked about it a lot. I profiled every job and moved the forecasts to spot "
        "instances. Costs fell 30% within two months.")
    feedback = page.locator("#answer-feedback")
    expect(feedback.locator(".answer mark.star.result")).to_contain_text("Costs fell 30%")
    expect(feedback.locator(".answer mark.flag", has_text="a lot").first).to_be_visible()
    tab.shot("7-answer-feedback")
    assert tab.errors == [] and tab.dialogs == []


def test_practise_one_question(tab: Watched, example_notes: Path, loopprep_home: Path) -> None:
    from playwright.sync_api import expect

    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
    page = tab.page
    tab.goto("/practice")
    page.get_by_label("Questions").fill("1")
    page.get_by_role("button", name="Start practising").click()
    timer = page.locator("#timer")
    expect(timer).to_contain_text("/ 2:00")  # the timer script runs (and the CSP lets it)
    expect(timer).not_to_contain_text("0:00 /", timeout=3_000)
    page.get_by_label("Your answer").fill(
        "At QCELLS in 2023 our cloud bill doubled. We talked about it a lot. I profiled the jobs "
        "and moved the forecasts to spot instances. Costs fell 30% in a month.")
    tab.shot("8-practice-question")
    page.get_by_role("button", name="Done — show me the feedback").click()
    feedback = page.locator("#feedback")
    expect(feedback.locator(".answer mark.flag", has_text="a lot").first).to_be_visible()
    expect(feedback.locator(".answer mark.star.result")).to_contain_text("Costs fell 30%")
    expect(page.locator("#followups form").first).to_be_visible()
    tab.shot("9-practice-feedback")
    page.get_by_role("button", name="Good").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("nothing more to ask")
    with Bank.open(loopprep_home) as bank:
        (attempt,) = bank.attempts()
    assert attempt.rating == 3 and attempt.answer.startswith("At QCELLS")
    assert tab.errors == [] and tab.dialogs == []


def test_script_payloads_never_run(tab: Watched, loopprep_home: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    notes = tmp_path / "hostile.md"
    lines = ["# LPs"]
    for n, payload in enumerate(PAYLOADS):
        lines += ["## Dive Deep" if n % 2 else "## Frugality", f"Leaders {payload}", "### Me",
                  f"- ACME{n}: {payload} saved 30%", f"\t- detail {payload}"]
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([notes], now=NOW)
        for n, payload in enumerate(PAYLOADS):
            story = bank.add_story(f"{payload} {n}", now=NOW, principles=["ownership"])
            bank.update_story(story.id, {"situation": payload, "result": f"{payload} up 20%",
                                         "metrics": [payload], "org": payload}, now=NOW)
        ids = [s.id for s in bank.stories()]
    page = tab.page
    for path in ["/", "/stories", *(f"/stories/{i}" for i in ids)]:
        tab.goto(path)
        assert tab.pwned() is None, path
    # Payloads typed into the editor come back in the live review as text.
    tab.goto(f"/stories/{ids[0]}")
    found = page.locator("#draft-review mark.metric", has_text="50%")
    page.get_by_label("Action", exact=True).fill("\n".join(PAYLOADS))
    page.get_by_label("Lessons", exact=True).fill("\n".join(PAYLOADS) + " cut costs 50%")
    expect(found).to_have_count(1)
    expect(page.locator("#draft-review")).to_contain_text(PAYLOADS[1])  # shown as text
    page.get_by_label("Lessons", exact=True).fill("")
    expect(found).to_have_count(0)
    tab.shot("10-payloads-as-text")
    # Search boxes put the payload back into the page, as text.
    for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[-1]):
        for path, label in (("/stories", "Search"), ("/", "Find")):
            tab.goto(path)
            with page.expect_response(lambda r: "q=" in r.url):
                page.get_by_label(label).fill(payload)
            page.wait_for_timeout(50)
            assert tab.pwned() is None
    page.wait_for_timeout(300)  # time for anything a payload scheduled
    assert tab.pwned() is None
    assert tab.dialogs == []
    assert page.locator("main img, main iframe, main svg").count() == 0
    assert not any(r.endswith("/settings") for r in tab.requests), "a payload's hx-get ran"
    assert tab.errors == [], tab.errors  # no CSP violation: nothing even tried to run inline


def test_a_page_from_another_site_cannot_write(tab: Watched, loopprep_home: Path) -> None:
    """A form on another origin posting to the server (classic CSRF) is refused."""
    page = tab.page
    evil = (f"<form id=f method=post action='{tab.base}/stories'>"
            "<input name=title value=Forged><input name=csrf_token value=guess></form>")
    page.route("http://evil.test/", lambda route: route.fulfill(
        status=200, content_type="text/html", body=evil))
    page.goto("http://evil.test/")
    with page.expect_navigation():
        page.evaluate("() => document.getElementById('f').submit()")
    assert "another site" in page.content() or "out of date" in page.content()
    with Bank.open(loopprep_home) as bank:
        assert bank.stories() == []
