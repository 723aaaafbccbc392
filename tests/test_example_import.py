"""The foundation's acceptance tests, on the real candidate notes in ../shared/examples."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from conftest import CLI

ALL_SLUGS = [
    "customer-obsession", "ownership", "invent-and-simplify", "are-right-a-lot",
    "learn-and-be-curious", "hire-and-develop-the-best", "insist-on-the-highest-standards",
    "think-big", "bias-for-action", "frugality", "earn-trust", "dive-deep", "have-backbone",
    "deliver-results", "earths-best-employer", "success-and-scale",
]


def _coverage(cli: CLI, notes: Path) -> dict[str, Any]:
    assert cli("import", notes) == 0, cli.err
    data = cli.json("coverage")
    assert isinstance(data, dict)
    return data


def test_coverage_lists_all_sixteen_principles(cli: CLI, example_notes: Path) -> None:
    data = _coverage(cli, example_notes)
    assert sorted(p["slug"] for p in data["principles"]) == sorted(ALL_SLUGS)
    assert all(set(p) >= {"slug", "name", "stories"} for p in data["principles"])
    assert all(set(s) >= {"id", "title", "principles"} for s in data["stories"])


def test_gaps_are_the_principles_without_a_story(cli: CLI, example_notes: Path) -> None:
    data = _coverage(cli, example_notes)
    assert set(data["gaps"]) == {
        "hire-and-develop-the-best", "insist-on-the-highest-standards", "earn-trust",
        "earths-best-employer", "success-and-scale", "bias-for-action",
    }
    reflection = [f for f in data["findings"] if f["code"] == "reflection"]
    assert len(reflection) == 1 and reflection[0]["line"] == 55
    assert "reflection" in reflection[0]["message"] and "True" in reflection[0]["message"]


def test_irpwind_is_one_overused_story(cli: CLI, example_notes: Path) -> None:
    data = _coverage(cli, example_notes)
    irpwind = [s for s in data["stories"] if "IRPWIND" in s["title"]]
    assert len(irpwind) == 1
    assert set(irpwind[0]["principles"]) >= {"think-big", "dive-deep", "have-backbone",
                                             "deliver-results"}
    assert irpwind[0]["id"] in data["overused"]


def test_tennet_is_one_story_for_invent_and_frugality(cli: CLI, example_notes: Path) -> None:
    data = _coverage(cli, example_notes)
    tennet = [s for s in data["stories"] if "tennet" in s["title"].lower()]
    assert len(tennet) == 1
    assert set(tennet[0]["principles"]) == {"invent-and-simplify", "frugality"}
    assert tennet[0]["id"] not in data["overused"]


def test_qcells_bullet_holds_two_stories_and_ownership_finds_icap(cli: CLI,
                                                                  example_notes: Path) -> None:
    data = _coverage(cli, example_notes)
    by_id = {s["id"]: s for s in data["stories"]}
    assert by_id["qcells-icap"]["principles"] == ["customer-obsession", "ownership"]
    assert by_id["qcells-aus"]["principles"] == ["customer-obsession"]


def test_the_five_behavioral_questions_come_with_outlines(cli: CLI, example_notes: Path) -> None:
    from loopprep.bank import Bank
    from loopprep.home import resolve_home

    assert cli("import", example_notes) == 0
    with Bank.open(resolve_home()) as bank:
        questions = bank.note_questions()
    assert len(questions) == 5
    texts = [q.text for q in questions]
    assert texts[0].startswith("Tell me about a time when you were faced with a problem")
    assert texts[1].startswith("When did you take a risk")
    assert texts[2] == "Describe a time you took the lead on a project."
    assert texts[3].startswith("What did you do when you needed to motivate")
    assert texts[4] == "How have you used data to develop a strategy?"
    outlines = [q.outline for q in questions]
    assert "Boosted Tree" in outlines[0] and "TimeGPT" in outlines[0]
    assert "joint at the sum was best" in outlines[1]
    assert "IRPWIND" in outlines[2]
    assert "reminded them of their commitments" in outlines[3]
    assert "optimization in the loop" in outlines[4]
    assert questions[2].story_ids == ("irpwind",)
    assert questions[3].story_ids == ("irpwind",)


def test_importer_reports_what_it_noticed(cli: CLI, example_notes: Path) -> None:
    data = _coverage(cli, example_notes)
    codes = {(f["code"], f["line"]) for f in data["findings"]}
    assert ("pasted-text", 45) in codes
    missing = [f for f in data["findings"] if f["code"] == "missing-principle"]
    assert len(missing) == 1 and "Earn Trust" in missing[0]["message"]
    learn = next(p for p in data["principles"] if p["slug"] == "learn-and-be-curious")
    assert learn["description_source"] == "notes"
    assert "never done learning" in learn["description"]
    assert "relentlessly high standards" not in learn["description"]


def test_importing_twice_gives_identical_coverage_and_changes_nothing(
    cli: CLI, example_notes: Path
) -> None:
    assert cli("import", example_notes) == 0
    assert cli("coverage", "--json") == 0
    first = cli.out
    report = cli.json("import", example_notes)
    assert isinstance(report, dict)
    assert report["changed"] is False
    assert report["stories"]["added"] == [] and report["stories"]["updated"] == []
    assert cli("coverage", "--json") == 0
    assert cli.out == first


def test_import_never_modifies_the_notes(cli: CLI, example_notes: Path) -> None:
    before = hashlib.sha256(example_notes.read_bytes()).hexdigest()
    stat = example_notes.stat()
    assert cli("import", example_notes) == 0
    assert hashlib.sha256(example_notes.read_bytes()).hexdigest() == before
    assert example_notes.stat().st_mtime_ns == stat.st_mtime_ns


def test_human_output_names_gaps_and_overuse(cli: CLI, example_notes: Path) -> None:
    assert cli("import", example_notes) == 0
    assert "reflection" in cli.out and "Earn Trust is not in your notes" in cli.out
    assert cli("coverage") == 0
    assert "Gaps" in cli.out and "Earn Trust" in cli.out
    assert "Over-used" in cli.out and "IRPWIND" in cli.out


def test_matrix_view_and_story_prompts(cli: CLI, example_notes: Path) -> None:
    assert cli("import", example_notes) == 0
    assert cli("coverage", "--matrix") == 0
    assert "principles per story" in cli.out and "IRPWIND (irpwind) (over-used)" in cli.out
    shown = cli.json("stories", "show", "tennet")
    assert isinstance(shown, dict)
    parts = [p["part"] for p in shown["prompts"]]
    assert parts[:3] == ["situation", "task", "action"] and "result" in parts
