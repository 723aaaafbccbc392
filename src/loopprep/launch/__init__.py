"""The `loopprep` program: the command line of `loopprep.cli` with the two commands that
start the web app, `serve` and `demo`. They live here, above both edges, so that the CLI and
the web app never import each other; the web stack is imported only when one of them runs.
"""

from __future__ import annotations

import sys

from loopprep.cli import app as cli
from loopprep.launch import demo_cmd, serve_cmd

app = cli.app
demo_cmd.register(app)
serve_cmd.register(app)


def run(argv: list[str] | None = None) -> int:
    """Run the command line on `argv` (default: sys.argv) and return the exit code: 0 done,
    1 a problem with the user's input or data (one clear message, no traceback), 2 usage."""
    return cli.run(argv)


def main() -> None:
    sys.exit(run())
