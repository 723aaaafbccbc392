"""Answering out loud through the web app, in-process, on real audio: espeak-ng speaks an
answer, the upload goes through the guard, Whisper tiny.en transcribes it here, the corrected
transcript is answered, and the delivery and the kept recording show beside the feedback."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import BUNDLED
from loopprep.bank import Bank
from speechtools import need_speech, speak, word_error_rate
from webtools import TOKEN, client, form

SAID = ("Our team missed the launch date twice, so I split the work into weekly releases. "
        "I checked each release with the support lead, and the next launch was on time.")


@pytest.fixture
def web(loopprep_home: Path) -> TestClient:
    web = client(loopprep_home)
    assert web.post("/import/path", data=form({"path": str(BUNDLED)})).status_code == 200
    return web


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_speech()
    return speak(SAID, tmp_path_factory.mktemp("record") / "answer.wav")


def _question(web: TestClient) -> tuple[str, str]:
    started = web.post("/practice/sessions", data=form({"count": "1", "technical": "none"}),
                       follow_redirects=False)
    assert started.status_code == 303
    url = started.headers["location"]
    return url, web.get(url).text


def _upload(web: TestClient, audio: bytes, kind: str = "audio/wav", **headers: str):  # type: ignore[no-untyped-def]
    return web.post("/practice/recording.json", data={"csrf_token": TOKEN},
                    files={"audio": ("answer.wav", audio, kind)}, headers=headers)


def test_a_spoken_answer_from_record_to_feedback(web: TestClient, spoken: Path,
                                                 loopprep_home: Path) -> None:
    url, page = _question(web)
    assert 'id="record"' in page and '<meter id="level"' in page and 'id="timer"' in page
    assert '<script src="/static/practice-record-2.js" defer></script>' in page
    # disabled until the script has set it up: a click before it loads would do nothing
    assert re.search(r'<button[^>]*id="record"[^>]*disabled', page)
    assert "button.disabled = false;" in web.get("/static/practice-record-2.js").text
    assert "SpeechRecognition" not in web.get("/static/practice-record-2.js").text.replace(
        "SpeechRecognition API is never used", "")
    heard = _upload(web, spoken.read_bytes())
    assert heard.status_code == 200, heard.text
    body = heard.json()
    assert word_error_rate(SAID, body["transcript"]) < 0.3, body["transcript"]
    delivery = body["delivery"]
    assert 140 <= delivery["words_per_minute"] <= 220 and delivery["pace_band"] == [130, 160]
    assert delivery["pauses"] == 0 and "fillers_per_minute" in delivery
    # the candidate corrects the transcript, then asks for the feedback
    fields = dict(re.findall(r'name="(ref|started_at)" value="([^"]+)"', page))
    corrected = body["transcript"] + " Refunds fell by a third."
    answered = web.post(url + "/answer", data=form({**fields, "answer": corrected,
                                                    "recording": body["recording"]}),
                        follow_redirects=False)
    assert answered.status_code == 303
    attempt_url = answered.headers["location"]
    attempt_id = int(attempt_url.rsplit("/", 1)[1])
    feedback = web.get(attempt_url).text
    assert 'id="feedback"' in feedback and 'id="delivery"' in feedback
    assert re.search(r"<strong>\d+ words a minute</strong>, (within|slower than|faster than) the "
                     r"130–160 band", feedback)
    assert f'src="/practice/attempts/{attempt_id}/recording"' in feedback
    with Bank.open(loopprep_home) as bank:
        stored = bank.store.conn.execute("SELECT answer, feedback FROM attempts WHERE id = ?",
                                         (attempt_id,)).fetchone()
    assert stored["answer"] == corrected  # the corrected text is what is analysed and kept
    assert '"delivery"' in stored["feedback"] and '"scores"' in stored["feedback"]
    kept = list((loopprep_home / "recordings").glob(f"attempt-{attempt_id}.*"))
    assert len(kept) == 1 and kept[0].read_bytes() == spoken.read_bytes()
    assert not list((loopprep_home / "recordings" / "pending").iterdir())
    audio = web.get(f"/practice/attempts/{attempt_id}/recording")
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"
    assert audio.headers["content-type"].startswith("audio/wav")
    # deleting it keeps what was measured
    gone = web.post(f"/practice/attempts/{attempt_id}/recording/delete", data=form(),
                    follow_redirects=False)
    assert gone.status_code == 303
    assert not kept[0].exists()
    after = web.get(attempt_url).text
    assert "The recording was deleted" in after and "words a minute" in after
    assert web.get(f"/practice/attempts/{attempt_id}/recording").status_code == 404


def test_the_upload_goes_through_the_guard(web: TestClient, spoken: Path,
                                           loopprep_home: Path) -> None:
    audio = spoken.read_bytes()
    foreign = _upload(web, audio, origin="http://evil.example")
    assert foreign.status_code == 403
    no_token = web.post("/practice/recording.json", files={"audio": ("a.wav", audio, "audio/wav")})
    assert no_token.status_code == 403
    too_big = web.post("/practice/recording.json", content=b"0" * 10,
                       headers={"content-length": str(40 * 1024 * 1024),
                                "content-type": "multipart/form-data; boundary=x",
                                "x-csrf-token": TOKEN})
    assert too_big.status_code == 413
    assert not (loopprep_home / "recordings").exists()


def test_a_broken_or_silent_recording_is_one_clear_error(web: TestClient, spoken: Path,
                                                         loopprep_home: Path) -> None:
    broken = _upload(web, b"\x1a\x45\xdf\xa3 not a recording", "audio/webm")
    assert broken.status_code == 400
    assert broken.json()["error"].startswith("not a readable audio recording")
    silence = io.BytesIO()
    with wave.open(silence, "wb") as handle:  # two seconds of silence
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        handle.writeframes(bytes(64000))
    quiet = _upload(web, silence.getvalue())
    assert quiet.status_code == 400 and "no speech was heard" in quiet.json()["error"]
    odd = _upload(web, spoken.read_bytes(), "text/plain")
    assert odd.status_code == 400 and "cannot be read" in odd.json()["error"]
    assert list((loopprep_home / "recordings" / "pending").iterdir()) == []


def test_the_question_is_read_aloud_by_a_local_voice(web: TestClient, spoken: Path) -> None:
    from html import unescape

    from loopprep.speech import shared_transcriber
    from speechtools import read_wav

    url, page = _question(web)
    prompt = re.search(r'<h1 class="prompt">([^<]+)</h1>', page)
    assert prompt and 'id="read-aloud"' in page
    voice = web.get(url + "/question.wav")
    assert voice.status_code == 200 and voice.headers["content-type"] == "audio/wav"
    path = spoken.parent / "question.wav"
    path.write_bytes(voice.content)
    rate, samples = read_wav(path)
    assert len(samples) / rate > 1.0
    heard = shared_transcriber().transcribe(path).text
    assert word_error_rate(unescape(prompt.group(1)), heard) < 0.4, (prompt.group(1), heard)


PAGE_WITHOUT_SPEECH = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "faster_whisper":
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Block())
sys.path[:0] = [sys.argv[3]]
from pathlib import Path
from webtools import client, form
web = client(Path(sys.argv[1]))
web.post("/import/path", data=form({"path": sys.argv[2]}))
url = web.post("/practice/sessions", data=form({"count": "1", "technical": "none"}),
               follow_redirects=False).headers["location"]
print(web.get(url).text)
"""


def test_without_the_speech_extra_the_page_says_what_to_install(loopprep_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PAGE_WITHOUT_SPEECH, str(loopprep_home), str(BUNDLED),
         str(Path(__file__).parent)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Answering out loud needs the speech extra" in result.stdout
    assert "pip install &#39;loopprep[speech]&#39;" in result.stdout
    assert 'id="record"' not in result.stdout


def test_an_answer_naming_a_recording_that_is_gone_keeps_its_text(web: TestClient,
                                                                   loopprep_home: Path) -> None:
    url, page = _question(web)
    fields = dict(re.findall(r'name="(ref|started_at)" value="([^"]+)"', page))
    answered = web.post(url + "/answer", data=form({**fields, "answer": "I fixed the build.",
                                                    "recording": "0" * 32}), follow_redirects=False)
    assert answered.status_code == 303
    attempt = web.get(answered.headers["location"] + ".json").json()
    assert attempt["answer"] == "I fixed the build." and "delivery" not in attempt["feedback"]
    assert 'id="delivery"' not in web.get(answered.headers["location"]).text
