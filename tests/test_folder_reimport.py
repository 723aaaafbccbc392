"""Re-importing a folder (a vault on disk, or uploaded again as a zip) from which notes were
deleted: the same rule as for a notes file — a story no file tells any more is archived and
reported, one still told elsewhere stays — and nothing outside the folder is touched."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from conftest import BUNDLED, CLI
from loopprep.bank import Bank
from loopprep.uploads import Upload, import_uploads
from webtools import client, form, zip_bytes

NOW = datetime(2026, 11, 27, 9, 30)


def _vault(folder: Path, notes: Path = BUNDLED) -> Path:
    """The story notes `export vault` writes for `notes`, in `folder`."""
    with Bank.in_memory() as bank:
        bank.import_notes([notes], now=NOW)
        bank.export_vault(folder, now=NOW)
    return folder


def test_story_notes_deleted_from_a_reimported_vault_are_archived(cli: CLI, tmp_path: Path) -> None:
    vault = _vault(tmp_path / "vault")
    first = cli.json("import", vault)
    ids = set(first["stories"]["added"])  # type: ignore[index]
    assert {"opentransit", "parcelio-hiring"} <= ids
    kept = (vault / "opentransit.md").read_text(encoding="utf-8")
    (vault / "opentransit.md").unlink()
    (vault / "parcelio-hiring.md").rename(tmp_path / "parcelio-hiring.md")  # moved out

    report = cli.json("import", vault)
    assert report["stories"]["archived"] == ["opentransit", "parcelio-hiring"]  # type: ignore[index]
    assert set(report["stories"]["unchanged"]) == ids - {"opentransit", "parcelio-hiring"}  # type: ignore[index]
    assert sorted(report["files_gone"]) == sorted(  # type: ignore[index]
        str((vault / n).resolve()) for n in ("opentransit.md", "parcelio-hiring.md"))
    assert report["changed"] is True  # type: ignore[index]
    live = {s["id"] for s in cli.json("stories")["stories"]}  # type: ignore[index]
    assert live == ids - {"opentransit", "parcelio-hiring"}
    archived = cli.json("stories", "list", "--archived")["stories"]  # type: ignore[index]
    assert {s["id"] for s in archived if s["archived"]} == {"opentransit", "parcelio-hiring"}
    assert cli("import", vault) == 0 and "gone from the folder" not in cli.out
    assert "nothing changed" in cli.out

    (vault / "opentransit.md").write_text(kept, encoding="utf-8")  # the note comes back
    back = cli.json("import", vault)
    assert back["stories"]["updated"] == ["opentransit"] and back["stories"]["added"] == []  # type: ignore[index]
    assert cli.json("stories", "show", "opentransit")["archived"] is False  # type: ignore[index]


def test_the_cli_names_the_files_gone(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    vault = _vault(tmp_path / "vault")
    assert cli("import", "vault") == 0
    (vault / "hackathon-2021.md").unlink()
    assert cli("import", "vault") == 0
    shown = " ".join(cli.out.split())
    assert "gone from the folder since the last import: vault/hackathon-2021.md" in shown
    assert "1 archived (gone from your notes)" in shown


def test_a_story_still_told_in_other_notes_stays(cli: CLI, tmp_path: Path) -> None:
    notes = tmp_path / "jordan-notes.md"
    shutil.copy(BUNDLED, notes)
    vault = _vault(tmp_path / "vault", notes)
    assert cli("import", notes) == 0
    assert cli("import", vault) == 0
    assert cli.json("stories", "show", "parcelio")["source"]["path"] == str(  # type: ignore[index]
        (vault / "parcelio.md").resolve())
    (vault / "parcelio.md").unlink()
    (vault / "opentransit.md").unlink()

    report = cli.json("import", vault)
    # both are still told in jordan-notes.md (imported on its own): neither is archived
    assert report["stories"]["archived"] == []  # type: ignore[index]
    parcelio = cli.json("stories", "show", "parcelio")
    assert parcelio["archived"] is False  # type: ignore[index]
    assert parcelio["source"] == {"path": str(notes.resolve()), "line": 17}  # type: ignore[index]
    assert {n["path"] for n in parcelio["notes"]} == {str(notes.resolve())}  # type: ignore[index]
    assert parcelio["principles"] == ["customer-obsession", "are-right-a-lot", "deliver-results"]  # type: ignore[index]
    assert cli.json("import", vault)["changed"] is False  # type: ignore[index]
    # the notes file drops the story too: now no file tells it
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("- OpenTransit: took over the abandoned GTFS importer nobody "
                                  "maintained\n", "").replace("- OpenTransit mentoring\n", "")
                     .replace("   - OpenTransit mentoring, a new contributor whose PRs kept "
                              "bouncing\n", ""), encoding="utf-8")
    assert cli.json("import", notes)["stories"]["archived"] == ["opentransit"]  # type: ignore[index]


def test_one_folder_holding_notes_and_vault(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "Interviews"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "jordan-notes.md")
    vault = _vault(folder / "Stories", folder / "jordan-notes.md")
    assert cli("import", folder) == 0
    (vault / "parcelio.md").unlink()  # the notes still tell it
    (folder / "jordan-notes.md").unlink()  # ...no longer: only the other story notes remain
    report = cli.json("import", folder)
    assert report["stories"]["archived"] == ["parcelio"]  # type: ignore[index]
    assert cli.json("stories", "show", "st-brigids")["archived"] is False  # type: ignore[index]


def test_other_folders_and_single_files_archive_nothing(
    cli: CLI, tmp_path: Path, write: Callable[[str, str], Path]
) -> None:
    vault = _vault(tmp_path / "vault")
    other = write("other/acme.md", "## Ownership\n### Me\n- ACME: took over the importer nobody "
                  "maintained\n")
    assert cli("import", vault, other.parent) == 0
    (vault / "opentransit.md").unlink()

    report = cli.json("import", other.parent)  # another folder
    assert report["stories"]["archived"] == [] and report["files_gone"] == []  # type: ignore[index]
    report = cli.json("import", vault / "parcelio.md")  # a single file of the vault
    assert report["stories"]["archived"] == [] and report["files_gone"] == []  # type: ignore[index]
    assert cli.json("stories", "show", "opentransit")["archived"] is False  # type: ignore[index]
    report = cli.json("import", tmp_path / "notes")  # a parent of the other folder only
    assert report["stories"]["archived"] == []  # type: ignore[index]
    assert cli.json("import", vault)["stories"]["archived"] == ["opentransit"]  # type: ignore[index]
    assert cli.json("stories", "show", "acme")["archived"] is False  # type: ignore[index]


def test_a_deleted_notes_file_takes_its_questions_findings_and_topics_along(
    cli: CLI, tmp_path: Path, loopprep_home: Path
) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    notes = folder / "jordan-notes.md"
    shutil.copy(BUNDLED, notes)
    (folder / "acme.md").write_text("## Ownership\n### Me\n- ACME: took over the importer\n",
                                    encoding="utf-8")
    assert cli("import", folder) == 0
    assert cli.json("questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert cli.json("coverage")["findings"]  # type: ignore[index]
    notes.unlink()

    report = cli.json("import", folder)
    assert "parcelio" in report["stories"]["archived"]  # type: ignore[index]
    assert len(report["questions"]["archived"]) == 4  # type: ignore[index]
    assert report["technical"]["archived"]  # type: ignore[index]
    assert cli.json("questions", "--origin", "notes")["questions"] == []  # type: ignore[index]
    assert [f for f in cli.json("coverage")["findings"]  # type: ignore[index]
            if f["path"] and "jordan-notes" in f["path"]] == []
    with Bank.open(loopprep_home) as bank:
        assert [Path(f.path).name for f in bank.imported_files()] == ["acme.md"]
    assert cli.json("stories")["stories"][0]["id"] == "acme"  # type: ignore[index]


def _story_note(title: str) -> bytes:
    return (f"---\ntype: story\ntitle: {title}\nprinciples: [ownership]\n---\n## Situation\n"
            f"{title} at ACME.\n## Result\nShipped.\n").encode()


def test_uploading_a_vault_again_without_a_note_archives_its_story(loopprep_home: Path) -> None:
    notes = {"a.md": _story_note("Importer rescue"), "b.md": _story_note("Billing rewrite"),
             "sub/c.md": _story_note("Pager duty")}
    with Bank.open(loopprep_home) as bank:
        first = import_uploads(bank, [Upload("vault.zip", zip_bytes(notes))], now=NOW)
        assert sorted(first.report.stories_added) == ["billing-rewrite", "importer-rescue", "pager-duty"]
        del notes["sub/c.md"]
        again = import_uploads(bank, [Upload("vault.zip", zip_bytes(notes))], now=NOW)
        assert again.report.stories_archived == ["pager-duty"]
        assert [Path(p).name for p in again.report.files_gone] == ["c.md"]
        # a single uploaded file, or another zip, speaks only for itself
        other = import_uploads(bank, [Upload("other.zip", zip_bytes({"d.md": _story_note("Oncall")}))],
                               now=NOW)
        alone = import_uploads(bank, [Upload("e.md", _story_note("Release train"))], now=NOW)
        assert other.report.stories_archived == alone.report.stories_archived == []
        assert [s.id for s in bank.stories()] == ["billing-rewrite", "importer-rescue", "oncall",
                                                  "release-train"]


def test_the_import_page_reports_the_archived_stories(loopprep_home: Path) -> None:
    web = client(loopprep_home)
    notes = {"a.md": _story_note("Importer rescue"), "b.md": _story_note("Billing rewrite")}
    sent = web.post("/import/upload", data=form(),
                    files={"notes": ("vault.zip", zip_bytes(notes), "application/zip")})
    assert sent.status_code == 200, sent.text
    del notes["b.md"]
    page = web.post("/import/upload", data=form(),
                    files={"notes": ("vault.zip", zip_bytes(notes), "application/zip")})
    assert page.status_code == 200, page.text
    assert "1 archived (gone from your notes)" in page.text
    assert 'href="/stories/billing-rewrite"' in page.text
    assert "Gone from the folder since the last import" in page.text and "b.md" in page.text
    listed = web.get("/stories.json").json()
    assert [s["id"] for s in listed["stories"]] == ["importer-rescue"]


def test_a_folder_of_notes_in_several_formats_is_read_but_not_its_configs(
        tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("## Ownership\n- ACME: took over the importer\n", "utf-8")
    (folder / "b.txt").write_text("DIVE DEEP\n\n- Found the cache bug by reading traces\n", "utf-8")
    (folder / "c.org").write_text("* Frugality\n** Reused the old tablets\n", "utf-8")
    (folder / "settings.yaml").write_text("title: My vault\nprinciples: [Ownership]\n", "utf-8")
    with Bank.in_memory() as bank:
        report = bank.import_notes([folder], now=NOW)
    assert sorted(Path(f).name for f in report.files) == ["a.md", "b.txt", "c.org"]
