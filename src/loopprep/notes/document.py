"""Turning one notes file into drafts: stories, principle links, questions with their
answer outlines, the principle texts the notes carry, technical topics tracked (see
`loopprep.notes.technical`), and findings in plain words.

Parsing is two passes over all files of an import (`collect_stories`, then
`collect_questions`) so a question outline can name a story defined anywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from loopprep.frameworks.topics import TopicList
from loopprep.model import Finding, Fragment, Framework, PrincipleSlug, SourceRef
from loopprep.notes.bullets import (
    make_title,
    read_bullet,
    reflection_reason,
    split_stories,
)
from loopprep.notes.drafts import (
    LinkDraft,
    ParsedNotes,
    PrincipleText,
    QuestionDraft,
    StoryDraft,
    place,
    short,
)
from loopprep.notes.frontmatter import split_front_matter
from loopprep.notes.outline import Heading, Item, ListBlock, Paragraph, details, parse_outline, render
from loopprep.notes.principles import normalise
from loopprep.notes.question_text import clean_question, is_question, is_stem
from loopprep.notes.questions import answer_paragraph, collect_questions
from loopprep.notes.registry import StoryRegistry
from loopprep.notes.sections import enter_heading, first_sections, principle_heading, topic_list
from loopprep.notes.star import StarStory
from loopprep.notes.story_identity import define_titled, resolve_or_define, story_for_link
from loopprep.notes.story_note import (
    STRUCTURE_LINE,
    collect_story_note,
    escape_line,
    looks_like_story_note,
    unescape_line,
)
from loopprep.notes.structure import PrincipleTable, restructure

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

_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")


def read_document(path: Path, text: str, display_path: str) -> ParsedNotes:
    """Split front matter and outline; no interpretation yet."""
    fm = split_front_matter(text, path)
    blocks = parse_outline(fm.body, fm.body_start_line)
    doc = ParsedNotes(display_path, fm.data, list(blocks), body_lines=fm.body.split("\n"),
                      body_start_line=fm.body_start_line)
    doc.is_story_note = looks_like_story_note(fm.data, blocks)
    # an index that `export vault` wrote only links to story notes: nothing to import
    doc.is_index = str(fm.data.get("type", "")).lower() == "story-index"
    return doc


# ---------------------------------------------------------------------------------------
# pass 1: stories


def collect_stories(doc: ParsedNotes, framework: Framework, registry: StoryRegistry,
                    topics: TopicList | None = None) -> None:
    if doc.is_index:
        return
    if doc.is_story_note:
        collect_story_note(doc, framework, registry)
        return
    doc.blocks = restructure([b for b in doc.blocks if isinstance(b, Heading | Paragraph | ListBlock)],
                             framework, lambda text: principle_heading(text, framework))
    star_keys = {id(b): _define_star_story(doc, b, registry)
                 for b in doc.blocks if isinstance(b, StarStory) and b.title}
    sections = first_sections(doc)
    texts: dict[PrincipleSlug, list[Paragraph]] = {}
    seen_headings: dict[PrincipleSlug, int] = {}
    asked: QuestionDraft | None = None  # a question paragraph under a principle
    for block in doc.blocks:
        if isinstance(block, Heading):
            enter_heading(doc, block, sections, framework, seen_headings, topics=topic_list(topics))
            asked = None
            opened = sections[-1] if sections else None
            if (opened is not None and opened.line == block.line and opened.kind == "asked"
                    and opened.principle is not None):
                asked = QuestionDraft(clean_question(block.text), SourceRef(doc.path, block.line),
                                      [opened.principle])
                doc.questions.append(asked)
            continue
        section = sections[-1] if sections else None
        principle = section.principle if section and section.kind in ("principle", "stories",
                                                                     "asked") else None
        if isinstance(block, StarStory):
            key = star_keys.get(id(block)) or _define_star_story(doc, block, registry)
            _file_star_story(doc, block, key, principle)
            continue
        if isinstance(block, PrincipleTable):
            _table_links(doc, block, registry)
            continue
        if principle is None or section is None:
            continue
        if isinstance(block, Paragraph):
            if block.code:
                continue
            asked = _principle_question(doc, block, principle)
            if asked is not None:
                block = Paragraph("\n".join(block.text.split("\n")[:-1]), block.line,
                                  block.end_line - 1)
                if not block.text.strip():
                    continue
            if section.kind == "principle":
                texts.setdefault(principle, []).append(block)
            elif section.kind == "asked" and asked is not None:
                answer_paragraph(asked, block, registry)
            else:
                _story_paragraph(doc, block, principle, registry)
        elif isinstance(block, ListBlock):
            for item in block.items:
                keys = _story_item(doc, item, principle, registry)
                if asked is not None:
                    asked.outline = "\n".join(filter(None, [asked.outline, *render(item)]))
                    asked.story_keys.extend(k for k in keys if k not in asked.story_keys)
            if section.kind != "asked":
                asked = None
    _principle_texts(doc, texts, framework)
    _empty_sections(doc, framework, seen_headings)


def _story_item(
    doc: ParsedNotes, item: Item, principle: PrincipleSlug, registry: StoryRegistry
) -> list[str]:
    """File one bullet under a principle; the keys of the stories it names."""
    text = item.text.strip()
    line = item.line
    if not text and not item.children:
        doc.note("empty-bullet", "empty bullet ignored", line, "info")
        place(doc, item, "finding:empty-bullet")
        return []
    if is_question(text):
        # a question filed under a principle: keep it as that principle's question
        draft = QuestionDraft(clean_question(text), SourceRef(doc.path, line), [principle])
        draft.outline = "\n".join(ln for child in item.children for ln in render(child))
        doc.questions.append(draft)
        place(doc, item, f"question:{len(doc.questions) - 1}")
        return []
    if not item.children:
        reason = reflection_reason(text)
        if reason is not None and read_bullet(text).anchor is None:
            doc.note(
                "reflection",
                f"'{short(text)}' is read as a reflection, not a story: {reason}",
                line,
            )
            place(doc, item, "finding:reflection")
            return []
    links = _WIKILINK.findall(text)
    if links:
        keys = [story_for_link(doc, target.strip(), line, registry) for target in links]
        for key in keys:
            _link(doc, key, principle, line, details(item))
        place(doc, item, f"story:{keys[0]}")
        return keys
    claimed = registry.claimed(details(item))
    if claimed is not None:
        _link(doc, claimed.key, principle, line, details(item))
        place(doc, item, f"story:{claimed.key}")
        return [claimed.key]
    bullet = registry.read(text)
    parts = split_stories(bullet)
    keys = []
    for part in parts:
        claimed = registry.claimed(part.text) if len(parts) > 1 else None
        key = claimed.key if claimed is not None else resolve_or_define(
            doc, part, line, registry, split=len(parts) > 1)
        keys.append(key)
        detail = details(item) if len(parts) == 1 else part.text
        _link(doc, key, principle, line, detail)
    place(doc, item, f"story:{keys[0]}")
    return keys


def _define_star_story(doc: ParsedNotes, story: StarStory, registry: StoryRegistry) -> str:
    title = story.title or make_title(story.parts.get("situation") or story.text)
    if not story.title:
        doc.note("untitled-star",
                 f"a STAR block with no title line; it is titled '{title}' from its first "
                 "part. Put a short title line (e.g. **Payment outage**) just above it to "
                 "name it, and to refer to it from other principles",
                 story.line, "info")
    key = define_titled(doc, title, story.line, registry)
    doc.star_parts.setdefault(key, dict(story.parts))
    return key


def _file_star_story(doc: ParsedNotes, story: StarStory, key: str,
                     principle: PrincipleSlug | None) -> None:
    """A STAR story's text is one fragment, filed under its section's principle and the
    principles its 'LPs:' line lists."""
    source = SourceRef(doc.path, story.line)
    principles = [p for p in [principle, *story.principles] if p is not None]
    doc.fragments.append((key, Fragment(story.text, source, principles[0] if principles else None)))
    first = story.text.split("\n")[0]
    for slug in dict.fromkeys(principles):
        doc.links.append(LinkDraft(key, slug, source, first))
    for line in story.lines:
        doc.placed[line] = f"story:{key}"


def _table_links(doc: ParsedNotes, table: PrincipleTable, registry: StoryRegistry) -> None:
    """Each row of a `| LP | Story |` table files the stories it names under its principles."""
    for row in table.rows:
        for title in row.titles:
            key = define_titled(doc, title, row.line, registry)
            for slug in row.principles:
                doc.links.append(LinkDraft(key, slug, SourceRef(doc.path, row.line), title))
            doc.placed[row.line] = f"story:{key}"


def _principle_question(doc: ParsedNotes, block: Paragraph,
                        principle: PrincipleSlug) -> QuestionDraft | None:
    """A paragraph under a principle that ends with a question ('**Q:** Tell me about…'):
    the question, filed under the principle; the list after it is its answer."""
    last = block.text.strip().split("\n")[-1]
    if not is_question(last):
        return None
    draft = QuestionDraft(clean_question(last), SourceRef(doc.path, block.end_line), [principle])
    doc.questions.append(draft)
    return draft


def _story_paragraph(
    doc: ParsedNotes, block: Paragraph, principle: PrincipleSlug, registry: StoryRegistry
) -> None:
    text = " ".join(block.text.split())
    if reflection_reason(text) is not None and read_bullet(text).anchor is None:
        doc.note("reflection", f"'{short(text)}' is read as a reflection, not a story",
                 block.line, "info")
        return
    claimed = registry.claimed(text)
    key = claimed.key if claimed is not None else resolve_or_define(
        doc, registry.read(text), block.line, registry, split=False)
    _link(doc, key, principle, block.line, text)


def _link(doc: ParsedNotes, key: str, principle: PrincipleSlug | None, line: int,
          text: str) -> None:
    source = SourceRef(doc.path, line)
    doc.fragments.append((key, Fragment(text, source, principle)))
    if principle is not None:
        doc.links.append(LinkDraft(key, principle, source, text.split("\n")[0]))


def _principle_texts(
    doc: ParsedNotes, texts: dict[PrincipleSlug, list[Paragraph]], framework: Framework
) -> None:
    """Keep each principle's own text from the notes; report lines pasted from another."""
    # (principle, index of the line within its section, file line, text)
    lines: list[tuple[PrincipleSlug, int, int, str]] = []
    for slug, paras in texts.items():
        index = 0
        for para in paras:
            for offset, text in enumerate(para.text.split("\n")):
                if text.strip():
                    lines.append((slug, index, para.line + offset, text))
                    index += 1
    stray: set[tuple[PrincipleSlug, int]] = set()
    for slug, index, line_no, text in lines:
        words = _word_set(text)
        if len(words) < 8:
            continue
        for other, other_index, other_line, other_text in lines:
            if other == slug or (other, other_line) in stray:
                continue
            other_words = _word_set(other_text)
            if len(words & other_words) / max(1, len(words | other_words)) < 0.8:
                continue
            own_fit = _keyword_fit(text, framework, slug)
            other_fit = _keyword_fit(text, framework, other)
            if other_fit > own_fit or (other_fit == own_fit and index > other_index):
                stray.add((slug, line_no))
                here, there = framework.get(slug), framework.get(other)
                doc.note(
                    "pasted-text",
                    f"the text under {here.name if here else slug} repeats the text of "
                    f"{there.name if there else other} (line {other_line}); it looks pasted "
                    "here by mistake and is not used as this principle's description",
                    line_no,
                )
                break
    for slug in texts:
        kept = [(n, t) for s_, _, n, t in lines if s_ == slug and (slug, n) not in stray]
        if kept:
            doc.principle_texts.append(
                PrincipleText(slug, "\n".join(t for _, t in kept), SourceRef(doc.path, kept[0][0]))
            )


def _word_set(text: str) -> set[str]:
    return set(normalise(text).split())


def _keyword_fit(text: str, framework: Framework, slug: PrincipleSlug) -> int:
    principle = framework.get(slug)
    if principle is None:
        return 0
    norm = f" {normalise(text)} "
    return sum(1 for k in principle.keywords if f" {normalise(k)} " in norm)


def _empty_sections(doc: ParsedNotes, framework: Framework, seen: dict[PrincipleSlug, int]) -> None:
    linked = {link.principle for link in doc.links}
    reflections = {f.source.line for f in doc.findings if f.code == "reflection" and f.source}
    for slug, line in seen.items():
        if slug in linked:
            continue
        principle = framework.get(slug)
        name = principle.name if principle else slug
        if any(_section_owner(doc, r, seen) == slug for r in reflections):
            doc.note("no-story", f"{name} has no story, only a reflection", line)
        else:
            doc.note("no-story", f"{name} has no story yet", line)


def _section_owner(doc: ParsedNotes, line: int, seen: dict[PrincipleSlug, int]) -> PrincipleSlug | None:
    owner = None
    for slug, start in sorted(seen.items(), key=lambda kv: kv[1]):
        if start <= line:
            owner = slug
    return owner


def finish(docs: list[ParsedNotes], framework: Framework) -> list[Finding]:
    """Findings about the import as a whole: principles missing from every file."""
    found = {slug for doc in docs for slug in doc.principles_found}
    found |= {link.principle for doc in docs for link in doc.links}
    if max((doc.principle_headings for doc in docs), default=0) < 3:
        return []
    out = []
    for principle in framework.principles:
        if principle.slug not in found:
            out.append(
                Finding(
                    "missing-principle",
                    f"{principle.name} is not in your notes: no heading names it and no "
                    "story is filed under it",
                )
            )
    return out


#: the name `tests/test_note_styles.py` imports it by, from before it moved
_is_stem = is_stem
