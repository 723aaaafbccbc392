"""Benchmark of question -> principle classification: accuracy on the development set for
loopprep's method and for baselines, cross-validated accuracy on the bank, and speed.

Run `python bench/bench_classify.py` (add --no-cv to skip the bank cross-validation, which
refits the model five times and needs scipy). The development set is read for measuring
only; nothing here trains on it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from loopprep.classify.classifier import get_classifier
from loopprep.classify.model import embedding_text, log_softmax, term_scores
from loopprep.classify.text import words
from loopprep.classify.training import data_text, fit_term_index
from loopprep.frameworks import load_framework
from loopprep.model import Framework

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "lp_questions_dev.jsonl"
Scores = np.ndarray


def figures(scores: Scores, rows: list[dict[str, object]], slugs: Sequence[str]) -> tuple[float, ...]:
    """top-1 and top-3 (a hit when the pick is any of the item's labels) and macro-F1 over
    the principles that occur (against each item's first label)."""
    order = np.argsort(-scores, axis=1, kind="stable")
    labels = [[slugs.index(str(s)) for s in row["labels"]] for row in rows]
    top1 = float(np.mean([order[i, 0] in labels[i] for i in range(len(rows))]))
    top3 = float(np.mean([any(j in labels[i] for j in order[i, :3]) for i in range(len(rows))]))
    truth = np.array([lab[0] for lab in labels])
    picked = order[:, 0]
    f1 = []
    for c in range(len(slugs)):
        tp = int(np.sum((picked == c) & (truth == c)))
        fp = int(np.sum((picked == c) & (truth != c)))
        fn = int(np.sum((picked != c) & (truth == c)))
        if tp + fp + fn:
            f1.append(2 * tp / (2 * tp + fp + fn))
    return top1, top3, float(np.mean(f1))


def description(principle: object) -> str:
    p = principle
    return " ".join([p.name + ".", p.summary, *p.probes_for])


def keyword_baseline(framework: Framework, texts: list[str]) -> Scores:
    wanted = [{w for k in p.keywords for w in words(k)} for p in framework]
    out = np.zeros((len(texts), len(framework)))
    for i, text in enumerate(texts):
        found = set(words(text))
        out[i] = [len(found & w) for w in wanted]
    return out


def tfidf_baseline(framework: Framework, texts: list[str]) -> Scores:
    docs = [description(p) + " " + " ".join(p.keywords) for p in framework]
    index = fit_term_index(docs + texts)

    def matrix(items: list[str]) -> Scores:
        out = np.zeros((len(items), len(index.vocabulary)))
        for i, item in enumerate(items):
            cols, values = index.rows(item)
            out[i, cols] = values
        return out

    return matrix(texts) @ matrix(docs).T


def bank_rows() -> list[dict[str, object]]:
    return tomllib.loads(data_text("questions.toml"))["question"]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def run_process(args: list[str], stdin: str = "") -> float:
    started = time.perf_counter()
    subprocess.run(args, input=stdin, capture_output=True, text=True, check=True,
                   env={**os.environ, "LOOPPREP_HOME": str(Path("/tmp") / f"bench-home-{os.getpid()}")})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation on the bank")
    args = parser.parse_args()
    framework = load_framework("amazon")
    slugs = list(framework.slugs)
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    texts = [str(r["text"]) for r in rows]
    print(f"development set: {len(rows)} questions from "
          f"{len(Counter(r['source']['repo'] for r in rows))} public authors "
          f"(labels as the authors gave them; ~0.83 agreement between authors)\n")

    load_s, classifier = timed(lambda: get_classifier(framework))
    embed_load_s, _ = timed(classifier.embedder.load)
    model = classifier.model
    assert model is not None
    classify_s, final = timed(lambda: classifier.probabilities(texts))

    vectors = classifier.embedder.embed([embedding_text(t) for t in texts])
    bank = bank_rows()
    bank_vectors = classifier.embedder.embed([embedding_text(str(q["text"])) for q in bank])
    bank_labels = np.array([slugs.index(q["principles"][0]) for q in bank])
    sims = vectors @ bank_vectors.T
    knn = np.zeros((len(texts), len(slugs)))
    for i in range(len(texts)):
        for j in np.argsort(-sims[i])[:20]:
            knn[i, bank_labels[j]] += math.exp(sims[i, j] / 0.05)
    descriptions = classifier.embedder.embed([description(p) for p in framework])
    methods: list[tuple[str, Scores]] = [
        ("keywords (framework keyword counts)", keyword_baseline(framework, texts)),
        ("TF-IDF vs principle descriptions", tfidf_baseline(framework, texts)),
        ("embedding vs principle descriptions", vectors @ descriptions.T),
        ("kNN on bank embeddings (k=20)", knn),
        ("softmax on embeddings (bank)",
         vectors @ model.embedding_weights[:-1] + model.embedding_weights[-1]),
        ("softmax on terms (bank)", log_softmax(term_scores(model.index, model.term_weights, texts))),
        ("loopprep: mixed + calibrated", final),
    ]
    baseline_top1 = figures(methods[0][1], rows, slugs)[0]
    print(f"{'method':40} {'top-1':>6} {'top-3':>6} {'macroF1':>8} {'top-1 vs keywords':>18}")
    for name, scores in methods:
        top1, top3, f1 = figures(np.asarray(scores, dtype=np.float64), rows, slugs)
        print(f"{name:40} {top1:6.3f} {top3:6.3f} {f1:8.3f} {top1 / baseline_top1:17.2f}x")

    print("\nby author (loopprep):")
    for repo in sorted({r["source"]["repo"] for r in rows}):
        ids = [i for i, r in enumerate(rows) if r["source"]["repo"] == repo]
        top1, top3, f1 = figures(final[ids], [rows[i] for i in ids], slugs)
        print(f"  {repo:52} n={len(ids):3} top-1 {top1:.3f} top-3 {top3:.3f}")

    probs = np.asarray(final, dtype=np.float64)
    truth = [slugs.index(r["labels"][0]) for r in rows]
    nll = -np.mean([math.log(max(probs[i, t], 1e-12)) for i, t in enumerate(truth)])
    print(f"\ncalibration: mean top score {probs.max(1).mean():.3f} vs top-1 accuracy "
          f"{figures(probs, rows, slugs)[0]:.3f}; dev NLL {nll:.3f} (uniform {math.log(16):.3f})")

    if not args.no_cv:
        from loopprep.classify.training import fit_question_model

        fit_s, (_, report) = timed(lambda: fit_question_model(framework, classifier.embedder))
        print(f"\nbank 5-fold CV ({report.bank_questions} questions, probes and descriptions always "
              f"in training): top-1 {report.cv_top1:.3f} top-3 {report.cv_top3:.3f}; "
              f"embeddings alone {report.cv_top1_embedding:.3f}, terms alone "
              f"{report.cv_top1_terms:.3f} ({fit_s:.1f} s)")

    print("\nspeed (this machine, %d cores):" % os.cpu_count())  # noqa: UP031
    print(f"  classifier object {load_s * 1000:.0f} ms, embedding model load {embed_load_s:.2f} s")
    print(f"  {len(texts)} dev questions in {classify_s:.2f} s once loaded: "
          f"{len(texts) / classify_s:.0f} questions/s")
    four_hundred = "\n".join(str(q["text"]) for q in bank[:400]) + "\n"
    exe = str(Path(sys.executable).parent / "loopprep")
    python_s = run_process([sys.executable, "-c", "pass"])
    help_s = run_process([exe, "--help"])
    batch_s = run_process([exe, "classify", "-"], four_hundred)
    print(f"  `loopprep classify -` with 400 questions, whole process: {batch_s:.2f} s "
          f"(budget 3 s; {batch_s / python_s:.0f}x a bare python start of {python_s:.2f} s)")
    print(f"  `loopprep --help`: {help_s:.2f} s (budget 0.3 s)")


if __name__ == "__main__":
    main()
