"""Exports in the browser: the Anki deck, the calendar and the story notes download from the
bank (nothing written on the server), the principles read as `loopprep principles` does, and
the database check is SQLite's own."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from loopprep.bank import Bank
from webtools import client, form


@pytest.fixture
def web(loopprep_home: Path, example_notes: Path) -> TestClient:
    web = client(loopprep_home)
    assert web.post("/import/path", data=form({"path": str(example_notes)})).status_code == 200
    return web


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() and "-wal" not in p.name
            and "-shm" not in p.name}


def test_downloads_are_real_files_and_write_nothing(web: TestClient, loopprep_home: Path) -> None:
    before = _files_under(loopprep_home)
    deck = web.get("/exports/loopprep.apkg")
    assert deck.status_code == 200 and "attachment" in deck.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(deck.content)) as apkg:  # an .apkg is a zip of SQLite
        names = apkg.namelist()
        assert any(n.startswith("collection") for n in names)
        collection = loopprep_home.parent / "collection.anki2"
        collection.write_bytes(apkg.read(next(n for n in names if n.startswith("collection"))))
    with sqlite3.connect(collection) as conn:
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] > 10
    notes = web.get("/exports/loopprep-stories.zip")
    with zipfile.ZipFile(io.BytesIO(notes.content)) as vault:
        names = vault.namelist()
    with Bank.open(loopprep_home) as bank:
        stories = bank.stories()
    assert len([n for n in names if n.endswith(".md")]) == len(stories) + 1  # and the index
    assert _files_under(loopprep_home) == before


def test_the_calendar_needs_an_interview_and_then_runs_to_its_last_stage(web: TestClient) -> None:
    refused = web.get("/exports/loopprep-practice.ics")
    assert refused.status_code == 400 and "the day of your interview" in refused.text
    added = web.post("/interviews", data=form({"company": "Acme", "role": "SDE",
                                               "date": "2026-12-09",
                                               "stages": "phone screen=2026-12-03, onsite"}))
    assert added.status_code in (200, 303)
    calendar = web.get("/exports/loopprep-practice.ics")
    assert calendar.status_code == 200 and calendar.headers["content-type"].startswith("text/calendar")
    text = calendar.text
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") >= 5
    assert "20261208" in text  # the evening before the last stage


def test_principles_and_the_database_check(web: TestClient, loopprep_home: Path) -> None:
    page = web.get("/exports").text
    with Bank.open(loopprep_home) as bank:
        names = [p.name for p in bank.framework]
        texts = bank.principle_texts()
    assert all(name.replace("'", "&#39;") in page for name in names)
    assert any(text[:40].replace("'", "&#39;") in page for text in texts.values())
    assert "Check it now" in page
    assert "The database is sound" in web.get("/exports?check=1").text


def test_an_unknown_download_is_a_404_that_names_it(web: TestClient) -> None:
    missing = web.get("/exports/everything.tar")
    assert missing.status_code == 404 and "everything.tar" in missing.text
