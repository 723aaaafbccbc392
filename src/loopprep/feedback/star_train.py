"""Training for the STAR labeller: fits the shipped weights from loopprep's own answers and,
with ``--extra``, other authors' answers (their text is trained on, never written out).

Run ``python -m loopprep.feedback.star_train --extra ../shared/eval/star_answers_dev.jsonl``
to rebuild ``loopprep/data/star_model.npz`` and ``star_model_embed.npz`` (about 80 s of CPU,
most of it embedding every sentence; ``--words-only`` skips the embeddings); ``--cv`` prints
grouped cross-validation accuracy for tuning.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from loopprep.feedback.star import LABELS, SentenceEmbedder, StarLabeller, StarModel
from loopprep.feedback.star_features import sentence_features

__all__ = ["Answer", "TrainConfig", "cross_validate", "load_answers", "main", "train"]

TRAINING_FILE = "star_answers.jsonl"


@dataclass(frozen=True)
class Answer:
    """One whole answer: its question and its labelled sentences."""

    id: str
    question: str
    texts: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True)
class TrainConfig:
    """Hyperparameters (tuned by grouped cross-validation and on the dev sentences)."""

    l2: float = 1.0
    min_count: int = 2
    alpha: float = 0.5
    beta: float = 0.6
    isolated_weight: float = 0.5
    spoken_copies: int = 1
    seed: int = 13


def load_answers(path: Path | None = None) -> list[Answer]:
    """Answers from a JSON Lines file (default: the shipped training answers)."""
    if path is None:
        raw = resources.files("loopprep").joinpath("data", TRAINING_FILE).read_text("utf-8")
    else:
        raw = path.read_text("utf-8")
    out = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        sents = row["sentences"]
        out.append(
            Answer(
                id=row["id"],
                question=row.get("question", ""),
                texts=tuple(s["text"] for s in sents),
                labels=tuple(s["label"] for s in sents),
            )
        )
    return out


def load_part_answers(path: Path) -> list[Answer]:
    """Answers whose authors split them into parts: rows ``{"id", "question", "parts":
    {"situation", "task", "action", "result"}}``; each part is split into sentences that
    take the part's label. Used to train on other authors' answers without shipping them."""
    from loopprep.text.sentences import split_sentences

    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        texts: list[str] = []
        labels: list[str] = []
        for part in ("situation", "task", "action", "result"):
            for span in split_sentences(row["parts"].get(part) or ""):
                if span.text.strip():
                    texts.append(span.text.strip())
                    labels.append(part)
        if texts:
            out.append(Answer(str(row["id"]), row.get("question") or "", tuple(texts),
                              tuple(labels)))
    return out


def training_digest(path: Path | None = None) -> str:
    if path is None:
        data = resources.files("loopprep").joinpath("data", TRAINING_FILE).read_bytes()
    else:
        data = path.read_bytes()
    return hashlib.sha256(data).hexdigest()


_FILLERS = ("um", "uh", "so", "and", "like", "you know", "and um", "basically", "yeah so")


def spoken(text: str, rng: random.Random) -> str:
    """A transcript-like rendering: lower case, no punctuation, an occasional filler."""
    low = re.sub(r"[^\w\s'%$€£-]", "", text.lower().replace("’", "'"))
    low = re.sub(r"\s+", " ", low).strip()
    if rng.random() < 0.4:
        low = f"{rng.choice(_FILLERS)} {low}"
    words = low.split()
    if len(words) > 6 and rng.random() < 0.3:
        k = rng.randrange(2, len(words) - 2)
        words.insert(k, rng.choice(("like", "um", "you know", "kind of")))
    return " ".join(words)


def _examples(
    answers: Iterable[Answer], cfg: TrainConfig
) -> tuple[list[list[str]], list[int], list[float], list[str]]:
    """Feature lists, label ids, sample weights and sentence texts for training."""
    rng = random.Random(cfg.seed)
    feats: list[list[str]] = []
    ys: list[int] = []
    ws: list[float] = []
    texts: list[str] = []
    for ans in answers:
        y = [LABELS.index(lab) for lab in ans.labels]
        variants = [ans.texts]
        variants += [tuple(spoken(t, rng) for t in ans.texts) for _ in range(cfg.spoken_copies)]
        for texts_v in variants:
            feats.extend(sentence_features(texts_v))
            ys.extend(y)
            ws.extend([1.0] * len(y))
            texts.extend(texts_v)
        if cfg.isolated_weight > 0:
            feats.extend(sentence_features(ans.texts, context=False))
            ys.extend(y)
            ws.extend([cfg.isolated_weight] * len(y))
            texts.extend(ans.texts)
    return feats, ys, ws, texts


def _hmm(answers: Sequence[Answer]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    k = len(LABELS)
    start = np.full(k, 0.5)
    trans = np.full((k, k), 0.5)
    prior = np.full(k, 1.0)
    for ans in answers:
        idx = [LABELS.index(lab) for lab in ans.labels]
        start[idx[0]] += 1
        for a, b in zip(idx, idx[1:], strict=False):
            trans[a, b] += 1
        for i in idx:
            prior[i] += 1
    return (
        np.log(start / start.sum()),
        np.log(trans / trans.sum(axis=1, keepdims=True)),
        np.log(prior / prior.sum()),
    )


def train(
    answers: Sequence[Answer],
    cfg: TrainConfig = TrainConfig(),
    embedder: SentenceEmbedder | None = None,
) -> StarModel:
    """Fit the multinomial logistic model (L-BFGS, L2) and the label transitions."""
    from scipy import optimize, sparse  # heavy: only when training

    feats, ys, ws, texts = _examples(answers, cfg)
    counts: dict[str, int] = {}
    for fs in feats:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= cfg.min_count and f != "bias")
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in fs:
            j = index.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    n, f_dim, k = len(feats), len(names), len(LABELS)
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, f_dim))
    dense: np.ndarray | None = None
    if embedder is not None:
        dense = np.asarray(embedder.embed(texts), dtype=np.float64)
        x = sparse.hstack([x, sparse.csr_matrix(dense)], format="csr")
    y = np.asarray(ys)
    w = np.asarray(ws)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    d = x.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        wmat = theta[: d * k].reshape(d, k)
        b = theta[d * k :]
        z = x @ wmat + b
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -float((w * (onehot * logp).sum(axis=1)).sum())
        g = (np.exp(logp) - onehot) * w[:, None]
        grad_w = x.T @ g + cfg.l2 * wmat
        grad_b = g.sum(axis=0)
        value = nll + 0.5 * cfg.l2 * float((wmat * wmat).sum())
        return value, np.concatenate([np.asarray(grad_w).ravel(), grad_b])

    theta0 = np.zeros(d * k + k)
    res = optimize.minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    wmat = res.x[: d * k].reshape(d, k)
    log_start, log_trans, log_prior = _hmm(answers)
    return StarModel(
        features=index,
        weights=wmat[:f_dim],
        bias=res.x[d * k :],
        log_start=log_start,
        log_transitions=log_trans,
        log_prior=log_prior,
        alpha=cfg.alpha,
        beta=cfg.beta,
        dense_weights=wmat[f_dim:] if dense is not None else None,
        meta={"answers": len(answers), "sentences": n, "config": cfg.__dict__},
    )


def _correct(labeller: StarLabeller, answers: Sequence[Answer], context: bool) -> int:
    right = 0
    for ans in answers:
        pred = labeller.label(ans.texts, context=context)
        right += sum(p == g for p, g in zip(pred, ans.labels, strict=True))
    return right


def accuracy(labeller: StarLabeller, answers: Sequence[Answer], *, context: bool = True) -> float:
    """Share of sentences labelled as in ``answers``."""
    total = sum(len(a.labels) for a in answers)
    return _correct(labeller, answers, context) / total if total else 0.0


def cross_validate(
    answers: Sequence[Answer], cfg: TrainConfig = TrainConfig(), folds: int = 5
) -> float:
    """Sentence accuracy of whole-answer labelling, answers held out fold by fold."""
    right = total = 0
    for f in range(folds):
        train_set = [a for i, a in enumerate(answers) if i % folds != f]
        test_set = [a for i, a in enumerate(answers) if i % folds == f]
        right += _correct(StarLabeller(train(train_set, cfg)), test_set, True)
        total += sum(len(a.labels) for a in test_set)
    return right / total


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None,
                        help="the folder to write the models to (default: the package's data)")
    parser.add_argument("--cv", action="store_true", help="print cross-validated accuracy")
    parser.add_argument("--words-only", action="store_true",
                        help="write only the word-feature model, not the one with embeddings")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="other authors' answers split into parts (JSON Lines); their "
                        "text is trained on, never written out")
    args = parser.parse_args(argv)
    answers = load_answers()
    extra_digests = {}
    for path in args.extra:
        answers += load_part_answers(path)
        extra_digests[path.name] = training_digest(path)
    cfg = TrainConfig()
    if args.cv:
        print(f"5-fold whole-answer accuracy: {cross_validate(answers, cfg):.3f}")
    targets: list[tuple[str, Any]] = [("star_model.npz", None)]
    if not args.words_only:
        embedder = importlib.import_module("loopprep.text.embeddings").get_embedder()
        targets.append(("star_model_embed.npz", embedder))
    folder = args.out or Path(str(resources.files("loopprep").joinpath("data")))
    for name, with_embedder in targets:
        model = train(answers, cfg, with_embedder)
        model.meta["training_sha256"] = training_digest()
        model.meta["extra_training_sha256"] = extra_digests
        if with_embedder is not None:
            model.meta["embedder_fingerprint"] = with_embedder.fingerprint
        model.save(folder / name)
        print(f"wrote {folder / name} ({len(model.features)} features)")


if __name__ == "__main__":
    main()
