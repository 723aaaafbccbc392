"""History: every practice session and attempt, newest first, each with its answer, its
feedback and follow-ups, and a link back to its question or story (`loopprep history`).
"""

from __future__ import annotations

import math
from itertools import groupby
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from loopprep.model.practice import RATINGS, AttemptRecord
from loopprep.web.pages import open_bank, respond, today
from loopprep.web.routes import Area

PAGE_SIZE = 25


def history_page(request: Request) -> Response:
    raw = request.query_params.get("page", "")
    with open_bank(request) as bank:
        total = bank.count_attempts()
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = min(max(int(raw) if raw.isdigit() else 1, 1), pages)
        found = bank.attempts(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        names = {str(p.slug): p.name for p in bank.framework}
    sessions = [{"id": sid, "attempts": [_view(a, names) for a in group]}
                for sid, group in groupby(found, key=lambda a: a.session_id)]
    context = {"sessions": sessions, "total": total, "page": page, "pages": pages,
               "today": today(request)}
    return respond(request, "history.html", context,
                   {"attempts": [a.to_json() for a in found], "total": total, "page": page})


def _view(attempt: AttemptRecord, names: dict[str, str]) -> dict[str, Any]:
    """An attempt in the candidate's words: the rating as a word, where it came from."""
    feedback = attempt.feedback or {}
    if attempt.kind == "question" or attempt.question_id:
        back = ("the question", "/questions?" + urlencode({"q": attempt.question[:80]}))
    elif attempt.kind == "technical":
        back = ("the subtopic", "/technical?" + urlencode({"subtopic": attempt.ref}) + "#subtopic")
    else:
        back = ("your stories for it", "/stories?" + urlencode({"principle": attempt.ref}))
    return {
        "id": attempt.id, "question": attempt.question, "answer": attempt.answer,
        "principle": names.get(attempt.principle or "", attempt.principle or ""),
        "started_at": attempt.started_at, "overall": attempt.overall,
        "rating": RATINGS.get(attempt.rating or 0, "").capitalize() or None,
        "summary": feedback.get("summary", ""), "followups": attempt.followups,
        "back": back, "status": attempt.status,
    }


area = Area(
    name="history",
    routes=[Route("/history", history_page, methods=["GET"]),
            Route("/history.json", history_page, methods=["GET"])],
    nav=("History", "/history"),
)
