"""Bounds on what an answer can earn: repeated passages raise no score, answers past about
five spoken minutes are marked down, and a pasted document is cut before it is analysed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from loopprep.feedback.analysis import Analysis, Flag
from loopprep.text.sentences import split_sentences

__all__ = ["LONG_WORDS", "MAX_CHARS", "bounded"]

#: About five spoken minutes at 150 words a minute.
LONG_WORDS = 750
#: Points taken off per 250 words past LONG_WORDS, at most LONG_PENALTY_MAX.
LONG_PENALTY_PER_250 = 1.0
LONG_PENALTY_MAX = 3.0
#: A text longer than this (about 25 spoken minutes) is analysed on its first part only.
MAX_CHARS = 20_000
#: A repeated sentence counts only when it has at least this many words.
REPEAT_MIN_WORDS = 4

_NORM = re.compile(r"[^a-z0-9]+")


def _repeats(answer: str) -> tuple[str, tuple[int, int] | None, int]:
    """The answer with each repeated sentence kept once, the first repeat's span, and how
    many sentences were repeats."""
    seen: set[str] = set()
    kept: list[str] = []
    first: tuple[int, int] | None = None
    count = 0
    for span in split_sentences(answer):
        key = _NORM.sub(" ", span.text.lower()).strip()
        if len(key.split()) >= REPEAT_MIN_WORDS and key in seen:
            count += 1
            first = first or (span.start, span.end)
            continue
        seen.add(key)
        kept.append(span.text)
    return " ".join(kept), first, count


def bounded(core: Callable[..., Analysis], answer: str, **kwargs: Any) -> Analysis:
    """``core(answer, **kwargs)`` under the bounds above."""
    cut = len(answer) > MAX_CHARS
    text = answer[:MAX_CHARS] if cut else answer
    result = core(text, **kwargs)
    flags = list(result.flags)
    scores = dict(result.scores)
    overall = result.overall
    deduped, first, count = _repeats(text)
    if count and first is not None:
        once = core(deduped, **kwargs)
        scores = {k: min(v, once.scores.get(k, v)) for k, v in scores.items()}
        overall = min(overall, once.overall)
        flags.append(Flag("REPEATED", f"{count} sentence(s) repeat earlier ones; repeats earn "
                          "nothing.", *first, "delivery", "warning",
                          "Say each point once."))
    words = int(result.stats.get("words", 0))
    if words > LONG_WORDS:
        penalty = min(LONG_PENALTY_MAX, LONG_PENALTY_PER_250 * (words - LONG_WORDS) / 250)
        overall = max(0.0, overall - penalty)
    if cut:
        flags.append(Flag("TRUNCATED", f"Only the first {MAX_CHARS} characters were analysed.",
                          0, len(text), "delivery", "warning",
                          "Give one story of a few minutes."))
    if not (count or cut or words > LONG_WORDS):
        return result
    stats = {**result.stats, "repeated_sentences": count, "truncated": cut}
    return dataclasses.replace(result, answer=answer, flags=flags, scores=scores,
                               overall=round(overall, 2), stats=stats)
