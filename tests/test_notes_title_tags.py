"""Tags closing a story's line ('**Cutting alarm fatigue** #story', as Logseq and Bear tag
blocks) are marks on the line, no part of its title: the story named again without them is
the same story (fictional notes, written for these tests)."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.notes.bullets import make_title, without_tags


def test_trailing_tags_are_no_part_of_a_title() -> None:
    assert without_tags("**Cutting alarm fatigue** #story #wip") == "**Cutting alarm fatigue**"
    assert without_tags("Shipped #3 of the roadmap") == "Shipped #3 of the roadmap"
    assert make_title("Pump recall weekend #story") == "Pump recall weekend"


def test_a_tagged_story_and_its_plain_mention_are_one_story(cli: CLI, tmp_path: Path) -> None:
    text = ("## Ownership\n\n- **Pump recall weekend** #story\n  - swapped 60 pumps overnight\n\n"
            "## Bias for Action\n\n- Pump recall weekend\n")
    stories, _ = import_text(cli, tmp_path, text, "notes.md")
    assert stories == {"Pump recall weekend": ["ownership", "bias-for-action"]}
