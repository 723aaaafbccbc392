"""A story's 'LPs:' line with a word saying whose or which ('**Amazon LPs:**' in a doc
prepared for several companies, 'Primary LP:' / 'Secondary LPs:' in STAR templates), and
the other companies' lines beside it, which are asides, not the story's title (fictional
people and stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.principle_lines import listed_principles

AMAZON = load_framework("amazon")


@pytest.mark.parametrize(("line", "expected"), [
    ("- **Amazon LPs:** Earn Trust, Dive Deep", ["earn-trust", "dive-deep"]),
    ("**Primary LP:** Ownership", ["ownership"]),
    ("Secondary LPs: Frugality, Think Big", ["frugality", "think-big"]),
    ("LPs: Ownership", ["ownership"]),
    ("Missing LPs: Frugality, Think Big", []),
    ("Other LPs: Frugality", []),
])
def test_a_word_before_lps_says_which(line: str, expected: list[str]) -> None:
    assert listed_principles(line.removeprefix("- "), AMAZON) == expected


NOTES = """# One prep doc for three loops

## Story 1 -- Ferry timetable rewrite
- **Amazon LPs:** Customer Obsession, Invent and Simplify
- Acme: "users first" · Initech: clarity
- Situation: riders missed connections because the timetable was a PDF
- Action: I rebuilt it as a searchable page in a weekend
- Result: complaints down 60%

## Story 2 -- Harbour crane outage
- **Amazon LPs:** Bias for Action
- Acme: "move fast, with care" and a longer note about it
- Situation: the crane controller failed at 2am
- Result: back up in 40 minutes
"""


def test_stories_under_headings_keep_their_titles_over_asides(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, NOTES, "prep.md")
    assert stories == {"Ferry timetable rewrite": ["customer-obsession", "invent-and-simplify"],
                       "Harbour crane outage": ["bias-for-action"]}
