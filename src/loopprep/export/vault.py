"""Exporting the story bank as an Obsidian vault: one structured story note per story (the
format `loopprep import` reads back, so import(export(bank)) gives the same bank) and an
index note linking the stories by principle.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from loopprep.export.files import OutputFile, WriteReport, write_outputs
from loopprep.model import STAR_PARTS, Framework, Story
from loopprep.notes.bullets import slugify
from loopprep.notes.document import escape_line
from loopprep.store import Store

INDEX_NAME = "Story index.md"
OTHER_NOTES = "Other notes"


@dataclass(frozen=True)
class VaultReport:
    folder: Path
    stories: int
    files: WriteReport
    left_alone: list[Path]  # notes of earlier exports whose story is gone: never deleted

    def to_json(self) -> dict[str, Any]:
        return {"folder": str(self.folder), "stories": self.stories, **self.files.to_json(),
                "left_alone": [str(p) for p in self.left_alone]}


def story_note(story: Story, framework: Framework) -> str:
    """One story as a structured story note (front matter, STAR sections, notes)."""
    front: dict[str, Any] = {"type": "story", "id": story.id, "title": story.title}
    if story.org:
        front["org"] = story.org
    if story.date:
        front["date"] = story.date
    front["principles"] = list(story.principles)
    front["metrics"] = list(story.metrics)
    front["tags"] = list(story.tags)
    lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000).rstrip(),
             "---"]
    for part in STAR_PARTS:
        lines += ["", f"## {part.title()}"]
        text = getattr(story, part).strip()
        if text:
            lines += ["", _safe_text(text)]
    if story.fragments:
        # what the free-form notes said, in their order, under the principle each was filed
        # under ('Other notes': an answer outline); the importer reads this section back
        lines += ["", "## Notes"]
        names = {p.slug: p.name for p in framework}
        heading: str | None = None
        for fragment in story.fragments:
            wanted = names.get(fragment.principle, fragment.principle) if fragment.principle else (
                OTHER_NOTES)
            if wanted != heading:
                lines += ["", f"### {wanted}", ""]
                heading = wanted
            lines.append(_bullet(fragment.text))
    return "\n".join(lines) + "\n"


def _safe_text(text: str) -> str:
    """Escape the rare line that would read as a heading or a code fence (the reader undoes it)."""
    return "\n".join(escape_line(line) for line in text.split("\n"))


def _bullet(text: str) -> str:
    first, _, rest = text.partition("\n")
    return f"- {first}" + (f"\n{rest}" if rest else "")


def index_note(stories: Sequence[Story], framework: Framework, names: dict[str, str]) -> str:
    """Stories grouped by principle, as [[wikilinks]] to their notes."""
    lines = ["---", "type: story-index", "---", "", "# Stories by principle", "",
             "Written by `loopprep export vault`; loopprep skips this note when importing."]
    for principle in framework:
        filed = [s for s in stories if principle.slug in s.principles]
        lines += ["", f"## {principle.name}", ""]
        lines += [f"- [[{names[s.id]}|{_link_text(s.title)}]]" for s in filed] or ["- (no story yet)"]
    unfiled = [s for s in stories if not s.principles]
    if unfiled:
        lines += ["", "## Not filed under a principle", ""]
        lines += [f"- [[{names[s.id]}|{_link_text(s.title)}]]" for s in unfiled]
    return "\n".join(lines) + "\n"


def _link_text(title: str) -> str:
    return title.replace("|", "/").replace("]]", "] ]").replace("[[", "[ [")


def note_names(stories: Sequence[Story]) -> dict[str, str]:
    """A file name (without .md) per story id: the id, made safe, unique case-insensitively."""
    taken: set[str] = {INDEX_NAME[:-3].casefold()}
    out: dict[str, str] = {}
    for story in sorted(stories, key=lambda s: s.id):
        base = story.id if re.fullmatch(r"[a-z0-9][a-z0-9-]*", story.id) else slugify(story.id)
        name, n = base, 2
        while name.casefold() in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name.casefold())
        out[story.id] = name
    return out


def vault_notes(stories: Sequence[Story], framework: Framework) -> dict[str, bytes]:
    """File name -> text of each live story's note and of the index."""
    live = sorted((s for s in stories if not s.archived), key=lambda s: s.id)
    names = note_names(live)
    notes = {f"{names[s.id]}.md": story_note(s, framework).encode("utf-8") for s in live}
    notes[INDEX_NAME] = index_note(live, framework, names).encode("utf-8")
    return notes


def vault_zip(stories: Sequence[Story], framework: Framework) -> bytes:
    """The vault export as one zip file (for a download), written nowhere."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in vault_notes(stories, framework).items():
            archive.writestr(f"loopprep-stories/{name}", data)
    return buffer.getvalue()


def export_vault(store: Store, stories: Sequence[Story], framework: Framework, folder: Path, *,
                 now: datetime, force: bool = False) -> VaultReport:
    """Write one note per live story and the index into `folder` (created if needed)."""
    live = sorted((s for s in stories if not s.archived), key=lambda s: s.id)
    names = note_names(live)
    outputs = [OutputFile(folder / f"{names[s.id]}.md", story_note(s, framework).encode("utf-8"),
                          "vault-story", s.id) for s in live]
    outputs.append(OutputFile(folder / INDEX_NAME, index_note(live, framework, names).encode("utf-8"),
                              "vault-index"))
    from loopprep.store.exports import records_under

    if folder.exists() and not folder.is_dir():
        from loopprep.errors import LoopprepError

        raise LoopprepError(f"{folder} is a file, not a folder", hint="Give a folder to export into.")
    report = write_outputs(store, outputs, base=folder, now=now, force=force)
    wanted = {str(o.path.resolve()) for o in outputs}
    prefix = str(folder.resolve()) + "/"
    left = [Path(r.path) for r in records_under(store, prefix, "vault-")
            if r.path not in wanted and Path(r.path).exists()]
    return VaultReport(folder, len(live), report, left)
