"""A spreadsheet pasted as CSV (Google Sheets' or Excel's 'Download as CSV') read as the
Markdown table it stands for, so its story x principle checkboxes and its question-to-story
rows are read like any table. Line numbers are kept: the blank line above the header takes
the header, the header's line takes the table's rule."""

from __future__ import annotations

import csv

#: rows in a run with the same number of fields, at least: fewer is prose with commas
MIN_ROWS, MIN_FIELDS = 3, 3


def csv_tables(lines: list[str]) -> None:
    """Rewrite, in place, each run of CSV rows that follows a blank line as a table."""
    index = 1
    while index < len(lines):
        end = _run_end(lines, index) if not lines[index - 1].strip() else index
        if end - index >= MIN_ROWS:
            rows = [_fields(line) for line in lines[index:end]]
            lines[index - 1] = "| " + " | ".join(c or " " for c in rows[0]) + " |"
            lines[index] = "|" + "---|" * len(rows[0])
            for offset, row in enumerate(rows[1:], start=index + 1):
                lines[offset] = "| " + " | ".join(c.replace("|", "/") or " " for c in row) + " |"
            index = end
        index += 1


def _run_end(lines: list[str], start: int) -> int:
    """Where the run of CSV rows starting at `start` ends (`start` when there is none)."""
    if "," not in lines[start] or lines[start].lstrip().startswith(("|", "-", "*", "#")):
        return start
    width = len(_fields(lines[start]))
    end = start
    while end < len(lines) and lines[end].strip() and "," in lines[end] and \
            len(_fields(lines[end])) == width >= MIN_FIELDS:
        end += 1
    return end


def _fields(line: str) -> list[str]:
    try:
        return [field.strip() for field in next(csv.reader([line]))]
    except (csv.Error, StopIteration):
        return []
