"""Relevance reads the question: an answer that does not address it is flagged, citing the
question's words, and cannot score "good"; a fitting answer is not told it lacks the
principle."""

from __future__ import annotations

from datetime import date

import pytest

from loopprep.answer_feedback import feedback_on
from loopprep.feedback.analysis import Analysis
from loopprep.feedback.relevance import ask_spans, measure_relevance
from loopprep.feedback.score import OFF_TOPIC_CAP
from loopprep.frameworks import load_framework

TODAY = date(2026, 6, 1)

FORECAST_MISTAKE = (
    "Last March I owned the quarterly demand forecast for our spare-parts warehouse. "
    "I built it from the previous two years of orders and skipped the check with the sales "
    "team because the deadline was close. I underestimated a large fleet contract they had "
    "just signed, so we ran out of brake pads for 9 days and 40 orders shipped late. "
    "I told my manager it was my mistake, called the three biggest customers myself and "
    "arranged an emergency delivery from our second supplier. I then added a weekly "
    "fifteen-minute review with sales to the forecast process. Since then the forecast "
    "error has dropped from 18 percent to 7 percent and we have not had a stock-out. "
    "I learned that a forecast is only as good as the conversations behind it."
)
CUSTOMER_STORY = (
    "In 2025 I ran support for a small accounting app used by about 300 bakeries. "
    "One customer, the owner of a three-shop bakery, complained that the monthly VAT "
    "export kept failing the night before her filing deadline. I called her the same "
    "day, watched her run the export over a screen share and found that her shop names "
    "had accents our export could not handle. I wrote a fix for the export, tested it "
    "with her real data and walked her through the filing before midnight. I then "
    "checked every customer's shop names and warned the 12 others who would have hit "
    "the same error. Her complaint turned into a five-star review, and the export "
    "tickets fell from about 20 a month to 2."
)


@pytest.fixture(scope="module")
def amazon():  # type: ignore[no-untyped-def]
    return load_framework("amazon")


def _codes(analysis: Analysis) -> set[str]:
    return {f.code for f in analysis.flags}


def test_an_answer_about_a_mistake_does_not_answer_a_celebration_question(amazon) -> None:  # type: ignore[no-untyped-def]
    question = "Tell me about a time you celebrated your team's success with them."
    fitting = feedback_on(FORECAST_MISTAKE, question="Tell me about a time you made a "
                          "mistake at work and what you learned from it.", framework=amazon,
                          today=TODAY)
    off = feedback_on(FORECAST_MISTAKE, question=question, framework=amazon, today=TODAY)
    assert "OFF_TOPIC" not in _codes(fitting)
    flag = next(f for f in off.flags if f.code == "OFF_TOPIC")
    assert flag.question_spans, "the flag cites the words of the question it misses"
    for start, end in flag.question_spans:
        cited = question[start:end]
        assert cited.strip() and cited in flag.message
    assert off.overall <= OFF_TOPIC_CAP < 6.0  # practice suggests "good" from 6
    assert off.overall < fitting.overall - 2
    assert off.scores["relevance"] < fitting.scores["relevance"]
    assert "does not answer the question" in off.summary
    assert flag.to_json()["question_spans"] == [list(s) for s in flag.question_spans]


def test_a_well_told_story_that_misses_the_question_scores_at_most_three(amazon) -> None:  # type: ignore[no-untyped-def]
    # The forecast story is strong (numbers, "I", a lesson) and close enough to helping a
    # colleague that its fit alone takes only a fifth off; the cap is what marks it down.
    fitting = feedback_on(FORECAST_MISTAKE, question="Tell me about a time you made a "
                          "mistake at work and what you learned from it.", framework=amazon,
                          today=TODAY)
    off = feedback_on(FORECAST_MISTAKE, question="Tell me about a time you helped a "
                      "struggling colleague.", framework=amazon, today=TODAY)
    assert "OFF_TOPIC" not in _codes(fitting) and fitting.overall >= 8.0
    assert "OFF_TOPIC" in _codes(off)
    assert off.overall <= 3.0
    assert fitting.overall - off.overall >= 5.0


def test_a_customer_answer_to_a_customer_question_is_not_told_it_lacks_the_principle(
        amazon) -> None:  # type: ignore[no-untyped-def]
    got = feedback_on(CUSTOMER_STORY, question="Tell me about a time you went out of your "
                      "way for a customer.", framework=amazon, today=TODAY)
    assert not _codes(got) & {"RELEVANCE_PRINCIPLE", "OFF_TOPIC", "ASK_NO_CUSTOMER"}
    assert got.overall >= 6.0


def test_the_same_answer_to_a_question_on_another_principle_is_marked_down(amazon) -> None:  # type: ignore[no-untyped-def]
    fits = feedback_on(CUSTOMER_STORY, question="Describe a time you put a customer first.",
                       framework=amazon, today=TODAY)
    other = feedback_on(CUSTOMER_STORY, question="Tell me about a time you had to cut costs "
                        "and do more with a smaller budget.", framework=amazon, today=TODAY)
    assert other.scores["relevance"] < fits.scores["relevance"]
    assert other.overall < fits.overall


def test_ask_spans_are_the_questions_own_words() -> None:
    question = "Tell me about a time you failed to meet a deadline for a customer."
    found = {ask.name: [question[s:e] for s, e in spans] for ask, spans in ask_spans(question)}
    assert found == {"failure": ["failed"], "customer": ["customer"], "deadline": ["deadline"]}


def test_an_off_topic_answer_cites_every_word_of_the_ask_it_misses(amazon) -> None:  # type: ignore[no-untyped-def]
    question = "Tell me about a time you had to cut costs and do more with a smaller budget."
    got = feedback_on(CUSTOMER_STORY, question=question, framework=amazon, today=TODAY)
    flag = next(f for f in got.flags if f.code == "OFF_TOPIC")
    assert [question[s:e] for s, e in flag.question_spans] == ["costs", "budget"]
    ask = next(f for f in got.flags if f.code == "ASK_NO_RESOURCES")
    assert ask.question_spans == flag.question_spans


def test_without_a_question_nothing_is_off_topic() -> None:
    relevance = measure_relevance(CUSTOMER_STORY, question=None,
                                  principle_scores={"frugality": 1.0})
    assert not relevance.off_topic and relevance.missed == ()


def test_a_poor_fit_scales_the_overall_mark_down() -> None:
    from loopprep.feedback.relevance import FIT_FULL_MARKS, FIT_PENALTY, Relevance, overall_factor

    def factor(fit: float | None) -> float:
        return overall_factor(Relevance(0.5, ["principle"], fit=fit))

    assert factor(None) == 1.0 and factor(FIT_FULL_MARKS) == 1.0 and factor(0.9) == 1.0
    assert factor(0.0) == pytest.approx(1.0 - FIT_PENALTY)
    fits = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    assert all(factor(a) < factor(b) for a, b in zip(fits, fits[1:], strict=False))
