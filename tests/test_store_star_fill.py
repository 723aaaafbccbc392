"""STAR parts from notes fill only a story's empty parts, one story at a time or many."""

from __future__ import annotations

from loopprep.store import Store
from loopprep.store import stories as story_rows


def _story(store: Store, story_id: str, **parts: str) -> None:
    story_rows.insert_story(store.conn, story_id, story_id, story_id.title(), anchor=None,
                            origin="notes", source=None, now="t0")
    if parts:
        story_rows.update_story_fields(store.conn, story_id, parts, "t0")


def _row(store: Store, story_id: str) -> tuple[str, ...]:
    return tuple(store.conn.execute(
        "SELECT situation, task, action, result, updated_at FROM stories WHERE id = ?",
        (story_id,)).fetchone())


def test_notes_fill_the_empty_parts_and_keep_the_edited_ones() -> None:
    store = Store.memory()
    _story(store, "pager", situation="Edited by hand")
    _story(store, "kiosk")
    _story(store, "done", situation="S", result="R")
    _story(store, "other", action="A")
    story_rows.fill_empty_stars(store.conn, [
        ("pager", {"situation": "From notes", "result": "Cut pages by half"}),
        ("kiosk", {"situation": "Queue at lunch", "result": "", "action": "Built a kiosk"}),
        ("done", {"situation": "From notes", "result": "From notes"}),
        ("other", {"headline": "not a STAR part", "task": "   "}),
    ], "t1")
    assert _row(store, "pager") == ("Edited by hand", "", "", "Cut pages by half", "t1")
    assert _row(store, "kiosk") == ("Queue at lunch", "", "Built a kiosk", "", "t1")
    assert _row(store, "done") == ("S", "", "", "R", "t0")  # nothing to fill: not touched
    assert _row(store, "other") == ("", "", "A", "", "t0")
