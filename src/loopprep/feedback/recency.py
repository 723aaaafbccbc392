"""Recency: how long ago the story happened, from years in the text or the story's date.

Interviewers prefer recent situations; a story older than a few years invites doubt
that it reflects how the candidate works now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loopprep.text.quantities import find_years

__all__ = ["Recency", "measure_recency"]

_NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "a couple of": 2, "a few": 3, "several": 4,
}  # fmt: skip
_AGO = re.compile(
    r"\b(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r") years? ago\b",
    re.I,
)
_RECENT = re.compile(
    r"\b(?:last (?:year|month|quarter|spring|summer|autumn|fall|winter|week)|this year|"
    r"earlier this year|recently|currently|right now|at the moment)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Recency:
    years_ago: float | None  # None: no time reference found
    evidence: tuple[int, int] | None  # the span it rests on (None when from story_date)
    source: str  # "story_date", "year", "ago", "recent" or "none"


def measure_recency(text: str, *, today: date, story_date: date | None = None) -> Recency:
    if story_date is not None:
        return Recency(max(0.0, (today - story_date).days / 365.25), None, "story_date")
    best: Recency | None = None
    for s, e, year in find_years(text):
        if year > today.year:
            continue
        ago = float(today.year - year)
        if best is None or ago < (best.years_ago or 0.0):
            best = Recency(ago, (s, e), "year")
    for m in _AGO.finditer(text):
        word = m.group(1).lower()
        ago = float(word) if word.isdigit() else float(_NUMBER_WORDS[word])
        if best is None or ago < (best.years_ago or 0.0):
            best = Recency(ago, (m.start(), m.end()), "ago")
    m2 = _RECENT.search(text)
    if m2 and (best is None or (best.years_ago or 0.0) > 1.0):
        best = Recency(0.5, (m2.start(), m2.end()), "recent")
    return best or Recency(None, None, "none")
