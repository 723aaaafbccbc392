"""Relevance: does the answer show what the question probes?

Two checks: the principle (from the classifier's scores for the question, when given)
and the specific ask in the question's wording (a failure needs the failure and the
lesson; a disagreement needs the disagreement and the commit).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = [
    "AskCheck",
    "Relevance",
    "detect_asks",
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


@dataclass(frozen=True)
class AskCheck:
    ask: str
    code: str
    met: bool
    message: str
    fix: str


@dataclass(frozen=True)
class Relevance:
    score: float  # 0..1
    basis: list[str]  # which checks the score rests on
    asks: list[AskCheck] = field(default_factory=list)
    principles: dict[str, float] = field(default_factory=dict)  # slug -> evidence 0..1
    weak_principle: str | None = None
    overlap: float | None = None


def detect_asks(question: str) -> list[Ask]:
    return [a for a in evidence().asks if any(p.search(question) for p in a.question)]


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


def measure_relevance(
    answer: str,
    *,
    question: str | None,
    principle_scores: Mapping[str, float] | None,
) -> Relevance:
    parts: list[tuple[float, float]] = []  # (weight, value)
    basis: list[str] = []
    checks: list[AskCheck] = []
    if question:
        for ask in detect_asks(question):
            for need in ask.needs:
                met = any(p.search(answer) for p in need.patterns)
                checks.append(AskCheck(ask.name, need.code, met, need.message, need.fix))
        if checks:
            parts.append((0.5, sum(c.met for c in checks) / len(checks)))
            basis.append("ask")
    shown: dict[str, float] = {}
    weak: str | None = None
    from_wording = False
    if not principle_scores and question:
        principle_scores = principles_from_wording(question)
        from_wording = True
    if principle_scores:
        ranked = sorted(principle_scores.items(), key=lambda kv: -kv[1])
        top = ranked[0][1]
        probed = [(s, v) for s, v in ranked[:2] if v > 0 and v >= 0.6 * top]
        if probed:
            for slug, _ in probed:
                shown[slug] = principle_evidence(slug, answer)
            if from_wording:  # cue words are ambiguous: showing any probed principle counts
                value = max(shown.values())
            else:
                value = sum(v * shown[s] for s, v in probed) / sum(v for _, v in probed)
            parts.append((0.3, value))
            basis.append("principle-from-wording" if from_wording else "principle")
            if shown[probed[0][0]] < 0.34:
                weak = probed[0][0]
    overlap: float | None = None
    if question:
        overlap = topical_overlap(question, answer)
        # Shared words are weak evidence; weaker still once a principle was checked.
        weight = 0.1 if any(b.startswith("principle") for b in basis) else 0.2
        parts.append((weight, min(1.0, 0.35 + 1.3 * overlap)))
        basis.append("wording")
    if not parts:
        return Relevance(0.6, ["none"])
    weight = sum(w for w, _ in parts)
    score = sum(w * v for w, v in parts) / weight
    return Relevance(score, basis, checks, shown, weak, overlap)
