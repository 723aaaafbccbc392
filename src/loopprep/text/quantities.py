"""Quantities in an answer: percentages, money, durations, counts, multipliers, scores.

A year on its own ("in 2021") is a date, not a metric, and is reported separately.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Quantity", "find_quantities", "find_years"]

QuantityKind = Literal["percent", "money", "duration", "multiplier", "score", "count"]

_NUM = r"\d+(?:[.,]\d+)*"
_WORD_NUM = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty) (?:hundred|thousand)|"
    r"a dozen|dozens of|hundreds of|thousands of|millions of)"
)
_SCALE = r"(?:\s?(?:k|m|bn|million|billion|thousand|hundred))?"
_CURRENCY_WORD = r"(?:dollars?|euros?|pounds?|usd|eur|gbp|chf|yen|rupees?|crowns?|francs?)"
_TIME_UNIT = (
    r"(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|"
    r"months?|quarters?|years?|sprints?|shifts?)"
)
_FRACTION = r"(?:half|a third|two thirds|a quarter|three quarters|a fifth|a tenth)"

_PATTERNS: list[tuple[QuantityKind, re.Pattern[str]]] = [
    (
        "percent",
        re.compile(
            rf"(?:{_NUM}|{_WORD_NUM})\s?(?:%|percent\b|per cent\b|pct\b|percentage points?\b|"
            rf"points?\b(?= (?:of|in|on|higher|lower|up|down)))",
            re.I,
        ),
    ),
    (
        "money",
        re.compile(
            rf"[$€£¥₹]\s?{_NUM}{_SCALE}\b|{_NUM}{_SCALE}\s?{_CURRENCY_WORD}\b|"
            rf"{_WORD_NUM}(?:\s(?:thousand|million|billion))?\s{_CURRENCY_WORD}\b",
            re.I,
        ),
    ),
    (
        "score",
        re.compile(rf"{_NUM}\s?(?:/|out of)\s?{_NUM}|{_NUM}\s?stars?\b|{_NUM} to {_NUM}\b", re.I),
    ),
    (
        "duration",
        re.compile(
            # "800ms" and "3-day" as well as "3 days"; words need the space ("a few days")
            rf"{_NUM}[\s-]?{_TIME_UNIT}\b|(?:{_WORD_NUM}|a few|several|a couple of)[\s-]{_TIME_UNIT}\b",
            re.I,
        ),
    ),
    (
        "multiplier",
        re.compile(
            rf"\b{_NUM}\s?x\b|\b(?:doubled|tripled|quadrupled|halved|twice as|three times|"
            rf"ten times|{_NUM} times)\b|\bby {_FRACTION}\b|\b{_FRACTION} of (?:the|our|all)\b",
            re.I,
        ),
    ),
    ("count", re.compile(rf"(?<![\w.,]){_NUM}(?![\w.,]*\d)(?:\s?(?:k|m|bn)\b)?", re.I)),
    (
        "count",
        re.compile(
            rf"\b{_WORD_NUM}\s(?:[a-z]+\s)?(?:people|users|customers|clients|staff|engineers|"
            rf"employees|volunteers|students|members|stores|sites|teams|orders|tickets|bugs|"
            rf"issues|calls|accounts|projects|products|cities|countries|districts|records|"
            rf"pages|steps|hires|deals|units|tonnes|tons|litres|liters|kilometres|miles|"
            rf"families|households|patients|results|reports|points)\b",
            re.I,
        ),
    ),
]
_YEAR = re.compile(r"(?<![\w$€£.,])(?:19[5-9]\d|20[0-4]\d)(?![\w%.,]*\d)(?!\s?(?:%|percent))")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A measured amount at ``text[start:end]``."""

    start: int
    end: int
    text: str
    kind: QuantityKind


def find_years(text: str) -> list[tuple[int, int, int]]:
    """Calendar years mentioned: ``(start, end, year)``."""
    return [(m.start(), m.end(), int(m.group())) for m in _YEAR.finditer(text)]


def find_quantities(text: str) -> list[Quantity]:
    """Non-overlapping quantities, longest first, in text order; years are not quantities."""
    years = {(s, e) for s, e, _ in find_years(text)}
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    found: list[Quantity] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            while e > s and text[e - 1].isspace():
                e -= 1
            if s == e or (s, e) in years:
                continue
            i = bisect.bisect_left(taken, (s, e))
            if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            taken.insert(i, (s, e))
            found.append(Quantity(s, e, text[s:e], kind))
    found.sort(key=lambda q: q.start)
    return found
