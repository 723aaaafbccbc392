"""The answer feedback practice relies on, as an interface: `loopprep.feedback.analyze_answer`
when it is installed, else a few plain checks with the same shape, so practice works either way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol


class FlagView(Protocol):
    """One remark about the answer, resting on `answer[start:end]`."""

    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class SentenceView(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def star(self) -> str: ...


class AnalysisView(Protocol):
    """What `analyze_answer` returns (see DESIGN.md, `loopprep analyze --json`)."""

    @property
    def sentences(self) -> Sequence[SentenceView]: ...
    @property
    def flags(self) -> Sequence[FlagView]: ...
    @property
    def scores(self) -> Mapping[str, float]: ...
    @property
    def overall(self) -> float: ...
    @property
    def summary(self) -> str: ...
    @property
    def top_fixes(self) -> Sequence[str]: ...
    def to_json(self) -> dict[str, Any]: ...


class Analyzer(Protocol):
    def __call__(self, answer: str, *, question: str | None = None,
                 principle_scores: Mapping[str, float] | None = None,
                 story_date: date | None = None, today: date) -> AnalysisView: ...


def analyzer() -> Analyzer:
    """The real analyser when the feedback package is present, else the basic checks."""
    import importlib

    try:
        module = importlib.import_module("loopprep.feedback")
    except ImportError:
        return basic_analysis
    real: Analyzer = module.analyze_answer
    return real


def analyze(answer: str, *, question: str, principles: Sequence[str], today: date,
            using: Analyzer | None = None) -> AnalysisView:
    """Analyse an answer to a bank question; the question's own principles rank first."""
    scores = {slug: round(1.0 - 0.3 * rank, 2) for rank, slug in enumerate(principles)}
    return (using or analyzer())(answer, question=question, principle_scores=scores or None,
                                 today=today)


# -- the basic checks, used only while loopprep.feedback is not installed --------------------

@dataclass(frozen=True)
class BasicFlag:
    code: str
    message: str
    start: int
    end: int
    fix: str = ""


@dataclass(frozen=True)
class BasicSentence:
    start: int
    end: int
    text: str
    star: str = "other"


@dataclass(frozen=True)
class BasicAnalysis:
    answer: str
    sentences: list[BasicSentence]
    flags: list[BasicFlag]
    scores: dict[str, float]
    overall: float
    summary: str
    top_fixes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "sentences": [{"start": s.start, "end": s.end, "text": s.text, "star": s.star}
                          for s in self.sentences],
            "flags": [{"code": f.code, "message": f.message, "start": f.start, "end": f.end,
                       "fix": f.fix} for f in self.flags],
            "scores": dict(self.scores), "overall": self.overall, "summary": self.summary,
            "top_fixes": list(self.top_fixes), "analyser": "basic",
        }


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_RESULT = re.compile(r"\b(result|outcome|saved|reduced|increased|improved|grew|cut|won|"
                     r"launched|shipped|delivered|so that|in the end|finally)\b", re.I)
_NUMBER = re.compile(r"\d")
_WE = re.compile(r"\b(we|us|our)\b", re.I)
_I = re.compile(r"\b(I|me|my)\b")


def basic_analysis(answer: str, *, question: str | None = None,
                   principle_scores: Mapping[str, float] | None = None,
                   story_date: date | None = None, today: date) -> BasicAnalysis:
    """A few honest checks with spans: result, a number, "we" against "I", length."""
    sentences = [BasicSentence(m.start(), m.end(), m.group()) for m in _SENTENCE.finditer(answer)
                 if m.group().strip()]
    whole = (sentences[0].start, sentences[-1].end) if sentences else (0, len(answer))
    last = (sentences[-1].start, sentences[-1].end) if sentences else whole
    flags: list[BasicFlag] = []
    words = len(answer.split())
    if not _RESULT.search(answer):
        flags.append(BasicFlag("STAR_MISSING_RESULT", "No result: the answer stops before saying "
                               "how it ended.", *last, "Finish with what changed, with a number."))
    if not _NUMBER.search(answer):
        flags.append(BasicFlag("NO_METRIC", "No number anywhere: the impact cannot be sized.",
                               *whole, "Give one figure: %, money, time or people."))
    we = list(_WE.finditer(answer))
    if len(we) > 2 * len(_I.findall(answer)):
        flags.append(BasicFlag("OWNERSHIP_WE", "Mostly \"we\": your own part is hard to see.",
                               we[0].start(), we[0].end(), "Say what you did: \"I ...\"."))
    if words > 330:
        flags.append(BasicFlag("LENGTH_LONG", f"{words} words: over three minutes spoken.", *whole,
                               "Cut the set-up; keep the actions and the result."))
    elif words < 40:
        flags.append(BasicFlag("LENGTH_SHORT", f"Only {words} words: too short to show much.",
                               *whole, "Tell the situation, your actions and the result."))
    codes = {f.code for f in flags}
    scores = {
        "structure": 4.0 if "STAR_MISSING_RESULT" in codes else 7.0,
        "specificity": 3.0 if "NO_METRIC" in codes else 7.0,
        "ownership": 3.0 if "OWNERSHIP_WE" in codes else 7.0,
        "delivery": 4.0 if codes & {"LENGTH_LONG", "LENGTH_SHORT"} else 7.0,
    }
    overall = round(sum(scores.values()) / len(scores), 1)
    fixes = [f.fix for f in flags][:3]
    summary = "No problems found by the basic checks." if not flags else (
        f"{len(flags)} thing{'s' if len(flags) > 1 else ''} to fix.")
    return BasicAnalysis(answer, sentences, flags, scores, overall, summary, fixes)


def flag_fix(flag: FlagView) -> str:
    """A flag's suggested fix, when the analyser gives one."""
    fix = getattr(flag, "fix", "")
    return fix if isinstance(fix, str) else ""

