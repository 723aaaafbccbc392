"""DokuWiki pages (a personal wiki's `data/pages/*.txt`) rewritten line for line into the
Markdown the rest of `notes/` reads, following DokuWiki's syntax page: headings closed as
they open with the levels inverted (`====== Top ======` is the first level, `== Fifth ==`
the fifth), lists indented two spaces a level (`  * item`, `  - numbered`), `**bold**`
and `//italic//`, `[[page|text]]` links, `^ head ^` and `| cell |` tables, `<code>` and
`<file>` blocks, `/* comments */` and `~~NOTOC~~` switches.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^[ \t]*(?P<marks>={2,6})[ \t]*(?P<title>[^=].*?)[ \t]*(?P=marks)[ \t]*$")
_LIST = re.compile(r"^(?P<indent>(?: {2}|\t)+)(?P<mark>[*-])[ \t]+(?P<text>.*)$")
_ITALIC = re.compile(r"(?<![:/])//(?P<text>[^/\n](?:[^\n]*?[^/\n])?)//")
_LINK = re.compile(r"\[\[(?P<target>[^|\]\n]+)(?:\|(?P<text>[^\]\n]*))?\]\]")
_BLOCK = re.compile(r"^[ \t]*</?(?:code|file)\b[^>]*>[ \t]*$")
_SWITCH = re.compile(r"~~[A-Z]+~~")
_COMMENT = re.compile(r"/\*.*?\*/")


def looks_like_dokuwiki(text: str) -> bool:
    """DokuWiki's own marks: a heading closed as it opens beside a list indented two spaces
    (`  * item`), a `^ head ^` row or a `<code>` block; a Markdown file holds neither
    such headings nor those lists. (Substring tests first.)"""
    if "==\n" not in text and "== \n" not in text:
        return False
    if not re.search(r"^[ \t]*(={2,6})[ \t]*[^=\n].*?\1[ \t]*$", text, re.MULTILINE):
        return False
    return bool(re.search(r"^(?:  [*-] \S|\^.*\^[ \t]*$|<code\b)", text, re.MULTILINE))


def dokuwiki_to_markdown(text: str) -> str:
    """The page as Markdown, one output line per input line."""
    lines = text.split("\n")
    out = list(lines)
    fenced = False
    for index, line in enumerate(lines):
        if _BLOCK.match(line):
            out[index], fenced = "```", not line.lstrip().startswith("</")
        elif not fenced:
            out[index] = _line(line)
    _tables(lines, out)
    return "\n".join(out)


def _line(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:  # six '=' are the first level, two the fifth
        return f"{'#' * (7 - len(heading.group('marks')))} {_inline(heading.group('title'))}"
    if re.match(r"^[ \t]*-{4,}[ \t]*$", line):
        return ""  # a rule
    listed = _LIST.match(line)
    if listed:
        depth = len(listed.group("indent").replace("\t", "  ")) // 2 - 1
        bullet = "1." if listed.group("mark") == "-" else "-"
        return f"{chr(9) * depth}{bullet} {_inline(listed.group('text'))}"
    if line.lstrip().startswith(("^", "|")):
        return line  # a table row: `_tables` rewrites it
    return _inline(line)


def _inline(text: str) -> str:
    if "//" in text:
        text = _ITALIC.sub(r"*\g<text>*", text)
    if "[[" in text:
        text = _LINK.sub(_link, text)
    if "~~" in text:
        text = _SWITCH.sub("", text)
    if "/*" in text:
        text = _COMMENT.sub("", text)
    return text.rstrip().removesuffix("\\\\").rstrip()  # '\\': a forced line break


def _link(m: re.Match[str]) -> str:
    """`[[https://…|text]]` -> `[text](https://…)`; `[[page|text]]` stays a wikilink."""
    target, text = m.group("target").strip(), (m.group("text") or "").strip()
    if re.match(r"^[a-z][\w+.-]*://", target):
        return f"[{text or target}]({target})"
    return f"[[{target}|{text}]]" if text else f"[[{target}]]"


def _tables(lines: list[str], out: list[str]) -> None:
    """Each run of `^`/`|` rows as a Markdown table: `^` cells are header cells; a header
    row's rule takes the blank line before the table (the rows move up one line)."""
    index = 0
    while index < len(lines):
        if not lines[index].lstrip().startswith(("^", "|")):
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].lstrip().startswith(("^", "|")):
            end += 1
        rows = ["| " + " | ".join(_inline(cell.strip()) or " " for cell in
                                  re.split(r"[\^|]", line.strip())[1:-1]) + " |"
                for line in lines[index:end]]
        width = rows[0].count("|") - 1
        header = lines[index].lstrip().startswith("^")
        if header and index > 0 and not out[index - 1].strip():
            out[index - 1:end] = [rows[0], "|" + "---|" * width, *rows[1:]]
        else:
            out[index:end] = rows
        index = end
