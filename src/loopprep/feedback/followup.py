"""The mark of an answer to a follow-up probe: is there an answer, does it give what the
probe asked for (a number to "how was that measured", the options to "what else did you
weigh", the lesson to "what would you do differently", the question's own ask), is it told
as "I", and is it specific? A follow-up answer is short, so it is not held to STAR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loopprep.feedback.relevance import measure_relevance, topical_overlap
from loopprep.feedback.vagueness import concrete_terms
from loopprep.text.quantities import find_quantities

__all__ = ["FollowupMark", "mark_followup"]

#: A follow-up answer of this many words is long enough for full marks on length.
FULL_WORDS = 40
_WORD = re.compile(r"[A-Za-z0-9']+")
_EVASIVE = re.compile(r"\b(?:i don'?t (?:know|remember|recall)|i do not (?:know|remember)|"
                      r"not sure|no idea|can'?t (?:remember|recall|say)|hard to say|"
                      r"i'?d rather not|pass|skip)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:i|my|me)\b", re.I)

# What a probe asks for, read from its wording, and what an answer must then contain.
_ASKS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    ("a number", re.compile(r"\b(?:how (?:much|many|long|often|big|fast)|measured?|"
                            r"what was it before|number|percent|cost|by how)\b", re.I), None),
    ("the options you weighed", re.compile(r"\b(?:other options|what else|alternatives?|"
                                           r"why that one|instead|consider(?:ed)?|weigh)\b", re.I),
     re.compile(r"\b(?:options?|alternatives?|instead|consider\w*|compared|weigh\w*|"
                r"rather than|either|other (?:way|choice|approach)|trade-?offs?|versus|vs)\b",
                re.I)),
    ("what you learned", re.compile(r"\b(?:learn\w*|differently|looking back|today|"
                                    r"next time|again)\b", re.I),
     re.compile(r"\b(?:learn\w*|lesson|realis\w*|realiz\w*|now i|i now|since then|next time|"
                r"would (?:have|do|not)|should have|differently|in hindsight|looking back)\b",
                re.I)),
    ("who was involved", re.compile(r"^\s*who\b|\bwho (?:disagreed|else|was|were|did)\b", re.I),
     re.compile(r"\b(?:he|she|they|him|her|them|manager|lead|director|colleague|customer|"
                r"client|team|engineer|analyst|vp|ceo|cto|boss|peer|owner)\b", re.I)),
)


@dataclass(frozen=True)
class FollowupMark:
    """0-10 for one follow-up answer, and why it is not higher."""

    overall: float
    reasons: tuple[str, ...]


def _asked(probe: str, answer: str) -> list[tuple[str, bool]]:
    """(what the probe asks for, whether the answer gives it) for every ask of the probe."""
    out = []
    for name, asks, needs in _ASKS:
        if asks.search(probe):
            met = bool(find_quantities(answer)) if needs is None else bool(needs.search(answer))
            out.append((name, met))
    rel = measure_relevance(answer, question=probe, principle_scores=None)
    out.extend((check.ask, check.met) for check in rel.asks)
    return out


def mark_followup(answer: str, probe: str) -> FollowupMark:
    """Mark ``answer`` as a reply to ``probe``; an empty answer scores 0."""
    words = len(_WORD.findall(answer))
    if words == 0:
        return FollowupMark(0.0, ("no answer was given",))
    reasons: list[str] = []
    length = min(1.0, words / FULL_WORDS) ** 0.7
    if words < FULL_WORDS // 2:
        reasons.append(f"only {words} word{'s' * (words != 1)}")
    asked = _asked(probe, answer)
    if asked:
        addressed = sum(met for _, met in asked) / len(asked)
        reasons.extend(f"it does not give {name}" for name, met in asked if not met)
    else:
        addressed = min(1.0, 0.5 + 1.5 * topical_overlap(probe, answer))
    specific = min(1.0, (len(find_quantities(answer)) + concrete_terms(answer)) / 2)
    value = length * (0.3 + 0.7 * addressed) * (0.75 + 0.25 * specific)
    if not _FIRST_PERSON.search(answer):
        value *= 0.85
        reasons.append("it does not say what you did")
    if _EVASIVE.search(answer) and words < FULL_WORDS:
        value *= 0.4
        reasons.append("it sidesteps the question")
    return FollowupMark(round(10 * value, 2), tuple(reasons))
