"""Shared fixtures: every test gets its own loopprep home; paths to the real example notes
and to the project's own measuring sets under bench/data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loopprep.launch import run

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()  # resolved: the importer records real paths
EXAMPLE = SHARED / "examples" / "interview-notes.md"
BUNDLED = ROOT / "src" / "loopprep" / "examples" / "jordan-notes.md"
DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def loopprep_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("LOOPPREP_HOME", str(home))
    return home


NO_SHARED = (f"needs ../shared beside the repository ({SHARED}): the example user's notes "
             "and the development sets are not part of a clone")


def need_shared(path: Path) -> Path:
    """`path` under ../shared. Skipped (with the reason) in a clone that has no ../shared
    beside it; a failure when ../shared is there but `path` is not."""
    if not SHARED.is_dir():
        pytest.skip(NO_SHARED)
    if not path.exists():
        pytest.fail(f"{path} is missing from ../shared")
    return path


@pytest.fixture
def example_notes() -> Path:
    return need_shared(EXAMPLE)


class CLI:
    """Run the real command line in-process and capture what it prints."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.out = ""
        self.err = ""

    def __call__(self, *args: str | Path) -> int:
        self.capsys.readouterr()
        code = run([str(a) for a in args])
        captured = self.capsys.readouterr()
        self.out, self.err = captured.out, captured.err
        return code

    def json(self, *args: str | Path) -> object:
        code = self(*args, "--json")
        assert code == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
    return CLI(capsys)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a notes file under tmp_path/notes and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def graded() -> list[dict[str, Any]]:
    return read_jsonl(ROOT / "bench" / "data" / "graded_answers.jsonl")


@pytest.fixture(scope="session")
def eval_answers() -> list[dict[str, Any]]:
    return read_jsonl(ROOT / "bench" / "data" / "star_answers_eval.jsonl")


def import_text(cli: CLI, tmp_path: Path, text: str, name: str
                ) -> tuple[dict[str, list[str]], list[tuple[str, list[str]]]]:
    """Import `text` as the notes file `name` through the CLI: each story's title -> its
    principles, and each question with the titles of the stories it is linked to."""
    notes = tmp_path / name
    notes.write_text(text, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    asked: list[dict[str, Any]] = cli.json(
        "questions", "--origin", "notes")["questions"]  # type: ignore[index]
    return ({s["title"]: s["principles"] for s in stories},
            [(q["text"], [titles[i] for i in q["stories"]]) for q in asked])
