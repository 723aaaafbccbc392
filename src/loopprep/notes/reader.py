"""Reading notes files safely: size limit, binary and encoding checks, folder walks.

Every refusal is a `NotesError` naming the file (and line where there is one), raised
before anything is written, so a bad file never half-imports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from loopprep.errors import NotesError
from loopprep.notes.asciidoc import ASCIIDOC_SUFFIXES
from loopprep.notes.org import ORG_SUFFIXES
from loopprep.notes.rst import RST_SUFFIXES

#: Larger files are refused: real notes are kilobytes; this bounds time and memory.
MAX_FILE_BYTES = 5 * 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
#: documents in a markup language the importer reads by its own syntax (not `.asc`, which
#: is also an armoured PGP file)
MARKUP_SUFFIXES = (*ORG_SUFFIXES, *(s for s in ASCIIDOC_SUFFIXES if s != ".asc"), *RST_SUFFIXES)
#: the notes read from a folder (a vault, a zip of one): Markdown, markup, plain text
FOLDER_SUFFIXES = (*MARKDOWN_SUFFIXES, *MARKUP_SUFFIXES, ".txt", ".text")
#: a file named or uploaded on its own may also be a YAML or JSON story bank
NOTES_SUFFIXES = (*FOLDER_SUFFIXES, ".yaml", ".yml", ".json")
_SKIPPED_DIRS = {".obsidian", ".trash", ".git", "node_modules", "__pycache__"}


def collect_notes_files(paths: list[Path], unreadable: list[Path] | None = None) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of notes files.
    A folder that cannot be listed is an error naming it, unless `unreadable` is given: then
    it is added there and skipped."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise NotesError(path, "no such file or folder", hint="Check the path and try again.")
        if path.is_dir():
            inside = [
                p
                for p in sorted(_walk(path, unreadable))
                if p.is_file()
                and p.suffix.lower() in FOLDER_SUFFIXES
                and not any(part in _SKIPPED_DIRS or part.startswith(".")
                            for part in p.relative_to(path).parts[:-1])
            ]
            if not inside:
                raise NotesError(
                    path,
                    "folder holds no notes files (.md, .txt, .org, .adoc or .rst)",
                    hint="Point loopprep at a notes file or an Obsidian vault folder.",
                )
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise NotesError(path, "not a regular file or folder")
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)


def _walk(folder: Path, unreadable: list[Path] | None) -> list[Path]:
    """Every file under `folder`; `Path.rglob` would skip an unreadable subfolder silently."""
    failed: list[Path] = []

    def note_failure(exc: OSError) -> None:
        failed.append(Path(str(exc.filename)))

    files = [Path(root) / name for root, _, names in os.walk(folder, onerror=note_failure)
             for name in names]
    failed = [f for f in failed if not any(part in _SKIPPED_DIRS or part.startswith(".")
                                          for part in f.relative_to(folder).parts)]
    if failed and unreadable is None:
        more = f" and {len(failed) - 1} more" if len(failed) > 1 else ""
        raise NotesError(failed[0], f"this folder of notes cannot be read (permission denied){more}",
                         hint="Fix its permissions, or pass --skip-unreadable to import the rest.")
    if unreadable is not None:
        unreadable.extend(failed)
    return files


def gone_from_folders(known: Iterable[str], paths: Sequence[Path], present: Iterable[str]) -> list[str]:
    """Files an earlier import read under one of the folders in `paths` that are not there
    any more (deleted, renamed, moved to Obsidian's .trash): importing the folder again
    speaks for them too. Files outside those folders are never counted."""
    folders = [path.resolve() for path in paths if path.is_dir()]
    read_now = set(present)
    gone = []
    for source in known:
        path = Path(source)
        if source in read_now or not path.is_absolute() or path.is_file():
            continue
        if any(path.is_relative_to(folder) for folder in folders):
            gone.append(source)
    return sorted(gone)


def read_notes_file(path: Path) -> str:
    """The text of a notes file with newlines normalised, or a clear `NotesError`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise NotesError(path, f"cannot read ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise NotesError(
            path,
            f"file is {size / 1_048_576:.1f} MB; loopprep imports notes files up to "
            f"{MAX_FILE_BYTES // 1_048_576} MB",
            hint="Split the file into smaller notes, or import the folder that holds them.",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotesError(path, f"cannot read ({exc.strerror})") from None
    if b"\x00" in data[:65536]:
        raise NotesError(
            path, "looks like a binary file, not Markdown text", hint="Import .md notes only."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotesError(
            path,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            line=line,
            hint="Re-save the file as UTF-8 (most editors offer this under 'Save with encoding').",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
