"""Delivery: length and estimated speaking time, filler words and hedges.

Spoken answers run at 130-160 words a minute; about two minutes is the target, under
one minute is too thin and over three loses the interviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "WORDS_PER_MINUTE",
    "Delivery",
    "find_fillers",
    "find_hedges",
    "measure_delivery",
    "word_count",
]

WORDS_PER_MINUTE = (130, 160)
_WPM_MID = sum(WORDS_PER_MINUTE) / 2
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_FILLER = re.compile(
    r"\b(?:um+|uh+|erm+|er|hmm+|you know|i mean|basically|literally|actually|kind of like|"
    r"or whatever|and stuff|so yeah|yeah so)\b"
    # "like" as a filler: after a pause word or before a number, article or hedge.
    r"|(?:(?<=\band )|(?<=\bso )|(?<=\bwas )|(?<=\bis )|(?<=\bit's )|(?<=\bum )|(?<=\buh )"
    r"|(?<=, )|^)like\b(?! (?:to|it|that|this|you|me|him|her|them|us)\b)"
    r"|\blike(?= (?:\d|a |an |the |um|uh|really|so |maybe|half|over|around|about|"
    r"literally|basically|totally|completely|\w+ly\b))",
    re.I | re.M,
)
_HEDGE = re.compile(
    r"\b(?:i think|i guess|i suppose|i believe|i feel like|maybe|perhaps|probably|"
    r"possibly|kind of|sort of|somewhat|hopefully|more or less|i'm not sure|not sure|"
    r"i would say|fairly|a little bit|pretty much)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Delivery:
    words: int
    minutes: float  # at the middle of WORDS_PER_MINUTE
    minutes_range: tuple[float, float]
    fillers: list[tuple[int, int]]
    hedges: list[tuple[int, int]]


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def find_fillers(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _FILLER.finditer(text) if m.end() > m.start()]


def find_hedges(text: str) -> list[tuple[int, int]]:
    fillers = find_fillers(text)
    out = []
    for m in _HEDGE.finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in fillers):
            out.append((m.start(), m.end()))
    return out


def measure_delivery(text: str) -> Delivery:
    words = word_count(text)
    slow, fast = WORDS_PER_MINUTE
    return Delivery(
        words=words,
        minutes=words / _WPM_MID,
        minutes_range=(words / fast, words / slow),
        fillers=find_fillers(text),
        hedges=find_hedges(text),
    )


def length_quality(minutes: float) -> float:
    """1.0 between 1.5 and 2.5 minutes, falling off towards 0 and past 3 minutes."""
    if minutes <= 0:
        return 0.0
    if minutes < 1.5:
        return minutes / 1.5
    if minutes <= 2.5:
        return 1.0
    return max(0.2, 1.0 - 0.4 * (minutes - 2.5))
