"""Stories, their fragments from the notes and their links to principles: reads and writes."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Container, Iterable
from typing import Any, NamedTuple

from loopprep.errors import NotFoundError
from loopprep.model import Fragment, PrincipleSlug, SourceRef, Story, StoryId, fragment_text_key
from loopprep.store.db import Store

STAR_COLUMNS = ("situation", "task", "action", "result", "lessons")
EDITABLE = ("title", "org", "date", *STAR_COLUMNS, "metrics", "tags")


#: Stories built from exactly these rows before, by those rows: a long-running process (the
#: web app) that reads the bank again after one story changed gets the other stories back as
#: the same objects, with everything already worked out from them (their text, their health).
_BUILT: dict[tuple[Any, ...], Story] = {}
_BUILT_MAX = 20_000


def list_stories(store: Store, *, include_archived: bool = False) -> list[Story]:
    """All stories, ordered by id, with principles (link order) and fragments (note order)."""
    where = "" if include_archived else "WHERE archived = 0"
    rows = store.conn.execute(f"SELECT * FROM stories {where} ORDER BY id").fetchall()
    links = _links_by_story(store.conn)
    fragments = _fragment_rows_by_story(store.conn)
    if len(_BUILT) + len(rows) > _BUILT_MAX:
        _BUILT.clear()
    out = []
    for row in rows:
        story_links, story_fragments = links.get(row["id"], ()), fragments.get(row["id"], ())
        key = (tuple(row), story_links, story_fragments)
        story = _BUILT.get(key)
        if story is None:
            story = _BUILT[key] = _story(row, story_links, _fragments(story_fragments))
        out.append(story)
    return out


def get_story(store: Store, story_id: str) -> Story:
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no story with id {story_id!r}",
                            hint="`loopprep stories` lists the ids.")
    links = _links_by_story(store.conn, story_id)
    fragments = _fragment_rows_by_story(store.conn, story_id)
    return _story(row, links.get(story_id, ()), _fragments(fragments.get(story_id, ())))


class StoryIdentity(NamedTuple):
    """What tells one stored story from another, for matching notes to stories."""

    id: str
    key: str
    anchor: str | None
    title: str
    archived: bool
    source_path: str | None


def story_identities(store: Store) -> list[StoryIdentity]:
    rows = store.conn.execute(
        "SELECT id, key, anchor, title, archived, source_path FROM stories ORDER BY id")
    return [StoryIdentity(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]


class StoryState(NamedTuple):
    """A comparable picture of one story, to tell what an import changed."""

    fields: tuple[Any, ...]
    archived: bool
    principles: tuple[str, ...]
    fragments: tuple[tuple[Any, ...], ...]


def snapshot(conn: sqlite3.Connection, compared: Container[str] | None = None
             ) -> dict[str, StoryState]:
    """Every story's state; with `compared`, the fields and fragments of those stories only
    (the others' are left empty: a story an import adds is compared with nothing)."""
    links = _links_by_story(conn)
    fragments = _fragment_states(conn) if compared is None or compared else {}
    # (none compared, as after an import into a new bank: the fields are not read)
    columns = ", ".join(EDITABLE) if compared is None or compared else "NULL"
    return {
        row[0]: StoryState(
            tuple(row[2:]) if compared is None or row[0] in compared else (),
            bool(row[1]),
            tuple(sorted(links.get(row[0], ()))),
            fragments.get(row[0], ()),
        )
        for row in conn.execute(f"SELECT id, archived, {columns} FROM stories")
    }


def _fragment_states(conn: sqlite3.Connection) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """Each story's fragments as `list_stories` gives them, as (text, principle,
    path): line numbers are left out, as a line added above a story does not change it."""
    out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for story_id, path, text, principle in conn.execute(
            "SELECT story_id, source_path, text, principle FROM story_fragments "
            "ORDER BY story_id, source_path, line, position"):
        out[story_id].append((text, principle or None, path))
    return {k: _distinct_states(v) for k, v in out.items()}


def _distinct_states(states: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    """`distinct_fragments` on (text, principle, path)."""
    if len({state[2] for state in states}) <= 1:
        return tuple(states)
    first_source: dict[str, str] = {}
    return tuple(state for state in states
                 if first_source.setdefault(fragment_text_key(state[0]), state[2]) == state[2])


def insert_story(
    conn: sqlite3.Connection,
    story_id: str,
    key: str,
    title: str,
    *,
    anchor: str | None,
    origin: str,
    source: SourceRef | None,
    now: str,
) -> None:
    conn.execute(
        "INSERT INTO stories(id, key, anchor, title, origin, source_path, source_line, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (story_id, key, anchor, title, origin,
         source.path if source else None, source.line if source else None, now, now),
    )


def update_story_identity(
    conn: sqlite3.Connection, story_id: str, *, title: str, anchor: str | None,
    source: SourceRef, now: str,
) -> None:
    """Refresh what the notes say about a story (never touches developed STAR fields)."""
    conn.execute(_REFRESH, (title, anchor, source.path, source.line, title, now, story_id))


_INSERT = ("INSERT INTO stories(id, key, anchor, title, origin, source_path, source_line, "
           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_REFRESH = ("UPDATE stories SET title = ?, anchor = ?, source_path = ?, source_line = ?, "
            "archived = 0, updated_at = CASE WHEN title != ? OR archived = 1 THEN ? "
            "ELSE updated_at END WHERE id = ?")


class StoryWrites:
    """`insert_story` and `update_story_identity` for many stories, in order, sent to
    SQLite a run at a time; `flush()` before any other write to the stories."""

    def __init__(self, conn: sqlite3.Connection, now: str) -> None:
        self.conn, self.now = conn, now
        self._sql = ""
        self._rows: list[tuple[Any, ...]] = []

    def insert(self, story_id: str, key: str, title: str, *, anchor: str | None, origin: str,
               source: SourceRef | None) -> None:
        self._add(_INSERT, (story_id, key, anchor, title, origin,
                            source.path if source else None, source.line if source else None,
                            self.now, self.now))

    def refresh(self, story_id: str, *, title: str, anchor: str | None, source: SourceRef) -> None:
        self._add(_REFRESH, (title, anchor, source.path, source.line, title, self.now, story_id))

    def _add(self, sql: str, row: tuple[Any, ...]) -> None:
        if sql != self._sql:
            self.flush()
            self._sql = sql
        self._rows.append(row)

    def flush(self) -> None:
        if self._rows:
            self.conn.executemany(self._sql, self._rows)
        self._rows = []


def update_story_fields(conn: sqlite3.Connection, story_id: str, fields: dict[str, Any],
                        now: str) -> None:
    """Set developed fields (STAR parts, org, date, metrics, tags, title)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable story fields: {sorted(unknown)}")
    if not fields:
        return
    values = [json.dumps(list(v)) if k in ("metrics", "tags") else v for k, v in fields.items()]
    assignments = ", ".join(f"{k} = ?" for k in fields)
    conn.execute(
        f"UPDATE stories SET {assignments}, updated_at = ? WHERE id = ?",
        (*values, now, story_id),
    )


def fill_empty_stars(conn: sqlite3.Connection, parts_by_story: Iterable[tuple[str, dict[str, str]]],
                     now: str) -> None:
    """Set the STAR parts free-form notes tell, each only where the story has none yet (a
    part developed or edited in loopprep is never overwritten by notes); for many stories
    in order, a statement per part."""
    # one statement per story, for the stories that tell the same parts
    by_parts: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for story_id, parts in parts_by_story:
        told = {part: text for part, text in parts.items()
                if part in STAR_COLUMNS and text.strip()}
        if told:
            by_parts[tuple(told)].append((*told.values(), now, story_id))
    for told_parts, rows in by_parts.items():
        empty = " OR ".join(f"{part} IS NULL OR {part} = ''" for part in told_parts)
        fill = ", ".join(f"{part} = CASE WHEN {part} IS NULL OR {part} = '' THEN ? ELSE {part} END"
                         for part in told_parts)
        conn.executemany(f"UPDATE stories SET {fill}, updated_at = ? WHERE id = ? AND ({empty})",
                         rows)


def fill_empty_dates(conn: sqlite3.Connection, days: Iterable[tuple[str, str]]) -> None:
    """The dates the notes give stories, (story id, date), each set only where the story
    has none."""
    conn.executemany("UPDATE stories SET date = ? WHERE id = ? AND (date IS NULL OR date = '')",
                     [(day, story_id) for story_id, day in days])


def set_archived(conn: sqlite3.Connection, story_ids: Iterable[str], now: str) -> None:
    conn.executemany(
        "UPDATE stories SET archived = 1, updated_at = ? WHERE id = ?",
        [(now, sid) for sid in story_ids],
    )


def where_still_told(conn: sqlite3.Connection, story_ids: Iterable[str]) -> dict[str, SourceRef]:
    """For each of these stories still told in some notes file (a fragment, or a link the
    notes made), the first such place by path and line."""
    ids = list(story_ids)
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT story_id, source_path, MIN(line) FROM (SELECT story_id, source_path, line "
        f"FROM story_fragments UNION ALL SELECT story_id, source_path, COALESCE(line, 1) "
        f"FROM story_principles WHERE origin = 'notes' AND source_path != '') "
        f"WHERE story_id IN ({marks}) GROUP BY story_id, source_path "
        f"ORDER BY story_id, source_path", ids,
    )
    out: dict[str, SourceRef] = {}
    for story_id, path, line in rows:
        out.setdefault(story_id, SourceRef(path, line))
    return out


def move_source(conn: sqlite3.Connection, story_id: str, source: SourceRef) -> None:
    """The story's notes file is now `source` (its own file no longer tells it)."""
    conn.execute("UPDATE stories SET source_path = ?, source_line = ? WHERE id = ?",
                 (source.path, source.line, story_id))


def replace_notes_content(
    conn: sqlite3.Connection,
    source_paths: list[str],
    fragments: list[tuple[str, Fragment]],
    links: list[tuple[str, PrincipleSlug, SourceRef, str]],
) -> None:
    """Replace the fragments and note-made links that came from these files."""
    marks = ",".join("?" * len(source_paths))
    conn.execute(f"DELETE FROM story_fragments WHERE source_path IN ({marks})", source_paths)
    conn.execute(
        f"DELETE FROM story_principles WHERE origin = 'notes' AND source_path IN ({marks})",
        source_paths,
    )
    position: dict[tuple[str, str, int], int] = defaultdict(int)
    rows = []
    for story_id, fragment in fragments:
        spot = (story_id, fragment.source.path, fragment.source.line)
        rows.append((story_id, fragment.source.path, fragment.source.line, position[spot],
                     fragment.text, fragment.principle))
        position[spot] += 1
    conn.executemany(
        "INSERT INTO story_fragments(story_id, source_path, line, position, text, principle) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO story_principles(story_id, principle, origin, source_path, line, evidence) "
        "VALUES (?, ?, 'notes', ?, ?, ?) ON CONFLICT DO NOTHING",
        [(story_id, principle, source.path, source.line, evidence)
         for story_id, principle, source, evidence in links],
    )


def set_user_links(conn: sqlite3.Connection, story_id: str, principles: Iterable[str]) -> None:
    """Make `principles` exactly the story's principles: links the notes made and the user
    dropped are hidden (a re-import keeps them hidden); new ones are the user's."""
    wanted = list(dict.fromkeys(principles))
    conn.execute("DELETE FROM story_principles WHERE story_id = ? AND origin = 'user'",
                 (story_id,))
    conn.execute("DELETE FROM story_hidden_principles WHERE story_id = ?", (story_id,))
    from_notes = {row[0] for row in conn.execute(
        "SELECT principle FROM story_principles WHERE story_id = ?", (story_id,))}
    conn.executemany(
        "INSERT INTO story_principles(story_id, principle, origin) VALUES (?, ?, 'user') "
        "ON CONFLICT DO NOTHING",
        [(story_id, p) for p in wanted if p not in from_notes],
    )
    conn.executemany(
        "INSERT INTO story_hidden_principles(story_id, principle) VALUES (?, ?)",
        [(story_id, p) for p in sorted(from_notes - set(wanted))],
    )


def _links_by_story(conn: sqlite3.Connection, story_id: str | None = None
                    ) -> dict[str, tuple[PrincipleSlug, ...]]:
    sql = ("SELECT story_id, principle, MIN(COALESCE(line, 1e9)) AS first_line, "
           "MIN(rowid) AS first_row FROM story_principles AS sp WHERE NOT EXISTS ("
           "SELECT 1 FROM story_hidden_principles AS h "
           "WHERE h.story_id = sp.story_id AND h.principle = sp.principle) {where} "
           "GROUP BY story_id, principle ORDER BY story_id, first_line, first_row")
    if story_id is None:
        rows = conn.execute(sql.format(where=""))
    else:
        rows = conn.execute(sql.format(where="AND story_id = ?"), (story_id,))
    out: dict[str, list[PrincipleSlug]] = defaultdict(list)
    for row in rows:
        out[row[0]].append(PrincipleSlug(row[1]))
    return {k: tuple(v) for k, v in out.items()}


def _fragment_rows_by_story(conn: sqlite3.Connection, story_id: str | None = None
                            ) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """Each story's fragment rows (source path, line, text, principle), in note order."""
    sql = ("SELECT story_id, source_path, line, text, principle FROM story_fragments {where} "
           "ORDER BY story_id, source_path, line, position")
    if story_id is None:
        rows = conn.execute(sql.format(where=""))
    else:
        rows = conn.execute(sql.format(where="WHERE story_id = ?"), (story_id,))
    out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        out[row[0]].append(row[1:])
    return {k: tuple(v) for k, v in out.items()}


def _fragments(rows: tuple[tuple[Any, ...], ...]) -> tuple[Fragment, ...]:
    return distinct_fragments(
        Fragment(text, SourceRef(path, line), PrincipleSlug(principle) if principle else None)
        for path, line, text, principle in rows)


def distinct_fragments(fragments: Iterable[Fragment]) -> tuple[Fragment, ...]:
    """A story's fragments with each piece of text once across its sources: a fragment whose
    text (compared by `fragment_text_key`) an earlier source already gave is left out, so
    notes imported together with the vault exported from them read once. Every source's
    rows stay stored, so if the first source drops the text the next one's copy shows.
    Repeats within one source stay: that is a bullet filed under two principles."""
    fragments = tuple(fragments)
    if len({f.source.path for f in fragments}) <= 1:
        return fragments  # one source: nothing is left out, and no text needs comparing
    first_source: dict[str, str] = {}
    kept = []
    for fragment in fragments:
        source = first_source.setdefault(fragment_text_key(fragment.text), fragment.source.path)
        if source == fragment.source.path:
            kept.append(fragment)
    return tuple(kept)


def _story(row: sqlite3.Row, principles: tuple[PrincipleSlug, ...],
           fragments: tuple[Fragment, ...]) -> Story:
    source = SourceRef(row["source_path"], row["source_line"] or 0) if row["source_path"] else None
    return Story(
        id=StoryId(row["id"]),
        title=row["title"],
        principles=principles,
        fragments=fragments,
        org=row["org"],
        date=row["date"],
        situation=row["situation"],
        task=row["task"],
        action=row["action"],
        result=row["result"],
        lessons=row["lessons"],
        metrics=tuple(json.loads(row["metrics"])),
        tags=tuple(json.loads(row["tags"])),
        source=source,
        archived=bool(row["archived"]),
    )
