"""Interviews: the companies and stages practice prepares for; add, edit and remove them
(what `loopprep interview add/list/remove` do), each change re-converging the schedule.
"""

from __future__ import annotations

from datetime import date

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.model.practice import Interview
from loopprep.web.pages import form, now, open_bank, respond, text_field, today
from loopprep.web.routes import Area


def interviews_page(request: Request, *, error: LoopprepError | None = None,
                    typed: dict[str, str] | None = None, editing: int | None = None,
                    status: int = 200) -> Response:
    with open_bank(request) as bank:
        found = bank.interviews()
    day = today(request)
    if editing is None and request.query_params.get("edit", "").isdigit():
        editing = int(request.query_params["edit"])
    context = {
        "interviews": [_view(i, day) for i in found], "today": day.isoformat(),
        "error": error, "typed": typed or {}, "editing": editing,
        "saved": request.query_params.get("saved", ""),
    }
    return respond(request, "interviews.html", context,
                   {"interviews": [i.to_json() for i in found]}, status=status)


def _view(interview: Interview, day: date) -> dict[str, object]:
    """An interview as the page shows it: stages with days to go, and the form's values."""
    stages = [{"name": s.name, "date": s.date, "days": (s.date - day).days,
               "past": s.date < day} for s in interview.stages]
    return {"id": interview.id, "company": interview.company, "role": interview.role,
            "date": interview.date, "stages": stages,
            "stages_text": ", ".join(f"{s.name}={s.date.isoformat()}" for s in interview.stages)}


def _fields(data: FormData) -> dict[str, str]:
    return {name: (text_field(data, name) or "").strip() for name in ("company", "role", "date", "stages")}


def _stages(text: str) -> list[str]:
    return [s.strip() for s in text.replace("\n", ",").split(",") if s.strip()]


def add(request: Request) -> Response:
    typed = _fields(form(request))
    try:
        with open_bank(request) as bank:
            added = bank.add_interview(typed["company"], role=typed["role"], day=typed["date"],
                                       stages=_stages(typed["stages"]), now=now(request))
    except LoopprepError as error:
        return interviews_page(request, error=error, typed=typed, status=400)
    return RedirectResponse(f"/interviews?saved={added.id}", status_code=303)


def edit(request: Request) -> Response:
    interview_id = int(request.path_params["interview_id"])
    typed = _fields(form(request))
    try:
        with open_bank(request) as bank:
            bank.edit_interview(interview_id, typed["company"], role=typed["role"],
                                day=typed["date"], stages=_stages(typed["stages"]),
                                now=now(request))
    except LoopprepError as error:
        return interviews_page(request, error=error, typed=typed, editing=interview_id, status=400)
    return RedirectResponse(f"/interviews?saved={interview_id}", status_code=303)


def remove(request: Request) -> Response:
    with open_bank(request) as bank:
        bank.remove_interview(int(request.path_params["interview_id"]))
    return RedirectResponse("/interviews", status_code=303)


area = Area(
    name="interviews",
    routes=[
        Route("/interviews", interviews_page, methods=["GET"]),
        Route("/interviews.json", interviews_page, methods=["GET"]),
        Route("/interviews", add, methods=["POST"]),
        Route("/interviews/{interview_id:int}", edit, methods=["POST"]),
        Route("/interviews/{interview_id:int}/remove", remove, methods=["POST"]),
    ],
    nav=("Interviews", "/interviews"),
)
