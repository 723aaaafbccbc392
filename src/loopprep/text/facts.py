"""Small, fast facts about a story's text: does it state a metric, a date, a result?

Used by coverage (is a story thin?) on top of `loopprep.text.quantities`. A year alone is a
date, not a metric; "30% savings", "$2M", "3 hours a week", "40 candidates" are metrics.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Words that make a bare number a measure ("40 candidates", "3 hires") rather than a label.
_UNIT_AFTER = re.compile(
    r"\s?(?:[a-z]+\s)?(?:%|x\b|people|persons?|engineers?|users?|customers?|clients?|members?|"
    r"teams?|students?|employees?|staff|hires?|candidates?|sites?|stores?|servers?|nodes?|"
    r"requests?|tickets?|bugs?|defects?|incidents?|orders?|units?|items?|points?|labs?|"
    r"groups?|projects?|products?|features?|countries|markets?|partners?|languages?|releases?|"
    r"deploys?|deployments?|gb|tb|mb|kb|gw|mw|kw|kwh|mwh|gwh|km|kg|tons?|tonnes?|miles?)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MONTH_YEAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(19[5-9]\d|20\d\d)\b",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r"\b(?:result(?:ed|s)?|outcome|saved|savings?|reduced|increased|improved|grew|won|best|"
    r"award(?:ed)?|launched|delivered|shipped|achieved|cut|raised|ranked|judges?|succeeded|"
    r"success(?:ful)?|promoted|adopted|solved|fixed|resolved|doubled|tripled|halved|"
    r"lowered|boosted|exceeded|finished|completed|recovered|turned out|went with|switched|"
    r"dropped|fell|rose|declined|went (?:up|down|from))\b",
    re.IGNORECASE,
)


def metric_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quantities that count as metrics: percentages, money, durations,
    multipliers, scores, and numbers of something; a year or a bare number is not one."""
    return list(_metric_spans(text))


@lru_cache(maxsize=8192)
def _metric_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: the coverage map checks every story's text after each change to the bank,
    # and finding quantities costs about 0.25 ms a story; unchanged texts are answered here.
    from loopprep.text.quantities import find_quantities

    return tuple(
        (q.start, q.end)
        for q in find_quantities(text)
        if q.kind != "count" or not q.text[0].isdigit() or _UNIT_AFTER.match(text, q.end)
    )


def has_metric(text: str) -> bool:
    return bool(metric_spans(text))


def years_mentioned(text: str) -> list[int]:
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


def has_date(text: str) -> bool:
    return bool(_YEAR.search(text) or _MONTH_YEAR.search(text))


def has_result(text: str) -> bool:
    return bool(_RESULT.search(text)) or has_metric(text)
