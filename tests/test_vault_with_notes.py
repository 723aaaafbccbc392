"""An exported vault imported together with the notes it came from (both in one Obsidian
vault, or `loopprep import notes.md vault/`): each piece of text once per story, the same
stories and ids as the notes alone, and nothing lost when one of the copies goes away."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, CLI, EXAMPLE, need_shared
from loopprep.bank import Bank
from loopprep.model import Fragment, PrincipleSlug, SourceRef, fragment_text_key
from loopprep.store.stories import distinct_fragments

NOW = datetime(2026, 11, 27, 9, 30)


def _notes_and_vault(source: Path, folder: Path) -> tuple[Path, Path]:
    """A folder holding a copy of `source` and the vault exported from it alone."""
    folder.mkdir()
    notes = folder / source.name
    shutil.copy(source, notes)
    with Bank.in_memory() as bank:
        bank.import_notes([notes], now=NOW)
        bank.export_vault(folder / "vault", now=NOW)
    return notes, folder / "vault"


def _view(bank: Bank) -> dict[str, Any]:
    return {s.id: (s.title, s.principles, [(f.text, f.principle, f.source.path, f.source.line)
                                           for f in s.fragments]) for s in bank.stories()}


def _questions(bank: Bank) -> dict[str, Any]:
    return {q.id: q.story_ids for q in bank.note_questions()}


@pytest.mark.parametrize("source", [BUNDLED, EXAMPLE], ids=["jordan", "shared-example"])
def test_notes_and_their_vault_read_as_the_notes_alone(source: Path, tmp_path: Path) -> None:
    if source == EXAMPLE:
        need_shared(EXAMPLE)
    notes, vault = _notes_and_vault(source, tmp_path / "vault-folder")
    with Bank.in_memory() as alone:
        alone.import_notes([notes], now=NOW)
        expected, questions = _view(alone), _questions(alone)
        # both, after the notes alone: nothing changes, each bullet once, notes' lines kept
        report = alone.import_notes([notes, vault], now=NOW)
        assert not report.changed, report
        assert _view(alone) == expected and _questions(alone) == questions
    with Bank.in_memory() as fresh:
        # both at once into an empty bank, as a folder holding both: the same stories and
        # ids (not a second PARCELIO story made from the notes' bullets)
        report = fresh.import_notes([tmp_path / "vault-folder"], now=NOW)
        assert sorted(report.stories_added) == sorted(expected)
        assert _view(fresh) == expected and _questions(fresh) == questions
    assert len(expected) >= 10


def test_each_bullet_shows_once_in_stories_show_coverage_and_export(cli: CLI, tmp_path: Path) -> None:
    notes, vault = _notes_and_vault(BUNDLED, tmp_path / "both")
    assert cli("import", notes) == 0
    coverage = cli.json("coverage")
    report = cli.json("import", notes, vault)
    assert report["changed"] is False  # type: ignore[index]
    assert cli.json("coverage") == coverage
    shown = cli.json("stories", "show", "parcelio")
    texts = [n["text"] for n in shown["notes"]]  # type: ignore[index]
    assert len(texts) == 4 and len(set(texts)) == 4
    assert {n["line"] for n in shown["notes"]} == {17, 34, 81, 95}  # type: ignore[index]
    assert cli("stories", "show", "parcelio") == 0
    assert cli.out.count("late-delivery complaints") == 1
    # exporting again gives the very notes the vault already holds: no bullet doubled
    again = cli.json("export", "vault", vault)
    assert again["written"] == [] and again["unchanged"]  # type: ignore[index]
    note = (vault / "parcelio.md").read_text(encoding="utf-8")
    assert note.count("rode along with two drivers") == 1


def test_the_other_copy_shows_when_one_source_drops_a_bullet(cli: CLI, tmp_path: Path) -> None:
    notes, vault = _notes_and_vault(BUNDLED, tmp_path / "both")
    assert cli("import", notes, vault) == 0
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("- PARCELIO routing, again. Shipped before peak season\n", ""),
                     encoding="utf-8")
    assert cli("import", notes, vault) == 0
    shown = cli.json("stories", "show", "parcelio")
    kept = [n for n in shown["notes"] if "peak season" in n["text"]]  # type: ignore[index]
    assert len(kept) == 1 and kept[0]["principle"] == "deliver-results"
    assert kept[0]["path"] == str((vault / "parcelio.md").resolve())


def test_same_text_is_compared_without_spacing_case_punctuation_or_markers() -> None:
    def frag(text: str, path: str, line: int, principle: str | None = None) -> Fragment:
        return Fragment(text, SourceRef(path, line), PrincipleSlug(principle) if principle else None)

    assert fragment_text_key("- PARCELIO:  late  deliveries.\n\t- no data on rural routes;") == (
        fragment_text_key("parcelio: Late deliveries\n  * No data on rural routes"))
    assert fragment_text_key("1. Shipped it!") == fragment_text_key("shipped it")
    assert fragment_text_key("shipped it") != fragment_text_key("shipped it late")
    kept = distinct_fragments([
        frag("TenneT again", "a.md", 3, "frugality"),
        frag("TenneT again", "a.md", 9, "think-big"),  # one note filing it twice: both stay
        frag("Cut compute cost 40%", "a.md", 12),
        frag("- tennet again.", "b.md", 1, "frugality"),  # the other note's copies: left out
        frag("tennet AGAIN", "b.md", 2, "think-big"),
        frag("cut compute cost 40% ", "b.md", 5),
        frag("A bullet only b.md has", "b.md", 7),
    ])
    assert [(f.source.path, f.source.line) for f in kept] == [
        ("a.md", 3), ("a.md", 9), ("a.md", 12), ("b.md", 7)]


def test_the_story_page_names_the_file_of_a_bullet_from_another_file(
    cli: CLI, tmp_path: Path, loopprep_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from webtools import client

    notes, vault = _notes_and_vault(BUNDLED, tmp_path / "both")
    monkeypatch.chdir(tmp_path / "both")
    assert cli("import", notes, vault) == 0  # the story note defines it; the notes' copies show
    page = client(loopprep_home).get("/stories/parcelio").text
    assert "from vault/parcelio.md:13" in page
    assert page.count("late-delivery complaints") == 1
    assert "jordan-notes.md:17" in page and "line 17" not in page
    assert cli("stories", "show", "parcelio") == 0
    assert "jordan-notes.md:17 (Customer Obsession)" in cli.out
