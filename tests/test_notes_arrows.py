"""A story's principles on a line of their own after an arrow, under its title ('Use for →
CO, Own' in a STAR bank; '  -> Dive Deep, Deliver Results' in plain prose notes), with or
without a label before the arrow (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.normalise import normalise_notes

AMAZON = load_framework("amazon")

PROSE = ("Warehouse loop prep\n\n\n"
         "Pallet label reprint\n  -> Dive Deep, Deliver Results\n\n"
         "  Labels came out smudged on line 3 every night. I timed the printer\n"
         "  myself and found the ribbon was the wrong grade. Reprints went to zero.\n\n\n"
         "Saying no to weekend overtime\n  -> Have Backbone, Disagree and Commit\n\n"
         "  The site lead wanted Saturdays. I showed him the idle hours, he still\n"
         "  went ahead, and I ran it myself.\n")


@pytest.mark.parametrize(("line", "expected"), [
    ("  -> Dive Deep, Deliver Results", "  LPs: Dive Deep, Deliver Results"),
    ("→ DD, CO", "LPs: Dive Deep, Customer Obsession"),
    ("=> Frugality", "LPs: Frugality"),
    ("-> the pallet story, again", "-> the pallet story, again"),  # not principles
])
def test_an_arrow_before_principles_is_their_line(line: str, expected: str) -> None:
    assert normalise_notes(f"Pallet label reprint\n{line}", AMAZON).text.split("\n")[1] == expected


def test_an_arrow_under_a_question_is_its_answer_not_principles() -> None:
    text = "Q: Tell me about a time you dug into data\n-> Dive Deep"
    assert "LPs" not in normalise_notes(text, AMAZON).text.split("\n")[1]


def test_plain_prose_titles_over_arrowed_principles_are_stories(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, PROSE, "prep.txt")
    assert {t: sorted(p) for t, p in stories.items()} == {
        "Pallet label reprint": ["deliver-results", "dive-deep"],
        "Saying no to weekend overtime": ["have-backbone"]}


def test_a_bold_title_over_one_arrowed_principle_is_its_story(cli: CLI, tmp_path: Path) -> None:
    text = ("# Stories\n\n**Pallet label reprint**\n→ Dive Deep\n\nLabels came out smudged.\n\n"
            "**Night shift hiring**\n→ Hire and Develop the Best\n\nWe onboarded 40 temps.\n")
    stories, _ = import_text(cli, tmp_path, text, "prep.md")
    assert stories == {"Pallet label reprint": ["dive-deep"],
                       "Night shift hiring": ["hire-and-develop-the-best"]}
