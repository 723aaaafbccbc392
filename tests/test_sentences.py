"""Sentence splitting: offsets always index the original text, whatever the input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loopprep.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def assert_valid(text: str) -> None:
    spans = split_sentences(text)
    prev_end = 0
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert prev_end <= s.start < s.end <= len(text)
        prev_end = s.end


def test_abbreviations_and_decimals_do_not_split() -> None:
    text = "Dr. Lee moved to the U.S. market. Sales grew 3.5% in 2023, e.g. in Ohio. Done."
    assert texts(text) == [
        "Dr. Lee moved to the U.S. market.",
        "Sales grew 3.5% in 2023, e.g. in Ohio.",
        "Done.",
    ]


def test_bullets_and_newlines() -> None:
    text = (
        "- Cut costs by 20%\n- Hired two engineers\n\n"
        "A paragraph that wraps\nonto a new line. Next."
    )
    assert texts(text) == [
        "Cut costs by 20%",
        "Hired two engineers",
        "A paragraph that wraps\nonto a new line.",
        "Next.",
    ]


def test_numbered_list() -> None:
    assert texts("1. Situation first\n2) Then the task") == ["Situation first", "Then the task"]


def test_unpunctuated_transcript_splits_on_discourse_markers() -> None:
    text = (
        "um so at my last job i was a data engineer at a logistics startup and we had a big "
        "customer who needed a tracking feed within a week so what i did first was sit down "
        "with their it person and we agreed on the fields and then i reused our kafka consumer "
        "and in the end we shipped it a day early and they signed a two year contract"
    )
    parts = split_sentences(text)
    assert len(parts) >= 4
    assert all(len(p.text.split()) <= 40 for p in parts)
    assert any(p.text.startswith("so what i did") for p in parts)
    assert any(p.text.startswith("and in the end") for p in parts)
    assert_valid(text)


def test_hard_limit_without_markers() -> None:
    text = " ".join(["word"] * 200)
    parts = split_sentences(text, max_words=40)
    assert all(len(p.text.split()) <= 40 for p in parts)
    assert_valid(text)


def test_cjk_and_other_scripts() -> None:
    assert texts("这是一个测试。这是第二句。") == ["这是一个测试。", "这是第二句。"]
    assert texts("Это тест. Второе предложение.") == ["Это тест.", "Второе предложение."]


def test_empty_and_punctuation_only() -> None:
    assert texts("") == []
    assert texts("   \n\t ") == []
    assert texts("?!?!...") == ["?!?!..."]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_unicode_text_gives_valid_spans(text: str) -> None:
    assert_valid(text)


_pieces = st.sampled_from(
    [
        "I",
        "we",
        "so",
        "and then",
        "um",
        "Dr.",
        "3.5",
        "e.g.",
        ".",
        "!",
        "?",
        "\n",
        "\n\n",
        "- ",
        "1.",
        " ",
        "  ",
        "in the end",
        "U.S.",
        "…",
        "。",
        "\u2028",
        "\r\n",
        "word",
        "Word",
        "’",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_pieces, max_size=80).map(" ".join))
def test_sentence_like_text_gives_valid_spans(text: str) -> None:
    assert_valid(text)
