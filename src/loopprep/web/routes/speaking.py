"""Answering out loud in the browser: the recording is uploaded (through the guard's token,
Origin and size checks), transcribed on this machine and measured, and its transcript goes
into the answer box to be corrected before the feedback. The question can be read aloud by
a local voice. The recording is kept with the attempt and can be deleted from its page.

The browser's SpeechRecognition API is never used: it sends the audio to a cloud service.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError, NotFoundError
from loopprep.web.pages import form, open_bank, text_field, web_state
from loopprep.web.routes import Area

if TYPE_CHECKING:
    from loopprep.model.practice import AttemptRecord
    from loopprep.speech.recordings import Heard

log = logging.getLogger("loopprep.web")
UPLOAD_PATH = "/practice/recording.json"
#: the most one upload may send: the recording plus its few form fields
UPLOAD_REQUEST_BYTES = 30 * 1024 * 1024 + 64 * 1024
_MEDIA = {".webm": "audio/webm", ".ogg": "audio/ogg", ".m4a": "audio/mp4", ".mp3": "audio/mpeg",
          ".wav": "audio/wav", ".flac": "audio/flac"}


def page_options() -> dict[str, Any]:
    """What the question page needs to offer speaking: what to install, if anything, and
    whether a local voice can read the question."""
    from loopprep.speech.models import speech_missing
    from loopprep.speech.voice import voice

    return {"missing": speech_missing(), "voice": voice() is not None}


def upload(request: Request) -> Response:
    """POST a recording (field `audio`): JSON with the transcript, the delivery and the id
    that the answer form sends back with the corrected text."""
    from loopprep.speech.recordings import hear

    data = form(request)
    audio = data.get("audio")
    if not isinstance(audio, UploadFile):
        return _refuse(LoopprepError("the upload holds no recording (field 'audio')"))
    content = audio.file.read()
    kind = audio.content_type or text_field(data, "type") or ""
    try:
        heard = hear(web_state(request).home, content, kind)
    except LoopprepError as error:
        return _refuse(error)
    return JSONResponse(heard.to_json())


def recording(request: Request) -> Response:
    from loopprep.speech.recordings import recording_of

    path = recording_of(web_state(request).home, int(request.path_params["attempt_id"]))
    if path is None:
        raise NotFoundError("this answer has no recording (it was typed, or deleted)")
    return FileResponse(path, media_type=_MEDIA.get(path.suffix, "application/octet-stream"),
                        headers={"cache-control": "no-store"})


def delete(request: Request) -> Response:
    from loopprep.speech.recordings import delete_recording

    attempt_id = int(request.path_params["attempt_id"])
    with open_bank(request) as bank:
        bank.attempt(attempt_id)  # a 404 for an unknown attempt
    delete_recording(web_state(request).home, attempt_id)
    return RedirectResponse(f"/practice/attempts/{attempt_id}#delivery", status_code=303)


def heard_for(request: Request, recording_id: str) -> Heard | None:
    """The pending recording the answer form names (None for a typed answer). One that is
    gone (swept after a day) leaves the answer as typed text: the words are never lost."""
    from loopprep.speech.recordings import pending

    if not recording_id:
        return None
    heard = pending(web_state(request).home, recording_id)
    if heard is None:
        log.warning("the recording %s named by an answer is gone; storing the text only",
                    recording_id[:40])
    return heard


def keep_for(request: Request, heard: Heard | None, attempt_id: int) -> None:
    from loopprep.speech.recordings import keep

    if heard is not None:
        keep(web_state(request).home, heard, attempt_id)


def attempt_view(request: Request, attempt: AttemptRecord) -> dict[str, Any] | None:
    """Delivery beside the content feedback: what was heard, its pace, pauses and fillers,
    and whether the recording is still kept."""
    from loopprep.speech.recordings import recording_of

    feedback = attempt.feedback or {}
    delivery = feedback.get("delivery")
    kept = recording_of(web_state(request).home, attempt.id) is not None
    if not isinstance(delivery, dict) and not kept:
        return None
    return {"delivery": delivery if isinstance(delivery, dict) else None,
            "heard": feedback.get("transcript"), "model": feedback.get("transcript_model"),
            "kept": kept}


def _refuse(error: LoopprepError) -> Response:
    return JSONResponse({"error": error.message, "hint": error.hint}, status_code=400)


area = Area(
    name="speaking",
    routes=[
        Route(UPLOAD_PATH, upload, methods=["POST"]),
        Route("/practice/attempts/{attempt_id:int}/recording", recording, methods=["GET"]),
        Route("/practice/attempts/{attempt_id:int}/recording/delete", delete, methods=["POST"]),
    ],
)
