"""Small, fast facts about a piece of text: does it state a metric, a date, a result?

Used by coverage (is a story thin?) and by answer feedback. A year alone is a date, not a
metric; "30% savings", "$2M", "3 hours a week", "from 40 to 12 minutes" are metrics.
"""

from __future__ import annotations

import re

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNITS = (
    r"%|percent|per\s?cent|pct|pp|x\b|×|times\b|k\b|m\b|bn\b|b\b|mm\b|million|billion|thousand|"
    r"hundred|dozen|seconds?|secs?|s\b|ms\b|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|"
    r"months?|quarters?|years?|yrs?|people|persons?|engineers?|users?|customers?|clients?|"
    r"members?|teams?|students?|employees?|staff|hires?|sites?|stores?|servers?|nodes?|"
    r"requests?|tickets?|bugs?|defects?|incidents?|orders?|units?|items?|points?|stars?|"
    r"gb|tb|mb|kb|gw|mw|kw|kwh|mwh|gwh|km|kg|tons?|tonnes?|miles?|"
    r"dollars?|euros?|pounds?|usd|eur|gbp|lines?|releases?|deploys?|deployments?|"
    r"languages?|countries|markets?|partners?|labs?|groups?|projects?|products?|features?"
)
_METRIC = re.compile(
    rf"(?:[$€£¥]\s?{_NUMBER}(?:\s?(?:k|m|bn|million|billion|thousand))?)"
    rf"|(?:\b{_NUMBER}\s?(?:{_UNITS}))"
    rf"|(?:\b(?:from|by)\s+{_NUMBER}\b.*?\bto\s+{_NUMBER})",
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
    r"lowered|boosted|exceeded|finished|completed|recovered|turned out|went with|switched)\b",
    re.IGNORECASE,
)


def metric_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quantities that count as metrics (years alone excluded)."""
    spans = []
    for match in _METRIC.finditer(text):
        token = match.group(0)
        if _YEAR.fullmatch(token.strip()):
            continue
        spans.append((match.start(), match.end()))
    return spans


def has_metric(text: str) -> bool:
    return bool(metric_spans(text))


def years_mentioned(text: str) -> list[int]:
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


def has_date(text: str) -> bool:
    return bool(_YEAR.search(text) or _MONTH_YEAR.search(text))


def has_result(text: str) -> bool:
    return bool(_RESULT.search(text)) or has_metric(text)
