"""Answer feedback: STAR labelling, checks (metrics, ownership, delivery, recency,
relevance) and honest 0-10 scores, every remark tied to a span of the answer.

Names are imported on first use, so ``import loopprep.feedback`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loopprep.feedback.analysis import Analysis, Flag, LabelledSentence
    from loopprep.feedback.analyze import analyze_answer
    from loopprep.feedback.report import report_text
    from loopprep.feedback.star import StarLabeller, default_labeller, label_sentences

__all__ = [
    "Analysis",
    "Flag",
    "LabelledSentence",
    "StarLabeller",
    "analyze_answer",
    "default_labeller",
    "label_sentences",
    "report_text",
]

_HOMES = {
    "Analysis": "analysis",
    "Flag": "analysis",
    "LabelledSentence": "analysis",
    "analyze_answer": "analyze",
    "report_text": "report",
    "StarLabeller": "star",
    "default_labeller": "star",
    "label_sentences": "star",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"loopprep.feedback.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'loopprep.feedback' has no attribute {name!r}")
