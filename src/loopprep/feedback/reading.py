"""The answer read once: its sentences labelled with STAR parts and every measurement the
flag rules and the scores rest on (structure, numbers, ownership, delivery, recency,
relevance). Reading is pure: the same answer, question and day give the same reading.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from loopprep.feedback.analysis import LabelledSentence
from loopprep.feedback.delivery import measure_delivery
from loopprep.feedback.ownership import PAST_VERB, measure_ownership
from loopprep.feedback.recency import measure_recency
from loopprep.feedback.relevance import measure_relevance
from loopprep.feedback.score import Measurements, measure_substance
from loopprep.feedback.star import LABELS, StarLabeller, default_labeller
from loopprep.feedback.structure import measure_structure
from loopprep.feedback.vagueness import concrete_terms, find_vague
from loopprep.text.quantities import find_quantities
from loopprep.text.sentences import split_sentences

__all__ = ["Reading", "Span", "read_answer", "sentences_span"]

Span = tuple[int, int]

_HYPOTHETICAL = re.compile(
    r"\b(?:i would|i'd|i will|i'll|i usually|i always|i normally|i tend to|i try to)\b", re.I
)

# Outcomes that can be checked even without a number.
_OUTCOME = re.compile(
    r"\b(?:launched|shipped|went live|signed|renewed|won|promoted|adopted|approved|"
    r"accepted|passed|funded|hired|closed|resolved|fixed|stopped|zero|no longer|"
    r"never (?:again|came back|failed)|rolled out|on time|ahead of schedule|under budget|"
    r"within budget|increased|decreased|reduced|doubled|halved|dropped|fell|rose|grew|"
    r"cut|saved)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one answer says, measured; ``m`` is what the scores are computed from."""

    answer: str
    m: Measurements
    vague: Sequence[Span]  # claims with nothing concrete behind them
    hypothetical_at: Span | None  # the first "I would ..." of an answer that is all future
    result_spans: Sequence[Span]

    @property
    def sentences(self) -> Sequence[LabelledSentence]:
        return self.m.sentences

    @property
    def whole(self) -> Span:
        if self.sentences:
            return self.sentences[0].start, self.sentences[-1].end
        return 0, len(self.answer)

    @property
    def first(self) -> Span:
        return (self.sentences[0].start, self.sentences[0].end) if self.sentences else self.whole

    @property
    def last(self) -> Span:
        return (self.sentences[-1].start, self.sentences[-1].end) if self.sentences else self.whole


def sentences_span(sentences: Sequence[LabelledSentence], labels: set[str]) -> Span | None:
    """From the first to the last sentence labelled with one of ``labels``, if any is."""
    chosen = [s for s in sentences if s.star in labels]
    if not chosen:
        return None
    return chosen[0].start, chosen[-1].end


def _inside(spans: Sequence[Span], pos: int) -> bool:
    """Whether ``pos`` falls in one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1 if spans else -1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _labelled(answer: str, labeller: StarLabeller) -> list[LabelledSentence]:
    spans = split_sentences(answer)
    stars, post = labeller.label_with_posteriors([s.text for s in spans])
    k_result = LABELS.index("result")
    return [
        LabelledSentence(s.start, s.end, s.text, star, float(post[i, LABELS.index(star)]),
                         float(post[i, k_result]))
        for i, (s, star) in enumerate(zip(spans, stars, strict=True))
    ]


def _hypothetical(answer: str, sentences: Sequence[LabelledSentence]) -> Span | None:
    """The first "I would" of an answer none of whose actions is told in the past tense."""
    first = _HYPOTHETICAL.search(answer)
    if first is None:
        return None
    past = re.compile(rf"\b(?:i|we) {PAST_VERB}\b", re.I)
    if any(past.search(s.text) for s in sentences if s.star == "action"):
        return None
    return first.start(), first.end()


def read_answer(
    answer: str,
    *,
    question: str | None,
    principle_scores: Mapping[str, float] | None,
    story_date: date | None,
    today: date,
    labeller: StarLabeller | None,
) -> Reading:
    """Label ``answer`` and take every measurement of it once."""
    sentences = _labelled(answer, labeller or default_labeller())
    delivery = measure_delivery(answer)
    quantities = find_quantities(answer)
    result_spans = [(s.start, s.end) for s in sentences if s.star == "result"]
    result_q = sum(1 for q in quantities if _inside(result_spans, q.start))
    concrete_result = result_q > 0 or any(
        _OUTCOME.search(s.text) for s in sentences if s.star == "result"
    )
    vague = find_vague(answer, [(s.start, s.end) for s in sentences], quantities)
    hypothetical_at = _hypothetical(answer, sentences)
    m = Measurements(
        sentences=sentences,
        structure=measure_structure(sentences, concrete_result=concrete_result),
        ownership=measure_ownership(answer, [(s.start, s.end, s.star) for s in sentences]),
        delivery=delivery,
        quantities=quantities,
        result_quantities=result_q,
        concrete=concrete_terms(answer),
        vague=len(vague),
        relevance=measure_relevance(answer, question=question, principle_scores=principle_scores),
        recency=measure_recency(answer, today=today, story_date=story_date),
        hypothetical=hypothetical_at is not None,
        substance=measure_substance(answer, sentences, delivery),
    )
    return Reading(answer, m, vague, hypothetical_at, result_spans)
