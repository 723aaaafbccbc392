"""Technical practice: the topics and subtopics, how you rate yourself on each, what you
practised and your notes (what `loopprep tech topics/rate/log/note/show` do).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.web.pages import form, now, open_bank, respond, text_field, today
from loopprep.web.routes import Area

#: A self-rating in words, as the practice page's buttons say it.
SELF_RATINGS = {1: "lost", 2: "shaky", 3: "can do it", 4: "solid", 5: "could teach it"}


def technical_page(request: Request, *, error: LoopprepError | None = None,
                   chosen: str | None = None, status: int = 200) -> Response:
    from loopprep.technical.tracker import details, topics_view

    chosen = request.query_params.get("subtopic", "") if chosen is None else chosen
    moment = now(request)
    with open_bank(request) as bank:
        view = topics_view(bank, now=moment)
        try:
            shown = details(bank, chosen, now=moment) if chosen else None
        except LoopprepError as problem:
            shown, error, status = None, error or problem, 404 if status == 200 else status
    context = {"topics": view["topics"], "shown": shown, "error": error,
               "self_ratings": SELF_RATINGS, "today": today(request),
               "saved": request.query_params.get("saved", "")}
    data: dict[str, Any] = {**view, "subtopic": shown} if shown else view
    return respond(request, "technical.html", context, data, status=status)


def _back(subtopic: str, saved: str) -> Response:
    return RedirectResponse(f"/technical?subtopic={quote(subtopic)}&saved={saved}#subtopic",
                            status_code=303)


def rate(request: Request) -> Response:
    from loopprep.technical.tracker import rate as rate_subtopic

    data = form(request)
    subtopic = text_field(data, "subtopic") or ""
    rating = text_field(data, "rating") or ""
    try:
        if not rating.isdigit():
            raise LoopprepError("choose how well you know it, from lost to could teach it")
        with open_bank(request) as bank:
            state = rate_subtopic(bank, subtopic, int(rating), now=now(request))
    except LoopprepError as error:
        return technical_page(request, error=error, chosen=subtopic, status=400)
    return _back(state.subtopic.id, "rating")


def log(request: Request) -> Response:
    from loopprep.technical.tracker import log_practice

    data = form(request)
    subtopic = text_field(data, "subtopic") or ""
    minutes = (text_field(data, "minutes") or "").strip()
    try:
        try:
            spent = float(minutes) if minutes else None
        except ValueError:
            raise LoopprepError(f"{minutes!r} is not a number of minutes",
                                hint="Give the minutes you spent, e.g. 25, or leave it empty.") from None
        with open_bank(request) as bank:
            logged = log_practice(bank, subtopic, problem=text_field(data, "problem") or "",
                                  outcome=text_field(data, "outcome") or "", now=now(request),
                                  link=text_field(data, "link"), minutes=spent,
                                  notes=text_field(data, "notes") or "")
    except LoopprepError as error:
        return technical_page(request, error=error, chosen=subtopic, status=400)
    return _back(logged.state.subtopic.id, "log")


def note(request: Request) -> Response:
    from loopprep.technical.tracker import add_note

    data = form(request)
    subtopic = text_field(data, "subtopic") or ""
    try:
        with open_bank(request) as bank:
            state = add_note(bank, subtopic, text_field(data, "note") or "", now=now(request))
    except LoopprepError as error:
        return technical_page(request, error=error, chosen=subtopic, status=400)
    return _back(state.subtopic.id, "note")


area = Area(
    name="technical",
    routes=[
        Route("/technical", technical_page, methods=["GET"]),
        Route("/technical.json", technical_page, methods=["GET"]),
        Route("/technical/rate", rate, methods=["POST"]),
        Route("/technical/log", log, methods=["POST"]),
        Route("/technical/note", note, methods=["POST"]),
    ],
    nav=("Technical", "/technical"),
)
