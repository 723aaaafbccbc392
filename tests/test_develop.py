"""Developing stories by hand: add, edit, tag, and the STAR prompts."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from conftest import CLI


def test_add_edit_and_tag_a_story(cli: CLI) -> None:
    story = cli.json("stories", "add", "Warehouse robots rollout", "-p", "Think Big")
    assert isinstance(story, dict)
    assert story["id"] == "warehouse-robots-rollout" and story["principles"] == ["think-big"]
    edited = cli.json("stories", "edit", "warehouse-robots-rollout", "--result",
                      "Throughput rose 22%", "--date", "2024-05", "--metric", "throughput +22%",
                      "-p", "think-big", "-p", "deliver-results")
    assert isinstance(edited, dict)
    assert edited["result"] == "Throughput rose 22%" and edited["date"] == "2024-05"
    assert edited["metrics"] == ["throughput +22%"]
    assert edited["principles"] == ["think-big", "deliver-results"]
    shown = cli.json("stories", "show", "warehouse-robots-rollout")
    assert shown["missing"] == []  # type: ignore[index]


def test_bad_edits_are_refused_with_a_reason(cli: CLI) -> None:
    assert cli("stories", "add", "Something") == 0
    assert cli("stories", "edit", "something", "--date", "last spring") == 1
    assert "not a year" in cli.err
    assert cli("stories", "edit", "something", "-p", "Telepathy") == 1
    assert "'Telepathy' is not a principle" in cli.err
    assert cli("stories", "edit", "nope", "--result", "x") == 1
    assert "no story with id 'nope'" in cli.err


def test_untagging_a_notes_link_survives_reimport(cli: CLI, example_notes: Path) -> None:
    assert cli("import", example_notes) == 0
    story = cli.json("stories", "edit", "irpwind", "-p", "think-big", "-p", "have-backbone")
    assert story["principles"] == ["think-big", "have-backbone"]  # type: ignore[index]
    assert cli("import", example_notes) == 0
    again = cli.json("stories", "show", "irpwind")
    assert again["principles"] == ["think-big", "have-backbone"]  # type: ignore[index]
    coverage = cli.json("coverage")
    assert "irpwind" not in coverage["overused"]  # type: ignore[index]


def test_develop_prompts_for_what_is_missing(cli: CLI, example_notes: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("import", example_notes) == 0
    answers = "\n".join([
        "Consortium of 8 European wind labs, 2016, I led one work package.",  # situation
        "",                                                                   # task (skip)
        "I set review gates and chased commitments weekly.",                  # action
        "Final judges ranked our group best of 9.",                           # result
        "ranked best of 9 groups",                                            # metrics
        "2016",                                                               # date
        "",                                                                   # lessons (skip)
    ]) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    assert cli("stories", "develop", "irpwind") == 0, cli.err
    assert "Still missing: task, lessons" in cli.out
    story = cli.json("stories", "show", "irpwind")
    assert isinstance(story, dict)
    assert story["situation"].startswith("Consortium of 8")
    assert story["task"] == "" and story["action"].startswith("I set review gates")
    assert story["date"] == "2016" and story["metrics"] == ["ranked best of 9 groups"]


def test_feedback_on_an_unchanged_story_is_computed_once() -> None:
    from datetime import date

    from loopprep.develop import review_draft
    from loopprep.model import Story, StoryId

    story = Story(StoryId("s"), "Depot", situation="Our depot missed deliveries.",
                  action="I rebuilt the batching.", result="Late deliveries fell 18%.")
    first = review_draft(story, {}, today=date(2026, 11, 27), feedback=True)
    again = review_draft(story, {}, today=date(2026, 11, 27), feedback=True)
    assert first.feedback is not None and again.feedback is first.feedback
    edited = review_draft(story, {"result": "Late deliveries fell 25%."},
                          today=date(2026, 11, 27), feedback=True)
    assert edited.feedback is not first.feedback and "25%" in edited.answer
