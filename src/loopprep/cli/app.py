"""The `loopprep` entry point: global options, command registration, and the one place
where errors the user can fix become a message and an exit code instead of a traceback.
"""

from __future__ import annotations

import sys

import typer

from loopprep.cli import coverage_cmd, home_cmd, import_cmd, stories_cmd
from loopprep.cli.common import Settings

app = typer.Typer(
    name="loopprep",
    help="Prepare for competency-based (behavioral) interviews: import your notes into a "
    "story bank, see coverage of the principles, and practise.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
) -> None:
    """Prepare for competency-based (behavioral) interviews, offline."""
    ctx.obj = Settings(home=home, framework=framework)


import_cmd.register(app)
coverage_cmd.register(app)
stories_cmd.register(app)
home_cmd.register(app)


def main() -> None:
    from loopprep.errors import LoopprepError

    try:
        app()
    except LoopprepError as error:
        sys.stderr.write(f"error: {error.message}\n")
        if error.hint:
            sys.stderr.write(f"{error.hint}\n")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
