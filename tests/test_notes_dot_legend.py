"""A legend of abbreviations quoted and kept apart by '·' (names may then hold ',' or
';'), and a story's 'lps → DD · BA' line of codes with any list separator; fictional
people and stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank
from loopprep.frameworks import load_framework
from loopprep.notes.principle_names import read_legend


def test_a_quoted_dot_separated_legend_is_read() -> None:
    lines = ["> **key**", "> XRL = Are Right, A Lot · QB = Have Backbone; Disagree & Commit",
             "CO = Customer Obsession, DD = Dive Deep"]
    assert read_legend(lines, load_framework()) == {
        1: {"XRL": "are-right-a-lot", "QB": "have-backbone"},
        2: {"CO": "customer-obsession", "DD": "dive-deep"}}


def test_code_lines_with_any_separator_file_their_story(tmp_path: Path) -> None:
    notes = tmp_path / "prep.md"
    notes.write_text(
        "# Prep\n\n> XRL = Are Right, A Lot · QB = Have Backbone; Disagree & Commit\n\n"
        "## 1. Kiosk pilot\nlps → XRL · QB\n\n- queues of 40 minutes\n- cut to 6 minutes\n\n"
        "## 2. Ledger rewrite\nlps → DD + FR\n\n- books off by 2%\n- balanced in a week\n",
        encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        stories = {s.title: list(s.principles) for s in bank.stories()}
    assert stories == {"Kiosk pilot": ["are-right-a-lot", "have-backbone"],
                       "Ledger rewrite": ["dive-deep", "frugality"]}
