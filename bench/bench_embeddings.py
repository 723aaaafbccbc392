"""Benchmark of the offline sentence embedder: load time, throughput and fidelity.

Run `python bench/bench_embeddings.py`; it prints a small report (or JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from importlib import resources
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "tests/data/minilm_fp32_reference.npz"

WHO = ["I", "We", "My team", "Our customer", "The new hire", "She", "The on-call engineer"]
DID = ["shipped", "redesigned", "debugged", "negotiated", "cancelled", "measured", "automated"]
WHAT = [
    "the billing service",
    "a flaky test suite",
    "the quarterly roadmap",
    "a data pipeline",
    "the onboarding flow",
    "our cloud costs",
    "a customer escalation",
    "the release process",
]
HOW = [
    "in two weeks.",
    "ahead of schedule.",
    "and cut latency by 40%.",
    "after a heated debate.",
    "with no extra budget.",
    "despite pushback from sales.",
    "for 3 million users.",
    "and wrote the postmortem.",
]
QUESTIONS = [
    "Tell me about a time you {}.",
    "Describe a situation where you {}.",
    "Give me an example of when you {}.",
]
ACTS = [
    "disagreed with your manager",
    "missed a deadline",
    "simplified a process",
    "had to dive deep into data",
    "earned the trust of a sceptical team",
    "made a decision with incomplete information",
]


def short_texts(count: int, seed: int = 0) -> list[str]:
    """Answer-like and question-like sentences of 6 to 20 words, reproducible by seed."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        if rng.random() < 0.7:
            texts.append(
                f"{rng.choice(WHO)} {rng.choice(DID)} {rng.choice(WHAT)} {rng.choice(HOW)}"
            )
        else:
            texts.append(rng.choice(QUESTIONS).format(rng.choice(ACTS)))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="short texts to embed")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the median is kept")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()

    started = time.perf_counter()
    from loopprep.text.embeddings import MODEL_FILE, Embedder

    embedder = Embedder()
    embedder.load()
    load_seconds = time.perf_counter() - started

    import numpy as np
    import onnxruntime

    texts = short_texts(args.count)
    embedder.embed(texts[:64])
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        embedder.embed(texts)
        runs.append(time.perf_counter() - started)
    seconds = statistics.median(runs)

    answer = texts[:10]
    latencies = []
    for _ in range(20):
        started = time.perf_counter()
        embedder.embed(answer)
        latencies.append(time.perf_counter() - started)

    reference = np.load(REFERENCE)
    sentences = [str(s) for s in reference["sentences"]]
    cosines = (embedder.embed(sentences) * reference["embeddings"]).sum(axis=1)

    model_bytes = len(resources.files("loopprep").joinpath("models", MODEL_FILE).read_bytes())
    report = {
        "load_seconds": round(load_seconds, 3),
        "texts": len(texts),
        "embed_seconds": round(seconds, 3),
        "texts_per_second": round(len(texts) / seconds, 1),
        "ten_sentence_answer_ms": round(1000 * statistics.median(latencies), 2),
        "fidelity_mean_cosine": round(float(cosines.mean()), 4),
        "fidelity_min_cosine": round(float(cosines.min()), 4),
        "fidelity_texts": len(sentences),
        "model_mb": round(model_bytes / 1e6, 1),
        "threads": embedder.threads,
        "onnxruntime": onnxruntime.__version__,
    }
    if args.json:
        print(json.dumps(report))
        return
    print(f"model load (imports, session, tokenizer): {report['load_seconds']:.3f} s")
    print(
        f"{len(texts)} short texts: {seconds:.2f} s, {report['texts_per_second']:.0f} texts/s "
        f"(median of {args.repeat}, {embedder.threads} threads)"
    )
    print(f"one 10-sentence answer: {report['ten_sentence_answer_ms']:.1f} ms")
    print(
        f"cosine to fp32 original over {len(sentences)} texts: "
        f"mean {report['fidelity_mean_cosine']:.4f}, min {report['fidelity_min_cosine']:.4f}"
    )
    print(f"model file: {report['model_mb']} MB (onnxruntime {report['onnxruntime']})")


if __name__ == "__main__":
    main()
