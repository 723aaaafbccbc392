"""Practice in the browser, driving the same `PracticeSession` as `loopprep practice`: the
home screen (countdown, due, weakest, streak, progress), a session's question with a timer
and an answer box, feedback with its spans marked, follow-up probes, and the self-rating
that schedules the card; a technical item is a prompt and a short log of what was done.
The interviews prepared for are added and removed here too.
"""

from __future__ import annotations

import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError, NotFoundError
from loopprep.web.pages import (
    form,
    is_htmx,
    kept,
    now,
    open_bank,
    render,
    snapshot,
    text_field,
    wants_json,
)
from loopprep.web.routes import Area, speaking

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.practice import AttemptRecord, PracticeItem, PracticeSession

RATINGS = ((1, "Again", "I could not answer it"), (2, "Hard", "with long pauses"),
           (3, "Good", "a solid answer"), (4, "Easy", "it came at once"))
_lock = threading.Lock()
SPOKEN_KEYS = {"transcript", "transcript_model", "delivery"}  # stored with a spoken answer


# --- the home screen --------------------------------------------------------------------


def practice_home(request: Request, *, error: LoopprepError | None = None,
                  status: int = 200) -> Response:
    with open_bank(request) as bank:
        moment = now(request)
        home = kept(request, bank, "practice status", lambda: bank.practice_status(now=moment))
        interviews = bank.interviews()
        framework = bank.framework
    if wants_json(request):
        return JSONResponse(home)
    return render(request, "practice.html", {
        "status": home, "interviews": interviews, "framework": framework,
        "error": error, "today": moment.date().isoformat(),
    }, status=status)


def _progress(request: Request, bank: Bank) -> dict[str, Any]:
    moment = now(request)
    return kept(request, bank, "progress", lambda: bank.progress(now=moment))


def resume(request: Request, bank: Bank, session_id: int) -> PracticeSession:
    """A session, with the bank's stories and practice questions as kept between requests
    (a session's page otherwise reads a thousand stories and every question each time)."""
    return bank.resume_practice(
        session_id, stories=snapshot(request, bank).stories,
        questions=kept(request, bank, "practice-questions",
                       lambda: bank.practice_questions(now=now(request))))


def progress_page(request: Request) -> Response:
    """Scores per principle over time (the page loads it when it comes into view)."""
    with open_bank(request) as bank:
        progress = _progress(request, bank)
    if wants_json(request):
        return JSONResponse(progress)
    template = "_progress.html" if is_htmx(request) else "practice_progress.html"
    return render(request, template, {"progress": progress, "now": now(request)})


def progress_chart(request: Request) -> Response:
    """The progress chart of `loopprep progress --chart` as an SVG image."""
    from loopprep.practice.chart import write_chart

    def draw() -> bytes:
        progress = _progress(request, bank)
        with tempfile.TemporaryDirectory() as folder:
            return write_chart(progress, Path(folder) / "progress.svg").read_bytes()

    with open_bank(request) as bank:
        svg = kept(request, bank, "progress.svg", draw)
    return Response(svg, media_type="image/svg+xml", headers={"cache-control": "no-store"})


def add_interview(request: Request) -> Response:
    data = form(request)
    stages = [s.strip() for s in (text_field(data, "stages") or "").split(",") if s.strip()]
    try:
        with open_bank(request) as bank:
            bank.add_interview(text_field(data, "company") or "", role=text_field(data, "role") or "",
                               day=(text_field(data, "date") or "").strip(), stages=stages,
                               now=now(request))
    except LoopprepError as error:
        return practice_home(request, error=error, status=400)
    return RedirectResponse("/practice", status_code=303)


def remove_interview(request: Request) -> Response:
    with open_bank(request) as bank:
        bank.remove_interview(int(request.path_params["interview_id"]))
    return RedirectResponse("/practice", status_code=303)


# --- a session --------------------------------------------------------------------------


def start_session(request: Request) -> Response:
    from loopprep.practice import SessionOptions

    data = form(request)
    count = text_field(data, "count") or ""
    minutes = text_field(data, "minutes") or ""
    principles = tuple(p for p in data.getlist("principle") if isinstance(p, str) and p)
    try:
        options = SessionOptions(minutes=float(minutes) if minutes.strip() else None,
                                 count=int(count) if count.strip() else None,
                                 principles=principles, mock_loop=data.get("mock_loop") == "1",
                                 technical=text_field(data, "technical") or "mix")
    except ValueError:
        return practice_home(request, error=LoopprepError(
            "the number of questions and the minutes must be numbers"), status=400)
    try:
        with open_bank(request) as bank:
            session = bank.start_practice(options, now=now(request))
    except LoopprepError as error:
        return practice_home(request, error=error, status=400)
    return RedirectResponse(f"/practice/sessions/{session.id}", status_code=303)


def show_session(request: Request) -> Response:
    """The next question of the session (or its report when it is over)."""
    session_id = int(request.path_params["session_id"])
    with open_bank(request) as bank:
        session = resume(request, bank, session_id)
        if session.record.ended_at is not None:
            return _report(request, bank, session)
        moment = now(request)
        item = session.next_item(moment)
        if item is None:
            return _report(request, bank, session)
        with _lock:
            _shown(request)[session_id] = item
        return render(request, "practice_item.html", {
            "session": session, "item": item, "number": len(session.asked()) + 1,
            "started_at": moment.isoformat(), "time_left": session.time_left(moment),
            "error": None, "values": {}, "speaking": speaking.page_options(),
        })


def log_item(request: Request) -> Response:
    """Log what was done for a technical item (problem, link, minutes, outcome, a rating
    1-5), then on to the next item; a mistake shows the item again with what was typed."""
    session_id = int(request.path_params["session_id"])
    data = form(request)
    values = {name: text_field(data, name) or "" for name in
              ("problem", "link", "minutes", "outcome", "rating", "notes")}
    with open_bank(request) as bank:
        session = resume(request, bank, session_id)
        item = _item_shown(request, session, text_field(data, "ref") or "")
        if item is None or item.kind != "technical":
            raise LoopprepError("this item is no longer the session's current one",
                                hint="Go back to the session to see the item it is on.")
        moment = now(request)
        try:
            minutes = float(values["minutes"]) if values["minutes"].strip() else None
            rating = int(values["rating"]) if values["rating"].strip() else None
        except ValueError:
            error: LoopprepError | None = LoopprepError(
                "the minutes and the rating must be numbers")
        else:
            try:
                session.log_technical(item, problem=values["problem"], outcome=values["outcome"],
                                      now=moment, link=values["link"], minutes=minutes,
                                      rating=rating, notes=values["notes"])
                error = None
            except LoopprepError as refused:
                error = refused
        if error is not None:
            return render(request, "practice_item.html", {
                "session": session, "item": item, "number": len(session.asked()) + 1,
                "started_at": moment.isoformat(), "time_left": session.time_left(moment),
                "error": error, "values": values,
            }, status=400)
    with _lock:
        _shown(request).pop(session_id, None)
    return RedirectResponse(f"/practice/sessions/{session_id}", status_code=303)


def answer_item(request: Request) -> Response:
    """Store the answer (at once, so nothing typed is lost), then show its feedback. A
    spoken answer names its recording: what was heard is stored with it, the audio kept."""
    session_id = int(request.path_params["session_id"])
    data = form(request)
    text = (text_field(data, "answer") or "").replace("\r\n", "\n")
    heard = speaking.heard_for(request, text_field(data, "recording") or "")
    with open_bank(request) as bank:
        session = resume(request, bank, session_id)
        item = _item_shown(request, session, text_field(data, "ref") or "")
        if item is None:
            raise LoopprepError("this question is no longer the session's current one",
                                hint="Go back to the session to see the question it is on.")
        moment = now(request)
        started = _parse_time(text_field(data, "started_at"), moment)
        result = session.answer(item, text, started_at=started, ended_at=moment,
                                spoken=heard.spoken() if heard else None)
    speaking.keep_for(request, heard, result.attempt_id)
    with _lock:
        _shown(request).pop(session_id, None)
    return RedirectResponse(f"/practice/attempts/{result.attempt_id}", status_code=303)


def show_attempt(request: Request) -> Response:
    """One answer with its feedback, follow-up probes and the rating that schedules it."""
    attempt_id = int(request.path_params["attempt_id"])
    with open_bank(request) as bank:
        attempt = bank.attempt(attempt_id)
        card = bank.card(attempt.card_id) if attempt.card_id else None
        names = {p.slug: p.name for p in bank.framework}
    if wants_json(request):
        return JSONResponse(attempt.to_json())
    return render(request, "practice_attempt.html", {
        "attempt": attempt, "analysis": _analysis_view(attempt), "ratings": RATINGS,
        "suggested": _suggested(attempt), "card": card, "names": names,
        "spoken": speaking.attempt_view(request, attempt),
    })


def answer_followup(request: Request) -> Response:
    attempt_id = int(request.path_params["attempt_id"])
    index = int(request.path_params["index"])
    data = form(request)
    with open_bank(request) as bank:
        attempt = _attempt(bank, attempt_id)
        if attempt.session_id is None:
            raise LoopprepError("this answer belongs to no session")
        session = resume(request, bank, attempt.session_id)
        session.answer_followup(attempt_id, index, text_field(data, "answer") or "", None)
    return RedirectResponse(f"/practice/attempts/{attempt_id}#followup-{index + 1}", status_code=303)


def rate(request: Request) -> Response:
    """Rate the answer (1-4): the card is scheduled, and the session moves on."""
    attempt_id = int(request.path_params["attempt_id"])
    value = text_field(form(request), "rating") or ""
    with open_bank(request) as bank:
        attempt = _attempt(bank, attempt_id)
        bank.rate_attempt(attempt_id, int(value) if value.isdigit() else 0, now=now(request))
    if attempt.session_id is None:
        return RedirectResponse(f"/practice/attempts/{attempt_id}", status_code=303)
    return RedirectResponse(f"/practice/sessions/{attempt.session_id}", status_code=303)


def finish_session(request: Request) -> Response:
    session_id = int(request.path_params["session_id"])
    with open_bank(request) as bank:
        session = resume(request, bank, session_id)
        if session.record.ended_at is None:
            session.finish(now(request))
    return RedirectResponse(f"/practice/sessions/{session_id}", status_code=303)


# --- helpers ----------------------------------------------------------------------------


def _report(request: Request, bank: Bank, session: PracticeSession) -> Response:
    from loopprep.practice import session_report
    report = session.record.report or session_report(bank, session.id, now=now(request))
    attempts = bank.attempts(session_id=session.id, newest_first=False)
    return render(request, "practice_report.html", {
        "session": session, "report": report, "attempts": attempts,
        "finished": session.record.ended_at is not None,
    })


def shown_item(request: Request, session_id: int) -> PracticeItem | None:
    """The item the session's page shows (asked of the session again after a restart)."""
    with _lock:
        item = _shown(request).get(session_id)
    if item is None:
        with open_bank(request) as bank:
            item = bank.resume_practice(session_id).next_item(now(request))
    return item


def read_question(request: Request) -> Response:
    """The question the session is showing, read aloud by a local voice (wav)."""
    from loopprep.speech.voice import read_aloud

    item = shown_item(request, int(request.path_params["session_id"]))
    if item is None:
        raise NotFoundError("this session is showing no question")
    return Response(read_aloud(item.prompt), media_type="audio/wav",
                    headers={"cache-control": "no-store"})


def _item_shown(request: Request, session: PracticeSession, ref: str) -> PracticeItem | None:
    """The question the page showed: kept when shown, or (after a restart) asked again of
    the session, which picks the same one as long as nothing else was answered meanwhile."""
    with _lock:
        item = _shown(request).get(session.id)
    if item is None:
        item = session.next_item(now(request))
    return item if item is not None and item.ref == ref else None


def _shown(request: Request) -> dict[int, PracticeItem]:
    """The question each open session is showing (per app), so an answer is stored against
    exactly the question the page showed."""
    shown: dict[int, PracticeItem] | None = getattr(request.app.state, "practice_shown", None)
    if shown is None:
        shown = {}
        request.app.state.practice_shown = shown
    return shown


def _attempt(bank: Bank, attempt_id: int) -> AttemptRecord:
    return bank.attempt(attempt_id)


def _parse_time(text: str | None, fallback: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(text or "")
    except ValueError:
        return fallback
    if moment.tzinfo is None or moment > fallback:
        return fallback
    return moment


def _suggested(attempt: AttemptRecord) -> int | None:
    from loopprep.practice.session import suggested_rating

    return suggested_rating(attempt.overall) if attempt.kind == "question" else None


def _analysis_view(attempt: AttemptRecord) -> dict[str, Any] | None:
    """The stored feedback in the shape `_analysis.html` reads (the answer added; parts an
    older or partial record lacks filled with nothing)."""
    if not attempt.feedback or set(attempt.feedback) <= SPOKEN_KEYS:
        return None
    empty: dict[str, Any] = {"summary": "", "sentences": [], "flags": [], "scores": {},
                             "overall": attempt.overall or 0.0}
    view = {**empty, **attempt.feedback, "answer": attempt.answer}
    view["flags"] = [{"code": "", "message": "", "severity": "warning", "fix": "", **flag}
                     for flag in view["flags"]]
    view["sentences"] = [{"star": "other", **sentence} for sentence in view["sentences"]]
    return view


area = Area(
    name="practice",
    routes=[
        Route("/practice", practice_home, methods=["GET"]),
        Route("/practice.json", practice_home, methods=["GET"]),
        Route("/practice/progress", progress_page, methods=["GET"]),
        Route("/practice/progress.json", progress_page, methods=["GET"]),
        Route("/practice/progress.svg", progress_chart, methods=["GET"]),
        Route("/practice/interviews", add_interview, methods=["POST"]),
        Route("/practice/interviews/{interview_id:int}/remove", remove_interview, methods=["POST"]),
        Route("/practice/sessions", start_session, methods=["POST"]),
        Route("/practice/sessions/{session_id:int}", show_session, methods=["GET"]),
        Route("/practice/sessions/{session_id:int}/question.wav", read_question, methods=["GET"]),
        Route("/practice/sessions/{session_id:int}/answer", answer_item, methods=["POST"]),
        Route("/practice/sessions/{session_id:int}/log", log_item, methods=["POST"]),
        Route("/practice/sessions/{session_id:int}/finish", finish_session, methods=["POST"]),
        Route("/practice/attempts/{attempt_id:int}.json", show_attempt, methods=["GET"]),
        Route("/practice/attempts/{attempt_id:int}", show_attempt, methods=["GET"]),
        Route("/practice/attempts/{attempt_id:int}/followups/{index:int}", answer_followup,
              methods=["POST"]),
        Route("/practice/attempts/{attempt_id:int}/rate", rate, methods=["POST"]),
    ],
    nav=("Practice", "/practice"),
)
