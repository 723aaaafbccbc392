"""A forgiving line-based reader of Markdown structure: headings, paragraphs and nested
lists, each with the line it came from.

Real notes mix tabs and spaces, repeat list numbers and leave answers as sibling lists
under a numbered question; CommonMark's strict rules lose that intent, so nesting here is
simply "indented further than the item above". A blockquote (`> …`, an Obsidian callout
`> [!note] Title`) is read as the lines inside it, its blocks marked with `quote`. A
Logseq property line (`collapsed:: true`, `lp:: [[Ownership]]`) right under a heading or a
bullet continues that block: it is kept in the block's `properties`, never as its text, and
a block reference (`((id))`, `[label](((id)))`) becomes a link to the block of that `id::`.
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
_PROPERTY = re.compile(r"^[ \t]*(?P<key>[A-Za-z][\w-]{0,30})::(?:[ \t]+(?P<value>.*))?$")
_BLOCK_REF = re.compile(r"\[[^\]\n]*\]\(\(\((?P<aliased>[0-9a-fA-F-]{8,40})\)\)\)"
                        r"|\(\((?P<id>[0-9a-fA-F-]{8,40})\)\)")

#: bullets nested deeper than this are refused: notes rarely go past six levels, and every
#: reader of the outline walks it recursively
MAX_NESTING = 50


class TooDeep(ValueError):
    """A list nested more than MAX_NESTING levels deep, at `line`."""

    def __init__(self, line: int) -> None:
        super().__init__(f"bullets nested more than {MAX_NESTING} levels deep")
        self.line = line


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    line: int
    #: Logseq properties of a heading block ('- ## Title' then '  lp:: …'), by key
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph:
    text: str
    line: int
    end_line: int
    code: bool = False
    quote: str | None = None  # inside a blockquote: "" or the callout's "type: title"


@dataclass(slots=True)
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
    #: Logseq properties of the block ('  lp:: [[Ownership]]'), by key; their lines are
    #: in `continuation`
    properties: dict[str, str] = field(default_factory=dict)

    def walk(self) -> list[Item]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    @property
    def lines(self) -> list[int]:
        return [self.line, *self.continuation]


@dataclass(slots=True)
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
    if "\t" not in prefix:
        return len(prefix)  # spaces only (most lines)
    width = 0
    for ch in prefix:
        width = width + 4 - (width % 4) if ch == "\t" else width + 1
    return width


def parse_outline(body: str, first_line: int = 1) -> list[Block]:
    """Blocks of `body` in order; `first_line` is the file line number of body's first line."""
    reader = _OutlineReader()
    for offset, raw in enumerate(body.split("\n")):
        reader.read(raw, first_line + offset)
    if reader.fence is not None and reader.paragraph is not None:
        reader.paragraph.end_line = first_line + body.count("\n")
    reader.close_paragraph()
    reader.close_list()
    if reader.block_ids:
        _resolve_block_refs(reader.blocks, reader.block_ids)
    return reader.blocks


def _resolve_block_refs(blocks: list[Block], titles: dict[str, str]) -> None:
    """Logseq's block references, `((id))` or `[label](((id)))`, as `[[the block's text]]`
    when the notes give that block's `id::` (others are left as written)."""
    def link(match: re.Match[str]) -> str:
        title = titles.get((match.group("aliased") or match.group("id")).lower())
        return f"[[{title}]]" if title else match.group(0)

    for block in blocks:
        if isinstance(block, ListBlock):
            for item in block.walk():
                if "((" in item.text:
                    item.text = _BLOCK_REF.sub(link, item.text)
                for key, value in item.properties.items():  # '  story:: ((id))'
                    if "((" in value:
                        item.properties[key] = _BLOCK_REF.sub(link, value)
        elif isinstance(block, Paragraph) and "((" in block.text:
            block.text = _BLOCK_REF.sub(link, block.text)


class _OutlineReader:
    """`parse_outline`'s state, line by line: the open paragraph, list (with the stack of
    items a new item may nest under), code fence and blockquote."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.paragraph: Paragraph | None = None
        self.current_list: ListBlock | None = None
        self.stack: list[Item] = []
        self.blank_since_item = False
        self.fence: str | None = None
        self.quote: str | None = None  # the blockquote being read, if any
        #: the heading or item a Logseq property line right under it belongs to
        self.owner: Heading | Item | None = None
        self.block_ids: dict[str, str] = {}  # a block's `id::` -> its text

    def close_paragraph(self) -> None:
        if self.paragraph is not None:
            self.blocks.append(self.paragraph)
            self.paragraph = None

    def close_list(self) -> None:
        if self.current_list is not None:
            self.blocks.append(self.current_list)
        self.current_list = None
        self.stack = []

    def read(self, raw: str, number: int) -> None:
        """One line of the body, `number` its line in the file."""
        line = raw.rstrip()
        if self.fence is not None:
            self._in_fence(raw, line, number)
            return
        if self.quote is not None or _QUOTE.match(line):
            quoted = self._enter_or_leave_quote(line)
            if quoted is None:
                return  # a callout's title line
            if isinstance(quoted, str):
                line = raw = quoted
        if self._opens_fence(raw, line, number) or self._blank(line):
            self.owner = None
            return
        heading = _HEADING.match(line) or _EMPTY_HEADING.match(line)
        if heading or _RULE.match(line):
            self.close_paragraph()
            self.close_list()
            self.owner = None
            if heading:
                text = heading.group(2) if heading.lastindex and heading.lastindex >= 2 else ""
                self.owner = Heading(len(heading.group(1)), (text or "").strip(), number)
                self.blocks.append(self.owner)
            return
        item_match = _ITEM.match(line)
        if item_match:
            self.close_paragraph()
            self._item(item_match, number)
            return
        if self.owner is not None and "::" in line and self._property(line, number):
            return
        if not self._continues_item(line, number):
            self.owner = None
            self._paragraph_line(line, number)

    def _property(self, line: str, number: int) -> bool:
        """A Logseq `key:: value` line under the block just opened: that block's property."""
        match = _PROPERTY.match(line)
        if match is None or self.owner is None:
            return False
        key, value = match.group("key").lower(), (match.group("value") or "").strip()
        self.owner.properties[key] = value
        if isinstance(self.owner, Item):
            self.owner.continuation.append(number)
        if key == "id" and value:
            self.block_ids[value.lower()] = self.owner.text
        return True

    def _in_fence(self, raw: str, line: str, number: int) -> None:
        assert self.paragraph is not None and self.fence is not None
        self.paragraph.text += "\n" + raw
        self.paragraph.end_line = number
        if line.strip().startswith(self.fence):
            self.fence = None
            self.close_paragraph()

    def _enter_or_leave_quote(self, line: str) -> str | bool | None:
        """The text inside a quoted line; False when the quote just ended (the line is read
        as it is); None for a callout's title line (nothing more to read)."""
        quoted = _unquote(line)
        if quoted is None:  # the blockquote ended
            self.close_paragraph()
            self.close_list()
            self.quote = None
            return False
        callout = _CALLOUT.match(quoted.strip())
        if self.quote is None or callout:
            self.close_paragraph()
            self.close_list()
            self.quote = f"{callout.group(1).lower()}: {callout.group(2).strip()}" if callout else ""
            if callout:
                return None
        return quoted

    def _opens_fence(self, raw: str, line: str, number: int) -> bool:
        fence_match = _FENCE.match(line)
        if not fence_match:
            return False
        self.close_paragraph()
        self.close_list()
        self.fence = fence_match.group(1)
        self.paragraph = Paragraph(raw, number, number, code=True, quote=self.quote)
        return True

    def _blank(self, line: str) -> bool:
        if line.strip():
            return False
        self.close_paragraph()
        if self.current_list is not None:
            self.blank_since_item = True
        return True

    def _item(self, item_match: re.Match[str], number: int) -> None:
        """A list item, nested under the last item indented less than it."""
        indent = indent_width(item_match.group(1))
        marker = item_match.group(2)
        text = (item_match.group(3) or "").strip()
        checked: bool | None = None
        box = _CHECKBOX.match(text)
        if box:
            checked = box.group(1) != " "
            text = text[box.end():].strip()
        ordered = marker[0].isdigit()
        item = Item(text=text, line=number, indent=indent, ordered=ordered,
                    number=int(marker[:-1]) if ordered else None, checked=checked)
        if self.current_list is None:
            self.current_list = ListBlock([], number, self.quote)
        stack = self.stack
        while stack and stack[-1].indent >= indent:
            stack.pop()
        if len(stack) >= MAX_NESTING:
            raise TooDeep(number)
        (stack[-1].children if stack else self.current_list.items).append(item)
        stack.append(item)
        self.blank_since_item = False
        self.owner = item

    def _continues_item(self, line: str, number: int) -> bool:
        """A plain line under an open list: it continues an item's text, or ends the list."""
        if self.current_list is None or not self.stack:
            return False
        indent = indent_width(line[: len(line) - len(line.lstrip())])
        owner: Item | None = self.stack[-1]
        if self.blank_since_item:
            # after a blank line only an indented line continues an item
            owners = [it for it in self.stack if it.indent < indent]
            owner = owners[-1] if owners and indent >= 2 else None
        if owner is not None and owner.indent > 0 and indent < self.stack[0].indent + 1 and \
                not self.blank_since_item and indent < owner.indent:
            owner = None  # a line back at the list's margin under a nested item: not its text
        if owner is None:
            self.close_list()
            return False
        owner.text = f"{owner.text} {line.strip()}".strip()
        owner.continuation.append(number)
        return True

    def _paragraph_line(self, line: str, number: int) -> None:
        if self.paragraph is not None and line.lstrip().startswith("|") and not \
                self.paragraph.text.rsplit("\n", 1)[-1].startswith("|"):
            self.close_paragraph()  # a table right under a line of text is a block of its own
        if self.paragraph is None:
            self.paragraph = Paragraph(line.strip(), number, number, quote=self.quote)
        else:
            self.paragraph.text += "\n" + line.strip()
            self.paragraph.end_line = number


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
