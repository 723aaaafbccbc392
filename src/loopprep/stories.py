"""Editing the story bank by hand: new stories, developed STAR fields, principle tags.

Validation lives here so the CLI and the web app refuse the same things the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from loopprep.errors import LoopprepError
from loopprep.model import Story
from loopprep.notes.bullets import slugify
from loopprep.store import stories as story_rows

if TYPE_CHECKING:
    from loopprep.workspace import Workspace

MAX_FIELD_CHARS = 20_000
_DATE = re.compile(r"^(19[5-9]\d|20\d\d)(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalised copies of editable fields; LoopprepError says what is wrong."""
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name not in story_rows.EDITABLE:
            raise LoopprepError(f"'{name}' is not a story field",
                                hint=f"Fields: {', '.join(story_rows.EDITABLE)}.")
        if name in ("metrics", "tags"):
            items = [value] if isinstance(value, str) else list(value or [])
            clean[name] = [str(v).strip() for v in items if str(v).strip()]
            continue
        text = "" if value is None else str(value).replace("\r\n", "\n").strip()
        if len(text) > MAX_FIELD_CHARS:
            raise LoopprepError(f"{name} is {len(text):,} characters; the limit is "
                                f"{MAX_FIELD_CHARS:,}")
        if name == "title" and not text:
            raise LoopprepError("a story needs a title")
        if name == "date" and text and not _DATE.match(text):
            raise LoopprepError(f"date {text!r} is not a year, year-month or date",
                                hint="Write it as 2023, 2023-04 or 2023-04-17.")
        clean[name] = text or (None if name in ("org", "date") else "")
    return clean


def add_story(bank: Workspace, title: str, *, now: datetime, principles: Sequence[str],
              fields: dict[str, Any]) -> Story:
    clean = check_fields({"title": title, **fields})
    slugs = check_principles(bank, principles)
    existing = {row.id for row in story_rows.story_identities(bank.store)}
    base = slugify(clean["title"])
    story_id, n = base, 2
    while story_id in existing:
        story_id, n = f"{base}-{n}", n + 1
    stamp = now.isoformat(timespec="seconds")
    with bank.store.transaction() as conn:
        story_rows.insert_story(conn, story_id, f"user {story_id}", clean["title"], anchor=None,
                                origin="user", source=None, now=stamp)
        story_rows.update_story_fields(conn, story_id, clean, stamp)
        story_rows.set_user_links(conn, story_id, slugs)
    return bank.story(story_id)


def update_story(bank: Workspace, story_id: str, fields: dict[str, Any], *, now: datetime) -> Story:
    bank.story(story_id)  # raises NotFoundError
    clean = check_fields(fields)
    with bank.store.transaction() as conn:
        story_rows.update_story_fields(conn, story_id, clean, now.isoformat(timespec="seconds"))
    return bank.story(story_id)


def tag_story(bank: Workspace, story_id: str, principles: Sequence[str]) -> Story:
    bank.story(story_id)
    slugs = check_principles(bank, principles)
    with bank.store.transaction() as conn:
        story_rows.set_user_links(conn, story_id, slugs)
    return bank.story(story_id)


def check_principles(bank: Workspace, principles: Sequence[str]) -> list[str]:
    """Principle slugs or names, resolved against the bank's framework."""
    from loopprep.notes.principles import match_principle

    out: list[str] = []
    for value in principles:
        principle = bank.framework.get(value) or match_principle(value, bank.framework)[0]
        if principle is None:
            raise LoopprepError(f"'{value}' is not a principle of {bank.framework.name}",
                                hint="`loopprep principles` lists them.")
        if principle.slug not in out:
            out.append(principle.slug)
    return out
