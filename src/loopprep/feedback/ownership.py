"""Ownership: whose actions the answer describes, "I" or "we".

The interviewer assesses the candidate, not the team: actions told with "we" hide what
the candidate personally did, so they count against ownership.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PAST_VERB", "Ownership", "measure_ownership"]

_I = re.compile(r"\b(?:i|me|myself|i'm|i've|i'd|i'll)\b", re.I)
_I_SUBJECT = re.compile(r"\bi\b(?:['’](?:ve|d|ll|m))?", re.I)
_WE = re.compile(r"\b(?:we|us|ourselves|we've|we'd|we'll|we're)\b", re.I)
# "my" / "our" say whose thing it is, not who acted: they count a quarter.
_MY = re.compile(r"\b(?:my|mine)\b", re.I)
_OUR = re.compile(r"\b(?:our|ours)\b", re.I)
_WE_SUBJECT = re.compile(r"\bwe\b(?:['’](?:ve|d|ll|re))?", re.I)
# A past-tense verb: regular "-ed" forms and the irregular verbs stories use most.
PAST_VERB = (
    r"(?:\w{2,}ed|built|wrote|made|took|ran|met|led|sent|told|found|gave|went|chose|"
    r"brought|spoke|kept|spent|set|put|cut|sat|began|drove|held|bought|did|got|rebuilt|"
    r"rewrote|redrew|taught|caught|sold|paid|won|lost|stood|understood|became|saw|knew|"
    r"thought|felt|left|grew|fell|rose)"
)
# "I" followed by a past-tense verb: an action the candidate took personally.
_DECISION = re.compile(rf"\bi (?:\w+ly )?{PAST_VERB}\b", re.I)


@dataclass(frozen=True, slots=True)
class Ownership:
    i_count: float  # weighted: action sentences count double
    we_count: float
    share: float  # i / (i + we); 0.0 when neither is used
    decisions: int  # actions told as "I <past verb>"
    we_actions: list[tuple[int, int]]  # the "we" of action sentences with no "I"


def measure_ownership(text: str, sentences: Sequence[tuple[int, int, str]]) -> Ownership:
    """``sentences`` are ``(start, end, star_label)`` spans of ``text``."""
    i_count = we_count = 0.0
    we_actions: list[tuple[int, int]] = []
    decisions = 0
    for start, end, label in sentences:
        if label == "other":
            continue
        piece = text[start:end]
        weight = 2.0 if label == "action" else 1.0
        n_i = len(_I.findall(piece)) + 0.25 * len(_MY.findall(piece))
        n_we = len(_WE.findall(piece)) + 0.25 * len(_OUR.findall(piece))
        i_count += weight * n_i
        we_count += weight * n_we
        decisions += len(_DECISION.findall(piece))
        if label == "action" and not _I_SUBJECT.search(piece):
            m = _WE_SUBJECT.search(piece)
            if m:
                we_actions.append((start + m.start(), start + m.end()))
    total = i_count + we_count
    return Ownership(
        i_count=i_count,
        we_count=we_count,
        share=i_count / total if total else 0.0,
        decisions=decisions,
        we_actions=we_actions,
    )
