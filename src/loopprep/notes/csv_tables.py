"""A spreadsheet pasted as CSV (Google Sheets' or Excel's 'Download as CSV') or as the
tab-separated rows its cells copy to (a range copied from Sheets or Excel), read as the
Markdown table it stands for, so its story x principle checkboxes and its question-to-story
rows are read like any table. Line numbers are kept: the blank line above the header takes
the header, the header's line takes the table's rule."""

from __future__ import annotations

import csv
import re

#: rows in a run with the same number of fields, at least: fewer is prose with commas
MIN_ROWS, MIN_FIELDS = 3, 3
#: a tab after text on its line: a cell's end (a tab at a line's start indents)
_TAB_BETWEEN = re.compile(r"\t(?<=\S\t)")  # (a tab first: the search skips to tabs)


def csv_tables(lines: list[str], delimiter: str = ",", text: str | None = None) -> None:
    """Rewrite, in place, each run of CSV rows (`delimiter`: tab-separated ones) that
    follows a blank line as a table; `text`, the lines' text, tells at once that there is
    no tab between two cells (most notes' tabs indent)."""
    if text is not None and delimiter == "\t" and _TAB_BETWEEN.search(text) is None:
        return
    index = 1
    while index < len(lines):
        end = _run_end(lines, index, delimiter) if not lines[index - 1].strip() else index
        if end - index >= MIN_ROWS:
            rows = [_fields(line, delimiter) for line in lines[index:end]]
            lines[index - 1] = "| " + " | ".join(c or " " for c in rows[0]) + " |"
            lines[index] = "|" + "---|" * len(rows[0])
            for offset, row in enumerate(rows[1:], start=index + 1):
                lines[offset] = "| " + " | ".join(c.replace("|", "/") or " " for c in row) + " |"
            index = end
        index += 1


def _run_end(lines: list[str], start: int, delimiter: str = ",") -> int:
    """Where the run of CSV rows starting at `start` ends (`start` when there is none).
    A tab-separated row starts with its first cell: a line opening with a tab is indented."""
    line = lines[start]
    if delimiter not in line or line.lstrip().startswith(("|", "-", "*", "#")) or (
            delimiter == "\t" and line[:1].isspace()):
        return start
    width = len(_fields(line, delimiter))
    end = start
    while end < len(lines) and lines[end].strip() and delimiter in lines[end] and \
            not lines[end][:1].isspace() and len(_fields(lines[end], delimiter)) == width >= MIN_FIELDS:
        end += 1
    return end


def _fields(line: str, delimiter: str = ",") -> list[str]:
    try:
        return [field.strip() for field in next(csv.reader([line], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return []
