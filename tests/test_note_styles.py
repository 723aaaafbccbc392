"""Other candidates' notes: twelve fictional LP prep files in the styles people really use
(tests/data/note-styles/), each with what a careful reader expects from it: which story
is filed under which principle (a story named by words of its title), that a story told
under several principles is one story, and how many questions the notes ask."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import CLI, DATA
from loopprep.frameworks import load_framework
from loopprep.notes.outline import Paragraph, parse_outline
from loopprep.notes.star import Unit, find_runs, star_label
from loopprep.notes.structure import principle_line, read_table
from note_corpus import Expected

STYLES = DATA / "note-styles"
AMAZON = load_framework("amazon")


CASES = [
    Expected("01-numbered-star-bold.md", {
        "Merchant refund delays": {"customer-obsession", "deliver-results"},
        "Payment outage": {"ownership", "dive-deep"},
        "Cold storage migration": {"frugality"},
    }, star=("Merchant refund delays", "Payment outage", "Cold storage migration")),
    Expected("02-lp-prefix-sta-crlf.md", {
        "Returns kiosk pilot": {"customer-obsession", "earn-trust"},
        "Peak season staffing gap": {"ownership", "bias-for-action"},
    }, questions=2, answers={"decision quickly": "Peak season staffing gap",
                             "customer was unhappy": "Returns kiosk pilot"},
        star=("Returns kiosk pilot", "Peak season staffing gap")),
    Expected("03-bold-principles-tabs.md", {
        "Bidder latency project": {"customer-obsession", "dive-deep"},
        "Advertiser onboarding wizard": {"customer-obsession"},
        "Config service rewrite": {"invent-and-simplify", "have-backbone"},
        "Rust": {"learn-and-be-curious"},
    }),
    Expected("04-label-lines-curly.md", {
        "Clinic intake redesign": {"customer-obsession", "earn-trust"},
        "Accessibility audit": {"ownership"},
        "Survey vs. interviews": {"are-right-a-lot"},
        "Mentoring Léa": {"hire-and-develop-the-best"},
        "Research ops": {"think-big"},
    }),
    Expected("05-table-and-story-sections.md", {
        "Cold-chain sensor rollout": {"customer-obsession", "dive-deep"},
        "Warehouse API deprecation": {"ownership", "bias-for-action"},
        "Fleet telematics migration": {"deliver-results"},
    }, star=("Cold-chain sensor rollout", "Warehouse API deprecation",
             "Fleet telematics migration")),
    Expected("06-notion-emoji-caps.md", {
        "Pharmacy barcode scanning": {"customer-obsession", "bias-for-action"},
        "Flaky test purge": {"insist-on-the-highest-standards", "deliver-results"},
    }, star=("Pharmacy barcode scanning",)),
    Expected("07-obsidian-callouts.md", {
        "Reading streaks launch": {"customer-obsession", "invent-and-simplify"},
        "Kindle for classrooms": {"think-big"},
        "Audiobook sync bug": {"ownership"},
    }, questions=2, answers={"influenced without authority": "Kindle for classrooms",
                             "dig into data": "Audiobook sync bug"}),
    Expected("08-questions-under-principles.md", {
        "Query drift": {"dive-deep"},
        "Ranking A/B surprise": {"dive-deep", "are-right-a-lot"},
        "learning-to-rank": {"learn-and-be-curious"},
    }, questions=4, answers={"root cause": "Query drift", "were wrong": "Ranking A/B surprise",
                             "contradicted your intuition": "Ranking A/B surprise"}),
    Expected("09-long-lines-unicode.md", {
        "Café chain stockouts": {"customer-obsession", "frugality"},
        "Supplier scorecard": {"earn-trust", "success-and-scale"},
    }),
    Expected("10-story-first.md", {
        "Battery firmware recall": {"ownership", "earn-trust", "deliver-results"},
        "Team reorg": {"hire-and-develop-the-best", "earths-best-employer"},
    }, star=("Battery firmware recall", "Team reorg")),
    Expected("11-see-above-and-units.md", {  # 'X (see above)' finds 'X (2023)'
        "Checkout redesign": {"customer-obsession", "ownership"},
        "On-call rotation fix": {"ownership"},
        "Latency investigation": {"dive-deep"},
    }, questions=2, answers={"above and beyond": "Checkout redesign",
                             "outside your role": "On-call rotation fix"},
        star=("Checkout redesign",)),
    Expected("12-question-headings-and-stems.md", {  # questions as headings, and stems
        "Project Phoenix": {"customer-obsession", "ownership"},
        "Vendor contract renewal": {"ownership"},
    }, questions=5, answers={"outside your job": "Vendor contract renewal",
                             "you failed": "Project Phoenix",
                             "with your manager": "Vendor contract renewal",
                             "with a peer": "Vendor contract renewal",
                             "simplify something complex": "Project Phoenix"}),
]


def _story(stories: list[dict[str, Any]], phrase: str) -> dict[str, Any]:
    found = [s for s in stories if phrase.lower() in s["title"].lower()]
    assert len(found) == 1, f"{phrase!r}: {[s['title'] for s in stories]}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_a_style_reads_as_its_author_meant(cli: CLI, case: Expected) -> None:
    path = STYLES / case.file
    before = path.read_bytes()
    report = cli.json("import", path)
    assert isinstance(report, dict)
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    # one story per story the author told: none split, none duplicated, none dropped
    assert len(stories) == len(case.stories), [s["title"] for s in stories]
    for phrase, principles in case.stories.items():
        story = _story(stories, phrase)
        assert set(story["principles"]) == principles, (phrase, story["principles"])
    for phrase in case.star:
        story = _story(stories, phrase)
        assert story["situation"] and story["result"], phrase
        assert "result" not in story["missing"]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert len(questions) == case.questions, [q["text"] for q in questions]
    for asked, phrase in case.answers.items():
        question = next(q for q in questions if asked in q["text"])
        assert question["stories"] == [_story(stories, phrase)["id"]], question
    # nothing confusing: no bullet left unplaced under a principle, no stray reflection
    codes = {f["code"] for f in report["findings"]}
    assert not codes & {"reflection", "empty-bullet", "pasted-text"}, report["findings"]
    assert not [f for f in report["findings"] if f["code"] == "no-story"], report["findings"]
    assert path.read_bytes() == before  # the notes are only read
    # and importing again changes nothing
    again = cli.json("import", path)
    assert isinstance(again, dict) and again["changed"] is False


def test_all_styles_together_keep_their_stories_apart(cli: CLI) -> None:
    """The twelve files in one import: no story of one candidate swallows another's (the
    corpus of tests/note_corpus.py in dev/ and heldout/ is measured by its bench, not here)."""
    cli.json("import", *sorted(STYLES.glob("*.md")))
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    assert len(stories) == sum(len(c.stories) for c in CASES)


# ---------------------------------------------------------------------------------------
# the rules, one by one


@pytest.mark.parametrize(("text", "part", "rest"), [
    ("**Situation:** Small merchants waited", "situation", "Small merchants waited"),
    ("**Result**: saved $310k", "result", "saved $310k"),
    ("S: Returns took 11 minutes", "situation", "Returns took 11 minutes"),
    ("Action - built a dashboard", "action", "built a dashboard"),
    ("Outcome — renewed for 3 years", "result", "renewed for 3 years"),
    ("*Task:* fix on-call", "task", "fix on-call"),
])
def test_star_labels(text: str, part: str, rest: str) -> None:
    assert star_label(text) == (part, rest)


@pytest.mark.parametrize("text", ["A - prose starting with a", "Resulting in a mess",
                                  "S3 bill grew", "Task force of three", "Actions speak"])
def test_lines_that_are_not_star_labels(text: str) -> None:
    assert star_label(text) is None


def test_a_star_run_is_one_story_titled_by_the_line_before() -> None:
    units = [Unit(t, n) for n, t in enumerate(
        ["**Payment outage**", "S: cards failed", "T: not on call", "A: circuit breaker",
         "R: 50 minutes", "Situation: again", "Result: repeated part starts a new story"])]
    runs = find_runs(units)
    assert [(start, end) for start, end, _ in runs] == [(0, 5), (5, 7)]
    assert runs[0][2].title == "Payment outage" and runs[0][2].parts["result"] == "50 minutes"
    assert runs[1][2].title is None


def test_one_star_label_alone_is_not_a_story() -> None:
    assert find_runs([Unit("Result: shipped", 1), Unit("more text", 2)]) == []


@pytest.mark.parametrize(("text", "name", "rest"), [
    ("**Dive Deep**", "Dive Deep", ""),
    ("**Customer Obsession:**", "Customer Obsession", ""),
    ("Customer Obsession: Clinic intake redesign", "Customer Obsession", "Clinic intake redesign"),
    ("**Earn Trust:** told the director", "Earn Trust", "told the director"),
    ("LP: Ownership", "Ownership", ""),
])
def test_principle_lines(text: str, name: str, rest: str) -> None:
    assert principle_line(text, AMAZON) == (name, rest)


@pytest.mark.parametrize("text", ["Owner: Rafael Costa", "Learn: read the docs",
                                  "**Merchant refund delays**", "Trust: low",
                                  "Customer Obsession: what would you do?"])
def test_lines_that_do_not_name_a_principle(text: str) -> None:
    assert principle_line(text, AMAZON) is None


def test_lp_table_any_column_order() -> None:
    text = "| Story | LPs | Year |\n|---|:-:|---|\n| Payment outage | Ownership, Dive Deep | 2022 |\n" \
           "| Cold storage | Frugality | 2023 |\n| Notes only | — | |"
    table = read_table(Paragraph(text, 10, 14), AMAZON)
    assert table is not None
    assert [(r.principles, r.titles, r.line) for r in table.rows] == [
        (["ownership", "dive-deep"], ["Payment outage"], 12), (["frugality"], ["Cold storage"], 13)]


def test_a_table_without_a_principle_column_is_not_read() -> None:
    assert read_table(Paragraph("| Metric | Value |\n|---|---|\n| p95 | 120 ms |", 1, 3),
                      AMAZON) is None


def test_blockquotes_and_callouts_are_read_as_their_lines() -> None:
    blocks = parse_outline("> [!example] Story\n> **Launch**: retention +9%\n\n"
                           "> Tell me about a time you failed.\n- ACME\n")
    first, question, answers = blocks
    assert isinstance(first, Paragraph) and first.quote == "example: Story"
    assert first.text == "**Launch**: retention +9%" and first.line == 2
    assert isinstance(question, Paragraph) and question.quote == ""
    assert question.text == "Tell me about a time you failed."
    assert not getattr(answers, "quote", None)


def test_see_references_and_again_find_a_titled_story(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("## Dive Deep\nSee: Payment outage story\n\n## Ownership\n"
                     "**Payment outage**\nS: cards failed\nR: fixed in 50 minutes\n\n"
                     "## Bias for Action\n- Payment outage again, shipped the breaker first\n",
                     encoding="utf-8")
    cli.json("import", notes)
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    assert [(s["title"], s["principles"]) for s in stories] == [
        ("Payment outage", ["dive-deep", "ownership", "bias-for-action"])]


def test_star_parts_from_notes_never_overwrite_a_developed_part(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("## Ownership\n**Payment outage**\nS: cards failed\nR: fixed in 50 minutes\n",
                     encoding="utf-8")
    cli.json("import", notes)
    story = cli.json("stories")["stories"][0]  # type: ignore[index]
    assert story["result"] == "fixed in 50 minutes"
    assert cli("stories", "edit", story["id"], "--result", "my own words") == 0
    notes.write_text(notes.read_text("utf-8").replace("50 minutes", "an hour"), encoding="utf-8")
    cli.json("import", notes)
    assert cli.json("stories", "show", story["id"])["result"] == "my own words"  # type: ignore[index]


def test_an_untitled_star_block_is_one_story_and_says_how_to_name_it(
        cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("## Frugality\n- Situation: the S3 bill grew 15% a month\n"
                     "- Action: moved old partitions to Glacier\n- Result: saved $310k a year\n",
                     encoding="utf-8")
    report = cli.json("import", notes)
    assert isinstance(report, dict)
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    assert len(stories) == 1 and stories[0]["result"] == "saved $310k a year"
    untitled = [f for f in report["findings"] if f["code"] == "untitled-star"]
    assert [(f["line"], f["path"]) for f in untitled] == [(2, str(notes.resolve()))]
    assert "title line" in untitled[0]["message"]


@pytest.mark.parametrize(("heading", "stem"), [
    ("Tell me about a time…", True), ("Describe a situation when:", True),
    ("**Tell me about a time...**", True), ("Tell me about a time you failed", False),
    ("Customer Obsession:", False), ("Questions:", False),
])
def test_a_question_left_unfinished_is_a_stem(heading: str, stem: bool) -> None:
    from loopprep.notes.question_text import is_stem

    assert is_stem(heading) is stem


def test_a_story_title_named_inside_an_answer_links_it() -> None:
    from loopprep.notes.registry import KnownStory, StoryRegistry

    registry = StoryRegistry()
    registry.add(KnownStory("vendor", "Vendor contract renewal (2021)"))
    registry.add(KnownStory("phoenix", "Project Phoenix"))
    found = registry.titled_in("I argued to wait; vendor contract renewal is the story.")
    assert [s.key for s in found] == ["vendor"]
    assert registry.titled_in("A phoenix rose.") == []  # one word of a title is not the title
    assert registry.by_reference("Vendor contract renewal (see above)") is not None


def test_notes_covering_a_few_principles_get_one_line_about_the_rest(cli: CLI) -> None:
    report = cli.json("import", STYLES / "11-see-above-and-units.md")
    assert isinstance(report, dict)
    missing = [f for f in report["findings"] if f["code"] == "missing-principle"]
    assert len(missing) == 1 and missing[0]["message"].startswith("13 of 16 principles")
    assert "Think Big" in missing[0]["message"] and "Ownership" not in missing[0]["message"]


def test_odd_questions_and_stem_bullets_are_handled_without_a_guess_or_a_crash(
        cli: CLI, write: Any, loopprep_home: Path) -> None:
    from datetime import UTC, datetime

    from loopprep.bank import Bank
    from loopprep.practice.questions import practice_questions

    path = write("odd.md", "# Prep\n\n## Ownership\n- Payment outage: fixed the retries.\n\n"
                           "## Questions\n- Décrivez un projet dont vous êtes fier ?\n"
                           "- ?!?\n\n"
                           "### Tell me about a time…\n- → Payment outage\n- \n"
                           "- you fixed something nobody owned → Payment outage\n")
    before = path.read_bytes()
    assert cli("import", path) == 0
    listed = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    texts = {q["text"]: q for q in listed}
    # a stem bullet with nothing before its arrow asks nothing; the finished one is asked
    assert "Tell me about a time you fixed something nobody owned." in texts
    assert not any(t.startswith("Tell me about a time .") for t in texts)
    french = texts["Décrivez un projet dont vous êtes fier ?"]
    assert french["labelled_by"] == "author" and french["principles"] == []  # no guess
    with Bank.open(loopprep_home) as bank:
        asked = {q.text for q in practice_questions(bank, now=datetime(2026, 11, 27, tzinfo=UTC))}
    assert "Décrivez un projet dont vous êtes fier ?" not in asked and "?!?" not in asked
    assert "Tell me about a time you fixed something nobody owned." in asked
    assert path.read_bytes() == before
