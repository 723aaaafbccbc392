"""A detail or a note to self that says a story is 'also' good for a principle in the
middle of its sentence ('this one is also great for Earn Trust: …', 'the ferry story is
also a good Ownership one', 'Ledger rewrite also counts for HSB — …'), and a note outside
every story that names the story before its 'also' (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.also_principles import also_principles
from loopprep.notes.principle_lines import principles_in

AMAZON = load_framework("amazon")


@pytest.mark.parametrize(("line", "expected"), [
    ("NOTE to self – this one is also great for Earn Trust: I told them first", ["earn-trust"]),
    ("the ferry story is also a good Ownership one (nobody asked me)", ["ownership"]),
    ("Ledger rewrite also counts for HSB — the 3 gates", ["insist-on-the-highest-standards"]),
    ("I also fixed the pager", []),
    ("also works for Think Big? no, too small", []),
])
def test_also_in_the_sentence_names_more_principles(line: str, expected: list[str]) -> None:
    assert also_principles(line, AMAZON, {"HSB": "insist-on-the-highest-standards"}) == expected


NOTES = """# Prep

## Ownership

**Ferry timetable rewrite**
- Situation: riders missed connections
- Result: complaints down 60%
- note to self – this one is also great for Customer Obsession: riders wrote in

## Dive Deep

**Harbour crane outage**
- Situation: the crane controller failed at 2am
- Result: back up in 40 minutes

## Questions

1. Tell me about a time you found the root cause of a hard problem.
   1. Harbour crane outage

**Note to self:** the crane story is also a good Bias for Action one (I didn't wait).
"""


def test_also_notes_file_the_story_they_sit_in_or_name(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, NOTES, "prep.md")
    assert {t: sorted(p) for t, p in stories.items()} == {
        "Ferry timetable rewrite": ["customer-obsession", "ownership"],
        "Harbour crane outage": ["bias-for-action", "dive-deep"]}


def test_a_sentence_holding_a_principles_name_is_no_list_of_them() -> None:
    assert principles_in("the crane story is a good Bias for Action one (I did not wait).",
                         AMAZON) == []
    assert principles_in("Bias for Action, Have Backbone; Disagree and Commit", AMAZON) == [
        "bias-for-action", "have-backbone"]
