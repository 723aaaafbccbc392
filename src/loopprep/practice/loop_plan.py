"""A mock loop's questions, planned when the session starts: one per principle of each
interviewer, the bar raiser last."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopprep.errors import PracticeError
from loopprep.practice.questions import practice_questions
from loopprep.practice.selection import Selector
from loopprep.reviews.schedule import Policy

if TYPE_CHECKING:
    from loopprep.workspace import Workspace


def plan_loop(bank: Workspace, loop_file: Path | None, seed: str, now: datetime,
               policy: Policy) -> list[dict[str, Any]]:
    """One question per principle of each interviewer, the bar raiser last."""
    from loopprep.plan.loops import default_loop, load_loop

    loop = (load_loop(loop_file, bank.framework) if loop_file
            else default_loop(bank.framework))
    selector = Selector(bank.store, bank.framework, bank.stories(),
                        questions=practice_questions(bank, now=now), policy=policy)
    rng = random.Random(f"{seed}:loop")
    asked: set[tuple[str, str]] = set()
    plan = []
    for person in sorted(loop.interviewers, key=lambda p: p.bar_raiser):  # bar raiser last
        for slug in person.principles:
            item = selector.for_principle(slug, rng, asked, person.name, now)
            if item is None:
                continue
            asked.add((item.kind, item.ref))
            plan.append({"interviewer": person.name, "bar_raiser": person.bar_raiser,
                         "principle": slug, "ref": item.ref})
    if not plan:
        raise PracticeError("no questions for the loop's principles in this framework")
    return plan
