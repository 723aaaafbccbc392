"""Follow-up probes the way a bar raiser asks them: first about what the answer lacks (no
result, all "we", no number ...), then one on what it said (the decision or the metric it
named, in its own words), then one that digs into the principle itself.
"""

from __future__ import annotations

import functools
import random
import re
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING

from loopprep.model.practice import Followup
from loopprep.practice.questions import probes
from loopprep.practice.said import Said, named_decision, named_metric

if TYPE_CHECKING:
    from loopprep.feedback import Analysis

#: Feedback flag codes (loopprep.feedback's, and plain gap names) -> probes.toml gap codes.
GAP_FOR_FLAG: dict[str, str] = {
    "STAR_MISSING_RESULT": "no-result", "MISSING_RESULT": "no-result", "NO_RESULT": "no-result",
    "RESULT_NO_METRIC": "no-metric", "NO_METRIC": "no-metric",
    "OWNERSHIP_WE": "we-not-i", "OWNERSHIP_NO_I": "we-not-i", "WE_NOT_I": "we-not-i",
    "STAR_MISSING_SITUATION": "no-situation", "NO_SITUATION": "no-situation",
    "STAR_MISSING_TASK": "no-task", "NO_TASK": "no-task",
    "STAR_MISSING_ACTION": "no-action", "STAR_ACTION_SHORT": "no-action", "NO_ACTION": "no-action",
    "VAGUE": "vague", "HYPOTHETICAL": "vague", "NOT_AN_ANSWER": "vague",
    "NO_REFLECTION": "no-reflection", "NO_FAILURE": "no-failure",
    "NO_DISAGREEMENT": "no-disagreement",
    "LENGTH_LONG": "too-long", "STAR_CONTEXT_LONG": "too-long", "TOO_LONG": "too-long",
    "RECENCY_OLD": "old-story", "RECENCY_STALE": "old-story", "RECENCY_UNDATED": "old-story",
    "OLD_STORY": "old-story",
}

#: Which gap an interviewer chases first: an answer with no outcome is the worst hole.
GAP_ORDER = ("no-result", "we-not-i", "no-action", "vague", "no-metric", "no-situation",
             "no-task", "no-failure", "no-disagreement", "too-long", "old-story", "no-reflection")

GAP_REASONS = {
    "no-result": "the answer did not say how it ended",
    "no-metric": "the answer gave no number",
    "we-not-i": "the answer said \"we\" more than \"I\"",
    "no-situation": "the answer gave little context",
    "no-task": "the answer did not say what you were responsible for",
    "no-action": "the answer said little about what you did",
    "vague": "the answer stayed general",
    "no-reflection": "the answer did not say what you learned",
    "no-failure": "the question asked for a failure",
    "no-disagreement": "the question asked about disagreement",
    "too-long": "the answer ran long",
    "old-story": "the story is old",
}


def gap_code(flag_code: str) -> str | None:
    """The probes.toml gap code for a feedback flag code, if the flag is about a gap."""
    code = flag_code.strip()
    if code.lower() in GAP_REASONS:
        return code.lower()
    return GAP_FOR_FLAG.get(code.upper().replace("-", "_"))


#: A reflection score below this (0-10) counts as "no reflection" when no flag says more.
NO_REFLECTION_BELOW = 2.0


_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|twenty|thirty|forty|fifty|hundred|thousand|million|half|"
                     r"percent|double[sd]?|tripled|halved)\b", re.I)
_RESPONSIBLE = re.compile(r"\b(?:i (?:owned|own|led|was (?:responsible|accountable|in charge|"
                          r"asked|tasked)|had to|needed to|took (?:on|over|ownership))|"
                          r"my (?:job|task|role|responsibility|goal|remit))\b", re.I)
_ASKS_FAILURE = re.compile(r"\b(?:fail\w*|mistake\w*|wrong|missed|setback|regret\w*)\b", re.I)
_TELLS_FAILURE = re.compile(r"\b(?:fail\w*|mistake\w*|wrong|missed|my fault|error|"
                            r"misjudg\w*|underestimat\w*|slipped|broke|late)\b", re.I)
_ASKS_CONFLICT = re.compile(r"\b(?:disagree\w*|conflict\w*|push(?:ed)? back|challeng\w* "
                            r"(?:a|your|the) (?:decision|manager|boss))\b", re.I)
_TELLS_CONFLICT = re.compile(r"\b(?:disagree\w*|conflict\w*|push(?:ed)? back|objected|"
                             r"argued|debate\w*|opposed|challenged|convinced|persuaded|"
                             r"did not agree|didn't agree|concern\w*)\b", re.I)

#: Each gap that the answer's own words can disprove, and the words that disprove it: a
#: probe must not say "gave no number" after "12 percent".
_DISPROVED_BY = {"no-metric": _NUMBER, "no-task": _RESPONSIBLE}


def _question_gaps(question: str, answer: str) -> set[str]:
    """Gaps the question's ask reveals: a failure or a disagreement asked for, not told."""
    found = set()
    if _ASKS_FAILURE.search(question) and not _TELLS_FAILURE.search(answer):
        found.add("no-failure")
    if _ASKS_CONFLICT.search(question) and not _TELLS_CONFLICT.search(answer):
        found.add("no-disagreement")
    return found


def answer_gaps(analysis: Analysis) -> list[str]:
    """The gaps the analysis points at, most important first, each once, and only those
    the answer's words do not contradict. Reflection has no flag of its own: a near-zero
    reflection score stands for it. An empty answer has no gaps to probe."""
    answer = analysis.answer or ""
    if not answer.strip():
        return []
    found = {g for g in (gap_code(f.code) for f in analysis.flags) if g}
    if analysis.scores.get("reflection", 10.0) < NO_REFLECTION_BELOW:
        found.add("no-reflection")
    found |= _question_gaps(analysis.question or "", answer)
    found = {g for g in found if not (g in _DISPROVED_BY and _DISPROVED_BY[g].search(answer))}
    return [g for g in GAP_ORDER if g in found]


@functools.cache
def said_probes() -> dict[str, tuple[str, ...]]:
    """The ``[said.<kind>]`` probes of probes.toml: "{said}" stands for the answer's words."""
    text = resources.files("loopprep").joinpath("data", "probes.toml").read_text("utf-8")
    return {kind: tuple(t["probes"]) for kind, t in tomllib.loads(text).get("said", {}).items()}


def said_in(analysis: Analysis) -> list[Said]:
    """The decision and the metric the answer named (either may be missing)."""
    return [s for s in (named_decision(analysis), named_metric(analysis)) if s]


def choose_followups(analysis: Analysis, principle: str | None, principle_name: str,
                     rng: random.Random, *, limit: int = 2,
                     avoid: Iterable[str] = ()) -> list[Followup]:
    """One probe for the biggest gap (if any), one on a decision or metric the answer named
    (quoting it), then one for the principle; at most `limit`. No probe follows an empty
    answer: there is nothing to build on."""
    if not (analysis.answer or "").strip():
        return []
    table = probes()
    used = set(avoid)
    out: list[Followup] = []

    def pick(options: Sequence[str]) -> str | None:
        fresh = [p for p in options if p not in used] or list(options)
        return rng.choice(fresh) if fresh else None

    for gap in answer_gaps(analysis)[:1]:
        probe = pick(table.by_gap.get(gap, ()))
        if probe:
            out.append(Followup(probe, f"because {GAP_REASONS[gap]}"))
    said = said_in(analysis)
    if said and len(out) < limit:
        chosen = rng.choice(said)
        words = chosen.words(analysis.answer)
        template = pick(said_probes().get(chosen.kind, ()))
        if template:
            out.append(Followup(template.replace("{said}", words),
                                f"on the {chosen.kind} you named: \"{words}\""))
    if principle and len(out) < limit:
        probe = pick(table.by_principle.get(principle, ()))
        if probe:
            out.append(Followup(probe, f"{principle_name}"))
    return out[:limit]


#: The first answer weighs as much as this many answered follow-ups.
FIRST_ANSWER_WEIGHT = 2.0


def attempt_mark(first: float, followups: Sequence[Followup]) -> float:
    """The attempt's mark (0-10): the first answer's, averaged with the marks of the
    follow-ups answered so far (one left blank, not yet answered or interrupted does not
    count)."""
    marks = [f.overall for f in followups if f.overall is not None]
    return round((FIRST_ANSWER_WEIGHT * first + sum(marks)) / (FIRST_ANSWER_WEIGHT + len(marks)), 2)
