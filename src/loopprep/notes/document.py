"""One notes file through an import: `read_document` splits front matter and outline,
then two passes over all files of an import, `collect_stories` (`notes.stories`) and
`collect_questions` (`notes.questions`), so a question outline can name a story defined
anywhere; `finish` reports on the import as a whole. Each file yields a `ParsedNotes`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from loopprep.errors import NotesError
from loopprep.model import Finding, Fragment, Framework, PrincipleSlug, SourceRef
from loopprep.notes.dialects import as_markdown
from loopprep.notes.drafts import (
    LinkDraft,
    ParsedNotes,
    PrincipleText,
    QuestionDraft,
    StoryDraft,
)
from loopprep.notes.frontmatter import page_properties, split_front_matter
from loopprep.notes.normalise import normalise_notes
from loopprep.notes.outline import Heading, Item, ListBlock, TooDeep, parse_outline
from loopprep.notes.pointers import resolve_pointers
from loopprep.notes.principle_names import front_matter_principles
from loopprep.notes.question_text import clean_question
from loopprep.notes.questions import collect_questions
from loopprep.notes.registry import StoryRegistry
from loopprep.notes.star import item_run, without_lead
from loopprep.notes.stories import collect_stories as _collect_stories
from loopprep.notes.story_identity import define_titled
from loopprep.notes.story_note import (
    STRUCTURE_LINE,
    escape_line,
    looks_like_story_note,
    unescape_line,
)

__all__ = [
    "STRUCTURE_LINE",
    "LinkDraft",
    "ParsedNotes",
    "PrincipleText",
    "QuestionDraft",
    "StoryDraft",
    "clean_question",
    "collect_questions",
    "collect_stories",
    "escape_line",
    "finish",
    "read_document",
    "unescape_line",
]

if TYPE_CHECKING:
    from loopprep.frameworks.topics import TopicList


def read_document(path: Path, text: str, display_path: str,
                  framework: Framework | None = None) -> ParsedNotes:
    """Split front matter and outline, the body first rewritten line for line into the
    Markdown the reader knows (`notes.normalise`, when the framework is given); no
    interpretation yet. Org-mode, AsciiDoc and YAML records are first rewritten as
    Markdown (`notes.dialects`)."""
    fm = page_properties(split_front_matter(as_markdown(text, path, framework), path))
    body, by_line, also, normalised = fm.body, {}, {}, None
    # a story note in loopprep's own format (as `export vault` writes it) is read exactly
    own_format = str(fm.data.get("type", "")).lower() in ("story", "story-index") or (
        "title" in fm.data and "principles" in fm.data)
    if framework is not None and not own_format:
        normalised = normalise_notes(fm.body, framework)
        body = normalised.text
        by_line = {fm.body_start_line + i: s for i, s in normalised.principles.items()}
        also = {fm.body_start_line + i: s for i, s in normalised.also.items()}
    try:
        blocks = parse_outline(body, fm.body_start_line)
    except TooDeep as deep:
        raise NotesError(path, str(deep), line=deep.line,
                         hint="Indent less: keep lists a few levels deep.") from None
    doc = ParsedNotes(display_path, fm.data, list(blocks), body_lines=body.split("\n"),
                      body_start_line=fm.body_start_line, line_principles=by_line,
                      also_principles=also)
    doc.is_story_note = looks_like_story_note(fm.data, blocks)
    if framework is not None and not doc.is_story_note:
        named = front_matter_principles(fm.data, framework)
        doc.note_principles = list(dict.fromkeys(
            [*named, *(normalised.tagged if normalised else [])]))
    # an index that `export vault` wrote only links to story notes: nothing to import
    doc.is_index = str(fm.data.get("type", "")).lower() == "story-index"
    return doc


def collect_stories(doc: ParsedNotes, framework: Framework, registry: StoryRegistry,
                    topics: TopicList | None = None) -> None:
    """`notes.stories.collect_stories`, then the principles a story line names after its
    title (`Pager storm (OWN, BFA)`) file the story defined or named on that line."""
    _collect_stories(doc, framework, registry, topics)
    _note_story(doc, registry)
    _story_dates(doc)
    if doc.line_principles:
        _line_principles(doc, registry)
    if doc.also_principles:
        _also_principles(doc, registry)
    if doc.pointers:
        resolve_pointers(doc, registry)


def _also_principles(doc: ParsedNotes, registry: StoryRegistry) -> None:
    """File the story a detail line sits in (`also for Earn Trust – …`) under the
    principles it adds; a line in no story adds them to the story it names before 'also'
    ('the mainframe story is also a good Ownership one'), if it names one."""
    found = _StoriesByLine(doc)
    headings = [block.line for block in doc.blocks if isinstance(block, Heading)]
    starts = sorted((story.source.line, n) for n, story in enumerate(doc.stories))
    for line, slugs in doc.also_principles.items():
        key = found.story_at(line) or _story_above(doc, line, starts, headings) or _named_before_also(
            doc.body_lines[line - doc.body_start_line], registry)
        if key is None:
            continue
        have = found.principles(key)
        doc.links.extend(LinkDraft(key, slug, SourceRef(doc.path, line), "also")
                         for slug in slugs if slug not in have)


def _named_before_also(text: str, registry: StoryRegistry) -> str | None:
    """The one story a word before 'also' names ('Note to self: the mainframe story is also
    …' names 'Moving the nightly ETL off the mainframe'), after any label or dash."""
    subject = _SUBJECT.match(text)
    if subject is None:
        return None
    named = {story.key for word in subject.group("words").split()
             if (story := registry.by_title_words(word)) is not None}
    return named.pop() if len(named) == 1 else None


#: the words of a line before its 'also', after a label ('Note to self:') or a dash
_SUBJECT = re.compile(r"^(?:.*[:–—][*_]*\s)?(?P<words>[^:–—]*?)\s+also\b", re.IGNORECASE)


def _story_above(doc: ParsedNotes, line: int, starts: list[tuple[int, int]],
                 headings: list[int]) -> str | None:
    """The last story defined above `line` with no heading between: the one whose STAR
    paragraph the line is part of (`starts`: (line, index) of the file's stories, and
    `headings`: its heading lines, in order)."""
    at = bisect_left(starts, (line, -1)) - 1
    if at < 0:
        return None
    story_line = starts[at][0]
    if bisect_right(headings, line) > bisect_right(headings, story_line):
        return None  # a heading between: the line is in another section
    return doc.stories[starts[at][1]].key


def _line_principles(doc: ParsedNotes, registry: StoryRegistry) -> None:
    """File the story each `Pager storm (OWN, BFA)` line defines or names under the
    principles it lists (those it is not filed under yet)."""
    found = _StoriesByLine(doc)
    items: dict[int, Item] | None = None
    for line, slugs in doc.line_principles.items():
        key = found.story_at(line)
        if key is None:  # a story named with its principles outside any principle section
            title = without_lead(_line_title(doc, line))  # 'STORY ONE - Kiosk pilot'
            if not title:
                continue
            key = define_titled(doc, title, line, registry)
            found.update()
            doc.placed[line] = f"story:{key}"
            items = _items_by_line(doc) if items is None else items
            told = item_run(items[line]) if line in items else None
            if told is not None and told.parts:  # its nested bullets are its STAR parts
                doc.star_parts.setdefault(key, dict(told.parts))
                for at in told.lines:
                    doc.placed[at] = f"story:{key}"
            doc.fragments.append((key, Fragment(told.text if told else title,
                                                SourceRef(doc.path, line), slugs[0])))
        have = found.principles(key)
        for slug in slugs:
            if slug not in have:
                doc.links.append(LinkDraft(key, slug, SourceRef(doc.path, line), "principles"))


def _items_by_line(doc: ParsedNotes) -> dict[int, Item]:
    """Every list item of the file, nested ones too, by its line."""
    return {item.line: item for block in doc.blocks if isinstance(block, ListBlock)
            for item in block.walk()}


class _StoriesByLine:
    """The file's stories and links by line, title and story key, kept up to date as the
    lines are filed (each of `doc.stories` and `doc.links` only grows)."""

    def __init__(self, doc: ParsedNotes) -> None:
        self.doc = doc
        self._first_by_line: dict[int, int] = {}  # line -> index of its first story
        self._first_by_title: dict[str, int] = {}  # lower-case title -> index
        self._link_by_line: dict[int, str] = {}  # line -> first link's story key
        self._linked: dict[str, set[PrincipleSlug]] = {}
        self._stories_seen = self._links_seen = 0
        self.update()

    def update(self) -> None:
        stories, links = self.doc.stories, self.doc.links
        for index in range(self._stories_seen, len(stories)):
            self._first_by_line.setdefault(stories[index].source.line, index)
            self._first_by_title.setdefault(stories[index].title.lower(), index)
        for link in links[self._links_seen:]:
            self._link_by_line.setdefault(link.source.line, link.story_key)
            self._linked.setdefault(link.story_key, set()).add(link.principle)
        self._stories_seen, self._links_seen = len(stories), len(links)

    def story_at(self, line: int) -> str | None:
        """The story defined or named on `line`: the one placed there, else the first story
        defined on it or titled as it reads, else the first one linked on it."""
        where = self.doc.placed.get(line, "")
        if where.startswith("story:"):
            return where[len("story:"):]
        self.update()
        title = _line_title(self.doc, line).lower()
        at = [i for i in (self._first_by_line.get(line), self._first_by_title.get(title))
              if i is not None]
        if at:
            return self.doc.stories[min(at)].key
        return self._link_by_line.get(line)

    def principles(self, key: str) -> set[PrincipleSlug]:
        """The principles the file's links file `key` under, so far."""
        self.update()
        return set(self._linked.get(key, ()))


#: a date after a story's title: 'Braille menu pilot (2023) – …', 'Vendor renewal (Q3 2021)'
_TITLE_DATE = re.compile(r"^[^()]{2,80}?\((?P<date>(?:(?:Q[1-4]|H[12]|[A-Z][a-z]{2,8})\s+)?"
                         r"(?:19|20)\d\d)\)")


def _story_dates(doc: ParsedNotes) -> None:
    """The date a story line gives after its title becomes the story's date (kept only
    where the story has none: `importing` never overwrites one)."""
    for line, where in doc.placed.items():
        if not where.startswith("story:") or "(" not in _line_text(doc, line):
            continue  # (a date is in brackets)
        m = _TITLE_DATE.match(_line_title(doc, line))
        if m is not None:
            doc.story_dates.setdefault(where[len("story:"):], m.group("date"))


def _note_story(doc: ParsedNotes, registry: StoryRegistry) -> None:
    """A note naming principles for its story (`lps: [dive-deep]`, a `#lp/…` line) files
    the one story it tells under them, defining it from its title when it tells none."""
    keys = list(dict.fromkeys(story.key for story in doc.stories))
    if len(keys) > 1 or not doc.note_principles:
        return
    if not keys:
        title = str(doc.front_matter.get("title") or "").strip() or Path(doc.path).stem
        keys = [define_titled(doc, title, doc.body_start_line, registry)]
    have = {link.principle for link in doc.links if link.story_key == keys[0]}
    source = SourceRef(doc.path, 1)
    for slug in doc.note_principles:
        if slug not in have:
            doc.links.append(LinkDraft(keys[0], slug, source, "front matter"))


def _line_title(doc: ParsedNotes, line: int) -> str:
    title = _LINE_MARK.sub("", _line_text(doc, line)).strip(" *_")
    return _PICTOGRAPHS.sub("", title) if title and not title.isascii() else title


def _line_text(doc: ParsedNotes, line: int) -> str:
    index = line - doc.body_start_line
    return doc.body_lines[index] if 0 <= index < len(doc.body_lines) else ""


#: emoji a heading opens with ('### 📦 Title', Notion's and Bear's icons): no part of a title
_PICTOGRAPHS = re.compile("^(?:[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d][ \t]*)+")
_LINE_MARK = re.compile(r"^\s*(?:#+|[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")  # and a task's box


#: up to this many principles missing from the notes are reported one by one
MISSING_ONE_BY_ONE = 3


def finish(docs: list[ParsedNotes], framework: Framework) -> list[Finding]:
    """Findings about the import as a whole: principles missing from every file."""
    found = {slug for doc in docs for slug in doc.principles_found}
    found |= {link.principle for doc in docs for link in doc.links}
    if max((doc.principle_headings for doc in docs), default=0) < 3:
        return []
    missing = [p for p in framework.principles if p.slug not in found]
    if len(missing) > MISSING_ONE_BY_ONE:
        # notes that cover a few principles: one line, not one warning per principle
        names = ", ".join(p.name for p in missing)
        return [Finding("missing-principle",
                        f"{len(missing)} of {len(framework)} principles are not in your notes "
                        f"(no heading names them and no story is filed under them): {names}")]
    return [Finding("missing-principle", f"{p.name} is not in your notes: no heading names it "
                    "and no story is filed under it") for p in missing]
