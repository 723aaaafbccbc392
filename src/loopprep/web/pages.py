"""What every page shares: the app's state (home, token, clock), a bank opened per request,
the Jinja environment (autoescape everywhere), HTML or JSON from the same view, and
errors the user can fix shown on the page instead of a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute

from loopprep.web.markup import Span, feedback_spans, highlight, markdown
from loopprep.web.security import parsed_form

T = TypeVar("T")

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.web.snapshot import Snapshot, Snapshots

HTMX = "htmx-2.0.11.min.js"
log = logging.getLogger("loopprep.web")


@dataclass(frozen=True)
class Area:
    """One part of the app: its routes and, if it has a page of its own, a nav entry. Each
    module of `loopprep.web.routes` has one."""

    name: str
    routes: Sequence[BaseRoute]
    nav: tuple[str, str] | None = None  # (label, path)


@dataclass
class WebState:
    """One running web app: which home it serves and how it tells the time."""

    home: Path
    framework: str | None  # overrides the home's saved choice while set
    token: str
    clock: Callable[[], datetime]
    templates: Environment
    snapshots: Snapshots
    areas: list[Area] = field(default_factory=list)
    address: str | None = None  # set by the server once it listens
    #: reachable from other machines (answers to a host name beyond loopback): reading
    #: files by path on this computer is then turned off
    exposed: bool = False
    #: set once a page has been rendered: the warm-up loads its models after the first page
    page_served: threading.Event = field(default_factory=threading.Event)


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.loopprep
    return state


@contextmanager
def open_bank(request: Request) -> Iterator[Bank]:
    """The bank for this request: a connection of its own (cheap; WAL lets the CLI write too)."""
    from loopprep.bank import Bank

    state = web_state(request)
    bank = Bank.open(state.home, framework=state.framework)
    try:
        yield bank
    finally:
        bank.close()


def snapshot(request: Request, bank: Bank) -> Snapshot:
    """Live stories and the coverage map as of the latest commit (shared between requests)."""
    return web_state(request).snapshots.get(bank, today(request))


def kept(request: Request, bank: Bank, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, shared by every request until the next commit (or the next minute, for
    views that depend on the time of day): the pages over the whole bank are read once."""
    minute = now(request).replace(second=0, microsecond=0)
    return web_state(request).snapshots.memo(bank, today(request), (key, minute), compute)


def now(request: Request) -> datetime:
    return web_state(request).clock()


def today(request: Request) -> date:
    return web_state(request).clock().astimezone().date()


def form(request: Request) -> FormData:
    """The submitted form (already parsed and its token checked by the guard)."""
    return parsed_form(request.scope)


def text_field(data: FormData, name: str) -> str | None:
    value = data.get(name)
    return value if isinstance(value, str) else None


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def make_templates(home: Path, token: str) -> Environment:
    """The pages' templates; every value is escaped unless a filter made it safe."""
    env = Environment(
        loader=PackageLoader("loopprep.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = markdown
    env.filters["highlight"] = highlight_filter
    env.globals["htmx"] = HTMX
    env.globals["csrf_token"] = token
    env.filters["sentence"] = sentence
    env.filters["when"] = when
    env.filters["ago"] = ago
    env.globals["where"] = lambda path: where(path, home)
    env.globals["query"] = query
    env.globals["feedback_spans"] = feedback_spans
    return env


def highlight_filter(text: str, spans: Iterable[Span | tuple[int, int]], kind: str = "mark",
                     title: str = "") -> Markup:
    """`text|highlight(spans)` in templates: spans may be `Span`s or (start, end) pairs."""
    return highlight(text, [s if isinstance(s, Span) else Span(s[0], s[1], kind, title)
                            for s in spans])


def sentence(message: str) -> str:
    """'no story with id 'x'' -> 'No story with id 'x'.' (library messages are fragments)."""
    text = message.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _moment(value: datetime | date | str | None) -> datetime | date | str | None:
    """A stored time read back: ISO text becomes a datetime; text that is not one stays
    text (shown as it is); nothing stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def when(moment: datetime | date | str | None, today: date | None = None) -> str:
    """A time as a candidate reads it: 'today', 'yesterday', 'Tue 1 Dec', never raw ISO."""
    moment = _moment(moment)
    if moment is None or isinstance(moment, str):
        return moment or "never"
    day = moment.date() if isinstance(moment, datetime) else moment
    if today is not None:
        gap = (today - day).days
        named = {0: "today", 1: "yesterday", -1: "tomorrow"}.get(gap)
        if named:
            return named
    text = f"{day:%a} {day.day} {day:%b}"
    return text if today is None or today.year == day.year else f"{text} {day.year}"


def ago(moment: datetime | str | None, now: datetime) -> str:
    """How long ago, in words: 'just now', '2 hours ago', 'yesterday', '3 days ago', a date."""
    read = _moment(moment)
    if read is None or isinstance(read, str):
        return read or "never"
    if not isinstance(read, datetime):
        return when(read, now.date())
    moment = read
    if moment.tzinfo is None:
        moment = moment.astimezone()
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    for limit, size, unit in ((3600, 60, "minute"), (86400, 3600, "hour")):
        if seconds < limit:
            n = int(seconds // size)
            return f"{n} {unit}{'s' * (n != 1)} ago"
    days = (now.astimezone().date() - moment.astimezone().date()).days
    if days <= 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return when(moment, now.astimezone().date())


def query(params: Mapping[str, Any], **changes: Any) -> str:
    """A query string from `params` with `changes`, leaving out empty values."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "", False)}
    return "?" + urlencode(kept) if kept else ""


def where(path: str | Path, home: Path) -> str:
    """A file's path as the user would like to read it: inside the home, relative to it."""
    from loopprep.model import display_path

    try:
        return str(Path(path).relative_to(home))
    except ValueError:
        return display_path(str(path))


def render(request: Request, template: str, context: dict[str, Any] | None = None, *,
           status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    """A page (or, for htmx requests to a `_partial.html`, a fragment) as HTML."""
    state = web_state(request)
    area = active_area(request, state)
    values = {
        "request": request,
        "nav": [a for a in state.areas if a.nav],
        "area": area,
        "home": state.home,
        **(context or {}),
    }
    html = state.templates.get_template(template).render(values)
    state.page_served.set()
    return HTMLResponse(html, status_code=status,
                        headers={"cache-control": "no-store", **(headers or {})})


def respond(request: Request, template: str, context: dict[str, Any], data: Any,
            *, status: int = 200) -> Response:
    """HTML for the page, or `data` as JSON when the path ends in .json."""
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    return render(request, template, context, status=status)


def active_area(request: Request, state: WebState) -> str:
    path = request.url.path
    best = ""
    for area in state.areas:
        if area.nav and len(area.nav[1]) > len(best) and (
                path == area.nav[1] or path.startswith(area.nav[1].rstrip("/") + "/")):
            best = area.nav[1]
    for area in state.areas:
        if area.nav and area.nav[1] == best:
            return area.name
    return ""


def error_page(request: Request, status: int, message: str, hint: str | None = None) -> Response:
    """A refusal or error the user can act on, as a page, a fragment or JSON."""
    if wants_json(request):
        return JSONResponse({"error": message, "hint": hint}, status_code=status)
    template = "_error.html" if is_htmx(request) else "error.html"
    return render(request, template, {"status": status, "message": message, "hint": hint},
                  status=status)


def server_error(request: Request, exc: Exception) -> Response:
    log.exception("error while serving %s", request.url.path, exc_info=exc)
    return error_page(request, 500, "something went wrong on loopprep's side",
                      "The details are in the terminal that runs `loopprep serve`.")
