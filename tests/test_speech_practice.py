"""`loopprep practice --speak` as a person uses it, in a pseudo-terminal: the real program,
real espeak-ng speech and real transcription. This machine has no microphone, so the
microphone's one-line refusal is tested as it is, and the spoken flow runs from a wav file
in the microphone's place (--speak-from), through the same hearing, answer box and storage."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import BUNDLED, CLI
from speechtools import need_speech, speak, word_error_rate
from test_practice_cli import Terminal

SAID = ("Our team missed the launch date twice, so I split the work into weekly releases. "
        "I checked each release with the support lead, and the next launch was on time.")


def _skip_followups(child: Terminal) -> None:
    """Leave each follow-up probe empty (Ctrl-D) until the rating is asked."""
    child.expect("Follow-up:|Rate yourself")
    while "Follow-up:" in str(child.child.after):
        child.expect("Your follow-up answer:")
        child.send("\x04")
        child.expect("Follow-up:|Rate yourself")


def _no_microphone_reason() -> str:
    """What this machine lacks for recording, in the words the command must use."""
    try:
        import sounddevice
    except ImportError:
        return "--speak records with sounddevice, which is not installed: pip install 'loopprep[speech]'"
    except OSError:
        return "--speak needs the PortAudio library, which is not installed: apt-get install libportaudio2"
    try:
        sounddevice.query_devices(kind="input")
    except Exception:
        return "no microphone was found: plug one in, or practise typed (without --speak)"
    pytest.skip("this machine has a microphone; the test is about having none")


def test_without_a_microphone_it_says_so_in_one_line(cli: CLI, loopprep_home: Path) -> None:
    need_speech()
    assert cli("import", BUNDLED) == 0
    code = cli("practice", "--speak", "--count", "1")
    assert code == 1
    assert cli.err.strip().splitlines() == [f"error: {_no_microphone_reason()}"]
    assert "Traceback" not in cli.err
    db = sqlite3.connect(loopprep_home / "loopprep.db")
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0  # nothing was started


def test_a_spoken_answer_in_the_terminal(loopprep_home: Path, cli: CLI, tmp_path: Path) -> None:
    need_speech()
    assert cli("import", BUNDLED) == 0
    wav = speak(SAID, tmp_path / "answer.wav")
    child = Terminal(loopprep_home, "--speak-from", str(wav), "--count", "1", "--behavioral-only",
                     "--seed", "spoken")
    child.expect("Recording")
    child.expect("Enter: stop")  # the recording's clock and level in the toolbar
    child.send("\r")  # Enter stops the recording
    child.expect("Transcribing on this computer")
    child.expect("words a minute")
    child.expect("fillers a minute")
    child.expect("Correct the transcript")
    child.send(" Refunds fell by a third.")  # a correction typed after the transcript
    child.send("\x1b\r")  # Esc-Enter: done
    _skip_followups(child)
    child.sendline("3")
    child.expect("Session report")
    assert child.close() == 0
    assert "Traceback" not in child.screen()
    db = sqlite3.connect(loopprep_home / "loopprep.db")
    db.row_factory = sqlite3.Row
    attempt = db.execute("SELECT * FROM attempts").fetchone()
    assert attempt["answer"].endswith(" Refunds fell by a third.")
    heard = attempt["answer"].removesuffix(" Refunds fell by a third.")
    assert word_error_rate(SAID, heard) < 0.3, heard
    feedback = json.loads(attempt["feedback"])
    assert feedback["transcript"] == heard and feedback["transcript_model"] == "tiny.en"
    assert 140 <= feedback["delivery"]["words_per_minute"] <= 220
    assert feedback["scores"] and attempt["rating"] == 3
    kept = loopprep_home / "recordings" / f"attempt-{attempt['id']}.wav"
    assert kept.read_bytes() == wav.read_bytes()
    assert not [p for p in (loopprep_home / "recordings" / "pending").iterdir()]


def test_a_silent_recording_falls_back_to_typing(loopprep_home: Path, cli: CLI, tmp_path: Path) -> None:
    import wave

    need_speech()
    assert cli("import", BUNDLED) == 0
    silent = tmp_path / "silent.wav"
    with wave.open(str(silent), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        handle.writeframes(bytes(3 * 32000))  # three seconds of silence
    child = Terminal(loopprep_home, "--speak-from", str(silent), "--count", "1",
                     "--behavioral-only", "--seed", "silent")
    child.expect("Enter: stop")
    child.send("\r")
    child.expect("no speech was heard in the recording")
    child.expect("Type your answer instead")
    child.expect("Your answer:")
    child.send("I rebuilt the deploy script and releases stopped failing.")
    child.send("\x1b\r")
    _skip_followups(child)
    child.sendline("q")
    assert child.close() == 0
    db = sqlite3.connect(loopprep_home / "loopprep.db")
    answer, feedback = db.execute("SELECT answer, feedback FROM attempts").fetchone()
    assert answer == "I rebuilt the deploy script and releases stopped failing."
    assert "delivery" not in json.loads(feedback or "{}")
    assert not list((loopprep_home / "recordings").glob("attempt-*"))
