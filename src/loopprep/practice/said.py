"""What an answer said that a follow-up can build on: the decision it named ("I decided to
roll back the release") and the metric it gave ("cut the wait from 40 minutes to 12"),
each as the answer's own words with their offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from loopprep.text.quantities import find_quantities

if TYPE_CHECKING:
    from loopprep.feedback import Analysis

__all__ = ["Said", "named_decision", "named_metric"]

#: A decision told in the first person: the verb and what was decided.
_DECISION = re.compile(
    r"\b(?:i|we)\s+(?P<said>(?:decided|chose|opted|elected|agreed)\s+(?:to|on|that)\s+"
    r"[^.;:!?\n]{3,160}|(?:proposed|recommended|suggested|pushed for|settled on|went with|"
    r"picked|made the call to|took the decision to|made the decision to)\s+[^.;:!?\n]{3,160})",
    re.I,
)
#: Where a decision's clause stops: its reason or the next clause is not part of it.
_CLAUSE_END = re.compile(r",|\s(?:because|so that|so|but|and then|which|while|since|after|"
                         r"before|when|instead of|rather than|even though)\s", re.I)
_WORD = re.compile(r"\S+")
MAX_WORDS = 12  # a quote longer than this is cut to its first words
CONTEXT_WORDS = 6  # words kept either side of a metric, within its clause


@dataclass(frozen=True)
class Said:
    """The words ``answer[start:end]`` that a probe of ``kind`` builds on."""

    kind: Literal["decision", "metric"]
    start: int
    end: int

    def words(self, answer: str) -> str:
        return " ".join(answer[self.start:self.end].split())


def _end_of_words(text: str, start: int, end: int, n: int) -> int:
    """Where the first ``n`` words of ``text[start:end]`` end."""
    words = list(_WORD.finditer(text, start, end))[:n]
    return words[-1].end() if words else start


#: Words a quote does not end on.
_DANGLING = frozenset("and or but so the a an to of in on at for with by from that which".split())


def _clean_end(text: str, start: int, end: int) -> int:
    """``end`` moved back past trailing punctuation and dangling little words."""
    while True:
        while end > start and text[end - 1] in ".!?,;:-–— ":
            end -= 1
        words = list(_WORD.finditer(text, start, end))
        if len(words) > 1 and words[-1].group().lower() in _DANGLING:
            end = words[-1].start()
            continue
        return end


def named_decision(analysis: Analysis) -> Said | None:
    """The first decision the answer names in the first person (at least three words)."""
    answer = analysis.answer or ""
    for m in _DECISION.finditer(answer):
        start, end = m.start("said"), m.end("said")
        stop = _CLAUSE_END.search(answer, start, end)
        end = stop.start() if stop else end
        if len(_WORD.findall(answer, start, end)) >= 3:
            end = _clean_end(answer, start, _end_of_words(answer, start, end, MAX_WORDS))
            return Said("decision", start, end)
    return None


def named_metric(analysis: Analysis) -> Said | None:
    """A number the answer gives (the first in a result sentence, else its first), with the
    words around it in its clause."""
    answer = analysis.answer or ""
    quantities = find_quantities(answer)
    if not quantities:
        return None
    results = [(s.start, s.end) for s in analysis.sentences if s.star == "result"]
    in_result = [q for q in quantities if any(a <= q.start < b for a, b in results)]
    q = (in_result or quantities)[0]
    lo, hi = next(((s.start, s.end) for s in analysis.sentences if s.start <= q.start < s.end),
                  (0, len(answer)))
    lo = max([lo, *(answer.rfind(c, lo, q.start) + 1 for c in ",;:()")])
    hi = min([hi, *(i for i in (answer.find(c, q.end, hi) for c in ",;:()") if i >= 0)])
    before = list(_WORD.finditer(answer, lo, q.start))[-CONTEXT_WORDS:]
    after = list(_WORD.finditer(answer, q.end, hi))[:CONTEXT_WORDS]
    while len(before) > 1 and before[0].group().lower() in _DANGLING:
        before = before[1:]
    start = before[0].start() if before else q.start
    end = after[-1].end() if after else q.end
    return Said("metric", start, _clean_end(answer, start, end))
