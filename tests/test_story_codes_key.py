"""The codes a notes file gives its stories (`A = Title`): a code given many titles, as
the STAR letters are over each story ('S: …', 'R: …'), keys none of them."""

from __future__ import annotations

from loopprep.notes.story_codes import story_key


def test_a_code_given_once_keys_its_story_and_star_letters_key_none() -> None:
    lines = [
        "A = Mobile money reversals",
        "B: Agent float forecasting",
        "### Chargeback spike",
        "- S: chargebacks tripled in a week",
        "- R: back to normal in ten days",
        "### Kiosk pilot",
        "- S: queues at lunch",
        "- R: queue time halved",
        "- A = Mobile money reversals",  # the same code and title again: still one story
    ]
    key = story_key(lines)
    assert key["A"] == "Mobile money reversals"
    assert key["B"] == "Agent float forecasting"
    assert "S" not in key and "R" not in key
