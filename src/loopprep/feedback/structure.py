"""STAR structure: which parts are present and how the answer's words are shared out.

Most of an answer's time belongs to the actions; a long set-up and a missing or thin
result are the commonest structural faults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from loopprep.feedback.analysis import LabelledSentence
from loopprep.feedback.delivery import word_count
from loopprep.feedback.star import LABELS, StarLabel

__all__ = ["Structure", "measure_structure"]

ACTION_SHARE_MIN = 0.35
CONTEXT_SHARE_MAX = 0.45


@dataclass(frozen=True)
class Structure:
    words: dict[StarLabel, int]
    shares: dict[StarLabel, float]  # of the non-"other" words
    result_strength: float  # 0..1: how clearly a result is stated
    score: float  # 0..1

    def present(self, label: StarLabel) -> bool:
        return self.words[label] > 0


def _saturate(x: float, full: float) -> float:
    return min(1.0, x / full) if full > 0 else 0.0


def measure_structure(
    sentences: Sequence[LabelledSentence], *, concrete_result: bool = True
) -> Structure:
    """Word shares and a 0..1 score; a result with no concrete outcome counts half."""
    words: dict[StarLabel, int] = {lab: 0 for lab in LABELS}
    result_conf = best_p_result = 0.0
    for s in sentences:
        words[s.star] += word_count(s.text)
        best_p_result = max(best_p_result, s.p_result)
        if s.star == "result":
            result_conf = max(result_conf, s.confidence)
    story = sum(v for k, v in words.items() if k != "other")
    shares: dict[StarLabel, float] = {lab: (words[lab] / story if story else 0.0) for lab in LABELS}
    # How clearly some sentence reads as an outcome (even one labelled otherwise), and
    # how much of the answer states the result.
    stated = (0.4 + 0.6 * result_conf) * _saturate(words["result"], 25) ** 0.5
    if not concrete_result:
        stated *= 0.5
    result_strength = 0.3 * best_p_result + 0.7 * stated
    context = shares["situation"] + shares["task"]
    # Actions against the set-up alone, so that dropping the result never raises the score.
    setup_and_action = words["situation"] + words["task"] + words["action"]
    action_vs_setup = words["action"] / setup_and_action if setup_and_action else 0.0
    action_q = _saturate(action_vs_setup, 0.5)
    balance = 1.0 - min(1.0, 2.0 * max(0.0, context - CONTEXT_SHARE_MAX))
    score = (
        0.15 * _saturate(words["situation"], 12)
        + 0.10 * _saturate(words["task"], 8)
        + 0.35 * action_q
        + 0.30 * result_strength
        + 0.10 * balance
    )
    return Structure(words, shares, result_strength, score)
