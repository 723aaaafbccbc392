"""Save a practice answer as a story: a page shows the STAR fields the answer gives (to
edit) and the story they would fill; nothing is written until the candidate confirms.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.web.pages import form, now, open_bank, render, text_field, today, web_state
from loopprep.web.routes import Area

PARTS = ("situation", "task", "action", "result")


def confirm_page(request: Request, *, error: LoopprepError | None = None,
                 typed: dict[str, str] | None = None, status: int = 200) -> Response:
    attempt_id = int(request.path_params["attempt_id"])
    with open_bank(request) as bank:  # the answer's STAR parts, kept until the next commit
        draft = web_state(request).snapshots.memo(bank, today(request), ("story-draft", attempt_id),
                                                  lambda: bank.answer_as_story(attempt_id))
        names = {p.slug: p.name for p in bank.framework}
    fields = dict(draft.fields)
    metrics = "\n".join(draft.metrics)
    target = draft.suggested or ""
    title = draft.title
    if typed:
        fields = {part: typed.get(part, "") for part in PARTS}
        metrics, target, title = typed.get("metrics", ""), typed.get("story", ""), typed.get("title", "")
    return render(request, "answer_story.html", {
        "draft": draft, "fields": fields, "metrics": metrics, "target": target, "title": title,
        "parts": PARTS, "names": names, "error": error,
    }, status=status)


def show(request: Request) -> Response:
    return confirm_page(request)


def save(request: Request) -> Response:
    """Write the confirmed fields into the chosen story (or a new one) and show it."""
    attempt_id = int(request.path_params["attempt_id"])
    data = form(request)
    typed = {name: text_field(data, name) or "" for name in (*PARTS, "metrics", "story", "title")}
    fields: dict[str, object] = {part: typed[part] for part in PARTS if typed[part].strip()}
    metrics = [line.strip() for line in typed["metrics"].splitlines() if line.strip()]
    if metrics:
        fields["metrics"] = metrics
    try:
        with open_bank(request) as bank:
            story = bank.save_answer_as_story(attempt_id, fields, now=now(request),
                                              story_id=typed["story"] or None,
                                              title=typed["title"] or None)
    except LoopprepError as error:
        return confirm_page(request, error=error, typed=typed, status=400)
    return RedirectResponse(f"/stories/{story.id}?saved=1", status_code=303)


area = Area(
    name="answer-story",
    routes=[
        Route("/practice/attempts/{attempt_id:int}/story", show, methods=["GET"]),
        Route("/practice/attempts/{attempt_id:int}/story", save, methods=["POST"]),
    ],
)
