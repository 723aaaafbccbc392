"""A transcript with word timestamps; each word knows where it sits in the text."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Transcript", "Word", "join_words"]


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


def join_words(timed: list[tuple[str, float, float]], duration_s: float, model: str,
               silences: list[tuple[float, float]] | None = None) -> Transcript:
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
    return Transcript("".join(parts), words, duration_s, model, list(silences or []))


def word_error_rate(reference: list[str], heard: list[str]) -> float:
    """Word-level edit distance from `reference` to `heard` over the reference's length:
    how far a transcript is from what was said (the words already normalised)."""
    row = list(range(len(heard) + 1))
    for i, said in enumerate(reference, 1):
        previous, row[0] = row[0], i
        for j, word in enumerate(heard, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (said != word))
    return row[len(heard)] / max(1, len(reference))
