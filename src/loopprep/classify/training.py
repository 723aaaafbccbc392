"""Fitting the question -> principle model from the project's own labelled text: the
question bank, the follow-up probes and the framework's descriptions. Used by
`scripts/fit_classifier.py` (which writes the shipped weights) and by the test that refits.

Everything here is development-time: it needs scipy, which loopprep does not need to run.
Choices (regularisation, mix, temperature) are made by cross-validation on the bank only.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from loopprep.classify.model import (
    QuestionModel,
    TermIndex,
    embedding_text,
    log_softmax,
    term_scores,
)
from loopprep.classify.text import terms
from loopprep.model import Framework

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from loopprep.text.embeddings import Embedder

    Floats = npt.NDArray[np.float32]
    Array = npt.NDArray[Any]

SECONDARY_WEIGHT = 0.3  # a secondary label is real but weaker evidence than the primary
EMBEDDING_L2 = 3e-4
TERM_L2 = 3e-4
FOLDS = 5
MIXES = (0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True)
class Example:
    """One labelled text: `labels` maps principle slugs to target weights (they sum to 1)."""

    text: str
    labels: dict[str, float]
    from_bank: bool


@dataclass
class FitReport:
    """What cross-validation on the bank found; printed by the fit script and the bench."""

    examples: int
    bank_questions: int
    cv_top1: float = 0.0
    cv_top3: float = 0.0
    cv_top1_embedding: float = 0.0
    cv_top1_terms: float = 0.0
    cv_nll: float = 0.0
    mix: float = 0.5
    temperature: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)


def data_text(name: str) -> str:
    return resources.files("loopprep").joinpath("data", name).read_text("utf-8")


def bank_examples(framework: Framework) -> list[Example]:
    """The bank's questions whose principles all belong to `framework`."""
    rows = tomllib.loads(data_text("questions.toml")).get("question", [])
    known = set(framework.slugs)
    out = []
    for row in rows:
        slugs = [s for s in row["principles"] if s in known]
        if not slugs or slugs[0] != row["principles"][0]:
            continue
        out.append(Example(row["text"], _targets(slugs), from_bank=True))
    return out


def extra_examples(framework: Framework) -> list[Example]:
    """Follow-up probes and the framework's own descriptions, one principle each."""
    probes = tomllib.loads(data_text("probes.toml")).get("principle", {})
    out = []
    for principle in framework:
        texts = [principle.summary, *(f"Tell me about {p}." for p in principle.probes_for)]
        texts += list(probes.get(principle.slug, {}).get("probes", []))
        out += [Example(t, {principle.slug: 1.0}, from_bank=False) for t in texts if t.strip()]
    return out


def _targets(slugs: Sequence[str]) -> dict[str, float]:
    raw = {slugs[0]: 1.0} | {s: SECONDARY_WEIGHT for s in slugs[1:]}
    total = sum(raw.values())
    return {s: w / total for s, w in raw.items()}


def training_sha256(examples: Sequence[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(example.text.encode())
        digest.update(repr(sorted(example.labels.items())).encode())
    return digest.hexdigest()


def fit_term_index(texts: Sequence[str]) -> TermIndex:
    import numpy as np

    documents = Counter(t for text in texts for t in set(terms(text)))
    vocabulary = {t: i for i, t in enumerate(sorted(documents))}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + documents[t])) + 1.0 for t in sorted(documents)],
                   dtype=np.float32)
    return TermIndex(vocabulary, idf)


def term_matrix(index: TermIndex, texts: Sequence[str]) -> Any:
    """Sparse (texts, vocabulary) tf-idf matrix, rows of norm 1."""
    from scipy import sparse

    rows, cols, values = [], [], []
    for row, text in enumerate(texts):
        c, v = index.rows(text)
        rows += [row] * len(c)
        cols += c
        values += v
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), len(index.vocabulary)),
                             dtype="float64")


def fit_softmax(features: Any, targets: Array, l2: float) -> Floats:
    """Multinomial logistic regression with soft targets and an L2 penalty (bias free)."""
    import numpy as np
    from scipy.optimize import minimize

    n, dim = features.shape
    k = targets.shape[1]

    def loss(theta: Array) -> tuple[float, Array]:
        weights = theta.reshape(dim + 1, k)
        z = features @ weights[:-1] + weights[-1]
        logp = log_softmax(np.asarray(z))
        value = -float((targets * logp).sum()) / n + l2 / 2 * float((weights[:-1] ** 2).sum())
        residual = (np.exp(logp) - targets) / n
        grad = np.vstack([features.T @ residual + l2 * weights[:-1], residual.sum(axis=0)])
        return value, np.asarray(grad).ravel()

    result = minimize(loss, np.zeros((dim + 1) * k), jac=True, method="L-BFGS-B",
                      options={"maxiter": 1000})
    fitted: Floats = result.x.reshape(dim + 1, k).astype(np.float32)
    return fitted


def targets_matrix(examples: Sequence[Example], slugs: Sequence[str]) -> npt.NDArray[np.float64]:
    import numpy as np

    column = {s: i for i, s in enumerate(slugs)}
    out = np.zeros((len(examples), len(slugs)), dtype=np.float64)
    for row, example in enumerate(examples):
        for slug, weight in example.labels.items():
            out[row, column[slug]] = weight
    return out


def fit_parts(examples: Sequence[Example], vectors: Floats, slugs: Sequence[str],
              embedding_l2: float = EMBEDDING_L2, term_l2: float = TERM_L2
              ) -> tuple[TermIndex, Floats, Floats]:
    texts = [e.text for e in examples]
    targets = targets_matrix(examples, slugs)
    index = fit_term_index(texts)
    term_weights = fit_softmax(term_matrix(index, texts), targets, term_l2)
    embedding_weights = fit_softmax(vectors.astype("float64"), targets, embedding_l2)
    return index, embedding_weights, term_weights


def cross_validated_logits(examples: Sequence[Example], vectors: Floats, slugs: Sequence[str],
                           folds: int = FOLDS, **l2: float) -> tuple[list[int], Floats, Floats]:
    """Held-out (embedding, term) log-probabilities for every bank example; the non-bank
    examples are always in the training part."""
    import numpy as np

    bank = [i for i, e in enumerate(examples) if e.from_bank]
    extra = [i for i, e in enumerate(examples) if not e.from_bank]
    order = np.random.RandomState(0).permutation(len(bank))
    emb_out = np.zeros((len(bank), len(slugs)), dtype=np.float32)
    lex_out = np.zeros_like(emb_out)
    for fold in range(folds):
        held = [int(j) for j in order[fold::folds]]
        held_ids = [bank[j] for j in held]
        train_ids = sorted((set(range(len(examples))) - set(held_ids)) | set(extra))
        index, emb_w, lex_w = fit_parts([examples[i] for i in train_ids], vectors[train_ids],
                                        slugs, **l2)
        emb_out[held] = log_softmax(vectors[held_ids] @ emb_w[:-1] + emb_w[-1])
        lex_out[held] = log_softmax(term_scores(index, lex_w, [examples[i].text for i in held_ids]))
    return bank, emb_out, lex_out


def fit_question_model(framework: Framework, embedder: Embedder) -> tuple[QuestionModel, FitReport]:
    """Fit the shipped model for `framework` and report its cross-validated accuracy."""
    import numpy as np

    slugs: list[str] = list(framework.slugs)
    examples = bank_examples(framework) + extra_examples(framework)
    vectors = embedder.embed([embedding_text(e.text) for e in examples])
    bank, emb, lex = cross_validated_logits(examples, vectors, slugs)
    truth = np.array([slugs.index(max(examples[i].labels, key=examples[i].labels.__getitem__))
                      for i in bank])
    report = FitReport(examples=len(examples), bank_questions=len(bank))
    report.cv_top1_embedding = float(np.mean(emb.argmax(1) == truth))
    report.cv_top1_terms = float(np.mean(lex.argmax(1) == truth))
    def accuracy(mix: float) -> tuple[float, float]:
        return float(np.mean((mix * emb + (1 - mix) * lex).argmax(1) == truth)), -abs(mix - 0.5)

    best = max(MIXES, key=accuracy)
    mixed = best * emb + (1 - best) * lex
    temperature = fit_temperature(mixed, truth)
    probs = np.exp(log_softmax(mixed / temperature))
    top3 = np.argsort(-mixed, axis=1)[:, :3]
    report.mix, report.temperature = best, temperature
    report.cv_top1 = float(np.mean(mixed.argmax(1) == truth))
    report.cv_top3 = float(np.mean([truth[i] in top3[i] for i in range(len(truth))]))
    report.cv_nll = float(-np.mean(np.log(probs[np.arange(len(truth)), truth])))
    index, emb_w, lex_w = fit_parts(examples, vectors, slugs)
    model = QuestionModel(tuple(slugs), index, emb_w, lex_w, best, temperature,
                          embedder.fingerprint, training_sha256(examples))
    return model, report


def fit_temperature(logits: Array, truth: npt.NDArray[np.int64]) -> float:
    """The temperature that minimises held-out negative log-likelihood (golden section)."""
    import numpy as np

    def nll(t: float) -> float:
        logp = log_softmax(logits / t)
        return float(-np.mean(logp[np.arange(len(truth)), truth]))

    lo, hi = math.log(0.05), math.log(20.0)
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(60):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if nll(math.exp(a)) < nll(math.exp(b)):
            hi = b
        else:
            lo = a
    return round(math.exp((lo + hi) / 2), 4)
