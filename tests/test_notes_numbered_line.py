"""Principles numbered on one line, as a careers page lists them when pasted ('1 Customer
Obsession · 2 Ownership · …'): a grid may head its columns with those numbers (fictional
stories, written for these tests)."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.principle_names import read_legend

AMAZON = load_framework("amazon")
NUMBERED = ("1 Customer Obsession · 2 Ownership · 3 Invent and Simplify · 4 Are Right, A Lot · "
            "5 Learn and Be Curious · 13 Have Backbone; Disagree and Commit · 14 Deliver Results")


def test_a_line_numbering_principles_gives_their_numbers() -> None:
    legend = read_legend(["# Grid", "", NUMBERED], AMAZON)
    assert legend[2] == {"1": "customer-obsession", "2": "ownership", "3": "invent-and-simplify",
                         "4": "are-right-a-lot", "5": "learn-and-be-curious",
                         "13": "have-backbone", "14": "deliver-results"}
    # a line that numbers other things is no legend
    assert 2 not in read_legend(["", "", "1 eggs · 2 milk · 3 bread · 4 tea · 5 rice · 6 oats"],
                                AMAZON)


def test_a_grid_headed_by_those_numbers_files_its_stories(cli: CLI, tmp_path: Path) -> None:
    text = (f"# Story grid\n\n{NUMBERED}\n\n"
            "| Story | 1 | 2 | 3 | 4 | 5 | 13 | 14 |\n|---|---|---|---|---|---|---|---|\n"
            "| Kiosk pilot | ✅ | | | | | | ✅ |\n| Vendor pushback | | | | | | ✅ | |\n")
    stories, _ = import_text(cli, tmp_path, text, "grid.md")
    assert stories["Kiosk pilot"] == ["customer-obsession", "deliver-results"]
    assert stories["Vendor pushback"] == ["have-backbone"]
