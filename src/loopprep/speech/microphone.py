"""Recording an answer from the microphone in the terminal (sounddevice over PortAudio,
both optional), or playing a wav file in its place; either ends as a wav file that goes
through the same hearing as a browser's recording.
"""

from __future__ import annotations

import shutil
import threading
import time
import wave
from pathlib import Path
from typing import Any, Protocol

from loopprep.errors import LoopprepError
from loopprep.speech.models import INSTALL_HINT, speech_missing

__all__ = ["FileRecording", "MicrophoneRecording", "Recording", "check_microphone", "check_speaking"]

SAMPLE_RATE = 16_000


class Recording(Protocol):
    """A recording in progress: how long it runs, how loud it is now (0..1), and stop."""

    def seconds(self) -> float: ...

    def level(self) -> float: ...

    def stop(self) -> Path: ...


def check_speaking() -> None:
    """One line saying what to install when the speech extra (transcription) is missing."""
    missing = speech_missing()
    if missing:
        raise LoopprepError(f"--speak needs the speech extra, which is not installed: {missing}")


def check_microphone() -> Any:
    """The sounddevice module when a microphone can be recorded from; otherwise one line
    saying what is missing (raised before anything is stored)."""
    try:
        import sounddevice
    except ImportError:
        raise LoopprepError("--speak records with sounddevice, which is not installed: "
                            f"{INSTALL_HINT}") from None
    except OSError:  # sounddevice is there, PortAudio (its C library) is not
        raise LoopprepError("--speak needs the PortAudio library, which is not installed: "
                            "apt-get install libportaudio2") from None
    try:
        sounddevice.query_devices(kind="input")
    except Exception:  # PortAudioError or ValueError: no default input device
        raise LoopprepError("no microphone was found: plug one in, or practise typed "
                            "(without --speak)") from None
    return sounddevice


class MicrophoneRecording:
    """16 kHz mono from the default microphone, written to `path` (wav) on stop."""

    def __init__(self, path: Path, sounddevice: Any) -> None:
        import numpy as np

        self._np = np
        self.path = path
        self._chunks: list[Any] = []
        self._level = 0.0
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._stream = sounddevice.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16",
                                               callback=self._take)
        self._stream.start()

    def _take(self, data: Any, frames: int, when: Any, status: Any) -> None:
        chunk = data[:, 0].copy()
        with self._lock:
            self._chunks.append(chunk)
            self._level = float(self._np.sqrt(self._np.mean(
                self._np.square(chunk.astype(self._np.float32) / 32768)))) if frames else 0.0

    def seconds(self) -> float:
        return time.monotonic() - self._started

    def level(self) -> float:
        return min(1.0, self._level * 4)

    def stop(self) -> Path:
        self._stream.stop()
        self._stream.close()
        with self._lock:
            samples = self._np.concatenate(self._chunks) if self._chunks else self._np.zeros(0, "int16")
        with wave.open(str(self.path), "wb") as handle:
            handle.setnchannels(1)
            handle.setsampwidth(2)
            handle.setframerate(SAMPLE_RATE)
            handle.writeframes(samples.tobytes())
        return self.path


class FileRecording:
    """A wav file standing in for the microphone: its sound is what is 'recorded' (its
    level follows the file as time passes), copied to `path` on stop."""

    def __init__(self, path: Path, source: Path) -> None:
        import numpy as np

        if not source.is_file():
            raise LoopprepError(f"{source}: no such file", hint="Pass a wav recording.")
        try:
            with wave.open(str(source)) as handle:
                self._rate = handle.getframerate()
                raw = handle.readframes(handle.getnframes())
                width = handle.getsampwidth()
        except (wave.Error, EOFError) as exc:
            raise LoopprepError(f"{source}: not a wav recording ({exc})") from None
        self._samples = np.frombuffer(raw, np.int16) if width == 2 else np.zeros(0, np.int16)
        self._np = np
        self.path = path
        self.source = source
        self._started = time.monotonic()

    def seconds(self) -> float:
        return time.monotonic() - self._started

    def level(self) -> float:
        at = int(self.seconds() * self._rate)
        chunk = self._samples[at:at + self._rate // 20].astype(self._np.float32) / 32768
        if not len(chunk):
            return 0.0
        return min(1.0, float(self._np.sqrt(self._np.mean(self._np.square(chunk)))) * 4)

    def stop(self) -> Path:
        shutil.copyfile(self.source, self.path)
        return self.path
