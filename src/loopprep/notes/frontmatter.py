"""YAML front matter at the top of a note (`---` ... `---`), with errors that name the line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from loopprep.errors import NotesError


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
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise NotesError(
            path,
            f"front matter is not valid YAML ({problem})",
            line=line,
            hint="Fix the YAML between the '---' lines, e.g. quote values that contain ': '.",
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
