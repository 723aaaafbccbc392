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


def bold_titles(lines: list[str], framework: Framework) -> None:
    """Rewrite, in place, each bold story line under a principle's heading (see the module
    docstring) as a heading."""
    level = 0  # the heading level of the principle whose section this is, or 0
    for index, line in enumerate(lines):
        first = line[:1]
        if first == "#" and (heading := _HEADING.match(line)):
            names = named_principle(heading.group(2).strip("*_ :"), framework)
            level = len(heading.group(1)) if names else 0
        elif level and first in "*_" and (bold := _BOLD_LINE.match(line)) is not None:
            title = bold.group("title").strip()
            if _a_title(title) and _over_prose(lines, index):
                lines[index] = f"{'#' * min(level + 1, 6)} {title}"


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
