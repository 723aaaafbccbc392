"""HTML and attribute markup inside Markdown notes, read as the Markdown it stands for.

Exports that write Markdown keep HTML where Markdown has no word for a thing: Notion's
enhanced Markdown (`<table>` property tables, `<mention-page>` links, `{color="…"}` and
`{toggle="true"}` attributes, `::: callout` blocks, a toggle heading's children indented
with tabs), Google Docs' gd2md-html (`<span>`, `<p>`, `{#id}`), pandoc (fenced divs and
attribute lists) and HTML pasted from Confluence or Evernote. Tables become Markdown
tables, links their text, attributes and fences go; every line stays where it is (a
table's rows take its first lines, the rest are left blank).
"""

from __future__ import annotations

import html
import re

from loopprep.notes.star import star_label

_TABLE = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr\s*>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t([dh])\b[^>]*>(.*?)</t[dh]\s*>", re.IGNORECASE | re.DOTALL)
#: a link or a mention: `<a href="…">Title</a>`, `<mention-page url="…">Title</mention-page>`
_LINK = re.compile(r"<(a|mention-[a-z]+)\b[^>]*>(.*?)</\1\s*>", re.IGNORECASE)
#: a mention with no text of its own (`<mention-user url="…"/>`) says nothing
_EMPTY_MENTION = re.compile(r"<mention-[a-z]+\b[^>]*/>", re.IGNORECASE)
#: tags that only style their text, and a paragraph's (`<p>`, `<div>`: the line is one)
_STYLE_TAG = re.compile(r"</?(?:span|u|font|mark|sup|sub|small|big|ins|color|p|div)\b[^>]*>",
                        re.IGNORECASE)
_STRONG = re.compile(r"</?(?:strong|b)\s*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"</?(?:em|i)\s*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
#: '![alt_text](images/image1.png "tooltip")', '![][image1]': an image and nothing else
_IMAGE = re.compile(r"^[ \t]*!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])[ \t]*$")
#: `{toggle="true"}`, `{color="gray_bg"}`, pandoc's `{#id .class key=value}` ending a line
_ATTRIBUTES = re.compile(
    r"[ \t]+\{(?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+))"
    r"(?:[ \t]+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)))*\}[ \t]*$")
#: a fenced div's fence: `::: callout {icon="💡"}`, `:::`
_FENCE = re.compile(r"^[ \t]*:{3,}(?:[ \t]*[\w{].*)?[ \t]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]")
#: a heading whose next line is indented with a tab: a toggle heading with children
_TABBED_HEADING = re.compile(r"^#{1,6}[ \t].*\n\t", re.MULTILINE)
#: a toggle titled by a STAR part: `<summary>Action</summary>`
_STAR_TOGGLE = re.compile(r"^(?P<indent>[ \t]*)<summary>(?P<title>[^<]{1,30})</summary>[ \t]*$",
                          re.IGNORECASE)
_SUMMARY = re.compile(r"^\t*</?(?:details|summary)\b", re.IGNORECASE)


def html_markup(text: str) -> str:
    """`text` with its HTML tables, links, styling tags, attribute lists and fences read as
    Markdown (see the module docstring); the same text when it has none."""
    if "<" not in text and "{" not in text and ":::" not in text and "![" not in text:
        return text
    if "<!--" in text:  # a comment is never shown: a converter's notes, a reminder
        text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    if "<t" in text or "<T" in text:
        text = _TABLE.sub(_table, text)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "<" in line:
            line = _star_toggle(_inline(line))
        if (":::" in line and _FENCE.match(line)) or ("![" in line and _IMAGE.match(line)):
            line = ""  # a fence; a line that is only an image (its alt text says nothing)
        elif line.endswith("}") and "{" in line:
            line = _ATTRIBUTES.sub("", line)
        lines[index] = line
    if "\n\t" in text and _TABBED_HEADING.search(text):
        _heading_children(lines)
    return "\n".join(lines)


def _table(match: re.Match[str]) -> str:
    """A `<table>` as Markdown rows on as many lines as it spanned."""
    block = match.group(0)
    span = block.count("\n") + 1
    indent = re.match(r"[ \t]*", match.string[match.string.rfind("\n", 0, match.start()) + 1:])
    rows = [[_cell_text(c.group(2)) for c in _CELL.finditer(r.group(1))]
            for r in _ROW.finditer(block)]
    rows = [row for row in rows if any(row)]
    if not rows:
        return "\n" * (span - 1)
    width = max(len(row) for row in rows)
    out = [_row(rows[0], width), "|" + "---|" * width, *(_row(r, width) for r in rows[1:])]
    if len(out) > span:  # a table on fewer lines than rows: its cells, row after row
        out = ["; ".join(" | ".join(c for c in row if c) for row in rows)]
    # the first row stands where `<table` stood, after the same indent
    lead = "" if indent is None else indent.group(0)
    return "\n".join([out[0], *(lead + line for line in out[1:])]) + "\n" * (span - len(out))


def _row(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "| " + " | ".join(c.replace("|", "/") or " " for c in cells) + " |"


def _cell_text(cell: str) -> str:
    """A cell's text: its links' text, no tags (bold in a cell is no title's)."""
    return " ".join(html.unescape(_ANY_TAG.sub(" ", _LINK.sub(r"\2", cell))).split())


def _inline(line: str) -> str:
    """A line's links as their text, styling tags gone, bold and italics as Markdown."""
    line = _LINK.sub(r"\2", line)
    line = _EMPTY_MENTION.sub("", line)
    line = _STYLE_TAG.sub("", line)
    line = _STRONG.sub("**", line)
    line = _EMPHASIS.sub("_", line)
    return _BREAK.sub(" ", line)


def _star_toggle(line: str) -> str:
    """A toggle holding one STAR part as that part's label (`**Action:**`), not a heading
    (which would read as the principle of that name)."""
    toggle = _STAR_TOGGLE.match(line) if "<summary>" in line.lower() else None
    if toggle is None:
        return line
    title = toggle.group("title").strip().rstrip(":")
    part = star_label(f"{title}:")
    return f"{toggle.group('indent')}**{title}:**" if part and not part[1] else line


def _heading_children(lines: list[str]) -> None:
    """A toggle heading's children, indented one tab under it (Notion), as its content; so
    too a toggle's (`<summary>`) children, one tab deeper than the toggle."""
    cut = 0  # how many tabs the lines here are indented beyond the content they are
    for index, line in enumerate(lines):
        tabs = len(line) - len(line.lstrip("\t"))
        if _HEADING.match(line):
            cut = 1
        elif cut and _SUMMARY.match(line):
            cut = tabs + 1
        elif line.strip() and not tabs:
            cut = 0
        if tabs and cut:
            lines[index] = line[min(tabs, cut if not _SUMMARY.match(line) else tabs):]
