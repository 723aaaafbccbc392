"""The story bank in the browser: list, search and filter; one story with its STAR editor,
the prompts for what is missing and a review that follows the typing; principle tagging.
`/stories.json` and `/stories/ID.json` have the shapes of `loopprep stories --json`.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from loopprep.bank import Bank
from loopprep.coverage import StoryHealth, story_health
from loopprep.develop import review_draft
from loopprep.errors import LoopprepError
from loopprep.model import Story
from loopprep.stories import check_fields
from loopprep.web.pages import (
    form,
    is_htmx,
    now,
    open_bank,
    render,
    snapshot,
    text_field,
    today,
    wants_json,
)
from loopprep.web.routes import Area

PAGE_SIZE = 100
MISSING = {"": "any", "any": "something missing", "result": "no result", "metric": "no metric",
           "date": "no date", "none": "nothing missing"}
#: The editor's fields, in the order of the form: (name, label, what to write).
FIELDS = (
    ("title", "Title", "A short name you will recognise"),
    ("org", "Organisation", "Company, team or school"),
    ("date", "When", "2023, 2023-04 or 2023-04-17"),
    ("situation", "Situation", "Where and when, and what was at stake — two sentences at most"),
    ("task", "Task", "What you, personally, were responsible for"),
    ("action", "Action", "What you did, step by step, in the first person ('I …')"),
    ("result", "Result", "What changed because of it — with a number"),
    ("lessons", "Lessons", "What you learned, or would do differently"),
    ("metrics", "Key metrics", "One per line, e.g. 'late deliveries down 18%'"),
    ("tags", "Tags", "Comma-separated"),
)
FIELD_NAMES = tuple(name for name, _, _ in FIELDS)
LONG_FIELDS = ("situation", "task", "action", "result", "lessons", "metrics")


# --- the story list -------------------------------------------------------------------


def list_stories(request: Request) -> Response:
    """The story bank, searched and filtered; JSON at /stories.json."""
    with open_bank(request) as bank:
        return _story_list(request, bank)


def _story_list(request: Request, bank: Bank, *, status: int = 200,
                add_error: str | None = None, add_title: str = "") -> Response:
    params = request.query_params
    q = params.get("q", "").strip()
    principle = params.get("principle", "")
    missing = params.get("missing", "")
    archived = params.get("archived") == "1"
    if archived:
        day = today(request)
        rows = [(s, story_health(s, day)) for s in bank.stories(include_archived=True)]
    else:
        current = snapshot(request, bank)
        rows = [(s, current.health_of(s)) for s in current.stories]
    rows = filter_stories(rows, q=q, principle=principle, missing=missing)
    if wants_json(request):
        return JSONResponse({"stories": [s.to_json() | {"missing": list(h.missing)}
                                         for s, h in rows]})
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    page = min(max(int(params["page"]) if params.get("page", "").isdigit() else 1, 1), pages)
    context = {
        "rows": rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE],
        "total": len(rows), "page": page, "pages": pages,
        "q": q, "principle": principle, "missing": missing, "archived": archived,
        "missing_options": MISSING, "framework": bank.framework,
        "names": {p.slug: p.name for p in bank.framework},
        "add_error": add_error, "add_title": add_title,
        "add_principle": params.get("add", ""),
    }
    if is_htmx(request) and request.headers.get("hx-target") == "story-results":
        return render(request, "_story_rows.html", context)
    return render(request, "stories.html", context, status=status)


def filter_stories(rows: list[tuple[Story, StoryHealth]], *, q: str = "", principle: str = "",
                   missing: str = "") -> list[tuple[Story, StoryHealth]]:
    """Stories whose text holds every word of `q`, filed under `principle`, lacking `missing`."""
    words = q.lower().split()
    out = []
    for story, health in rows:
        if principle and principle not in story.principles:
            continue
        if missing == "any" and not health.missing:
            continue
        if missing == "none" and health.missing:
            continue
        if missing in ("result", "metric", "date") and missing not in health.missing:
            continue
        if words:
            haystack = f"{story.id}\n{story.text}\n{story.org or ''}\n{' '.join(story.tags)}".lower()
            if not all(w in haystack for w in words):
                continue
        out.append((story, health))
    return out


def add_story(request: Request) -> Response:
    """Create a story from a title (and principles); then develop it on its own page."""
    data = form(request)
    title = text_field(data, "title") or ""
    principles = [p for p in data.getlist("principle") if isinstance(p, str) and p]
    with open_bank(request) as bank:
        try:
            story = bank.add_story(title, now=now(request), principles=principles)
        except LoopprepError as error:
            return _story_list(request, bank, status=400, add_error=str(error), add_title=title)
    return RedirectResponse(f"/stories/{story.id}", status_code=303)


# --- one story ------------------------------------------------------------------------


def field_text(story: Story, name: str) -> str:
    """A field as the editor shows it."""
    if name == "metrics":
        return "\n".join(story.metrics)
    if name == "tags":
        return ", ".join(story.tags)
    value = getattr(story, name)
    return "" if value is None else str(value)


def normalise(text: str) -> str:
    """Browsers send textareas with CRLF and may add or drop edge whitespace."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def digest(text: str) -> str:
    """A short fingerprint of a field as loaded, to tell later which fields were edited."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def field_value(name: str, text: str) -> Any:
    if name == "metrics":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if name == "tags":
        return [tag.strip() for tag in text.split(",") if tag.strip()]
    return text


def show_story(request: Request) -> Response:
    """One story: its notes, the STAR editor, prompts, principles; JSON at /stories/ID.json."""
    story_id = request.path_params["story_id"]
    with open_bank(request) as bank:
        story = bank.story(story_id)
        if wants_json(request):
            from loopprep.develop import star_prompts

            health = story_health(story, today(request))
            prompts = star_prompts(story, bank.framework)
            return JSONResponse(story.to_json() | {
                "missing": list(health.missing), "stale": health.stale,
                "prompts": [{"part": p.part, "question": p.question, "why": p.why} for p in prompts],
            })
        return editor(request, bank, story, saved=request.query_params.get("saved") == "1")


def editor(request: Request, bank: Bank, story: Story, *, values: dict[str, str] | None = None,
           bases: dict[str, str] | None = None, errors: dict[str, str] | None = None,
           conflicts: dict[str, str] | None = None, saved: bool = False,
           status: int = 200) -> Response:
    """The story page; after a refused save it keeps what the user typed."""
    stored = {name: field_text(story, name) for name in FIELD_NAMES}
    values = values or stored
    edits = {name: field_value(name, values[name]) for name in FIELD_NAMES
             if values[name] != stored[name]}
    review = review_draft(story, edits, bank.framework, today=today(request), feedback=True)
    context = {
        "story": story,
        "review": review,
        "health": story_health(story, today(request)),
        "fields": FIELDS,
        "long_fields": LONG_FIELDS,
        "values": values,
        "bases": bases or {name: digest(text) for name, text in stored.items()},
        "errors": errors or {},
        "conflicts": conflicts or {},
        "saved": saved,
        "framework": bank.framework,
        "names": {p.slug: p.name for p in bank.framework},
    }
    return render(request, "story.html", context, status=status)


def save_story(request: Request) -> Response:
    """Save the fields edited on the page. A field changed elsewhere (the CLI, another tab)
    since the page was loaded is not overwritten: the page shows both versions."""
    story_id = request.path_params["story_id"]
    data = form(request)
    with open_bank(request) as bank:
        current = bank.story(story_id)
        values, changes, conflicts = edited_fields(current, data)
        errors = {}
        for name, value in changes.items():
            try:
                check_fields({name: value})
            except LoopprepError as error:
                errors[name] = str(error)
        if conflicts or errors:
            bases = {name: text_field(data, f"base_{name}") or digest(field_text(current, name))
                     for name in FIELD_NAMES}
            bases |= {name: digest(theirs) for name, theirs in conflicts.items()}
            return editor(request, bank, current, values=values, bases=bases, errors=errors,
                          conflicts=conflicts, status=409 if conflicts else 400)
        if changes:
            bank.update_story(story_id, changes, now=now(request))
    return RedirectResponse(f"/stories/{story_id}?saved=1", status_code=303)


def edited_fields(current: Story, data: FormData) -> tuple[dict[str, str], dict[str, Any],
                                                          dict[str, str]]:
    """(what the form shows, the changes to save, the conflicts) for a submitted editor.

    A field counts as edited when it differs from its fingerprint as loaded (`base_NAME`);
    it is a conflict when the stored value has also moved away from that fingerprint.
    """
    values: dict[str, str] = {}
    changes: dict[str, Any] = {}
    conflicts: dict[str, str] = {}
    for name in FIELD_NAMES:
        stored = field_text(current, name)
        raw = text_field(data, name)
        if raw is None:
            values[name] = stored
            continue
        submitted = normalise(raw)
        values[name] = submitted
        base = text_field(data, f"base_{name}")
        if base is not None and digest(submitted) == base:
            values[name] = stored  # untouched here; show the latest
            continue
        if submitted == normalise(stored):
            continue
        if base is not None and digest(stored) != base:
            conflicts[name] = stored
            continue
        changes[name] = field_value(name, submitted)
    return values, changes, conflicts


def check_story(request: Request) -> Response:
    """The live review of the editor's unsaved text (nothing is written): what is missing,
    the prompts, and answer feedback on the STAR parts told in one go."""
    story_id = request.path_params["story_id"]
    data = form(request)
    with open_bank(request) as bank:
        story = bank.story(story_id)
        edits = {name: field_value(name, normalise(raw)) for name in FIELD_NAMES
                 if (raw := text_field(data, name)) is not None}
        review = review_draft(story, edits, bank.framework, today=today(request), feedback=True)
    return render(request, "_draft_review.html", {"review": review, "story": story})


def tag_story(request: Request) -> Response:
    """File the story under the ticked principles. Only what was ticked or unticked on the
    page changes, so principles added meanwhile elsewhere are kept."""
    story_id = request.path_params["story_id"]
    data = form(request)
    ticked = [p for p in data.getlist("principle") if isinstance(p, str) and p]
    base_text = text_field(data, "base_principles")
    with open_bank(request) as bank:
        current = bank.story(story_id)
        if base_text is None:
            wanted = ticked
        else:
            base = [p for p in base_text.split(",") if p]
            removed = set(base) - set(ticked)
            added = [p for p in ticked if p not in base]
            wanted = [p for p in current.principles if p not in removed]
            wanted += [p for p in added if p not in wanted]
        story = bank.tag_story(story_id, wanted)
        if is_htmx(request):
            health = story_health(story, today(request))
            return render(request, "_principles.html", {
                "story": story, "health": health, "framework": bank.framework,
                "principles_saved": True})
    return RedirectResponse(f"/stories/{story_id}?saved=1", status_code=303)


area = Area(
    name="stories",
    routes=[
        Route("/stories", list_stories, methods=["GET"]),
        Route("/stories.json", list_stories, methods=["GET"]),
        Route("/stories", add_story, methods=["POST"]),
        Route("/stories/{story_id}.json", show_story, methods=["GET"]),
        Route("/stories/{story_id}", show_story, methods=["GET"]),
        Route("/stories/{story_id}", save_story, methods=["POST"]),
        Route("/stories/{story_id}/check", check_story, methods=["POST"]),
        Route("/stories/{story_id}/principles", tag_story, methods=["POST"]),
    ],
    nav=("Stories", "/stories"),
)
