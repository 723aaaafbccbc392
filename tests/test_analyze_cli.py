"""`loopprep analyze`: the DESIGN.md JSON contract, JSON Lines, the readable report, bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from conftest import CLI

ANSWER = (
    "Last year at Parcelio late deliveries were climbing and customers were angry. "
    "I owned the routing service. I rode along with two drivers, profiled the batching code "
    "and rewrote the geocoder cache, then rolled it out depot by depot. "
    "Late deliveries fell 18% in one quarter."
)


def test_json_contract(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    data = cli.json("analyze", path, "--question", "Tell me about a customer problem you solved.")
    assert isinstance(data, dict)
    assert set(data) >= {"sentences", "flags", "scores", "overall"}
    for sentence in data["sentences"]:
        assert ANSWER[sentence["start"]:sentence["end"]] == sentence["text"]
        assert sentence["star"] in {"situation", "task", "action", "result", "other"}
    for flag in data["flags"]:
        assert {"code", "message", "start", "end"} <= set(flag)
        assert 0 <= flag["start"] <= flag["end"] <= len(ANSWER)
    assert [s["star"] for s in data["sentences"]][-1] == "result"


def test_jsonl_from_stdin(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [{"id": "a", "question": "Tell me about a failure.", "answer": ANSWER},
             {"id": 2, "answer": "fine"}]
    stdin = io.TextIOWrapper(io.BytesIO("\n".join(json.dumps(x) for x in lines).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert cli("analyze", "-", "--jsonl") == 0, cli.err
    results = [json.loads(line) for line in cli.out.splitlines()]
    assert [r["id"] for r in results] == ["a", 2]
    assert results[1]["overall"] < 1.5 < results[0]["overall"]


def test_readable_report_marks_spans(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "we.txt"
    path.write_text("We had a problem. We fixed it together and we shipped it.", encoding="utf-8")
    assert cli("analyze", path) == 0
    assert "Remarks:" in cli.out and "[1]" in cli.out and "Overall" in cli.out


def test_bad_input(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("analyze", tmp_path / "missing.txt") == 1 and "no such file" in cli.err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"I led \xff the team")
    assert cli("analyze", bad) == 1 and "not UTF-8" in cli.err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1}\n')))
    assert cli("analyze", "-", "--jsonl") == 1 and "stdin:1" in cli.err and cli.out == ""
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 300_000, encoding="utf-8")
    assert cli("analyze", huge) == 1 and "more than 1000 KB" in cli.err


def test_relevance_uses_the_classifier_reading_of_the_question(cli: CLI, tmp_path: Path) -> None:
    question = "Tell me about a time you had to do more with a smaller budget."
    frugal = tmp_path / "frugal.txt"
    frugal.write_text(
        "In 2024 our cloud budget was cut by 40%. I owned the data platform. I moved batch jobs "
        "to spot instances, deleted unused storage and reused an open-source scheduler instead of "
        "buying one. We saved $120k a year and kept every SLA.", encoding="utf-8")
    off = tmp_path / "off.txt"
    off.write_text(
        "In 2024 a teammate and I disagreed about naming conventions. I listened to his view and "
        "we agreed on a style guide. I learned to listen first.", encoding="utf-8")
    on_topic = cli.json("analyze", frugal, "-q", question)
    off_topic = cli.json("analyze", off, "-q", question)
    assert on_topic["scores"]["relevance"] > off_topic["scores"]["relevance"]  # type: ignore[index]
