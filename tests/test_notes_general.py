"""Rules that make the importer read notes in layouts it was not built on, each one a
convention seen in more than one notes style (issue #14); fictional people and stories."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import CLI


def _import(cli: CLI, tmp_path: Path, text: str, name: str = "n.md") -> dict[str, list[str]]:
    """Import `text` as a notes file; each story's title -> its principles."""
    notes = tmp_path / name
    notes.write_text(text, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    return {s["title"]: s["principles"] for s in stories}


def test_a_legend_table_spells_out_mixed_case_abbreviations(cli: CLI, tmp_path: Path) -> None:
    """`| abbr | LP |` at the end of the file, `CustOb · Frug` after a story's title."""
    text = (
        "## Stories\n\n**Kiosk pilot** — _CustOb · Frug_\n\nSituation: queues of 40 minutes\n"
        "Result: 6 minutes\n\n### Legend\n\n| abbr | LP |\n|---|---|\n"
        "| CustOb | Customer Obsession |\n| Frug | Frugality |\n| DD | Dive Deep |\n"
    )
    assert _import(cli, tmp_path, text) == {"Kiosk pilot": ["customer-obsession", "frugality"]}


def test_star_label_variants_make_a_story(cli: CLI, tmp_path: Path) -> None:
    """`**Situation.**`, `Sit:`/`Act:`/`Res:` and a bold letter with a dash (`**S** —`)."""
    text = (
        "## Stories\n\n### Kiosk pilot\n\n**Situation.** queues of 40 minutes\n"
        "**Result.** 6 minutes\n\n### Ledger rewrite\n\nSit: books off by 2%\n"
        "Act: rebuilt the ledger\nRes: fixed in a week\n\n### Pager storm\n\n"
        "- **S** — 300 pages in one night\n- **R** — zero repeats\n"
    )
    assert set(_import(cli, tmp_path, text)) == {"Kiosk pilot", "Ledger rewrite", "Pager storm"}


def test_a_database_table_titled_name_with_page_links_is_a_story_table(cli: CLI, tmp_path: Path) -> None:
    """Notion/Airtable export: the title column is `Name`, each title a link to its page."""
    text = (
        "## Story bank\n\n| Name | Leadership Principles | Strength |\n| --- | --- | --- |\n"
        "| [Kiosk pilot](Kiosk%20pilot%20a1b2.md) | Customer Obsession, Frugality | OK |\n"
        "| Ledger rewrite | Earn Trust | Strong |\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Kiosk pilot": ["customer-obsession", "frugality"],
        "Ledger rewrite": ["earn-trust"],
    }


def test_a_story_heading_holding_a_principle_alias_is_a_story(cli: CLI, tmp_path: Path) -> None:
    """`Hiring` is an alias of Hire and Develop the Best, but not in a story's title."""
    text = (
        "## Stories\n\n### Hiring our second data engineer\n\n**LPs:** Earn Trust\n\n"
        "- **Situation:** the team wanted no gatekeeper\n- **Result:** hired in 5 weeks\n\n"
        "### Kiosk pilot\n\n**LPs:** Frugality\n\n- **Situation:** queues of 40 min\n"
        "- **Result:** 6 minutes\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Hiring our second data engineer": ["earn-trust"],
        "Kiosk pilot": ["frugality"],
    }


def test_a_question_and_its_story_on_one_line_are_linked(cli: CLI, tmp_path: Path) -> None:
    """`- Tell me about a time you failed → Ledger rewrite`: the arrow starts the answer."""
    text = (
        "## Dive Deep\n\n### Ledger rewrite\n\n- Situation: books off by 2%\n"
        "- Result: fixed in a week\n\n## Questions\n\n"
        "- Q: Tell me about a time you found a root cause. → Ledger rewrite\n"
    )
    titles = _import(cli, tmp_path, text)
    stories = {s["title"]: s["id"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert titles == {"Ledger rewrite": ["dive-deep"]}
    assert [(q["text"], q["stories"]) for q in questions] == [
        ("Tell me about a time you found a root cause.", [stories["Ledger rewrite"]])
    ]


def test_a_nested_lp_line_files_its_story(cli: CLI, tmp_path: Path) -> None:
    """`LP: …` nested in a story bullet (OneNote, Logseq): that story's principles, whether
    it names one principle (never a heading) or two (never the run's title)."""
    text = (
        "My stories\n- Ledger rewrite\n\t- LP: Earn trust\n\t- Situation: books off by 2%\n"
        "\t- Result: fixed in a week\n- Kiosk pilot\n\t- LP: Frugality / Think big\n"
        "\t- Situation: queues of 40 minutes\n\t- Result: 6 minutes\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Ledger rewrite": ["earn-trust"],
        "Kiosk pilot": ["frugality", "think-big"],
    }


def test_logseq_heading_blocks_and_block_properties(cli: CLI, tmp_path: Path) -> None:
    """`- ## Stories` is a heading; `lp:: …` under a block names its principles (so does a
    `#[[Frugality]]` page tag) and such a block is a story wherever it sits."""
    text = (
        "- ## Stories\n\t- Ledger rewrite\n\t  lp:: [[Earn Trust]], [[Dive Deep]]\n"
        "\t  year:: 2024\n\t\t- S: books off by 2%\n\t\t- R: fixed in a week\n"
        "\t- Coaching Ana\n\t  lp:: [[Hire and Develop the Best]]\n\t\t- weekly 1:1s\n"
        "\t- Used laptops for interns #[[Frugality]]\n\t\t- saved 9k\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Ledger rewrite": ["earn-trust", "dive-deep"],
        "Coaching Ana": ["hire-and-develop-the-best"],
        "Used laptops for interns": ["frugality"],
    }


@pytest.mark.parametrize(
    "text",
    [
        # placeholders and asks to self under a principle (an LP map note)
        "## Kiosk pilot\n- Situation: queues\n- Result: 6 minutes\n\n## Are Right, A Lot\n"
        "- nothing yet\n\n## Hire and Develop the Best\n- ask Dana about the intern scheme?\n",
        # a line of tags only (an Obsidian story note's last line)
        "# Kiosk pilot\n\nQueues of 40 minutes; I cut them to 6.\n\n#story #lp/frugality\n",
        # a STAR template: labels with nothing after them
        "# Kiosk pilot\n\n- Situation: queues\n- Result: 6 minutes\n\n# {{title}}\n\n"
        "**Situation**:\n**Action**:\n**Result**:\n",
        # a gaps section: each bullet a to-do, never a story, a principle heading or a question
        "## Kiosk pilot\n- Situation: queues\n- Result: 6 minutes\n\n## **LPs with no story yet**\n"
        "- Frugality\n- Think Big - maybe the kiosk? no, too small\n\n## Gaps\n"
        "- no ET story yet, maybe #1?\n- BfA — need one\n",
    ],
)
def test_notes_to_self_placeholders_and_gaps_are_not_stories(cli: CLI, tmp_path: Path, text: str) -> None:
    assert list(_import(cli, tmp_path, text, "Kiosk pilot.md")) == ["Kiosk pilot"]
    assert cli.json("questions", "--origin", "notes")["questions"] == []  # type: ignore[index]


def test_a_numbered_list_of_principles_names_them_by_number(cli: CLI, tmp_path: Path) -> None:
    """Plain text: the principles listed with numbers, then stories `Title   [LP 1, 12]`;
    the list is neither headings nor stories."""
    names = [
        "Customer Obsession",
        "Ownership",
        "Invent and Simplify",
        "Are Right, A Lot",
        "Learn and Be Curious",
        "Hire and Develop the Best",
    ]
    text = (
        "the LPs, numbered:\n"
        + "".join(f"{n:>2}  {name}\n" for n, name in enumerate(names, start=1))
        + "\nSTORIES\n\nKiosk pilot   [LP 1, 3]\n   queues of 40 minutes at the door\n"
        "   result: 6 minutes\n\nLedger rewrite   [LP 2]\n   books off by 2%\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Kiosk pilot": ["customer-obsession", "invent-and-simplify"],
        "Ledger rewrite": ["ownership"],
    }


def test_a_question_table_asks_each_row_and_links_its_story(cli: CLI, tmp_path: Path) -> None:
    """`| Question | Story |` (Google Docs, Notion): each row a question and its answer."""
    text = (
        "## Ownership\n\n### Ledger rewrite\n\n- Situation: books off by 2%\n"
        "- Result: fixed in a week\n\n## Questions\n\n| Question | Story |\n| :-- | :-- |\n"
        "| Tell me about a time you owned a mistake. | Ledger rewrite |\n"
        "| Tell me about a time you failed. | |\n"
    )
    _import(cli, tmp_path, text)
    stories = {s["title"]: s["id"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [(q["text"], q["stories"]) for q in questions] == [
        ("Tell me about a time you owned a mistake.", [stories["Ledger rewrite"]]),
        ("Tell me about a time you failed.", []),
    ]


def test_story_titles_lose_their_bold_and_number(cli: CLI, tmp_path: Path) -> None:
    """`### **1. Kiosk pilot**` (Google Docs) and `**#2 Ledger rewrite** — _DD_`."""
    text = (
        "## Stories\n\n### **1. Kiosk pilot**\n\n**LPs:** Frugality\n\n"
        "- **Situation:** queues\n- **Result:** 6 minutes\n\n## Stories\n\n"
        "**#2 Ledger rewrite** — _DD_\n\nSit: books off by 2%\nRes: fixed in a week\n\n"
        "Legend: DD = Dive Deep\n"
    )
    assert _import(cli, tmp_path, text) == {"Kiosk pilot": ["frugality"], "Ledger rewrite": ["dive-deep"]}


def test_a_principle_by_story_matrix_with_a_key_links_each_story(cli: CLI, tmp_path: Path) -> None:
    """Principles down the first column, a story code per column, `A = Title` in a key;
    the story's own section `## A — Title` is the same story."""
    text = (
        "| LP | A | B |\n|---|:-:|:-:|\n| 1. Ownership | ✅ | |\n| 2. Dive Deep | ✅ | ✅ |\n"
        "| 3. Frugality | | |\n\nKey:\n- A = Kiosk pilot\n- B = Ledger rewrite\n\n"
        "## A — Kiosk pilot\n\n**Situation:** queues\n**Result:** 6 minutes\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Kiosk pilot": ["ownership", "dive-deep"],
        "Ledger rewrite": ["dive-deep"],
    }


def test_quoted_questions_are_questions(cli: CLI, tmp_path: Path) -> None:
    """`Likely Q: "Tell me…" → Kiosk pilot` (a paragraph) and `- "When did you…?" → B`."""
    text = (
        "## Kiosk pilot\n\n**Situation:** queues\n**Result:** 6 minutes\n\n"
        'Likely Q: "Tell me about a time you cut waiting times" → Kiosk pilot\n\n'
        '## Other questions\n\n- "When did you decide quickly with limited information?" → B\n'
    )
    _import(cli, tmp_path, text)
    stories = {s["title"]: s["id"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [(q["text"], q["stories"]) for q in questions] == [
        ("Tell me about a time you cut waiting times", [stories["Kiosk pilot"]]),
        ("When did you decide quickly with limited information?", []),
    ]


def test_an_answer_may_name_a_story_by_the_start_of_its_title(cli: CLI, tmp_path: Path) -> None:
    """`-> second-hand servers` names 'Second-hand servers for the test lab'."""
    text = (
        "## Frugality\n\n### Second-hand servers for the test lab\n\n- Situation: budget cut\n"
        "- Result: lab up on time\n\n## Questions\n\n"
        "- how have you saved money for your team?  -> second-hand servers\n"
    )
    _import(cli, tmp_path, text)
    stories = [s["id"] for s in cli.json("stories")["stories"]]  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert len(stories) == 1
    assert [q["stories"] for q in questions] == [stories]


def test_an_answer_may_name_a_story_by_its_number_or_code(cli: CLI, tmp_path: Path) -> None:
    """`→ #2` names the story titled `**#2 Ledger rewrite**`; `→ K` the key's `K = …`."""
    text = (
        "## Stories\n\n**#1 Kiosk pilot**\n\nSit: queues\nRes: 6 minutes\n\n"
        "**#2 Ledger rewrite**\n\nSit: books off by 2%\nRes: fixed in a week\n\n"
        "Key:\n- K = Kiosk pilot\n\n## Questions\n\n"
        "- Q: Tell me about a time you owned a mistake. → #2\n"
        "- Q: Tell me about a time you cut waiting times. → K\n"
    )
    _import(cli, tmp_path, text)
    stories = {s["title"]: s["id"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [q["stories"] for q in questions] == [
        [stories["Ledger rewrite"]],
        [stories["Kiosk pilot"]],
    ]


def test_stories_and_questions_the_notes_to_self_rules_must_keep(cli: CLI, tmp_path: Path) -> None:
    """'Check-in kiosk…' is a story, not a note to self; '[ ] Tell me about…' is still a
    question (an unprepared one), though a to-do."""
    text = (
        "## Customer Obsession\n- Check-in kiosk for the clinic\n\n## Questions\n"
        "- [ ] Tell me about a time you failed\n"
    )
    assert _import(cli, tmp_path, text) == {"Check-in kiosk for the clinic": ["customer-obsession"]}
    questions = cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [q["text"] for q in questions] == ["Tell me about a time you failed"]
