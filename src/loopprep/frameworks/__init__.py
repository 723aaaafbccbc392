"""Competency frameworks as data files: the built-in ones ship here as TOML, and a user
may drop more into `<home>/frameworks/`. Adding a framework needs no Python. Files of kind
"technical" are topic lists for technical interviews (see `loopprep.frameworks.topics`).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from loopprep.errors import FrameworkError
from loopprep.model import Framework, Principle, PrincipleSlug

DEFAULT_FRAMEWORK = "amazon"
TECHNICAL_KIND = "technical"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def builtin_framework_names() -> list[str]:
    files = resources.files(__package__)
    return sorted(p.name[:-5] for p in files.iterdir() if p.name.endswith(".toml"))


def available_frameworks(home: Path | None = None) -> dict[str, str]:
    """Competency framework name -> where it comes from ('built-in' or a file path); technical
    topic lists are left out."""
    found = {name: "built-in" for name in builtin_framework_names()
             if framework_kind(resources.files(__package__).joinpath(f"{name}.toml")
                               .read_text("utf-8")) != TECHNICAL_KIND}
    if home is not None and (home / "frameworks").is_dir():
        for path in sorted((home / "frameworks").glob("*.toml")):
            try:
                technical = framework_kind(path.read_text("utf-8")) == TECHNICAL_KIND
            except (OSError, UnicodeDecodeError):
                technical = False  # loading it will report the problem
            if not technical:
                found[path.stem] = str(path)
    return found


def framework_kind(text: str) -> str:
    """The `kind` a framework file declares ('behavioral' when absent or unreadable)."""
    try:
        head = tomllib.loads(text).get("framework")
    except tomllib.TOMLDecodeError:
        return "behavioral"
    kind = head.get("kind", "behavioral") if isinstance(head, dict) else "behavioral"
    return str(kind)


def load_framework(name_or_path: str = DEFAULT_FRAMEWORK, *, home: Path | None = None) -> Framework:
    """Load a framework by built-in name, by name under `<home>/frameworks/`, or by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.is_file():
        return _load_file(str(candidate.resolve()))
    if home is not None:
        user_file = home / "frameworks" / f"{name_or_path}.toml"
        if user_file.is_file():
            return _load_file(str(user_file))
    if name_or_path in builtin_framework_names():
        return _load_builtin(name_or_path)
    known = ", ".join(available_frameworks(home))
    raise FrameworkError(
        f"unknown framework {name_or_path!r}",
        hint=f"Known frameworks: {known}. Or pass the path of a .toml framework file.",
    )


@lru_cache(maxsize=8)
def _load_builtin(name: str) -> Framework:
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")
    return parse_framework(text, origin=f"built-in framework {name}")


@lru_cache(maxsize=8)
def _load_file(path: str) -> Framework:
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError(f"{path}: cannot read framework file ({exc})") from None
    return parse_framework(text, origin=path)


def parse_framework(text: str, *, origin: str = "<framework>") -> Framework:
    """Parse and validate framework TOML; errors name the origin and what to fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"{origin}: not valid TOML ({exc})") from None
    head = data.get("framework")
    if not isinstance(head, dict):
        raise FrameworkError(f"{origin}: missing the [framework] table with slug and name")
    if head.get("kind") == TECHNICAL_KIND:
        raise FrameworkError(
            f"{origin}: is a technical topic list, not a competency framework",
            hint="Technical topics are used by `loopprep tech` and `loopprep readiness`; pick a "
            "behavioral framework with --framework (e.g. amazon).")
    rows = data.get("principle")
    if not isinstance(rows, list) or not rows:
        raise FrameworkError(f"{origin}: no [[principle]] entries")
    principles: list[Principle] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise FrameworkError(f"{origin}: principle #{index} is not a table")
        slug = required_text(row, "slug", origin, f"principle #{index}")
        if not _SLUG.match(slug):
            raise FrameworkError(
                f"{origin}: principle #{index} slug {slug!r} must be lowercase words joined by -"
            )
        if slug in seen:
            raise FrameworkError(f"{origin}: principle slug {slug!r} appears twice")
        seen.add(slug)
        principles.append(
            Principle(
                slug=PrincipleSlug(slug),
                name=required_text(row, "name", origin, f"principle #{index}"),
                summary=str(row.get("summary", "")),
                probes_for=string_list(row, "probes_for", origin, f"principle #{index}"),
                aliases=string_list(row, "aliases", origin, f"principle #{index}"),
                keywords=string_list(row, "keywords", origin, f"principle #{index}"),
            )
        )
    return Framework(
        slug=required_text(head, "slug", origin, "[framework]"),
        name=required_text(head, "name", origin, "[framework]"),
        description=str(head.get("description", "")),
        kind=str(head.get("kind", "behavioral")),
        principles=tuple(principles),
    )


def required_text(row: dict[str, Any], key: str, origin: str, where: str) -> str:
    """`row[key]` as a non-empty string, or a FrameworkError naming the file and entry."""
    value = row.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{origin}: {where} needs a non-empty {key!r}")
    return value.strip()


def string_list(row: dict[str, Any], key: str, origin: str, where: str) -> tuple[str, ...]:
    """`row[key]` as a list of strings (empty when absent), or a FrameworkError."""
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FrameworkError(f"{origin}: {where} {key!r} must be a list of strings")
    return tuple(value)
