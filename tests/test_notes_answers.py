"""Questions written with their answers the way plain-text, e-mail, OneNote and story-bank
notes write them, and the story each answer names by its title or its code (issue #14);
fictional people and stories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI
from loopprep.notes.story_codes import answer_with_titles


def _import(cli: CLI, tmp_path: Path, text: str,
            name: str = "prep.md") -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Import `text`; the story titles, and each question with its stories' titles."""
    notes = tmp_path / name
    notes.write_text(text, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    return (sorted(titles.values()),
            [(q["text"], [titles[i] for i in q["stories"]]) for q in questions])


def test_question_lines_each_followed_by_an_answer_line(cli: CLI, tmp_path: Path) -> None:
    """Plain text: 'Q1  Tell me…' (numbered, no colon) or a bare question, then '-> …'
    naming a story by words of its title; '-> ??? none yet' is no question of its own."""
    text = (
        "Ferry refund\nGood for: earn trust\nS: 90 travellers stranded\nR: refunds in a day\n\n"
        "Depot key audit\nGood for: dive deep\nS: keys went missing\nR: night shift gap\n\n"
        "Questions\n\n"
        "Q1  Tell me about a time you won back a customer.\n    -> the ferry refund one\n"
        "Tell me about a time you found a root cause?\n-> depot key audit\n"
        "Q3  Tell me about a time you were frugal.\n    -> ??? none yet\n"
    )
    titles, questions = _import(cli, tmp_path, text, "prep.txt")
    assert titles == ["Depot key audit", "Ferry refund"]
    assert questions == [
        ("Tell me about a time you won back a customer.", ["Ferry refund"]),
        ("Tell me about a time you found a root cause?", ["Depot key audit"]),
        ("Tell me about a time you were frugal.", []),
    ]


def test_an_answer_after_a_dash_names_a_story_by_its_code(cli: CLI, tmp_path: Path) -> None:
    """'### 2. Title' is story #2, 'Example B: Title' is B and 'STORY THREE - Title' is #3;
    after a question's end a dash opens its answer: '— #2', '– use Example B', '-> story
    three'. Titles lose their number and lead."""
    text = (
        "## Stories\n\n### 1. Ferry refund\n\n- S: 90 travellers stranded\n- R: refunds in a day\n\n"
        "### 2. Depot key audit\n\n- S: keys went missing\n- R: night shift gap\n\n"
        "Example B: Tram stop signage\n\n- S: riders lost at the interchange\n"
        "- R: complaints halved\n\n"
        "STORY THREE - Spare parts swap\n\n- S: two buses off the road\n- R: back in a week\n\n"
        "## Questions\n\n"
        '- "Tell me about a time you found a root cause." — #2\n'
        '- "Tell me about a time you simplified something" – use Example B (the signs)\n'
        "- Tell me about a time you acted fast? -> story three\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Depot key audit", "Ferry refund", "Spare parts swap", "Tram stop signage"]
    assert questions == [
        ("Tell me about a time you found a root cause.", ["Depot key audit"]),
        ("Tell me about a time you simplified something", ["Tram stop signage"]),
        ("Tell me about a time you acted fast?", ["Spare parts swap"]),
    ]


def test_questions_nested_under_a_bullet_are_asked(cli: CLI, tmp_path: Path) -> None:
    """A bullet over questions ('Likely questions') groups them; a question ending in the
    principle it would need ('(Frugality)') is still a question, never a story."""
    text = (
        "- Ferry refund\n\t- S: 90 travellers stranded\n\t- R: refunds in a day\n"
        "- Likely questions\n\t- \"Tell me about a time you won back a customer\" – Ferry refund\n"
        "\t- \"Tell me about a time you saved money\" – nothing yet (Frugality)\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Ferry refund"]
    assert questions == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Tell me about a time you saved money", []),
    ]


def test_a_prompt_opening_a_time_you_is_a_question(cli: CLI, tmp_path: Path) -> None:
    """'A time you…' (no 'Tell me about', no '?') is how question banks list prompts."""
    text = (
        "## Ferry refund\n\n- S: 90 travellers stranded\n- R: refunds in a day\n\n"
        "## Questions\n\n- [ ] A time you fixed something that was not yours. → Ferry refund\n"
        "- A situation where you had to say no → nothing yet\n"
    )
    _, questions = _import(cli, tmp_path, text)
    assert questions == [("A time you fixed something that was not yours.", ["Ferry refund"]),
                         ("A situation where you had to say no", [])]


def test_asides_rows_and_placeholders_are_neither_questions_nor_stories(cli: CLI, tmp_path: Path) -> None:
    """A '?' inside brackets or in a property table's row asks nothing; 'Example: Tell me…'
    under a principle is its question, not a story; '→ ??? none yet (Frugality)' under a
    question is no story."""
    text = (
        "Loop with the Ferries team (or Buses? not sure yet) on 3 March.\n\n"
        "## Earn Trust\n\nExample: Tell me about a time you kept a promise.\n\n"
        "### Ferry refund\n\n| Property | Value |\n| --- | --- |\n| Rehearsed? | ✅ |\n\n"
        "**Situation** — 90 travellers stranded\n**Result** — refunds in a day\n\n"
        "## Questions\n\n1. Tell me about a time you saved money.\n   * → ??? none yet (Frugality)\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Ferry refund"]
    assert questions == [("Tell me about a time you kept a promise.", []),
                         ("Tell me about a time you saved money.", [])]


def test_an_answer_line_names_a_story_by_its_code_or_after_use(cli: CLI, tmp_path: Path) -> None:
    """'Q: …' then 'A: see story 1' or 'A: #2, the audit' (numbered story headings), and a
    numbered question over 'Use: Title': the answer is that story, never a story 'Use'."""
    text = (
        "## 1) Ferry refund\n- S: 90 travellers stranded\n- R: refunds in a day\n\n"
        "## 2) Depot key audit\n- S: keys went missing\n- R: the night shift gap\n\n"
        "## Questions\n\nQ: Tell me about a time you won back a customer.\nA: see story 1\n\n"
        "Q: Tell me about a time you found a root cause?\nA: #2, the audit\n\n"
        "1. Tell me about a time you kept a promise\n   a. Use: Ferry refund\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Depot key audit", "Ferry refund"]
    assert questions == [
        ("Tell me about a time you won back a customer.", ["Ferry refund"]),
        ("Tell me about a time you found a root cause?", ["Depot key audit"]),
        ("Tell me about a time you kept a promise", ["Ferry refund"]),
    ]


def test_a_callout_titled_by_a_question_holds_its_answer(cli: CLI, tmp_path: Path) -> None:
    """Obsidian's '> [!question] Tell me…' callout: its content answers it; an answer bullet
    led in by an arrow that names a known story links it rather than making a new one."""
    text = (
        "## Earn Trust\n\n### Ferry refund\n- S: 90 travellers stranded\n- R: refunds in a day\n\n"
        "## Practice\n\n> [!question] Tell me about a time you won back a customer\n"
        "> Answer: [[Ferry refund]], open with the number\n\n"
        "- Tell me about a time you took a risk\n  - → Ferry refund? maybe\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Ferry refund"]
    assert questions == [("Tell me about a time you won back a customer", ["Ferry refund"]),
                         ("Tell me about a time you took a risk", ["Ferry refund"])]


def test_codes_are_titles_only_in_an_answer() -> None:
    """A code after a question's end or an arrow names a story; after a plain sentence it
    is left as written."""
    key = {"#3": "Ferry refund", "B": "Depot key audit"}
    assert answer_with_titles('- "Tell me about a time you failed." — #3', key) == (
        '- "Tell me about a time you failed." — Ferry refund')
    assert answer_with_titles("1. Tell me about a time you won. – use story three", key) == (
        "1. Tell me about a time you won. – use Ferry refund")
    assert answer_with_titles("  -> Example B, the audit", key) == "  -> Depot key audit, the audit"
    assert answer_with_titles("- Fixed it. - ticket #3 closed", key) == (
        "- Fixed it. - ticket #3 closed")


def test_an_answer_after_a_dash_introduces_no_story(cli: CLI, tmp_path: Path) -> None:
    """'Tell me about a time you failed. - Follow-up: what changed?' keeps its follow-up in
    the outline; only an arrow may introduce a story the notes have not told."""
    text = (
        "## Questions\n\n- Tell me about a time you failed. - Follow-up: what changed after?\n"
        "- Tell me about a time you led without authority → Night class: four drivers passed\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Night class"]
    assert questions == [("Tell me about a time you failed.", []),
                         ("Tell me about a time you led without authority", ["Night class"])]


def test_an_answer_in_its_own_words_names_the_story_most_like_it(cli: CLI, tmp_path: Path) -> None:
    """'A: depot audit' names 'Depot key audit'; 'A: bus depot audit' is as like three
    titles and names none."""
    text = (
        "## Stories\n\n### Depot key audit\n- S: keys went missing\n- R: night shift gap\n\n"
        "### Bus lane audit\n- S: lanes misused\n- R: fines down\n\n"
        "### Bus depot move\n- S: lease ended\n- R: moved in a week\n\n"
        "## Questions\n\nQ: Tell me about a time you found a root cause.\nA: depot audit\n\n"
        "Q: Tell me about a time you moved fast.\nA: bus depot audit\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Bus depot move", "Bus lane audit", "Depot key audit"]
    assert questions == [("Tell me about a time you found a root cause.", ["Depot key audit"]),
                         ("Tell me about a time you moved fast.", [])]


def test_an_example_naming_a_known_story_further_on_is_a_story_of_its_own(
        cli: CLI, tmp_path: Path) -> None:
    """'Example: Kiosk rework at Harbour Clinic, 2021' introduces a story though 'Harbour
    Clinic' is one already: the known title is not what the answer opens with."""
    text = (
        "## Earn Trust\n- Harbour Clinic: told the ward myself about the double booking\n\n"
        "## Questions\n1. Tell me about a time you failed.\n"
        "   - Example: Kiosk rework at Harbour Clinic, 2021\n      - 4 months late\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert "Harbour Clinic" in titles and len(titles) == 2
    assert questions[0][0] == "Tell me about a time you failed."
    assert questions[0][1] != ["Harbour Clinic"] and len(questions[0][1]) == 1


def test_questions_behind_an_icon_or_in_shorthand(cli: CLI, tmp_path: Path) -> None:
    """'❓ Tell me…' (a Notion icon before the question) and 'TMAT you…' (prep notes'
    shorthand for 'Tell me about a time') are questions; the icon is not kept."""
    text = (
        "## Ferry refund\n- S: 90 travellers stranded\n- R: refunds in a day\n\n"
        "## Questions\n- ❓ Tell me about a time you won back a customer → Ferry refund\n"
        "- TMAT you had to say no\n"
    )
    _, questions = _import(cli, tmp_path, text)
    assert questions == [("Tell me about a time you won back a customer", ["Ferry refund"]),
                         ("TMAT you had to say no", [])]


def test_questions_listed_with_a_story_are_answered_by_it(cli: CLI, tmp_path: Path) -> None:
    """'Questions this answers:' over question bullets in a story's section (or a story
    note's '## Questions it answers'): no story of its own; each question is that story's."""
    text = (
        "## Earn Trust\n\n### Ferry refund\n- S: 90 travellers stranded\n- R: refunds in a day\n\n"
        "Questions this answers:\n- Tell me about a time you won back a customer\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Ferry refund"]
    assert questions == [("Tell me about a time you won back a customer", ["Ferry refund"])]


def test_a_story_notes_questions_section_is_asked(cli: CLI, tmp_path: Path) -> None:
    vault = tmp_path / "vault" / "Stories"
    vault.mkdir(parents=True)
    (vault / "Depot key audit.md").write_text(
        "---\ntype: story\nlps: [dive-deep]\n---\n# Depot key audit\n\n## Situation\nKeys went "
        "missing.\n\n## Result\nThe night shift gap closed.\n\n## Questions it answers\n"
        "- Tell me about a time you found a root cause\n- keep it under two minutes\n",
        encoding="utf-8")
    cli.json("import", vault.parent)
    stories = {s["id"]: s["title"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [(q["text"], [stories[i] for i in q["stories"]]) for q in questions] == [
        ("Tell me about a time you found a root cause", ["Depot key audit"])]


def test_a_question_in_a_storys_section_outside_the_principles_is_its(cli: CLI, tmp_path: Path) -> None:
    """'## Ferry refund' (no principle above it) … 'Likely Q: "Tell me…" → this one.'"""
    text = (
        "# Stories\n\n## Ferry refund\n\n**Situation.** 90 travellers stranded.\n"
        "**Result.** Refunds paid in a day.\n\n"
        'Likely Q: "Tell me about a time you won back a customer" → this one.\n'
    )
    _, questions = _import(cli, tmp_path, text)
    assert questions == [("Tell me about a time you won back a customer", ["Ferry refund"])]


def test_a_numbered_story_heading_over_its_question_and_star_bullets(cli: CLI, tmp_path: Path) -> None:
    """'### 2.1 Title #lp/…' and '### 2.2 Title' / '**LPs:** …' / '**Q:** Tell me…' / STAR
    bullets: the titles lose their number, the heading titles the STAR run below the
    question, and the question is that story's."""
    text = (
        "## 2. Stories\n\n### 2.1 Ferry refund #lp/earn-trust\n- Situation: 90 stranded\n"
        "- Result: refunds in a day\n\n### 2.2 Depot key audit\n**LPs:** Dive Deep\n"
        "**Q:** Tell me about a time you found a root cause\n- Situation: keys went missing\n"
        "- Result: night shift gap\n"
    )
    titles, questions = _import(cli, tmp_path, text)
    assert titles == ["Depot key audit", "Ferry refund"]
    assert questions == [("Tell me about a time you found a root cause", ["Depot key audit"])]


def test_plain_text_questions_after_the_principles_with_arrow_answers(cli: CLI, tmp_path: Path) -> None:
    """Plain text: 'QUESTIONS' over 'Q: …? -> answer' lines is a section of its own (no
    story), and each answer after the arrow names its story, in its own words too."""
    text = (
        "EARN TRUST\n- Ferry refund: 90 travellers stranded, refunds in a day\n\n"
        "DIVE DEEP\n- Depot key audit: keys went missing, the night shift gap\n\n"
        "QUESTIONS\nQ: Tell me about a time you won back a customer? -> ferry refund\n"
        "Q: Tell me about a time you dug into data? -> the key audit\n"
    )
    titles, questions = _import(cli, tmp_path, text, "prep.txt")
    assert titles == ["Depot key audit", "Ferry refund"]
    assert questions == [("Tell me about a time you won back a customer?", ["Ferry refund"]),
                         ("Tell me about a time you dug into data?", ["Depot key audit"])]
