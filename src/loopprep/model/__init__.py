"""Domain types shared by every layer: principles, frameworks, stories, questions, findings.

Plain frozen dataclasses; persistence lives in `loopprep.store`, parsing in
`loopprep.notes`. Ids are `NewType`s so a story id is never passed where a slug belongs.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, NewType, TypeVar

StoryId = NewType("StoryId", str)
QuestionId = NewType("QuestionId", str)
PrincipleSlug = NewType("PrincipleSlug", str)

STAR_PARTS: tuple[str, ...] = ("situation", "task", "action", "result", "lessons")

Severity = Literal["info", "warning"]
T = TypeVar("T")
_KEPT = ("_hash", "_remembered")  # worked out per process, never pickled


class _Kept:
    """For frozen values that are read many times (stories, frameworks): the hash is worked
    out once, and so is anything a caller derives from the value with `remembered`."""

    def __hash__(self) -> int:
        kept = self.__dict__.get("_hash")
        if kept is None:
            kept = self.__dict__["_hash"] = hash(tuple(
                getattr(self, name) for name in self.__dataclass_fields__))  # type: ignore[attr-defined]
        return kept

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` the first time `key` is asked of this value, then kept with it: the
        value never changes, so neither does what is worked out from it alone."""
        memo: dict[Hashable, Any] = self.__dict__.setdefault("_remembered", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in _KEPT}


@dataclass(frozen=True)
class Principle:
    """One competency of a framework, e.g. Amazon's Dive Deep."""

    slug: PrincipleSlug
    name: str
    summary: str
    probes_for: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework(_Kept):
    """A competency framework loaded from a data file (see `loopprep.frameworks`)."""

    __hash__ = _Kept.__hash__  # (a dataclass would make its own, worked out on every call)

    slug: str
    name: str
    description: str
    principles: tuple[Principle, ...]
    kind: str = "behavioral"

    def __iter__(self) -> Iterator[Principle]:
        return iter(self.principles)

    def __len__(self) -> int:
        return len(self.principles)

    @property
    def slugs(self) -> tuple[PrincipleSlug, ...]:
        return tuple(p.slug for p in self.principles)

    def get(self, slug: str) -> Principle | None:
        for principle in self.principles:
            if principle.slug == slug:
                return principle
        return None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where something came from in the user's notes."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class ImportedFile:
    """A notes file the bank was imported from, and when (ISO time, UTC)."""

    path: str
    imported_at: str


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a story as written in the notes, with the principle it was filed under."""

    text: str
    source: SourceRef
    principle: PrincipleSlug | None = None


_BULLET_MARKER = re.compile(r"^(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?\u2026]+$")


def fragment_text_key(text: str) -> str:
    """A fragment's text with what copying it between notes may change taken out: case,
    spacing and indentation, leading bullet markers and trailing punctuation of each line
    ('- PARCELIO: ... .' in one note is 'PARCELIO: ...' in another)."""
    lines = []
    for line in unicodedata.normalize("NFKC", text).casefold().split("\n"):
        line = line.strip()
        while marker := _BULLET_MARKER.match(line):
            line = line[marker.end():]
        line = _TRAILING_PUNCTUATION.sub("", line)
        if line:
            lines.append(" ".join(line.split()))
    return " ".join(lines) or text


@dataclass(frozen=True)
class Finding:
    """Something the importer noticed in the notes and wants the user to know."""

    code: str
    message: str
    source: SourceRef | None = None
    severity: Severity = "warning"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": display_path(self.source.path) if self.source else None,
            "line": self.source.line if self.source else None,
        }


def display_path(path: str, cwd: str | None = None) -> str:
    """A path as the user would like to read it: relative to where they are, if inside."""
    try:
        rel = os.path.relpath(path, cwd or os.getcwd())
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@dataclass(frozen=True)
class Story(_Kept):
    """A career story in the bank, from terse bullet to fully developed STAR."""

    __hash__ = _Kept.__hash__

    id: StoryId
    title: str
    principles: tuple[PrincipleSlug, ...] = ()
    fragments: tuple[Fragment, ...] = ()
    org: str | None = None
    date: str | None = None
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    lessons: str = ""
    metrics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: SourceRef | None = None
    archived: bool = False

    @functools.cached_property
    def text(self) -> str:
        """Everything known about the story as one text (for matching and checks); a story
        never changes, so it is joined once."""
        parts = [self.title, *(f.text for f in self.fragments)]
        parts += [getattr(self, part) for part in STAR_PARTS]
        parts += list(self.metrics)
        return "\n".join(p for p in parts if p)

    @property
    def opening_line(self) -> str:
        """The first thing to say when telling the story."""
        for text in (self.situation, *(f.text for f in self.fragments), self.title):
            if text.strip():
                first = text.strip().splitlines()[0]
                return first
        return self.title

    def to_json(self) -> dict[str, Any]:
        """The story as `loopprep stories show ID --json` prints it (before `missing`)."""
        return {
            "id": self.id,
            "title": self.title,
            "principles": list(self.principles),
            "org": self.org,
            "date": self.date,
            "situation": self.situation,
            "task": self.task,
            "action": self.action,
            "result": self.result,
            "lessons": self.lessons,
            "metrics": list(self.metrics),
            "tags": list(self.tags),
            "archived": self.archived,
            "source": {"path": self.source.path, "line": self.source.line} if self.source
            else None,
            "notes": [{"text": f.text, "principle": f.principle, "path": f.source.path,
                       "line": f.source.line} for f in self.fragments],
        }


@dataclass(frozen=True)
class Question:
    """A behavioral question, from the bank, the user's notes, or typed by the user."""

    id: QuestionId
    text: str
    principles: tuple[PrincipleSlug, ...] = ()
    origin: str = "bank"
    outline: str = ""
    story_ids: tuple[StoryId, ...] = ()
    source: SourceRef | None = None
    guessed: bool = False  # `principles` is the classifier's guess: none was given


@dataclass
class ImportReport:
    """What an import found and what it changed in the store."""

    files: list[str] = field(default_factory=list)
    #: files an earlier import read under a re-imported folder that are not there any more
    files_gone: list[str] = field(default_factory=list)
    stories_added: list[StoryId] = field(default_factory=list)
    stories_updated: list[StoryId] = field(default_factory=list)
    stories_unchanged: list[StoryId] = field(default_factory=list)
    stories_archived: list[StoryId] = field(default_factory=list)
    links_added: list[tuple[StoryId, PrincipleSlug]] = field(default_factory=list)
    links_removed: list[tuple[StoryId, PrincipleSlug]] = field(default_factory=list)
    questions_added: list[QuestionId] = field(default_factory=list)
    questions_updated: list[QuestionId] = field(default_factory=list)
    questions_unchanged: list[QuestionId] = field(default_factory=list)
    questions_archived: list[QuestionId] = field(default_factory=list)
    principles_found: list[PrincipleSlug] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: technical subtopics (ids 'topic/subtopic') the notes' technical sections track
    technical_added: list[str] = field(default_factory=list)
    technical_updated: list[str] = field(default_factory=list)
    technical_unchanged: list[str] = field(default_factory=list)
    technical_archived: list[str] = field(default_factory=list)
    technical_sections: int = 0

    @property
    def found_anything(self) -> bool:
        """Whether the files told any story or question (new, updated or as before)."""
        return bool(self.stories_added or self.stories_updated or self.stories_unchanged
                    or self.questions_added or self.questions_updated
                    or self.questions_unchanged)

    @property
    def changed(self) -> bool:
        return bool(
            self.files_gone
            or self.technical_added
            or self.technical_updated
            or self.technical_archived
            or self.stories_added
            or self.stories_updated
            or self.stories_archived
            or self.links_added
            or self.links_removed
            or self.questions_added
            or self.questions_updated
            or self.questions_archived
        )

    def to_json(self) -> dict[str, Any]:
        """The report as `loopprep import --json` prints it."""
        return {
            "files": [display_path(f) for f in self.files],
            "files_gone": [display_path(f) for f in self.files_gone],
            "stories": {
                "added": self.stories_added,
                "updated": self.stories_updated,
                "unchanged": self.stories_unchanged,
                "archived": self.stories_archived,
            },
            "links": {
                "added": [list(link) for link in self.links_added],
                "removed": [list(link) for link in self.links_removed],
            },
            "questions": {
                "added": self.questions_added,
                "updated": self.questions_updated,
                "unchanged": self.questions_unchanged,
                "archived": self.questions_archived,
            },
            "principles_found": self.principles_found,
            "technical": {
                "added": self.technical_added,
                "updated": self.technical_updated,
                "unchanged": self.technical_unchanged,
                "archived": self.technical_archived,
                "sections": self.technical_sections,
            },
            "changed": self.changed,
            "findings": [f.to_json() for f in self.findings],
        }
