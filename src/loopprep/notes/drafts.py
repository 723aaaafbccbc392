"""What one notes file contributes to an import: drafts of stories, principle links,
questions and principle texts, gathered on `ParsedNotes` with the findings and where each
list line went.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from loopprep.frameworks.topics import Subtopic
from loopprep.model import Finding, Fragment, PrincipleSlug, Severity, SourceRef
from loopprep.notes.outline import Item
from loopprep.notes.question_text import clean_question
from loopprep.notes.structure import Piece


@dataclass
class TechnicalDraft:
    """A subtopic the notes track, with the done state of its checkbox (None: no checkbox)."""

    subtopic: Subtopic
    checked: bool | None
    source: SourceRef


@dataclass
class TechnicalNote:
    """A bullet or paragraph kept as a note on a subtopic, a topic, or the section (GENERAL);
    `checked` is set for a checklist step."""

    subject: str
    text: str
    checked: bool | None
    source: SourceRef


@dataclass(slots=True)
class StoryDraft:
    """A story as the notes define it (its first appearance)."""

    key: str
    title: str
    anchor: str | None
    source: SourceRef
    origin: str = "notes"
    explicit_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # structured notes: org, date, STAR…


@dataclass(slots=True)
class LinkDraft:
    story_key: str
    principle: PrincipleSlug
    source: SourceRef
    evidence: str


@dataclass
class QuestionDraft:
    text: str
    source: SourceRef
    principles: list[PrincipleSlug] = field(default_factory=list)
    outline: str = ""
    story_keys: list[str] = field(default_factory=list)

    def link(self, *keys: str) -> None:
        """The answer names these stories (each kept once, in order)."""
        self.story_keys.extend(k for k in dict.fromkeys(keys) if k not in self.story_keys)


@dataclass
class PrincipleText:
    principle: PrincipleSlug
    text: str
    source: SourceRef


@dataclass
class ParsedNotes:
    """Everything one file contributes to an import."""

    path: str
    front_matter: dict[str, Any]
    blocks: list[Piece]
    is_story_note: bool = False
    is_index: bool = False
    body_lines: list[str] = field(default_factory=list)  # the text after the front matter
    body_start_line: int = 1
    stories: list[StoryDraft] = field(default_factory=list)
    #: STAR parts the notes tell (a `**Situation:** …` run), by story key: they fill a
    #: story's empty parts
    star_parts: dict[str, dict[str, str]] = field(default_factory=dict)
    fragments: list[tuple[str, Fragment]] = field(default_factory=list)
    links: list[LinkDraft] = field(default_factory=list)
    questions: list[QuestionDraft] = field(default_factory=list)
    principle_texts: list[PrincipleText] = field(default_factory=list)
    principles_found: list[PrincipleSlug] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: line of every list item -> where it went ('story:KEY', 'question:N', 'finding:CODE',
    #: 'technical:SUBJECT')
    placed: dict[int, str] = field(default_factory=dict)
    principle_headings: int = 0
    #: line -> principles a story line names after its title (`Pager storm (OWN, BFA)`)
    line_principles: dict[int, list[PrincipleSlug]] = field(default_factory=dict)
    #: line -> principles a story's detail adds (`also for Earn Trust – …`)
    also_principles: dict[int, list[PrincipleSlug]] = field(default_factory=dict)
    #: (line, title, its principle, the principle it points at): 'the audit (see DD)'
    pointers: list[tuple[int, str, PrincipleSlug, PrincipleSlug]] = field(default_factory=list)
    #: principles the note names for its one story (`lps:` front matter, `#lp/…` tag lines)
    note_principles: list[PrincipleSlug] = field(default_factory=list)
    #: story key -> the date its line gives after the title ('(2023)')
    story_dates: dict[str, str] = field(default_factory=dict)
    technical: list[TechnicalDraft] = field(default_factory=list)
    technical_notes: list[TechnicalNote] = field(default_factory=list)
    technical_sections: int = 0

    def ask(self, text: str, line: int, principle: PrincipleSlug | None = None) -> QuestionDraft:
        """A question the notes ask at `line` (wording cleaned), filed under `principle`."""
        draft = QuestionDraft(clean_question(text), SourceRef(self.path, line),
                              [principle] if principle else [])
        self.questions.append(draft)
        return draft

    def note(self, code: str, message: str, line: int | None, severity: Severity = "warning") -> None:
        source = SourceRef(self.path, line) if line is not None else None
        self.findings.append(Finding(code, message, source, severity))


def place(doc: ParsedNotes, item: Item, where: str) -> None:
    for sub in item.walk():
        for line in sub.lines:
            doc.placed[line] = where


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
