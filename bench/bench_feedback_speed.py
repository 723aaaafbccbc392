"""How long feedback on one answer takes, against a baseline revision in the same run.

Times ``loopprep.answer_feedback.feedback_on`` (what ``loopprep analyze --question``, the
web app's answer page and practice run) and ``analyze_answer`` on the 142 whole answers by
three other authors in ../shared/eval/star_answers_dev.jsonl (median about 240 words), each
with its own question, at first sight (the embedder's kept vectors dropped before each
answer) and seen before. The machine is shared, so the current tree and ``--baseline REV``
(default: the commit before the speed work) run in alternating subprocesses, ``--rounds``
times each; medians of the per-round medians are reported, and their ratio.
Run from the repo: ``python bench/bench_feedback_speed.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OTHERS = ROOT.parent / "shared" / "eval" / "star_answers_dev.jsonl"
TODAY = date(2026, 11, 27)
BASELINE_REV = "ce745f7"  # main before the speed work of issue 15
FIGURES = ["feedback_first", "feedback_seen", "analyze_first", "analyze_seen", "words"]


def _answers() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in OTHERS.read_text("utf-8").splitlines() if line.strip()]
    out = []
    for row in rows:
        parts = [v for v in row["parts"].values() if isinstance(v, str) and v.strip()]
        out.append((" ".join(parts), str(row.get("question") or "")))
    return out


def measure() -> dict[str, float]:
    """Median ms per answer with the code on the path (one process)."""
    from loopprep.answer_feedback import feedback_on
    from loopprep.feedback import analyze_answer
    from loopprep.frameworks import load_framework
    from loopprep.text.embeddings import get_embedder

    framework = load_framework("amazon")
    embedder = get_embedder()
    answers = _answers()

    def feedback(text: str, question: str) -> Any:
        return feedback_on(text, question=question or None, framework=framework, today=TODAY)

    def analyze(text: str, question: str) -> Any:
        return analyze_answer(text, question=question or None, today=TODAY)

    for text, question in answers[:3]:  # load the models
        feedback(text, question)
    out: dict[str, float] = {"words": statistics.median(len(text.split()) for text, _ in answers)}
    for name, run in (("feedback", feedback), ("analyze", analyze)):
        for sight, fresh in (("first", True), ("seen", False)):
            times = []
            for text, question in answers:
                if fresh:
                    embedder.forget()
                else:
                    run(text, question)
                start = time.perf_counter()
                run(text, question)
                times.append(time.perf_counter() - start)
            out[f"{name}_{sight}"] = round(statistics.median(times) * 1000, 2)
    return out


def _tree(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _run(src: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--json"], env=env, check=True, capture_output=True, text=True
    )
    return dict(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="measure this tree, print JSON")
    parser.add_argument("--baseline", default=BASELINE_REV, help="revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not OTHERS.exists():
        print(f"{OTHERS} is not there: nothing to time")
        return 1
    if args.json:
        print(json.dumps(measure()))
        return 0
    runs: dict[str, list[dict[str, float]]] = {"now": [], "base": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = _tree(args.baseline, Path(tmp))
        for _ in range(args.rounds):
            runs["now"].append(_run(ROOT / "src"))
            runs["base"].append(_run(base))
    print(
        f"{len(_answers())} answers by other authors, median {runs['now'][0]['words']:.0f} "
        f"words; median ms per answer over {args.rounds} alternating rounds"
    )
    print(f"  {'':<28}{'now':>9}{'base ' + args.baseline:>16}{'now/base':>10}")
    for key in FIGURES[:-1]:
        now = statistics.median(r[key] for r in runs["now"])
        was = statistics.median(r[key] for r in runs["base"])
        name = key.replace("_first", ", first sight").replace("_seen", ", seen before")
        print(f"  {name:<28}{now:>9.1f}{was:>16.1f}{now / was:>10.2f}")
    print("  target: under 50 ms per answer (feedback, first sight)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
