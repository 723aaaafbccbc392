"""Feedback on an answer embeds each text once, in one model call: the question and the
answer's sentences together, the STAR labeller reusing those sentence vectors and the
classifier reading the answer from their mean; the embedder pads little."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loopprep.answer_feedback import answer_principles, feedback_on, said_sentences
from loopprep.classify.classifier import get_classifier
from loopprep.frameworks import load_framework
from loopprep.model import Framework
from loopprep.text import embeddings
from loopprep.text.embeddings import CALL_TOKENS, Embedder, get_embedder

TODAY = date(2026, 6, 1)
QUESTION = "Tell me about a time you made a mistake at work and what you learned from it."
ANSWER = (
    "Last March I owned the quarterly demand forecast for our spare-parts warehouse. "
    "I skipped the check with the sales team because the deadline was close. "
    "We ran out of brake pads for 9 days and 40 orders shipped late. "
    "I told my manager it was my mistake and called the three biggest customers myself. "
    "I then added a weekly fifteen-minute review with sales to the forecast process. "
    "Since then the forecast error has dropped from 18 percent to 7 percent."
)


@pytest.fixture(scope="module")
def amazon() -> Framework:
    return load_framework("amazon")


@pytest.fixture
def model_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """The texts of every call the process-wide embedder makes to its model."""
    embedder = get_embedder()
    embedder.forget()
    calls: list[list[str]] = []
    real = embedder._embed_new

    def counting(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(embedder, "_embed_new", counting)
    yield calls
    embedder.forget()


def test_feedback_embeds_the_question_and_every_sentence_in_one_call(
    amazon: Framework, model_calls: list[list[str]]
) -> None:
    got = feedback_on(ANSWER, question=QUESTION, framework=amazon, today=TODAY)
    assert len(model_calls) == 1, [len(c) for c in model_calls]
    sentences = said_sentences(ANSWER)
    assert [s.text for s in got.sentences] == sentences
    assert model_calls[0] == [get_classifier(amazon).embedding_text(QUESTION), *sentences]
    assert ANSWER not in model_calls[0], "the whole answer is not embedded again"


def test_known_principles_need_only_the_sentences(amazon: Framework, model_calls: list[list[str]]) -> None:
    feedback_on(ANSWER, question=QUESTION, framework=amazon, today=TODAY, principles=["ownership"])
    assert model_calls == [said_sentences(ANSWER)]


def test_the_answer_reading_is_the_same_with_or_without_kept_vectors(
    amazon: Framework,
) -> None:
    vectors = get_embedder().embed(said_sentences(ANSWER))
    given_vectors = answer_principles(ANSWER, amazon, vectors)
    get_embedder().forget()
    assert given_vectors is not None
    assert answer_principles(ANSWER, amazon) == pytest.approx(given_vectors, abs=1e-5)
    assert answer_principles("   ", amazon) is None


def _padded_cost(batches: list[np.ndarray], lengths: np.ndarray) -> int:
    return sum(CALL_TOKENS + len(b) * int(lengths[b].max()) for b in batches)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=2, max_value=256), min_size=1, max_size=80),
    st.integers(min_value=1, max_value=40),
)
def test_batches_cover_every_text_in_order_within_the_limits(sizes: list[int], most_rows: int) -> None:
    lengths = np.array(sizes, dtype=np.int64)
    order = np.argsort(lengths, kind="stable")
    batches = embeddings._batches(order, lengths, most_rows, 2048)
    assert np.array_equal(np.concatenate(batches), order)
    assert all(1 <= len(b) <= most_rows for b in batches)
    assert all(len(b) == 1 or len(b) * int(lengths[b].max()) <= 2048 for b in batches)
    # never dearer than one call per text, nor than a single call when that is allowed
    assert _padded_cost(batches, lengths) <= len(sizes) * CALL_TOKENS + sum(sizes)
    if len(sizes) <= most_rows and len(sizes) * max(sizes) <= 2048:
        assert _padded_cost(batches, lengths) <= CALL_TOKENS + len(sizes) * max(sizes)


def test_an_answer_of_mixed_sentence_lengths_is_not_padded_to_its_longest() -> None:
    lengths = np.array([12] * 10 + [60], dtype=np.int64)
    batches = embeddings._batches(np.argsort(lengths, kind="stable"), lengths, 32, 2048)
    assert [len(b) for b in batches] == [10, 1]


def test_threads_sleep_rather_than_spin() -> None:
    embedder = Embedder(threads=2)
    embedder.load()
    options = embedder._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
