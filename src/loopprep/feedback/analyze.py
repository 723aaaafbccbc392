"""``analyze_answer``: label an answer's sentences, run every check, score it.

The single entry point the CLI and the web app call; it never prints and never raises
on odd input (empty, huge, punctuation only, another language).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from loopprep.feedback.analysis import Analysis
from loopprep.feedback.bounds import bounded
from loopprep.feedback.flag_rules import flags_for
from loopprep.feedback.reading import read_answer
from loopprep.feedback.score import score, summarize, top_fixes
from loopprep.feedback.star import StarLabeller

__all__ = ["analyze_answer"]

#: What is still said about an answer with almost no substance: detail on it is noise.
_NON_ANSWER_FLAGS = ("NOT_AN_ANSWER", "LENGTH_SHORT", "HYPOTHETICAL")


def _analyze_once(
    answer: str,
    *,
    question: str | None = None,
    principle_scores: Mapping[str, float] | None = None,
    story_date: date | None = None,
    today: date,
    labeller: StarLabeller | None = None,
) -> Analysis:
    """`analyze_answer` without its bounds: the answer read once, as it is."""
    reading = read_answer(answer, question=question, principle_scores=principle_scores,
                          story_date=story_date, today=today, labeller=labeller)
    m = reading.m
    flags = flags_for(reading)
    scores, overall = score(m)
    if m.substance.value < 0.15:
        flags = [f for f in flags if f.code in _NON_ANSWER_FLAGS]
    flags.sort(key=lambda f: (f.start, f.end, f.code))
    return Analysis(
        answer=answer,
        question=question,
        sentences=list(m.sentences),
        flags=flags,
        scores=scores,
        overall=overall,
        summary=summarize(scores, overall, m),
        top_fixes=top_fixes(flags, scores),
        stats={
            "words": m.delivery.words,
            "minutes": round(m.delivery.minutes, 2),
            "minutes_range": [round(x, 2) for x in m.delivery.minutes_range],
            "star_shares": {k: round(v, 3) for k, v in m.structure.shares.items()},
            "quantities": [q.text for q in m.quantities],
            "i_share": round(m.ownership.share, 3),
            "years_ago": m.recency.years_ago,
            "relevance_basis": m.relevance.basis,
            "substance": round(m.substance.value, 3),
        },
    )


def analyze_answer(
    answer: str,
    *,
    question: str | None = None,
    principle_scores: Mapping[str, float] | None = None,
    story_date: date | None = None,
    today: date,
    labeller: StarLabeller | None = None,
) -> Analysis:
    """Analyse one answer (typed or transcribed) to one behavioural question.

    ``principle_scores`` is the classifier's output for the question (slug -> score);
    without it, relevance rests on the question's wording. ``story_date`` (when the story
    happened) overrides years found in the text. Scores are 0-10. Repeated passages earn
    nothing, answers past about five spoken minutes lose points, and a pasted document is
    analysed on its first part only (see loopprep.feedback.bounds).
    """
    return bounded(_analyze_once, answer, question=question, principle_scores=principle_scores,
                   story_date=story_date, today=today, labeller=labeller)
