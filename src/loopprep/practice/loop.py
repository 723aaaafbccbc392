"""The interview loop a mock loop session plays: interviewers, each covering two or three
principles, the bar raiser last. Read from a loop file (the format `loopprep plan` uses).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from loopprep.errors import LoopprepError
from loopprep.model import Framework


@dataclass(frozen=True)
class Interviewer:
    name: str
    principles: tuple[str, ...]
    bar_raiser: bool = False


@dataclass(frozen=True)
class Loop:
    name: str
    interviewers: tuple[Interviewer, ...]


class LoopFileError(LoopprepError):
    """A loop file that cannot be read."""


def default_loop_text() -> str:
    """The shipped default loop: `loops/amazon-default.toml` where the planner ships one,
    else practice's own `mock-loop.toml` (the same loop)."""
    data = resources.files("loopprep").joinpath("data")
    planner = data.joinpath("loops", "amazon-default.toml")
    if planner.is_file():
        return planner.read_text("utf-8")
    return data.joinpath("mock-loop.toml").read_text("utf-8")


def load_loop(framework: Framework, path: Path | None = None) -> Loop:
    """The loop in `path` (or the default), checked against the framework; bar raiser last."""
    where = str(path) if path else "the default loop"
    try:
        text = path.read_text("utf-8") if path else default_loop_text()
        raw = tomllib.loads(text)
    except OSError as exc:
        raise LoopFileError(f"cannot read the loop file {where}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise LoopFileError(f"{where} is not valid TOML: {exc}") from None
    people = []
    for index, row in enumerate(raw.get("interviewer", []), start=1):
        name = str(row.get("name") or f"Interviewer {index}")
        slugs = tuple(str(s) for s in row.get("principles", []))
        unknown = [s for s in slugs if framework.get(s) is None]
        if unknown:
            raise LoopFileError(f"{where}: interviewer {name!r} has unknown principles {unknown}",
                                hint="`loopprep principles` lists the slugs.")
        if slugs:
            people.append(Interviewer(name, slugs, bool(row.get("bar_raiser", False))))
    if not people:
        raise LoopFileError(f"{where} has no [[interviewer]] with principles")
    people.sort(key=lambda p: p.bar_raiser)  # stable: the bar raiser goes last
    loop_name = str(raw.get("loop", {}).get("name", "Mock loop"))
    return Loop(loop_name, tuple(people))
