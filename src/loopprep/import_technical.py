"""Applying the technical sections of an import: the subtopics the notes track (with their
checkboxes) and the notes' own notes, inside the import's transaction. Ratings and the
practice log are never touched; a subtopic gone from its notes is marked so, not deleted.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from loopprep.store import technical as tech_rows

if TYPE_CHECKING:
    from loopprep.notes.document import ParsedNotes
    from loopprep.notes.drafts import TechnicalDraft


@dataclass
class TechnicalChanges:
    """Subtopic ids the import added, changed (checkbox, name or file), left alone, or found
    gone from their notes."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    notes: int = 0


def apply_technical(conn: sqlite3.Connection, docs: list[ParsedNotes], paths: list[str],
                    now: datetime) -> TechnicalChanges:
    changes = TechnicalChanges()
    before = tech_rows.rows_from_sources(conn, paths)
    drafts: dict[str, TechnicalDraft] = {}
    for doc in docs:
        for draft in doc.technical:
            first = drafts.setdefault(draft.subtopic.id, draft)
            if first.checked is None:
                first.checked = draft.checked
    for subtopic_id, draft in drafts.items():
        sub = draft.subtopic
        outcome = tech_rows.upsert_from_notes(conn, subtopic_id, sub.topic, sub.name, sub.origin,
                                              draft.checked, draft.source.path, draft.source.line,
                                              now)
        getattr(changes, outcome).append(subtopic_id)
    gone = sorted(i for i, row in before.items() if i not in drafts and not row.archived)
    tech_rows.archive_from_notes(conn, gone, now)
    changes.archived = gone
    notes = [(n.subject, n.text, n.checked, n.source.path, n.source.line)
             for doc in docs for n in doc.technical_notes]
    tech_rows.replace_notes_from(conn, paths, notes, now)
    changes.notes = len(notes)
    return changes
