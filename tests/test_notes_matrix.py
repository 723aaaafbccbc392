"""notes.matrix: a story x principle matrix whose columns are headed by names shortened
word by word and whose marks the notes' key spells out (fictional people and stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CLI, import_text
from loopprep.frameworks import load_framework
from loopprep.notes.matrix import key_marks, shortened_principle
from loopprep.notes.normalise import normalise_notes

AMAZON = load_framework("amazon")


@pytest.mark.parametrize(("name", "slug"), [
    ("Cust Obs", "customer-obsession"), ("Inv & Simp", "invent-and-simplify"),
    ("Hire & Dev", "hire-and-develop-the-best"), ("Bias Act", "bias-for-action"),
    ("Own", "ownership"), ("cust obsession", "customer-obsession"),
])
def test_a_name_shortened_word_by_word_is_its_principle(name: str, slug: str) -> None:
    assert shortened_principle(name, AMAZON) == slug


@pytest.mark.parametrize("name", ["Status", "Best", "Notes", "Ow", "Story title"])
def test_a_word_of_no_one_principle_is_none(name: str) -> None:
    assert shortened_principle(name, AMAZON) is None  # ('Best': two principles end so)


def test_a_key_spells_out_the_marks_but_not_its_no() -> None:
    assert key_marks(["Key: **P** = primary, **s** = secondary / backup, blank = no"], {}) == {
        "p", "s"}
    assert key_marks(["● = lead story · ○ = backup · ✗ = no"], {}) == {"●", "○"}
    assert key_marks(["A = Mobile money reversals, B = Data centre exit"],
                     {"A": "Mobile money reversals", "B": "Data centre exit"}) == set()
    assert key_marks(["cost = 300"], {}) == set()  # one 'x = y' is no key


GRID = ("Key: **P** = primary story for that LP, **s** = backup, blank = no.\n\n"
        "| Story | Cust Obs | Own | Bias Act | Dive Deep | Frugality | Status |\n"
        "|---|---|---|---|---|---|---|\n"
        "| **Ferry ticket refunds** | P | | s | | | ready |\n"
        "| **Harbour crane outage** | | s | P | P | | draft |\n")


def test_a_matrix_reads_shortened_columns_and_its_keys_marks() -> None:
    lines = normalise_notes(GRID, AMAZON).text.split("\n")
    assert lines[4:6] == ["| **Ferry ticket refunds** | Customer Obsession, Bias for Action |",
                          "| **Harbour crane outage** | Ownership, Bias for Action, Dive Deep |"]


def test_shortened_names_alone_make_no_matrix() -> None:
    text = "| Story | Owner | Result |\n|---|---|---|\n| Ferry refunds | Sam | x |"
    assert normalise_notes(text, AMAZON).text == text  # a table with whole names in two columns


def test_without_a_key_letters_are_not_marks() -> None:
    lines = normalise_notes(GRID.split("\n", 2)[2], AMAZON).text.split("\n")
    assert lines[2:4] == ["| **Ferry ticket refunds** | — |", "| **Harbour crane outage** | — |"]


def test_a_primary_secondary_grid_imports_each_story_with_both(cli: CLI, tmp_path: Path) -> None:
    stories, _ = import_text(cli, tmp_path, f"# Grid\n\n{GRID}", "grid.md")
    assert {t: sorted(p) for t, p in stories.items()} == {
        "Ferry ticket refunds": ["bias-for-action", "customer-obsession"],
        "Harbour crane outage": ["bias-for-action", "dive-deep", "ownership"]}
