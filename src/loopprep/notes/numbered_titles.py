"""Stories numbered on a line of their own: `(1) Barcode workaround`, `2) Sepsis alerts`,
`#3 Go-live weekend`, each over its own paragraphs, the numbers running 1, 2, 3 down the
file. Plain-text and phone notes number stories so, and answers name them by number
(`>> (1) the barcode one`, `→ #3`). Such a line becomes a heading numbered `#n` (which
`notes.story_codes` reads as the story's code and cuts from the title), and `(n)` in
other lines becomes `#n`. A numbered list (items on consecutive lines) is left alone.
"""

from __future__ import annotations

import re

from loopprep.notes.question_text import is_question

#: '(1) Title', '1) Title', '#1 Title', '1. Title': a number, then a short title
_NUMBERED = re.compile(r"^(?:\((?P<paren>\d{1,2})\)|(?P<closed>\d{1,2})[.)]|#(?P<hash>\d{1,2}))"
                       r"[ \t]+(?P<title>[^\W_].{1,80}?)[ \t]*$")
_HEADING = re.compile(r"^(#{1,6})[ \t]")
#: a numbered line after a blank line, as each such story is
_NUMBERED_START = re.compile(r"\n\n(?:\(\d{1,2}\)|\d{1,2}[.)]|#\d{1,2})[ \t]")
#: '(3)' naming a numbered story in another line
_REFERENCE = re.compile(r"(?<![\w(])\((?P<number>\d{1,2})\)(?=[ \t.,:;]|$)")
#: a title says what the story was; a sentence ending in a period or a question is prose
_PROSE_END = (".", "?", "!", ":", ";", ",")
_MIN_STORIES = 3
_RULE = re.compile(r"^[ \t]*(?:-{3,}|={3,}|_{3,}|\*{3,})[ \t]*$")
_QUESTION_LEAD = re.compile(r"^\s*(?:[-*+]\s+|Q[:.]\s*)?")


def numbered_titles(lines: list[str], text: str) -> None:
    """Rewrite, in place, numbered story lines as headings and `(n)` as `#n` (see the
    module docstring); lines with no such run of stories are left as they are. `text`, the
    lines' text, is searched for the numbered lines after a blank line."""
    starts = [m.start() + 2 for m in _NUMBERED_START.finditer(text)]
    if len(starts) + 1 < _MIN_STORIES:
        return  # (+ 1: the first may open the text)
    candidates, row, counted = [0], 0, 0
    for at in starts:
        row += text.count("\n", counted, at)
        counted = at
        candidates.append(row)
    found = _titles(lines, candidates)
    if len(found) < _MIN_STORIES:
        return
    level = 1
    last = max(found)
    for index, line in enumerate(lines):
        if index > last and _over_questions(lines, index):
            # 'QUESTIONS I keep getting' after the last story: a section, not its details
            lines[index] = f"{'#' * min(level + 1, 6)} {line.strip().rstrip(':')}"
        elif index in found:
            lines[index] = f"{'#' * min(level + 1, 6)} #{found[index]} " + \
                _NUMBERED.match(line).group("title")  # type: ignore[union-attr]
        elif line.startswith("#") and (heading := _HEADING.match(line)):
            level = len(heading.group(1))
        elif "(" in line:
            lines[index] = _REFERENCE.sub(lambda m: f"#{m.group('number')}", line)


def _over_questions(lines: list[str], index: int) -> bool:
    """Whether a line alone (a blank line or a rule above, a blank line under, not
    indented, no question) stands over questions, as plain text's section titles do (`notes.plain_text`)."""
    line = lines[index]
    above = lines[index - 1] if index else ""
    if not line.strip() or line[:1].isspace() or line.startswith("#") or index + 2 >= len(lines) \
            or (above.strip() and not _RULE.match(above)) or lines[index + 1].strip() \
            or is_question(line):
        return False
    return is_question(_QUESTION_LEAD.sub("", lines[index + 2]))


def _titles(lines: list[str], candidates: list[int]) -> dict[int, int]:
    """The numbered story lines among `candidates`, by index -> number: each alone (a blank
    line above, text under it that is no other numbered line), numbered 1, 2, 3… in order."""
    found: dict[int, int] = {}
    for index in candidates:
        line = lines[index] if index < len(lines) else ""
        if not line[:1].isdigit() and line[:1] not in "(#":
            continue
        m = _NUMBERED.match(line)
        if m is None or (index and lines[index - 1].strip()) or index + 1 >= len(lines):
            continue
        title = m.group("title")
        after = next((n for n in lines[index + 1: index + 3] if n.strip()), "")
        if title.endswith(_PROSE_END) or is_question(title) or not after \
                or _NUMBERED.match(after.lstrip()) or after.lstrip()[:1] in "-*+":
            continue
        found[index] = int(m.group("paren") or m.group("closed") or m.group("hash"))
    numbers = list(found.values())
    return found if numbers == list(range(1, len(numbers) + 1)) else {}
