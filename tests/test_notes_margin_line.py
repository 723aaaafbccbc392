"""A line back at a list's margin, right under a nested item, starts anew (a question after
the answer bullets of the one before, as OneNote and Word outlines set them), while a line
wrapped under a top-level bullet still continues it (fictional notes for these tests)."""

from __future__ import annotations

from loopprep.notes.outline import ListBlock, Paragraph, parse_outline


def test_a_line_at_the_margin_under_a_nested_item_is_not_its_text() -> None:
    blocks = parse_outline("- Q1) Tell me about a deadline\n\t- → Label printer migration\n"
                           "Q2) Tell me about a customer\n")
    assert isinstance(blocks[0], ListBlock)
    assert blocks[0].items[0].children[0].text == "→ Label printer migration"
    assert isinstance(blocks[1], Paragraph) and blocks[1].text == "Q2) Tell me about a customer"


def test_a_line_wrapped_under_a_top_level_bullet_still_continues_it() -> None:
    blocks = parse_outline("- Pager storm: pages every night until\nwe split the alerts\n")
    assert isinstance(blocks[0], ListBlock)
    assert blocks[0].items[0].text == "Pager storm: pages every night until we split the alerts"
