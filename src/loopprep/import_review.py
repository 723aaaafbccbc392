"""Correcting what an import left for review: each line filed as the user chose, the
choice kept in the store, and the line's notes file imported again with it (so the bank is
what any later import of that file gives)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from loopprep.errors import LoopprepError
from loopprep.importing import import_notes, read_files
from loopprep.model import ImportReport
from loopprep.notes.principles import match_principle
from loopprep.store import stories as story_rows
from loopprep.store.review import CHOICES, Choice, Correction, ReviewNode
from loopprep.workspace import Workspace


def correct_nodes(workspace: Workspace, choices: Sequence[tuple[ReviewNode, str, str]], *,
                  now: datetime) -> list[ImportReport]:
    """File nodes the import left for review as the user chose (each with its `target`: the
    principle of a story, by slug or name; the id of the story a detail belongs to), keep
    the choices, and re-import each node's file with them. Every choice is checked first:
    one bad choice, or a file that cannot be read, changes nothing."""
    corrections: dict[str, list[Correction]] = {}
    for node, choice, target in choices:
        corrections.setdefault(node.source.path, []).append(Correction(
            node.source.path, node.text_key, node.text, _choice(choice),
            _target(workspace, choice, target)))
    files = read_files(list(corrections))  # all readable, before any is imported again
    return [import_notes(workspace.store, [f.path], framework=workspace.framework, now=now,
                         topics=workspace.technical_topics(), corrections=corrections[str(f.path)])
            for f in files]


def _choice(choice: str) -> Choice:
    for known in CHOICES:
        if choice == known:
            return known
    raise LoopprepError(f"{choice!r} is not a choice for a reviewed line",
                        hint="Choose story, detail, question or ignore.")


def _target(workspace: Workspace, choice: str, target: str) -> str:
    """The principle's slug (a story), the story's id (a detail), else nothing."""
    if choice == "story":
        principle = workspace.framework.get(target) or match_principle(target, workspace.framework)[0]
        if principle is None:
            raise LoopprepError(f"{target!r} is not a principle of {workspace.framework.name}",
                                hint="`loopprep principles` lists them.")
        return principle.slug
    if choice == "detail":
        return story_rows.get_story(workspace.store, target).id
    return ""
