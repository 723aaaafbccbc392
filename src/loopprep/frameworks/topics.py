"""Technical interview topics as data: topics with subtopics, each with a summary, aliases
for tolerant matching and practice prompts. `sde-topics.toml` ships built in; files of kind
"technical" in `<home>/frameworks/` add topics and subtopics or change them, without code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from loopprep.errors import FrameworkError
from loopprep.frameworks import (
    _SLUG,
    TECHNICAL_KIND,
    framework_kind,
    required_text,
    string_list,
)

BUILTIN_TOPICS = "sde-topics"
#: where checklist items go that name no topic of the list
OTHER_TOPIC = "other"


@dataclass(frozen=True)
class Subtopic:
    """One thing to be ready on, e.g. Algorithms › Dynamic programming."""

    topic: str
    slug: str
    name: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    origin: str = "list"  # list: in the topic list | notes: only in the user's notes

    @property
    def id(self) -> str:
        return f"{self.topic}/{self.slug}"


@dataclass(frozen=True)
class Topic:
    """A technical interview topic, e.g. Algorithms; `roles` limits it to some roles."""

    slug: str
    name: str
    summary: str = ""
    aliases: tuple[str, ...] = ()
    subtopics: tuple[Subtopic, ...] = ()
    roles: tuple[str, ...] = ()

    def subtopic(self, slug: str) -> Subtopic | None:
        return next((s for s in self.subtopics if s.slug == slug), None)


@dataclass(frozen=True)
class TopicList:
    """The technical topics loopprep tracks: the built-in list with the user's changes."""

    slug: str
    name: str
    description: str
    topics: tuple[Topic, ...]
    sources: tuple[str, ...] = ()

    def topic(self, slug: str) -> Topic | None:
        return next((t for t in self.topics if t.slug == slug), None)

    def subtopic(self, subtopic_id: str) -> Subtopic | None:
        topic_slug, _, slug = subtopic_id.partition("/")
        topic = self.topic(topic_slug)
        return topic.subtopic(slug) if topic else None

    @property
    def subtopics(self) -> tuple[Subtopic, ...]:
        return tuple(s for t in self.topics for s in t.subtopics)

    def with_subtopics(self, extra: Iterable[Subtopic]) -> TopicList:
        """The list with subtopics that only the user's notes name (under 'other' when
        their topic is not in the list)."""
        topics = list(self.topics)
        for sub in extra:
            index = next((i for i, t in enumerate(topics) if t.slug == sub.topic), None)
            if index is None:
                name = "Other technical topics" if sub.topic == OTHER_TOPIC else sub.topic
                topics.append(Topic(sub.topic, name))
                index = len(topics) - 1
            if topics[index].subtopic(sub.slug) is None:
                topics[index] = replace(topics[index], subtopics=(*topics[index].subtopics, sub))
        return replace(self, topics=tuple(topics))


def load_topics(home: Path | None = None) -> TopicList:
    """The built-in topic list, extended by every `<home>/frameworks/*.toml` of kind technical
    (in file-name order; a later file's topic or subtopic replaces an earlier one's fields)."""
    topics = _builtin()
    folder = home / "frameworks" if home is not None else None
    if folder is None or not folder.is_dir():
        return topics
    for path in sorted(folder.glob("*.toml")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FrameworkError(f"{path}: cannot read framework file ({exc})") from None
        if framework_kind(text) == TECHNICAL_KIND:
            topics = merge_topics(topics, _parse_rows(text, str(path)), str(path))
    return topics


@lru_cache(maxsize=1)
def _builtin() -> TopicList:
    text = resources.files(__package__).joinpath(f"{BUILTIN_TOPICS}.toml").read_text("utf-8")
    return parse_topics(text, origin=f"built-in topics {BUILTIN_TOPICS}")


def parse_topics(text: str, *, origin: str = "<topics>") -> TopicList:
    """Parse and validate a complete topic list (every topic needs a name)."""
    head, rows = _parse_rows(text, origin)
    empty = TopicList(str(head.get("slug", "")), str(head.get("name", "")),
                      str(head.get("description", "")), ())
    merged = merge_topics(empty, (head, rows), origin)
    return replace(merged, slug=required_text(head, "slug", origin, "[framework]"),
                   name=required_text(head, "name", origin, "[framework]"))


def merge_topics(base: TopicList, parsed: tuple[dict[str, Any], list[dict[str, Any]]],
                 origin: str) -> TopicList:
    """`base` with the topics of one file added or changed."""
    _, rows = parsed
    topics = list(base.topics)
    for index, row in enumerate(rows, start=1):
        where = f"topic #{index}"
        slug = _slug(row, origin, where)
        at = next((i for i, t in enumerate(topics) if t.slug == slug), None)
        old = topics[at] if at is not None else None
        name = str(row["name"]).strip() if "name" in row else (old.name if old else "")
        if not name:
            raise FrameworkError(f"{origin}: {where} ({slug}) needs a non-empty 'name'",
                                 hint="A new topic needs a name; to extend a built-in topic, "
                                 "give its slug only.")
        topic = Topic(
            slug, name,
            summary=str(row.get("summary", old.summary if old else "")),
            aliases=string_list(row, "aliases", origin, where) if "aliases" in row else (
                old.aliases if old else ()),
            roles=string_list(row, "roles", origin, where) if "roles" in row else (
                old.roles if old else ()),
            subtopics=_subtopics(slug, row.get("subtopic", []), old, origin, where),
        )
        if at is None:
            topics.append(topic)
        else:
            topics[at] = topic
    return replace(base, topics=tuple(topics), sources=(*base.sources, origin))


def _parse_rows(text: str, origin: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{origin}: not valid TOML ({exc})") from None
    head = data.get("framework")
    if not isinstance(head, dict):
        raise FrameworkError(f"{origin}: missing the [framework] table with slug, name and "
                             'kind = "technical"')
    rows = data.get("topic")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise FrameworkError(f"{origin}: no [[topic]] entries",
                             hint="A technical topic list holds [[topic]] tables, each with "
                             "[[topic.subtopic]] tables (see sde-topics.toml).")
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        slug = _slug(row, origin, f"topic #{index}")
        if slug in seen:
            raise FrameworkError(f"{origin}: topic slug {slug!r} appears twice")
        seen.add(slug)
    return head, rows


def _subtopics(topic: str, rows: Any, old: Topic | None, origin: str,
               where: str) -> tuple[Subtopic, ...]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise FrameworkError(f"{origin}: {where} 'subtopic' must be [[topic.subtopic]] tables")
    out = list(old.subtopics) if old else []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        here = f"{where}, subtopic #{index}"
        slug = _slug(row, origin, here)
        if slug in seen:
            raise FrameworkError(f"{origin}: subtopic slug {slug!r} appears twice in {topic}")
        seen.add(slug)
        at = next((i for i, s in enumerate(out) if s.slug == slug), None)
        prior = out[at] if at is not None else None
        name = str(row["name"]).strip() if "name" in row else (prior.name if prior else "")
        if not name:
            raise FrameworkError(f"{origin}: {here} ({slug}) needs a non-empty 'name'")
        sub = Subtopic(
            topic, slug, name,
            summary=str(row.get("summary", prior.summary if prior else "")),
            aliases=string_list(row, "aliases", origin, here) if "aliases" in row else (
                prior.aliases if prior else ()),
            prompts=string_list(row, "prompts", origin, here) if "prompts" in row else (
                prior.prompts if prior else ()),
        )
        if at is None:
            out.append(sub)
        else:
            out[at] = sub
    if not out:
        raise FrameworkError(f"{origin}: {where} ({topic}) has no [[topic.subtopic]] entries")
    return tuple(out)


def _slug(row: dict[str, Any], origin: str, where: str) -> str:
    slug = required_text(row, "slug", origin, where)
    if not _SLUG.match(slug):
        raise FrameworkError(f"{origin}: {where} slug {slug!r} must be lowercase words joined by -")
    return slug


