"""Real speech for the speech tests: espeak-ng (Debian) speaks invented answers to wav files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

ESPEAK = shutil.which("espeak-ng")


def need_speech() -> None:
    """Speech tests need espeak-ng and the speech extra; LOOPPREP_SKIP_SPEECH=1 skips on purpose."""
    missing = []
    if ESPEAK is None:
        missing.append("espeak-ng (apt-get install -y espeak-ng)")
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        missing.append("the speech extra (pip install -e '.[speech]')")
    if missing:
        if os.environ.get("LOOPPREP_SKIP_SPEECH") == "1":
            pytest.skip("LOOPPREP_SKIP_SPEECH=1: speech tests skipped on purpose")
        pytest.fail("speech tests need " + " and ".join(missing)
                    + ", or set LOOPPREP_SKIP_SPEECH=1 to skip them")


def speak(text: str, path: Path, *, wpm: int = 150, voice: str = "en-us") -> Path:
    assert ESPEAK is not None
    subprocess.run([ESPEAK, "-v", voice, "-s", str(wpm), "-w", str(path), text], check=True,
                   capture_output=True)
    return path


def read_wav(path: Path) -> tuple[int, np.ndarray]:
    with wave.open(str(path)) as handle:
        return handle.getframerate(), np.frombuffer(handle.readframes(handle.getnframes()), np.int16)


def join_with_silence(parts: list[Path], silence_s: float, path: Path) -> Path:
    rate, first = read_wav(parts[0])
    pieces = [first]
    for part in parts[1:]:
        pieces += [np.zeros(int(rate * silence_s), np.int16), read_wav(part)[1]]
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(np.concatenate(pieces).tobytes())
    return path


def normalise(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_error_rate(reference: str, hypothesis: str) -> float:
    from loopprep.speech.transcript import word_error_rate as distance

    return distance(normalise(reference), normalise(hypothesis))


def with_silence(path: Path, lead_s: float, tail_s: float) -> Path:
    """The wav at `path` rewritten with silence before and after it (as a real recording has)."""
    rate, samples = read_wav(path)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(np.concatenate([np.zeros(int(rate * lead_s), np.int16), samples,
                                           np.zeros(int(rate * tail_s), np.int16)]).tobytes())
    return path


def true_pace(text: str, path: Path) -> float:
    """The truth of a clip's pace: the words said over the time from its first sounding
    sample to its last, read from the samples themselves (no transcript involved)."""
    rate, samples = read_wav(path)
    sounding = np.flatnonzero(np.abs(samples.astype(np.int32)) > 0.01 * np.abs(samples).max())
    return len(normalise(text)) / ((sounding[-1] - sounding[0] + 1) / rate / 60)
