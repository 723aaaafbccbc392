"""The loop plan in the browser, from the same planner as `loopprep plan`: which story to
tell which interviewer (primary and backup, no story twice, the strongest for the bar
raiser), what cannot be filled and what to develop next; and the one-page cheat sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.web.pages import open_bank, render, today, wants_json, web_state
from loopprep.web.routes import Area

if TYPE_CHECKING:
    from datetime import date

    from loopprep.bank import Bank
    from loopprep.plan.planner import LoopPlan
    from loopprep.web.snapshot import Snapshots

MAX_INTERVIEWERS = 12
#: The cheat sheet is its own page (with its own inline style and no script at all).
SHEET_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
SHEET_TYPES = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
               "pdf": "application/pdf"}


def loop_options(request: Request) -> dict[str, Any]:
    """The loop as the page's form describes it (query parameters; nothing is stored)."""
    params = request.query_params
    lines = [line.strip() for line in params.get("interviewers", "").splitlines() if line.strip()]
    return {"interviewers": lines[:MAX_INTERVIEWERS],
            "bar_raiser": params.get("bar_raiser", "").strip() or None,
            "linked_only": params.get("linked_only") == "1"}


#: The plan page without a loop typed in: what the server plans ahead when it starts.
DEFAULT_OPTIONS: dict[str, Any] = {"interviewers": [], "bar_raiser": None, "linked_only": False}


def make_plan(bank: Bank, request: Request, options: dict[str, Any]) -> LoopPlan:
    """The plan for these options, kept until the next change to the bank."""
    return plan_for(bank, web_state(request).snapshots, today(request), options)


def plan_for(bank: Bank, snapshots: Snapshots, day: date, options: dict[str, Any]) -> LoopPlan:
    """The plan for `options` on `day`, computed once per change to the bank."""
    from loopprep.plan.planner import PlanOptions

    def compute() -> LoopPlan:
        loop = bank.loop(interviewers=options["interviewers"], bar_raiser=options["bar_raiser"])
        return bank.plan_loop(loop, today=day, options=PlanOptions(linked_only=options["linked_only"]),
                              stories=snapshots.stories(bank, day))

    key = ("plan", tuple(options["interviewers"]), options["bar_raiser"], options["linked_only"])
    return snapshots.memo(bank, day, key, compute)


def plan_page(request: Request) -> Response:
    options = loop_options(request)
    error = None
    plan = None
    with open_bank(request) as bank:
        try:
            plan = make_plan(bank, request, options)
        except LoopprepError as problem:
            error = problem
        names = {p.slug: p.name for p in bank.framework}
        framework = bank.framework.name
        slugs = [str(p.slug) for p in bank.framework][:4]
    if wants_json(request):
        if plan is None:
            assert error is not None
            return JSONResponse({"error": error.message, "hint": error.hint}, status_code=400)
        return JSONResponse(plan.to_json())
    query = {k: v for k, v in (("interviewers", "\n".join(options["interviewers"])),
                               ("bar_raiser", options["bar_raiser"] or ""),
                               ("linked_only", "1" if options["linked_only"] else "")) if v}
    from loopprep.plan.words import slot_sentence

    sentences = {f"{s.interviewer}|{s.principle}": slot_sentence(plan, s)
                 for s in plan.slots} if plan else {}
    return render(request, "plan.html", {
        "plan": plan, "error": error, "options": options, "names": names, "sheet_query": query,
        "sentences": sentences, "framework": framework,
        "example": (f"Hiring manager: {', '.join(slugs[:2])}\n"
                    f"Bar raiser: {', '.join(slugs[2:4] or slugs[:1])}"),
        "typed": "\n".join(options["interviewers"]),
    }, status=400 if error else 200)


def cheat_sheet(request: Request) -> Response:
    """The plan's cheat sheet as HTML to read or print, Markdown or PDF."""
    fmt = request.path_params["fmt"]
    if fmt not in SHEET_TYPES:
        raise LoopprepError(f"unknown cheat sheet format {fmt!r}", hint="Use html, md or pdf.")
    options = loop_options(request)
    with open_bank(request) as bank:
        plan = make_plan(bank, request, options)
        key = ("cheatsheet", fmt, tuple(options["interviewers"]), options["bar_raiser"],
               options["linked_only"])
        data = web_state(request).snapshots.memo(  # kept with the plan it is made from
            bank, today(request), key,
            lambda: bank.cheat_sheet(plan, fmt, today=today(request)))
    headers = {"content-security-policy": SHEET_POLICY, "cache-control": "no-store"}
    if fmt != "html":
        headers["content-disposition"] = f'attachment; filename="cheatsheet.{fmt}"'
    return Response(data, media_type=SHEET_TYPES[fmt], headers=headers)


area = Area(
    name="plan",
    routes=[
        Route("/plan", plan_page, methods=["GET"]),
        Route("/plan.json", plan_page, methods=["GET"]),
        Route("/plan/cheatsheet.{fmt:str}", cheat_sheet, methods=["GET"]),
    ],
    nav=("Plan", "/plan"),
)
