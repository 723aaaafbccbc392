"""Importing notes into the story bank: read every file first (a bad file stops the import
before anything is written), interpret them, then apply the result in one transaction.

Re-importing the same notes changes nothing; an edited note updates what changed; a story
that disappears from its notes (a note deleted from a re-imported folder included) is
archived, never deleted, so practice history survives — unless another notes file still
tells it.
"""

from __future__ import annotations

import gc
import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopprep.frameworks.topics import TopicList
from loopprep.model import (
    Finding,
    Fragment,
    Framework,
    ImportReport,
    PrincipleSlug,
    QuestionId,
    SourceRef,
    StoryId,
)
from loopprep.notes.bullets import slugify
from loopprep.notes.document import (
    ParsedNotes,
    collect_questions,
    collect_stories,
    finish,
    read_document,
)
from loopprep.notes.principles import forget_normalised, normalise
from loopprep.notes.reader import collect_notes_files, gone_from_folders, read_notes_file
from loopprep.notes.registry import KnownStory, StoryRegistry
from loopprep.notes.review import Pending, apply_corrections, review_nodes
from loopprep.store import Store
from loopprep.store import notes as note_rows
from loopprep.store import review as review_rows
from loopprep.store import stories as story_rows
from loopprep.store.review import Correction

if TYPE_CHECKING:
    from loopprep.workspace import Workspace

GLOBAL_SOURCE = ""  # findings about the import as a whole


@dataclass(frozen=True)
class NotesFile:
    path: Path
    text: str
    sha256: str


def read_files(paths: Sequence[Path | str], unreadable: list[Path] | None = None) -> list[NotesFile]:
    """Every Markdown file under `paths`, read and checked; raises NotesError on the first bad one
    (an unreadable folder too, unless `unreadable` collects them)."""
    files = collect_notes_files([Path(p) for p in paths], unreadable)
    out = []
    for path in files:
        text = read_notes_file(path)
        out.append(NotesFile(path, text, hashlib.sha256(text.encode("utf-8")).hexdigest()))
    return out


def parse_files(files: list[NotesFile], framework: Framework, registry: StoryRegistry,
                topics: TopicList | None = None) -> tuple[list[ParsedNotes], list[Finding]]:
    """Interpret files: story notes first, then principle sections, then questions and
    technical sections (matched against `topics`, by default the built-in list)."""
    docs = [read_document(f.path, f.text, str(f.path), framework) for f in files]
    ordered = [d for d in docs if d.is_story_note] + [d for d in docs if not d.is_story_note]
    for doc in ordered:
        collect_stories(doc, framework, registry, topics)
    for doc in ordered:
        collect_questions(doc, framework, registry, topics)
    return docs, finish(docs, framework)


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """An import makes hundreds of thousands of small objects and keeps them to its end:
    the cyclic collector, run every few hundred allocations, would walk them again and
    again (half the time of a large import). It runs once the import is over."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def import_notes(
    store: Store, paths: Sequence[Path | str], *, framework: Framework, now: datetime,
    topics: TopicList | None = None, skip_unreadable: bool = False,
    corrections: Sequence[Correction] = (),
) -> ImportReport:
    """Import notes files or vault folders into `store`; the report says what changed.
    Technical sections are matched against `topics` (by default the built-in list);
    `corrections` (new choices for reviewed nodes) are kept and applied with the others."""
    with _cycle_collection_paused():
        try:
            return _import_notes(store, paths, framework=framework, now=now, topics=topics,
                                 skip_unreadable=skip_unreadable, corrections=corrections)
        finally:
            forget_normalised()  # the texts it kept for this import


def _import_notes(
    store: Store, paths: Sequence[Path | str], *, framework: Framework, now: datetime,
    topics: TopicList | None, skip_unreadable: bool, corrections: Sequence[Correction] = (),
) -> ImportReport:
    unreadable: list[Path] | None = [] if skip_unreadable else None
    files = read_files(paths, unreadable)
    stamp = now.isoformat(timespec="seconds")
    scope = _scope(store, paths, files, unreadable or [])
    docs, global_findings = parse_files(files, framework, scope.registry, topics)
    # the user's corrections, kept and new (a new one replaces a kept one for the same text)
    chosen = {(c.source_path, c.text_key): c
              for c in [*review_rows.corrections_for(store, scope.covered), *corrections]}
    for doc in docs:
        apply_corrections(doc, list(chosen.values()), framework, scope.registry)
    to_review = {doc.path: review_nodes(doc, framework) for doc in docs}
    report = ImportReport(files=scope.source_paths, files_gone=scope.gone_files)
    ids = _assign_ids(docs, {row.key: row.id for row in scope.identities})
    with store.transaction() as conn:
        for correction in corrections:
            review_rows.save_correction(conn, correction, stamp)
        _store_review(conn, to_review, ids, scope.gone_files)
        before = story_rows.snapshot(conn)
        questions_before = note_rows.question_rows_for_sources(conn, scope.covered)
        _store_stories(conn, docs, ids, {row.key for row in scope.identities}, stamp)
        _store_fragments_and_links(conn, docs, ids, scope, stamp)
        new_questions = _store_questions(conn, docs, ids, stamp)
        vanished = [q for q, row in questions_before.items()
                    if q not in new_questions and not row[2]]
        note_rows.archive_questions(conn, vanished, stamp)
        _store_sources(conn, docs, files, scope.gone_files, global_findings, stamp)
        _store_technical(conn, docs, scope.covered, now, report)
        _diff(report, before, story_rows.snapshot(conn, compared=before.keys()))
        _diff_questions(report, questions_before,
                        note_rows.question_details(conn, new_questions), new_questions)
        report.questions_archived = [QuestionId(q) for q in vanished]
        note_rows.record_import(conn, scope.source_paths, _summary(report), stamp)

    report.principles_found = list(dict.fromkeys(s for d in docs for s in d.principles_found))
    report.findings = [f for d in docs for f in d.findings] + global_findings + [
        Finding("unreadable-folder", "this folder could not be read and was skipped (--skip-unreadable)",
                SourceRef(str(u), 0)) for u in unreadable or []]
    return report


@dataclass
class _Scope:
    """What one import speaks for: the files it read, the files gone from its folders since
    an earlier import (it speaks for them as for files now empty), and the bank's stories."""

    source_paths: list[str]
    gone_files: list[str]
    identities: list[story_rows.StoryIdentity]
    registry: StoryRegistry

    @property
    def covered(self) -> list[str]:
        return self.source_paths + self.gone_files


def _scope(store: Store, paths: Sequence[Path | str], files: list[NotesFile],
           unreadable: list[Path]) -> _Scope:
    source_paths = [str(f.path) for f in files]
    gone_files = gone_from_folders([source.path for source in note_rows.imported_sources(store)],
                                   [Path(p) for p in paths], source_paths)
    # a skipped folder's notes are not gone: they could not be looked at
    gone_files = [g for g in gone_files if not any(Path(g).is_relative_to(u) for u in unreadable)]
    identities = story_rows.story_identities(store)
    registry = StoryRegistry(import_paths=set(source_paths + gone_files))
    for row in identities:
        registry.add(KnownStory(row.key, row.title, row.anchor, row.id, row.source_path,
                                row.archived, defined=False))
    return _Scope(source_paths, gone_files, identities, registry)


def _store_stories(conn: sqlite3.Connection, docs: list[ParsedNotes], ids: dict[str, str],
                   existing_keys: set[str], stamp: str) -> None:
    """Each story the notes define, inserted or refreshed, with the fields, STAR parts and
    dates the notes give it."""
    writes = story_rows.StoryWrites(conn, stamp)
    for doc in docs:
        for draft in doc.stories:
            story_id = ids[draft.key]
            if draft.key not in existing_keys:
                writes.insert(story_id, draft.key, draft.title, anchor=draft.anchor,
                              origin=draft.origin, source=draft.source)
                existing_keys.add(draft.key)
            else:
                writes.refresh(story_id, title=draft.title, anchor=draft.anchor,
                               source=draft.source)
            if draft.fields:
                writes.flush()
                story_rows.update_story_fields(conn, story_id, draft.fields, stamp)
        writes.flush()
        story_rows.fill_empty_stars(conn, [(ids[key], parts) for key, parts in
                                           doc.star_parts.items() if key in ids], stamp)
        # a date from the notes fills an empty date only
        story_rows.fill_empty_dates(conn, [(ids[key], day) for key, day in
                                           doc.story_dates.items() if key in ids])


def _store_fragments_and_links(conn: sqlite3.Connection, docs: list[ParsedNotes],
                               ids: dict[str, str], scope: _Scope, stamp: str) -> None:
    """The files' fragments and links replace the ones they gave before; a story no file
    of the import tells any more is archived."""
    fragments: list[tuple[str, Fragment]] = []
    links: list[tuple[str, PrincipleSlug, SourceRef, str]] = []
    seen_keys: set[str] = set()
    for doc in docs:
        for key, fragment in doc.fragments:
            fragments.append((ids[key], fragment))
            seen_keys.add(key)
        for link in doc.links:
            links.append((ids[link.story_key], link.principle, link.source, link.evidence))
            seen_keys.add(link.story_key)
        seen_keys.update(d.key for d in doc.stories)
        for question in doc.questions:
            seen_keys.update(question.story_keys)
    story_rows.replace_notes_content(conn, scope.covered, fragments, links)
    _archive_untold(conn, scope.identities, scope.registry.import_paths, seen_keys, stamp)


def _store_review(conn: sqlite3.Connection, to_review: dict[str, list[Pending]],
                  ids: dict[str, str], gone_files: list[str]) -> None:
    """Each file's nodes left to review, the suggested story by its id."""
    for path, pending in to_review.items():
        review_rows.replace_review_nodes(conn, path, [
            replace(p.node, story_id=ids.get(p.story_key)) if p.story_key else p.node
            for p in pending])
    review_rows.forget_review_nodes(conn, gone_files)


def _store_questions(conn: sqlite3.Connection, docs: list[ParsedNotes], ids: dict[str, str],
                     stamp: str) -> list[str]:
    """Each question of the notes (once), with its outline, principles and stories; their ids."""
    new_questions: list[str] = []
    for doc in docs:
        for question in doc.questions:
            qid = question_id(question.text)
            if qid in new_questions:
                continue
            new_questions.append(qid)
            note_rows.upsert_note_question(
                conn, qid, question.text, question.outline, question.source,
                question.principles, [ids[k] for k in dict.fromkeys(question.story_keys)],
                stamp,
            )
    return new_questions


def _store_sources(conn: sqlite3.Connection, docs: list[ParsedNotes], files: list[NotesFile],
                   gone_files: list[str], global_findings: list[Finding], stamp: str) -> None:
    """Each file's findings, principle texts and record; the gone files' are forgotten."""
    shas = {str(f.path): f.sha256 for f in files}
    for doc in docs:
        note_rows.replace_findings(conn, doc.path, doc.findings)
        note_rows.replace_principle_texts(
            conn, doc.path, [(t.principle, t.text, t.source.line) for t in doc.principle_texts]
        )
        note_rows.record_source(conn, doc.path, shas.get(doc.path, ""), doc.front_matter, stamp)
    note_rows.forget_sources(conn, gone_files)
    if any(doc.principle_headings >= 3 for doc in docs):
        note_rows.replace_findings(conn, GLOBAL_SOURCE, global_findings)


def _store_technical(conn: sqlite3.Connection, docs: list[ParsedNotes], covered: list[str],
                     now: datetime, report: ImportReport) -> None:
    from loopprep.import_technical import apply_technical

    technical = apply_technical(conn, docs, covered, now)
    report.technical_added, report.technical_updated = technical.added, technical.updated
    report.technical_unchanged, report.technical_archived = technical.unchanged, technical.archived
    report.technical_sections = sum(doc.technical_sections for doc in docs)


def _diff_questions(report: ImportReport, before: dict[str, tuple[Any, ...]],
                    after: dict[str, tuple[Any, ...]], new_questions: list[str]) -> None:
    for qid in new_questions:
        old = before.get(qid)
        if old is None:
            report.questions_added.append(QuestionId(qid))
        elif old[2] or old[1] != after[qid][0][1]:
            report.questions_updated.append(QuestionId(qid))
        else:
            report.questions_unchanged.append(QuestionId(qid))


def _archive_untold(conn: sqlite3.Connection, identities: list[story_rows.StoryIdentity],
                    covered: set[str],
                    seen_keys: set[str], stamp: str) -> None:
    """Archive the stories whose own file is part of this import (or gone from a folder of
    it) and that no file tells any more; one still told in another notes file stays, and
    points to that file from now on."""
    untold = [row.id for row in identities
              if row.source_path in covered and not row.archived and row.key not in seen_keys]
    elsewhere = story_rows.where_still_told(conn, untold) if untold else {}
    story_rows.set_archived(conn, [i for i in untold if i not in elsewhere], stamp)
    for story_id, source in elsewhere.items():
        story_rows.move_source(conn, story_id, source)


def question_id(text: str) -> str:
    return "n-" + hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:10]


def _assign_ids(docs: list[ParsedNotes], existing: dict[str, str]) -> dict[str, str]:
    """Stable ids: a known key keeps its id; a new story gets a slug of its key (or the id
    its story note asks for), suffixed -2, -3 … if taken."""
    ids = dict(existing)
    taken = set(existing.values())
    for doc in docs:
        for draft in doc.stories:
            if draft.key in ids:
                continue
            base = draft.explicit_id or slugify(draft.key)
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}-{n}", n + 1
            ids[draft.key] = candidate
            taken.add(candidate)
    return ids


def _diff(report: ImportReport, before: dict[str, story_rows.StoryState],
          after: dict[str, story_rows.StoryState]) -> None:
    for story_id in sorted(after):
        state = after[story_id]
        was = before.get(story_id)
        if was is None:
            report.stories_added.append(StoryId(story_id))
        elif was == state:
            if not state.archived:
                report.stories_unchanged.append(StoryId(story_id))
        elif state.archived and not was.archived:
            report.stories_archived.append(StoryId(story_id))
        else:
            report.stories_updated.append(StoryId(story_id))
        old_links = set(was.principles) if was else set()
        for principle in sorted(set(state.principles) - old_links):
            report.links_added.append((StoryId(story_id), PrincipleSlug(principle)))
        for principle in sorted(old_links - set(state.principles)):
            report.links_removed.append((StoryId(story_id), PrincipleSlug(principle)))


def _summary(report: ImportReport) -> dict[str, int]:
    return {name: len(getattr(report, name)) for name in (
        "stories_added", "stories_updated", "stories_archived", "questions_added",
        "questions_updated", "technical_added", "technical_updated")}


def import_into(workspace: Workspace, paths: Sequence[Path | str], *, now: datetime,
                skip_unreadable: bool = False) -> ImportReport:
    """`import_notes` into an open home, with its framework and technical topics; the
    framework in use is remembered for the next time."""
    report = import_notes(workspace.store, paths, framework=workspace.framework, now=now,
                          topics=workspace.technical_topics(), skip_unreadable=skip_unreadable)
    workspace.remember_framework()
    return report
