"""Candidate relevance evidence, measured before any goes into `loopprep.feedback.relevance`.

On the pairs of bench/bench_relevance.py (other authors' answers, each with fitting and
unrelated questions), every candidate is reported as an AUC (fitting pairs ranked above
unrelated ones) on its own and added to the shipped fit's three features, refitted by
logistic regression on the *tune* split only; the held-out split is only measured.

Candidates: how close the question's vector is to the answer (its best sentence, its best
three, all its sentences, the mean of their vectors); the same set against the project's
bank questions on other principles (percentile, z-score), which asks "is this question
closer to the answer than questions about something else are?"; the answer read from its
bank-question neighbours (per principle, the closest questions to any sentence) and from
the bank's principle centroids; the classifier on each sentence rather than on their mean.
A last line is no candidate but a ceiling: the answer's principle as its author gave it,
set against the classifier's reading of the question.
Run from the repo: ``python bench/relevance_candidates.py`` (about a minute).
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
from scipy.optimize import minimize

from bench_relevance import answer_text, auc, pairs
from loopprep.answer_feedback import answer_principles, question_principles, said_sentences
from loopprep.classify.classifier import get_classifier
from loopprep.classify.training import bank_examples
from loopprep.feedback.relevance import ask_checks, fit_features
from loopprep.frameworks import load_framework

SHIPPED = ["agreement", "evidence", "asks"]
CEILING = "(ceiling) the answer's principle as its author gave it"


def _top3(scores: dict[str, float], slugs: list[str]) -> Any:
    """The question's top three principles as weights over ``slugs`` (as relevance uses)."""
    q = np.array([scores.get(s, 0.0) for s in slugs])
    keep = np.argsort(-q)[:3]
    out = np.zeros(len(slugs))
    out[keep] = q[keep]
    return out / out.sum()


def _neighbours(bank: Any, labels: Any, sentences: Any, n: int, temperature: float) -> Any:
    """A principle distribution for the answer: per principle, the mean of the ``n`` best
    bank questions' similarity to their closest sentence, softmaxed."""
    best = (bank @ sentences.T).max(axis=1)
    per = np.array([np.sort(best[labels == p])[-n:].mean() for p in range(labels.max() + 1)])
    e = np.exp((per - per.max()) / temperature)
    return e / e.sum()


def candidates(q: Any, sentences: Any, weights: Any, bank: Any, labels: Any,
               centroids: Any, per_sentence: Any) -> dict[str, float]:
    """Every candidate feature of one pair (vectors of norm 1; ``weights`` the question's
    top three principles; ``per_sentence`` the classifier's probabilities per sentence)."""
    sims = sentences @ q
    mean = sentences.mean(axis=0)
    mean /= np.linalg.norm(mean)
    top = int(np.argmax(weights))
    bank_top3 = np.sort(bank @ sentences.T, axis=1)[:, -3:].mean(axis=1)
    q_top3 = float(np.sort(sims)[-3:].mean())
    others = bank_top3[labels != top]
    cent = centroids @ mean
    return {
        "question~best sentence": float(sims.max()),
        "question~best 3 sentences": q_top3,
        "question~all sentences": float(sims.mean()),
        "question~mean vector": float(mean @ q),
        "contrast: percentile among other principles' bank questions":
            float((others < q_top3).mean()),
        "contrast: z among bank questions": float((q_top3 - bank_top3.mean()) / bank_top3.std()),
        "answer read by bank neighbours (log agreement)":
            float(np.log(weights @ _neighbours(bank, labels, sentences, 10, 0.03) + 1e-4)),
        "answer read by bank centroids (z)":
            float((weights @ cent - cent.mean()) / cent.std()),
        "classifier per sentence, averaged (log agreement)":
            float(np.log(weights @ per_sentence.mean(axis=0) + 1e-4)),
    }


def table() -> tuple[list[dict[str, float]], list[str], list[bool]]:
    """Features of every pair: the shipped three, then the candidates."""
    framework = load_framework("amazon")
    classifier = get_classifier(framework)
    slugs = list(framework.slugs)
    bank_rows = [e for e in bank_examples(framework)]
    bank = classifier.embedder.embed([classifier.embedding_text(e.text) for e in bank_rows])
    labels = np.array([slugs.index(max(e.labels, key=e.labels.__getitem__)) for e in bank_rows])
    centroids = np.stack([bank[labels == p].mean(axis=0) for p in range(len(slugs))])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    assert classifier.model is not None
    rows, splits, fits = [], [], []
    for split, a, q, fit in pairs():
        text = answer_text(a)
        scores = question_principles(q["text"], framework) or {}
        weights = _top3(scores, slugs)
        probed = {s: float(w) for s, w in zip(slugs, weights, strict=True) if w > 0}
        said = said_sentences(text)
        vectors = classifier.embedder.embed([classifier.embedding_text(q["text"]), *said])
        told = answer_principles(text, framework, vectors[1:])
        shipped = fit_features(text, probed, told, ask_checks(q["text"], text))
        per_sentence = classifier.model.probabilities(vectors[1:], said)
        row = dict(zip(SHIPPED, shipped, strict=True))
        row |= candidates(vectors[0], vectors[1:], weights, bank, labels, centroids,
                          per_sentence)
        # not a candidate: the question read by the classifier, the answer by its author
        row[CEILING] = float(np.log(weights[slugs.index(a["lp"])] + 1e-4))
        rows.append(row)
        splits.append(split)
        fits.append(fit)
    return rows, splits, fits


def fitted_auc(rows: list[dict[str, float]], splits: list[str], fits: list[bool],
               columns: list[str]) -> tuple[float, float]:
    """AUC on tune and held-out of a logistic fit of ``columns`` on tune."""
    x = np.array([[r[c] for c in columns] for r in rows])
    y = np.array(fits, dtype=float)
    tune = np.array([s == "tune" for s in splits])

    def loss(t: Any) -> float:
        z = t[0] + x[tune] @ t[1:]
        return float(np.mean(np.logaddexp(0, z) - y[tune] * z) + 1e-4 * np.sum(t[1:] ** 2))

    t = minimize(loss, np.zeros(len(columns) + 1)).x
    z = t[0] + x @ t[1:]
    out = []
    for part in (tune, ~tune):
        out.append(auc(z[part & (y == 1)].tolist(), z[part & (y == 0)].tolist()))
    return out[0], out[1]


def main() -> int:
    rows, splits, fits = table()
    print(f"{'AUC, tune / held-out':<62}{'alone':>15}{'added to the fit':>20}")
    base = fitted_auc(rows, splits, fits, SHIPPED)
    print(f"{'the shipped fit (' + ', '.join(SHIPPED) + ')':<62}{'':>15}"
          f"{base[0]:>10.3f} / {base[1]:.3f}")
    for name in rows[0]:
        alone = []
        for split in ("tune", "held-out"):
            pos = [r[name] for r, s, f in zip(rows, splits, fits, strict=True) if s == split and f]
            neg = [r[name] for r, s, f in zip(rows, splits, fits, strict=True)
                   if s == split and not f]
            alone.append(auc(pos, neg))
        added = (fitted_auc(rows, splits, fits, SHIPPED + [name])
                 if name not in (*SHIPPED, CEILING) else None)
        print(f"{name:<62}{alone[0]:>8.3f} / {alone[1]:.3f}"
              + (f"{added[0]:>12.3f} / {added[1]:.3f}" if added else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
