"""Where practice gets its questions and follow-up probes: the shipped question bank
(`data/questions.toml`), the user's own questions from their notes, and `data/probes.toml`.
The one place to swap for the store's `questions` table once the bank is loaded there.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from loopprep.model import PrincipleSlug, Question, QuestionId


@dataclass(frozen=True)
class Probes:
    """Follow-up probes: by principle, and by what an answer lacks (gap code)."""

    by_principle: dict[str, tuple[str, ...]]
    by_gap: dict[str, tuple[str, ...]]


def _data(name: str) -> dict[str, object]:
    text = resources.files("loopprep").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def bank_questions() -> tuple[Question, ...]:
    """Every question of the shipped bank; `principles[0]` is the primary principle."""
    raw = _data("questions.toml").get("question", [])
    assert isinstance(raw, list)
    return tuple(
        Question(QuestionId(q["id"]), q["text"], tuple(PrincipleSlug(p) for p in q["principles"]))
        for q in raw
    )


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Question]:
    return {q.id: q for q in bank_questions()}


def bank_question(question_id: str) -> Question | None:
    return _by_id().get(question_id)


@lru_cache(maxsize=1)
def questions_by_principle() -> dict[str, tuple[Question, ...]]:
    """Bank questions grouped by their primary principle, in bank order."""
    out: dict[str, list[Question]] = {}
    for question in bank_questions():
        if question.principles:
            out.setdefault(question.principles[0], []).append(question)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def probes() -> Probes:
    raw = _data("probes.toml")
    principle = raw.get("principle", {})
    gap = raw.get("gap", {})
    assert isinstance(principle, dict) and isinstance(gap, dict)
    return Probes(
        {slug: tuple(table["probes"]) for slug, table in principle.items()},
        {code: tuple(table["probes"]) for code, table in gap.items()},
    )
