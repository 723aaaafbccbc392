"""Follow-up probes: every probe can be chosen, and a probe's stated reason is true."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

from loopprep.feedback.analysis import Flag
from loopprep.feedback.analyze import analyze_answer
from loopprep.practice.followups import GAP_FOR_FLAG, GAP_REASONS, answer_gaps, choose_followups
from loopprep.practice.questions import probes

TODAY = date(2026, 1, 1)


def test_every_gap_probe_in_probes_toml_can_be_chosen() -> None:
    reachable = set(GAP_FOR_FLAG.values())
    # Gaps read from the question rather than from a flag.
    failure = analyze_answer("I ran the weekly stock count and sent the report to the owner.",
                             question="Tell me about a time you failed.", today=TODAY)
    conflict = analyze_answer("I ran the weekly stock count and sent the report to the owner.",
                              question="Tell me about a time you disagreed with your manager.",
                              today=TODAY)
    reachable |= set(answer_gaps(failure)) | set(answer_gaps(conflict))
    reachable.add("no-reflection")  # from the reflection score
    missing = set(probes().by_gap) - reachable
    assert not missing, f"probes that can never be chosen: {sorted(missing)}"
    assert set(probes().by_gap) <= set(GAP_REASONS)


def test_no_number_reason_never_follows_an_answer_with_a_number() -> None:
    text = ("Our bakery's online orders kept failing at checkout. I owned the fix. "
            "I rewrote the payment step and tested it with five regulars. "
            "Orders grew 12 percent the next month.")
    analysis = analyze_answer(text, today=TODAY)
    # Even when a (mistaken) flag claims the gaps, the answer's words overrule it.
    wrong = [Flag("RESULT_NO_METRIC", "no number", 0, 1), Flag("STAR_MISSING_TASK", "no task", 0, 1)]
    analysis = dataclasses.replace(analysis, flags=[*analysis.flags, *wrong])
    gaps = answer_gaps(analysis)
    assert "no-metric" not in gaps and "no-task" not in gaps
    for probe in choose_followups(analysis, None, "", random.Random(1)):
        assert "no number" not in probe.why and "responsible" not in probe.why


def test_no_probe_after_an_empty_answer() -> None:
    analysis = analyze_answer("", question="Tell me about a time you failed.", today=TODAY)
    assert answer_gaps(analysis) == []
    assert choose_followups(analysis, "ownership", "Ownership", random.Random(1)) == []


def test_a_failure_question_answered_without_a_failure_is_probed_for_it() -> None:
    analysis = analyze_answer("I planned the school fair and booked twelve stalls. "
                              "Everyone enjoyed it and we raised 900 pounds.",
                              question="Tell me about a time you made a mistake.", today=TODAY)
    assert "no-failure" in answer_gaps(analysis)
