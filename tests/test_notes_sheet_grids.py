"""A story x principle grid copied from a spreadsheet: tab-separated cells, `1` marks (as
its key says), a row of totals, column names clipped to fit (`Cust Obs`, read by
`notes.matrix`); fictional people and stories."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, import_text
from loopprep.notes.csv_tables import csv_tables


def _import(cli: CLI, tmp_path: Path, text: str) -> dict[str, list[str]]:
    return import_text(cli, tmp_path, text, "n.md")[0]


def test_tab_separated_rows_become_a_table_and_indented_lines_do_not() -> None:
    lines = ["", "Story\tYear\tNotes", "Kiosk pilot\t2024\tgood", "Ledger\t2025\t",
             "", "- block", "\t- child\tx\ty", "\t- child\tx\ty", "\t- child\tx\ty"]
    csv_tables(lines, "\t")
    assert lines[:4] == ["| Story | Year | Notes |", "|---|---|---|",
                         "| Kiosk pilot | 2024 | good |", "| Ledger | 2025 |   |"]
    assert lines[6:] == ["\t- child\tx\ty"] * 3


def test_a_sheet_grid_of_ones_with_a_total_row_imports(cli: CLI, tmp_path: Path) -> None:
    text = (
        "# Story grid\n\nKey: 1 = use this story for that LP, blank = no.\n\n"
        "Story\tYear\tCust Obs\tFrugality\tDive Deep\tScale/Resp\t#\n"
        "Kiosk pilot\t2024\t1\t1\t\t\t2\n"
        "Ledger rewrite\t2025\t\t\t\t1\t1\n"
        "TOTAL\t\t1\t1\t0\t1\t3\n"
    )
    assert _import(cli, tmp_path, text) == {
        "Kiosk pilot": ["customer-obsession", "frugality"],
        "Ledger rewrite": ["success-and-scale"]}
