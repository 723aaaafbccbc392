"""Questions in the browser: the built-in bank, the notes' questions and the user's own,
searched and filtered; for any question, which principles it probes and which of the
user's stories fit it, with reasons. `/questions.json` is `loopprep questions --json`.
"""

from __future__ import annotations

import math

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.questions import ORIGINS
from loopprep.web.pages import (
    form,
    is_htmx,
    kept,
    now,
    open_bank,
    render,
    text_field,
    today,
    wants_json,
    web_state,
)
from loopprep.web.routes import Area

PAGE_SIZE = 50
MAX_FIT_CHARS = 1_000


def list_questions(request: Request, *, error: LoopprepError | None = None,
                   typed: str = "", status: int = 200) -> Response:
    """The questions, filtered by words, principle and origin."""
    params = request.query_params
    search = params.get("q", "").strip()
    principle = params.get("principle", "")
    origin = params.get("origin", "")
    with open_bank(request) as bank:
        framework = bank.framework
        principle = principle if principle in framework.slugs else ""
        origin = origin if origin in ORIGINS else ""
        moment = now(request)
        found = kept(request, bank, ("questions", principle, origin, search),
                     lambda: bank.questions(now=moment, principle=principle or None,
                                            origin=origin or None, search=search or None))
    if wants_json(request):
        return JSONResponse({"questions": [q.to_json() for q in found]})
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(max(int(params["page"]) if params.get("page", "").isdigit() else 1, 1), pages)
    context = {
        "found": found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], "total": len(found),
        "page": page, "pages": pages, "q": search, "principle": principle, "origin": origin,
        "origins": ORIGINS, "framework": framework,
        "names": {p.slug: p.name for p in framework}, "error": error, "typed": typed,
    }
    if is_htmx(request) and request.headers.get("hx-target") == "question-results":
        return render(request, "_question_rows.html", context)
    return render(request, "questions.html", context, status=status)


def question_fit(request: Request) -> Response:
    """Which principles a question probes (all, scored) and the user's stories that fit it."""
    question = request.query_params.get("question", "").strip()[:MAX_FIT_CHARS]
    if not question:
        return render(request, "_fit.html", {"question": "", "ranking": None, "matches": []})
    with open_bank(request) as bank:
        snapshots, day = web_state(request).snapshots, today(request)
        ranking, matches = snapshots.memo(
            bank, day, ("fit", question),
            lambda: (bank.classify([question])[0],
                     bank.match(question, limit=5, stories=snapshots.stories(bank, day))))
        names = {p.slug: p.name for p in bank.framework}
    if wants_json(request):
        return JSONResponse(ranking.to_json() | {"stories": [m.to_json() for m in matches]})
    context = {"question": question, "ranking": ranking, "matches": matches, "names": names}
    if is_htmx(request):
        return render(request, "_fit.html", context)
    return render(request, "question_fit.html", context)


def add_question(request: Request) -> Response:
    """Add the user's own question (filed by loopprep's guess when no principle is ticked)."""
    data = form(request)
    text = text_field(data, "text") or ""
    principles = [p for p in data.getlist("principle") if isinstance(p, str) and p]
    try:
        with open_bank(request) as bank:
            listed, _ = bank.add_question(text, now=now(request), principles=principles)
    except LoopprepError as error:
        return list_questions(request, error=error, typed=text, status=400)
    return RedirectResponse(f"/questions?origin=user#q-{listed.question.id}", status_code=303)


area = Area(
    name="questions",
    routes=[
        Route("/questions", list_questions, methods=["GET"]),
        Route("/questions.json", list_questions, methods=["GET"]),
        Route("/questions", add_question, methods=["POST"]),
        Route("/questions/fit", question_fit, methods=["GET"]),
        Route("/questions/fit.json", question_fit, methods=["GET"]),
    ],
    nav=("Questions", "/questions"),
)
