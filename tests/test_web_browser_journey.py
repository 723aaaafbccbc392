# ruff: noqa: F811  (pytest fixtures imported from test_web_browser are parameters here)
"""The technical, interviews and history pages in a real headless Chromium against a real
uvicorn server (fixtures from test_web_browser). Screenshots go to tmp/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

from loopprep.bank import Bank
from test_web_browser import Watched, browser, server, tab  # noqa: F401  (fixtures)


def _import(tab: Watched, example_notes: Path) -> None:
    tab.goto("/import")
    tab.page.set_input_files("input[name=notes]", str(example_notes))
    tab.page.get_by_role("button", name="Upload and import").click()


def _answer_one_question(tab: Watched, example_notes: Path, answer: str) -> None:
    """Import the notes, start a one-question behavioural session and answer it."""
    page = tab.page
    _import(tab, example_notes)
    tab.goto("/practice")
    page.get_by_label("Questions").fill("1")
    page.get_by_label("Technical").select_option("none")
    page.get_by_role("button", name="Start practising").click()
    page.locator("textarea[name=answer]").first.fill(answer)
    page.locator("form[action$='/answer'] button[type=submit]").first.click()


def test_technical_page_in_a_browser(tab: Watched, example_notes: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    _import(tab, example_notes)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Technical").click()
    expect(page.get_by_role("heading", name="Technical practice")).to_be_visible()
    page.locator("#topics table a").first.click()
    expect(page.locator("#subtopic")).to_be_visible()
    page.get_by_role("button", name="solid", exact=True).click()
    expect(page.locator("#subtopic")).to_contain_text("Rating saved.")
    page.get_by_label("What you practised").fill("merge intervals")
    page.get_by_label("How it went").select_option("partial")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#subtopic")).to_contain_text("merge intervals")
    expect(page.locator("#subtopic")).to_contain_text("1 time, last today")
    tab.shot("journey-technical")
    assert not tab.errors


def test_interviews_page_in_a_browser(tab: Watched, loopprep_home: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Interviews").click()
    form = page.locator("#add-interview")
    form.get_by_label("Company").fill("Northwind")
    form.get_by_label("Date of the last stage").fill("2026-12-09")
    form.get_by_label("Stages").fill("phone screen=2026-12-03, onsite")
    form.get_by_role("button", name="Add the interview").click()
    card = page.locator(".interview").first
    expect(card).to_contain_text("phone screen on Thursday 3 December 2026")
    expect(card).to_contain_text("in 12 days")
    card.get_by_role("link", name="Edit").click()
    page.locator(".interview form.edit").get_by_label("Company").fill("Northwind Traders")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".interview h2").first).to_contain_text("Northwind Traders")
    tab.shot("journey-interviews")
    with Bank.open(loopprep_home) as bank:
        assert [i.company for i in bank.interviews()] == ["Northwind Traders"]
    assert not tab.errors


def test_history_page_in_a_browser(tab: Watched, example_notes: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    _answer_one_question(tab, example_notes,
                         "At Kestrel Labs in 2024 builds took an hour. I cached the dependency "
                         "layer and split the tests over four runners. Builds fell to 12 minutes.")
    page.get_by_role("button", name="Good").first.click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    attempt = page.locator(".attempt").first
    expect(attempt).to_contain_text("rated Good")
    expect(attempt).to_contain_text("Feedback:")
    attempt.get_by_text("Your answer").click()
    expect(attempt).to_contain_text("Kestrel Labs")
    tab.shot("journey-history")
    attempt.locator("h3 a").click()
    expect(page.locator("#feedback")).to_be_visible()
    assert not tab.errors


def test_save_an_answer_as_a_story_in_a_browser(tab: Watched, example_notes: Path,
                                                loopprep_home: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    _answer_one_question(
        tab, example_notes,
        "In 2024 at Kestrel Labs our builds took an hour and blocked every release. I was "
        "responsible for the build pipeline. I measured each step, cached the dependency layer "
        "and split the tests over four runners. As a result builds fell to 12 minutes.")
    page.get_by_role("link", name="Save as story").click()
    expect(page.get_by_role("heading", name="Save your answer as a story")).to_be_visible()
    expect(page.get_by_label("Situation")).to_have_value(re.compile("Kestrel Labs"))
    expect(page.get_by_label("Action")).to_have_value(re.compile("cached the dependency layer"))
    page.get_by_label("Title of a new story").fill("Faster builds at Kestrel")
    tab.shot("journey-save-as-story")
    page.get_by_role("button", name="Save as story").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Faster builds at Kestrel")
    with Bank.open(loopprep_home) as bank:
        story = next(s for s in bank.stories() if s.title == "Faster builds at Kestrel")
    assert "four runners" in story.action and story.result.startswith("As a result")
    assert not tab.errors


def test_exports_page_in_a_browser(tab: Watched, example_notes: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    _import(tab, example_notes)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Exports").click()
    expect(page.get_by_role("heading", name="Exports")).to_be_visible()
    with page.expect_download() as deck:
        page.get_by_role("link", name="Anki deck").click()
    assert deck.value.suggested_filename == "loopprep.apkg"
    assert Path(deck.value.path()).stat().st_size > 1000
    page.get_by_role("link", name="Check it now").click()
    expect(page.get_by_role("status")).to_contain_text("The database is sound")
    tab.shot("journey-exports")
    assert not tab.errors
