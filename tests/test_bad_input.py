"""Bad input gets one clear line naming the file (and line), exit 1, and no change."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CLI
from loopprep.notes.reader import MAX_FILE_BYTES


def _db_digest(home: Path) -> str | None:
    db = home / "loopprep.db"
    if not db.exists():
        return None
    from loopprep.store import Store

    with Store.open(db) as store:
        rows = "\n".join(store.conn.iterdump())
    return hashlib.sha256(rows.encode()).hexdigest()


@pytest.fixture
def seeded(cli: CLI, example_notes: Path, loopprep_home: Path) -> str | None:
    assert cli("import", example_notes) == 0
    return _db_digest(loopprep_home)


def _assert_refused(cli: CLI, home: Path, digest: str | None, *args: str | Path,
                    expect: str) -> None:
    code = cli("import", *args)
    assert code == 1
    assert "Traceback" not in cli.err
    assert cli.err.startswith("error: ")
    assert expect in cli.err, cli.err
    assert _db_digest(home) == digest


def test_missing_path(cli: CLI, seeded: str, loopprep_home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    _assert_refused(cli, loopprep_home, seeded, missing,
                    expect=f"{missing}: no such file or folder")


def test_folder_without_markdown(cli: CLI, seeded: str, loopprep_home: Path,
                                 tmp_path: Path) -> None:
    folder = tmp_path / "empty-vault"
    folder.mkdir()
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    _assert_refused(cli, loopprep_home, seeded, folder, expect="holds no notes files")


def test_binary_file(cli: CLI, seeded: str, loopprep_home: Path,
                     write: Callable[[str, str], Path]) -> None:
    path = write("binary.md", "")
    path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    _assert_refused(cli, loopprep_home, seeded, path, expect="binary")


def test_non_utf8_file_names_the_line(cli: CLI, seeded: str, loopprep_home: Path,
                                      write: Callable[[str, str], Path]) -> None:
    path = write("latin1.md", "")
    path.write_bytes("## Ownership\n### Me\n- caf\xe9 story\n".encode("latin-1"))
    _assert_refused(cli, loopprep_home, seeded, path, expect=f"{path}:3: is not UTF-8")


def test_broken_front_matter_names_the_line(cli: CLI, seeded: str, loopprep_home: Path,
                                            write: Callable[[str, str], Path]) -> None:
    path = write("broken.md", "---\ntitle: ok\ntags: [a, b\nother: x\n---\n## Ownership\n")
    code = cli("import", path)
    assert code == 1 and f"{path}:" in cli.err and "front matter is not valid YAML" in cli.err
    assert _db_digest(loopprep_home) == seeded


def test_unterminated_front_matter(cli: CLI, seeded: str, loopprep_home: Path,
                                   write: Callable[[str, str], Path]) -> None:
    path = write("open.md", "---\ntitle: never closed\n\n## Ownership\n- story\n")
    _assert_refused(cli, loopprep_home, seeded, path, expect=f"{path}:1: front matter starts")


def test_file_over_the_size_limit_is_refused_quickly(cli: CLI, seeded: str, loopprep_home: Path,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:  # sparse: 50 MB without writing 50 MB
        handle.truncate(50 * 1024 * 1024)
    assert os.path.getsize(path) > MAX_FILE_BYTES
    _assert_refused(cli, loopprep_home, seeded, path, expect="loopprep imports notes files up to")


def test_one_bad_file_in_a_vault_stops_the_whole_import(
    cli: CLI, seeded: str, loopprep_home: Path, write: Callable[[str, str], Path]
) -> None:
    good = write("a-good.md", "## Frugality\n### Me\n- ACME: cut cloud bill 30%\n")
    bad = good.parent / "b-bad.md"
    bad.write_bytes(b"## Ownership\n- \xff\xfe\n")
    _assert_refused(cli, loopprep_home, seeded, good.parent, expect="b-bad.md:2")


def test_a_file_that_is_not_a_database(cli: CLI, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "weird"
    home.mkdir()
    (home / "loopprep.db").write_bytes(b"this is not sqlite" * 100)
    monkeypatch.setenv("LOOPPREP_HOME", str(home))
    assert cli("coverage") == 1
    assert "not a loopprep database" in cli.err and "Traceback" not in cli.err


def test_unknown_story_and_framework(cli: CLI) -> None:
    assert cli("stories", "show", "no-such-story") == 1
    assert "no story with id 'no-such-story'" in cli.err
    assert cli("--framework", "nonesuch", "coverage") == 1
    assert "unknown framework 'nonesuch'" in cli.err


def test_large_valid_file_imports(cli: CLI, write: Callable[[str, str], Path]) -> None:
    lines = ["## Ownership", "### Me"]
    lines += [f"- PROJECT{i}: shipped thing {i}, saved {i}%" for i in range(20000)]
    path = write("big.md", "\n".join(lines) + "\n")
    assert path.stat().st_size > 500_000
    report = cli.json("import", path)
    assert len(report["stories"]["added"]) == 20000  # type: ignore[index]
