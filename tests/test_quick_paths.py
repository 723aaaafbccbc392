"""Quick paths must decide as the full reading does: `is_question` tells most lines at a
glance (no '?', no word a question opens with), and `normalise_word` reads a plain word
without the cache."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loopprep.notes import question_stems, question_text
from loopprep.notes.question_stems import asks_in_german, may_ask_in_german
from loopprep.notes.question_text import _ASKING_WORDS, is_question


def _read_in_full(text: str) -> bool:
    """The reading without the glance: every line through the slow checks."""
    if "?" not in text and not question_text._may_start_question(text) and not (
            text.lstrip()[:1] in question_text._LABEL_STARTS
            and question_text._LABELLED.match(text)):
        return may_ask_in_german(text) and asks_in_german(question_text.clean_question(text))
    return question_text._is_question(text)


def test_the_glance_knows_every_word_a_question_opens_with() -> None:
    for word in (*_ASKING_WORDS, *question_stems._STEMS):
        assert question_text._ANY_ASKING_WORD.search(word), word


_PIECES = st.sampled_from([
    "Tell me about a time", "tell us", "Describe", "Give me an example", "walk me through",
    "Share a time", "Talk about", "Explain how", "Recall a time", "Think of a time",
    "Have you ever", "a time you", "an example where you", "TMAT", "tmw", "Q:", "Q. ",
    "Question: ", "**Q:**", "Nennen Sie ein Beispiel", "Beschreiben Sie eine Situation",
    "you", "your team", "PROJ12:", "- ", "the outage", "shipped", "?", " ", ".", "(", ")",
    "Pager storm", "again", "→", "Ownership", "*", "_",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=8).map(" ".join))
def test_the_glance_agrees_with_the_full_reading(text: str) -> None:
    assert is_question(text) == _read_in_full(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Proj12:,;.&'`é-_ aZ")), max_size=12))
def test_a_word_normalises_as_a_line_of_it_does(token: str) -> None:
    from loopprep.notes.principles import normalise, normalise_word

    assert normalise_word(token) == normalise(token)
