"""Recorded answers kept in the home folder: heard (transcribed and measured) on arrival,
then kept with the attempt they answer, and deleted on request.

A recording first waits under ``HOME/recordings/pending/`` with what was heard, until the
candidate has corrected the transcript and asked for feedback; it then becomes
``HOME/recordings/attempt-<id>.<ext>``. Pending recordings never answered are swept after a day.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loopprep.errors import LoopprepError

__all__ = ["MAX_RECORDING_BYTES", "Heard", "delete_recording", "hear", "hear_file", "keep",
           "new_pending", "pending", "recording_of", "suffix_for"]

#: 15 minutes of Opus at a generous 256 kbit/s; a two-minute answer is far below it.
MAX_RECORDING_BYTES = 30 * 1024 * 1024
FOLDER = "recordings"
_PENDING = "pending"
_SWEEP_SECONDS = 24 * 3600
_ID = re.compile(r"[0-9a-f]{32}")
_SUFFIXES = {"audio/webm": ".webm", "video/webm": ".webm", "audio/ogg": ".ogg",
             "audio/mp4": ".m4a", "audio/x-m4a": ".m4a", "audio/mpeg": ".mp3",
             "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/wave": ".wav",
             "audio/flac": ".flac"}
_KEPT = re.compile(r"attempt-(\d+)(\.[a-z0-9]+)$")
_hearing = threading.Lock()  # one transcription at a time: two cores, one loaded model


@dataclass(frozen=True, slots=True)
class Heard:
    """A recording waiting for its answer: what the model heard and how it was said."""

    id: str
    path: Path
    transcript: str
    model: str
    delivery: dict[str, Any]

    def spoken(self) -> dict[str, Any]:
        """What is stored with the attempt (the keys `loopprep analyze` prints for a recording)."""
        return {"transcript": self.transcript, "transcript_model": self.model,
                "delivery": self.delivery}

    def to_json(self) -> dict[str, Any]:
        return {"recording": self.id, **self.spoken()}


def suffix_for(content_type: str) -> str:
    """The file suffix of a browser recording's type ('audio/webm;codecs=opus' -> '.webm')."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind not in _SUFFIXES:
        raise LoopprepError(f"a recording of type {kind or 'unknown'!r} cannot be read",
                            hint="Record in the browser's own format (webm or ogg), or upload wav.")
    return _SUFFIXES[kind]


def hear(home: Path, data: bytes, content_type: str) -> Heard:
    """Keep `data` (a browser's upload) as a pending recording and hear it (`hear_file`)."""
    from loopprep.speech.models import require_speech

    require_speech()
    suffix = suffix_for(content_type)
    if not data:
        raise LoopprepError("the recording is empty", hint="Record again; the level meter should move.")
    if len(data) > MAX_RECORDING_BYTES:
        raise LoopprepError(f"the recording is larger than {MAX_RECORDING_BYTES // 1_048_576} MB",
                            hint="Record one answer at a time.")
    path = new_pending(home, suffix)
    path.write_bytes(data)
    return hear_file(path)


def new_pending(home: Path, suffix: str) -> Path:
    """Where a new recording waits for its answer (the file is not created)."""
    folder = home / FOLDER / _PENDING
    folder.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    return folder / f"{secrets.token_hex(16)}{suffix}"


def hear_file(path: Path) -> Heard:
    """Transcribe the pending recording at `path` here and measure its delivery. One that
    cannot be read or holds no speech is removed again, with one clear error."""
    from loopprep.speech.delivery import measure_spoken_delivery
    from loopprep.speech.transcribe import shared_transcriber

    try:
        with _hearing:
            transcript = shared_transcriber().transcribe(path)
        if not transcript.words or transcript.voiced is None:
            raise LoopprepError("no speech was heard in the recording",
                                hint="Check the microphone (the level meter should move) and record again.")
    except LoopprepError as error:
        path.unlink(missing_ok=True)
        raise LoopprepError(error.message.replace(f"{path}: ", ""), hint=error.hint) from None
    heard = Heard(path.stem, path, transcript.text, transcript.model,
                  measure_spoken_delivery(transcript).to_json())
    path.with_suffix(".json").write_text(json.dumps(heard.spoken()), "utf-8")
    return heard


def pending(home: Path, recording_id: str) -> Heard | None:
    """The pending recording `recording_id`, or None when there is none (or the id is not one)."""
    if not _ID.fullmatch(recording_id or ""):
        return None
    folder = home / FOLDER / _PENDING
    sidecar = folder / f"{recording_id}.json"
    audio = [p for p in folder.glob(f"{recording_id}.*") if p.suffix != ".json"]
    if not sidecar.is_file() or not audio:
        return None
    data = json.loads(sidecar.read_text("utf-8"))
    return Heard(recording_id, audio[0], str(data["transcript"]), str(data["transcript_model"]),
                 dict(data["delivery"]))


def keep(home: Path, heard: Heard, attempt_id: int) -> Path:
    """The pending recording becomes the attempt's own."""
    target = home / FOLDER / f"attempt-{attempt_id}{heard.path.suffix}"
    heard.path.replace(target)
    heard.path.with_suffix(".json").unlink(missing_ok=True)
    return target


def recording_of(home: Path, attempt_id: int) -> Path | None:
    folder = home / FOLDER
    if not folder.is_dir():
        return None
    for path in folder.glob(f"attempt-{attempt_id}.*"):
        match = _KEPT.fullmatch(path.name)
        if match and int(match.group(1)) == attempt_id:
            return path
    return None


def delete_recording(home: Path, attempt_id: int) -> bool:
    """Delete the attempt's recording (what was heard and measured stays); False if none."""
    path = recording_of(home, attempt_id)
    if path is None:
        return False
    path.unlink(missing_ok=True)
    return True


def _sweep(folder: Path) -> None:
    old = time.time() - _SWEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < old:
                path.unlink()
        except OSError:
            continue
