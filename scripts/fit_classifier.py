"""Fit the question -> principle model on the project's question bank and write the
weights loopprep ships: `src/loopprep/data/classifier-<framework>.npz`.

Run after changing questions.toml, probes.toml, the framework file or the embedding model:
    .venv/bin/python scripts/fit_classifier.py [--framework amazon]
tests/test_classify.py checks the digests of the inputs the shipped file was fitted on, and
bench/check_refit.py that a refit reproduces it. Nothing from ../shared/eval is read here:
the model never sees the development set it is measured on.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from loopprep.classify.training import fit_question_model
from loopprep.frameworks import load_framework
from loopprep.text.embeddings import get_embedder

DATA = Path(__file__).resolve().parents[1] / "src" / "loopprep" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--framework", default="amazon")
    args = parser.parse_args()
    started = time.perf_counter()
    model, report = fit_question_model(load_framework(args.framework), get_embedder())
    target = DATA / f"classifier-{args.framework}.npz"
    target.write_bytes(model.to_bytes())
    print(f"fitted on {report.examples} texts ({report.bank_questions} bank questions) "
          f"in {time.perf_counter() - started:.1f} s")
    print(f"bank {len(model.slugs)}-way 5-fold CV: top-1 {report.cv_top1:.3f} top-3 "
          f"{report.cv_top3:.3f} (embedding alone {report.cv_top1_embedding:.3f}, "
          f"terms alone {report.cv_top1_terms:.3f}); held-out NLL {report.cv_nll:.3f}")
    print(f"mix {report.mix} temperature {report.temperature}; "
          f"{len(model.index.vocabulary)} terms; wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
