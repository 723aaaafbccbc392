"""Frameworks are data; the store migrates old databases and keeps its rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from loopprep.errors import FrameworkError
from loopprep.frameworks import available_frameworks, load_framework, parse_framework
from loopprep.store import Store
from loopprep.store.db import _migrations, _statements


def test_builtin_frameworks_load() -> None:
    amazon = load_framework("amazon")
    assert len(amazon) == 16 and amazon.slugs[0] == "customer-obsession"
    for principle in amazon:
        assert principle.summary and principle.probes_for and principle.keywords
    assert len(load_framework("generic")) == 8


def test_user_framework_in_home(tmp_path: Path) -> None:
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        '[framework]\nslug = "mine"\nname = "Mine"\n'
        '[[principle]]\nslug = "grit"\nname = "Grit"\nsummary = "Keep going"\n'
    )
    assert "mine" in available_frameworks(tmp_path)
    assert load_framework("mine", home=tmp_path).slugs == ("grit",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not toml [", "not valid TOML"),
        ('[[principle]]\nslug = "a"\nname = "A"\n', "missing the [framework] table"),
        ('[framework]\nslug = "x"\nname = "X"\n', "no [[principle]] entries"),
        ('[framework]\nslug = "x"\nname = "X"\n[[principle]]\nslug = "Bad Slug"\nname = "A"\n',
         "must be lowercase words"),
        ('[framework]\nslug = "x"\nname = "X"\n[[principle]]\nslug = "a"\nname = "A"\n'
         '[[principle]]\nslug = "a"\nname = "B"\n', "appears twice"),
    ],
)
def test_bad_framework_files_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(FrameworkError, match=message.replace("[", r"\[")):
        parse_framework(text, origin="test.toml")


def test_upgrading_an_old_database_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    first_name, first_sql = _migrations()[0]
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for statement in _statements(first_sql):
        conn.execute(statement)
    conn.execute("INSERT INTO migrations VALUES (?, '2026-01-01')", (first_name,))
    conn.execute("INSERT INTO stories(id, key, title, created_at, updated_at) "
                 "VALUES ('old', 'old', 'An old story', '2026-01-01', '2026-01-01')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.applied_migrations() == [name for name, _ in _migrations()]
        row = store.conn.execute("SELECT title FROM stories WHERE id = 'old'").fetchone()
        assert row[0] == "An old story"
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_loopprep_is_refused(tmp_path: Path) -> None:
    from loopprep.errors import StoreError

    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer loopprep"):
        Store.open(path)


def test_failed_transaction_rolls_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        with pytest.raises(RuntimeError), store.transaction() as conn:
            conn.execute("INSERT INTO settings VALUES ('a', 'b')")
            raise RuntimeError("boom")
        assert store.get_setting("a") is None


def test_reading_again_keeps_unchanged_stories_and_sees_every_change(tmp_path: Path) -> None:
    """The web app re-reads the bank after each commit: unchanged stories come back as the
    same objects (their health already worked out), a changed one never does."""
    from datetime import UTC, date, datetime

    from loopprep.bank import Bank
    from loopprep.coverage import story_health

    now, today = datetime(2026, 12, 1, tzinfo=UTC), date(2026, 12, 1)
    with Bank.open(tmp_path / "home") as bank:
        for title in ("Pager storm", "Vendor audit", "Cost cut"):
            bank.add_story(title, now=now, principles=["ownership"])
        first = {s.id: s for s in bank.stories()}
        edited, tagged, same = sorted(first)
        assert {"metric", "date"} <= set(story_health(first[edited], today).missing)
        bank.update_story(edited, {"result": "Pages fell 40% in 2025."}, now=now)
        bank.tag_story(tagged, ["ownership", "frugality"])
        second = {s.id: s for s in bank.stories()}
    assert second[same] is first[same]
    assert second[edited] is not first[edited] and second[tagged] is not first[tagged]
    assert second[edited].result == "Pages fell 40% in 2025."
    assert story_health(second[edited], today).missing == ()
    assert second[tagged].principles == ("ownership", "frugality")
