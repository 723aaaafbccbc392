"""Story notes: one story per file, the format `export vault` writes. Front matter gives
the title, id, org, date and principles; STAR headings give the parts, kept as written;
a '## Notes' section keeps bullets from free-form notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from loopprep.model import Fragment, Framework, PrincipleSlug, SourceRef
from loopprep.notes.bullets import read_bullet, slugify
from loopprep.notes.drafts import LinkDraft, ParsedNotes, StoryDraft, place
from loopprep.notes.outline import Heading, Item, ListBlock, Paragraph, details
from loopprep.notes.principle_names import front_matter_principles, tag_line_principles
from loopprep.notes.principles import match_principle, normalise
from loopprep.notes.question_text import is_question
from loopprep.notes.registry import KnownStory, StoryRegistry
from loopprep.notes.structure import Piece

_NOTES_HEADINGS = {"notes", "from my notes", "in my notes"}
_STAR_HEADINGS = {
    "situation": "situation", "context": "situation", "background": "situation",
    "task": "task", "goal": "task", "objective": "task",
    "action": "action", "actions": "action", "what i did": "action",
    "result": "result", "results": "result", "outcome": "result", "impact": "result",
    "lessons": "lessons", "lesson": "lessons", "lessons learned": "lessons",
    "learnings": "lessons", "reflection": "lessons", "what i learned": "lessons",
}


def looks_like_story_note(front: dict[str, Any], blocks: Sequence[Piece]) -> bool:
    if str(front.get("type", "")).lower() == "story":
        return True
    if "title" not in front:
        return False
    if "principles" in front:
        return True
    headings = {normalise(b.text) for b in blocks if isinstance(b, Heading)}
    return len(headings & set(_STAR_HEADINGS)) >= 2


_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _story_id(doc: ParsedNotes, given: object) -> str | None:
    """The `id:` of a story note when it is a plain slug; anything else (a path, an address,
    spaces) would break the links built from it, so it is slugified and the user told."""
    raw = str(given).strip() if given not in (None, "") else ""
    if not raw or _PLAIN_ID.fullmatch(raw):
        return raw or None
    slug = slugify(raw, limit=64)
    doc.note("story-id-slugified", f"the front matter's id {raw!r} is not a plain slug (lower-case "
             f"letters, digits and dashes); the story's id is {slug!r}", 1)
    return slug


def collect_story_note(doc: ParsedNotes, framework: Framework, registry: StoryRegistry) -> None:
    fm = doc.front_matter
    title = str(fm.get("title") or "").strip() or Path(doc.path).stem
    explicit_id = _story_id(doc, fm.get("id"))
    fields: dict[str, Any] = {
        "org": _opt_str(fm.get("org")),
        "date": _date_str(fm.get("date")),
        "metrics": _str_list(fm.get("metrics")),
        "tags": _str_list(fm.get("tags")),
    }
    asks = _questions_it_answers(doc)
    starts, notes = _sections(doc, framework)
    fields.update(_star_parts(doc, starts))
    first_line = doc.blocks[0].line if doc.blocks else 1
    key = _define(doc, registry, title, explicit_id, fields, first_line)
    if key is None:
        return
    for item in asks:  # '## Questions it answers': asked, and answered by this story
        doc.ask(item.text, item.line).link(key)
        place(doc, item, f"question:{len(doc.questions) - 1}")
    doc.fragments.extend((key, fragment) for fragment in notes)
    for fragment in notes:
        registry.claim(fragment.text, key)
    _front_matter_links(doc, framework, key)


#: a story note's section listing the questions the story answers
_QUESTIONS_HEADING = re.compile(r"\bquestions?\b", re.IGNORECASE)


def _questions_it_answers(doc: ParsedNotes) -> list[Item]:
    """The questions a story note lists under a heading naming questions ('## Questions it
    answers'); the section stays the story's text as any other section does."""
    asks: list[Item] = []
    level: int | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = block.level if _QUESTIONS_HEADING.search(block.text) else (
                level if level is not None and block.level > level else None)
        elif level is not None and isinstance(block, ListBlock):
            asks.extend(item for item in block.items if is_question(item.text))
    return asks


def _sections(doc: ParsedNotes, framework: Framework
              ) -> tuple[list[tuple[str, int]], list[Fragment]]:
    """Where each STAR part starts (part, first line), and the bullets '## Notes' keeps
    (as `export vault` writes them), each under the '### <Principle>' it was filed under."""
    starts: list[tuple[str, int]] = [("situation", doc.body_start_line)]
    current: str | None = None
    notes_level: int | None = None
    notes_principle: PrincipleSlug | None = None
    notes: list[Fragment] = []
    for block in doc.blocks:
        if isinstance(block, Heading) and notes_level is not None and block.level > notes_level:
            found = match_principle(block.text, framework)[0]
            notes_principle = found.slug if found is not None else None
            continue
        if isinstance(block, Heading):
            notes_level = block.level if normalise(block.text) in _NOTES_HEADINGS else None
            notes_principle = None
            if notes_level is not None:
                continue
            current = _STAR_HEADINGS.get(normalise(block.text))
            if current is None:
                doc.note("unknown-heading",
                         f"heading '{block.text}' is not a STAR part; its text is kept under Lessons",
                         block.line, "info")
                current = "lessons"
            starts.append((current, block.line + 1))
            continue
        if notes_level is not None:
            notes.extend(_note_fragments(doc, block, notes_principle))
        elif isinstance(block, ListBlock):
            for item in block.walk():
                doc.placed[item.line] = f"story-note:{current or 'situation'}"
    return starts, notes


def _note_fragments(doc: ParsedNotes, block: Piece, principle: PrincipleSlug | None
                    ) -> list[Fragment]:
    """The fragments one block of '## Notes' keeps: each bullet, or the paragraph."""
    if isinstance(block, ListBlock):
        out = []
        for item in block.items:
            place(doc, item, "story-note:notes")
            out.append(Fragment(details(item), SourceRef(doc.path, item.line), principle))
        return out
    if isinstance(block, Paragraph) and block.text.strip() and not block.code:
        return [Fragment(" ".join(block.text.split()), SourceRef(doc.path, block.line), principle)]
    return []


def _star_parts(doc: ParsedNotes, starts: list[tuple[str, int]]) -> dict[str, str]:
    """Each STAR part as written: its raw lines up to the next heading, not re-rendered, so
    numbered lists, checkboxes and spacing survive and exported notes read back exactly."""
    heading_lines = [b.line for b in doc.blocks if isinstance(b, Heading)]
    parts: dict[str, list[str]] = {}
    for part, start in starts:
        end = min((line for line in heading_lines if line >= start),
                  default=doc.body_start_line + len(doc.body_lines))
        raw = doc.body_lines[start - doc.body_start_line:end - doc.body_start_line]
        text = "\n".join(unescape_line(line) for line in raw).strip()
        if text:
            parts.setdefault(part, []).append(text)
    return {part: "\n\n".join(parts.get(part, []))
            for part in ("situation", "task", "action", "result", "lessons")}


def _define(doc: ParsedNotes, registry: StoryRegistry, title: str, explicit_id: str | None,
            fields: dict[str, Any], first_line: int) -> str | None:
    """The note's story, defined here (its key), or None when another note of the import
    already defines it (reported)."""
    existing = registry.by_id(explicit_id) if explicit_id else registry.by_title(title)
    if existing is not None and existing.defined:
        doc.note("duplicate-story",
                 f"another note in this import already defines the story '{existing.title}'",
                 first_line)
        return None
    key = existing.key if existing else (f"id {explicit_id}" if explicit_id else normalise(title))
    anchor = existing.anchor if existing else _title_anchor(title, fields.get("org"))
    if existing is not None:
        existing.defined = True
        registry.retitle(existing, title)
    else:
        registry.add(KnownStory(key, title, anchor, explicit_id))
    doc.stories.append(
        StoryDraft(key, title, anchor, SourceRef(doc.path, first_line), "story-note",
                   explicit_id, fields)
    )
    return key


def _front_matter_links(doc: ParsedNotes, framework: Framework, key: str) -> None:
    if "principles" not in doc.front_matter:  # a user's 'type: story' note: 'lps:', tags
        named = front_matter_principles(doc.front_matter, framework)
        for slug in named:
            doc.links.append(LinkDraft(key, slug, SourceRef(doc.path, 1), "front matter"))
        for offset, line in enumerate(doc.body_lines):  # and a line of tags ('#lp/dive-deep')
            for slug in tag_line_principles(line, framework):
                if slug not in named:
                    named.append(slug)
                    doc.links.append(LinkDraft(key, slug, SourceRef(
                        doc.path, doc.body_start_line + offset), "tags"))
        return
    for value in _str_list(doc.front_matter.get("principles")):
        principle = framework.get(value) or match_principle(value, framework)[0]
        if principle is None:
            doc.note("unknown-principle",
                     f"'{value}' in the front matter is not a principle of {framework.name}",
                     2, "warning")
            continue
        doc.links.append(LinkDraft(key, principle.slug, SourceRef(doc.path, 1), "front matter"))


#: Lines of a STAR part that would read as a heading or a code fence; `export vault` writes
#: them with one more leading backslash, and the reader takes one away.
STRUCTURE_LINE = re.compile(r"^\\*( {0,3}#{1,6}([ \t]|$)|[ \t]*(```|~~~))")


def escape_line(line: str) -> str:
    return "\\" + line if STRUCTURE_LINE.match(line) else line


def unescape_line(line: str) -> str:
    return line[1:] if line.startswith("\\") and STRUCTURE_LINE.match(line[1:]) else line


def _title_anchor(title: str, org: Any) -> str | None:
    bullet = read_bullet(title)
    if bullet.anchor_key:
        return bullet.anchor_key
    return normalise(str(org)) if org else None


def _opt_str(value: Any) -> str | None:
    return str(value).strip() if value not in (None, "") else None


def _date_str(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _str_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]
