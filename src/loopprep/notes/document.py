"""One notes file through an import: `read_document` splits front matter and outline,
then two passes over all files of an import, `collect_stories` (`notes.stories`) and
`collect_questions` (`notes.questions`), so a question outline can name a story defined
anywhere; `finish` reports on the import as a whole. Each file yields a `ParsedNotes`.
"""

from __future__ import annotations

from pathlib import Path

from loopprep.model import Finding, Framework
from loopprep.notes.drafts import (
    LinkDraft,
    ParsedNotes,
    PrincipleText,
    QuestionDraft,
    StoryDraft,
)
from loopprep.notes.frontmatter import split_front_matter
from loopprep.notes.outline import parse_outline
from loopprep.notes.question_text import clean_question, is_stem
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
    blocks = parse_outline(fm.body, fm.body_start_line)
    doc = ParsedNotes(display_path, fm.data, list(blocks), body_lines=fm.body.split("\n"),
                      body_start_line=fm.body_start_line)
    doc.is_story_note = looks_like_story_note(fm.data, blocks)
    # an index that `export vault` wrote only links to story notes: nothing to import
    doc.is_index = str(fm.data.get("type", "")).lower() == "story-index"
    return doc


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
