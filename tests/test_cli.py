"""The command line's contract: help for every command, home resolution, JSON purity."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CLI
from loopprep.launch import app


def _commands() -> list[list[str]]:
    import typer.main

    root = typer.main.get_command(app)
    out: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        commands = getattr(command, "commands", None)
        if commands:
            for name, sub in commands.items():
                walk(sub, [*path, name])
        else:
            out.append(path)

    walk(root, [])
    return out


def test_every_command_has_help_text(cli: CLI) -> None:
    commands = _commands()
    assert ["import"] in commands and ["coverage"] in commands
    for path in commands:
        assert cli(*path, "--help") == 0, path
        import typer.main

        command = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"`loopprep {' '.join(path)}` has no help text"


def test_home_resolution_order(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOOPPREP_HOME", str(tmp_path / "from-env"))
    assert cli("home") == 0 and cli.out.strip() == str(tmp_path / "from-env")
    assert cli("--home", tmp_path / "explicit", "home") == 0
    assert cli.out.strip() == str(tmp_path / "explicit")
    monkeypatch.delenv("LOOPPREP_HOME")
    assert cli("home") == 0 and "loopprep" in cli.out


def test_json_output_is_json_only(cli: CLI, example_notes: Path) -> None:
    for args in (["import", str(example_notes)], ["coverage"], ["stories"], ["principles"],
                 ["frameworks"], ["stories", "show", "irpwind"]):
        assert cli(*args, "--json") == 0, cli.err
        json.loads(cli.out)


def test_help_is_fast_and_imports_nothing_heavy() -> None:
    code = ("import sys; from loopprep.launch import app; "
            "heavy = [m for m in ('numpy', 'onnxruntime', 'scipy', 'fastapi', 'yaml', 'sqlite3') "
            "if m in sys.modules]; print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ}, check=True)
    assert result.stdout.strip() == ""


def test_module_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "loopprep", "--home", str(tmp_path), "home"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == str(tmp_path)


def test_demo_imports_the_bundled_example(cli: CLI, loopprep_home: Path) -> None:
    assert cli("demo", "--no-serve") == 0, cli.err
    assert "PARCELIO" in cli.out and "Frugality is not in your notes" in cli.out
    assert (loopprep_home / "demo" / "loopprep.db").exists()
    assert not (loopprep_home / "loopprep.db").exists()


def test_an_import_that_finds_nothing_says_so_and_names_what_it_left(
        cli: CLI, write: Callable[[str, str], Path]) -> None:
    # a page of errands: nothing under a principle, nothing asked
    notes = write("errands.md", "- Saturday errands\n"
                                "  - pick up the bike from the shop\n"
                                "  - return the library books\n")
    for _ in range(2):  # the first import and a second one say the same
        assert cli("import", notes) == 0
        said = " ".join(cli.out.split())
        assert "no story or question was found in these notes" in said
        assert "nothing changed since the last import" not in said
        assert "'Saturday errands' (with the 2 bullets under it) is outside the principles" in said
