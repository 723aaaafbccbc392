"""Interview loops: who interviews you and which principles each one is given. Read from a
small TOML file, from `--interviewer "Name: p1, p2"` options, or the framework's typical
loop shipped as data (`loopprep/data/loops/<framework>-default.toml`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from loopprep.errors import LoopprepError
from loopprep.model import Framework, Principle, PrincipleSlug

_BAR_RAISER_NAME = re.compile(r"\bbar[\s-]?raiser\b", re.IGNORECASE)
_LOOP_KEYS = {"name", "date"}
_INTERVIEWER_KEYS = {"name", "principles", "bar_raiser"}
#: A fallback loop for frameworks without a loop file: this many principles per interviewer.
_FALLBACK_PER_INTERVIEWER = 2
_FALLBACK_INTERVIEWERS = 5


class LoopError(LoopprepError):
    """A loop definition that cannot be used; names the file and line where it can."""


@dataclass(frozen=True)
class Interviewer:
    name: str
    principles: tuple[PrincipleSlug, ...]
    bar_raiser: bool = False


@dataclass(frozen=True)
class Loop:
    name: str
    interviewers: tuple[Interviewer, ...]
    date: str | None = None  # the interview day, when the loop file gives it
    origin: str = "default"  # default | file path | options

    @property
    def slots(self) -> list[tuple[int, PrincipleSlug]]:
        """(interviewer index, principle) for every question the loop will ask."""
        return [(i, p) for i, person in enumerate(self.interviewers) for p in person.principles]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "date": self.date,
            "origin": self.origin,
            "interviewers": [
                {"name": p.name, "principles": list(p.principles), "bar_raiser": p.bar_raiser}
                for p in self.interviewers
            ],
        }

    def to_toml(self) -> str:
        """The loop as a file `parse_loop` reads back (for `loopprep plan --print-loop`)."""
        lines = ["[loop]", f"name = {_quote(self.name)}"]
        if self.date:
            lines.append(f"date = {self.date}")
        for person in self.interviewers:
            lines += ["", "[[interviewer]]", f"name = {_quote(person.name)}"]
            if person.bar_raiser:
                lines.append("bar_raiser = true")
            lines.append("principles = [" + ", ".join(_quote(p) for p in person.principles) + "]")
        return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load_loop(path: Path, framework: Framework) -> Loop:
    """Read a loop file; LoopError names the file and line of what is wrong."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise LoopError(f"{path}: no such loop file",
                        hint="`loopprep plan --print-loop > loop.toml` writes one to start from.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LoopError(f"{path}: cannot read the loop file ({exc})") from None
    return parse_loop(text, framework, origin=str(path))


def default_loop(framework: Framework) -> Loop:
    """The framework's typical loop: its data file, or principles shared out evenly."""
    name = f"{framework.slug}-default.toml"
    folder = resources.files("loopprep").joinpath("data", "loops")
    source = folder.joinpath(name)
    if source.is_file():
        loop = parse_loop(source.read_text("utf-8"), framework, origin="default")
        return loop
    slugs = list(framework.slugs[: _FALLBACK_PER_INTERVIEWER * _FALLBACK_INTERVIEWERS])
    people = []
    for index in range(0, len(slugs), _FALLBACK_PER_INTERVIEWER):
        number = index // _FALLBACK_PER_INTERVIEWER + 1
        people.append(Interviewer(f"Interviewer {number}",
                                  tuple(slugs[index:index + _FALLBACK_PER_INTERVIEWER])))
    if people:
        last = people[-1]
        people[-1] = Interviewer("Bar raiser", last.principles, bar_raiser=True)
    return Loop(f"Typical {framework.name} loop", tuple(people), origin="default")


def parse_loop(text: str, framework: Framework, *, origin: str = "<loop>") -> Loop:
    """Parse and validate a loop file's text (see README, "Plan your loop")."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LoopError(f"{origin}: not valid TOML ({exc})",
                        hint="`loopprep plan --print-loop` shows the format.") from None
    lines = text.split("\n")
    head = data.get("loop", {})
    if not isinstance(head, dict):
        line = _line_of(lines, r"^\s*loop\s*=")
        raise LoopError(f"{origin}:{line}: 'loop' must be a [loop] table")
    for key in head:
        if key not in _LOOP_KEYS:
            raise LoopError(f"{origin}:{_key_line(lines, key, 'loop', 0)}: unknown key {key!r} in [loop]",
                            hint=f"[loop] takes: {', '.join(sorted(_LOOP_KEYS))}.")
    for key in data:
        if key not in ("loop", "interviewer"):
            line = _line_of(lines, r"^\s*\[*\s*" + re.escape(key) + r"\b")
            raise LoopError(f"{origin}:{line}: unknown table or key {key!r}",
                            hint="A loop file has [loop] and [[interviewer]] tables.")
    rows = data.get("interviewer")
    if not rows:
        raise LoopError(f"{origin}: the loop has no interviewers",
                        hint='Add [[interviewer]] tables with name = "..." and principles = [...].')
    if not isinstance(rows, list):
        line = _line_of(lines, r"^\s*interviewer\s*=")
        raise LoopError(f"{origin}:{line}: write interviewers as [[interviewer]] tables")
    date = head.get("date")
    date_text = None
    if date is not None:
        date_text = str(date)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
            raise LoopError(f"{origin}:{_key_line(lines, 'date', 'loop', 0)}: date {date_text!r} is not "
                            "a day", hint="Write it as 2026-11-03 (no quotes).")
    people: list[Interviewer] = []
    for index, row in enumerate(rows):
        line = _table_line(lines, "interviewer", index)
        if not isinstance(row, dict):
            raise LoopError(f"{origin}:{line}: interviewer #{index + 1} is not a table")
        for key in row:
            if key not in _INTERVIEWER_KEYS:
                raise LoopError(
                    f"{origin}:{_key_line(lines, key, 'interviewer', index)}: unknown key {key!r} "
                    f"for interviewer #{index + 1}",
                    hint=f"[[interviewer]] takes: {', '.join(sorted(_INTERVIEWER_KEYS))}.")
        name = row.get("name")
        if not isinstance(name, str) or not name.strip():
            raise LoopError(f"{origin}:{line}: interviewer #{index + 1} needs a name",
                            hint='Add name = "Hiring manager" (any label you like).')
        principles = row.get("principles")
        where = f"{origin}:{_key_line(lines, 'principles', 'interviewer', index)}"
        if not isinstance(principles, list) or not all(isinstance(p, str) for p in principles):
            raise LoopError(f"{where}: {name.strip()}'s principles must be a list of names",
                            hint='For example principles = ["ownership", "Dive Deep"].')
        bar = row.get("bar_raiser", None)
        if bar is not None and not isinstance(bar, bool):
            raise LoopError(f"{origin}:{_key_line(lines, 'bar_raiser', 'interviewer', index)}: "
                            "bar_raiser must be true or false")
        people.append(_interviewer(name.strip(), principles, framework, where,
                                   bar if bar is not None else None))
    return _checked(head.get("name") or "My loop", people, date_text, origin, framework)


def loop_from_specs(specs: Sequence[str], framework: Framework, *,
                    bar_raiser: str | None = None) -> Loop:
    """A loop from `--interviewer "Name: principle, principle"` options."""
    people = []
    for spec in specs:
        name, sep, rest = spec.partition(":")
        if not sep or not name.strip():
            raise LoopError(f"--interviewer {spec!r}: write it as \"Name: principle, principle\"",
                            hint='For example --interviewer "Hiring manager: ownership, deliver-results".')
        principles = [p.strip() for p in rest.split(",") if p.strip()]
        people.append(_interviewer(name.strip(), principles, framework, f"--interviewer {spec!r}", None))
    if bar_raiser is not None:
        names = [p.name.casefold() for p in people]
        if bar_raiser.strip().casefold() not in names:
            raise LoopError(f"--bar-raiser {bar_raiser!r} is not one of the interviewers",
                            hint="Interviewers: " + ", ".join(p.name for p in people) + ".")
        people = [Interviewer(p.name, p.principles, p.name.casefold() == bar_raiser.strip().casefold())
                  for p in people]
    return _checked("My loop", people, None, "options", framework)


def _interviewer(name: str, principles: Sequence[str], framework: Framework, where: str,
                 bar_raiser: bool | None) -> Interviewer:
    if not principles:
        raise LoopError(f"{where}: {name} has no principles",
                        hint="Give each interviewer the principles the recruiter named (two or three).")
    slugs: list[PrincipleSlug] = []
    for value in principles:
        principle = resolve_principle(value, framework)
        if principle is None:
            raise LoopError(f"{where}: {value!r} is not a principle of {framework.name}",
                            hint="`loopprep principles` lists them; slugs or names both work.")
        if principle.slug in slugs:
            raise LoopError(f"{where}: {name} has {principle.name} twice")
        slugs.append(principle.slug)
    is_bar = bool(_BAR_RAISER_NAME.search(name)) if bar_raiser is None else bar_raiser
    return Interviewer(name, tuple(slugs), is_bar)


def resolve_principle(value: str, framework: Framework) -> Principle | None:
    from loopprep.notes.principles import match_principle

    return framework.get(value.strip()) or match_principle(value, framework)[0]


def _checked(name: str, people: list[Interviewer], date: str | None, origin: str,
             framework: Framework) -> Loop:
    seen: set[str] = set()
    for person in people:
        key = person.name.casefold()
        if key in seen:
            raise LoopError(f"{origin}: two interviewers are called {person.name!r}",
                            hint="Give each interviewer a different name (e.g. 'Peer 1', 'Peer 2').")
        seen.add(key)
    bars = [p.name for p in people if p.bar_raiser]
    if len(bars) > 1:
        raise LoopError(f"{origin}: {len(bars)} bar raisers ({', '.join(bars)}); a loop has one",
                        hint="Set bar_raiser = true on one interviewer only.")
    return Loop(str(name), tuple(people), date, origin)


def _line_of(lines: list[str], pattern: str, start: int = 0) -> int:
    regex = re.compile(pattern)
    for number in range(start, len(lines)):
        if regex.search(lines[number]):
            return number + 1
    return start + 1


def _table_line(lines: list[str], table: str, index: int) -> int:
    """Line of the index-th [[table]] header (1-based); 1 when it cannot be found."""
    count = -1
    header = re.compile(rf"^\s*\[\[\s*{table}\s*\]\]")
    for number, line in enumerate(lines):
        if header.match(line):
            count += 1
            if count == index:
                return number + 1
    return 1


def _key_line(lines: list[str], key: str, table: str, index: int) -> int:
    """Line of `key = ...` inside the index-th [table] / [[table]]."""
    start = _table_line(lines, table, index) if table == "interviewer" else _line_of(
        lines, r"^\s*\[\s*loop\s*\]")
    regex = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start - 1, len(lines)):
        if number > start - 1 and lines[number].lstrip().startswith("["):
            break
        if regex.match(lines[number]):
            return number + 1
    return start


def choose_loop(framework: Framework, *, loop_file: Path | None = None,
                interviewers: Sequence[str] = (), bar_raiser: str | None = None) -> Loop:
    """The loop the user asked for: a file, `--interviewer` options, or the typical loop."""
    if loop_file is not None and interviewers:
        raise LoopError("give either a loop file or --interviewer options, not both")
    if loop_file is not None:
        loop = load_loop(loop_file, framework)
    elif interviewers:
        return loop_from_specs(interviewers, framework, bar_raiser=bar_raiser)
    else:
        loop = default_loop(framework)
    if bar_raiser is not None:
        names = {p.name.casefold() for p in loop.interviewers}
        if bar_raiser.strip().casefold() not in names:
            raise LoopError(f"--bar-raiser {bar_raiser!r} is not one of the interviewers",
                            hint="Interviewers: " + ", ".join(p.name for p in loop.interviewers) + ".")
        people = tuple(Interviewer(p.name, p.principles, p.name.casefold() == bar_raiser.strip().casefold())
                       for p in loop.interviewers)
        loop = Loop(loop.name, people, loop.date, loop.origin)
    return loop
