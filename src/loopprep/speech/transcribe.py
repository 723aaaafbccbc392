"""Local transcription with faster-whisper: audio file in, timed words out.

The model is loaded once per ``Transcriber``; audio is decoded by PyAV (bundled with
faster-whisper), so wav, mp3, m4a, ogg, webm and flac need no system ffmpeg.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from loopprep.errors import LoopprepError
from loopprep.speech.models import DEFAULT_MODEL, model_dir
from loopprep.speech.transcript import Transcript, join_words

__all__ = ["AUDIO_SUFFIXES", "MAX_AUDIO_SECONDS", "Transcriber", "is_audio_path", "shared_transcriber"]

AUDIO_SUFFIXES = (".wav", ".mp3", ".m4a", ".ogg", ".webm", ".flac", ".mp4", ".opus")
MAX_AUDIO_SECONDS = 15 * 60
SAMPLE_RATE = 16_000
PAD_S = 0.5
# Beam search over greedy decoding: on short espeak-ng clips word error 0.233 -> 0.197 and
# pace error (mean) 0.060 -> 0.048, at about twice the decoding time (bench/bench_speech.py).
BEAM_SIZE = 5
# Past one 30-second Whisper window, a recording is first cut to its speech by Silero VAD
# (bundled with faster-whisper): without it Whisper sometimes skips a stretch it cannot
# align, and the words after it get wrong times. Ten other authors' answers read by
# espeak-ng (35-63 s): word error with en-gb+f3 0.180 -> 0.100 (one answer 0.654 -> 0.075),
# with en-us 0.123 -> 0.116. Shorter clips keep the plain pass: on them VAD made pace worse
# (within 10% on 21 of 24 clips instead of 23). bench/bench_speech.py measures both.
VAD_AFTER_S = 30.0
SAMPLING_SEED = 1234
# Whisper leaves out "um" and "uh" unless the context shows they are wanted.
_PROMPT = "Um, so, uh, I was, like, thinking about it, you know."


def is_audio_path(path: str) -> bool:
    return Path(path).suffix.lower() in AUDIO_SUFFIXES


class Transcriber:
    """One loaded Whisper model; ``transcribe`` may be called many times."""

    def __init__(self, name: str = DEFAULT_MODEL, *, threads: int = 0) -> None:
        folder = model_dir(name)
        from faster_whisper import WhisperModel

        self.name = name
        self._model: Any = WhisperModel(str(folder), device="cpu", compute_type="int8",
                                        cpu_threads=threads)

    def transcribe(self, source: Path | str) -> Transcript:
        import numpy as np

        audio = decode(source)
        duration_s = len(audio) / SAMPLE_RATE
        if not is_audible(audio):
            # Whisper on silence invents words and retries at five temperatures (a minute
            # on two cores): a recording with nothing in it is known to say nothing.
            return join_words([], duration_s, self.name, find_silences(audio), None)
        # Whisper mishears a first word that starts at the very first sample (a recording
        # cut close): half a second of silence either side costs little and helps.
        pad = np.zeros(int(PAD_S * SAMPLE_RATE), dtype=audio.dtype)
        # A segment Whisper is unsure of is decoded again by sampling at a higher
        # temperature: a fixed seed makes the same recording give the same words each time.
        import ctranslate2

        ctranslate2.set_random_seed(SAMPLING_SEED)
        segments, _info = self._model.transcribe(
            np.concatenate([pad, audio, pad]), language="en", beam_size=BEAM_SIZE, word_timestamps=True,
            condition_on_previous_text=False, vad_filter=duration_s > VAD_AFTER_S,
            initial_prompt=_PROMPT)
        timed = [(w.word, _within(float(w.start) - PAD_S, duration_s),
                  _within(float(w.end) - PAD_S, duration_s))
                 for seg in segments for w in seg.words or []]
        return join_words(timed, duration_s, self.name, find_silences(audio), voiced_span(audio))


@lru_cache(maxsize=2)
def shared_transcriber(name: str = DEFAULT_MODEL) -> Transcriber:
    """One loaded model per process: the CLI, the web app and the tests reuse it."""
    return Transcriber(name)


#: A recording whose loudest 20 ms stays below this RMS (about -54 dBFS) holds no speech.
AUDIBLE_RMS = 0.002


def is_audible(audio: Any) -> bool:
    """Whether any 20 ms frame of ``audio`` (float samples in -1..1) is loud enough to be
    speech; a muted or unplugged microphone records digital silence or faint hiss."""
    import numpy as np

    frame = SAMPLE_RATE // 50
    count = len(audio) // frame
    if count == 0:
        return False
    rms = np.sqrt(np.mean(np.square(audio[: count * frame].reshape(count, frame)), axis=1))
    return bool(rms.max() >= AUDIBLE_RMS)


def _within(seconds: float, duration_s: float) -> float:
    return min(max(seconds, 0.0), duration_s)


def _quiet_frames(audio: Any) -> Any:
    """Per 20 ms frame: True when at least 20 dB below the recording's loud speech."""
    import numpy as np

    frame = SAMPLE_RATE // 50
    count = len(audio) // frame
    if count == 0:
        return np.zeros(0, dtype=bool)
    rms = np.sqrt(np.mean(np.square(audio[: count * frame].reshape(count, frame)), axis=1))
    loud = float(np.percentile(rms, 95))
    return rms < max(loud * 0.1, 1e-4)


def voiced_span(audio: Any) -> tuple[float, float] | None:
    """From the first sounding frame to the end of the last (seconds), or None in silence."""
    import numpy as np

    sounding = np.flatnonzero(~_quiet_frames(audio))
    if len(sounding) == 0:
        return None
    return float(sounding[0]) / 50, float(sounding[-1] + 1) / 50


def find_silences(audio: Any, *, min_s: float = 1.0) -> list[tuple[float, float]]:
    """Runs of 20 ms frames at least 20 dB below the recording's loud speech, >= min_s long."""
    quiet = _quiet_frames(audio)
    if len(quiet) == 0:
        return []
    runs: list[tuple[float, float]] = []
    start: int | None = None
    for i, is_quiet in enumerate([*quiet.tolist(), False]):
        if is_quiet and start is None:
            start = i
        elif not is_quiet and start is not None:
            if (i - start) / 50 >= min_s:
                runs.append((start / 50, i / 50))
            start = None
    return runs


def decode(source: Path | str) -> Any:
    """16 kHz mono float32 samples, or one clear error naming the file."""
    from faster_whisper import decode_audio

    path = Path(source)
    if not path.is_file():
        raise LoopprepError(f"{path}: no such file",
                            hint="Pass a recording (wav, mp3, m4a, ogg, webm, flac).")
    try:
        audio = decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises many kinds for a broken or non-audio file
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise LoopprepError(f"{path}: not a readable audio recording ({reason})",
                            hint="Record again, or convert it to wav/mp3/ogg/webm/flac.") from None
    if len(audio) == 0:
        raise LoopprepError(f"{path}: the recording holds no sound", hint="Record again.")
    if len(audio) > MAX_AUDIO_SECONDS * SAMPLE_RATE:
        raise LoopprepError(f"{path}: longer than {MAX_AUDIO_SECONDS // 60} minutes; an answer is "
                            "about two", hint="Record one answer at a time.")
    return audio
