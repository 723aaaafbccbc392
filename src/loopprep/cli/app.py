"""The command line: global options, command registration, and the one place where errors
the user can fix become a message and an exit code instead of a traceback. The program
(`loopprep.launch`) adds the commands that start the web app.
"""

from __future__ import annotations

import sys

import typer

from loopprep.cli import (
    analyze_cmd,
    classify_cmd,
    coverage_cmd,
    doctor_cmd,
    export_cmd,
    home_cmd,
    import_cmd,
    interview_cmd,
    plan_cmd,
    practice_cmd,
    progress_cmd,
    questions_cmd,
    readiness_cmd,
    save_story_cmd,
    stories_cmd,
    tech_cmd,
)
from loopprep.cli.common import Settings
from loopprep.errors import LoopprepError

app = typer.Typer(
    name="loopprep",
    help="Prepare for competency-based (behavioral) interviews: import your notes into a "
    "story bank, see coverage of the principles, and practise.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(asked: bool) -> None:
    if asked:
        from loopprep import __version__

        typer.echo(f"loopprep {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    home: str = typer.Option(
        None, "--home", metavar="DIR", envvar="LOOPPREP_HOME",
        help="Folder for loopprep's database (default: $LOOPPREP_HOME, else your user data folder).",
    ),
    framework: str = typer.Option(
        None, "--framework", metavar="NAME",
        help="Competency framework: 'amazon' (default), 'generic', or a .toml file.",
    ),
    version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_print_version,
        help="Print loopprep's version and exit.",
    ),
) -> None:
    """Prepare for competency-based (behavioral) interviews, offline."""
    ctx.obj = Settings(home=home, framework=framework)


import_cmd.register(app)
coverage_cmd.register(app)
stories_cmd.register(app)
home_cmd.register(app)
classify_cmd.register(app)
questions_cmd.register(app)
analyze_cmd.register(app)
practice_cmd.register(app)
interview_cmd.register(app)
progress_cmd.register(app)
save_story_cmd.register(app)
tech_cmd.register(app)
readiness_cmd.register(app)
plan_cmd.register(app)
export_cmd.register(app)
doctor_cmd.register(app)


def _say(error: LoopprepError) -> int:
    sys.stdout.flush()
    sys.stderr.write(f"error: {error.message}\n")
    if error.hint:
        sys.stderr.write(f"{error.hint}\n")
    return 1


def run(argv: list[str] | None = None) -> int:
    """Run `app` on `argv` (default: sys.argv) and return the exit code: 0 done, 1 a problem
    with the user's input or data (one clear message, no traceback), 2 usage. The program
    itself is `loopprep.launch`, which adds `serve` and `demo` to `app`."""

    try:
        app(args=argv, prog_name="loopprep")
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except LoopprepError as error:
        return _say(error)
    except Exception as exc:
        sqlite3 = sys.modules.get("sqlite3")  # loaded by any command that opened the bank
        if sqlite3 is None or not isinstance(exc, sqlite3.Error):
            raise
        from loopprep.store.faults import explain

        return _say(explain(exc))
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        return 130
    return 0
