"""The result of analysing one answer: labelled sentences, flags with spans, scores.

``Analysis.to_json()`` is the ``loopprep analyze --json`` contract of DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from loopprep.feedback.star import StarLabel

__all__ = ["DIMENSIONS", "SCALE_MAX", "Analysis", "Dimension", "Flag", "LabelledSentence"]

Dimension = Literal["structure", "specificity", "ownership", "relevance", "delivery", "reflection"]
DIMENSIONS: tuple[Dimension, ...] = (
    "structure",
    "specificity",
    "ownership",
    "relevance",
    "delivery",
    "reflection",
)
SCALE_MAX = 10.0
Severity = Literal["info", "warning", "problem"]


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """A sentence of the answer (``answer[start:end] == text``) and its STAR part."""

    start: int
    end: int
    text: str
    star: StarLabel
    confidence: float = 1.0
    p_result: float = 0.0  # the labeller's probability that this sentence states a result


@dataclass(frozen=True, slots=True)
class Flag:
    """One remark, resting on ``answer[start:end]``."""

    code: str
    message: str
    start: int
    end: int
    dimension: Dimension | None = None
    severity: Severity = "warning"
    fix: str = ""  # what to do about it, as an instruction
    #: offsets into the question of the words the flag is about (OFF_TOPIC: what is missed)
    question_spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        out = {
            "code": self.code,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "dimension": self.dimension,
            "severity": self.severity,
            "fix": self.fix,
        }
        if self.question_spans:
            out["question_spans"] = [list(span) for span in self.question_spans]
        return out


@dataclass(frozen=True)
class Analysis:
    """Everything ``analyze_answer`` found; scores are on a 0-10 scale (``SCALE_MAX``)."""

    answer: str
    question: str | None
    sentences: list[LabelledSentence]
    flags: list[Flag]
    scores: dict[Dimension, float]
    overall: float
    summary: str
    top_fixes: list[str]
    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The DESIGN.md ``analyze --json`` shape (plus extra fields)."""
        return {
            "sentences": [
                {
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "star": s.star,
                    "confidence": round(s.confidence, 3),
                }
                for s in self.sentences
            ],
            "flags": [f.to_json() for f in self.flags],
            "scores": {k: round(v, 1) for k, v in self.scores.items()},
            "overall": round(self.overall, 1),
            "scale": {"min": 0, "max": SCALE_MAX},
            "summary": self.summary,
            "top_fixes": list(self.top_fixes),
            "question": self.question,
            "stats": dict(self.stats),
        }
