"""A journal's days: Logseq and Roam give each day a page or block named by its date
('[[Dec 28th, 2025]]', 'Jan 2nd, 2026', '2026-01-05', 'Tuesday, January 6, 2026'), and
people write their stories inside it. A day holds stories, it is none: a top-level block
that is a date alone, over nested blocks, is made a Logseq block heading ('- ## …'), whose
blocks the reader then takes as if at top level; a heading that is a date is a container
like 'Stories'.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    r"^\W*(?:\[\[)?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:"
    rf"{_MONTH}\.?\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH}\.?,?\s+\d{{4}}|"
    r"\d{4}[-_/.]\d{1,2}[-_/.]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*(?:\]\])?\W*$",
    re.IGNORECASE)
_TOP_BLOCK = re.compile(r"^-[ \t]+(?P<text>\S.*?)\s*$")


_DIGIT = re.compile(r"\d")


def is_date(text: str) -> bool:
    """Whether a heading or block is a date and nothing else (a journal's day)."""
    return len(text) < _LONGEST and _DIGIT.search(text) is not None and \
        _DATE.match(text.strip(" *_#")) is not None


_LONGEST = 48  # 'Wednesday, September 30th, 2026' and its brackets fit


def journal_days(lines: list[str]) -> None:
    """Make each top-level block that is a date alone, over nested blocks, a block
    heading, in place: '- [[Dec 28th, 2025]]' -> '- ## Dec 28th, 2025'."""
    for index, line in enumerate(lines):
        if not line.startswith("- ") or len(line) > _LONGEST or index + 1 == len(lines) \
                or lines[index + 1][:1] not in (" ", "\t", ""):
            continue  # (a day has its blocks nested under it)
        block = _TOP_BLOCK.match(line)
        if block is None or not is_date(block.group("text")):
            continue
        following = next((text for text in lines[index + 1:] if text.strip()), "")
        if following[:1] in (" ", "\t"):
            lines[index] = f"- ## {block.group('text').strip('[] ')}"
