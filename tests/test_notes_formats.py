"""Parsing details: headings, story bullets, story notes, vaults and wikilinks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CLI
from loopprep.frameworks import load_framework
from loopprep.notes.bullets import read_bullet, reflection_reason, split_stories
from loopprep.notes.outline import ListBlock, parse_outline
from loopprep.notes.principles import match_principle

AMAZON = load_framework("amazon")


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Customer Obsession", "customer-obsession"),
        ("customer obsession", "customer-obsession"),
        ("Are Right, A Lot", "are-right-a-lot"),
        ("Are right a lot", "are-right-a-lot"),
        ("Have Backbone; Disagree and Commit", "have-backbone"),
        ("Disagree & Commit", "have-backbone"),
        ("Strive to be Earth’s Best Employer", "earths-best-employer"),
        ("Earth's Best Employer", "earths-best-employer"),
        ("Success and Scale", "success-and-scale"),
        ("Invent & Simplify", "invent-and-simplify"),
        ("Hire and Develop", "hire-and-develop-the-best"),
        ("LP 3: Dive Deep", "dive-deep"),
        ("Insist on Highest Standards", "insist-on-the-highest-standards"),
        ("Ownership (my examples)", "ownership"),
    ],
)
def test_headings_match_principles_tolerantly(heading: str, slug: str) -> None:
    principle, _ = match_principle(heading, AMAZON)
    assert principle is not None and principle.slug == slug


@pytest.mark.parametrize("heading", ["Me", "Leadership Principles", "Technical Interview",
                                     "Phone screening", "Questions", "Situation", "Notes"])
def test_other_headings_are_not_principles(heading: str) -> None:
    assert match_principle(heading, AMAZON)[0] is None


def test_bullet_anchors_and_back_references() -> None:
    assert read_bullet("TenneT example, again").anchor == "TenneT"
    assert read_bullet("TenneT example, again").backref
    assert read_bullet("IRPWIND, had to monitor results").anchor == "IRPWIND"
    assert read_bullet("ultrasound: doctors, techs").anchor == "ultrasound"
    assert read_bullet("I was wrong but corrected: based on what I read").anchor is None
    assert read_bullet("Example: How to predict the sum").anchor is None


def test_reflections_are_told_apart_from_stories() -> None:
    assert reflection_reason("True.  But need to assess reversible e.g. first impressions count")
    assert reflection_reason("should always check the data first")
    assert reflection_reason("supervised a lot of students") is None
    assert reflection_reason("back to school twice, maybe 3X") is None
    assert reflection_reason("switched from speech PhD to energy") is None


def test_a_bullet_naming_its_anchor_twice_holds_two_stories() -> None:
    parts = split_stories(read_bullet("QCELLS: ICAP peak (VPP best), QCELLS AUS (30% savings)"))
    assert [p.rest for p in parts] == ["ICAP peak (VPP best)", "AUS (30% savings)"]


def test_outline_nests_by_indentation_with_tabs_and_spaces() -> None:
    text = "1. Question one?\n- answer\n\t- detail\n1. Question two?\n   - a\n      - b\n"
    blocks = parse_outline(text)
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1
    items = lists[0].items
    assert [i.text for i in items] == ["Question one?", "answer", "Question two?"]
    assert items[1].children[0].text == "detail"
    assert items[2].children[0].children[0].text == "b"


def test_structured_story_note(cli: CLI, write: Callable[[str, str], Path]) -> None:
    note = write("Stories/Pricing rewrite.md", """---
title: Pricing engine rewrite
org: Acme
date: 2023-04
principles: [invent-and-simplify, "Dive Deep", Nonsense Principle]
metrics: ["p95 latency from 900 ms to 120 ms"]
tags: [backend]
---
## Situation
Quotes took seconds and sales complained.

## Task
I owned the quote path.

## Action
- profiled the engine
- replaced the rules interpreter

## Result
Latency fell 85% and conversion rose 4%.

## Lessons
Measure before you rewrite.
""")
    report = cli.json("import", note)
    assert isinstance(report, dict)
    assert report["stories"]["added"] == ["pricing-engine-rewrite"]
    unknown = [f for f in report["findings"] if f["code"] == "unknown-principle"]
    assert len(unknown) == 1 and "Nonsense Principle" in unknown[0]["message"]
    story = cli.json("stories", "show", "pricing-engine-rewrite")
    assert isinstance(story, dict)
    assert story["org"] == "Acme" and story["date"] == "2023-04"
    assert story["principles"] == ["invent-and-simplify", "dive-deep"]
    assert story["situation"] == "Quotes took seconds and sales complained."
    assert "replaced the rules interpreter" in story["action"]
    assert story["result"].startswith("Latency fell 85%")
    assert story["lessons"] == "Measure before you rewrite."
    assert story["metrics"] == ["p95 latency from 900 ms to 120 ms"]
    assert story["missing"] == []


def test_vault_with_wikilinks_and_hidden_folders(cli: CLI, tmp_path: Path,
                                                write: Callable[[str, str], Path]) -> None:
    write("Stories/Warehouse robots.md",
          "---\ntitle: Warehouse robots\nprinciples: [think-big]\n---\n## Result\nThroughput +22%\n")
    write("LPs.md", "## Ownership\n### Me\n- [[Warehouse robots]]\n- [[Ghost note]]\n")
    write(".obsidian/workspace.md", "## Ownership\n- SHOULD-NOT-APPEAR: x\n")
    report = cli.json("import", tmp_path / "notes")
    assert isinstance(report, dict)
    assert len(report["files"]) == 2
    stories = cli.json("stories")["stories"]  # type: ignore[index]
    by_id = {s["id"]: s for s in stories}
    assert set(by_id) == {"warehouse-robots", "ghost-note"}
    assert by_id["warehouse-robots"]["principles"] == ["think-big", "ownership"]
    assert any(f["code"] == "unresolved-link" for f in report["findings"])


def test_questions_in_a_principle_section_and_paragraph_questions(
    cli: CLI, write: Callable[[str, str], Path]
) -> None:
    notes = write("q.md", """## Dive Deep
### Me
- ACME: found the billing bug in the ledger
### Questions
- Tell me about a time you found a root cause nobody else saw.
   - ACME again

# Other questions
**How do you handle a missed deadline?**
- NEWCO: we slipped two weeks
""")
    assert cli("import", notes) == 0
    from loopprep.bank import Bank
    from loopprep.home import resolve_home

    with Bank.open(resolve_home()) as bank:
        questions = {q.text: q for q in bank.note_questions()}
    root = questions["Tell me about a time you found a root cause nobody else saw."]
    assert root.principles == ("dive-deep",) and root.story_ids == ("acme",)
    missed = questions["How do you handle a missed deadline?"]
    assert missed.story_ids == ("newco",)


def test_generic_framework_needs_no_code(cli: CLI, write: Callable[[str, str], Path]) -> None:
    notes = write("generic.md", "## Teamwork\n### Me\n- BETA: paired with QA to ship\n"
                  "## Conflict\n- BETA again, settled the API dispute\n")
    assert cli("--framework", "generic", "import", notes) == 0
    data = cli.json("coverage")
    assert isinstance(data, dict)
    assert data["framework"] == "generic"
    assert len(data["principles"]) == 8
    beta = next(s for s in data["stories"] if s["id"] == "beta")
    assert beta["principles"] == ["teamwork", "conflict-resolution"]
