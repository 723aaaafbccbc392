# ruff: noqa: F811  (the server fixture imported from test_web_browser is a parameter here)
"""Answering out loud in a real headless Chromium whose microphone is a wav file that
espeak-ng made: the page records (MediaRecorder), the level meter moves, the upload is
transcribed by the real server (Whisper tiny.en), the transcript lands in the answer box,
and the feedback shows with the delivery beside it. Screenshots go to tmp/artifacts/."""

from __future__ import annotations

import os
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import BUNDLED
from speechtools import need_speech, read_wav, speak, true_pace, word_error_rate
from test_web_browser import ARGS, ARTIFACTS, CHROMIUM, Watched, server  # noqa: F401  (fixture)
from webtools import LiveServer

SAID = ("Our team missed the launch date twice, so I split the work into weekly releases. "
        "I checked each release with the support lead, and the next launch was on time.")
LEAD_S, TAIL_S = 0.5, 4.0


@pytest.fixture(scope="module")
def microphone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float, float]:
    """The fake microphone's sound: silence, the spoken answer, a long silence (so a
    recording that runs a little long never wraps into the answer again)."""
    need_speech()
    folder = tmp_path_factory.mktemp("microphone")
    spoken = speak(SAID, folder / "said.wav", wpm=130)
    rate, said = read_wav(spoken)
    path = folder / "microphone.wav"
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(np.concatenate([np.zeros(int(rate * LEAD_S), np.int16), said,
                                           np.zeros(int(rate * TAIL_S), np.int16)]).tobytes())
    return path, len(said) / rate, true_pace(SAID, spoken)


@pytest.fixture(scope="module")
def browser(microphone: tuple[Path, float, float]) -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("LOOPPREP_SKIP_BROWSER") == "1":
            pytest.skip("LOOPPREP_SKIP_BROWSER=1: browser tests skipped on purpose")
        pytest.fail(f"Chromium is missing ({CHROMIUM}): `apt-get install -y chromium`, or set "
                    "LOOPPREP_SKIP_BROWSER=1 to skip these tests")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    fake = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-audio-capture={microphone[0]}%noloop",
            "--autoplay-policy=no-user-gesture-required"]
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS + fake)
        yield launched
        launched.close()


@pytest.fixture
def tab(browser: Any, server: LiveServer) -> Iterator[Watched]:
    watched = Watched(browser, server.url)
    yield watched
    watched.close()


def test_record_an_answer_and_get_feedback_in_a_browser(tab: Watched, server: LiveServer,
                                                        microphone: tuple[Path, float, float],
                                                        loopprep_home: Path) -> None:
    from playwright.sync_api import expect

    page = tab.page
    tab.goto("/import")
    page.set_input_files("input[name=notes]", str(BUNDLED))
    page.get_by_role("button", name="Upload and import").click()
    tab.goto("/practice")
    page.get_by_label("Questions").fill("1")
    page.get_by_label("Technical").select_option("none")
    page.get_by_role("button", name="Start practising").click()
    # the question read aloud by the server's local voice (the CSP lets the page play it)
    with page.expect_response(lambda r: r.url.endswith("/question.wav"), timeout=30_000) as spoken:
        page.get_by_role("button", name="Read the question aloud").click()
    assert spoken.value.status == 200 and spoken.value.body()[:4] == b"RIFF"
    record = page.get_by_role("button", name="Record your answer")
    expect(record).to_be_visible()
    record.click()
    expect(page.get_by_role("button", name="Stop recording")).to_be_visible()
    # the level meter follows the voice, and the recording's clock runs
    page.wait_for_function("() => document.getElementById('level').value > 0.05", timeout=10_000)
    tab.shot("record-1-recording")
    page.wait_for_timeout(int((LEAD_S + microphone[1] + 1.5) * 1000))
    expect(page.locator("#record-clock")).not_to_have_text("0:00")
    page.get_by_role("button", name="Stop recording").click()
    status = page.locator("#record-status")
    expect(status).to_contain_text("words a minute", timeout=60_000)
    answer = page.locator("textarea[name=answer]")
    heard = answer.input_value()
    assert word_error_rate(SAID, heard) < 0.35, heard
    assert page.locator("#f-recording").input_value()
    tab.shot("record-2-transcript")
    # correct the transcript, then ask for the feedback
    answer.fill(heard + " Refunds fell by a third within a month.")
    page.get_by_role("button", name="Done — show me the feedback").click()
    expect(page.locator("#feedback .analysis")).to_be_visible()
    delivery = page.locator("#delivery")
    expect(delivery).to_contain_text("words a minute")
    expect(delivery).to_contain_text("the 130–160 band")
    expect(delivery).to_contain_text("Pauses of 2 s or more")
    expect(delivery.locator("audio")).to_have_count(1)
    # the pace heard through Chromium's Opus recording is within 10% of the truth
    attempt = page.request.get(page.url.split("#")[0] + ".json").json()
    pace = attempt["feedback"]["delivery"]["words_per_minute"]
    assert abs(pace - microphone[2]) / microphone[2] <= 0.10, (pace, microphone[2])
    tab.shot("record-3-feedback")
    kept = list((loopprep_home / "recordings").glob("attempt-*.webm"))
    assert len(kept) == 1 and kept[0].stat().st_size > 1000
    page.get_by_role("button", name="Delete the recording").click()
    expect(page.locator("#delivery")).to_contain_text("The recording was deleted")
    assert not kept[0].exists()
    assert not tab.errors, tab.errors
    assert all(r.split(" ", 1)[1].startswith(server.url) for r in tab.requests), tab.requests
