"""A story titled by a bold line over its paragraph, under a principle's heading: Google
Docs exports (gd2md-html, Docs' own Markdown download) keep a story's name as a bold
paragraph, not a heading, and its text as prose with no STAR labels or bullets. Such a line
becomes a heading one level under the principle's, so the paragraph is that story's text.
"""

from __future__ import annotations

import re

from loopprep.model import Framework
from loopprep.notes.principle_names import named_principle
from loopprep.notes.star import star_label

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
#: '**Rural store delivery windows**' alone on its line
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<title>[^*_\s][^*_]{1,78}?)(?:\*\*|__)[ \t]*$")
#: what a paragraph of prose cannot start with: a bullet, a heading, a quote, a table, bold
_NOT_PROSE = re.compile(r"^\s*(?:[-*+>|#]|\d{1,3}[.)]\s|\*\*|__|<|!\[)")
_TITLE_WORDS = 10
_PROSE_END = (".", "!", "?", ":", ";", ",")


def bold_titles(lines: list[str], framework: Framework, text: str) -> None:
    """Rewrite, in place, each bold story line under a principle's heading (see the module
    docstring) as a heading. `text`, the notes' text on the same lines, is searched for a
    bold line after a blank line; only the heading above such a line is matched."""
    named: dict[int, bool] = {}  # a heading's line -> whether it names a principle
    for index in _after_blank_lines(text, ("\n\n**", "\n\n__")):
        bold = _BOLD_LINE.match(lines[index]) if index < len(lines) else None
        if bold is None or not _a_title(title := bold.group("title").strip()) \
                or not _over_prose(lines, index):
            continue
        above = next((i for i in range(index - 1, -1, -1) if lines[i][:1] == "#"
                      and _HEADING.match(lines[i])), None)
        if above is None:
            continue
        heading = _HEADING.match(lines[above])
        assert heading is not None
        if above not in named:
            named[above] = named_principle(heading.group(2).strip("*_ :"), framework) is not None
        if named[above]:
            lines[index] = f"{'#' * min(len(heading.group(1)) + 1, 6)} {title}"


def _after_blank_lines(text: str, marks: tuple[str, ...]) -> list[int]:
    """The line indexes right after a blank line where one of `marks` (each starting with
    two newlines) opens a line, in order."""
    found: list[int] = []
    for mark in marks:
        at = text.find(mark)
        while at != -1:
            found.append(at)
            at = text.find(mark, at + 1)
    out: list[int] = []
    line, counted = 0, 0
    for at in sorted(found):
        line += text.count("\n", counted, at + 2)
        counted = at + 2
        out.append(line)
    return out


def _a_title(title: str) -> bool:
    return len(title.split()) <= _TITLE_WORDS and not title.endswith(_PROSE_END)


def _over_prose(lines: list[str], index: int) -> bool:
    """A blank line (or nothing) above, and a paragraph of prose next (a STAR part's
    label under the title is read as it is)."""
    if index and lines[index - 1].strip():
        return False
    following = next((line for line in lines[index + 1: index + 3] if line.strip()), "")
    return bool(following) and not _NOT_PROSE.match(following) and star_label(
        following.replace("_", "")) is None
