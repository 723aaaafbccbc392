"""Exports in the browser: the Anki deck, the practice calendar and the story notes as
downloads (made in memory, nothing written), the principles with the text your notes give
them (`loopprep principles`), and the database check (`loopprep doctor`, read-only).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from loopprep.errors import LoopprepError, NotFoundError
from loopprep.web.pages import now, open_bank, render, today, web_state
from loopprep.web.routes import Area
from loopprep.web.routes.plan import DEFAULT_OPTIONS, plan_for

#: download name -> (what the bank makes, its media type)
DOWNLOADS = {
    "loopprep.apkg": ("anki", "application/octet-stream"),
    "loopprep-practice.ics": ("calendar", "text/calendar"),
    "loopprep-stories.zip": ("vault", "application/zip"),
}


def exports_page(request: Request, *, error: LoopprepError | None = None,
                 status: int = 200) -> Response:
    checked = request.query_params.get("check") == "1"
    with open_bank(request) as bank:
        texts = bank.principle_texts()
        principles = [{"slug": p.slug, "name": p.name, "summary": p.summary,
                       "notes_text": texts.get(p.slug)} for p in bank.framework]
        checkup = bank.checkup() if checked else None
        has_interview = bool(bank.interviews())
        framework = bank.framework.name
    return render(request, "exports.html", {
        "error": error, "principles": principles, "framework": framework, "checkup": checkup,
        "has_interview": has_interview, "downloads": DOWNLOADS,
    }, status=status)


def show_exports(request: Request) -> Response:
    return exports_page(request)


def download(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in DOWNLOADS:
        raise NotFoundError(f"there is no export called {name!r}")
    kind, media = DOWNLOADS[name]
    try:
        with open_bank(request) as bank:
            day = today(request)
            plan = plan_for(bank, web_state(request).snapshots, day, DEFAULT_OPTIONS)
            data = bank.downloads(plan, kind, today=day, now=now(request))
    except LoopprepError as error:
        return exports_page(request, error=error, status=400)
    return Response(data, media_type=media, headers={
        "content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"})


area = Area(
    name="exports",
    routes=[
        Route("/exports", show_exports, methods=["GET"]),
        Route("/exports/{name:str}", download, methods=["GET"]),
    ],
    nav=("Exports", "/exports"),
)
