"""Relevance: does the answer show what the question probes?

What the question asks is read from two places: its principle (the classifier's scores
for the question) and its specific ask in its own words (a failure needs the failure and
the lesson; a disagreement needs the disagreement and the commit; a customer question
needs a customer). What the answer tells is read from its evidence phrases for each
principle and, when the caller passes them, the classifier's scores for the answer itself.
The two are set against each other (`principle_fit`); an answer that fits neither the
principle nor the ask is off topic, and the words of the question it misses are kept as
character offsets into the question.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = [
    "OFF_TOPIC_BELOW",
    "AskCheck",
    "Relevance",
    "ask_checks",
    "ask_spans",
    "detect_asks",
    "fit_features",
    "overall_factor",
    "principle_fit",
    "measure_relevance",
    "principle_evidence",
    "principles_from_wording",
    "topical_overlap",
]

_STOP = frozenset(
    """a an the about time times tell me you your describe give example when where what which
    how why who did do does have had has was were is are be been being to of in on for with
    at by from that this it its as or and but if so than then there their they them we our
    us i my mine can could would should will shall may might must share talk walk through
    situation occasion experience instance moment some any one ever most more recent last
    had something someone yourself""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Need:
    code: str
    patterns: tuple[re.Pattern[str], ...]
    message: str
    fix: str


@dataclass(frozen=True)
class Ask:
    name: str
    question: tuple[re.Pattern[str], ...]
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class Evidence:
    principles: dict[str, tuple[re.Pattern[str], ...]]
    principle_questions: dict[str, tuple[re.Pattern[str], ...]]
    asks: tuple[Ask, ...]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


@functools.cache
def evidence() -> Evidence:
    """The shipped evidence patterns (``loopprep/data/answer_evidence.toml``)."""
    raw = resources.files("loopprep").joinpath("data", "answer_evidence.toml").read_bytes()
    data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    principles = {slug: _compile(v["evidence"]) for slug, v in data["principles"].items()}
    questions = {slug: _compile(v["question"]) for slug, v in data["principles"].items()}
    asks = tuple(
        Ask(
            name=name,
            question=_compile(v["question"]),
            needs=tuple(
                Need(n["code"], _compile(n["evidence"]), n["message"], n["fix"]) for n in v["needs"]
            ),
        )
        for name, v in data["asks"].items()
    )
    return Evidence(principles, questions, asks)


#: The principle fit is a logistic model of three features (see `fit_features`), fitted on
#: other authors' answers paired with fitting and unrelated questions (the "tune" split of
#: bench/bench_relevance.py, printed by its ``--fit``): with the classifier's reading of
#: the answer, and from the evidence phrases alone when there is none.
FIT_WITH_CLASSIFIER = (1.54, 0.51, 1.50, 0.35)  # bias, log agreement, evidence, asks
FIT_EVIDENCE_ONLY = (-0.24, 0.0, 2.58, 0.08)
#: Added to the classifier's agreement before its log is taken.
AGREEMENT_FLOOR = 1e-4
#: Below this fit the answer is off topic; below ASK_MISSED_BELOW too when it meets none of
#: the question's specific asks (chosen on the tune split: 18 % of fitting pairs and 52 % of
#: unrelated ones are flagged there).
OFF_TOPIC_BELOW = 0.35
ASK_MISSED_BELOW = 0.45
#: Below this fit the overall mark is scaled down, linearly to 1 - FIT_PENALTY at a fit of
#: 0 (chosen on the tune split: the mean drop from fitting to unrelated questions rose from
#: 1.26 to 2.09 points, fitting pairs rated "good" fell from 82 to 79 %).
FIT_FULL_MARKS = 0.55
FIT_PENALTY = 0.7


@dataclass(frozen=True)
class AskCheck:
    ask: str
    code: str
    met: bool
    message: str
    fix: str
    #: offsets into the question of the words that ask for it
    question_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Relevance:
    score: float  # 0..1
    basis: list[str]  # which checks the score rests on
    asks: list[AskCheck] = field(default_factory=list)
    principles: dict[str, float] = field(default_factory=dict)  # slug -> evidence 0..1
    weak_principle: str | None = None
    overlap: float | None = None
    fit: float | None = None  # 0..1: how well the answer fits the question's principles
    off_topic: bool = False
    #: offsets into the question of the words the answer does not address
    missed: tuple[tuple[int, int], ...] = ()
    question: str = ""


def ask_spans(question: str) -> list[tuple[Ask, tuple[tuple[int, int], ...]]]:
    """The asks of a question, each with the spans of the question's words that ask it."""
    out = []
    for ask in evidence().asks:
        spans = {_word_span(question, m.start(), m.end())
                 for p in ask.question for m in p.finditer(question)}
        if spans:
            out.append((ask, tuple(sorted(spans))))
    return out


def detect_asks(question: str) -> list[Ask]:
    return [ask for ask, _ in ask_spans(question)]


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to whole words."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def principles_from_wording(question: str) -> dict[str, float]:
    """A crude stand-in for the classifier: principles whose cue words the question uses."""
    hits = {
        slug: float(sum(1 for p in patterns if p.search(question)))
        for slug, patterns in evidence().principle_questions.items()
    }
    return {slug: v for slug, v in hits.items() if v > 0}


def principle_evidence(slug: str, text: str) -> float:
    """0..1: how many of the principle's evidence patterns the text shows (3 = full)."""
    patterns = evidence().principles.get(slug, ())
    hits = sum(1 for p in patterns if p.search(text))
    return min(1.0, hits / 3.0)


def _stems(text: str) -> set[str]:
    return {w[:4] for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def topical_overlap(question: str, answer: str) -> float:
    """Share of the question's content words (crudely stemmed) that the answer uses."""
    q = _stems(question)
    return len(q & _stems(answer)) / len(q) if q else 0.0


def _normalised(scores: Mapping[str, float]) -> dict[str, float]:
    total = sum(max(0.0, v) for v in scores.values())
    return {s: max(0.0, v) / total for s, v in scores.items()} if total > 0 else {}


def fit_features(answer: str, probed: Mapping[str, float],
                 answer_principles: Mapping[str, float] | None,
                 checks: Sequence[AskCheck] = ()) -> tuple[float, float, float]:
    """(the log of the agreement of the classifier's reading of the answer with the
    question's principles, or 0 without one; the answer's evidence for the question's principles above its
    evidence for principles in general; the share of the question's asks the answer meets,
    less a half, or 0 when the question has no specific ask)."""
    q = _normalised(probed)
    shown = {slug: principle_evidence(slug, answer) for slug in evidence().principles}
    mean = sum(shown.values()) / len(shown)
    lead = sum(v * (shown.get(s, mean) - mean) for s, v in q.items())
    agree = 0.0
    if answer_principles:
        a = _normalised(answer_principles)
        # on a log scale: agreement runs from 1e-4 to 0.9, and its lowest decades are
        # where unrelated questions sit (tune split: fit AUC 0.75 against 0.71 unlogged)
        agree = math.log(sum(v * a.get(s, 0.0) for s, v in q.items()) + AGREEMENT_FLOOR)
    met = sum(c.met for c in checks) / len(checks) - 0.5 if checks else 0.0
    return agree, lead, met


def principle_fit(answer: str, probed: Mapping[str, float],
                  answer_principles: Mapping[str, float] | None = None,
                  checks: Sequence[AskCheck] = ()) -> float:
    """0..1: how likely the answer is a story for the question's principles and asks."""
    x = fit_features(answer, probed, answer_principles, checks)
    b = FIT_WITH_CLASSIFIER if answer_principles else FIT_EVIDENCE_ONLY
    return 1.0 / (1.0 + math.exp(-(b[0] + sum(w * v for w, v in zip(b[1:], x, strict=True)))))


def overall_factor(relevance: Relevance) -> float:
    """What the overall mark is multiplied by for how well the answer fits the question's
    principles: 1 from a fit of `FIT_FULL_MARKS` up (or without a fit), 1 - `FIT_PENALTY`
    at a fit of 0."""
    if relevance.fit is None:
        return 1.0
    return 1.0 - FIT_PENALTY * max(0.0, FIT_FULL_MARKS - relevance.fit) / FIT_FULL_MARKS


def ask_checks(question: str, answer: str) -> list[AskCheck]:
    """Every need of every ask of the question, and whether the answer meets it."""
    checks = []
    for ask, spans in ask_spans(question):
        for need in ask.needs:
            met = any(p.search(answer) for p in need.patterns)
            checks.append(AskCheck(ask.name, need.code, met, need.message, need.fix, spans))
    return checks


def _principle_spans(question: str, slug: str) -> list[tuple[int, int]]:
    spans = []
    for p in evidence().principle_questions.get(slug, ()):
        for m in p.finditer(question):
            spans.append(_word_span(question, m.start(), m.end()))
    return spans


def _missed(question: str, checks: Sequence[AskCheck], top: str | None) -> tuple[
        tuple[int, int], ...]:
    """The question's words an off-topic answer misses: the asks, else the principle's cue
    words, else the whole question."""
    spans = {span for c in checks if not c.met for span in c.question_spans}
    if not spans and top:
        spans = set(_principle_spans(question, top))
    if not spans:
        stripped = question.strip()
        start = question.find(stripped) if stripped else 0
        spans = {(start, start + len(stripped))}
    return tuple(sorted(spans))


def measure_relevance(
    answer: str,
    *,
    question: str | None,
    principle_scores: Mapping[str, float] | None,
    answer_principles: Mapping[str, float] | None = None,
) -> Relevance:
    """How well the answer addresses the question. ``principle_scores`` are the question's
    principles (classifier scores); ``answer_principles``, when given, the classifier's
    scores for the answer's own text."""
    parts: list[tuple[float, float]] = []  # (weight, value)
    basis: list[str] = []
    checks = ask_checks(question, answer) if question else []
    if checks:
        parts.append((0.1, sum(c.met for c in checks) / len(checks)))
        basis.append("ask")
    shown: dict[str, float] = {}
    weak: str | None = None
    fit: float | None = None
    top: str | None = None
    from_wording = False
    if not principle_scores and question:
        principle_scores = principles_from_wording(question)
        from_wording = True
    if principle_scores:
        ranked = sorted(principle_scores.items(), key=lambda kv: -kv[1])
        probed = dict((s, v) for s, v in ranked[:3] if v > 0)
        if probed:
            top = ranked[0][0]
            shown = {slug: principle_evidence(slug, answer) for slug in probed}
            fit = principle_fit(answer, probed, None if from_wording else answer_principles,
                                checks)
            parts.append((0.8, fit))
            basis.append("principle-from-wording" if from_wording else "principle")
            if answer_principles and not from_wording:
                basis.append("answer-principles")
            # Only an answer that lacks the principle's evidence, and reads as another
            # principle's story, is told it shows little of it.
            if fit < ASK_MISSED_BELOW and shown[top] < 0.34:
                weak = top
    overlap: float | None = None
    if question:
        overlap = topical_overlap(question, answer)
        parts.append((0.1, min(1.0, 0.35 + 1.3 * overlap)))
        basis.append("wording")
    if not parts:
        return Relevance(0.6, ["none"])
    weight = sum(w for w, _ in parts)
    score = sum(w * v for w, v in parts) / weight
    missed_asks = bool(checks) and not any(c.met for c in checks)
    off_topic = bool(question) and fit is not None and (
        fit < OFF_TOPIC_BELOW or (missed_asks and fit < ASK_MISSED_BELOW))
    missed = _missed(question or "", checks, top) if off_topic else ()
    return Relevance(score, basis, checks, shown, weak, overlap, fit, off_topic, missed,
                     question or "")
