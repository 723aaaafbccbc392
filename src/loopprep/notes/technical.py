"""Technical sections of the user's notes: a 'Technical …' heading (or one naming a topic,
like 'Data structures'), topic and subtopic headings matched tolerantly to the topic list,
and checklists whose items become tracked subtopics with their done state. Plain bullets
and paragraphs are kept as notes on the topic or subtopic they sit under.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from loopprep.frameworks.topics import OTHER_TOPIC, Subtopic, TopicList
from loopprep.model import SourceRef
from loopprep.notes.bullets import slugify
from loopprep.notes.drafts import TechnicalDraft, TechnicalNote
from loopprep.notes.outline import Item, ListBlock, Paragraph
from loopprep.notes.principles import match_named, normalise

if TYPE_CHECKING:
    from loopprep.notes.drafts import ParsedNotes

#: the subject of notes about the technical section as a whole
GENERAL = ""
_TECHNICAL_HEADING = re.compile(
    r"^\s*(?:technical|tech)\b|\btechnical (?:interviews?|prep|preparation|topics?)\b"
    r"|\b(?:sde|software (?:development|engineering)) (?:interview )?topics\b",
    re.IGNORECASE,
)
_TECHNICAL_WORDS = re.compile(
    r"\b(?:technical|tech|interviews?|prep|preparation|topics?|sde|software development)\b",
    re.IGNORECASE,
)
TECHNICAL_NOTE_TYPES = {"technical", "tech", "technical-notes"}


@dataclass(frozen=True)
class Place:
    """Where a technical section files what it holds: a topic, maybe one of its subtopics."""

    topic: str | None
    subtopic: Subtopic | None = None

    @property
    def subject(self) -> str:
        if self.subtopic is not None:
            return self.subtopic.id
        return self.topic or GENERAL


def singular(text: str) -> str:
    """Normalised words with plurals folded, so 'graph' finds 'Graphs' and 'queries' 'query'."""
    out = []
    for word in text.split():
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        out.append(word)
    return " ".join(out)


def opening_place(heading: str, topics: TopicList) -> Place | None:
    """Outside technical sections: 'Technical Interview', 'Tech: system design' or a heading
    naming a topic ('Data structures') opens one; any other heading does not."""
    if _TECHNICAL_HEADING.search(heading):
        rest = _TECHNICAL_WORDS.sub(" ", heading)
        topic, score = match_named(rest, topics.topics, fold=singular)
        return Place(topic.slug if topic is not None and score >= 0.8 else None)
    topic, score = match_named(heading, topics.topics, fold=singular)
    if topic is not None and score >= 0.9:
        return Place(topic.slug)
    return None


def inner_place(heading: str, parent: Place, topics: TopicList) -> Place:
    """A heading inside a technical section: a topic, a subtopic, the user's own subtopic
    (an unknown heading under a topic), or else a wrapper that keeps the parent's place."""
    topic, score = match_named(heading, topics.topics, fold=singular)
    if topic is not None and score >= 0.6:
        return Place(topic.slug)
    found = find_subtopic(heading, topics, parent.topic)
    if found is not None:
        return Place(found.topic, found)
    if parent.topic is not None and parent.subtopic is None and normalise(heading):
        return Place(parent.topic, own_subtopic(heading, parent.topic))
    return parent


def find_subtopic(text: str, topics: TopicList, topic: str | None, *, in_topic: float = 0.6,
                  anywhere: float = 0.85) -> Subtopic | None:
    """The subtopic `text` names: first among `topic`'s subtopics, then in any topic (which
    must fit better: 'graphs' under Coding is Data structures › Graphs)."""
    home = topics.topic(topic) if topic else None
    if home is not None:
        found, score = match_named(text, home.subtopics, fold=singular)
        if found is not None and score >= in_topic:
            return found
    found, score = match_named(text, _every_subtopic(topics), fold=singular)
    return found if found is not None and score >= anywhere else None


_SUBTOPICS: dict[int, tuple[TopicList, tuple[Subtopic, ...]]] = {}


def _every_subtopic(topics: TopicList) -> tuple[Subtopic, ...]:
    """`topics.subtopics`, one same tuple for each topic list (by identity, held alive by
    the entry): matching a tuple it has seen, `match_named` skips most lines at once."""
    kept = _SUBTOPICS.get(id(topics))
    if kept is None or kept[0] is not topics:
        if len(_SUBTOPICS) > 64:
            _SUBTOPICS.clear()
        kept = _SUBTOPICS[id(topics)] = (topics, topics.subtopics)
    return kept[1]


def own_subtopic(text: str, topic: str | None) -> Subtopic:
    """A subtopic in the user's words, for a checklist item the topic list does not have."""
    name = " ".join(_plain(text).split())
    name = name[:1].upper() + name[1:]
    slug = slugify(name, 48)
    if slug == "story" and "story" not in normalise(name):
        slug = "item-" + hashlib.sha1(normalise(name).encode("utf-8")).hexdigest()[:6]
    return Subtopic(topic or OTHER_TOPIC, slug, name, origin="notes")


def track(doc: ParsedNotes, subtopic: Subtopic, checked: bool | None, line: int) -> None:
    """Record that the notes track `subtopic` (once per file; a repeat fills a missing state)."""
    for draft in doc.technical:
        if draft.subtopic.id == subtopic.id:
            if draft.checked is None:
                draft.checked = checked
            doc.note("duplicate-subtopic",
                     f"{subtopic.name} is listed again (first at line {draft.source.line}); "
                     "both are read", line, "info")
            return
    doc.technical.append(TechnicalDraft(subtopic, checked, SourceRef(doc.path, line)))


def take_block(doc: ParsedNotes, block: ListBlock | Paragraph, place: Place,
               topics: TopicList) -> None:
    """File a list or paragraph of a technical section."""
    if isinstance(block, Paragraph):
        if not block.code and block.text.strip():
            doc.technical_notes.append(TechnicalNote(place.subject, block.text.strip(), None,
                                                     SourceRef(doc.path, block.line)))
        return
    for item in block.items:
        _take_item(doc, item, place, topics)


def _take_item(doc: ParsedNotes, item: Item, place: Place, topics: TopicList) -> None:
    text = _plain(item.text)
    if not text:
        doc.note("empty-bullet", "empty bullet ignored", item.line, "info")
        for line in item.lines:
            doc.placed[line] = "finding:empty-bullet"
        for child in item.children:
            _take_item(doc, child, place, topics)
        return
    if place.subtopic is not None:
        # under a subtopic heading every bullet is a note on it (a step when it has a box)
        _keep_note(doc, place.subject, item)
        return
    found: Subtopic | None
    if item.checked is not None:
        found = find_subtopic(text, topics, place.topic) or own_subtopic(text, place.topic)
    else:
        # a plain bullet is a subtopic only when it names one outright ('- Graphs')
        found = find_subtopic(text, topics, place.topic, in_topic=0.9, anywhere=0.95)
    if found is None:
        _keep_note(doc, place.subject, item)
        return
    track(doc, found, item.checked, item.line)
    for line in item.lines:
        doc.placed[line] = f"technical:{found.id}"
    for child in item.children:
        _keep_note(doc, found.id, child)


def _keep_note(doc: ParsedNotes, subject: str, item: Item) -> None:
    doc.technical_notes.append(TechnicalNote(subject, "\n".join(_render(item)), item.checked,
                                             SourceRef(doc.path, item.line)))
    for sub in item.walk():
        for line in sub.lines:
            doc.placed[line] = f"technical:{subject}"


def _render(item: Item, depth: int = 0) -> list[str]:
    """The item as the user wrote it; nested bullets (and their boxes) below it."""
    if depth == 0:
        lines = [item.text]
    else:
        box = "" if item.checked is None else ("[x] " if item.checked else "[ ] ")
        lines = [("  " * (depth - 1)) + "- " + box + item.text]
    for child in item.children:
        lines.extend(_render(child, depth + 1))
    return lines


_MARKUP = re.compile(r"(\*\*|__|~~|`)")


def _plain(text: str) -> str:
    """Item text without emphasis markers or a trailing colon."""
    text = _MARKUP.sub("", text).strip()
    return text.rstrip(":").strip()
