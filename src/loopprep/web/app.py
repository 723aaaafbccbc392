"""Building the web app: a plain Starlette object for one loopprep home, with its areas'
routes, the static files, the guard in front of everything, and errors as pages. Tests
drive it in-process (`TestClient(create_app(home))`); `loopprep serve` runs it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from loopprep.errors import LoopprepError, NotFoundError
from loopprep.web.pages import WebState, error_page, make_templates, server_error
from loopprep.web.routes import (
    Area,
    answer,
    answer_story,
    dashboard,
    exports,
    history,
    importing,
    interviews,
    plan,
    practice,
    questions,
    settings,
    speaking,
    stories,
    technical,
)
from loopprep.web.security import LOOPBACK_HOSTS, Guard, new_token
from loopprep.web.snapshot import Snapshots

log = logging.getLogger("loopprep.web")

#: The areas in navigation order. A new area is a module in routes/ with an `area`.
AREAS: list[Area] = [dashboard.area, stories.area, questions.area, practice.area,
                     answer_story.area, technical.area, interviews.area, history.area, answer.area,
                     plan.area, exports.area, importing.area, settings.area, speaking.area]
#: Request bodies larger than the default form limit, by path.
BODY_LIMITS = {"/import/upload": importing.UPLOAD_REQUEST_BYTES,
               speaking.UPLOAD_PATH: speaking.UPLOAD_REQUEST_BYTES}


def wall_clock() -> datetime:
    """The web app's one reading of the wall clock (the library is always handed `now`)."""
    return datetime.now(UTC)


def create_app(home: Path, *, framework: str | None = None, token: str | None = None,
               clock: Callable[[], datetime] = wall_clock,
               allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
               areas: Sequence[Area] | None = None) -> Starlette:
    """The web app for the bank in `home`. Opens the bank once first, so a bad home or
    framework is reported before serving (as a `LoopprepError`)."""
    from loopprep.bank import Bank

    Bank.open(home, framework=framework).close()
    areas = list(AREAS if areas is None else areas)
    token = token or new_token()
    state = WebState(home=home, framework=framework, token=token, clock=clock,
                     templates=make_templates(home, token), snapshots=Snapshots(home), areas=areas,
                     exposed=any(h.lower().strip("[]") not in LOOPBACK_HOSTS for h in allowed_hosts))
    static = Path(str(resources.files("loopprep.web").joinpath("static")))
    routes = [route for area in areas for route in area.routes]
    routes += [Route("/health", health), Mount("/static", StaticFiles(directory=static), name="static")]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, token=state.token, refuse=error_page,
                               allowed_hosts=allowed_hosts, body_limits=BODY_LIMITS)],
        exception_handlers={
            NotFoundError: _not_found,
            LoopprepError: _user_error,
            sqlite3.Error: _store_fault,
            HTTPException: _http_error,
            Exception: server_error,
        },
    )
    app.state.loopprep = state
    return app


def health(request: Request) -> Response:
    """For scripts and tests: the server is up."""
    return JSONResponse({"ok": True})


def _not_found(request: Request, exc: Exception) -> Response:
    return error_page(request, 404, str(exc.message if isinstance(exc, LoopprepError) else exc))


def _user_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, LoopprepError):
        return error_page(request, 400, exc.message, exc.hint)
    return server_error(request, exc)


def _store_fault(request: Request, exc: Exception) -> Response:
    """The database failed under the page (damaged, disk full, read-only home): say so."""
    from loopprep.store.faults import explain

    if not isinstance(exc, sqlite3.Error):
        return server_error(request, exc)
    error = explain(exc)
    log.warning("database fault while serving %s: %s", request.url.path, exc)
    return error_page(request, 503, error.message, error.hint)


def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = {404: "there is no such page", 405: "this page does not accept that kind of request"}
    return error_page(request, status, message.get(status, str(getattr(exc, "detail", exc))))
