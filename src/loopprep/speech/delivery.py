"""Spoken delivery from word timestamps: duration, pace, pauses and fillers per minute.

Pace is the words as said (numbers read out) over the time from the first word to the last,
trimmed to where the audio sounds, so silence before the first word or after the last does
not slow it down; a pause is a gap of 2 s or more between words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loopprep.feedback.delivery import WORDS_PER_MINUTE, find_fillers
from loopprep.speech.transcript import Transcript, Word, spoken_words

__all__ = ["PAUSE_SECONDS", "Pause", "SpokenDelivery", "measure_spoken_delivery", "pace_band"]

PAUSE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Pause:
    start_s: float
    end_s: float
    offset: int  # where in the transcript the silence falls (after the word before it)

    @property
    def seconds(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True, slots=True)
class SpokenDelivery:
    duration_s: float
    speaking_s: float
    words: int
    words_per_minute: float
    pauses: list[Pause]
    longest_pause_s: float
    fillers: int
    fillers_per_minute: float

    def to_json(self) -> dict[str, Any]:
        return {
            "duration_s": round(self.duration_s, 2),
            "speaking_s": round(self.speaking_s, 2),
            "words": self.words,
            "words_per_minute": round(self.words_per_minute, 1),
            "pace": pace_band(self.words_per_minute),
            "pace_band": list(WORDS_PER_MINUTE),
            "pauses": len(self.pauses),
            "pause_list": [
                {"start_s": round(p.start_s, 2), "end_s": round(p.end_s, 2),
                 "seconds": round(p.seconds, 2), "offset": p.offset}
                for p in self.pauses
            ],
            "longest_pause_s": round(self.longest_pause_s, 2),
            "fillers": self.fillers,
            "fillers_per_minute": round(self.fillers_per_minute, 2),
        }


def pace_band(words_per_minute: float) -> str:
    """"slow", "good" or "fast" against the 130-160 words a minute band."""
    slow, fast = WORDS_PER_MINUTE
    if words_per_minute <= 0:
        return "none"
    if words_per_minute < slow:
        return "slow"
    return "fast" if words_per_minute > fast else "good"


def measure_spoken_delivery(transcript: Transcript, *, pause_s: float = PAUSE_SECONDS) -> SpokenDelivery:
    words = transcript.words
    pauses: list[Pause] = []
    gaps: list[tuple[float, float]] = [
        (before.end_s, after.start_s) for before, after in zip(words, words[1:], strict=False)]
    if words:  # silences inside the answer, not before the first word or after the last
        first, last = words[0].start_s, words[-1].end_s
        gaps += [(max(s, first), min(e, last)) for s, e in transcript.silences if s < last and e > first]
    for start_s, end_s in _merge(gaps):
        if end_s - start_s >= pause_s:
            offset = max((w.end for w in words if w.start_s < (start_s + end_s) / 2), default=0)
            pauses.append(Pause(start_s, end_s, offset))
    longest = max((e - s for s, e in _merge(gaps)), default=0.0)
    speaking_s = _speaking_span(transcript)
    minutes = speaking_s / 60.0
    fillers = len(find_fillers(transcript.text))
    said = sum(len(spoken_words(w.text)) for w in words if _sounding(w, transcript))
    return SpokenDelivery(
        duration_s=transcript.duration_s,
        speaking_s=speaking_s,
        words=said,
        words_per_minute=said / minutes if minutes > 0 else 0.0,
        pauses=pauses,
        longest_pause_s=max(longest, 0.0),
        fillers=fillers,
        fillers_per_minute=fillers / minutes if minutes > 0 else 0.0,
    )


def _sounding(word: Word, transcript: Transcript) -> bool:
    """False for a word Whisper placed wholly over silence (its 'Thank you.' after the end):
    heard in no sound, it does not count toward the pace."""
    voiced = transcript.voiced
    if voiced is not None and (word.end_s <= voiced[0] or word.start_s >= voiced[1]):
        return False
    return not any(start <= word.start_s and word.end_s <= end for start, end in transcript.silences)


def _speaking_span(transcript: Transcript) -> float:
    """Seconds from the first word to the last, trimmed to where the audio sounds: Whisper
    stretches the first word back over silence before it (often to the recording's start)."""
    words = transcript.words
    if not words:
        return 0.0
    start, end = words[0].start_s, words[-1].end_s
    if transcript.voiced is not None:
        trimmed = max(start, transcript.voiced[0]), min(end, transcript.voiced[1])
        if trimmed[1] - trimmed[0] > 0.5 * (end - start):
            start, end = trimmed
    return max(end - start, 0.0)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
