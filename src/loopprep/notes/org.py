"""Org-mode notes (Emacs, Orgzly, Logseq's org files) rewritten line for line into the
Markdown the rest of `notes/` reads, following the Org manual's syntax: `*` headlines with
their TODO keyword, priority and `:tag:` list, drawers, `#+KEYWORD:` lines, `# ` comments,
`- term :: text` description items, `#+BEGIN_…` blocks and `[[link][text]]` links.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ORG_SUFFIXES = (".org",)

#: the headline tags that name principles, as written ('CO', 'dive_deep'), from the tags
TagFilter = Callable[[list[str]], list[str]]

_HEADLINE = re.compile(r"^(?P<stars>\*+)[ \t]+(?P<rest>.*?)[ \t]*$")
_TAGS = re.compile(r"[ \t]+:(?P<tags>(?:[\w@#%]+:)+)[ \t]*$")
_PRIORITY = re.compile(r"^\[#[A-Z0-9]\][ \t]*")
_COOKIE = re.compile(r"[ \t]*\[(?:\d*/\d*|\d*%)\]")  # '[1/3]', '[50%]' progress cookies
_KEYWORD = re.compile(r"^[ \t]*#\+(?P<key>[A-Za-z_]+):[ \t]*(?P<value>.*)$")
_TODO_WORD = re.compile(r"[A-Z][A-Z_-]*")
_COMMENT = re.compile(r"^[ \t]*#(?:[ \t]|$)")
_DRAWER = re.compile(r"^[ \t]*:(?P<name>[\w-]+):[ \t]*$")
_PLANNING = re.compile(r"^[ \t]*(?:(?:SCHEDULED|DEADLINE|CLOSED):[ \t]*[<\[][^>\]]*[>\]][ \t]*)+$")
_BLOCK = re.compile(r"^[ \t]*#\+(?P<edge>BEGIN|END)_(?P<kind>\w+)", re.IGNORECASE)
_DESCRIPTION = re.compile(r"^(?P<lead>[ \t]*(?:[-+]|[ \t]\*|\d+[.)])[ \t]+(?:\[[ xX-]\][ \t]+)?)"
                          r"(?P<term>\S.*?)[ \t]+::(?:[ \t]+|$)")
_LINK = re.compile(r"\[\[(?P<target>[^\]\n]+)\](?:\[(?P<text>[^\]\n]+)\])?\]")
_BOLD = re.compile(r"(?<![\w*])\*(?P<text>[^\s*](?:[^*\n]*?[^\s*])?)\*(?![\w*])")
_TABLE_RULE = re.compile(r"^[ \t]*\|[-+:| ]+\|?[ \t]*$")
_DEFAULT_TODO = ("TODO", "DONE")


def looks_like_org(text: str) -> bool:
    """Org's own markers: a `#+KEYWORD:` line, a property drawer, or headlines at two
    levels (`* ` and `** `) — Markdown bullets never start a line with `** `. (Substring
    tests first: most notes hold none of these, and are passed over in microseconds.)"""
    if ("#+" in text or ":PROPERTIES:" in text) and re.search(
            r"^[ \t]*(?:#\+[A-Za-z_]+:|:PROPERTIES:[ \t]*$)", text, re.MULTILINE):
        return True
    two_levels = "\n** " in text or text.startswith("** ")
    return two_levels and bool(re.search(r"^\*\*+ \S", text, re.MULTILINE)
                               and re.search(r"^\* \S", text, re.MULTILINE))


def org_to_markdown(text: str, principle_tags: TagFilter | None = None) -> str:
    """The org text as Markdown, one output line per input line."""
    lines = text.split("\n")
    keywords = _todo_keywords(lines)
    offset = 1 if any(_is_title(line) for line in lines) else 0
    out: list[str] = []
    drawer: str | None = None
    block: str | None = None
    for line in lines:
        if block is not None:
            edge = _BLOCK.match(line)
            if edge and edge.group("edge").upper() == "END" and edge.group("kind").upper() == block:
                out.append("```" if block in ("SRC", "EXAMPLE") else "")
                block = None
            else:
                out.append("" if block == "COMMENT" else line)
            continue
        if drawer is not None:
            if _DRAWER.match(line) and line.strip().upper() == ":END:":
                drawer = None
                out.append("")
            else:
                out.append(_drawer_line(line, drawer))
            continue
        edge = _BLOCK.match(line)
        if edge and edge.group("edge").upper() == "BEGIN":
            block = edge.group("kind").upper()
            out.append("```" if block in ("SRC", "EXAMPLE") else "")
            continue
        opened = _DRAWER.match(line)
        if opened and opened.group("name").upper() != "END":
            drawer = opened.group("name").upper()
            out.append("")
            continue
        out.append(_line(line, keywords, offset, principle_tags))
    return "\n".join(out)


def _line(line: str, keywords: set[str], offset: int, principle_tags: TagFilter | None) -> str:
    headline = _HEADLINE.match(line)
    if headline:
        return _headline(headline, keywords, offset, principle_tags)
    keyword = _KEYWORD.match(line)
    if keyword:  # '#+TITLE: …' is the document's title; other keywords are settings
        return f"# {keyword.group('value')}" if keyword.group("key").upper() == "TITLE" else ""
    if _COMMENT.match(line) or _PLANNING.match(line):
        return ""
    if _TABLE_RULE.match(line) and "-" in line:
        return line.replace("+", "|")  # '|---+---|': Org's rule between header and rows
    line = _DESCRIPTION.sub(lambda m: f"{m.group('lead')}{m.group('term')}: ", line)
    return _inline(line)


def _headline(m: re.Match[str], keywords: set[str], offset: int,
              principle_tags: TagFilter | None) -> str:
    """`** TODO [#A] Title [1/2] :tag:other:` -> `### Title (tag)`, keeping the tags that
    name principles (all of them when no filter is given)."""
    rest = m.group("rest")
    tags: list[str] = []
    found = _TAGS.search(" " + rest)
    if found:
        tags = [t for t in found.group("tags").split(":") if t]
        rest = (" " + rest)[: found.start()].strip()
    first, _, after = rest.partition(" ")
    if first in keywords:
        rest = after.strip()
    if rest.startswith("COMMENT "):
        rest = rest[len("COMMENT "):]
    rest = _COOKIE.sub("", _PRIORITY.sub("", rest)).strip()
    kept = principle_tags(tags) if principle_tags is not None else tags
    title = _inline(rest) + (f" ({', '.join(kept)})" if kept else "")
    return f"{'#' * min(len(m.group('stars')) + offset, 6)} {title}"


def _drawer_line(line: str, drawer: str) -> str:
    """Inside a drawer: the properties (`:COMPANY: Acme`) are the entry's metadata, not
    notes, so their lines are left blank; a logbook's notes are kept as they are."""
    return "" if drawer == "PROPERTIES" else _inline(line)


def _inline(line: str) -> str:
    line = line.removesuffix(" \\\\")  # a forced line break
    if "[[" in line:
        line = _LINK.sub(_link, line)
    if "*" in line:
        line = _BOLD.sub(r"**\g<text>**", line)
    return line


def _link(m: re.Match[str]) -> str:
    """`[[*Headline]]` -> `[[Headline]]`; `[[https://…][text]]` -> `[text](https://…)`."""
    target, text = m.group("target"), m.group("text")
    if re.match(r"^[a-z][\w+.-]*:", target) and not target.startswith(("id:", "roam:")):
        return f"[{text or target}]({target})"
    target = target.lstrip("*").removeprefix("roam:")
    if target.startswith(("#", "id:")):
        return text or target
    return f"[[{target}|{text}]]" if text else f"[[{target}]]"


def _is_title(line: str) -> bool:
    keyword = _KEYWORD.match(line)
    return keyword is not None and keyword.group("key").upper() == "TITLE"


def _todo_keywords(lines: list[str]) -> set[str]:
    """TODO and DONE, and the states a `#+TODO:` (`#+SEQ_TODO:`, `#+TYP_TODO:`) line
    declares: `#+TODO: TODO DRAFT | READY` adds DRAFT and READY."""
    words = set(_DEFAULT_TODO)
    for line in lines:
        keyword = _KEYWORD.match(line)
        if keyword and keyword.group("key").upper() in ("TODO", "SEQ_TODO", "TYP_TODO"):
            words.update(_TODO_WORD.findall(re.sub(r"\([^)]*\)", "", keyword.group("value"))))
    return words
