"""Answer feedback in the browser: type (or paste) an answer to a question and see the
analysis as you go — scores, the summary, and every remark marked on the words it rests on.
Nothing is stored. POST /answer.json is `loopprep analyze --question Q - --json`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.web.pages import form, is_htmx, open_bank, render, text_field, today, wants_json
from loopprep.web.routes import Area

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.feedback import Analysis

#: The same bound as `loopprep analyze` puts on one answer.
MAX_ANSWER_CHARS = 50_000
MAX_QUESTION_CHARS = 1_000


def analyse(bank: Bank, answer: str, question: str, request: Request) -> Analysis:
    """The answer analysed as `loopprep analyze` does: with a question, relevance reads the
    classifier's view of which principles it probes."""
    if len(answer) > MAX_ANSWER_CHARS or len(question) > MAX_QUESTION_CHARS:
        raise LoopprepError(f"an answer may be at most {MAX_ANSWER_CHARS:,} characters and a "
                            f"question {MAX_QUESTION_CHARS:,}")
    return bank.feedback_on(answer, question=question or None, today=today(request))


def answer_page(request: Request) -> Response:
    question = request.query_params.get("question", "").strip()[:MAX_QUESTION_CHARS]
    return render(request, "answer.html", {"question": question, "answer": "", "analysis": None,
                                           "error": None})


def check_answer(request: Request) -> Response:
    """Feedback on the submitted answer: a fragment for htmx, the page otherwise, or JSON."""
    data = form(request)
    question = (text_field(data, "question") or "").strip()
    answer = (text_field(data, "answer") or "").replace("\r\n", "\n")
    error = None
    analysis = None
    try:
        if answer.strip():
            with open_bank(request) as bank:
                analysis = analyse(bank, answer, question, request)
    except LoopprepError as problem:
        error = problem
    if wants_json(request):
        if error is not None:
            return JSONResponse({"error": error.message, "hint": error.hint}, status_code=400)
        return JSONResponse(analysis.to_json() if analysis else {"error": "no answer"},
                            status_code=200 if analysis else 400)
    context = {"question": question, "answer": answer, "analysis": analysis, "error": error}
    status = 400 if error else 200
    if is_htmx(request):
        return render(request, "_answer_feedback.html", context, status=status)
    return render(request, "answer.html", context, status=status)


area = Area(
    name="answer",
    routes=[
        Route("/answer", answer_page, methods=["GET"]),
        Route("/answer", check_answer, methods=["POST"]),
        Route("/answer.json", check_answer, methods=["POST"]),
    ],
    nav=("Answer", "/answer"),
)
