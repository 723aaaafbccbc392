"""Pass 2 over a notes file: questions and everything outside the principles. A question
(a bullet, a paragraph, a heading, or a stem its bullets finish) gets the outline under
it; an outline bullet may name or introduce a story. Technical sections go to
`loopprep.notes.technical`.
"""

from __future__ import annotations

import re

from loopprep.frameworks.topics import TopicList
from loopprep.model import Fragment, Framework, PrincipleSlug, SourceRef
from loopprep.notes import technical
from loopprep.notes.answer_names import answer_below, is_gap, named_story, refers_back
from loopprep.notes.bullets import is_placeholder, strip_lead_in
from loopprep.notes.drafts import LinkDraft, ParsedNotes, QuestionDraft, place, short
from loopprep.notes.outline import Heading, Item, ListBlock, Paragraph, details, render
from loopprep.notes.principles import normalise
from loopprep.notes.question_text import (
    STEM_END,
    answer_split,
    answers_in,
    clean_question,
    is_question,
    opens_a_question,
)
from loopprep.notes.registry import KnownStory, StoryRegistry
from loopprep.notes.sections import Section, enter_heading, first_sections, topic_list
from loopprep.notes.star import without_lead
from loopprep.notes.story_identity import resolve_or_define


def collect_questions(doc: ParsedNotes, framework: Framework, registry: StoryRegistry,
                      topics: TopicList | None = None) -> None:
    """Pass 2: questions and everything outside the principles, technical sections too."""
    if doc.is_story_note or doc.is_index:
        return
    sections = first_sections(doc)
    doc.technical_sections += len(sections)
    pending: QuestionDraft | None = None  # a question paragraph waiting for its outline
    callout: tuple[str, QuestionDraft] | None = None  # the callout titled by a question
    told, asked = None, len(doc.questions)  # the story a section tells; questions so far
    for block in doc.blocks:
        asked = _answered_by(doc, told, asked)
        if isinstance(block, Heading):
            enter_heading(doc, block, sections, framework, {}, record=False, topics=topic_list(topics))
            pending = None
            opened = sections[-1] if sections else None
            told = registry.by_title(without_lead(opened.title)) if opened and \
                opened.kind == "other" else None
            if (opened is not None and opened.line == block.line and opened.kind == "asked"
                    and opened.principle is None):
                pending = doc.ask(block.text, block.line)
            if opened is not None and opened.kind == "technical" and opened.line == block.line:
                doc.technical_sections += 1
                assert opened.place is not None
                if opened.place.subtopic is not None:
                    technical.track(doc, opened.place.subtopic, None, block.line)
            continue
        section = sections[-1] if sections else None
        kind = section.kind if section else "other"
        if kind in ("principle", "stories") or (kind == "asked" and section is not None
                                                 and section.principle is not None):
            pending = None  # read in pass 1, as that principle's stories; but a table of
            if section is not None and section.principle and isinstance(block, Paragraph) \
                    and not block.code:  # questions asks them, its stories filed there
                _question_table(doc, block, section.principle, registry)
            continue
        if kind == "asked" and pending is not None:
            if isinstance(block, Paragraph) and not block.code:
                answer_paragraph(pending, block, registry)
            elif isinstance(block, ListBlock):
                _question_list(doc, block, None, registry, pending)
            continue
        if kind == "stem" and section is not None and isinstance(block, ListBlock):
            _stem_list(doc, block, section, registry)
            pending = None
            continue
        if section is not None and kind == "technical" and isinstance(block, ListBlock | Paragraph):
            assert section.place is not None
            technical.take_block(doc, block, section.place, topic_list(topics))
            pending = None
            continue
        principle = section.principle if section else None
        if isinstance(block, Paragraph | ListBlock) and block.quote:
            callout = _callout_question(doc, block, principle, registry, callout)
            if callout is not None:  # '> [!question] Tell me about…' over its answer
                pending = None
                continue
        if isinstance(block, Paragraph) and not block.code and _question_table(
                doc, block, principle, registry):
            pending = None
            continue
        if isinstance(block, Paragraph) and pending is not None and not block.code and \
                _answered_below(doc, pending, block, registry):
            pending = None  # 'Q: Tell me…', a blank line, then 'A: Ferry refund'
            continue
        if isinstance(block, Paragraph):
            pending = None if block.code else _question_lines(doc, block, principle, registry)
            continue
        if isinstance(block, ListBlock):
            _question_list(doc, block, principle, registry, pending)
            pending = None
    _answered_by(doc, told, asked)


def _answered_below(doc: ParsedNotes, question: QuestionDraft, block: Paragraph,
                    registry: StoryRegistry) -> bool:
    """Whether the paragraph under a question's is its answer (and so read as one): it asks
    nothing, and opens with an answer's label or a known story's name."""
    lines = block.text.split("\n")
    if any(is_question(line) for line in lines):
        return False
    found = answer_below(block.text, registry)
    if found is None:
        return False
    answer, labelled = found
    _answer_on_the_line(doc, question, _index_of(doc, question),
                        Item(answer, block.line, 0, False), registry, define=labelled)
    if len(lines) > 1:
        question.outline = "\n".join(filter(None, [question.outline, *lines[1:]]))
    return True


def _answered_by(doc: ParsedNotes, told: KnownStory | None, asked: int) -> int:
    """Questions asked in a story's own section ('## Kiosk pilot' … 'Likely Q: … → this
    one') that name no other story are that story's; how many questions there are now."""
    if told is not None:
        for question in doc.questions[asked:]:
            if not question.story_keys:
                question.link(told.key)
    return len(doc.questions)


def _callout_question(doc: ParsedNotes, block: Paragraph | ListBlock,
                      principle: PrincipleSlug | None, registry: StoryRegistry,
                      callout: tuple[str, QuestionDraft] | None
                      ) -> tuple[str, QuestionDraft] | None:
    """A callout whose title asks ('> [!question] Tell me about…'): the question, its
    content (every block of the callout) the answer; None for any other block."""
    quote = block.quote or ""
    if callout is None or callout[0] != quote:
        title = quote.partition(": ")[2]
        if not is_question(title):
            return None
        callout = (quote, doc.ask(title, block.line - 1, principle))
    if isinstance(block, Paragraph):
        answer_paragraph(callout[1], block, registry)
    else:
        _question_list(doc, block, principle, registry, callout[1])
    return callout


def _question_lines(doc: ParsedNotes, block: Paragraph, principle: PrincipleSlug | None,
                    registry: StoryRegistry) -> QuestionDraft | None:
    """Each line of a paragraph that asks is a question, the lines after it (up to the next
    question) its answer: plain text writes 'Tell me about a time…?' then '-> Courier'. The
    question the paragraph ends with (if any) waits for the list after it."""
    current: QuestionDraft | None = None
    index = -1
    for offset, line in enumerate(block.text.split("\n")):
        number = block.line + offset
        if is_question(line) and not (current is not None and _ARROW_LEAD.match(line)):
            asked, answer, dashed = answer_split(line)
            current = doc.ask(asked, number, principle)
            index = len(doc.questions) - 1
            if answer:  # 'Likely Q: "Tell me about a time…" → Kiosk pilot'
                _answer_on_the_line(doc, current, index, Item(answer, number, 0, False), registry,
                                    define=not dashed)
        elif current is not None and (answer := _ARROW_LEAD.sub("", line).strip()):
            _answer_on_the_line(doc, current, index, Item(answer, number, 0, False), registry)
            if offset == block.text.count("\n"):
                return None
    return current


#: an answer line's arrow: '-> the night courier'
_ARROW_LEAD = re.compile(r"^\s*(?:→|->|=>|⇒)\s*")


def _question_list(
    doc: ParsedNotes,
    block: ListBlock,
    principle: PrincipleSlug | None,
    registry: StoryRegistry,
    pending: QuestionDraft | None,
) -> None:
    current = pending
    current_index = _index_of(doc, pending) if pending is not None else -1
    for item in block.items:
        if item.checked is not None and not opens_a_question(item.text):
            # a to-do ('[ ] find a BfA story', '[ ] no HSS story yet, maybe #2?') asks nothing
            doc.note("not-a-story", f"'{short(item.text)}' is read as a to-do, not a story",
                     item.line, "info")
            place(doc, item, "finding:not-a-story")
        elif is_question(item.text):
            asked, answer, dashed = answer_split(item.text)
            current = doc.ask(asked, item.line, principle)
            current_index = len(doc.questions) - 1
            for line in item.lines:
                doc.placed[line] = f"question:{current_index}"
            answers = answers_in(answer) if answer else []
            answers += [v for k, v in item.properties.items() if _ANSWER_KEY.match(k) and v]
            for text in answers:  # after an arrow, or in a property ('  answer:: [[Title]]')
                answer_item = Item(text, item.line, item.indent, item.ordered)
                _answer_on_the_line(doc, current, current_index, answer_item, registry,
                                    define=not (dashed and text in answer))
            for child in item.children:
                _outline_item(doc, current, current_index, child, registry)
        elif current is not None:
            _outline_item(doc, current, current_index, item, registry)
        elif any(is_question(sub.text) for child in item.children for sub in child.walk()):
            # a bullet over questions ('Likely questions'), or over what holds them (a
            # journal's day '[[Jan 9th, 2026]]'): they are asked under it
            doc.note("question-group", f"'{short(item.text)}' is read as a heading over the "
                     "questions under it", item.line, "info")
            doc.placed[item.line] = "finding:question-group"
            _question_list(doc, ListBlock(item.children, item.children[0].line), principle,
                           registry, None)
        elif doc.placed.get(item.line, "").startswith("story:"):
            continue  # a story its line files under principles ('Bot - ownership, dive deep')
        else:
            under = len(item.walk()) - 1  # what it holds goes with it: say so
            held = f" (with the {under} bullet{'s' * (under > 1)} under it)" if under else ""
            doc.note(
                "unplaced-bullet",
                f"'{short(item.text)}'{held} is outside the principles and answers no "
                "question; left in your notes, not imported",
                item.line,
                "info",
            )
            place(doc, item, "finding:unplaced-bullet")


#: a question's property that gives its answer: Logseq's '  answer:: [[Title]]'
_ANSWER_KEY = re.compile(r"^(?:answers?|stor(?:y|ies)|use|examples?)$")

#: a table's column of questions (past 'Question'), when each of its cells asks one
_ASKED_COLUMN = re.compile(r"^(?:name|title|prompts?|q|asked)$")
#: a table's column of the stories answering them
_STORY_COLUMN = re.compile(r"\b(?:stor(?:y|ies)|answers?|examples?)\b|^(?:use|a)$")

_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")


def _question_table(doc: ParsedNotes, block: Paragraph, principle: PrincipleSlug | None,
                    registry: StoryRegistry) -> bool:
    """A `| Question | Story |` table: each row a question, its story cell the answer."""
    lines = block.text.strip().split("\n")
    if len(lines) < 3 or not _TABLE_RULE.match(lines[1].strip()) or not all(
            line.strip().startswith("|") for line in lines):
        return False
    header = [c.strip(" *_").lower() for c in lines[0].strip().strip("|").split("|")]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[2:]]
    asked = next((i for i, c in enumerate(header) if re.search(r"\bquestions?\b", c)), None)
    if asked is None:  # a database's title column ('Name', 'Prompt') of questions only
        asked = next((i for i, c in enumerate(header) if _ASKED_COLUMN.match(c) and all(
            is_question(r[i]) for r in rows if i < len(r) and r[i])), None)
    story = next((i for i, c in enumerate(header) if i != asked and _STORY_COLUMN.search(c)),
                 None)
    if asked is None or story is None:
        return False
    for offset, cells in enumerate(rows, start=2):
        if max(asked, story) >= len(cells) or not cells[asked]:
            continue
        number = block.line + offset
        draft = doc.ask(cells[asked], number, principle)
        index = len(doc.questions) - 1
        doc.placed[number] = f"question:{index}"
        if cells[story]:
            _answer_on_the_line(doc, draft, index, Item(cells[story], number, 0, False), registry)
        if principle is not None:  # under a principle's heading: its stories are filed there
            doc.links += [LinkDraft(key, principle, SourceRef(doc.path, number), "table")
                          for key in draft.story_keys]
    return True


def _answer_on_the_line(doc: ParsedNotes, question: QuestionDraft, index: int, item: Item,
                        registry: StoryRegistry, *, define: bool = True) -> None:
    """The answer written after a question on its line (or in its row): a story named by
    the start of its title ('→ depot spreadsheet'), else read like an answer bullet."""
    answer = item.text.strip(" .")
    named = (registry.by_title_start(answer) or registry.by_title_words(answer)) if \
        registry.by_title(answer) is None else None
    if named is None:
        _outline_item(doc, question, index, item, registry, define=define)
        return
    question.outline = "\n".join(filter(None, [question.outline, item.text]))
    question.link(named.key)


def _index_of(doc: ParsedNotes, question: QuestionDraft) -> int:
    """Where `question` is in the file's questions (looked for from the end: it is most
    often the last one asked)."""
    for index in range(len(doc.questions) - 1, -1, -1):
        if doc.questions[index] is question:
            return index
    return -1


def _outline_item(
    doc: ParsedNotes, question: QuestionDraft, index: int, item: Item, registry: StoryRegistry,
    *, define: bool = True,
) -> None:
    """One top-level bullet of an answer outline; it may name or (with `define`) introduce
    a story. An answer after a dash introduces none: the dash may only go on the question."""
    question.outline = "\n".join(filter(None, [question.outline, *render(item)]))
    place(doc, item, f"question:{index}")
    text = item.text.strip()
    if is_placeholder(_ARROW_LEAD.sub("", text)) or is_gap(_ARROW_LEAD.sub("", text)):
        return  # '→ ??? nothing yet', '?? maybe the replay job': no story to link
    _, lead_in = strip_lead_in(text)
    bullet = registry.read(text)
    known = registry.claimed(details(item)) or registry.resolve(bullet) or (
        registry.by_reference(text) if bullet.anchor is None else None)
    key: str | None = known.key if known is not None else None
    if key is None and not lead_in:  # a code, or a whole title ('answer with [[Title]]')
        mentioned = registry.mentioned_in(details(item)) or (
            registry.titled_in(details(item)) if bullet.anchor is None else [])
        if mentioned:
            question.link(*(story.key for story in mentioned))
            return
    if key is None and lead_in and (opening := _opening_title(text, registry)) is not None:
        question.link(opening.key)  # '→ Ferry refund? maybe'
        return
    if key is None and (named := named_story(text, registry)) is not None:
        question.link(named.key)  # '→ carrier contract story. Lead with the data'
        return
    if key is None and (like := registry.most_like(  # (a lead-in may introduce a story)
            text, strict=bool(lead_in or bullet.anchor))) is not None:
        question.link(like.key)  # 'A: depot audit' for 'Depot key audit'
        return
    if key is None and define and (lead_in or bullet.anchor) and not refers_back(text):
        key = resolve_or_define(doc, bullet, item.line, registry, split=False)
    if key is not None:
        question.link(key)
        doc.fragments.append((key, Fragment(details(item), SourceRef(doc.path, item.line), None)))


def _opening_title(text: str, registry: StoryRegistry) -> KnownStory | None:
    """The known story whose title opens an answer after its lead-in ('→ Ferry refund?
    maybe'); never one named further on ('Example: Kiosk rework at St Mary's')."""
    body = f"{normalise(strip_lead_in(text)[0])} "
    return next((story for story in registry.titled_in(body)
                 if body.startswith(f"{normalise(story.title)} ")), None)


#: where a finished stem's question ends and its answer begins: 'you failed → Payment outage'
_ANSWER_ARROW = re.compile(r"\s+(?:→|->|=>|⇒|—|–|-)\s+|\s*(?:→|->|=>|⇒)\s*")


def _stem_list(doc: ParsedNotes, block: ListBlock, section: Section,
               registry: StoryRegistry) -> None:
    """Bullets under a stem heading: each finishes the question; what follows an arrow or a
    dash, and any nested bullets, is its answer."""
    stem = STEM_END.sub("", clean_question(section.title)).rstrip(" …")
    for item in block.items:
        parts = _ANSWER_ARROW.split(item.text.strip(), maxsplit=1)
        ending = parts[0].strip().rstrip("?.").strip()
        if not ending:
            continue
        # 'you failed' stays as written; 'You failed' reads on from the stem in lower case,
        # but an acronym ('AWS migration') keeps its capitals
        if ending[:1].isupper() and not ending[1:2].isupper():
            ending = ending[0].lower() + ending[1:]
        asks = re.match(r"(?:have|has|did|do|what|when|how|why|can|could|would)\b", stem, re.I)
        text = f"{stem} {ending}{'?' if asks else '.'}"
        draft = doc.ask(text, item.line, section.principle)
        index = len(doc.questions) - 1
        for line in item.lines:
            doc.placed[line] = f"question:{index}"
        if len(parts) > 1 and parts[1].strip():
            answer = Item(parts[1].strip(), item.line, item.indent, item.ordered)
            _outline_item(doc, draft, index, answer, registry)
        for child in item.children:
            _outline_item(doc, draft, index, child, registry)


def answer_paragraph(question: QuestionDraft, block: Paragraph, registry: StoryRegistry) -> None:
    """A paragraph under a question heading: part of the answer; a story it names is linked."""
    text = " ".join(block.text.split())
    question.outline = "\n".join(filter(None, [question.outline, text]))
    question.link(*(named.key for named in registry.titled_in(text)
                    or registry.mentioned_in(text)))
