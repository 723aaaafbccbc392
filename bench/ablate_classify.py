"""Compare ways of fitting the question -> principle model: for each variant, bank 5-fold
cross-validation (what the shipped choices are made on) and the development set, overall and
per author (what tells whether a change generalises across authors). The log of results is
docs/classifier.md.

    .venv/bin/python bench/ablate_classify.py [VARIANT ...]

Nothing is fitted on the development set: every variant is fitted on the bank only, and its
mix and temperature are chosen by cross-validation on the bank. Embeddings are cached in
bench/out/ so that a rerun only embeds new texts.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench_classify import figures  # the same figures as the main bench
from loopprep.classify.training import FitOptions, fit_question_model
from loopprep.frameworks import load_framework
from loopprep.text.embeddings import Embedder, get_embedder

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "lp_questions_dev.jsonl"
CACHE = ROOT / "bench" / "out" / "embedding-cache.npz"

SHIPPED = FitOptions()
VARIANTS: dict[str, FitOptions] = {
    "shipped": SHIPPED,
    "original": FitOptions(secondary_weight=0.3, focus_embedding=False, focus_terms=False,
                           cue_weight=0.0, embedding_l2=3e-4, term_l2=3e-4),
    "no-secondaries": dataclasses.replace(SHIPPED, secondary_weight=0.0),
    "secondary-0.15": dataclasses.replace(SHIPPED, secondary_weight=0.15),
    "secondary-0.5": dataclasses.replace(SHIPPED, secondary_weight=0.5),
    "secondary-0.7": dataclasses.replace(SHIPPED, secondary_weight=0.7),
    "focus-both": dataclasses.replace(SHIPPED, focus_embedding=True, focus_terms=True),
    "focus-embedding": dataclasses.replace(SHIPPED, focus_embedding=True, focus_terms=False),
    "focus-terms": dataclasses.replace(SHIPPED, focus_embedding=False, focus_terms=True),
    "no-focus": dataclasses.replace(SHIPPED, focus_embedding=False, focus_terms=False),
    "cues-0.2": dataclasses.replace(SHIPPED, cue_weight=0.2),
    "cues-0.4": dataclasses.replace(SHIPPED, cue_weight=0.4),
    "cues-0.7": dataclasses.replace(SHIPPED, cue_weight=0.7),
    "no-cues": dataclasses.replace(SHIPPED, cue_weight=0.0),
    "emb-l2-1e-4": dataclasses.replace(SHIPPED, embedding_l2=1e-4),
    "emb-l2-1e-3": dataclasses.replace(SHIPPED, embedding_l2=1e-3),
    "term-l2-1e-4": dataclasses.replace(SHIPPED, term_l2=1e-4),
    "term-l2-1e-3": dataclasses.replace(SHIPPED, term_l2=1e-3),
}


class CachedEmbedder:
    """The real embedder with a disk cache keyed by text (vectors do not depend on batch)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.fingerprint = embedder.fingerprint
        self.vectors: dict[str, np.ndarray] = {}
        if CACHE.exists():
            with np.load(CACHE) as data:
                if str(data["fingerprint"]) == self.fingerprint:
                    self.vectors = dict(zip((str(k) for k in data["keys"]), data["vectors"],
                                            strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if self.key(t) not in self.vectors})
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self.vectors[self.key(text)] = vector
            CACHE.parent.mkdir(parents=True, exist_ok=True)
            keys = sorted(self.vectors)
            np.savez(CACHE, fingerprint=np.array(self.fingerprint), keys=np.array(keys),
                     vectors=np.stack([self.vectors[k] for k in keys]))
        return np.stack([self.vectors[self.key(t)] for t in texts]).astype(np.float32)


def dev_figures(probs: np.ndarray, rows: list[dict[str, object]], slugs: Sequence[str]
                ) -> tuple[float, float, float]:
    """top-1, top-3 and macro-F1 exactly as bench_classify.py reports them."""
    top1, top3, f1 = figures(probs, rows, slugs)
    return top1, top3, f1


def variant(spec: str) -> FitOptions:
    """A named variant, or the shipped options changed by `name=value,...`
    (e.g. `cue_weight=0.4,focus_embedding=1`)."""
    if spec in VARIANTS:
        return VARIANTS[spec]
    changes: dict[str, object] = {}
    for item in spec.split(","):
        key, value = item.split("=")
        kind = type(getattr(SHIPPED, key))
        changes[key] = bool(int(value)) if kind is bool else kind(value)
    return dataclasses.replace(SHIPPED, **changes)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", default=["original", "shipped"])
    args = parser.parse_args()
    framework = load_framework("amazon")
    slugs = list(framework.slugs)
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    texts = [str(r["text"]) for r in rows]
    authors = sorted(Counter(r["source"]["repo"] for r in rows))
    embedder = CachedEmbedder(get_embedder())
    short = [a.split("/")[0][:8] for a in authors]
    print(f"{'variant':28} {'cv-1':>6} {'cv-3':>6} {'cvTop':>6} | {'dev-1':>6} {'dev-3':>6} "
          f"{'F1':>6} {'devTop':>6} | " + " ".join(f"{s:>8}" for s in short) + "  mix   T")
    for name in args.variants:
        options = variant(name)
        started = time.perf_counter()
        model, report = fit_question_model(framework, embedder, options)  # type: ignore[arg-type]
        vectors = embedder.embed([model.embedding_text(t) for t in texts])
        probs = model.probabilities(vectors, texts)
        top1, top3, f1 = dev_figures(probs, rows, slugs)
        per_author = []
        for author in authors:
            ids = [i for i, r in enumerate(rows) if r["source"]["repo"] == author]
            per_author.append(dev_figures(probs[ids], [rows[i] for i in ids], slugs)[0])
        print(f"{name[:28]:28} {report.cv_top1:6.3f} {report.cv_top3:6.3f} "
              f"{report.extra['cv_mean_top']:6.3f} | {top1:6.3f} {top3:6.3f} {f1:6.3f} "
              f"{probs.max(axis=1).mean():6.3f} | " + " ".join(f"{a:8.3f}" for a in per_author)
              + f"  {report.mix:.1f} {report.temperature:.2f}  ({time.perf_counter() - started:.0f} s)",
              flush=True)


if __name__ == "__main__":
    main()
