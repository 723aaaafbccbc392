"""STAR labeller: each sentence of an answer becomes situation, task, action, result or other.

A linear model scores every sentence from its words, cue phrases and neighbours; a
transition matrix and Viterbi decoding then let neighbouring labels inform each other.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import numpy as np
from numpy.typing import NDArray

from loopprep.feedback.star_features import sentence_features

__all__ = [
    "LABELS",
    "MODEL_FILE",
    "SentenceEmbedder",
    "StarLabel",
    "StarLabeller",
    "StarModel",
    "default_labeller",
    "label_sentences",
]

StarLabel = Literal["situation", "task", "action", "result", "other"]
LABELS: tuple[StarLabel, ...] = ("situation", "task", "action", "result", "other")
MODEL_FILE = "star_model.npz"
EMBED_MODEL_FILE = "star_model_embed.npz"

FloatArray = NDArray[np.float64]


class SentenceEmbedder(Protocol):
    """What the labeller needs from an embedder: one fixed-size vector per text."""

    def embed(self, texts: list[str]) -> NDArray[np.floating[Any]]: ...


@dataclass(frozen=True)
class StarModel:
    """Learnt weights: sparse feature weights, optional dense (embedding) weights, HMM."""

    features: dict[str, int]
    weights: FloatArray  # (n_features, n_labels)
    bias: FloatArray  # (n_labels,)
    log_start: FloatArray  # (n_labels,)
    log_transitions: FloatArray  # (n_labels, n_labels), row = previous label
    log_prior: FloatArray  # (n_labels,)
    alpha: float = 0.5  # how much of the label prior to divide out of the posteriors
    beta: float = 1.0  # weight of the transition scores
    dense_weights: FloatArray | None = None  # (embedding_dim, n_labels)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def uses_embeddings(self) -> bool:
        return self.dense_weights is not None

    def save(self, path: Path) -> None:
        names = sorted(self.features, key=self.features.__getitem__)
        arrays: dict[str, Any] = {
            "features": np.array(names, dtype=np.str_),
            "weights": self.weights.astype(np.float32),
            "bias": self.bias,
            "log_start": self.log_start,
            "log_transitions": self.log_transitions,
            "log_prior": self.log_prior,
            "hyper": np.array([self.alpha, self.beta]),
            "meta": np.array(json.dumps(self.meta, sort_keys=True)),
        }
        if self.dense_weights is not None:
            arrays["dense_weights"] = self.dense_weights.astype(np.float32)
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        path.write_bytes(buf.getvalue())

    @classmethod
    def from_bytes(cls, data: bytes) -> StarModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            names = [str(x) for x in z["features"]]
            hyper = z["hyper"]
            dense = z["dense_weights"].astype(np.float64) if "dense_weights" in z else None
            return cls(
                features={name: i for i, name in enumerate(names)},
                weights=z["weights"].astype(np.float64),
                bias=z["bias"].astype(np.float64),
                log_start=z["log_start"].astype(np.float64),
                log_transitions=z["log_transitions"].astype(np.float64),
                log_prior=z["log_prior"].astype(np.float64),
                alpha=float(hyper[0]),
                beta=float(hyper[1]),
                dense_weights=dense,
                meta=cast(dict[str, Any], json.loads(str(z["meta"]))),
            )

    @classmethod
    def load(cls, path: Path) -> StarModel:
        return cls.from_bytes(path.read_bytes())


def _log_softmax(logits: FloatArray) -> FloatArray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    out: FloatArray = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return out


def viterbi(scores: FloatArray, log_start: FloatArray, log_trans: FloatArray) -> list[int]:
    """Best label path for per-sentence ``scores`` (n, k) under start/transition scores."""
    n, k = scores.shape
    if n == 0:
        return []
    best = log_start + scores[0]
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = best[:, None] + log_trans  # (prev, cur)
        back[i] = cand.argmax(axis=0)
        best = cand.max(axis=0) + scores[i]
    path = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


# An answer is 20-40 sentences; past this many (a pasted document) embedding every sentence
# would take seconds, so such a text is labelled by the fallback (word-feature) labeller.
MAX_EMBEDDED_SENTENCES = 200


class StarLabeller:
    """Labels the sentences of one answer, in context. A labeller whose model reads
    sentence embeddings hands texts of more than `MAX_EMBEDDED_SENTENCES` sentences to
    `fallback` when it has one."""

    def __init__(self, model: StarModel, embedder: SentenceEmbedder | None = None,
                 fallback: StarLabeller | None = None) -> None:
        if model.uses_embeddings and embedder is None:
            raise ValueError("this STAR model was trained with embeddings: pass an embedder")
        self.model = model
        self.embedder = embedder if model.uses_embeddings else None
        self.fallback = fallback

    def _for(self, texts: Sequence[str]) -> StarLabeller:
        if self.embedder is not None and self.fallback and len(texts) > MAX_EMBEDDED_SENTENCES:
            return self.fallback
        return self

    def log_posteriors(self, texts: Sequence[str], *, context: bool = True) -> FloatArray:
        """Per-sentence log P(label | sentence, neighbours) from the linear model alone."""
        m = self.model
        logits = np.tile(m.bias, (len(texts), 1))
        for row, feats in enumerate(sentence_features(texts, context=context)):
            idx = [m.features[f] for f in feats if f in m.features]
            if idx:
                logits[row] += m.weights[idx].sum(axis=0)
        if self.embedder is not None and m.dense_weights is not None and len(texts):
            vecs = np.asarray(self.embedder.embed(list(texts)), dtype=np.float64)
            logits += vecs @ m.dense_weights
        return _log_softmax(logits)

    def decode(self, log_post: FloatArray) -> list[int]:
        m = self.model
        scores = log_post - m.alpha * m.log_prior
        return viterbi(scores, m.beta * m.log_start, m.beta * m.log_transitions)

    def label(self, texts: Sequence[str], *, context: bool = True) -> list[StarLabel]:
        """One label per sentence; ``context=False`` labels each sentence on its own."""
        if not texts:
            return []
        if (chosen := self._for(texts)) is not self:
            return chosen.label(texts, context=context)
        log_post = self.log_posteriors(texts, context=context)
        if not context:
            scores = log_post - self.model.alpha * self.model.log_prior
            return [LABELS[int(i)] for i in scores.argmax(axis=1)]
        return [LABELS[i] for i in self.decode(log_post)]

    def label_with_confidence(self, texts: Sequence[str]) -> list[tuple[StarLabel, float]]:
        """Labels with the linear model's probability for the chosen label."""
        labels, post = self.label_with_posteriors(texts)
        return [(lab, float(post[i, LABELS.index(lab)])) for i, lab in enumerate(labels)]

    def label_with_posteriors(self, texts: Sequence[str]) -> tuple[list[StarLabel], FloatArray]:
        """Labels, and every sentence's probability for each label (columns in LABELS order)."""
        if not texts:
            return [], np.zeros((0, len(LABELS)))
        if (chosen := self._for(texts)) is not self:
            return chosen.label_with_posteriors(texts)
        log_post = self.log_posteriors(texts)
        return [LABELS[k] for k in self.decode(log_post)], np.exp(log_post)


def _data_bytes(name: str) -> bytes | None:
    res = resources.files("loopprep").joinpath("data", name)
    return res.read_bytes() if res.is_file() else None


@functools.cache
def default_labeller(use_embeddings: bool = True) -> StarLabeller:
    """The shipped labeller: word features plus the sentence embedding of each sentence
    (1-2 points better on other authors' isolated sentences, see docs/feedback.md).

    ``use_embeddings=False``, or a missing embedding model or embedder, gives the
    word-feature model, which needs no onnxruntime.
    """
    if use_embeddings:
        data = _data_bytes(EMBED_MODEL_FILE)
        if data is not None:
            try:
                embeddings = importlib.import_module("loopprep.text.embeddings")
            except ImportError:
                pass
            else:
                return StarLabeller(StarModel.from_bytes(data), embeddings.get_embedder(),
                                    fallback=default_labeller(use_embeddings=False))
    data = _data_bytes(MODEL_FILE)
    if data is None:
        raise FileNotFoundError(
            f"loopprep/data/{MODEL_FILE} is missing: run python -m loopprep.feedback.star_train"
        )
    return StarLabeller(StarModel.from_bytes(data))


def label_sentences(texts: Sequence[str]) -> list[StarLabel]:
    """Label the already-split sentences of one answer, in order, with the shipped model."""
    return default_labeller().label(texts)
