"""notes.normalise: other people's notes rewritten line for line into the Markdown the
reader knows, and imported as their authors meant (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI
from loopprep.frameworks import load_framework
from loopprep.notes.normalise import normalise_notes, principle_list, read_legend

AMAZON = load_framework("amazon")


@pytest.mark.parametrize(("line", "expected"), [
    ("•\tBraille menu pilot", "- Braille menu pilot"),
    ("o\tSituation: three complaints", "\t- Situation: three complaints"),
    ("§\tdetail", "\t\t- detail"),
    ("1)\tKafka upgrade", "- Kafka upgrade"),
    ("a.\tSituation: brokers old", "\t- Situation: brokers old"),
    ("ii. a detail", "\t\t- a detail"),
    ("- result:: saved $42k", "- result: saved $42k"),
    ("**Behavioral prep \\- Ana**", "**Behavioral prep - Ana**"),
    ("Q. Tell me about a time you failed", "Q: Tell me about a time you failed"),
    ("TODO: Q: Tell me about a risk", "Q: Tell me about a risk"),
    ("a\u00a0story", "a story"),
])
def test_marks_and_escapes(line: str, expected: str) -> None:
    assert normalise_notes(line, AMAZON).text == expected


@pytest.mark.parametrize("line", ["CUSTOMER OBSESSION", "Dive Deep:", "- [[Ownership]]",
                                  "▸ Earn Trust", "Bias for action"])
def test_a_principle_alone_on_a_line_becomes_a_heading(line: str) -> None:
    assert normalise_notes(line, AMAZON).text.startswith("# ")


@pytest.mark.parametrize("line", ["Ownership of the pager was unclear", "**Dive Deep**",
                                  "## Dive Deep", "Dive Deep?", "  Dive Deep"])
def test_lines_that_are_not_a_principle_alone(line: str) -> None:
    assert normalise_notes(line, AMAZON).text == line


def test_nested_content_of_a_principle_bullet_moves_up_one_level() -> None:
    text = "- [[Dive Deep]]\n\t- Fuel card fraud\n\t\t- result:: $42k back\n- [[Ownership]]"
    assert normalise_notes(text, AMAZON).text.split("\n") == [
        "# Dive Deep", "- Fuel card fraud", "\t- result: $42k back", "# Ownership"]


def test_a_legend_spells_out_abbreviations_and_story_lines_name_them() -> None:
    text = "Legend: QB = Think Big, XR = Deliver Results\n### Ledger rewrite (QB, XR, DD)"
    assert read_legend(text.split("\n"), AMAZON) == {0: {"QB": "think-big", "XR": "deliver-results"}}
    out = normalise_notes(text, AMAZON)
    assert out.text.split("\n")[1] == "### Ledger rewrite"
    assert out.principles == {1: ["think-big", "deliver-results", "dive-deep"]}


@pytest.mark.parametrize("text", ["LP: Ownership", "S: Dive Deep", "Owner: Rafael"])
def test_label_lines_are_not_legends(text: str) -> None:
    assert read_legend([text], AMAZON) == {}


def test_a_list_must_be_all_principles() -> None:
    assert principle_list("ownership, dive deep", AMAZON, {}) == ["ownership", "dive-deep"]
    assert principle_list("ownership, the pager", AMAZON, {}) is None
    assert principle_list("DD, CO", AMAZON, {}) is None  # no abbreviations known here


def test_a_matrix_becomes_a_principle_table() -> None:
    text = "| Story | Ownership | Think Big |\n|---|---|---|\n| Ledger | X | x |\n| Kiosk | | ✓ |"
    assert normalise_notes(text, AMAZON).text.split("\n")[2:] == [
        "| Ledger | Ownership, Think Big |", "| Kiosk | Think Big |"]


def test_the_line_count_never_changes() -> None:
    text = "<details>\n<summary>Ledger</summary>\n\nLPs: Ownership\n</details>\n"
    out = normalise_notes(text, AMAZON).text
    assert out.count("\n") == text.count("\n") and "# Ledger" in out


def test_stories_named_with_their_principles_outside_any_section(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("# My stories\n- Printer queue fix - ownership, dive deep\n"
                     "- Onboarding docs (IHS)\n\n## Questions\n"
                     "- Tell me about a time you dug into data\n  - A: Printer queue fix\n",
                     encoding="utf-8")
    report = cli.json("import", notes)
    stories = {s["title"]: s for s in cli.json("stories")["stories"]}  # type: ignore[index]
    assert {t: s["principles"] for t, s in stories.items()} == {
        "Printer queue fix": ["ownership", "dive-deep"],
        "Onboarding docs": ["insist-on-the-highest-standards"]}
    question = cli.json("questions", "--origin", "notes")["questions"][0]  # type: ignore[index]
    assert question["stories"] == [stories["Printer queue fix"]["id"]]
    assert "unplaced-bullet" not in {f["code"] for f in report["findings"]}  # type: ignore[index]


def test_a_word_paste_with_crlf_and_bom_reads_like_markdown(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_bytes("\ufeffEarn Trust\r\n•\tLedger rewrite – told finance the truth early\r\n"
                      "o\tSituation: books off by 2%\r\no\tResult: fixed in a week\r\n"
                      "Bias for Action\r\n•\tLedger rewrite (2024) – shipped the fix first\r\n"
                      .encode("utf-8"))
    cli.json("import", notes)
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    assert [(s["title"], s["principles"]) for s in stories] == [
        ("Ledger rewrite", ["earn-trust", "bias-for-action"])]
    assert stories[0]["situation"] and stories[0]["result"]


def test_a_note_naming_its_principles_files_its_story(cli: CLI, tmp_path: Path) -> None:
    """Obsidian story notes: `lps:` front matter (slugs, names, wikilinks) and `#lp/` tags."""
    (tmp_path / "Ledger rewrite.md").write_text(
        "---\nlps: [dive-deep, \"[[Earn Trust]]\"]\n---\n# Ledger rewrite\n\n#lp/DeliverResults\n\n"
        "- Situation: books off by 2%\n- Result: fixed in a week\n", encoding="utf-8")
    (tmp_path / "Kiosk.md").write_text("---\ntags: [lp/think-big]\n---\nA kiosk pilot in 3 towns\n",
                                       encoding="utf-8")
    cli.json("import", tmp_path)
    stories = {s["title"]: s["principles"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    assert stories == {"Ledger rewrite": ["dive-deep", "earn-trust", "deliver-results"],
                       "Kiosk": ["think-big"]}


def test_to_dos_notes_to_self_and_feedback_are_not_stories(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("## Ownership\n- Ledger rewrite: owned the fix\n- TODO practise Ledger aloud\n"
                     "- need a story for the second round\n- Note to self: slow down\n"
                     "- Mock feedback (Dana): too long\n- [ ] time it\n", encoding="utf-8")
    report = cli.json("import", notes)
    assert [s["title"] for s in cli.json("stories")["stories"]] == ["Ledger rewrite"]  # type: ignore[index]
    meta = [f for f in report["findings"] if f["code"] == "not-a-story"]  # type: ignore[index]
    assert len(meta) == 5  # each one said, none dropped silently


def test_plain_text_with_no_markdown_reads_as_an_outline(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.txt"
    notes.write_text("PREP - Ana\n\nOWNERSHIP\nLedger rewrite\nwhat happened: books off by 2%\n"
                     "result: fixed in a week\nKiosk pilot (see above) - I kept it running\n\n"
                     "Questions for them:\n- What does on-call look like?\n", encoding="utf-8")
    cli.json("import", notes)
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    assert [(s["title"], s["principles"]) for s in stories] == [
        ("Kiosk pilot", ["ownership"]), ("Ledger rewrite", ["ownership"])]
    ledger = next(s for s in stories if s["title"] == "Ledger rewrite")
    assert ledger["situation"] == "books off by 2%" and ledger["result"] == "fixed in a week"


def test_a_question_under_a_principle_links_the_story_its_outline_names(
        cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("- [[Customer Obsession]]\n\t- Kiosk pilot\n\t\t- result:: queues halved\n"
                     "\t- Tell me about a time you went above and beyond for a customer\n"
                     "\t\t- use Kiosk pilot\n", encoding="utf-8")
    cli.json("import", notes)
    story = cli.json("stories")["stories"][0]  # type: ignore[index]
    question = cli.json("questions", "--origin", "notes")["questions"][0]  # type: ignore[index]
    assert story["title"] == "Kiosk pilot" and story["principles"] == ["customer-obsession"]
    assert question["stories"] == [story["id"]]


@pytest.mark.parametrize(("text", "asked"), [
    ("Why did the outage happen? ask Bruno for the postmortem", False),
    ("How is on-call shared across the team?", False),
    ("What was the hardest call you made?", True),
    ("Tell me about a time you failed", True),
    ("Décrivez un projet dont vous êtes fier ?", True),
])
def test_asides_with_a_question_mark_are_not_interview_questions(text: str, asked: bool) -> None:
    from loopprep.notes.question_text import is_question

    assert is_question(text) is asked


def test_a_date_after_a_title_is_the_story_date_and_never_overwrites(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("## Earn Trust\n- Ledger rewrite (2023) – told finance early\n\n"
                     "## Ownership\n- Ledger rewrite, again\n", encoding="utf-8")
    cli.json("import", notes)
    story = cli.json("stories")["stories"][0]  # type: ignore[index]
    assert (story["title"], story["date"]) == ("Ledger rewrite", "2023")
    assert story["principles"] == ["earn-trust", "ownership"]
    assert cli("stories", "edit", story["id"], "--date", "2022-05") == 0
    cli.json("import", notes)
    assert cli.json("stories", "show", story["id"])["date"] == "2022-05"  # type: ignore[index]
