"""Confluence wiki markup (a page's source as the wiki markup editor and the legacy export
give it) rewritten line for line into the Markdown the rest of `notes/` reads, following
Atlassian's published syntax: `h1.`…`h6.` headings, `*`/`#` lists, `||head||` and `|cell|`
tables, `{macro}` blocks (`{info}`, `{panel}` and their kin are asides, `{expand}` a toggle
whose body is read, `{code}` and `{noformat}` are code), `bq.` quotes, `*bold*` and
`[text|link]` links; and the few marks of Textile, which shares its headings and lists.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^[ \t]*h(?P<level>[1-6])\.[ \t]+(?P<title>.*?)[ \t]*$")
_LIST = re.compile(r"^[ \t]*(?P<marks>[*#]+|-)[ \t]+(?P<text>\S.*)$")
_QUOTE = re.compile(r"^[ \t]*bq\.[ \t]+(?P<text>.*)$")
_RULE = re.compile(r"^[ \t]*-{4,}[ \t]*$")
#: a macro's tag: '{toc}', '{panel:title=Feedback|borderStyle=dashed}', '{expand}'
_MACRO = re.compile(r"\{(?P<name>[a-z][\w-]*)(?::(?P<params>[^{}\n]*))?\}", re.IGNORECASE)
#: macros whose body is an aside, shown in a box beside the page's text
_ASIDES = frozenset(("info", "note", "tip", "warning", "panel", "quote", "excerpt"))
_CODE = frozenset(("code", "noformat"))
_BOLD = re.compile(r"(?<![\w*])\*(?P<text>[^\s*](?:[^*\n]*?[^\s*])?)\*(?![\w*])")
_MONO = re.compile(r"\{\{(?P<text>.+?)\}\}")
_LINK = re.compile(r"\[(?:(?P<text>[^|\]\n]*)\|)?(?P<target>[^|\]\n]+)\]")
_HEADER_CELL = re.compile(r"^[ \t]*\|\|")
#: Textile, the markup Confluence's wiki syntax grew from (Redmine's wiki still writes
#: it): '|_. head |' cells, 'p. ' paragraph and 'fn1. ' footnote signatures, '###. '
#: comments and '"text":url' links; its headings, lists, bq. and tables are the same
_TEXTILE_HEAD = re.compile(r"^_\.[ \t]*")
_TEXTILE_BLOCK = re.compile(r"^[ \t]*(?:p|fn\d+)[<>=]*\.[ \t]+")
_TEXTILE_COMMENT = re.compile(r"^[ \t]*###\.\.?(?:[ \t]|$)")
_TEXTILE_LINK = re.compile(r'"(?P<text>[^"\n]+)":(?P<url>[a-z][\w+.-]*://[^\s"<>]+[^\s"<>.,;:!?)])')
#: a cell: its bar(s), then text in which a link's `[text|target]` holds a bar of its own
_CELL = re.compile(r"(\|\|?)([^|\[]*(?:\[[^\]\n]*\][^|\[]*)*)")


def looks_like_confluence(text: str) -> bool:
    """Confluence's own markers: two `hN. ` heading lines, or one and a `||` table row or
    a `{macro}` line. (Substring tests first: most notes hold none of these.)"""
    if "h1. " not in text and "h2. " not in text and "h3. " not in text:
        return False
    headings = len(re.findall(r"^h[1-6]\. \S", text, re.MULTILINE))
    if headings >= 2:
        return True
    return headings == 1 and bool(re.search(r"^(?:\|\||\{[a-z][\w-]*[:}])", text, re.MULTILINE))


def confluence_to_markdown(text: str) -> str:
    """The wiki markup as Markdown, one output line per input line."""
    lines = text.split("\n")
    out = list(lines)
    block: str | None = None  # the aside or code macro being read
    index = 0
    while index < len(lines):
        line = lines[index]
        if block in _CODE:
            closed = _MACRO.search(line)
            if closed is not None and closed.group("name").lower() == block:
                out[index], block = "```", None
            index += 1
            continue
        if _HEADER_CELL.match(line) or (line.lstrip().startswith("|") and line.rstrip().endswith("|")):
            index += _table(lines, out, index, quoted=block is not None)
            continue
        out[index], block = _line(line, block)
        index += 1
    return "\n".join(out)


def _line(line: str, block: str | None) -> tuple[str, str | None]:
    """The line as Markdown, and the aside or code macro open after it."""
    opened = _MACRO.search(line)
    if opened is not None:
        return _macro_line(line, block)
    text = _plain(line)
    return (f"> {text}" if block is not None and text.strip() else text), block


def _macro_line(line: str, block: str | None) -> tuple[str, str | None]:
    """A line holding macro tags: a block macro opens or closes there (its title, if any,
    is the aside's title); inline macros (`{color:red}`) are dropped, their text kept."""
    outside: list[str] = []
    callout = ""  # '[!panel] Title' when an aside opens on this line
    position = 0
    for tag in _MACRO.finditer(line):
        outside.append(line[position:tag.start()])
        position = tag.end()
        name = tag.group("name").lower()
        if name in _CODE:
            if block is None:
                return "```", name
        elif name in _ASIDES:
            if block == name:
                block = None
            elif block is None:
                block = name
                callout = f"[!{name}] {_title(tag.group('params') or '')}".rstrip()
    outside.append(line[position:])
    text = _plain("".join(outside)).strip()
    if callout:
        return f"> {callout} {text}".rstrip(), block
    if block is not None and text:
        return f"> {text}", block
    return text, block


def _title(params: str) -> str:
    """The `title=` parameter of `{panel:title=Mock feedback|borderStyle=dashed}`."""
    for param in params.split("|"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "title":
            return value.strip()
    return ""


def _plain(line: str) -> str:
    """A line of text, not in a table: headings, lists, quotes and rules, then inline."""
    heading = _HEADING.match(line)
    if heading:
        return f"{'#' * int(heading.group('level'))} {_inline(heading.group('title'))}"
    if _RULE.match(line):
        return ""  # a rule: Markdown's '---' under a line of text would make it a heading
    quoted = _QUOTE.match(line)
    if quoted:
        return f"> {_inline(quoted.group('text'))}"
    if _TEXTILE_COMMENT.match(line):
        return ""
    line = _TEXTILE_BLOCK.sub("", line)  # 'p. Text', 'p>. Text', 'fn1. Text'

    listed = _LIST.match(line)
    if listed:
        marks = listed.group("marks")
        bullet = "1." if marks[-1] == "#" else "-"
        return f"{chr(9) * (len(marks) - 1)}{bullet} {_inline(listed.group('text'))}"
    return _inline(line)


def _inline(text: str) -> str:
    text = text.removesuffix("\\\\").rstrip()  # a forced line break
    if "*" in text:
        text = _BOLD.sub(r"**\g<text>**", text)
    if "{{" in text:
        text = _MONO.sub(r"`\g<text>`", text)
    if "[" in text:
        text = _LINK.sub(_link, text)
    if '":' in text:
        text = _TEXTILE_LINK.sub(r"[\g<text>](\g<url>)", text)
    return text


def _link(m: re.Match[str]) -> str:
    """`[text|https://…]` -> `[text](https://…)`; `[text|#anchor]` -> text (a place on this
    page); `[Page title]` and `[text|Page title]` -> a wikilink to that page."""
    text, target = (m.group("text") or "").strip(), m.group("target").strip()
    if target.startswith(("#", "~", "^")):
        return text or target.lstrip("#~^")
    if re.match(r"^[a-z][\w+.-]*:", target):
        return f"[{text or target}]({target})"
    return f"[[{target}|{text}]]" if text else f"[[{target}]]"


def _table(lines: list[str], out: list[str], start: int, quoted: bool) -> int:
    """Rewrite the table at `start` in `out`; the lines it takes. A row opening with one
    header cell (`||Situation|text|`, as in a page-properties table) is a `Key: value`
    line; a header row over rows of cells is a Markdown table, its rule taking the place
    of the blank line before the table (the rows move up one line) or after it (down);
    with neither, each row is a line of its own."""
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        end += 1
    rows = [_cells(line) for line in lines[start:end]]
    prefix = "> " if quoted else ""
    header = rows[0][0]
    # the blank line the rows move into: the one before (a table under a line of text is a
    # block of its own), else the one after when a blank line or the end follows it
    before = start > 0 and not out[start - 1].strip()  # (blank as rewritten: '{expand}')
    after = end < len(lines) and not lines[end].strip() and (
        end + 1 == len(lines) or not lines[end + 1].strip())
    if len(header) > 1 and all(head for head in header) and not any(
            any(head for head in row[0]) for row in rows[1:]) and (after or before):
        table = [_row(rows[0][1]), "|" + "---|" * len(header)] + [_row(r[1]) for r in rows[1:]]
        first = start - 1 if before else start
        out[first:first + len(table)] = [prefix + row for row in table]
        return end - start + (0 if before else 1)
    for offset, (heads, cells) in enumerate(rows):
        out[start + offset] = prefix + _record(heads, cells)
    return end - start


def _cells(line: str) -> tuple[list[bool], list[str]]:
    """Which cells of a row are header cells (`||…`), and their text."""
    heads: list[bool] = []
    cells: list[str] = []
    for m in _CELL.finditer(line.strip()):
        if not m.group(2).strip() and m.end() == len(line.strip()):
            break  # the row's closing bar(s)
        text = m.group(2).strip()
        textile_head = _TEXTILE_HEAD.match(text)  # Textile's '|_. Question |'
        heads.append(m.group(1) == "||" or textile_head is not None)
        cells.append(_inline(text[textile_head.end():] if textile_head else text))
    return heads, cells


def _record(heads: list[bool], cells: list[str]) -> str:
    """A row that is no part of a header-over-rows table: `||Key|value|` -> `- Key: value`,
    other rows as a list item of their cells."""
    if len(cells) >= 2 and heads[0] and not any(heads[1:]):
        return f"- {cells[0].rstrip(':')}: {' | '.join(c for c in cells[1:] if c)}"
    return "- " + " | ".join(c for c in cells if c)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c or " " for c in cells) + " |"
