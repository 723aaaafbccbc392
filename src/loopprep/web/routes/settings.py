"""Settings: which competency framework the bank uses, and where its data lives (the home
folder, the database, uploaded notes), so the user can find and back them up.
"""

from __future__ import annotations

from importlib import metadata

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.web.pages import form, open_bank, render, snapshot, text_field, web_state
from loopprep.web.routes import Area


def settings_page(request: Request, *, error: LoopprepError | None = None,
                  status: int = 200) -> Response:
    from loopprep.frameworks import available_frameworks, load_framework
    from loopprep.home import database_path
    from loopprep.uploads import UPLOADS_DIR

    state = web_state(request)
    with open_bank(request) as bank:
        active = bank.framework
        stories = len(snapshot(request, bank).stories)
    frameworks = []
    for name, origin in available_frameworks(state.home).items():
        try:
            loaded = load_framework(name, home=state.home)
        except LoopprepError as problem:
            frameworks.append({"name": name, "title": name, "count": 0, "origin": origin,
                               "problem": str(problem)})
            continue
        frameworks.append({"name": name, "title": loaded.name, "count": len(loaded),
                           "origin": origin, "problem": None})
    database = database_path(state.home)
    return render(request, "settings.html", {
        "error": error,
        "active": active,
        "frameworks": frameworks,
        "database": database,
        "database_size": database.stat().st_size if database.exists() else 0,
        "uploads": state.home / UPLOADS_DIR,
        "frameworks_dir": state.home / "frameworks",
        "stories": stories,
        "address": state.address,
        "version": metadata.version("loopprep"),
        "saved": request.query_params.get("saved") == "1",
    }, status=status)


def show_settings(request: Request) -> Response:
    return settings_page(request)


def choose_framework(request: Request) -> Response:
    """Make a framework the bank's choice (as `--framework` on import does)."""
    from loopprep.bank import Bank
    from loopprep.frameworks import available_frameworks

    state = web_state(request)
    name = text_field(form(request), "framework") or ""
    try:
        if name not in available_frameworks(state.home):
            raise LoopprepError(f"there is no framework called {name!r}",
                                hint="Pick one of the frameworks listed below.")
        with Bank.open(state.home, framework=name) as bank:
            bank.remember_framework()
    except LoopprepError as error:
        return settings_page(request, error=error, status=400)
    state.framework = None  # the saved choice now decides, for every page
    return RedirectResponse("/settings?saved=1", status_code=303)


area = Area(
    name="settings",
    routes=[
        Route("/settings", show_settings, methods=["GET"]),
        Route("/settings/framework", choose_framework, methods=["POST"]),
    ],
    nav=("Settings", "/settings"),
)
