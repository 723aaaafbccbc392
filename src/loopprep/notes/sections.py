"""The section a heading opens as a pass walks a file: a principle, its stories or its
questions, a question asked (or a stem left to finish), a technical topic, or other.
Both passes keep a stack of these; only pass 1 records the principles found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loopprep.frameworks.topics import TopicList, load_topics
from loopprep.model import Framework, PrincipleSlug
from loopprep.notes import technical
from loopprep.notes.drafts import ParsedNotes
from loopprep.notes.outline import Heading
from loopprep.notes.principles import match_principle
from loopprep.notes.question_text import is_question, is_stem
from loopprep.notes.star import NUMBERED_TITLE

_STORY_HEADINGS = re.compile(
    r"^(?:me|mine|my (?:stories|examples|answers|experience)|stories|story|examples?|"
    r"experiences?|answers?)$",
    re.IGNORECASE,
)
_QUESTION_HEADINGS = re.compile(r"\bquestions?\b", re.IGNORECASE)


@dataclass
class Section:
    level: int
    kind: str  # principle | stories | questions | asked | stem | technical | other
    principle: PrincipleSlug | None
    title: str
    line: int
    place: technical.Place | None = None  # in a technical section: its topic and subtopic


def first_sections(doc: ParsedNotes) -> list[Section]:
    """A note whose front matter says `type: technical` is one technical section."""
    if str(doc.front_matter.get("type", "")).strip().lower() in technical.TECHNICAL_NOTE_TYPES:
        return [Section(0, "technical", None, "", 0, technical.Place(None))]
    return []


def topic_list(topics: TopicList | None) -> TopicList:
    return topics if topics is not None else load_topics()


def enter_heading(
    doc: ParsedNotes,
    heading: Heading,
    sections: list[Section],
    framework: Framework,
    seen: dict[PrincipleSlug, int],
    *,
    record: bool = True,
    topics: TopicList,
) -> None:
    """Push the section a heading opens; with `record`, note principles found (pass 1)."""
    while sections and sections[-1].level >= heading.level:
        sections.pop()
    parent = sections[-1] if sections else None
    if parent is not None and parent.kind == "technical" and parent.place is not None:
        place = technical.inner_place(heading.text, parent.place, topics)
        sections.append(Section(heading.level, "technical", None, heading.text, heading.line, place))
        return
    inside = parent.principle if parent and parent.kind in ("principle", "stories") else None
    principle, _ = match_principle(heading.text, framework)
    if principle is not None and not _STORY_HEADINGS.match(heading.text.strip()):
        if record and principle.slug in seen:
            doc.note(
                "duplicate-heading",
                f"{principle.name} has a second heading here (first at line "
                f"{seen[principle.slug]}); both sections are read",
                heading.line,
                "info",
            )
        elif record:
            doc.principle_headings += 1
            seen[principle.slug] = heading.line
            doc.principles_found.append(principle.slug)
        sections.append(Section(heading.level, "principle", principle.slug, heading.text,
                                 heading.line))
    elif is_stem(heading.text):
        # 'Tell me about a time…' over bullets that finish the question
        sections.append(Section(heading.level, "stem", inside, heading.text, heading.line))
    elif is_question(heading.text):
        # '## Tell me about a time you failed' over its answer
        sections.append(Section(heading.level, "asked", inside, heading.text, heading.line))
    elif inside is not None and _QUESTION_HEADINGS.search(heading.text):
        sections.append(Section(heading.level, "questions", inside, heading.text, heading.line))
    elif inside is not None:
        sections.append(Section(heading.level, "stories", inside, heading.text, heading.line))
    elif (opened := technical.opening_place(heading.text, topics)) is not None:
        sections.append(Section(heading.level, "technical", None, heading.text, heading.line,
                                 opened))
    else:
        sections.append(Section(heading.level, "other", None, heading.text, heading.line))


def principle_heading(text: str, framework: Framework) -> bool:
    return match_principle(text, framework)[0] is not None and not _STORY_HEADINGS.match(
        text.strip())


def story_title(section: Section) -> str | None:
    """The story a heading inside a principle's section names ('## 6.1 Learning SQL for the
    report'), without its markup or number; None for a heading over several ('Stories')."""
    if section.kind != "stories":
        return None
    bare = re.sub(r"^(\*\*|__)(.+)\1$", r"\2", section.title.strip()).strip()
    bare = NUMBERED_TITLE.sub("", bare).strip()
    return bare if bare and not _STORY_HEADINGS.match(bare) else None
