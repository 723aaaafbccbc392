"""Pass 1 over a notes file: the stories filed under each principle. A bullet, paragraph,
STAR block, `[[link]]` or table row names or defines a story and links it to the section's
principle; a question under a principle keeps the answer that follows it.
"""

from __future__ import annotations

import re

from loopprep.frameworks.topics import TopicList
from loopprep.model import Fragment, Framework, PrincipleSlug, SourceRef
from loopprep.notes.bullets import (
    is_placeholder,
    make_title,
    read_bullet,
    reflection_reason,
    split_stories,
    strip_lead_in,
)
from loopprep.notes.drafts import LinkDraft, ParsedNotes, QuestionDraft, place, short
from loopprep.notes.outline import Block, Heading, Item, ListBlock, Paragraph, details, render
from loopprep.notes.pointers import pointer
from loopprep.notes.principle_sections import empty_sections, principle_texts
from loopprep.notes.principles import match_principle
from loopprep.notes.question_text import answer_split, is_question
from loopprep.notes.questions import answer_paragraph
from loopprep.notes.registry import StoryRegistry
from loopprep.notes.sections import (
    enter_heading,
    first_sections,
    principle_heading,
    story_title,
    topic_list,
)
from loopprep.notes.star import StarStory, without_lead
from loopprep.notes.story_identity import define_titled, resolve_or_define, story_for_link
from loopprep.notes.story_note import collect_story_note
from loopprep.notes.structure import PrincipleTable, restructure

_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]")


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
    for number, block in enumerate(doc.blocks):
        above = doc.blocks[number - 1] if number else None
        if isinstance(block, Heading):
            enter_heading(doc, block, sections, framework, seen_headings, topics=topic_list(topics))
            asked = None
            opened = sections[-1] if sections else None
            if (opened is not None and opened.line == block.line and opened.kind == "asked"
                    and opened.principle is not None):
                asked = doc.ask(block.text, block.line, opened.principle)
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
            elif _over_questions(block, doc.blocks[number + 1: number + 2]):
                doc.note("question-group", f"'{short(block.text)}' is read as a heading over "
                         "the questions under it", block.line, "info")
            elif isinstance(above, Heading) and above.line == section.line and (
                    title := story_title(section)) is not None:
                # prose right under a story's heading tells that story
                _link(doc, define_titled(doc, title, section.line, registry), principle,
                      block.line, " ".join(block.text.split()))
            else:
                _story_paragraph(doc, block, principle, registry)
        elif isinstance(block, ListBlock):
            told = registry.by_title(without_lead(section.title)) if \
                section.kind == "stories" else None
            for item in block.items:
                asked_before = len(doc.questions)
                keys = _story_item(doc, item, principle, registry, framework)
                if told is not None and len(doc.questions) > asked_before and not doc.questions[
                        -1].story_keys:  # a question in a story's own section: it answers it
                    doc.questions[-1].link(told.key)
                if asked is not None:
                    asked.outline = "\n".join(filter(None, [asked.outline, *render(item)]))
                    asked.link(*keys)
            if section.kind != "asked":
                asked = None
    principle_texts(doc, texts, framework)
    empty_sections(doc, framework, seen_headings)


#: bullets under a principle that are about the notes, not a story: to-dos (`[ ]`, Logseq's
#: TODO), notes to self, mock-interview feedback
META_BULLET = re.compile(
    r"^\s*(?:(?P<a_to_do>\[[ xX]\]\s)|(?P<a_note_to_self>(?:note to self|nb|reminder)\s*[:\-–—])|"
    r"(?P<mock_feedback>(?:mock(?: interview)?\s+)?feedback\b[^:]{0,30}:))", re.IGNORECASE)


#: a line wholly in brackets, emphasis aside: '*(half done – need the Task)*'
_ASIDE = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)$")


def _principle_pointer(doc: ParsedNotes, item: Item, text: str, principle: PrincipleSlug,
                       registry: StoryRegistry, framework: Framework) -> list[str]:
    """A bullet whose page links all name principles ('[[Bias for Action]] again → Conveyor
    jam', 'see [[Customer Obsession]]') links no story of those names: the story an arrow
    points at is filed under this section's principle and the linked ones; with none, the
    bullet is a pointer to another principle's section, not a story."""
    _, answer, _ = answer_split(text)
    named = registry.by_title(answer) or registry.by_title_start(answer) or \
        registry.by_reference(answer) if answer else None
    if named is None:
        doc.note("not-a-story", f"'{short(text)}' points at a principle, not a story",
                 item.line, "info")
        place(doc, item, "finding:not-a-story")
        return []
    slugs = [principle, *(p.slug for target in _WIKILINK.findall(text)
                          if (p := match_principle(target.strip(), framework)[0]) is not None)]
    for slug in dict.fromkeys(slugs):
        _link(doc, named.key, slug, item.line, details(item))
    place(doc, item, f"story:{named.key}")
    return [named.key]


_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)")


def _meta_kind(text: str) -> str | None:
    """What a bullet or paragraph about the notes is ('a_to_do', 'mock_feedback', 'an_aside'
    …), bold or italic or not; None for any other text."""
    bare = _EMPHASIS.sub("", text).strip() if "*" in text or "_" in text else text.strip()
    meta = META_BULLET.match(bare)
    if meta is not None:
        return meta.lastgroup or "a_note"
    return "an_aside" if _ASIDE.match(bare) else None


def _story_item(
    doc: ParsedNotes, item: Item, principle: PrincipleSlug, registry: StoryRegistry,
    framework: Framework,
) -> list[str]:
    """File one bullet under a principle; the keys of the stories it names."""
    text = item.text.strip()
    line = item.line
    if not text and not item.children:
        doc.note("empty-bullet", "empty bullet ignored", line, "info")
        place(doc, item, "finding:empty-bullet")
        return []
    meta = _meta_kind(text)
    if meta is not None or item.checked is not None:
        kind = meta or "a_to_do"
        doc.note("not-a-story", f"'{short(text)}' is read as {kind.replace('_', ' ')}"
                 ", not a story", line, "info")
        place(doc, item, "finding:not-a-story")
        return []
    if is_question(text) or is_question(asked := strip_lead_in(text)[0]):
        # a question filed under a principle ('Example: Tell me about…'): that principle's
        asked, answer, _ = answer_split(text if is_question(text) else asked)
        draft = doc.ask(asked, line, principle)
        draft.outline = "\n".join([answer] * bool(answer) + [
            ln for child in item.children for ln in render(child)])
        said = [(answer, answer)] * bool(answer) + [(c.text, details(c)) for c in item.children]
        for told, detail in said:  # the answer after an arrow, an outline bullet: its story
            known = (registry.claimed(detail) or registry.resolve(registry.read(told))
                     or registry.by_title(told.strip()) or registry.by_reference(told)
                     or registry.most_like(told, strict=True))
            if known is not None:
                draft.link(known.key)
        place(doc, item, f"question:{len(doc.questions) - 1}")
        return []
    if not item.children:
        reason = reflection_reason(text)
        if reason is not None and (read_bullet(text).anchor is None or is_placeholder(text)):
            doc.note(
                "reflection",
                f"'{short(text)}' is read as a reflection, not a story: {reason}",
                line,
            )
            place(doc, item, "finding:reflection")
            return []
    if not item.children and (pointed := pointer(text, framework)) is not None:
        doc.pointers.append((line, pointed[0], principle, pointed[1]))  # filed once all is read
        doc.placed[line] = "pointer"
        return []
    links = _WIKILINK.findall(text)
    if links and all(principle_heading(target.strip(), framework) for target in links):
        return _principle_pointer(doc, item, text, principle, registry, framework)
    if links:
        keys = [story_for_link(doc, target.strip(), line, registry) for target in links]
        for key in keys:
            _link(doc, key, principle, line, details(item))
        place(doc, item, f"story:{keys[0]}")
        return keys
    detail = details(item)
    claimed = registry.claimed(detail)
    if claimed is not None:
        _link(doc, claimed.key, principle, line, detail)
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
        _link(doc, key, principle, line, detail if len(parts) == 1 else part.text)
    place(doc, item, f"story:{keys[0]}")
    return keys


def _over_questions(block: Paragraph, after: list[Block | StarStory | PrincipleTable]) -> bool:
    """'Questions this answers:' over a list of questions: a label, not a story."""
    return block.text.rstrip().endswith(":") and bool(after) and isinstance(
        after[0], ListBlock) and any(is_question(item.text) for item in after[0].items)


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
    return doc.ask(last, block.end_line, principle)


def _story_paragraph(
    doc: ParsedNotes, block: Paragraph, principle: PrincipleSlug, registry: StoryRegistry
) -> None:
    text = " ".join(block.text.split())
    if all(line.lstrip().startswith("|") for line in block.text.split("\n")):
        return  # a page's property table ('| Rehearsed? | ✅ |'): about its story, not one
    if (meta := _meta_kind(text)) is not None:
        doc.note("not-a-story", f"'{short(text)}' is read as {meta.replace('_', ' ')}, "
                 "not a story", block.line, "info")
        return
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
