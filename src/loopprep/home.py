"""Where loopprep keeps its data: one function decides, so every edge agrees.

Order: an explicit directory (the `--home` option), then `LOOPPREP_HOME`, then the
platform's user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_NAME = "loopprep.db"
HOME_ENV = "LOOPPREP_HOME"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The loopprep home directory (not created here)."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    from platformdirs import user_data_dir

    return Path(user_data_dir("loopprep", appauthor=False))


def database_path(home: Path) -> Path:
    return home / DATABASE_NAME
