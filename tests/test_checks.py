"""The single checks: quantities, years, recency, ownership, fillers, the text report."""

from __future__ import annotations

from datetime import date

from loopprep.feedback.analyze import analyze_answer
from loopprep.feedback.delivery import find_fillers, find_hedges, measure_delivery
from loopprep.feedback.ownership import measure_ownership
from loopprep.feedback.recency import measure_recency
from loopprep.feedback.report import report_text
from loopprep.text.quantities import find_quantities, find_years

TODAY = date(2026, 11, 27)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.kind) for q in find_quantities(text)]


def test_quantities_of_each_kind() -> None:
    assert kinds("Sign-ups rose 18 percent and we saved $40,000.") == [
        ("18 percent", "percent"),
        ("$40,000", "money"),
    ]
    assert kinds("from 14 minutes to 4, rated 4.4 out of 5") == [
        ("14 minutes", "duration"),
        ("4", "count"),
        ("4.4 out of 5", "score"),
    ]
    assert kinds("it got 3x faster and costs fell by half") == [
        ("3x", "multiplier"),
        ("by half", "multiplier"),
    ]
    assert kinds("forty thousand euros for 30 volunteers") == [
        ("forty thousand euros", "money"),
        ("30", "count"),
    ]


def test_a_year_is_a_date_not_a_metric() -> None:
    assert find_quantities("I joined in 2019.") == []
    assert [y for _, _, y in find_years("In 2019 and again in 2023")] == [2019, 2023]
    assert find_years("2,019 tickets and 2019%") == []


def test_recency() -> None:
    assert measure_recency("In 2019 I led it.", today=TODAY).years_ago == 7
    ago = measure_recency("About three years ago I led it.", today=TODAY)
    assert ago.years_ago == 3 and ago.source == "ago"
    assert measure_recency("Last year I led it.", today=TODAY).years_ago == 0.5
    assert measure_recency("I led it.", today=TODAY).years_ago is None
    assert measure_recency("In 2031 I will.", today=TODAY).years_ago is None
    dated = measure_recency("In 2010 I led it.", today=TODAY, story_date=date(2025, 11, 27))
    assert dated.source == "story_date" and round(dated.years_ago or 0) == 1


def test_ownership_counts_subjects() -> None:
    text = "I rebuilt our report. We shipped it."
    spans = [(0, 21, "action"), (22, 36, "action")]
    own = measure_ownership(text, spans)
    assert own.we_actions == [(22, 24)]
    assert 0.4 < own.share < 0.6
    assert own.decisions == 1


def test_fillers_hedges_and_length() -> None:
    text = "so like i was like working there you know and i think we maybe did it"
    assert [text[s:e] for s, e in find_fillers(text)] == ["like", "like", "you know"]
    assert [text[s:e] for s, e in find_hedges(text)] == ["i think", "maybe"]
    assert find_fillers("I would like to say I like it.") == []
    d = measure_delivery("word " * 290)
    assert d.words == 290 and 1.8 < d.minutes_range[0] < d.minutes < d.minutes_range[1] < 2.3


def test_report_marks_spans() -> None:
    answer = (
        "Last year I ran support at a software company. Customers waited two days for replies. "
        "I set up a rota and um wrote templates. Replies now take 4 hours, a lot faster."
    )
    text = report_text(analyze_answer(answer, today=TODAY))
    assert "⟦um⟧" in text and "[S] Last year" in text and "Notes:" in text
    assert "Overall" in text.splitlines()[0]


def test_units_written_against_the_number_and_from_to_results_count() -> None:
    from loopprep.text.facts import has_metric, has_result

    assert has_metric("p99 went from 800ms to 200ms") and has_result("p99 went from 800ms to 200ms")
    assert has_metric("a 3-day outage") and has_result("sign-ups fell after the change")
    assert not has_metric("version 2 of the app") and not has_metric("in the 2023s")
