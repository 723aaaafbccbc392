"""Vague claims: sweeping words ("a lot", "significantly", "everyone") with nothing concrete.

A vague phrase is only flagged in a sentence that offers no quantity to back it up.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from loopprep.text.quantities import Quantity

__all__ = ["concrete_terms", "find_vague"]

_VAGUE = re.compile(
    r"\b(?:a lot(?: of)?|lots of|many|various|numerous|several|some|a bit|a few|things|stuff|"
    r"significantly|significant|greatly|hugely|huge|massive(?:ly)?|tremendous(?:ly)?|"
    r"substantial(?:ly)?|dramatically|considerably|really well|very well|very successful|"
    r"successful|a success|much better|better|improved things|made (?:it|things) better|"
    r"everyone|everybody|all the time|the best|amazing|great|good results|"
    r"positive feedback|went well|worked out|happy|a big impact|an impact|impact)\b",
    re.I,
)
# Words that make a statement checkable: named systems, tools, roles and artefacts.
_CONCRETE = re.compile(
    r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}s?|[A-Z][a-z]+(?= [A-Z][a-z]+))\b|"
    r"\b(?:dashboard|script|checklist|spreadsheet|template|runbook|pipeline|database|"
    r"report|test|prototype|pilot|survey|workshop|interview\w*|logs?|metric|model|api|"
    r"contract|budget|deadline|schedule|rota|plan|proposal|process|review|audit|forecast|"
    r"feature|release|code|query|analysis|data|one-on-ones?|meeting)\b",
)


def find_vague(
    text: str, sentences: Sequence[tuple[int, int]], quantities: Sequence[Quantity]
) -> list[tuple[int, int]]:
    """Vague phrases in sentences that carry no quantity."""
    starts = sorted(q.start for q in quantities)
    out = []
    for start, end in sentences:
        i = bisect.bisect_left(starts, start)
        if i < len(starts) and starts[i] < end:
            continue
        for m in _VAGUE.finditer(text, start, end):
            out.append((m.start(), m.end()))
    return out


def concrete_terms(text: str) -> int:
    """How many concrete, checkable terms the text names (sentence-initial caps excluded)."""
    count = 0
    for m in _CONCRETE.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        sentence_initial = m.start() == 0 or before.endswith((". ", "! ", "? ", "\n"))
        if sentence_initial and not m.group().isupper():
            continue
        count += 1
    return count
