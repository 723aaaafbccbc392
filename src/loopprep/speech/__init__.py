"""Spoken answers, offline: transcribe a recording with word timestamps, measure delivery.

Needs the optional ``speech`` extra (faster-whisper and a pinned Whisper model package);
without it, every entry point raises ``SpeechUnavailable`` saying what to install.
"""

from __future__ import annotations

from loopprep.speech.delivery import (
    PAUSE_SECONDS,
    Pause,
    SpokenDelivery,
    measure_spoken_delivery,
    pace_band,
)
from loopprep.speech.models import DEFAULT_MODEL, INSTALL_HINT, MODELS, SpeechUnavailable, require_speech
from loopprep.speech.transcribe import AUDIO_SUFFIXES, Transcriber, is_audio_path, shared_transcriber
from loopprep.speech.transcript import Transcript, Word

__all__ = [
    "AUDIO_SUFFIXES",
    "DEFAULT_MODEL",
    "INSTALL_HINT",
    "MODELS",
    "PAUSE_SECONDS",
    "Pause",
    "SpeechUnavailable",
    "SpokenDelivery",
    "Transcriber",
    "Transcript",
    "Word",
    "is_audio_path",
    "measure_spoken_delivery",
    "pace_band",
    "require_speech",
    "shared_transcriber",
]
