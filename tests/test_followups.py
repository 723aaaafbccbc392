"""Follow-up probes: every probe can be chosen, and a probe's stated reason is true."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

from loopprep.feedback.analysis import Flag
from loopprep.feedback.analyze import analyze_answer
from loopprep.practice.followups import (
    GAP_FOR_FLAG,
    GAP_REASONS,
    answer_gaps,
    choose_followups,
    said_in,
    said_probes,
)
from loopprep.practice.questions import probes
from loopprep.practice.said import named_decision, named_metric

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


DECIDED = ("Last May our checkout release started failing for a third of shoppers. "
           "I was the release manager that week. I decided to roll back the release because "
           "the error rate kept rising, and I told support what had happened. "
           "Errors fell by 80 percent within an hour, and I shipped the fixed version two days "
           "later.")


def test_a_probe_asks_about_the_decision_the_answer_named() -> None:
    analysis = analyze_answer(DECIDED, question="Tell me about a hard call you made.",
                              today=TODAY)
    said = {s.kind: s.words(DECIDED) for s in said_in(analysis)}
    assert said["decision"] == "decided to roll back the release"
    assert said["metric"] in DECIDED and "80 percent" in said["metric"]
    # Whichever the rng picks, the probe quotes the answer's own words and says so.
    kinds = set()
    for seed in range(12):
        for f in choose_followups(analysis, "are-right-a-lot", "Are Right, A Lot",
                                  random.Random(seed)):
            if f.why.startswith("on the "):
                kind = f.why.split()[2]
                kinds.add(kind)
                assert said[kind] in f.probe and f'"{said[kind]}"' in f.why
    assert kinds == {"decision", "metric"}


def test_a_metric_is_quoted_with_its_clause_and_a_plain_answer_gets_no_such_probe() -> None:
    text = ("In 2025 I ran the lending desk at our town library. I moved the returns shelf "
            "next to the door, and queues at closing time fell from 15 minutes to 4.")
    analysis = analyze_answer(text, today=TODAY)
    metric = named_metric(analysis)
    assert metric is not None and text[metric.start:metric.end] == (
        "queues at closing time fell from 15 minutes to 4")
    assert named_decision(analysis) is None
    plain = analyze_answer("I helped my team with the project and it went well in the end.",
                           today=TODAY)
    assert said_in(plain) == []
    for f in choose_followups(plain, "ownership", "Ownership", random.Random(3)):
        assert not f.why.startswith("on the ")


def test_every_said_probe_quotes_the_answer() -> None:
    assert set(said_probes()) == {"decision", "metric"}
    for templates in said_probes().values():
        assert templates and all("{said}" in t for t in templates)
