"""Notes that arrive as uploads (Markdown files, or a zipped Obsidian vault): checked for
size, names and zip bombs, kept under HOME/uploads so re-uploading the same notes is as
idempotent as re-importing a folder, then imported like any other notes.
"""

from __future__ import annotations

import io
import re
import shutil
import stat
import unicodedata
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from loopprep.errors import LoopprepError
from loopprep.importing import import_into, read_files
from loopprep.model import ImportReport
from loopprep.notes.reader import FOLDER_SUFFIXES, MAX_FILE_BYTES, NOTES_SUFFIXES

if TYPE_CHECKING:
    from loopprep.workspace import Workspace

UPLOADS_DIR = "uploads"
#: One Markdown file: the same limit as importing from disk.
MAX_NOTES_BYTES = MAX_FILE_BYTES
#: Everything in one upload, as sent (a zip counts compressed).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: A zip may unpack to at most this much Markdown, in at most this many files.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000
#: A member that unpacks to more than this many times its packed size is a zip bomb.
MAX_COMPRESSION_RATIO = 200
ZIP_SUFFIX = ".zip"


class UploadError(LoopprepError):
    """An upload that is refused before anything is written: too big, wrong kind, unsafe."""


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the browser sent it: the name it gave and the bytes."""

    name: str
    data: bytes


@dataclass
class UploadResult:
    """What an upload imported: the report, where the notes were kept, what was skipped."""

    report: ImportReport
    kept: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def safe_name(name: str) -> str:
    """The last part of an uploaded file name, reduced to characters safe in any folder."""
    base = re.split(r"[\\/]", name.strip())[-1]
    base = unicodedata.normalize("NFC", base)
    base = re.sub(r"[^\w .-]", "-", base).strip(" .")
    if not base or base.startswith("."):
        raise UploadError(f"{name!r} is not a usable file name",
                          hint="Rename the file (for example notes.md) and upload it again.")
    return base[:120]


def import_uploads(bank: Workspace, uploads: Sequence[Upload], *, now: datetime) -> UploadResult:
    """Keep the uploaded notes under HOME/uploads and import them; nothing is written
    (neither files nor database) if any upload is refused."""
    if bank.home is None:
        raise UploadError("uploads need a loopprep home folder")
    folder = bank.home / UPLOADS_DIR
    staging = folder / f".incoming-{uuid.uuid4().hex}"
    try:
        staged, skipped = stage_uploads(uploads, staging, folder)
        read_files([path for path, _ in staged])  # a bad file stops here, before anything moves
        kept = [_put_in_place(path, target) for path, target in staged]
    finally:
        if staging.exists():
            _remove(staging)
    report = import_into(bank, kept, now=now)
    return UploadResult(report, kept, skipped)


def stage_uploads(uploads: Sequence[Upload], staging: Path,
                  folder: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Check every upload and write it into the new folder `staging`.

    Returns (staged path, final path under `folder`) pairs and the zip members skipped
    because they are not notes. Raises `UploadError` on the first refusal.
    """
    if not uploads:
        raise UploadError("no file was uploaded", hint="Choose .md notes or a .zip of your vault.")
    total = sum(len(u.data) for u in uploads)
    if total > MAX_UPLOAD_BYTES:
        raise UploadError(f"the upload is {_mb(total)}; the limit is {_mb(MAX_UPLOAD_BYTES)}",
                          hint="Upload fewer files at once, or import the folder by its path.")
    names = [safe_name(u.name) for u in uploads]
    targets = [Path(n).stem if Path(n).suffix.lower() == ZIP_SUFFIX else n for n in names]
    if len({n.lower() for n in names}) != len(names) or len({t.lower() for t in targets}) != len(targets):
        raise UploadError("two uploaded files have the same name",
                          hint="Rename one of them, or upload a .zip of the folder.")
    for upload, name in zip(uploads, names, strict=True):
        suffix = Path(name).suffix.lower()
        if suffix not in (*NOTES_SUFFIXES, ZIP_SUFFIX):
            raise UploadError(f"{name}: loopprep imports notes files (.md, .txt, .org, .adoc, "
                              ".rst, a .yaml or .json story bank) or a .zip of them",
                              hint="Export or save your notes as .md files.")
        if suffix != ZIP_SUFFIX and len(upload.data) > MAX_NOTES_BYTES:
            raise UploadError(f"{name} is {_mb(len(upload.data))}; a notes file may be at most "
                              f"{_mb(MAX_NOTES_BYTES)}",
                              hint="Split the file into smaller notes, or upload a .zip.")
    staging.mkdir(parents=True)
    staged: list[tuple[Path, Path]] = []
    skipped: list[str] = []
    for upload, name, target in zip(uploads, names, targets, strict=True):
        if Path(name).suffix.lower() == ZIP_SUFFIX:
            skipped += unpack_notes(name, upload.data, staging / target)
        else:
            (staging / target).write_bytes(upload.data)
        staged.append((staging / target, folder / target))
    return staged, skipped


def unpack_notes(name: str, data: bytes, into: Path) -> list[str]:
    """Unpack the Markdown files of a zipped vault into `into`; return what was skipped.

    Every member name is checked (no absolute paths, no `..`, no links) and every size is
    counted as it is read, not taken from the zip's own headers.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise UploadError(f"{name} is not a valid zip file",
                          hint="Zip the vault folder again, or upload the .md files.") from None
    skipped: list[str] = []
    unpacked = 0
    written = 0
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UploadError(f"{name} holds {len(members):,} files; the limit is {MAX_ZIP_MEMBERS:,}")
        into.mkdir(parents=True)
        root = into.resolve()
        for member in members:
            relative = _member_path(name, member)
            if relative is None:
                continue
            if relative.suffix.lower() not in FOLDER_SUFFIXES:
                skipped.append(str(relative))
                continue
            if member.flag_bits & 0x1:
                raise UploadError(f"{name}: {relative} is encrypted", hint="Zip it without a password.")
            limit = min(MAX_NOTES_BYTES, MAX_UNPACKED_BYTES - unpacked)
            try:
                with archive.open(member) as stream:
                    content = stream.read(limit + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
                raise UploadError(f"{name}: cannot unpack {relative} ({exc})") from None
            if len(content) > limit:
                if limit < MAX_NOTES_BYTES:
                    raise UploadError(f"{name} unpacks to more than {_mb(MAX_UNPACKED_BYTES)} of notes",
                                      hint="Upload the vault in parts, or import it by its path.")
                raise UploadError(f"{name}: {relative} is larger than {_mb(MAX_NOTES_BYTES)}",
                                  hint="Split that note into smaller notes.")
            if len(content) > MAX_COMPRESSION_RATIO * max(member.compress_size, 1024):
                ratio = len(content) // max(member.compress_size, 1)
                raise UploadError(f"{name}: {relative} unpacks to {ratio} times its packed size, "
                                  "which is how zip bombs look; the zip was refused")
            unpacked += len(content)
            target = (into / relative).resolve()
            if not target.is_relative_to(root):
                raise UploadError(f"{name}: {relative} points outside the upload")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written += 1
    if not written:
        raise UploadError(f"{name} holds no Markdown notes (*.md)",
                          hint="Zip the folder that holds your .md notes.")
    return skipped


def _member_path(name: str, member: zipfile.ZipInfo) -> PurePosixPath | None:
    """A zip member's path inside the upload, or None for folders; refuses unsafe names."""
    raw = member.filename.replace("\\", "/")
    if member.is_dir() or raw.endswith("/"):
        return None
    mode = member.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise UploadError(f"{name}: {raw} is a symbolic link; links are not unpacked",
                          hint="Zip the notes themselves, not links to them.")
    path = PurePosixPath(raw)
    if (path.is_absolute() or raw.startswith("/") or re.match(r"^[A-Za-z]:", raw)
            or any(part in ("..", "") for part in raw.split("/")) or "\x00" in raw):
        raise UploadError(f"{name}: the member {raw!r} would be written outside the upload "
                          "folder; the zip was refused", hint="Zip the vault folder itself.")
    if any(part.startswith(".") for part in path.parts[:-1]) or path.name.startswith("."):
        return None  # .obsidian, .trash, dotfiles: settings, not notes
    return path


def _put_in_place(staged: Path, target: Path) -> Path:
    """Replace `target` with `staged` (a file or an unpacked vault folder)."""
    if target.exists() or target.is_symlink():
        _remove(target)
    staged.rename(target)
    return target


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"
