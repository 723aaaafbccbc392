"""The web app's areas, one module each (dashboard, stories, import, settings …): its
routes and its place in the navigation. A new area is a module with an `area` and one
line in `loopprep.web.app.AREAS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.routing import BaseRoute


@dataclass(frozen=True)
class Area:
    """One part of the app: its routes and, if it has a page of its own, a nav entry."""

    name: str
    routes: Sequence[BaseRoute]
    nav: tuple[str, str] | None = None  # (label, path)
