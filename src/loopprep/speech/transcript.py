"""A transcript with word timestamps; each word knows where it sits in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Transcript", "Word", "join_words", "number_words", "spoken_words"]

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_SCALE = {"k": "thousand", "m": "million", "b": "billion"}
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start_s: float
    end_s: float
    start: int  # character offsets into Transcript.text
    end: int


@dataclass(frozen=True, slots=True)
class Transcript:
    text: str
    words: list[Word]
    duration_s: float
    model: str
    # Quiet stretches found in the audio itself (start_s, end_s): Whisper's word times
    # stretch over silence, so pauses are read from the sound, not only from word gaps.
    silences: list[tuple[float, float]] = field(default_factory=list)
    # From the first to the last sound in the audio (start_s, end_s): Whisper often puts the
    # first word at the very start of the recording, silence before it included.
    voiced: tuple[float, float] | None = None


def join_words(timed: list[tuple[str, float, float]], duration_s: float, model: str,
               silences: list[tuple[float, float]] | None = None,
               voiced: tuple[float, float] | None = None) -> Transcript:
    """Whisper's words carry their leading space; strip and rejoin with single spaces."""
    parts: list[str] = []
    words: list[Word] = []
    pos = 0
    for raw, start_s, end_s in timed:
        token = raw.strip()
        if not token:
            continue
        if parts:
            parts.append(" ")
            pos += 1
        words.append(Word(token, start_s, end_s, pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
    return Transcript("".join(parts), words, duration_s, model, list(silences or []), voiced)


def number_words(n: int) -> str:
    """How a whole number is said: 412 -> 'four hundred twelve'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return number_words(n // 1000) + " thousand" + ("" if rest == 0 else " " + number_words(rest))
    if n < 1_000_000_000:
        rest = n % 1_000_000
        return number_words(n // 1_000_000) + " million" + ("" if rest == 0 else " " + number_words(rest))
    return " ".join(_ONES[int(d)] for d in str(n))


def _say_number(match: re.Match[str]) -> str:
    whole, _, decimals = match.group().partition(".")
    said = number_words(int(whole))
    if decimals:
        said += " point " + " ".join(_ONES[int(d)] for d in decimals)
    return f" {said} "


def spoken_words(text: str) -> list[str]:
    """The words as said aloud, lowercased: numbers read out ('4.2' -> four point two),
    '%' and '$' spoken, hyphenated words apart. Pace and word error count these, so a
    transcript that writes '12' and a script that says 'twelve' count alike."""
    text = text.lower().replace("%", " percent").replace("&", " and ")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"\$(\d+(?:\.\d+)?)([kmb]?)\b",
                  lambda m: f"{m.group(1)} {_SCALE.get(m.group(2), '')} dollars", text)
    text = re.sub(r"\d+(?:\.\d+)?", _say_number, text)
    text = text.replace("-", " ")
    return re.findall(r"[a-z']+", text)


def word_error_rate(reference: list[str], heard: list[str]) -> float:
    """Word-level edit distance from `reference` to `heard` over the reference's length:
    how far a transcript is from what was said (the words already normalised)."""
    row = list(range(len(heard) + 1))
    for i, said in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, word in enumerate(heard, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (said != word))
    return row[len(heard)] / max(1, len(reference))
