"""When the database itself fails: a damaged page, a full disk, a home that cannot be
written. One clear line each, never a traceback, and the file is never overwritten."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import BUNDLED, CLI
from loopprep.store import Store
from loopprep.store.faults import explain
from loopprep.web.app import create_app
from webtools import BASE, NOW, TOKEN


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage(database: Path) -> None:
    """Overwrite three data pages of the question table in the middle of the file, as a bad
    sector or a half-copied file would."""
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = int(conn.execute("PRAGMA page_size").fetchone()[0])
    leaves = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'questions' "
                                         "AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    assert len(leaves) > 10
    with database.open("r+b") as raw:
        for number in leaves[len(leaves) // 2: len(leaves) // 2 + 3]:
            raw.seek(page * (number - 1))
            raw.write(b"\x0d\xff" * (page // 2))


@pytest.fixture
def damaged(cli: CLI, loopprep_home: Path) -> Path:
    assert cli("import", BUNDLED) == 0, cli.err
    assert cli("questions") == 0  # loads the shipped question bank into the store
    database = loopprep_home / "loopprep.db"
    _damage(database)
    return database


def test_a_damaged_database_is_named_with_what_to_do(cli: CLI, damaged: Path) -> None:
    before = _sha(damaged)
    failed = [args for args in (["coverage"], ["stories"], ["plan"], ["questions"])
              if cli(*args) != 0]
    assert failed, "no command noticed the damaged pages"
    assert "is damaged" in cli.err and "loopprep doctor" in cli.err
    assert "Traceback" not in cli.err
    assert _sha(damaged) == before


def test_doctor_finds_the_damage_and_recovers_into_a_new_file(cli: CLI, damaged: Path) -> None:
    before = _sha(damaged)
    assert cli("doctor") == 1
    assert "damaged" in cli.out
    report = cli.json("doctor", "--recover")
    assert report["sound"] is False and report["problems"]
    recovered = Path(report["recovered"])
    assert recovered.exists() and recovered.parent.parent == damaged.parent
    assert _sha(damaged) == before
    assert cli("--home", recovered.parent, "doctor") == 0, cli.out


def test_doctor_on_a_sound_database(cli: CLI) -> None:
    assert cli("doctor") == 0 and "No database yet" in cli.out
    assert cli("import", BUNDLED) == 0
    assert cli("doctor") == 0 and "sound" in cli.out


def test_the_web_app_shows_the_damage_as_a_page_not_a_500(damaged: Path) -> None:
    web = TestClient(create_app(damaged.parent, token=TOKEN, clock=lambda: NOW),
                     base_url=BASE, raise_server_exceptions=False)
    statuses = {path: web.get(path).status_code for path in ("/", "/stories", "/plan", "/questions")}
    assert 503 in statuses.values() and 500 not in statuses.values(), statuses
    page = web.get([p for p, s in statuses.items() if s == 503][0])
    assert "is damaged" in page.text and "loopprep doctor" in page.text


def test_a_full_disk_changes_nothing_and_says_so(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "loopprep.db")
    store.conn.execute("CREATE TABLE big (x BLOB)")
    pages = int(store.conn.execute("PRAGMA page_count").fetchone()[0])
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up here
    with pytest.raises(sqlite3.Error) as raised, store.transaction() as conn:
        conn.execute("INSERT INTO big VALUES (zeroblob(1000000))")
    assert "full" in str(raised.value) and raised.value.__context__ is None
    assert store.conn.execute("SELECT count(*) FROM big").fetchone()[0] == 0
    assert explain(raised.value).message.startswith("no space left")


@pytest.fixture
def read_only_home(cli: CLI, loopprep_home: Path) -> Iterator[Path]:
    """A home nobody may write, root included (chattr +i on the folder and its files)."""
    assert cli("import", BUNDLED) == 0, cli.err
    assert cli("questions") == 0  # the shipped question bank is loaded once, on first use
    files = [loopprep_home, *loopprep_home.iterdir()]
    locked = subprocess.run(["chattr", "+i", *map(str, files)], capture_output=True)
    if locked.returncode != 0:
        pytest.skip(f"chattr +i is not possible here: {locked.stderr.decode().strip()}")
    try:
        yield loopprep_home
    finally:
        subprocess.run(["chattr", "-i", *map(str, files)], check=True)


def test_a_read_only_home_still_reads(cli: CLI, read_only_home: Path,
                                      write: Callable[[str, str], Path]) -> None:
    for args in (["coverage"], ["stories"], ["stories", "show", "parcelio"], ["plan"],
                 ["questions"], ["progress"], ["readiness"], ["status"]):
        assert cli(*args) == 0, (args, cli.err)
    notes = write("more.md", "## Ownership\n- A brand new story about invoices\n")
    assert cli("import", notes) == 1
    assert "is read-only" in cli.err and "Traceback" not in cli.err
