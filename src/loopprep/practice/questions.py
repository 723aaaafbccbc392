"""Where practice gets its questions and follow-up probes: every active question in the
store (the shipped bank, loaded once per version, the notes' questions and the user's own)
whose primary principle is in the framework, and `data/probes.toml`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from loopprep.model import Question

if TYPE_CHECKING:
    from loopprep.workspace import Workspace


@dataclass(frozen=True)
class Probes:
    """Follow-up probes: by principle, and by what an answer lacks (gap code)."""

    by_principle: dict[str, tuple[str, ...]]
    by_gap: dict[str, tuple[str, ...]]


def practice_questions(bank: Workspace, *, now: datetime) -> tuple[Question, ...]:
    """The questions practice can ask; `principles[0]` is the primary principle. A question
    from the notes (or added) under no principle of the framework is asked under the
    classifier's guess, unless the text gives it nothing to go on."""
    from loopprep.classify.guesses import with_guesses
    from loopprep.questions import sync_question_bank
    from loopprep.store import questions as question_rows

    sync_question_bank(bank, now=now)
    known = set(bank.framework.slugs)
    return tuple(q for q in with_guesses(bank, question_rows.list_questions(bank.store))
                 if q.principles and q.principles[0] in known)


@lru_cache(maxsize=1)
def probes() -> Probes:
    text = resources.files("loopprep").joinpath("data", "probes.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    principle = raw.get("principle", {})
    gap = raw.get("gap", {})
    return Probes(
        {slug: tuple(table["probes"]) for slug, table in principle.items()},
        {code: tuple(table["probes"]) for code, table in gap.items()},
    )
