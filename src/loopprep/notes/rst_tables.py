"""reStructuredText's two table syntaxes (docutils specification) rewritten as Markdown
tables: a grid table (`+---+---+` borders, `|` between cells, `+===+` under the header,
a cell's text wrapped over several lines) and a simple table (columns of `=====` borders,
one row a line); and the `list-table` directive's two-level list. The rows go on the
table's first lines, as a Markdown table has no border lines between them; the lines
left over are blank.
"""

from __future__ import annotations

import re

_GRID_BORDER = re.compile(r"^[ \t]*\+(?:[-=]+\+)+[ \t]*$")
_SIMPLE_BORDER = re.compile(r"^[ \t]*=+(?:[ \t]+=+)+[ \t]*$")


def rst_table(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The Markdown for the table opening at `start` and the lines it spans, or None."""
    if _GRID_BORDER.match(lines[start]):
        return _grid(lines, start)
    if _SIMPLE_BORDER.match(lines[start]):
        return _simple(lines, start)
    return None


def _grid(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """A grid table: its rows, each joined from the lines between two borders."""
    rows: list[list[str]] = []
    header = 0  # how many rows lie over the '+===+' border
    current: list[str] | None = None
    end = start
    while end < len(lines):
        line = lines[end].strip()
        if _GRID_BORDER.match(line):
            if current is not None:
                rows.append(current)
            current = None
            header = len(rows) if "=" in line else header
        elif line.startswith("|") and line.endswith("|"):
            cells = [cell.strip() for cell in line[1:-1].split("|")]
            current = cells if current is None else [
                f"{old} {new}".strip() for old, new in zip(current, cells, strict=False)]
        else:
            break
        end += 1
    if len(rows) < 2 or current is not None:
        return None
    return _markdown(rows, header), end - start


def _simple(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """A simple table: the columns its top border marks, a row a line; the header is
    the rows over the second border when a third closes the table."""
    columns = [(m.start(), m.end()) for m in re.finditer(r"=+", lines[start])]
    rows: list[list[str]] = []
    borders = 1
    header = 0  # the rows over the second of three borders
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if _SIMPLE_BORDER.match(line):
            borders += 1
            end += 1
            if end >= len(lines) or not lines[end].strip():
                break  # the closing border
            header = len(rows)
            continue
        if not line.strip():
            break
        cells = [line[a:b if i < len(columns) - 1 else len(line)].strip()
                 for i, (a, b) in enumerate(columns)]
        if not line[:columns[0][1]].strip() and rows:  # a continuation of the first cell
            rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells, strict=False)]
        else:
            rows.append(cells)
        end += 1
    if borders < 2 or not rows:
        return None
    if header > 1:  # a header of several rows: one, each column's words joined
        rows[:header] = [[" ".join(filter(None, words)) for words in zip(*rows[:header],
                                                                         strict=False)]]
    return _markdown(rows, min(header, 1)), end - start


def _markdown(rows: list[list[str]], header: int) -> list[str]:
    """The rows as a Markdown table: the header row (an empty one when there is none),
    the rule, the rows."""
    width = max(len(row) for row in rows)
    head = rows[0] if header else [""] * width
    body = rows[1:] if header else rows
    return [_row(head, width), "|" + "---|" * width, *(_row(row, width) for row in body)]


def _row(cells: list[str], width: int) -> str:
    padded = [*cells, *[""] * (width - len(cells))]
    return "| " + " | ".join(cell or " " for cell in padded) + " |"


_LIST_ROW = re.compile(r"^\*[ \t]+-[ \t]*(?P<text>.*)$")
_LIST_CELL = re.compile(r"^-[ \t]*(?P<text>.*)$")
_HEADER_ROWS = re.compile(r"^:header-rows:[ \t]*(?P<count>\d+)")


def list_table(body: list[str]) -> list[str] | None:
    """The body of a `.. list-table::` directive (its options, then `* - cell` rows whose
    further cells are `  - cell` items) as a Markdown table, or None when it holds no row.
    `:header-rows: N` puts the first row (of N) over the rule."""
    rows: list[list[str]] = []
    header = 0
    for line in body:
        text = line.strip()
        options = _HEADER_ROWS.match(text)
        if options and not rows:
            header = int(options.group("count"))
        elif (row := _LIST_ROW.match(text)) is not None:
            rows.append([row.group("text")])
        elif rows and (cell := _LIST_CELL.match(text)) is not None:
            rows[-1].append(cell.group("text"))
        elif rows and text:  # a cell's text wrapped onto the next line
            rows[-1][-1] = f"{rows[-1][-1]} {text}".strip()
    if not rows:
        return None
    if header > 1:
        rows[:header] = [[" ".join(filter(None, words)) for words in zip(*rows[:header],
                                                                         strict=False)]]
    return _markdown(rows, min(header, 1))
