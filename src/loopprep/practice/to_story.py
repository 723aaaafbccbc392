"""A good practice answer into the story bank: its sentences, sorted into situation, task,
action and result by the feedback's STAR labeller, fill a story's STAR fields. Nothing is
written until the candidate has seen the fields and confirmed (`draft` first, then `save`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from loopprep.errors import PracticeError
from loopprep.model import Story
from loopprep.model.practice import AttemptRecord
from loopprep.store import practice as rows
from loopprep.text.facts import metric_spans

if TYPE_CHECKING:
    from loopprep.workspace import Workspace

PARTS = ("situation", "task", "action", "result")


@dataclass(frozen=True)
class StoryDraft:
    """What saving an answer would write, for the candidate to read and confirm."""

    attempt: AttemptRecord
    fields: dict[str, str]  # situation, task, action, result (empty when the answer has none)
    metrics: tuple[str, ...]
    title: str  # for a new story
    choices: tuple[Story, ...]  # existing stories it could fill: named in the answer first
    suggested: str | None  # the story id to fill, or None for a new story

    def to_json(self) -> dict[str, Any]:
        return {"attempt_id": self.attempt.id, "fields": self.fields, "metrics": list(self.metrics),
                "title": self.title, "suggested": self.suggested,
                "choices": [{"id": s.id, "title": s.title} for s in self.choices]}


def star_fields(attempt: AttemptRecord) -> dict[str, str]:
    """The answer's sentences by STAR part, in the order told; 'other' sentences are left out."""
    sentences = (attempt.feedback or {}).get("sentences") or []
    if not sentences and attempt.answer.strip():
        from loopprep.feedback import analyze_answer

        sentences = analyze_answer(attempt.answer, question=attempt.question,
                                   today=attempt.started_at.date()).to_json()["sentences"]
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    for sentence in sentences:
        if sentence.get("star") in parts:
            parts[sentence["star"]].append(str(sentence["text"]).strip())
    return {part: " ".join(texts) for part, texts in parts.items()}


def draft(bank: Workspace, attempt_id: int) -> StoryDraft:
    """The STAR fields an answer would give, and the stories it could fill."""
    attempt = rows.get_attempt(bank.store, attempt_id)
    if not attempt.answer.strip():
        raise PracticeError(f"attempt {attempt_id} has no answer to save",
                            hint="Answer the question first, then save the answer as a story.")
    fields = star_fields(attempt)
    metrics = tuple(dict.fromkeys(
        _clause(s) for s in re.split(r"(?<=[.!?])\s+", attempt.answer) if metric_spans(s)))[:3]
    stories = [s for s in bank.stories() if not s.archived]
    lowered = attempt.answer.lower()
    named = [s for s in stories if s.title.lower() in lowered or (
        (words := [w for w in re.findall(r"[\w']+", s.title.lower()) if len(w) > 3])
        and words[0] in lowered)]
    filed = [s for s in stories if attempt.principle in s.principles and s not in named]
    choices = tuple(named + filed)
    return StoryDraft(attempt, fields, metrics, _title(attempt), choices,
                      named[0].id if named else None)


def _clause(sentence: str) -> str:
    """The clause around a sentence's first quantity: 'we cut rework by 80%'."""
    start, end = metric_spans(sentence)[0]
    left = max(sentence.rfind(c, 0, start) for c in ",;:(") + 1
    rights = [i for i in (sentence.find(c, end) for c in ",;)") if i != -1]
    clause = sentence[left:min(rights) if rights else len(sentence)].strip(" .")
    return re.sub(r"^(?:as a result|in the end|in total|overall|so|and|then)\b[,\s]*", "", clause,
                  flags=re.IGNORECASE)


def _title(attempt: AttemptRecord) -> str:
    """A title for a new story: the answer's first words, up to a natural break."""
    first = re.split(r"(?<=[.!?;:])\s|,\s", attempt.answer.strip(), maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:8]).rstrip(".,;:") or "Story from practice"


def save(bank: Workspace, attempt_id: int, fields: dict[str, Any], *, now: datetime,
         story_id: str | None = None, title: str | None = None) -> Story:
    """Write the confirmed `fields` (STAR parts, metrics) into story `story_id`, or into a
    new story called `title`, filed under the attempt's principle."""
    from loopprep.stories import add_story, tag_story, update_story

    attempt = rows.get_attempt(bank.store, attempt_id)
    chosen = {k: v for k, v in fields.items() if k in (*PARTS, "metrics")}
    if not any(str(chosen.get(part, "")).strip() for part in PARTS):
        raise PracticeError("nothing to save: every STAR part is empty",
                            hint="Keep at least one of situation, task, action and result.")
    principles = [attempt.principle] if attempt.principle and bank.framework.get(
        attempt.principle) else []
    if story_id:
        story = bank.story(story_id)
        if isinstance(chosen.get("metrics"), (list, tuple)):
            chosen["metrics"] = list(dict.fromkeys([*story.metrics, *chosen["metrics"]]))
        story = update_story(bank, story_id, chosen, now=now)
        if principles and principles[0] not in story.principles:
            story = tag_story(bank, story_id, [*(p for p in story.principles if bank.framework.get(p)),
                                               *principles])
        return story
    return add_story(bank, (title or _title(attempt)).strip() or "Story from practice", now=now,
                     principles=principles, fields=chosen)
