"""The question read aloud on this machine: Debian's espeak-ng (or flite) speaks it to wav.

Nothing leaves the computer: no browser voice (some are cloud voices), no network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from loopprep.speech.models import SpeechUnavailable

__all__ = ["MAX_SPOKEN_CHARS", "VOICE_HINT", "read_aloud", "voice"]

MAX_SPOKEN_CHARS = 1_000
VOICE_HINT = "Install a local voice: apt-get install espeak-ng (or flite)."


def voice() -> str | None:
    """The local speech synthesiser's program, or None when there is none."""
    return shutil.which("espeak-ng") or shutil.which("flite")


def read_aloud(text: str, *, words_per_minute: int = 150) -> bytes:
    """`text` spoken as a wav file's bytes."""
    program = voice()
    if program is None:
        raise SpeechUnavailable("reading the question aloud needs a local voice, and none is installed",
                                hint=VOICE_HINT)
    spoken = " ".join(text.split())[:MAX_SPOKEN_CHARS]
    with tempfile.TemporaryDirectory(prefix="loopprep-voice-") as folder:
        out = Path(folder) / "question.wav"
        if Path(program).name == "flite":
            source = Path(folder) / "question.txt"
            source.write_text(spoken, "utf-8")
            command = [program, "-f", str(source), "-o", str(out)]
            feed = None
        else:  # the text on stdin, so a question starting with '-' is never read as an option
            command = [program, "-v", "en-us", "-s", str(words_per_minute), "-w", str(out)]
            feed = spoken.encode("utf-8")
        subprocess.run(command, input=feed, check=True, capture_output=True, timeout=30)
        return out.read_bytes()
