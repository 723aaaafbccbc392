"""One notes file through an import: `read_document` splits front matter and outline,
then two passes over all files of an import, `collect_stories` (`notes.stories`) and
`collect_questions` (`notes.questions`), so a question outline can name a story defined
anywhere; `finish` reports on the import as a whole. Each file yields a `ParsedNotes`.
"""

from __future__ import annotations

from pathlib import Path

from loopprep.errors import NotesError
from loopprep.model import Finding, Framework
from loopprep.notes.drafts import (
    LinkDraft,
    ParsedNotes,
    PrincipleText,
    QuestionDraft,
    StoryDraft,
)
from loopprep.notes.frontmatter import split_front_matter
from loopprep.notes.outline import TooDeep, parse_outline
from loopprep.notes.question_text import clean_question
from loopprep.notes.questions import collect_questions
from loopprep.notes.stories import collect_stories
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


def read_document(path: Path, text: str, display_path: str) -> ParsedNotes:
    """Split front matter and outline; no interpretation yet."""
    fm = split_front_matter(text, path)
    try:
        blocks = parse_outline(fm.body, fm.body_start_line)
    except TooDeep as deep:
        raise NotesError(path, str(deep), line=deep.line,
                         hint="Indent less: keep lists a few levels deep.") from None
    doc = ParsedNotes(display_path, fm.data, list(blocks), body_lines=fm.body.split("\n"),
                      body_start_line=fm.body_start_line)
    doc.is_story_note = looks_like_story_note(fm.data, blocks)
    # an index that `export vault` wrote only links to story notes: nothing to import
    doc.is_index = str(fm.data.get("type", "")).lower() == "story-index"
    return doc


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
