"""Developing a terse story into full STAR: what to ask next, in the order an interviewer
would probe, and why each part matters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from loopprep.model import STAR_PARTS, Framework, Story
from loopprep.text.facts import has_date, has_metric, has_result, metric_spans

if TYPE_CHECKING:
    from loopprep.feedback import Analysis


@dataclass(frozen=True)
class Prompt:
    """One question that would make a story stronger."""

    part: str  # situation | task | action | result | lessons | metrics | date
    question: str
    why: str


def star_prompts(story: Story, framework: Framework | None = None) -> list[Prompt]:
    """The prompts for what the story is still missing, most important first."""
    prompts: list[Prompt] = []
    notes = story.text
    if not story.situation.strip():
        prompts.append(Prompt(
            "situation",
            "Where and when was this, and what was at stake? Two sentences at most.",
            "Interviewers need just enough context to follow; long set-ups eat your two minutes.",
        ))
    if not story.task.strip():
        prompts.append(Prompt(
            "task",
            "What were you, personally, responsible for? What would failure have looked like?",
            "It separates your part from the team's before you describe the actions.",
        ))
    if not story.action.strip():
        angle = ""
        if framework is not None and story.principles:
            principle = framework.get(story.principles[0])
            if principle is not None and principle.probes_for:
                angle = f" For {principle.name}, show {principle.probes_for[0]}."
        prompts.append(Prompt(
            "action",
            "What did you do, step by step, in the first person ('I …')?" + angle,
            "Most of the answer belongs here: the actions are what the interviewer scores.",
        ))
    if not story.result.strip() and not (has_result(notes) and has_metric(notes)):
        prompts.append(Prompt(
            "result",
            "What changed because of what you did? Give the number: %, money, time, people.",
            "An answer without a measurable result reads as unfinished.",
        ))
    if not story.metrics and not has_metric(notes):
        prompts.append(Prompt(
            "metrics",
            "Which one figure proves the result (for example 'late deliveries down 18%')?",
            "A key metric is what the panel remembers and what goes on your cheat sheet.",
        ))
    if not story.date and not has_date(notes):
        prompts.append(Prompt(
            "date",
            "When did this happen (year, or year-month)?",
            "Recent examples weigh more; the date also lets loopprep flag stale stories.",
        ))
    if not story.lessons.strip():
        prompts.append(Prompt(
            "lessons",
            "What did you learn, or what would you do differently next time?",
            "Bar raisers often close with this; having it ready shows reflection.",
        ))
    return prompts


@dataclass(frozen=True)
class DraftReview:
    """What an editor shows while the user types: the draft as it would be saved, what the
    coverage map would still call missing, the prompts left, and where the metrics are."""

    draft: Story
    missing: tuple[str, ...]
    prompts: tuple[Prompt, ...]
    metric_spans: dict[str, list[tuple[int, int]]]  # STAR part -> spans in that part's text
    problems: dict[str, str]  # field -> why saving it would be refused
    answer: str = ""  # the STAR parts told in one go, as in an interview
    feedback: Analysis | None = None  # answer feedback on `answer`, when asked for


def story_answer(story: Story) -> str:
    """The story told in one go, as an interview answer: its STAR parts in order, one
    paragraph each (offsets in feedback on it refer to this text)."""
    return "\n\n".join(part for part in (getattr(story, p).strip() for p in STAR_PARTS) if part)


def review_draft(story: Story, fields: Mapping[str, Any], framework: Framework | None = None,
                 *, today: date, feedback: bool = False) -> DraftReview:
    """Review unsaved edits of `story` (nothing is written); invalid fields are reported in
    `problems` and left as they were, so the rest of the review still helps. With
    `feedback`, the STAR parts told as one answer also get answer feedback."""
    from loopprep.coverage import story_health
    from loopprep.errors import LoopprepError
    from loopprep.stories import check_fields

    clean: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, value in fields.items():
        try:
            clean.update(check_fields({name: value}))
        except LoopprepError as error:
            problems[name] = str(error)
    for name in ("metrics", "tags"):
        if name in clean:
            clean[name] = tuple(clean[name])
    draft = replace(story, **clean)
    spans = {part: metric_spans(getattr(draft, part)) for part in STAR_PARTS}
    answer = story_answer(draft)
    analysis = _story_feedback(answer, today) if feedback and answer else None
    return DraftReview(
        draft=draft,
        missing=story_health(draft, today).missing,
        prompts=tuple(star_prompts(draft, framework)),
        metric_spans={part: found for part, found in spans.items() if found},
        problems=problems,
        answer=answer,
        feedback=analysis,
    )


@lru_cache(maxsize=256)
def _story_feedback(answer: str, today: date) -> Analysis:
    """Answer feedback on a story told in one go; kept per text, since the story page and
    its live review ask again for stories nobody has changed (the analysis is immutable)."""
    from loopprep.feedback import analyze_answer

    return analyze_answer(answer, today=today)
