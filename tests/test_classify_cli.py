"""`loopprep classify` and `loopprep match` on the command line: JSON shapes, JSON Lines
from standard input, bad input, and matching the real example notes' stories."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest

from conftest import CLI

SLUGS = 16


def test_classify_json_contract(cli: CLI) -> None:
    data = cli.json("classify", "Tell me about a time you had to decide without all the data")
    assert isinstance(data, dict)
    assert data["question"] == "Tell me about a time you had to decide without all the data"
    scores = [p["score"] for p in data["principles"]]
    assert len(scores) == SLUGS and len({p["slug"] for p in data["principles"]}) == SLUGS
    assert scores == sorted(scores, reverse=True)
    assert math.isclose(sum(scores), 1.0, abs_tol=1e-3)


def test_classify_text_output_names_principles(cli: CLI) -> None:
    assert cli("classify", "Describe a time you saved money for your team.") == 0
    assert cli.out.splitlines()[0].endswith("Frugality")


def test_classify_stdin_prints_json_lines(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["Tell me about a time you saved money", "", "!!!", "Why do you want this job?",
             "x" * 100_000]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert cli("classify", "-") == 0, cli.err
    out = [json.loads(line) for line in cli.out.splitlines()]
    assert [o["question"][:40] for o in out] == [q[:40] for q in lines if q]
    for obj in out:
        assert len(obj["principles"]) == SLUGS
        assert math.isclose(sum(p["score"] for p in obj["principles"]), 1.0, abs_tol=1e-3)
    assert out[0]["principles"][0]["slug"] == "frugality" and "warning" not in out[0]
    assert "no words" in out[1]["warning"] and "English" in out[3]["warning"]


@pytest.mark.parametrize("question", ["", "   ", "?!.."])
def test_classify_refuses_a_question_without_words(cli: CLI, question: str) -> None:
    assert cli("classify", question, "--json") == 1
    assert cli.out == "" and cli.err.startswith("error: the question has no words")


@pytest.fixture
def imported(cli: CLI, example_notes: Path) -> CLI:
    assert cli("import", example_notes) == 0, cli.err
    return cli


def _story_ids(cli: CLI, question: str) -> list[str]:
    data = cli.json("match", question)
    assert isinstance(data, dict)
    return [s["story_id"] for s in data["stories"]]


def test_match_ranks_the_data_strategy_story(imported: CLI) -> None:
    data = imported.json("match", "Tell me how you have used data to shape a strategy.")
    assert isinstance(data, dict)
    assert len(data["principles"]) == SLUGS
    top2 = [s["story_id"] for s in data["stories"][:2]]
    assert "analysis-of-price-forecasting-errors" in top2 or "irpwind" in top2
    first = data["stories"][0]
    assert set(first) >= {"story_id", "title", "score", "principle", "reason"}
    assert first["reason"]
    scores = [s["score"] for s in data["stories"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 5


def test_match_ranks_tennet_first_for_frugality(imported: CLI) -> None:
    data = imported.json("match", "Tell me about a time you accomplished more with less.")
    assert isinstance(data, dict)
    first = data["stories"][0]
    assert first["story_id"] == "tennet"
    assert first["principle"] == "frugality" and "Frugality" in first["reason"]


def test_match_limit_and_text_output(imported: CLI) -> None:
    assert len(_story_ids(imported, "Tell me about a time you were wrong")) == 5
    assert imported("match", "Tell me about a time you were wrong", "-n", "2") == 0
    assert imported.out.count("\n1. ") + imported.out.startswith("1. ") <= 1
    assert "I was wrong but corrected" in imported.out


def test_match_without_stories_says_what_to_do(cli: CLI) -> None:
    assert cli("match", "Tell me about a time you were wrong") == 1
    assert "no stories" in cli.err and "import" in cli.err
