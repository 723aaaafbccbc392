"""Tests for the offline sentence embedder, run against the shipped ONNX model."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loopprep.text.embeddings import (
    DIMENSION,
    MODEL_FILE,
    Embedder,
    get_embedder,
    model_fingerprint,
)

REFERENCE = Path(__file__).parent / "data" / "minilm_fp32_reference.npz"
MODELS = resources.files("loopprep").joinpath("models")

MIXED_TEXTS = [
    "Tell me about a time you disagreed with your manager.",
    "ok",
    "",
    "We cut the monthly infrastructure bill by 30% in one quarter, without losing a customer.",
    "   ",
    "Décrivez un projet dont vous êtes particulièrement fier.",
    " ".join(["The cache was cold after every deploy, so p99 latency spiked."] * 30),
    "Why?",
]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return get_embedder()


def test_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, loopprep.text.embeddings\n"
        "print(sorted(m for m in ('onnxruntime', 'tokenizers', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_shape_dtype_and_unit_norm(embedder: Embedder) -> None:
    vectors = embedder.embed(MIXED_TEXTS)
    assert vectors.shape == (len(MIXED_TEXTS), DIMENSION)
    assert vectors.dtype == np.float32
    assert np.isfinite(vectors).all()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_list_gives_empty_matrix_without_loading() -> None:
    fresh = Embedder()
    vectors = fresh.embed([])
    assert vectors.shape == (0, DIMENSION)
    assert vectors.dtype == np.float32
    assert not fresh.loaded


def test_recent_texts_are_not_embedded_again_and_give_the_same_vectors() -> None:
    fresh = Embedder()
    first = fresh.embed(["I rewrote the query.", "Refunds fell by a third."])
    runs: list[int] = []
    model_run = fresh._run

    def counted(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        runs.append(len(ids))
        return model_run(ids, mask)

    fresh._run = counted  # type: ignore[method-assign]
    again = fresh.embed(["Refunds fell by a third.", "A sentence not seen before.",
                         "I rewrote the query."])
    assert sum(runs) == 1  # only the new sentence went through the model
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[2], first[0])
    assert np.array_equal(again[1], Embedder().embed(["A sentence not seen before."])[0])
    fresh.forget()
    fresh.embed(["I rewrote the query."])
    assert sum(runs) == 2  # forgotten, so embedded again


def test_blank_texts_get_the_empty_sentence_vector(embedder: Embedder) -> None:
    vectors = embedder.embed(["", "   ", "\n\t "])
    np.testing.assert_allclose(vectors[1], vectors[0], atol=1e-6)
    np.testing.assert_allclose(vectors[2], vectors[0], atol=1e-6)
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-5


def test_a_bare_string_is_rejected(embedder: Embedder) -> None:
    with pytest.raises(TypeError, match="wrap a single text"):
        embedder.embed("a single text")
    with pytest.raises(TypeError, match="strings"):
        embedder.embed(["fine", None])  # type: ignore[list-item]


def test_paraphrases_are_closer_than_unrelated_sentences(embedder: Embedder) -> None:
    pairs = [
        (
            "Tell me about a time you disagreed with your boss.",
            "Describe a situation where you did not agree with your manager.",
            "The cat slept on the warm windowsill all afternoon.",
        ),
        (
            "We reduced cloud spending by a third.",
            "Our infrastructure costs went down by 33 percent.",
            "How do I bake sourdough bread without a Dutch oven?",
        ),
        (
            "Give an example of when you went above and beyond for a customer.",
            "Tell me about a time you exceeded a customer's expectations.",
            "Stock markets fell after the central bank raised interest rates.",
        ),
    ]
    for anchor, paraphrase, unrelated in pairs:
        a, p, u = embedder.embed([anchor, paraphrase, unrelated])
        assert float(a @ p) > float(a @ u) + 0.3, (anchor, float(a @ p), float(a @ u))


def test_batch_result_equals_one_by_one(embedder: Embedder) -> None:
    # A batch size of 3 puts texts of different lengths (so padding) into the same batch.
    small_batches = Embedder(batch_size=3)
    together = small_batches.embed(MIXED_TEXTS)
    alone = np.vstack([embedder.embed([text]) for text in MIXED_TEXTS])
    np.testing.assert_allclose(together, alone, atol=1e-4)
    np.testing.assert_allclose(embedder.embed(MIXED_TEXTS), alone, atol=1e-4)


def test_output_rows_follow_input_order(embedder: Embedder) -> None:
    forward = embedder.embed(MIXED_TEXTS)
    backward = embedder.embed(MIXED_TEXTS[::-1])
    np.testing.assert_allclose(backward[::-1], forward, atol=1e-4)


def test_long_texts_are_truncated_at_256_tokens(embedder: Embedder) -> None:
    long_text = " ".join(f"word{i}" for i in range(400))
    longer = long_text + " and a very different ending about cooking pasta"
    a, b = embedder.embed([long_text, longer])
    np.testing.assert_allclose(a, b, atol=1e-5)
    short = Embedder(max_tokens=16).embed([long_text])[0]
    assert float(a @ short) < 0.999


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=6))
def test_any_text_embeds_to_a_finite_unit_vector_independent_of_its_batch(
    texts: list[str],
) -> None:
    embedder = get_embedder()
    together = embedder.embed(texts)
    assert np.isfinite(together).all()
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.vstack([embedder.embed([text]) for text in texts])
    np.testing.assert_allclose(together, alone, atol=1e-4)


def test_fidelity_to_the_fp32_original(embedder: Embedder) -> None:
    reference = np.load(REFERENCE)
    sentences = [str(s) for s in reference["sentences"]]
    expected = reference["embeddings"]
    assert len(sentences) >= 30
    cosines = (embedder.embed(sentences) * expected).sum(axis=1)
    print(f"cosine to fp32: mean {cosines.mean():.4f}, min {cosines.min():.4f}")
    assert cosines.mean() >= 0.95
    assert cosines.min() >= 0.85


def test_fingerprint_is_stable_and_tracks_settings(embedder: Embedder) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", embedder.fingerprint)
    assert model_fingerprint() == embedder.fingerprint == Embedder().fingerprint
    assert Embedder(max_tokens=128).fingerprint != embedder.fingerprint


def test_model_notice_records_the_shipped_model() -> None:
    onnx_bytes = MODELS.joinpath(MODEL_FILE).read_bytes()
    digest = hashlib.sha256(onnx_bytes).hexdigest()
    assert Embedder().model_sha256 == digest
    notice = MODELS.joinpath("MODEL_NOTICE.md").read_text(encoding="utf-8")
    assert digest in notice
    assert "Apache License 2.0" in notice
    assert 15_000_000 < len(onnx_bytes) < 30_000_000
