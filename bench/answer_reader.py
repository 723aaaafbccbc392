"""Reading an answer's principle: candidates for `answer_feedback.answer_principles`,
measured across answer sources before any is shipped.

Answers: the project's own (src/loopprep/data/star_answers.jsonl, no principle given, so
their target is the classifier's reading of the question each was written for) and the
three sources of ../shared/eval/star_answers_dev.jsonl (the author's principle where given,
else, for training only, the reading of the answer's own question). Every candidate reads
an answer from what `feedback_on` already has: the answer's sentence vectors (the shipped
MiniLM, one call), the STAR labeller's labels, the classifier's current reading and the
evidence phrases; none calls the model again.

Two evaluations, both printed:

- leave one source out: train on the project's answers and two dev sources, test on the
  third: top-1 agreement with the author's principle and the relevance AUC of
  bench/bench_relevance.py's pairs, the relevance logistic (log agreement, evidence,
  asks) refitted on the training sources' pairs only;
- the bench's own splits with the reader trained on the project's answers and the tune
  source only (the honest held-out figure; tune figures are then in-sample), the held-out
  AUC also per source, and top-1 against the own-question reading of the dev answers
  that carry no principle ("silver").

Run from the repo: ``python bench/answer_reader.py`` (about a minute and a half).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize

from bench_relevance import EVAL, ROOT, answer_text, auc, pairs
from loopprep.answer_feedback import (
    MAX_ANSWER_READ,
    answer_principles,
    question_principles,
    said_sentences,
)
from loopprep.classify.classifier import get_classifier
from loopprep.classify.model import log_softmax, term_scores
from loopprep.classify.training import bank_examples
from loopprep.feedback.relevance import ask_checks, fit_features, principle_evidence
from loopprep.feedback.star import default_labeller
from loopprep.frameworks import load_framework

SLUGS = list(load_framework("amazon").slugs)
DEV = ("guru-sishya-stories", "guru-sishya-questions", "daihan054")
TUNE = "guru-sishya-stories"
FLOOR = 1e-4


@dataclass
class Told:
    """One answer as a reader sees it (vectors of norm 1, distributions over slugs)."""

    source: str
    id: str
    lp: str | None
    mean: Any  # mean sentence vector
    acted: Any  # mean vector of the action and result sentences
    current: Any  # the shipped reading (`answer_principles`)
    words: Any  # the classifier's word model, log-probabilities
    evidence: Any  # principle_evidence per slug
    own_question: Any | None  # the classifier's reading of the answer's own question


Reader = Callable[[Told], Any]


def _unit(v: Any) -> Any:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _softmax(z: Any) -> Any:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def gather() -> tuple[list[Told], list[dict[str, Any]], Any]:
    """Every answer, every bench pair's fixed features, and the bank questions' mean vector."""
    framework = load_framework("amazon")
    classifier = get_classifier(framework)
    assert classifier.model is not None
    slugs = list(framework.slugs)
    labeller = default_labeller()

    def dist(scores: dict[str, float] | None) -> Any:
        return None if not scores else np.array([scores.get(s, 0.0) for s in slugs])

    own = [json.loads(line) for line in
           (ROOT / "src/loopprep/data/star_answers.jsonl").read_text("utf-8").splitlines() if line]
    dev = [json.loads(line) for line in
           (EVAL / "star_answers_dev.jsonl").read_text("utf-8").splitlines() if line]
    items = [("own", r["id"], " ".join(s["text"] for s in r["sentences"]), r["question"], None)
             for r in own]
    items += [(r["id"].split(":")[0], r["id"], answer_text(r), r["question"], r["lp"])
              for r in dev]
    answers = []
    for source, aid, text, question, lp in items:
        said = said_sentences(text)
        vectors = np.asarray(classifier.embedder.embed(said), dtype=np.float64)
        acted = [lab in ("action", "result") for lab in labeller.label(said)]
        words = log_softmax(term_scores(classifier.model.index, classifier.model.term_weights,
                                        [text[:MAX_ANSWER_READ]]))[0]
        answers.append(Told(
            source, aid, lp, _unit(vectors.mean(axis=0)),
            _unit(vectors[np.array(acted)].mean(axis=0)) if any(acted) else
            _unit(vectors.mean(axis=0)),
            dist(answer_principles(text, framework, vectors.astype(np.float32))),
            words.astype(np.float64),
            np.array([principle_evidence(s, text) for s in slugs]),
            dist(question_principles(question, framework))))
    fixed = []
    for split, a, q, fit in pairs():
        text = answer_text(a)
        scores = question_principles(q["text"], framework) or {}
        probed = dict(sorted(scores.items(), key=lambda kv: -kv[1])[:3])
        weights = np.array([probed.get(s, 0.0) for s in slugs])
        _, lead, met = fit_features(text, probed, None, ask_checks(q["text"], text))
        fixed.append({"split": split, "answer": a["id"], "fit": fit,
                      "weights": weights / weights.sum(), "lead": lead, "met": met})
    bank = classifier.embedder.embed([classifier.embedding_text(e.text)
                                      for e in bank_examples(framework)])
    return answers, fixed, np.asarray(bank, dtype=np.float64).mean(axis=0)


def targets(train: Sequence[Told], k: int) -> tuple[list[Told], Any]:
    """Training answers with a target: the author's principle, else the own question's reading."""
    kept, rows = [], []
    for a in train:
        if a.lp:
            rows.append(np.eye(k)[SLUGS.index(a.lp)])
        elif a.own_question is not None:
            rows.append(a.own_question)
        else:
            continue
        kept.append(a)
    return kept, np.array(rows)


def softmax_layer(x: Any, t: Any, prior: Any, lam: float) -> Any:
    """Multinomial logistic weights (features + 1 bias row, classes) with soft targets,
    L2-pulled towards ``prior`` (bias row free)."""
    xb = np.hstack([x, np.ones((len(x), 1))])

    def loss(theta: Any) -> tuple[float, Any]:
        w = theta.reshape(prior.shape)
        z = xb @ w
        logp = z - z.max(axis=1, keepdims=True)
        logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
        pull = w - prior
        pull[-1] = 0.0
        grad = xb.T @ (np.exp(logp) - t) / len(x) + 2 * lam * pull
        return float(-(t * logp).sum() / len(x) + lam * (pull ** 2).sum()), grad.ravel()

    return minimize(loss, prior.ravel().copy(), jac=True, method="L-BFGS-B").x.reshape(prior.shape)


def _mixed(p: Any, current: Any, share: float) -> Any:
    """The geometric mix of a reading with the shipped one (``share`` of the new one)."""
    return _softmax(share * np.log(p + 1e-9) + (1 - share) * np.log(current + 1e-9))


def candidates(bank_mean: Any) -> dict[str, Callable[[Sequence[Told]], Reader]]:
    """Name -> trainer (training answers -> reader)."""
    model = get_classifier(load_framework("amazon")).model
    assert model is not None
    w_q = model.embedding_weights.astype(np.float64)
    k = w_q.shape[1]

    def layer(part: str, lam: float, prior: bool, share: float) -> Callable[..., Reader]:
        def train(answers: Sequence[Told]) -> Reader:
            kept, t = targets(answers, k)
            w = softmax_layer(np.array([getattr(a, part) for a in kept]), t,
                              w_q if prior else np.zeros_like(w_q), lam)
            return lambda a: _mixed(_softmax(np.append(getattr(a, part), 1) @ w), a.current,
                                    share)
        return train

    def centroid(part: str, temperature: float, share: float) -> Callable[..., Reader]:
        def train(answers: Sequence[Told]) -> Reader:
            kept, t = targets(answers, k)
            c = t.T @ np.array([getattr(a, part) for a in kept])
            c /= np.linalg.norm(c, axis=1, keepdims=True)
            return lambda a: _mixed(_softmax(c @ getattr(a, part) / temperature), a.current,
                                    share)
        return train

    def calibrated(lam: float, evidence: bool) -> Callable[..., Reader]:
        """A layer on the shipped reading's log-probabilities (and the evidence), pulled
        towards leaving the reading as it is."""
        def feats(a: Told) -> Any:
            logp = np.log(a.current + FLOOR)
            return np.concatenate([logp, a.evidence]) if evidence else logp

        def train(answers: Sequence[Told]) -> Reader:
            kept, t = targets(answers, k)
            x = np.array([feats(a) for a in kept])
            prior = np.zeros((x.shape[1] + 1, k))
            prior[:k, :k] = np.eye(k)
            w = softmax_layer(x, t, prior, lam)
            return lambda a: _softmax(np.append(feats(a), 1) @ w)
        return train

    def shifted(part: str, scale: float) -> Callable[..., Reader]:
        """The classifier's embedding model on the answer's ``part`` vector moved by
        ``scale`` times the gap between the mean bank question and the mean answer of the
        project's own (no labels used), mixed with its word model as shipped."""
        def train(answers: Sequence[Told]) -> Reader:
            own = [getattr(a, part) for a in answers if a.source == "own"]
            gap = bank_mean - np.mean(own, axis=0)

            def read(a: Told) -> Any:
                emb = _unit(getattr(a, part) + scale * gap) @ w_q[:-1] + w_q[-1]
                emb = emb - emb.max()
                emb -= np.log(np.exp(emb).sum())
                return _softmax((model.mix * emb + (1 - model.mix) * a.words)
                                / model.temperature)
            return read
        return train

    return {
        "shipped: the question classifier on the mean vector and the words":
            lambda answers: lambda a: a.current,
        "answer layer, mean vector, no prior (lam 1e-3)": layer("mean", 1e-3, False, 1.0),
        "answer layer, mean vector, towards the question weights (1e-3)":
            layer("mean", 1e-3, True, 1.0),
        "  the same, mixed half and half with the shipped reading": layer("mean", 1e-3, True, 0.5),
        "  the same on action + result sentences only": layer("acted", 1e-3, True, 0.5),
        "answer centroids (T 0.02), mixed half with the shipped": centroid("mean", 0.02, 0.5),
        "  centroids of action + result sentences only": centroid("acted", 0.02, 0.5),
        "calibration of the shipped reading (lam 1)": calibrated(1.0, False),
        "  with the evidence phrases as inputs (lam 0.3)": calibrated(0.3, True),
        "the shipped classifier, action + result sentences' vector": shifted("acted", 0.0),
        "register shift, answer mean -> question mean (x1)": shifted("mean", 1.0),
    }


def relevance_auc(read: Reader, told: dict[str, Told], fixed: Sequence[dict[str, Any]],
                  train: set[str], test: set[str]) -> float:
    """AUC on ``test``'s pairs of the relevance logistic refitted on ``train``'s pairs."""
    def x(rows: list[dict[str, Any]]) -> Any:
        return np.array([[np.log(r["weights"] @ read(told[r["answer"]]) + FLOOR), r["lead"],
                          r["met"]] for r in rows])

    fit_rows = [r for r in fixed if r["answer"] in train]
    xs, y = x(fit_rows), np.array([r["fit"] for r in fit_rows], dtype=float)

    def loss(t: Any) -> float:
        z = t[0] + xs @ t[1:]
        return float(np.mean(np.logaddexp(0, z) - y * z) + 1e-4 * np.sum(t[1:] ** 2))

    t = minimize(loss, np.zeros(4)).x
    test_rows = [r for r in fixed if r["answer"] in test]
    z = t[0] + x(test_rows) @ t[1:]
    fit = np.array([r["fit"] for r in test_rows])
    return auc(z[fit].tolist(), z[~fit].tolist())


def top1(read: Reader, answers: Sequence[Told], silver: bool = False) -> float:
    """Share of answers whose first principle is the author's; ``silver``: for answers
    without one, the first of the classifier's reading of the answer's own question."""
    if silver:
        wanted = [(a, int(np.argmax(a.own_question))) for a in answers
                  if not a.lp and a.own_question is not None]
    else:
        wanted = [(a, SLUGS.index(a.lp)) for a in answers if a.lp]
    hits = [int(np.argmax(read(a))) == want for a, want in wanted]
    return float(np.mean(hits)) if hits else float("nan")


def evaluate(trainer: Callable[[Sequence[Told]], Reader], answers: Sequence[Told],
             fixed: Sequence[dict[str, Any]]) -> dict[str, float]:
    told = {a.id: a for a in answers}
    labelled = {a.id for a in answers if a.lp}
    out: dict[str, float] = {}
    for source in DEV:
        read = trainer([a for a in answers if a.source != source])
        test = [a for a in answers if a.source == source]
        out[f"{source} top1"] = top1(read, test)
        out[f"{source} auc"] = relevance_auc(read, told, fixed,
                                             labelled - {a.id for a in test},
                                             labelled & {a.id for a in test})
    read = trainer([a for a in answers if a.source in ("own", TUNE)])
    tune = {a.id for a in answers if a.source == TUNE} & labelled
    held = [a for a in answers if a.source not in ("own", TUNE)]
    out["tune top1"] = top1(read, [told[i] for i in tune])
    out["held-out top1"] = top1(read, held)
    out["held-out silver top1"] = top1(read, held, silver=True)
    out["tune auc"] = relevance_auc(read, told, fixed, tune, tune)
    out["held-out auc"] = relevance_auc(read, told, fixed, tune, {a.id for a in held} & labelled)
    for source in DEV[1:]:
        out[f"held-out {source} auc"] = relevance_auc(
            read, told, fixed, tune, {a.id for a in held if a.source == source} & labelled)
    return out


def main() -> int:
    answers, fixed, bank_mean = gather()
    print("leave one source out (train: own + the two others), top-1 / relevance AUC;"
          " then trained on own + tune only: top-1 tune (in-sample) / held-out / held-out"
          " silver, AUC tune (in-sample) / held-out (guru-sishya questions, daihan054)")
    for name, trainer in candidates(bank_mean).items():
        r = evaluate(trainer, answers, fixed)
        loso = "  ".join(f"{r[s + ' top1']:.2f} / {r[s + ' auc']:.3f}" for s in DEV)
        print(f"{name:<66} {loso}  |  {r['tune top1']:.2f} / {r['held-out top1']:.2f} / "
              f"{r['held-out silver top1']:.2f}  {r['tune auc']:.3f} / {r['held-out auc']:.3f}"
              f" ({r['held-out guru-sishya-questions auc']:.3f}, "
              f"{r['held-out daihan054 auc']:.3f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
