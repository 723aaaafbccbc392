"""Plain text (no Markdown at all) read as sections: under each principle named alone on
a line, every line is a bullet, and the STAR lines after a story's title line are that
bullet's details; a line over bullets that ends in ':' ('Questions to ask:'), names a part
of the notes that holds no stories ('Feedback', 'Mock notes') or stands over questions is
a heading.
"""

from __future__ import annotations

import re

from loopprep.notes.question_text import is_question
from loopprep.notes.star import star_label

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_LEAD = re.compile(r"^\s*(?:[-*+]|#+)\s+")
#: a line alone naming a part of the notes that holds no stories
_META_SECTION = re.compile(r"^\W*(?:(?:mock(?:\s+interviews?)?|practice)(?:\s+(?:notes|feedback|log))?|"
                           r"feedback(?:\s+log)?|to\s?do|notes to self)\W*$", re.IGNORECASE)


def plain_sections(lines: list[str], headings: set[int]) -> None:
    """Plain text (no Markdown at all): under each principle named alone, every line is a
    bullet, and the STAR lines after a story's title line are that bullet's details."""
    titled = False
    first = min(headings, default=len(lines))
    hashes = lines[first].split(" ")[0] if first < len(lines) else "#"
    following_at = _next_non_blank(lines)
    for index in range(first, len(lines)):
        line = lines[index]
        following = lines[following_at[index]] if following_at[index] < len(lines) else ""
        if index not in headings and not _BULLET.match(line) and not is_question(line) and (
                _LEAD.match(following) and (line.rstrip().endswith(":") or _META_SECTION.match(
                    line)) or is_question(_LEAD.sub("", following))):
            # 'Questions to ask:', 'Feedback', 'Questions from the call' over its questions
            lines[index] = f"{hashes} {line.strip().rstrip(':')}"
            titled = False
            continue
        if index in headings or not line.strip():
            titled = index not in headings and titled
            continue
        if _BULLET.match(line):
            titled = False
            continue
        if star_label(line) is not None and titled:
            lines[index] = "\t- " + line.strip()
        else:
            lines[index] = "- " + line.strip()
            titled = True


def _next_non_blank(lines: list[str]) -> list[int]:
    """For each line, the index of the next line that is not blank (len(lines) if none)."""
    out = [len(lines)] * len(lines)
    following = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        out[index] = following
        if lines[index].strip():
            following = index
    return out
