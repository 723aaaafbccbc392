"""STAR labeller: shipped weights, accuracy on the held-out answers, embedding plug-in."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from loopprep.feedback.star import (
    LABELS,
    StarLabeller,
    StarModel,
    default_labeller,
    label_sentences,
    viterbi,
)
from loopprep.feedback.star_train import (
    TrainConfig,
    accuracy,
    load_answers,
    train,
    training_digest,
)

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_models_were_trained_on_the_shipped_answers() -> None:
    for model in (default_labeller().model, default_labeller(use_embeddings=False).model):
        assert model.meta["training_sha256"] == training_digest(), (
            "star_answers.jsonl changed: run python -m loopprep.feedback.star_train"
        )


def test_the_default_labeller_reads_sentence_embeddings_of_the_shipped_model() -> None:
    from loopprep.text.embeddings import get_embedder

    labeller = default_labeller()
    assert labeller.model.uses_embeddings and labeller.embedder is get_embedder()
    assert labeller.model.meta["embedder_fingerprint"] == get_embedder().fingerprint, (
        "the embedding model changed: run python -m loopprep.feedback.star_train"
    )
    words = default_labeller(use_embeddings=False)
    assert not words.model.uses_embeddings and words.embedder is None


def test_training_data_is_large_and_varied() -> None:
    answers = load_answers()
    assert len(answers) >= 150
    labels = {lab for a in answers for lab in a.labels}
    assert labels == set(LABELS)
    spoken = [a for a in answers if a.texts[0] == a.texts[0].lower()]
    assert len(spoken) >= 20  # transcripts without capitals or punctuation


def test_eval_set_is_disjoint_from_training() -> None:
    train_texts = {t for a in load_answers() for t in a.texts}
    held_out = load_answers(ROOT / "bench" / "data" / "star_answers_eval.jsonl")
    assert len(held_out) >= 60
    assert not train_texts & {t for a in held_out for t in a.texts}


def test_accuracy_on_held_out_answers() -> None:
    held_out = load_answers(ROOT / "bench" / "data" / "star_answers_eval.jsonl")
    assert accuracy(default_labeller(), held_out) >= 0.85


def test_context_changes_labels() -> None:
    # The same sentence is the result at the end and a situation before the actions.
    lab = default_labeller()
    first = lab.label(
        [
            "The team was missing every deadline.",
            "I set up a weekly planning meeting.",
            "I moved the reviews to Mondays.",
            "We hit the next four deadlines.",
        ]
    )
    assert first[0] == "situation" and first[-1] == "result"
    assert set(first[1:3]) == {"action"}


def test_label_sentences_empty_and_other() -> None:
    assert label_sentences([]) == []
    labels = label_sentences(
        [
            "Thanks, that's a great question.",
            "I was a nurse on a busy ward.",
            "I wrote a handover checklist.",
            "Delayed doses fell to zero.",
            "So yeah, that's it.",
        ]
    )
    assert labels[0] == "other" and labels[-1] == "other"


def test_viterbi_follows_transitions() -> None:
    scores = np.log(np.array([[0.6, 0.4], [0.5, 0.5]]))
    start = np.log(np.array([0.5, 0.5]))
    trans = np.log(np.array([[0.01, 0.99], [0.5, 0.5]]))
    assert viterbi(scores, start, trans) == [0, 1]
    assert viterbi(np.zeros((0, 2)), start, trans) == []


class HashEmbedder:
    """A stand-in for the sentence embedder: 16 deterministic numbers per text."""

    calls = 0

    def embed(self, texts: list[str]) -> Any:
        HashEmbedder.calls += 1
        rows = []
        for t in texts:
            digest = hashlib.sha256(t.encode()).digest()[:16]
            rows.append([b / 255.0 - 0.5 for b in digest])
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 16)


def test_embedding_feature_plugs_in(tmp_path: Path) -> None:
    answers = load_answers()[:25]
    model = train(answers, TrainConfig(spoken_copies=0), embedder=HashEmbedder())
    assert model.uses_embeddings and model.dense_weights is not None
    assert model.dense_weights.shape == (16, len(LABELS))
    with pytest.raises(ValueError):
        StarLabeller(model)
    path = tmp_path / "m.npz"
    model.save(path)
    again = StarModel.load(path)
    before = HashEmbedder.calls
    labels = StarLabeller(again, HashEmbedder()).label(answers[0].texts)
    assert HashEmbedder.calls == before + 1 and len(labels) == len(answers[0].texts)


def test_model_round_trip(tmp_path: Path) -> None:
    texts = ["I was asked to fix it.", "I fixed it.", "It never broke again."]
    for labeller in (default_labeller(), default_labeller(use_embeddings=False)):
        path = tmp_path / "m.npz"
        labeller.model.save(path)
        again = StarLabeller(StarModel.load(path), labeller.embedder)
        assert again.label(texts) == labeller.label(texts)


def test_a_pasted_document_is_labelled_without_embedding_every_sentence() -> None:
    from loopprep.feedback.star import MAX_EMBEDDED_SENTENCES
    from loopprep.text.embeddings import get_embedder

    calls: list[int] = []

    class Counting:
        def embed(self, texts: list[str]) -> Any:
            calls.append(len(texts))
            return get_embedder().embed(texts)

    words = default_labeller(use_embeddings=False)
    labeller = StarLabeller(default_labeller().model, Counting(), fallback=words)
    answer = ["I was asked to fix the build.", "I fixed it.", "It never broke again."]
    assert labeller.label(answer) and calls == [3]
    long = answer * (MAX_EMBEDDED_SENTENCES // 3 + 1)
    assert labeller.label(long) == words.label(long) and calls == [3]
    labels, _ = labeller.label_with_posteriors(long)
    assert labels == words.label(long) and calls == [3]
