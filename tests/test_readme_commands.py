"""The README's commands are ones that work: the quick start's try-it block runs as printed,
and every `loopprep ...` line in the README's shell blocks names real commands and options."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from loopprep.launch import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def _command_lines() -> list[str]:
    """Each `loopprep` command line of the README's shell blocks, continuations joined."""
    lines = []
    for block in BLOCKS:
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #", 1)[0].strip()
            if re.match(r"(\.venv/bin/)?loopprep\b", line):
                lines.append(line)
    return lines


def _parse(args: list[str]) -> None:
    """Parse `args` as the command line would, down to the leaf command, without running it:
    an unknown command or option raises a UsageError. (Typer carries its own copy of click,
    so groups are told by what they can do.)"""
    command = typer.main.get_command(app)
    context = command.make_context("loopprep", list(args), resilient_parsing=False)
    while hasattr(command, "resolve_command"):
        rest = [*context._protected_args, *context.args]
        if not rest:
            return
        name, found, rest = command.resolve_command(context, rest)
        assert found is not None, f"no command {name!r} in {args}"
        command = found
        context = command.make_context(name or "", rest, parent=context)


def test_the_readme_shows_commands() -> None:
    assert len(_command_lines()) > 30


@pytest.mark.parametrize("line", _command_lines())
def test_each_readme_command_names_real_commands_and_options(line: str) -> None:
    args = shlex.split(line.split(">", 1)[0])[1:]
    _parse(args)


def test_the_quick_start_try_block_runs_as_printed(tmp_path: Path) -> None:
    """Run from the repository, in a new home, with the loopprep of this environment."""
    (block,) = [b for b in BLOCKS if ".venv/bin/loopprep import" in b]
    loopprep = Path(sys.executable).parent / "loopprep"
    env = {**os.environ, "LOOPPREP_HOME": str(tmp_path), "DISPLAY": ""}
    ran = 0
    for line in block.splitlines():
        args = shlex.split(line.split("  #", 1)[0])
        if not args or args[1] == "serve":  # serving is checked by tests/test_web_serve.py
            continue
        done = subprocess.run([str(loopprep), *args[1:]], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (line, done.stderr)
        ran += 1
    assert ran == 4


def _app_commands() -> set[str]:
    """Every command path of the app: `import`, `stories`, `stories show`, ..."""
    found: set[str] = set()

    def walk(command: object, prefix: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            if getattr(sub, "hidden", False):
                continue
            path = f"{prefix} {name}".strip()
            found.add(path)
            walk(sub, path)

    walk(typer.main.get_command(app), "")
    return found


def _table_commands() -> set[str]:
    """The command paths that the README's command table names in its first column."""
    table = README.split("## Commands", 1)[1].split("\n\n", 2)[1]
    named: set[str] = set()
    for row in table.splitlines()[2:]:
        first = row.split(" | ", 1)[0]
        for code in re.findall(r"`([^`]+)`", first):
            words = code.removeprefix("loopprep ").replace("\\|", "|").split()
            head = words[0]
            named.add(head)
            for word in words[1:]:
                for choice in word.strip("[]").split("|"):
                    if re.fullmatch(r"[a-z]+", choice):
                        named.add(f"{head} {choice}")
    return named


def test_the_command_table_is_the_apps_commands() -> None:
    """The README's table lists every command of `loopprep --help` (and of each group's
    --help), and no command that is not there."""
    commands, table = _app_commands(), _table_commands()
    assert not commands - table, f"commands missing from the README's table: {commands - table}"
    spurious = {c for c in table - commands if " " not in c or c.split()[0] not in
                {p.split()[0] for p in commands if " " in p}}
    assert not spurious, f"the README's table names commands loopprep lacks: {spurious}"


def test_every_command_has_help_text() -> None:
    def walk(command: object, path: str) -> None:
        assert (getattr(command, "help", None) or "").strip(), f"`loopprep {path}` has no help"
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
