"""Exports against real files: the vault reads back as the same bank (hypothesis), user edits
are never overwritten silently, the PDF cheat sheet is one real page, the HTML escapes user
text, the Anki deck opens as an Anki collection, and the calendar parses as RFC 5545."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLI
from loopprep.bank import Bank
from loopprep.export.files import ExportConflict
from loopprep.export.ics import Event, escape_text, fold, write_ics
from loopprep.export.vault import INDEX_NAME
from loopprep.model import STAR_PARTS, Story

NOW = datetime(2026, 11, 27, 9, 30)
TODAY = date(2026, 11, 27)
SLUGS = ["customer-obsession", "ownership", "dive-deep", "earn-trust", "have-backbone", "frugality"]


def _comparable(story: Story) -> dict[str, Any]:
    return {"id": story.id, "title": story.title, "principles": story.principles, "org": story.org,
            "date": story.date, "metrics": story.metrics, "tags": story.tags,
            **{part: getattr(story, part) for part in STAR_PARTS}}


def _reimported(folder: Path) -> list[Story]:
    with Bank.in_memory() as fresh:
        report = fresh.import_notes([folder], now=NOW)
        assert not [f for f in report.findings if f.severity == "warning"], report.findings
        return fresh.stories()


# --- vault: import(export(bank)) == bank -------------------------------------------------

_word = st.text(alphabet="abcXYZ019éß'’.,;:!?()%$€&", min_size=1, max_size=10)
_line = st.lists(_word, min_size=1, max_size=8).map(" ".join)
_paragraph = st.lists(_line, min_size=1, max_size=3).map("\n".join)
_bullets = st.lists(_line, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items))
# lines a reader could take for structure: headings, fences, numbered and checkbox lists,
# rules, escapes, indentation and blank lines must all come back exactly as typed
_tricky = st.sampled_from(["# not a heading", "## Result", "```", "~~~ code", "1. first", "2) second",
                           "* star", "- [ ] todo", "- [x] done", "---", "\\## escaped", "\\\\# two",
                           "    indented", "\tTabbed", "", "", "> quote", "[[Link]]", "Q: why?"])
_field = st.one_of(st.just(""), st.lists(st.one_of(_line, _bullets, _tricky), min_size=1, max_size=6)
                   .map(lambda lines: "\n".join(lines).strip()))
_date = st.one_of(st.none(), st.integers(1990, 2026).map(str),
                  st.tuples(st.integers(1990, 2026), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
                  st.dates(date(1990, 1, 1), date(2026, 12, 31)).map(date.isoformat))
_story = st.fixed_dictionaries({
    "title": _line.filter(lambda t: t.strip() == t),
    "principles": st.lists(st.sampled_from(SLUGS), unique=True, max_size=3),
    "fields": st.fixed_dictionaries({
        "org": st.one_of(st.none(), _line), "date": _date,
        "metrics": st.lists(_line, max_size=2), "tags": st.lists(_word, max_size=2),
        **{part: _field for part in STAR_PARTS},
    }),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_story, min_size=1, max_size=5))
def test_vault_export_reads_back_as_the_same_bank(stories: list[dict[str, Any]]) -> None:
    with Bank.in_memory() as bank, tempfile.TemporaryDirectory() as tmp:
        for story in stories:
            fields = {k: v for k, v in story["fields"].items() if v not in (None, "", [])}
            bank.add_story(story["title"], now=NOW, principles=story["principles"], fields=fields)
        before = [_comparable(s) for s in bank.stories()]
        report = bank.export_vault(Path(tmp), now=NOW)
        assert len(report.files.written) == len(stories) + 1
        after = [_comparable(s) for s in _reimported(Path(tmp))]
    assert after == before


def test_real_notes_round_trip_through_the_vault(example_notes: Path, tmp_path: Path) -> None:
    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        bank.update_story("irpwind", {"situation": "EU wind research programme, 2016.\n\n# not a heading"
                                                   "\n```\n1. a numbered step",
                                      "metrics": ["9 labs, 4 countries"], "date": "2016"}, now=NOW)
        original = bank.stories()
        bank.export_vault(tmp_path / "vault", now=NOW)
    again = _reimported(tmp_path / "vault")
    assert [s.id for s in again] == [s.id for s in original]
    for old, new in zip(original, again, strict=True):
        assert _comparable(new) == _comparable(old)
        notes = [(f.text, f.principle) for f in old.fragments]
        assert [(f.text, f.principle) for f in new.fragments] == notes
    index = (tmp_path / "vault" / INDEX_NAME).read_text(encoding="utf-8")
    assert "## Dive Deep" in index and "[[irpwind|IRPWIND]]" in index


def test_vault_never_overwrites_what_you_changed(example_notes: Path, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        first = bank.export_vault(folder, now=NOW)
        assert first.files.written and not first.files.backups
        again = bank.export_vault(folder, now=NOW)
        assert not again.files.written and len(again.files.unchanged) == len(first.files.written)

        mine = folder / "irpwind.md"
        edited = mine.read_text(encoding="utf-8") + "\nMy own thoughts.\n"
        mine.write_text(edited, encoding="utf-8")
        stranger = folder / "tennet.md"
        stranger.unlink()
        stranger.write_text("a note loopprep did not write\n", encoding="utf-8")
        bank.update_story("ultrasound", {"result": "Became a certified scanner in 2015."}, now=NOW)
        snapshot = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        with pytest.raises(ExportConflict) as refused:
            bank.export_vault(folder, now=NOW)
        assert "irpwind.md" in str(refused.value) and "tennet.md" in str(refused.value)
        # nothing at all was written, not even the story that did change
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == snapshot

        forced = bank.export_vault(folder, now=datetime(2026, 11, 27, 10, 0), force=True)
    backups = {p.name: p for p in forced.files.backups}
    assert set(backups) == {"irpwind.md", "tennet.md", "ultrasound.md"}
    assert backups["irpwind.md"].read_text(encoding="utf-8") == edited
    assert ".loopprep-backup" in str(backups["irpwind.md"])
    assert "My own thoughts" not in mine.read_text(encoding="utf-8")
    assert "certified scanner" in (folder / "ultrasound.md").read_text(encoding="utf-8")
    assert not list(folder.glob(".*.tmp"))


def test_vault_cli(cli: CLI, example_notes: Path, tmp_path: Path) -> None:
    assert cli("import", example_notes, "--json") == 0
    data = cli.json("export", "vault", tmp_path / "v")
    assert isinstance(data, dict) and len(data["written"]) == 14
    (tmp_path / "v" / "qcells-aus.md").write_text("changed\n", encoding="utf-8")
    assert cli("export", "vault", tmp_path / "v") == 1
    assert cli.err.startswith("error: 1 file(s) changed") and "--force" in cli.err
    assert cli("export", "vault", tmp_path / "v", "--force") == 0


# --- cheat sheet -------------------------------------------------------------------------

def _bank_with_hostile_title(example_notes: Path) -> Bank:
    bank = Bank.in_memory()
    bank.import_notes([example_notes], now=NOW)
    bank.add_story("<script>alert(1)</script> & friends", now=NOW, principles=["earn-trust"],
                   fields={"situation": "I told the client <b>first</b>.", "metrics": ["NPS +12"]})
    return bank


def test_html_cheatsheet_escapes_user_text_and_fits_a_phone(example_notes: Path, tmp_path: Path) -> None:
    with _bank_with_hostile_title(example_notes) as bank:
        plan = bank.plan_loop(today=TODAY)
        result = bank.export_cheatsheet(plan, tmp_path / "sheet.html", "html", today=TODAY, now=NOW)
    page = result.path.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in page
    assert "&lt;b&gt;first&lt;/b&gt;" in page and "NPS +12" in page
    assert 'name="viewport"' in page and "<link" not in page and "src=" not in page  # self-contained
    assert "Bar raiser" in page and "QCELLS AUS" in page


def test_markdown_cheatsheet(example_notes: Path, tmp_path: Path) -> None:
    with _bank_with_hostile_title(example_notes) as bank:
        plan = bank.plan_loop(today=TODAY)
        result = bank.export_cheatsheet(plan, tmp_path / "sheet.md", "md", today=TODAY, now=NOW)
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("# Cheat sheet: Typical Amazon loop")
    assert "\\<script\\>" in text and "## Bar raiser" in text and "30% savings" in text
    assert "## Not covered yet" in text


def _render(pdf_path: Path) -> tuple[int, float, str]:
    """Pages, share of non-white pixels on page 1, and page 1's text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = len(pdf)
        page = pdf[0]
        image = page.render(scale=1).to_pil().convert("L")
        ink = sum(image.histogram()[:200]) / (image.width * image.height)
        text = page.get_textpage().get_text_range()
    finally:
        pdf.close()
    return pages, ink, text


def test_pdf_cheatsheet_is_one_real_page(example_notes: Path, tmp_path: Path) -> None:
    with _bank_with_hostile_title(example_notes) as bank:
        plan = bank.plan_loop(today=TODAY)
        result = bank.export_cheatsheet(plan, tmp_path / "sheet.pdf", "pdf", today=TODAY, now=NOW)
    pages, ink, text = _render(result.path)
    assert pages == 1
    assert 0.01 < ink < 0.5
    assert "QCELLS AUS" in text and "<script>alert(1)</script>" in text


def test_pdf_stays_one_page_for_a_big_loop(tmp_path: Path) -> None:
    specs = [f"Interviewer {n}: {a}, {b}" for n, (a, b) in enumerate(
        [("ownership", "dive-deep"), ("customer-obsession", "frugality"), ("earn-trust", "think-big"),
         ("bias-for-action", "have-backbone"), ("deliver-results", "invent-and-simplify"),
         ("are-right-a-lot", "learn-and-be-curious"), ("hire-and-develop-the-best", "success-and-scale")])]
    with Bank.in_memory() as bank:
        for n in range(40):
            bank.add_story(f"Story number {n} with a rather long title about migrations", now=NOW,
                           principles=[SLUGS[n % len(SLUGS)], "ownership", "think-big", "frugality",
                                       "bias-for-action", "deliver-results", "are-right-a-lot",
                                       "hire-and-develop-the-best", "success-and-scale",
                                       "invent-and-simplify", "learn-and-be-curious"],
                           fields={"situation": "A long situation sentence that goes on " * 8,
                                   "action": "I did many careful things " * 10,
                                   "lessons": "I learned a great deal " * 10, "metrics": ["cut 40% of cost"]})
        plan = bank.plan_loop(bank.loop(interviewers=specs), today=TODAY)
        assert not plan.lacking
        result = bank.export_cheatsheet(plan, tmp_path / "big.pdf", "pdf", today=TODAY, now=NOW)
    pages, ink, _ = _render(result.path)
    assert pages == 1 and ink > 0.01


def test_cheatsheet_cli(cli: CLI, example_notes: Path, tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("import", example_notes, "--json") == 0
    assert cli("export", "cheatsheet") == 0 and (tmp_path / "cheatsheet.html").exists()
    data = cli.json("export", "cheatsheet", "--format", "pdf", "--out", tmp_path / "s.pdf")
    assert isinstance(data, dict) and data["format"] == "pdf" and data["written"]
    assert cli("export", "cheatsheet", "-f", "md", "-o", "-") == 0 and cli.out.startswith("# Cheat sheet")
    assert cli("export", "cheatsheet", "-f", "pdf", "-o", "-") == 1
    assert cli("export", "cheatsheet", "-f", "docx") == 1 and "html, md or pdf" in cli.err
    (tmp_path / "cheatsheet.html").write_text("mine", encoding="utf-8")
    assert cli("export", "cheatsheet") == 1 and "changed since" in cli.err
    assert (tmp_path / "cheatsheet.html").read_text(encoding="utf-8") == "mine"


# --- Anki --------------------------------------------------------------------------------

def test_anki_deck_is_an_anki_collection(example_notes: Path, tmp_path: Path) -> None:
    from loopprep.export.anki import build_cards

    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        plan = bank.plan_loop(today=TODAY)
        result = bank.export_anki(plan, tmp_path / "deck.apkg", now=NOW)
        cards = build_cards(plan, bank.note_questions())
    filled = [s for s in plan.slots if s.primary is not None]
    assert result.details["story_cards"] == len(filled)
    with zipfile.ZipFile(result.path) as archive:
        archive.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    notes = conn.execute("SELECT guid, flds FROM notes").fetchall()
    conn.close()
    assert len(notes) == len(cards) == result.details["cards"]
    assert any("QCELLS AUS" in fields and "30% savings" in fields for _, fields in notes)
    assert any("Tell me about a time when you were faced with a problem" in f for _, f in notes)
    # the same plan gives the same note ids, so re-importing updates the deck in Anki
    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        again = {c.key for c in build_cards(bank.plan_loop(today=TODAY), bank.note_questions())}
    assert again == {c.key for c in cards}


# --- calendar ----------------------------------------------------------------------------

def test_ics_escaping_and_folding_follow_rfc_5545() -> None:
    import icalendar

    nasty = "Dive Deep, Ownership; and a back\\slash\nnew line — café " + "long " * 30
    text = write_ics([Event("a@loopprep", nasty, datetime(2026, 12, 1, 18, 0), 45, nasty),
                      Event("b@loopprep", "Interview", date(2026, 12, 3))], now=NOW, name="x")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert str(events[0]["SUMMARY"]) == nasty and str(events[0]["DESCRIPTION"]) == nasty
    assert events[0]["DTSTART"].dt == datetime(2026, 12, 1, 18, 0)
    assert events[1]["DTSTART"].dt == date(2026, 12, 3)
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("X:" + "é" * 80)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "X:" + "é" * 80


def test_practice_calendar(example_notes: Path, tmp_path: Path, cli: CLI) -> None:
    import icalendar

    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        plan = bank.plan_loop(today=TODAY)
        result = bank.export_calendar(plan, tmp_path / "p.ics", interview_date=date(2026, 12, 4),
                                      today=TODAY, now=NOW, at=time(7, 30), minutes=25)
        with pytest.raises(Exception, match="not after today"):
            bank.export_calendar(plan, tmp_path / "q.ics", interview_date=TODAY, today=TODAY, now=NOW)
    events = list(icalendar.Calendar.from_ical(result.path.read_bytes()).walk("VEVENT"))
    starts = [e["DTSTART"].dt for e in events]
    assert starts[0] == datetime(2026, 11, 28, 7, 30) and starts[-1] == date(2026, 12, 4)
    assert len(events) == 7 and len({str(e["UID"]) for e in events}) == 7
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries[0] == "Develop the story your loop is missing"
    assert summaries[1].startswith("Practise for Hiring manager")
    assert "run-through" in summaries[-2] and summaries[-1].startswith("Interview loop")
    assert cli("export", "calendar", "--out", tmp_path / "c.ics") == 1 and "interview" in cli.err
    assert cli("export", "calendar", "--interview-date", "soon", "--out", tmp_path / "c.ics") == 1


def test_an_unwritable_destination_is_one_clear_error(cli: CLI, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert cli("export", "cheatsheet", "-f", "md", "--out", blocker / "sheet.md") == 1
    assert cli.err.startswith("error: cannot write") and "Traceback" not in cli.err
    assert cli("export", "vault", blocker) == 1 and "is a file" in cli.err


def test_calendar_follows_the_practice_schedule(example_notes: Path, tmp_path: Path) -> None:
    import icalendar

    from loopprep.store import practice as practice_rows

    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with Bank.in_memory() as bank:
        bank.import_notes([example_notes], now=NOW)
        bank.add_interview("Amazon", day="2026-12-02", now=now)
        with bank.store.transaction() as conn:
            for kind, ref, principle, due in (
                    ("story-recall", "earn-trust", "earn-trust", now + timedelta(days=2)),
                    ("story-recall", "have-backbone", "have-backbone", now + timedelta(days=2)),
                    ("question", "earn-trust-001", "earn-trust", now + timedelta(days=2, hours=3)),
                    ("story-recall", "ownership", "ownership", now - timedelta(days=3))):
                practice_rows.insert_card(conn, kind, ref, principle, due)
        plan = bank.plan_loop(today=TODAY)
        # no --interview-date and no date in the loop: the interview added above is the day
        result = bank.export_calendar(plan, tmp_path / "p.ics", interview_date=None,
                                      today=TODAY, now=now)
    assert result.details["interview_date"] == "2026-12-02"
    events = list(icalendar.Calendar.from_ical(result.path.read_bytes()).walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    descriptions = [str(e.get("DESCRIPTION", "")) for e in events]
    assert summaries[0] == "Develop the story your loop is missing"
    assert "Due on your practice schedule: Ownership" in descriptions[0]  # overdue: first day
    # the day two bar-raiser cards fall due, the session is the bar raiser's
    assert summaries[1] == "Practise for Bar raiser: Earn Trust, Have Backbone; Disagree and Commit"
    assert "Due on your practice schedule: Earn Trust ×2, Have Backbone" in descriptions[1]
    assert summaries[2].startswith("Practise for Hiring manager")  # nothing due: rotation
    assert "run-through" in summaries[3] and summaries[4].startswith("Interview loop")
