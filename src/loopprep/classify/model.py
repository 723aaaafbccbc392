"""The fitted question -> principle model: two softmax classifiers, one over sentence
embeddings and one over word terms, whose log-probabilities are mixed and then scaled by a
temperature fitted by cross-validation so that the scores are calibrated probabilities.

The arrays live in `loopprep/data/classifier-<framework>.npz` (made by
`scripts/fit_classifier.py`); only numpy is needed to use them.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopprep.classify.text import clean_question, terms

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]


@dataclass
class TermIndex:
    """Vocabulary and inverse document frequencies of the lexical model."""

    vocabulary: dict[str, int]
    idf: Floats

    def rows(self, text: str) -> tuple[list[int], list[float]]:
        """Column indices and L2-normalised tf-idf weights of the known terms of `text`."""
        import math

        counts = Counter(terms(text))
        cols, values = [], []
        for term, count in counts.items():
            col = self.vocabulary.get(term)
            if col is not None:
                cols.append(col)
                values.append((1.0 + math.log(count)) * float(self.idf[col]))
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        return cols, [v / norm for v in values]


@dataclass
class QuestionModel:
    """Everything the fitted classifier is, as plain arrays; `probabilities` applies it."""

    slugs: tuple[str, ...]
    index: TermIndex
    embedding_weights: Floats  # (dimension + 1, principles): last row is the bias
    term_weights: Floats  # (vocabulary + 1, principles): last row is the bias
    mix: float  # weight of the embedding classifier's log-probabilities
    temperature: float
    embedder_fingerprint: str
    training_sha256: str

    def logits(self, embeddings: Floats, texts: Sequence[str]) -> Floats:
        """Uncalibrated mixed log-probabilities, shape (len(texts), principles)."""
        import numpy as np

        emb = embeddings @ self.embedding_weights[:-1] + self.embedding_weights[-1]
        lex = term_scores(self.index, self.term_weights, texts)
        mixed = self.mix * log_softmax(emb) + (1.0 - self.mix) * log_softmax(lex)
        out: Floats = mixed.astype(np.float32)
        return out

    def probabilities(self, embeddings: Floats, texts: Sequence[str]) -> Floats:
        return softmax(self.logits(embeddings, texts) / self.temperature)

    def to_bytes(self) -> bytes:
        import numpy as np

        vocabulary = sorted(self.index.vocabulary, key=self.index.vocabulary.__getitem__)
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            slugs=np.array(self.slugs),
            vocabulary=np.array(vocabulary),
            idf=self.index.idf.astype(np.float32),
            embedding_weights=self.embedding_weights.astype(np.float32),
            term_weights=self.term_weights.astype(np.float32),
            mix=np.float64(self.mix),
            temperature=np.float64(self.temperature),
            embedder_fingerprint=np.array(self.embedder_fingerprint),
            training_sha256=np.array(self.training_sha256),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> QuestionModel:
        import numpy as np

        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            vocabulary = [str(t) for t in arrays["vocabulary"]]
            return cls(
                slugs=tuple(str(s) for s in arrays["slugs"]),
                index=TermIndex({t: i for i, t in enumerate(vocabulary)},
                                arrays["idf"].astype(np.float32)),
                embedding_weights=arrays["embedding_weights"].astype(np.float32),
                term_weights=arrays["term_weights"].astype(np.float32),
                mix=float(arrays["mix"]),
                temperature=float(arrays["temperature"]),
                embedder_fingerprint=str(arrays["embedder_fingerprint"]),
                training_sha256=str(arrays["training_sha256"]),
            )


def term_scores(index: TermIndex, weights: Floats, texts: Sequence[str]) -> Floats:
    """Raw scores of the lexical classifier: tf-idf row times weights, plus the bias."""
    import numpy as np

    out: Floats = np.tile(weights[-1], (len(texts), 1)).astype(np.float32)
    for row, text in enumerate(texts):
        cols, values = index.rows(text)
        if cols:
            out[row] += np.asarray(values, dtype=np.float32) @ weights[cols]
    return out


def embedding_text(question: str) -> str:
    """What the embedder sees of a question (bracketed interviewer notes removed)."""
    return clean_question(question) or "?"


def log_softmax(x: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Row-wise log-softmax, in the input's precision."""
    import numpy as np

    shifted = x - x.max(axis=1, keepdims=True)
    out: npt.NDArray[Any] = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return out


def softmax(x: npt.NDArray[Any]) -> Floats:
    import numpy as np

    out: Floats = np.exp(log_softmax(x)).astype(np.float32)
    return out
