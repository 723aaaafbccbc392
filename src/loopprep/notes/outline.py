"""A forgiving line-based reader of Markdown structure: headings, paragraphs and nested
lists, each with the line it came from.

Real notes mix tabs and spaces, repeat list numbers and leave answers as sibling lists
under a numbered question; CommonMark's strict rules lose that intent, so nesting here is
simply "indented further than the item above". A blockquote (`> …`, an Obsidian callout
`> [!note] Title`) is read as the lines inside it, its blocks marked with `quote`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_EMPTY_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]*$")
_ITEM = re.compile(r"^([ \t]*)([-*+•]|\d{1,9}[.)])(?:[ \t]+(.*)|[ \t]*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_CHECKBOX = re.compile(r"^\[( |x|X)\][ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_CALLOUT = re.compile(r"^\[!([\w-]+)\][+-]?[ \t]*(.*)$")

#: bullets nested deeper than this are refused: notes rarely go past six levels, and every
#: reader of the outline walks it recursively
MAX_NESTING = 50


class TooDeep(ValueError):
    """A list nested more than MAX_NESTING levels deep, at `line`."""

    def __init__(self, line: int) -> None:
        super().__init__(f"bullets nested more than {MAX_NESTING} levels deep")
        self.line = line


@dataclass
class Heading:
    level: int
    text: str
    line: int


@dataclass
class Paragraph:
    text: str
    line: int
    end_line: int
    code: bool = False
    quote: str | None = None  # inside a blockquote: "" or the callout's "type: title"


@dataclass
class Item:
    """One list item; `children` are the items indented under it."""

    text: str
    line: int
    indent: int
    ordered: bool
    number: int | None = None
    checked: bool | None = None
    children: list[Item] = field(default_factory=list)
    continuation: list[int] = field(default_factory=list)

    def walk(self) -> list[Item]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    @property
    def lines(self) -> list[int]:
        return [self.line, *self.continuation]


@dataclass
class ListBlock:
    items: list[Item]
    line: int
    quote: str | None = None

    def walk(self) -> list[Item]:
        out: list[Item] = []
        for item in self.items:
            out.extend(item.walk())
        return out


Block = Heading | Paragraph | ListBlock


def indent_width(prefix: str) -> int:
    width = 0
    for ch in prefix:
        width = width + 4 - (width % 4) if ch == "\t" else width + 1
    return width


def parse_outline(body: str, first_line: int = 1) -> list[Block]:
    """Blocks of `body` in order; `first_line` is the file line number of body's first line."""
    blocks: list[Block] = []
    paragraph: Paragraph | None = None
    current_list: ListBlock | None = None
    stack: list[Item] = []
    blank_since_item = False
    fence: str | None = None
    quote: str | None = None  # the blockquote being read, if any

    def close_paragraph() -> None:
        nonlocal paragraph
        if paragraph is not None:
            blocks.append(paragraph)
            paragraph = None

    def close_list() -> None:
        nonlocal current_list, stack
        if current_list is not None:
            blocks.append(current_list)
        current_list = None
        stack = []

    for offset, raw in enumerate(body.split("\n")):
        number = first_line + offset
        line = raw.rstrip()
        if fence is not None:
            assert paragraph is not None
            paragraph.text += "\n" + raw
            paragraph.end_line = number
            if line.strip().startswith(fence):
                fence = None
                close_paragraph()
            continue
        if quote is not None or _QUOTE.match(line):
            quoted = _unquote(line)
            if quoted is None:  # the blockquote ended
                close_paragraph()
                close_list()
                quote = None
            else:
                callout = _CALLOUT.match(quoted.strip())
                if quote is None or callout:
                    close_paragraph()
                    close_list()
                    quote = f"{callout.group(1).lower()}: {callout.group(2).strip()}" if callout else ""
                    if callout:
                        continue
                line = raw = quoted
        fence_match = _FENCE.match(line)
        if fence_match:
            close_paragraph()
            close_list()
            fence = fence_match.group(1)
            paragraph = Paragraph(raw, number, number, code=True, quote=quote)
            continue
        if not line.strip():
            close_paragraph()
            if current_list is not None:
                blank_since_item = True
            continue
        heading = _HEADING.match(line) or _EMPTY_HEADING.match(line)
        if heading:
            close_paragraph()
            close_list()
            text = heading.group(2) if heading.lastindex and heading.lastindex >= 2 else ""
            blocks.append(Heading(len(heading.group(1)), (text or "").strip(), number))
            continue
        if _RULE.match(line):
            close_paragraph()
            close_list()
            continue
        item_match = _ITEM.match(line)
        if item_match:
            close_paragraph()
            indent = indent_width(item_match.group(1))
            marker = item_match.group(2)
            text = (item_match.group(3) or "").strip()
            checked: bool | None = None
            box = _CHECKBOX.match(text)
            if box:
                checked = box.group(1) != " "
                text = text[box.end():].strip()
            ordered = marker[0].isdigit()
            item = Item(
                text=text,
                line=number,
                indent=indent,
                ordered=ordered,
                number=int(marker[:-1]) if ordered else None,
                checked=checked,
            )
            if current_list is None:
                current_list = ListBlock([], number, quote)
            while stack and stack[-1].indent >= indent:
                stack.pop()
            if len(stack) >= MAX_NESTING:
                raise TooDeep(number)
            if stack:
                stack[-1].children.append(item)
            else:
                current_list.items.append(item)
            stack.append(item)
            blank_since_item = False
            continue
        indent = indent_width(line[: len(line) - len(line.lstrip())])
        if current_list is not None and stack:
            owner: Item | None = stack[-1]
            if blank_since_item:
                # after a blank line only an indented line continues an item
                owners = [it for it in stack if it.indent < indent]
                owner = owners[-1] if owners and indent >= 2 else None
            if owner is not None:
                owner.text = f"{owner.text} {line.strip()}".strip()
                owner.continuation.append(number)
                continue
            close_list()
        if paragraph is None:
            paragraph = Paragraph(line.strip(), number, number, quote=quote)
        else:
            paragraph.text += "\n" + line.strip()
            paragraph.end_line = number
    if fence is not None and paragraph is not None:
        paragraph.end_line = first_line + body.count("\n")
    close_paragraph()
    close_list()
    return blocks


def _unquote(line: str) -> str | None:
    """The text inside a blockquote line ('> > text' -> 'text'), or None for a line that
    is not quoted (a blank line inside a quote is '')."""
    if not _QUOTE.match(line):
        return None
    while (match := _QUOTE.match(line)) is not None:
        line = line[match.end():]
    return line


def render(item: Item, depth: int = 0) -> list[str]:
    lines = [("  " * depth) + "- " + item.text]
    for child in item.children:
        lines.extend(render(child, depth + 1))
    return lines


def details(item: Item) -> str:
    """The item's text followed by its nested bullets, as Markdown."""
    lines = [item.text]
    for child in item.children:
        lines.extend(render(child, 1))
    return "\n".join(lines)
