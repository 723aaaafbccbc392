"""What every command shares: the options that pick the home and framework, opening the
bank, the clock, and printing JSON or Rich output.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from loopprep.bank import Bank


@dataclass
class Settings:
    """The global options, kept on the Typer context."""

    home: str | None = None
    framework: str | None = None


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def home_dir(ctx: typer.Context) -> Path:
    from loopprep.home import resolve_home

    return resolve_home(settings(ctx).home)


def open_bank(ctx: typer.Context) -> Bank:
    from loopprep.bank import Bank

    return Bank.open(home_dir(ctx), framework=settings(ctx).framework)


def now() -> datetime:
    """The one place the CLI reads the wall clock; the library takes it as a parameter."""
    return datetime.now(UTC)


def today() -> date:
    return datetime.now().date()


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_jsonl(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON only.")


def program() -> str:
    """How to run loopprep again from here, for hints that print a command: `loopprep` when
    that name on PATH is this very program, else the path this one was started by (such as
    `.venv/bin/loopprep`), else `python -m loopprep` with this interpreter."""
    import os
    import shutil

    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is None or started.name not in ("loopprep", "loopprep.exe"):
        return f"{sys.executable} -m loopprep"
    on_path = shutil.which("loopprep")
    if on_path and started.exists() and os.path.samefile(on_path, started):
        return "loopprep"
    try:
        return str(started.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(started.resolve())
