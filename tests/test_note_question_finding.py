"""Questions notes ask in the shapes prep notes give them (issue #14): a numbered question
heading ('### 1. Tell me…'), a to-do over a question worded from its first word ('- [ ]
"When did you…?"'), a toggle whose summary asks, on the `<details>` line or its own; and
answers that name a story by the id its heading gives it ('### S1 — Title' → 'S1'); while a
to-do that only holds a '?' asks nothing. Fictional people and stories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI, import_text

_STORIES = (
    "## Earn Trust\n\n- **Ferry refund**\n    - S: 90 travellers stranded\n"
    "    - R: refunds in a day\n\n"
    "## Dive Deep\n\n- **Depot key audit**\n    - S: keys went missing\n"
    "    - R: a gap in the night shift\n\n"
)


def _import(cli: CLI, tmp_path: Path, text: str) -> list[tuple[str, list[str]]]:
    """Import `text`: each question asked, with its stories' titles."""
    return import_text(cli, tmp_path, text, "prep.md")[1]


def test_a_numbered_question_heading_asks_without_its_number(cli: CLI,
                                                             tmp_path: Path) -> None:
    text = ("# Prep\n\n## Questions\n\n"
            "### 1. Tell me about a time you won back a customer.\nFerry refund\n\n"
            "### 2. Describe a time you found a root cause.\nDepot key audit\n\n"
            "## Stories\n\n" + _STORIES)
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer.", ["Ferry refund"]),
        ("Describe a time you found a root cause.", ["Depot key audit"]),
    ]


def test_a_to_do_over_a_question_asks_it(cli: CLI, tmp_path: Path) -> None:
    """'- [ ] "When did you…?" → …' asks (a Kanban card, a checklist of questions); '- [ ]
    the Lisbon move?? maybe' and '- [ ] ask Joana: do you remember 2022?' ask nothing."""
    text = ("# Prep\n\n" + _STORIES + "## Questions to prep\n\n"
            '- [ ] "When did you have to win back a customer?" → ferry refund\n'
            "- [ ] How have you found the root cause of a problem? → depot key audit\n"
            "- [ ] the Lisbon office move?? maybe for Ownership\n"
            "- [ ] ask Joana: do you remember what we did in 2022?\n")
    assert _import(cli, tmp_path, text) == [
        ("When did you have to win back a customer?", ["Ferry refund"]),
        ("How have you found the root cause of a problem?", ["Depot key audit"]),
    ]


def test_a_toggle_whose_summary_asks_holds_its_answer(cli: CLI, tmp_path: Path) -> None:
    """'<details><summary>…</summary>' on one line, as GitHub notes write a toggle, is a
    question over its content as the two-line form is; the next toggle's answer is its own."""
    text = ("# Prep\n\n" + _STORIES + "## Questions\n\n"
            "<details>\n<summary>Tell me about a time you won back a customer</summary>\n\n"
            "Ferry refund, lead with the 90 travellers\n\n</details>\n\n"
            "<details><summary>▸ Describe a time you found a root cause?</summary>\n\n"
            "- depot key audit\n\n</details>\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Describe a time you found a root cause?", ["Depot key audit"]),
    ]


def test_an_answer_names_a_story_by_the_id_its_heading_gives_it(cli: CLI,
                                                                tmp_path: Path) -> None:
    """'### S1 — Ferry refund (ET)': 'S1' in an answer is that story, alone or before more."""
    text = ("# Prep\n\n## Stories\n\n### S1 — Ferry refund (ET)\n\n- S: 90 travellers stranded\n"
            "- R: refunds in a day\n\n### S2 — Depot key audit (DD)\n\n- S: keys went missing\n"
            "- R: a gap in the night shift\n\n## Questions\n\n"
            "1. Tell me about a time you won back a customer. → S1, the refunds part\n"
            "2. Tell me about a time you found a root cause. → S2\n")
    asked = _import(cli, tmp_path, text)
    assert [q for q, _ in asked] == ["Tell me about a time you won back a customer.",
                                     "Tell me about a time you found a root cause."]
    assert [len(s) for _, s in asked] == [1, 1]
    assert "Ferry refund" in asked[0][1][0] and "Depot key audit" in asked[1][1][0]


def test_a_question_written_after_a_label_asks_without_it(cli: CLI, tmp_path: Path) -> None:
    """'Ownership: Tell me…', 'Dive Deep — Describe…', '[ET] Tell me…' (the principle a
    public LP question list files a question under, or its bracketed code) ask the
    question; 'Task: Describe the plan to partners' (no 'you') is a STAR part, and no story
    'Dive Deep' is made of the label."""
    text = ("# Prep\n\n" + _STORIES + "## Questions\n\n"
            "- Earn Trust: Tell me about a time you won back a customer → Ferry refund\n"
            "- Task: Describe the refund plan to partners first\n"
            "- Dive Deep — Describe a time you found a root cause → depot key audit\n"
            "- [ET] Tell me about a time you kept a promise → Ferry refund\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Describe a time you found a root cause", ["Depot key audit"]),
        ("Tell me about a time you kept a promise", ["Ferry refund"]),
    ]


def test_a_question_marked_to_do_asks_without_its_marker(cli: CLI, tmp_path: Path) -> None:
    """'TODO: Tell me…', 'LATER Describe…' (an outliner's markers, in plain lines too) ask
    the question; the marker makes no story of its own."""
    text = ("# Prep\n\n" + _STORIES + "## Questions\n\n"
            "TODO: Tell me about a time you won back a customer -> ferry refund\n"
            "LATER Describe a time you found a root cause -> depot key audit\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Describe a time you found a root cause", ["Depot key audit"]),
    ]


def test_a_story_numbered_with_a_double_dash_is_named_by_its_number(cli: CLI,
                                                                     tmp_path: Path) -> None:
    """'### Story 2 -- Depot key audit' (plain text's dash): '→ Story 2' is that story."""
    text = ("# Prep\n\n## Earn Trust\n\n### Story 1 -- Ferry refund\n\n- S: 90 travellers stranded\n"
            "- R: refunds in a day\n\n## Dive Deep\n\n### Story 2 -- Depot key audit\n\n"
            "- S: keys went missing\n- R: a gap in the night shift\n\n## Questions\n\n"
            "1. Tell me about a time you found a root cause. → Story 2\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you found a root cause.", ["Depot key audit"])]


def test_a_note_to_self_with_a_question_mark_asks_nothing(cli: CLI, tmp_path: Path) -> None:
    """'weak story, need a result beyond money?' and 'not sure yet: scanner queue again?'
    are the writer's asides (English with no 'you'), not questions in another language;
    a German question stays one."""
    text = ("# Prep\n\n" + _STORIES + "## Question bank\n\n"
            "### Describe a time you had to act without all the information\n\n"
            "- not sure yet: scanner queue again? or the dock plan\n"
            "- saved ~40k PLN/yr -- weak story, need a result beyond money?\n\n"
            "### Wann sind Sie einem Problem selbst auf den Grund gegangen?\n\n- depot key audit\n")
    assert [q for q, _ in _import(cli, tmp_path, text)] == [
        "Describe a time you had to act without all the information",
        "Wann sind Sie einem Problem selbst auf den Grund gegangen?",
    ]


def test_wikilinks_closing_a_question_line_are_its_answer(cli: CLI, tmp_path: Path) -> None:
    """A vault's question list links its stories after the question, no arrow ('… a
    customer. [[Stories#Ferry refund|Ferry refund]]', '…?  [[A]] | [[B]]'): the question
    ends before them, each link a story it is answered with."""
    text = ("# Prep\n\n" + _STORIES + "## Questions\n\n"
            "- Tell me about a time you won back a customer. [[Stories#Ferry refund|Ferry refund]]\n"
            "- Describe a time you found a root cause?  [[Depot key audit]] | [[Ferry refund]]\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer.", ["Ferry refund"]),
        ("Describe a time you found a root cause?", ["Depot key audit", "Ferry refund"]),
    ]


def test_the_paragraph_under_a_question_paragraph_answers_it(cli: CLI, tmp_path: Path) -> None:
    """A Google Docs export (or plain text) sets each line apart: 'Q: …', a blank line,
    then 'A: …', '*Story:* …' or a known story's name answer it; a paragraph naming no
    story ('Mock feedback: too long') is no answer."""
    text = ("# Prep\n\n" + _STORIES + "## Questions\n\n"
            "Q: Tell me about a time you won back a customer\n\nA: Ferry refund\n\n"
            "**Q2.** Describe a time you found a root cause.\n\n*Story:* Depot key audit\n\n"
            "**Tell me about a time you kept a promise.**\n\nFerry refund — lead with the 90.\n\n"
            "Q: Tell me about a time you failed\n\nMock feedback: too long, say the result first\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Describe a time you found a root cause.", ["Depot key audit"]),
        ("Tell me about a time you kept a promise.", ["Ferry refund"]),
        ("Tell me about a time you failed", []),
    ]


def test_a_database_table_of_questions_asks_them(cli: CLI, tmp_path: Path) -> None:
    """A Notion database of questions exported as a table titles its rows in 'Name' (or
    'Prompt', 'Q'), its answers in 'Story' (or 'Answer', 'Use', 'A'): each row is a question
    answered by its story, and no question becomes a story; a 'Name' column of stories
    asks nothing."""
    text = ("# Prep\n\n" + _STORIES + "## Questions\n\n"
            "| Name | Story | LP |\n| --- | --- | --- |\n"
            "| Tell me about a time you won back a customer | [Ferry refund](Ferry%20refund.md) "
            "| Earn Trust |\n| Describe a time you found a root cause | Depot key audit | Dive Deep |\n\n"
            "| Q | A |\n|---|---|\n| Tell me about a time you kept a promise | Ferry refund |\n")
    assert _import(cli, tmp_path, text) == [
        ("Tell me about a time you won back a customer", ["Ferry refund"]),
        ("Describe a time you found a root cause", ["Depot key audit"]),
        ("Tell me about a time you kept a promise", ["Ferry refund"]),
    ]
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert sorted(s["title"] for s in stories) == ["Depot key audit", "Ferry refund"]


def test_why_the_company_is_a_question_asked(cli: CLI, tmp_path: Path) -> None:
    """'Why Amazon?' (public prep notes list it in every loop), with an aside after it, is
    asked; 'why TB?' (a code asked about in passing) is not."""
    text = ("# Prep\n\n" + _STORIES + "## Questions I expect\n\n"
            "- Tell me about a time you won back a customer. → Ferry refund\n"
            "- Why Amazon? (not a competency one, but prepare: scale)\n"
            "- why TB? no, too small\n")
    assert [q for q, _ in _import(cli, tmp_path, text)] == [
        "Tell me about a time you won back a customer.",
        "Why Amazon? (not a competency one, but prepare: scale)",
    ]


def test_a_question_after_a_few_labels_in_a_row_asks(cli: CLI, tmp_path: Path) -> None:
    """A mock interview's log labels each line with its time and speaker ('[10:35] Priya:
    Last one: tell me…', '**Interviewer:** Tell me…'); the question asked after them is
    found, and the candidate's lines ask nothing."""
    text = ("# Mock loop notes\n\n"
            "[10:11] Priya: Tell me about a time you disagreed with your manager.\n"
            "[10:12] Daniel: my manager wanted to build our own flag system\n\n"
            "[10:35] Priya: Last one: tell me about someone you brought up to speed quickly.\n"
            "[10:36] Daniel: when Yusuf joined from a bootcamp\n\n"
            "**Interviewer:** Tell me about a time you failed.\n")
    assert [q for q, _ in _import(cli, tmp_path, text)] == [
        "Tell me about a time you disagreed with your manager.",
        "tell me about someone you brought up to speed quickly.",
        "Tell me about a time you failed.",
    ]
