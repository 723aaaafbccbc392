"""Writing export files safely: all-or-nothing checks first, atomic replacement, a backup of
anything overwritten, and a manifest (sha256 of what was written) so a file the user has
edited since the last export is never overwritten without `force`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from loopprep.errors import LoopprepError
from loopprep.store import Store
from loopprep.store import exports as export_rows

BACKUP_FOLDER = ".loopprep-backup"


class ExportConflict(LoopprepError):
    """Files changed by the user (or not written by loopprep) that an export would replace."""


@dataclass(frozen=True)
class OutputFile:
    """One file an export wants to write."""

    path: Path
    data: bytes
    kind: str
    story_id: str | None = None


@dataclass
class WriteReport:
    written: list[Path] = field(default_factory=list)  # new or replaced
    unchanged: list[Path] = field(default_factory=list)  # already held exactly this
    backups: list[Path] = field(default_factory=list)  # copies of what was replaced

    def to_json(self) -> dict[str, list[str]]:
        return {"written": [str(p) for p in self.written],
                "unchanged": [str(p) for p in self.unchanged],
                "backups": [str(p) for p in self.backups]}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_outputs(store: Store, outputs: Sequence[OutputFile], *, base: Path, now: datetime,
                  force: bool = False) -> WriteReport:
    """Write `outputs` (all under `base`) or, if any would overwrite a file the user changed,
    nothing at all. Replaced files are copied to base/.loopprep-backup/<time>/ first."""
    report = WriteReport()
    paths = [str(o.path.resolve()) for o in outputs]
    known = export_rows.records(store, paths)
    replace: list[OutputFile] = []
    conflicts: list[Path] = []
    for output, key in zip(outputs, paths, strict=True):
        if output.path.is_dir():
            raise LoopprepError(f"{output.path} is a folder; cannot write a file there")
        if not output.path.exists():
            continue
        try:
            current = output.path.read_bytes()
        except OSError as exc:
            raise LoopprepError(f"cannot read {output.path} ({exc.strerror})") from None
        if current == output.data:
            report.unchanged.append(output.path)
            continue
        record = known.get(key)
        if record is None or record.sha256 != sha256(current):
            conflicts.append(output.path)
        replace.append(output)
    if conflicts and not force:
        shown = "\n".join(f"  {p}" for p in conflicts[:5])
        more = f"\n  … and {len(conflicts) - 5} more" if len(conflicts) > 5 else ""
        raise ExportConflict(
            f"{len(conflicts)} file(s) changed since loopprep last wrote them (or were not written "
            f"by loopprep); nothing was written:\n{shown}{more}",
            hint="Use --force to overwrite them; a copy of each is kept in "
                 f"{base / BACKUP_FOLDER}/.")
    backup_dir = _backup_dir(base, now) if replace else None
    replaced = {o.path for o in replace}
    unchanged = set(report.unchanged)
    for output in outputs:
        if output.path in unchanged:
            continue
        try:
            if backup_dir is not None and output.path in replaced:
                target = backup_dir / _relative(output.path, base)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(output.path, target)
                report.backups.append(target)
            write_atomic(output.path, output.data)
        except OSError as exc:
            done = f" ({len(report.written)} file(s) before it were written)" if report.written else ""
            raise LoopprepError(f"cannot write {output.path}: {exc.strerror or exc}{done}",
                                hint="Check the folder exists and is writable.") from None
        report.written.append(output.path)
    stamp = now.isoformat(timespec="seconds")
    with store.transaction() as conn:
        export_rows.record(conn, [
            export_rows.ExportRecord(key, o.kind, o.story_id, sha256(o.data), stamp)
            for o, key in zip(outputs, paths, strict=True)
        ])
    return report


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: a reader sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = (path.stat().st_mode & 0o777) if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _relative(path: Path, base: Path) -> Path:
    try:
        return path.resolve().relative_to(base.resolve())
    except ValueError:
        return Path(path.name)


def _backup_dir(base: Path, now: datetime) -> Path:
    root = base / BACKUP_FOLDER
    stamp = now.strftime("%Y%m%dT%H%M%S")
    candidate, n = root / stamp, 2
    while candidate.exists():
        candidate, n = root / f"{stamp}-{n}", n + 1
    return candidate
