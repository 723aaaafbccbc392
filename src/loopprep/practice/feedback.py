"""The answer feedback practice shows and stores: `loopprep.feedback.analyze_answer`, given
the question and its principles (primary first), so relevance is judged against them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loopprep.feedback import Analysis

#: Something that analyses an answer like `analyze_answer` (tests may pass their own).
Analyzer = Callable[..., "Analysis"]


def analyze(answer: str, *, question: str, principles: Sequence[str], today: date,
            using: Analyzer | None = None) -> Analysis:
    """Analyse an answer to a question; the question's own principles rank first."""
    if using is None:
        from loopprep.feedback import analyze_answer

        using = analyze_answer
    scores = {slug: round(1.0 - 0.3 * rank, 2) for rank, slug in enumerate(principles)}
    return using(answer, question=question, principle_scores=scores or None, today=today)
