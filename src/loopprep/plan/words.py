"""The plan in a candidate's words: why a story goes in a slot, in one plain sentence, with
no scores. `SlotPlan.why` keeps the figures for `--json` and for tuning.
"""

from __future__ import annotations

from loopprep.plan.fit import Fit, Strength
from loopprep.plan.planner import LoopPlan, SlotPlan


def missing(strength: Strength) -> list[str]:
    """What to do to the story before telling it, in words."""
    out = []
    left = 4 - strength.star_parts
    if left == 4:
        out.append("write it out as situation, task, action and result")
    elif left > 0:
        out.append(f"write its {left} missing STAR part{'s' * (left != 1)}")
    elif not strength.has_result:
        out.append("say how it ended")
    if not strength.has_metric:
        out.append("add a number")
    if strength.year is None:
        out.append("say when it happened")
    return out


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _readiness(strength: Strength) -> str:
    lacking = missing(strength)
    if not lacking:
        return "and it is fully told, with a result and a number"
    return "; before you tell it, " + _joined(lacking)


def story_sentence(title: str, fit: Fit, principle_name: str, *, bar_raiser: bool = False) -> str:
    """One sentence: why this story goes here."""
    if fit.linked:
        why = f"{title} is filed under {principle_name} in your notes"
        if bar_raiser:
            why += ", and the bar raiser gets your strongest stories"
    else:
        close = fit.similarity.why
        why = (f"{title} is not filed under {principle_name} but reads close to it"
               + (f" ({close})" if close and "cosine" not in close and "%" not in close else "")
               + f" — check that it shows {principle_name}, then file it there")
    ready = _readiness(fit.strength)
    return why + (" " + ready if ready.startswith("and") else ready) + "."


def slot_sentence(plan: LoopPlan, slot: SlotPlan) -> str:
    """Why the slot's primary story goes there, or what to do when it has none."""
    if slot.primary is None:
        return f"No story of yours is left for {slot.principle_name}: develop one next."
    title = plan.story_by_id[slot.primary.story_id].title
    return story_sentence(title, slot.primary, slot.principle_name, bar_raiser=slot.bar_raiser)
