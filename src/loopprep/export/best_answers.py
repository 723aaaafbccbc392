"""The best answer the candidate has given for each story, for the cheat sheet: the
highest-scored practice answer that names the story, its sentences by STAR part and the
candidate's own replies to the follow-up probes. And a test for raw note fragments
("TenneT example, again") that the sheet should not print where better text exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from loopprep.model import Story
from loopprep.model.practice import AttemptRecord
from loopprep.store import Store
from loopprep.store import practice as rows

#: Words that only point back at a story told elsewhere in the notes.
_FILLER = {"again", "example", "same", "see", "above", "also", "story", "as", "the", "a", "an",
           "this", "that", "one", "here", "too", "etc", "and", "but", "cont", "continued"}
#: A practice answer scored below this (out of 10) is not the candidate's best text.
MIN_SCORE = 5.0


@dataclass(frozen=True)
class BestAnswer:
    story_id: str
    overall: float
    parts: dict[str, str]  # situation, task, action, result, other
    replies: dict[str, str] = field(default_factory=dict)  # follow-up probe -> the reply given


def _title_words(story: Story) -> list[str]:
    return [w for w in re.findall(r"[\w']+", story.title.lower()) if len(w) > 3]


def names_story(text: str, story: Story) -> bool:
    """The answer names the story: its title, or the title's first long word ('IRPWIND')."""
    lowered = text.lower()
    words = _title_words(story)
    return story.title.lower() in lowered or bool(words and re.search(
        rf"\b{re.escape(words[0])}\b", lowered))


def strip_pointer(text: str, story: Story) -> str:
    """'IRPWIND, again. Had to push' -> 'Had to push': drops a leading back-reference."""
    words = _title_words(story) or [story.title.lower()]
    pattern = rf"^\s*(?:{re.escape(story.title)}|{re.escape(words[0])})\b[^.:;]*?\bagain\b[.,;:!]*\s*"
    return re.sub(pattern, "", text, flags=re.I).strip()


def is_raw(text: str, story: Story) -> bool:
    """A fragment that says nothing beyond the story's name and filler words."""
    title = set(re.findall(r"[\w']+", story.title.lower()))
    content = [w for w in re.findall(r"[\w']+", text.lower()) if w not in _FILLER and w not in title]
    return len(content) < 3 or text.strip() in ("…", "...")


def best_answers(store: Store, stories: Iterable[Story]) -> dict[str, BestAnswer]:
    """Per story, the highest-scored answer (at least MIN_SCORE) that names it."""
    answers = [(i, score, text.lower()) for i, score, text in rows.scored_answers(store, MIN_SCORE)]
    out: dict[str, BestAnswer] = {}
    for story in stories:
        title = story.title.lower()
        words = _title_words(story)
        word = re.compile(rf"\b{re.escape(words[0])}\b") if words else None
        for attempt_id, score, text in answers:  # best first: the first that names it
            if title in text or (word is not None and words[0] in text and word.search(text)):
                out[story.id] = _best(story.id, score, rows.get_attempt(store, attempt_id))
                break
    return out


def _best(story_id: str, score: float, attempt: AttemptRecord) -> BestAnswer:
    parts: dict[str, list[str]] = {}
    for sentence in (attempt.feedback or {}).get("sentences") or []:
        parts.setdefault(str(sentence.get("star") or "other"), []).append(
            str(sentence.get("text", "")).strip())
    replies = {f.probe: f.answer.strip() for f in attempt.followups if f.answer.strip()}
    return BestAnswer(story_id, score, {k: " ".join(v) for k, v in parts.items()}, replies)
