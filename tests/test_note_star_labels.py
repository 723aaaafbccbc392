"""STAR labels as people write them in their notes; fictional stories, written for these
tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI
from loopprep.notes.star import star_label

JOINED = """# Examples

### Night bus timetable

**Competencies:** Customer Obsession

**Situation/Task:** riders waited forty minutes in the cold and nobody owned the timetable.

**Action:** I rebuilt it from the tap-in data over two weekends.

**Result:** average waits fell to twelve minutes.

### Depot roof repair

**Competencies:** Frugality

**S/T:** the roof leaked onto the parts store.

**Action:** patched it with the offcuts from the bike shelter job.
"""


def test_a_joined_situation_and_task_label_opens_the_story_it_belongs_to(
        cli: CLI, tmp_path: Path) -> None:
    """`Situation/Task:` (and `S/T:`), the label STAR guides give when the two are told
    as one, is the story's situation: the labels after it are that story's parts, not
    the title of another."""
    notes = tmp_path / "examples.md"
    notes.write_text(JOINED, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {
        "Night bus timetable": ["customer-obsession"], "Depot roof repair": ["frugality"]}
    assert star_label("**Situation & Task:** the roof leaked") == ("situation", "the roof leaked")
    assert star_label("S/T - not a label without a colon") is None


BOLD_TITLES = """# Stories

## Frugality

1. **Borrowed cold room**

    Situation: the seed store needed cold space. Result: the brewery lent us a shelf.

2. **Second-hand seed trays** Bought them from a closing nursery for a tenth of the price.
"""


def test_a_bold_span_opening_an_item_is_the_story_title(cli: CLI, tmp_path: Path) -> None:
    """`1. **Title**` over an indented paragraph (read as the item's text), or followed
    by text on its line, is titled by the bold span alone: the words after it are no
    part of the title."""
    notes = tmp_path / "stories.md"
    notes.write_text(BOLD_TITLES, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {
        "Borrowed cold room": ["frugality"], "Second-hand seed trays": ["frugality"]}


MENTIONED = """# Stories

## Frugality

1. **Borrowed cold room**

    Situation: the seed store needed cold space. Result: the brewery lent us a shelf.

## Earn Trust

- Use **Borrowed cold room** here too: I told the brewery exactly what we needed.
"""


def test_a_known_story_named_in_bold_in_a_bullet_is_that_story_again(
        cli: CLI, tmp_path: Path) -> None:
    """A bullet naming a story told before by its title in bold is a mention of it,
    filing it under this principle as well, not a story of its own."""
    notes = tmp_path / "stories.md"
    notes.write_text(MENTIONED, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    assert {s["title"]: s["principles"] for s in stories} == {
        "Borrowed cold room": ["frugality", "earn-trust"]}
