"""An answer outline names its story in the writer's own short words, not its title: the
clause it opens with ('→ carrier contract story. Lead with the data'), a person's name
alone ('Ama'), a numeronym ('the a11y audit'); and '??? need one' names none (issue #14:
Notion, Word and Logseq notes of the corpus write answers so). Fictional people and stories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI

_STORIES = (
    "# Prep\n\n"
    "## Frugality\n\n- **Cutting courier overtime**\n    - S: overtime was 14% of pay\n"
    "    - R: down to 6% in six weeks\n\n"
    "## Have Backbone\n\n- **Pushing back on the carrier contract**\n"
    "    - S: a weak SLA in a 3-year deal\n    - R: renegotiated at month 10\n\n"
    "## Earn Trust\n\n- **Holiday peak forecast miss**\n    - S: my forecast was 20% low\n"
    "    - R: a forecast review with finance\n\n"
    "## Hire and Develop the Best\n\n- **Growing Ama from Tier 1 to team lead**\n"
    "    - S: a quiet Tier 1 agent\n    - R: team lead in 18 months\n\n"
    "## Insist on the Highest Standards\n\n- **Accessibility audit nobody wanted**\n"
    "    - S: screen readers failed on booking\n    - R: five blockers fixed before launch\n\n"
    "## Questions\n\n"
)
_TITLES = ["Accessibility audit nobody wanted", "Cutting courier overtime",
           "Growing Ama from Tier 1 to team lead", "Holiday peak forecast miss",
           "Pushing back on the carrier contract"]


def _import(cli: CLI, tmp_path: Path, questions: str) -> tuple[list[str], list[list[str]]]:
    """Import the stories above with `questions` under them: the story titles, and each
    question's stories' titles."""
    notes = tmp_path / "prep.md"
    notes.write_text(_STORIES + questions, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    asked = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    return sorted(titles.values()), [[titles[i] for i in q["stories"]] for q in asked]


def test_an_answer_names_its_story_by_the_clause_it_opens_with(cli: CLI,
                                                                tmp_path: Path) -> None:
    """The words before the answer's first sentence, aside or dash name the story (with
    'story' after them), and no new story is made of them."""
    titles, linked = _import(cli, tmp_path, (
        "- Tell me about a time you disagreed with your manager.\n"
        "    - → carrier contract story. Lead with the data (88%), end with the commit.\n"
        "- Describe a time you did more with less.\n"
        "    - → courier overtime (no headcount!)\n"
        "- Tell me about a time you made a mistake.\n"
        "    - forecast miss — but finish it first\n"))
    assert titles == _TITLES
    assert linked == [["Pushing back on the carrier contract"], ["Cutting courier overtime"],
                      ["Holiday peak forecast miss"]]


def test_an_answer_names_its_story_by_a_name_in_its_title(cli: CLI, tmp_path: Path) -> None:
    titles, linked = _import(cli, tmp_path, (
        "- Tell me about a time you developed someone on your team.\n    - Ama\n"))
    assert titles == _TITLES
    assert linked == [["Growing Ama from Tier 1 to team lead"]]


def test_an_answer_names_its_story_by_a_numeronym(cli: CLI, tmp_path: Path) -> None:
    """'a11y' is the title's one word of 13 letters from 'a' to 'y'."""
    titles, linked = _import(cli, tmp_path, (
        "- Tell me about a time you disagreed with a product decision.\n"
        "    - the a11y audit\n"))
    assert titles == _TITLES
    assert linked == [["Accessibility audit nobody wanted"]]


def test_an_answer_opening_with_question_marks_is_a_gap(cli: CLI, tmp_path: Path) -> None:
    """'??? Holiday peak forecast miss, maybe', 'TBD', 'TODO: find one': no story answers it
    yet, even one it names."""
    titles, linked = _import(cli, tmp_path, (
        "- Tell me about a time you failed.\n"
        "    - ??? Holiday peak forecast miss, maybe. NOT the carrier contract\n"
        "- Tell me about a time you were wrong → ?? Cutting courier overtime, not sure\n"
        "- Tell me about a time you took a risk → TBD\n"
        "- Tell me about a time you learned fast → TODO: find one\n"))
    assert titles == _TITLES  # (no story 'TBD' or 'TODO')
    assert linked == [[], [], [], []]


def test_an_answer_pointing_back_names_the_story_in_its_brackets(cli: CLI,
                                                                 tmp_path: Path) -> None:
    """'see above (Ferry refund)' is that story; 'as above' with no story named makes no
    story 'Above'."""
    titles, linked = _import(cli, tmp_path, (
        "- Tell me about a time you disagreed with your manager.\n"
        "    - see above (Pushing back on the carrier contract)\n"
        "- Tell me about a time you failed.\n    - see above\n"))
    assert titles == _TITLES
    assert linked == [["Pushing back on the carrier contract"], []]


def test_an_answer_bullet_opening_with_a_story_number_names_it(cli: CLI,
                                                               tmp_path: Path) -> None:
    """'### 2. Title' is story #2: a bullet under a question opening '#2' is that story."""
    notes = tmp_path / "prep.md"
    notes.write_text("## Earn Trust\n\n### 1. Ferry refund\n\n- S: 90 travellers stranded\n"
                     "- R: refunds in a day\n\n## Dive Deep\n\n### 2. Depot key audit\n\n"
                     "- S: keys went missing\n- R: a gap in the night shift\n\n"
                     "## Questions\n\n- Describe a time you found a root cause\n    - #2\n"
                     "- Tell me about a time you won back a customer\n    - #1, the refunds\n",
                     encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    asked = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [[titles[i] for i in q["stories"]] for q in asked] == [["Depot key audit"],
                                                                  ["Ferry refund"]]
