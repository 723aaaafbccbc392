"""Refit the question classifier from the bank and check that it reproduces the shipped
weights, `src/loopprep/data/classifier-amazon.npz` (about two minutes on two cores).

    .venv/bin/python bench/check_refit.py

The test command checks only the digests of the training inputs recorded in the shipped
file (tests/test_classify.py); run this after changing the fitting code itself.
"""

from __future__ import annotations

import sys
import time

from loopprep.classify import get_classifier
from loopprep.classify.training import fit_question_model
from loopprep.frameworks import load_framework
from loopprep.text.embeddings import get_embedder


def main() -> int:
    amazon = load_framework("amazon")
    shipped = get_classifier(amazon).model
    assert shipped is not None
    started = time.perf_counter()
    refit, report = fit_question_model(amazon, get_embedder())
    problems = []
    if shipped.training_sha256 != refit.training_sha256:
        problems.append("the bank changed since the shipped fit")
    if shipped.embedder_fingerprint != refit.embedder_fingerprint:
        problems.append("the embedding model changed since the shipped fit")
    if shipped.index.vocabulary != refit.index.vocabulary:
        problems.append("the term vocabulary differs")
    if (shipped.mix, shipped.temperature) != (refit.mix, refit.temperature):
        problems.append(f"mix/temperature {shipped.mix}/{shipped.temperature} shipped, "
                        f"{refit.mix}/{refit.temperature} refitted")
    for name in ("embedding_weights", "term_weights"):
        gap = float(abs(getattr(shipped, name) - getattr(refit, name)).max())
        if gap >= 1e-3:
            problems.append(f"{name} differ by up to {gap:.4f}")
    if report.cv_top1 <= 0.63:  # 0.649 since session 2; a broken fit falls far below
        problems.append(f"bank CV top-1 fell to {report.cv_top1:.3f}")
    print(f"refit in {time.perf_counter() - started:.1f} s; bank CV top-1 {report.cv_top1:.3f}")
    for problem in problems:
        print(f"MISMATCH: {problem}")
    print("the shipped weights match a refit" if not problems else
          "re-run scripts/fit_classifier.py and commit the new weights")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
