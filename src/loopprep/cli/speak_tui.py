"""`loopprep practice --speak` in the terminal: record the answer (Enter stops), hear it on
this machine, show the transcript and the delivery, and let the candidate correct the text
in the same answer box as a typed answer. Terminal I/O only; `loopprep.speech` does the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopprep.cli import practice_tui as tui
from loopprep.errors import LoopprepError

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from rich.console import Console

    from loopprep.speech.microphone import Recording
    from loopprep.speech.recordings import Heard


@dataclass(frozen=True)
class Spoken:
    """A spoken answer: the corrected text, what was heard, and whether Ctrl-C ended it."""

    text: str
    heard: Heard | None
    interrupted: bool
    seconds: float
    typed: bool = False  # nothing could be heard, so the answer was typed


class Speaker:
    """Where this session's answers come from: the microphone, or a wav file in its place."""

    def __init__(self, home: Path, source: Path | None) -> None:
        from loopprep.speech.microphone import check_microphone, check_speaking

        check_speaking()
        self.home = home
        self.source = source
        self._sounddevice = None if source is not None else check_microphone()

    def start(self) -> Recording:
        from loopprep.speech.microphone import FileRecording, MicrophoneRecording
        from loopprep.speech.recordings import new_pending

        path = new_pending(self.home, ".wav")
        if self.source is not None:
            return FileRecording(path, self.source)
        return MicrophoneRecording(path, self._sounddevice)


def record_answer(out: Console, speaker: Speaker, target_seconds: int) -> Spoken:
    """Record until Enter, transcribe, then the answer box holds the transcript to correct."""
    from rich.markup import escape

    from loopprep.speech.recordings import hear_file

    started = time.monotonic()
    recording = speaker.start()
    stopped = _wait_for_enter(recording, target_seconds)
    path = recording.stop()
    if not stopped:
        path.unlink(missing_ok=True)
        return Spoken("", None, True, time.monotonic() - started)
    out.print("[dim]Transcribing on this computer…[/dim]")
    try:
        heard = hear_file(path)
    except LoopprepError as error:  # nothing heard, or an unreadable recording: type it instead
        out.print(f"[yellow]{escape(error.message)}.[/yellow] {escape(error.hint or '')} "
                  "Type your answer instead.", highlight=False)
        typed = tui.read_answer(target_seconds)
        return Spoken(typed.text, None, typed.interrupted, time.monotonic() - started, typed=True)
    out.print(f"[bold]Heard[/bold] ({escape(heard.model)}): {escape(heard.transcript)}", highlight=False)
    show_delivery(out, heard.delivery)
    typed = tui.read_answer(target_seconds, label="Correct the transcript, then Esc-Enter",
                            default=heard.transcript)
    return Spoken(typed.text, heard, typed.interrupted, time.monotonic() - started)


def show_delivery(out: Console, delivery: dict[str, Any]) -> None:
    band = {"slow": "slower than", "good": "within", "fast": "faster than", "none": "no words for"}
    low, high = delivery["pace_band"]
    out.print(f"Delivery: {delivery['words_per_minute']:.0f} words a minute "
              f"({band[delivery['pace']]} the {low}-{high} band), {delivery['pauses']} pauses of "
              f"2 s or more (longest {delivery['longest_pause_s']:.1f} s), "
              f"{delivery['fillers_per_minute']:.1f} fillers a minute, "
              f"{tui.clock(delivery['duration_s'])} in all", highlight=False)


def _wait_for_enter(recording: Recording, target_seconds: int) -> bool:
    """The recording's clock and level in the bottom toolbar until Enter (True) or Ctrl-C."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.styles import Style

    def toolbar() -> StyleAndTextTuples:
        spent = recording.seconds()
        bars = int(recording.level() * 20)
        style = "class:over" if spent >= target_seconds else "class:timer"
        return [(style, f" ● {tui.clock(spent)} / {tui.clock(target_seconds)} "),
                ("class:level", " " + "█" * bars + "·" * (20 - bars) + " "),
                ("class:help", "  Enter: stop   Ctrl-C: stop and quit ")]

    style = Style.from_dict({
        "bottom-toolbar": "noreverse bg:#303030 #d0d0d0", "timer": "bg:#af0000 #ffffff bold",
        "over": "bg:#af8700 #000000 bold", "level": "bg:#303030 #5fd75f", "help": "bg:#303030 #d0d0d0",
    })
    session: PromptSession[str] = PromptSession(bottom_toolbar=toolbar, style=style,
                                                refresh_interval=0.2)
    try:
        session.prompt("Recording — speak your answer, then press Enter: ")
    except (KeyboardInterrupt, EOFError):
        return False
    return True
