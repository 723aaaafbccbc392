"""Shared fixtures for the feedback tests: the measuring sets under bench/data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def graded() -> list[dict[str, Any]]:
    return read_jsonl(ROOT / "bench" / "data" / "graded_answers.jsonl")


@pytest.fixture(scope="session")
def eval_answers() -> list[dict[str, Any]]:
    return read_jsonl(ROOT / "bench" / "data" / "star_answers_eval.jsonl")
