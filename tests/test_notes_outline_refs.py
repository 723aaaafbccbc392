"""A story pointed at by its number in the notes' numbering: Word's multilevel list ('3.'
over 'a. Story: …') or numbered headings ('## 2.1 Lab results delay'); the pointing line
is that story's, told above or below (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI, import_text
from loopprep.notes.outline_refs import numbered_stories, pointed_at

WORD = ("Leadership Principles – my examples\n \n"
        "1.\tCustomer Obsession\n"
        "a.\tStory: Ferry refund double charge\n"
        "i.\tS – riders were charged twice after a timeout\n"
        "ii.\tR – all refunded within a day\n"
        "b.\tAlso: the timetable thing (see 3.a) – riders could not find connections\n"
        "2.\tOwnership\n"
        "a.\tStory: Harbour crane outage\n"
        "i.\tS – the crane controller failed at 2am\n"
        "ii.\tR – back up in 40 minutes\n"
        "3.\tInvent and Simplify\n"
        "a.\tStory: Ferry timetable rewrite (short version)\n"
        "i.\tS – the timetable was a PDF\n"
        "ii.\tR – complaints down 60%\n"
        "4.\tBias for Action\n"
        "a.\t– use 2 again here, the 2am part\n")


def test_each_numbered_place_holds_its_storys_title() -> None:
    numbered = numbered_stories(WORD.split("\n"))
    assert (numbered["1.a"], numbered["2"], numbered["3.a"]) == (
        "Ferry refund double charge", "Harbour crane outage", "Ferry timetable rewrite")
    assert numbered_stories(["## **2.1 Lab results delay** {#lab}"]) == {
        "2.1": "Lab results delay"}


@pytest.mark.parametrize(("rest", "expected"), [
    ("– use 2 again here", "Harbour crane outage — – use 2 again here"),
    ("see 2.1 – lead with the patients", "Lab results delay — see 2.1 – lead with the patients"),
    ("used it for 2 weeks", None),
    ("see 2 days later", None),
    ("see 9.a", None),
])
def test_a_line_pointing_at_a_number_opens_with_its_title(rest: str, expected: str | None) -> None:
    numbered = {"2": "Harbour crane outage", "2.1": "Lab results delay"}
    assert pointed_at(rest, numbered) == expected


def test_a_word_list_pointing_at_stories_files_them_again(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, WORD.replace("\n", "\r\n"), "prep.md")
    assert {t: sorted(p) for t, p in stories.items()} == {
        "Ferry refund double charge": ["customer-obsession"],
        "Harbour crane outage": ["bias-for-action", "ownership"],
        "Ferry timetable rewrite": ["customer-obsession", "invent-and-simplify"]}
