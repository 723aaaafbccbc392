"""A story line names its principles after any mark its writer sets between them: a dash,
brackets, or '//', an arrow, a bar, '»' (fictional stories, written for these tests)."""

from __future__ import annotations

from loopprep.frameworks import load_framework
from loopprep.notes.principle_names import abbreviations
from loopprep.notes.story_lines import story_list

AMAZON = load_framework("amazon")
ABBR = abbreviations(AMAZON)


def test_a_list_after_any_mark_is_the_story_s_principles() -> None:
    for line in ("forklift battery swap // ownership, frugality",
                 "Forklift battery swap → Ownership, Frugality",
                 "forklift battery swap -> OWN, FRU",
                 "forklift battery swap | ownership, frugality",
                 "forklift battery swap » Ownership, Frugality"):
        found = story_list(line, AMAZON, ABBR)
        assert found is not None, line
        assert found[0].lower() == "forklift battery swap"
        assert found[1] == ["ownership", "frugality"], line


def test_a_mark_over_anything_but_principles_is_no_story_line() -> None:
    for line in ("budget // ask finance again",  # a note
                 "Ownership → [[Spot instances]]",  # an LP map: a principle, then its story
                 "-> Dive Deep, Deliver Results",  # no title: the story above's LPs line
                 "LPs // Ownership, Frugality",  # a label of the principles
                 "// ownership"):
        assert story_list(line, AMAZON, ABBR) is None, line
