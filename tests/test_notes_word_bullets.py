"""Word's bullet library pasted as text (➢ ✓ ➔ ❖ ❑, or their Wingdings codes), a principle
named with its number ('Customer Obsession (LP 1)'), and a to-do behind a glyph bullet;
fictional people and stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank
from loopprep.frameworks import load_framework
from loopprep.notes.normalise import normalise_notes

_NOTES = (
    "\ufeffMy LP notes\r\n\r\nCustomer Obsession (LP 1)\r\n"
    "➢\tKiosk pilot\r\n\t▪\tSituation – queues of 40 minutes at lunch\r\n"
    "\t▪\tResult – 6 minutes\r\n\r\nThink Big (LP 8)\r\n"
    "\t▪\tTBD … maybe the layout idea? not a story yet\r\n\r\n"
    "Frugality [LP #10]\r\n\uf0d8\tLedger rewrite\r\n\t▪\tbooks off by 2%, rebuilt in a week\r\n\r\n"
    "Likely questions\r\n✓\tTell me about a time you put the customer first.\r\n"
    "\t➔\tKiosk pilot\r\n"
)


def test_word_glyphs_are_bullets_and_a_key_of_marks_is_not() -> None:
    text = "➢\tKiosk pilot\n\uf0fc\tTell me about a time.\n\t➔\tKiosk pilot\n✓ = I'd use it"
    lines = normalise_notes(text, load_framework()).text.split("\n")
    assert lines[:3] == ["- Kiosk pilot", "- Tell me about a time.", "\t- Kiosk pilot"]
    assert lines[3] == "✓ = I'd use it"


def test_a_word_paste_with_numbered_principles_imports(tmp_path: Path) -> None:
    notes = tmp_path / "lp.md"
    notes.write_bytes(_NOTES.encode("utf-8"))
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        stories = {s.title: list(s.principles) for s in bank.stories()}
        ids = {s.title: s.id for s in bank.stories()}
        answers = [list(q.story_ids) for q in bank.note_questions()]
    assert stories == {"Kiosk pilot": ["customer-obsession"], "Ledger rewrite": ["frugality"]}
    assert answers == [[ids["Kiosk pilot"]]]
