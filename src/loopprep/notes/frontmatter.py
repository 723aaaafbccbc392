"""YAML front matter at the top of a note (`---` ... `---`), with errors that name the line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from loopprep.errors import NotesError

MAX_FRONT_MATTER = 64 * 1024  # characters; a note's properties are a few lines
MAX_DEPTH = 20  # nesting of lists and maps inside the front matter


class RefusedYAML(yaml.composer.ComposerError):
    """YAML that is valid but that notes have no business using (an alias, deep nesting)."""


_Refused = RefusedYAML


class _NotesLoader(yaml.SafeLoader):
    """SafeLoader without aliases and with bounded nesting. An alias (`*name`) lets a few
    hundred bytes expand to gigabytes (the "billion laughs"); notes never need one. With
    neither aliases nor deep nesting, what is loaded is no bigger than what was read."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise self._refuse("aliases (*name) are not allowed")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise self._refuse(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _refuse(self, problem: str) -> yaml.YAMLError:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        return _Refused(None, None, problem, event.start_mark)


def compose_notes_yaml(text: str) -> yaml.Node | None:
    """The YAML node tree of `text` (with each node's line), read with the same safety
    bounds as front matter: no aliases, no deep nesting. Raises `yaml.YAMLError`."""
    return yaml.compose(text, Loader=_NotesLoader)


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    body: str
    body_start_line: int  # 1-based line number of the first body line in the file


def split_front_matter(text: str, path: Path) -> FrontMatter:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise NotesError(
            path,
            "front matter starts with '---' but never ends",
            line=1,
            hint="Add a closing '---' line after the front matter.",
        )
    raw = "\n".join(lines[1:index])
    if len(raw) > MAX_FRONT_MATTER:
        raise NotesError(
            path, f"front matter is {len(raw):,} characters long (at most {MAX_FRONT_MATTER:,})",
            line=1, hint="Keep front matter to a note's properties; move long text into the note.",
        )
    try:
        data = yaml.load(raw, Loader=_NotesLoader) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise NotesError(
            path,
            f"front matter cannot be read: {problem}" if isinstance(exc, _Refused)
            else f"front matter is not valid YAML ({problem})",
            line=line,
            hint=("Write each value out in full, with lists and maps only a few levels deep."
                  if isinstance(exc, _Refused) else
                  "Fix the YAML between the '---' lines, e.g. quote values that contain ': '."),
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise NotesError(
            path, "front matter must be a set of 'key: value' lines", line=2,
            hint="Write front matter as YAML keys, e.g. 'title: My story'.",
        )
    body = "\n".join(lines[index + 1 :])
    return FrontMatter({str(k): v for k, v in data.items()}, body, index + 2)


#: a page property, as Logseq and Dataview write them on the page's first lines: 'lp:: [[Earn
#: Trust]]', 'tags:: interview, amazon'
_PAGE_PROPERTY = re.compile(r"^(?P<key>[A-Za-z][\w-]{0,30})::[ \t]*(?P<value>.*?)\s*$")


def page_properties(fm: FrontMatter) -> FrontMatter:
    """A note with no front matter whose first lines are `key:: value` properties (Logseq's
    page properties, Dataview's fields at a note's top): those are its front matter, their
    lines left blank (so each line keeps its number)."""
    if fm.data:
        return fm
    lines = fm.body.split("\n")
    data: dict[str, Any] = {}
    for index, line in enumerate(lines):
        m = _PAGE_PROPERTY.match(line)
        if m is None:
            if line.strip() or not data:
                break
            continue
        data.setdefault(m.group("key").lower(), m.group("value"))
        lines[index] = ""
    if not data:
        return fm
    return FrontMatter(data, "\n".join(lines), fm.body_start_line)
