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
_ANY_BOLD_LINE = re.compile(r"^(?:\*\*|__)[^\n]*(?:\*\*|__)[ \t]*$", re.MULTILINE)
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<title>[^*_\s][^*_]{1,78}?)(?:\*\*|__)[ \t]*$")
#: what a paragraph of prose cannot start with: a bullet, a heading, a quote, a table, bold
_NOT_PROSE = re.compile(r"^\s*(?:[-*+>|#]|\d{1,3}[.)]\s|\*\*|__|<|!\[)")
_TITLE_WORDS = 10
_PROSE_END = (".", "!", "?", ":", ";", ",")


def bold_titles(lines: list[str], framework: Framework, text: str | None = None) -> None:
    """Rewrite, in place, each bold story line under a principle's heading (see the module
    docstring) as a heading. A heading is matched to the principles only when a bold line
    under it could be a story's; `text`, the notes' text, tells at once when none is bold."""
    if text is not None and _ANY_BOLD_LINE.search(text) is None:
        return
    heading: re.Match[str] | None = None  # the last heading above, at line `at`
    at = -1
    named: dict[int, bool] = {}  # a heading's line -> whether it names a principle
    for index, line in enumerate(lines):
        first = line[:1]
        if first == "#" and (found := _HEADING.match(line)) is not None:
            heading, at = found, index
        elif heading is not None and first in "*_" and (bold := _BOLD_LINE.match(line)):
            title = bold.group("title").strip()
            if not _a_title(title) or not _over_prose(lines, index):
                continue
            if at not in named:
                named[at] = named_principle(heading.group(2).strip("*_ :"), framework) is not None
            if named[at]:
                lines[index] = f"{'#' * min(len(heading.group(1)) + 1, 6)} {title}"


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
