"""Feedback on one answer to one question, the same for `loopprep analyze`, the web app's
answer page and practice: the principles the question probes (the ones the caller knows,
or the classifier's reading of the question), then `loopprep.feedback.analyze_answer`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loopprep.feedback import Analysis
    from loopprep.model import Framework

__all__ = ["Analyzer", "feedback_on", "question_principles"]

#: Something that analyses an answer like `analyze_answer` (tests may pass their own).
Analyzer = Callable[..., "Analysis"]


def question_principles(question: str | None, framework: Framework) -> dict[str, float] | None:
    """Slug -> score of every principle the classifier reads in ``question``, or None when
    there is no question or the classifier cannot read it (relevance then rests on wording)."""
    if not question or not question.strip():
        return None
    from loopprep.classify import classify

    ranking = classify([question], framework)[0]
    if ranking.warning is not None:
        return None
    return {str(slug): score for slug, score in ranking.principles}


def _ranked(principles: Sequence[str]) -> dict[str, float] | None:
    """Known principles, primary first, as scores the way the classifier would give them."""
    return {slug: round(1.0 - 0.3 * rank, 2) for rank, slug in enumerate(principles)} or None


def feedback_on(
    answer: str,
    *,
    question: str | None,
    framework: Framework,
    today: date,
    principles: Sequence[str] | None = None,
    analyzer: Analyzer | None = None,
) -> Analysis:
    """Analyse ``answer`` to ``question``. ``principles`` (primary first) are the question's
    own when the caller knows them, as practice does; otherwise the classifier reads them."""
    if analyzer is None:
        from loopprep.feedback import analyze_answer

        analyzer = analyze_answer
    known = principles is not None
    scores = _ranked(principles or ()) if known else question_principles(question, framework)
    return analyzer(answer, question=question, principle_scores=scores, today=today)
