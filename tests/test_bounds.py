"""Repetition, length and size bounds on an answer's analysis."""

from __future__ import annotations

from datetime import date

from loopprep.feedback.analyze import _analyze_once, analyze_answer
from loopprep.feedback.bounds import MAX_CHARS

TODAY = date(2026, 1, 1)
STORY = ("In 2024 our village library's loan system kept losing reservations. "
         "As the volunteer coordinator I had to fix it before the summer reading scheme. "
         "I mapped every step of a reservation with the two librarians. "
         "I found the paper slips were filed twice and replaced them with one shared sheet. "
         "Lost reservations fell from nine a week to one, and the scheme opened on time. "
         "I learned to watch the work before changing the tool.")


def test_pasting_an_answer_three_times_raises_no_score_and_is_flagged() -> None:
    once = analyze_answer(STORY, today=TODAY)
    thrice = analyze_answer(" ".join([STORY] * 3), today=TODAY)
    assert thrice.overall <= once.overall
    assert all(thrice.scores[k] <= once.scores[k] for k in once.scores)
    assert any(f.code == "REPEATED" for f in thrice.flags)
    assert not any(f.code == "REPEATED" for f in once.flags)


def test_an_answer_far_past_five_minutes_is_marked_down() -> None:
    filler = " ".join(f"Then I checked shelf number {i} with the volunteer team and noted "
                      f"what each of the {i} trolleys held." for i in range(60))
    long = analyze_answer(STORY + " " + filler, today=TODAY)
    assert long.stats["words"] > 900
    assert long.overall < _analyze_once(STORY + " " + filler, today=TODAY).overall


def test_a_huge_input_is_cut_and_its_output_bounded() -> None:
    huge = (STORY + " ") * (1_000_000 // len(STORY))
    result = analyze_answer(huge, today=TODAY)
    assert any(f.code == "TRUNCATED" for f in result.flags)
    assert all(s.end <= MAX_CHARS for s in result.sentences)
    assert len(result.flags) < 60
