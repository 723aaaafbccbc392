"""Uploaded notes in the library: kept under HOME/uploads, imported like a folder, and all
or nothing — a refused upload leaves the previous copy and the bank as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopprep.bank import Bank
from loopprep.uploads import Upload, UploadError, import_uploads, safe_name
from webtools import NOW, zip_bytes

NOTES = b"## Ownership\n### Me\n- ACME: took over the importer nobody maintained\n"


def test_a_refused_upload_changes_nothing(loopprep_home: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        first = import_uploads(bank, [Upload("notes.md", NOTES)], now=NOW)
        assert [p.name for p in first.kept] == ["notes.md"]
        before = [s.id for s in bank.stories()]
        with pytest.raises(Exception, match="not UTF-8"):
            import_uploads(bank, [Upload("notes.md", b"## Ownership\n- \xff\xfe broken\n"),
                                  Upload("other.md", NOTES)], now=NOW)
        assert [s.id for s in bank.stories()] == before
    uploads = loopprep_home / "uploads"
    assert (uploads / "notes.md").read_bytes() == NOTES
    assert sorted(p.name for p in uploads.iterdir()) == ["notes.md"]  # no staging left behind


def test_uploading_a_vault_again_replaces_its_copy(loopprep_home: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        import_uploads(bank, [Upload("vault.zip", zip_bytes({"a.md": NOTES, "b.md": NOTES}))], now=NOW)
        import_uploads(bank, [Upload("vault.zip", zip_bytes({"a.md": NOTES}))], now=NOW)
    assert sorted(p.name for p in (loopprep_home / "uploads" / "vault").iterdir()) == ["a.md"]


@pytest.mark.parametrize(("sent", "kept"), [
    ("notes.md", "notes.md"), ("C:\\Users\\me\\notes.md", "notes.md"), ("../../x.md", "x.md"),
    ("my notes (2).md", "my notes -2-.md"), ("Über.md", "Über.md"), ("a/b/.hidden.md", "hidden.md"),
    ("", None), ("...", None),
])
def test_upload_names_are_made_safe(sent: str, kept: str | None) -> None:
    if kept is None:
        with pytest.raises(UploadError):
            safe_name(sent)
    else:
        assert safe_name(sent) == kept


def test_two_uploads_with_one_name_are_refused(loopprep_home: Path) -> None:
    with Bank.open(loopprep_home) as bank, pytest.raises(UploadError, match="same name"):
        import_uploads(bank, [Upload("vault.zip", zip_bytes({"a.md": NOTES})),
                              Upload("VAULT", NOTES)], now=NOW)


def test_notes_kept_in_other_formats_are_uploaded_and_a_vault_zip_reads_them(
        loopprep_home: Path) -> None:
    org = b"* Ownership\n** Took over the flaky importer nobody owned\n"
    text = b"OWNERSHIP\n\n- ACME: rewrote the nightly export nobody maintained\n"
    bank_yaml = b"stories:\n  - title: Pager storm\n    lps: [Ownership]\n"
    config = b"theme: dark\n"
    with Bank.open(loopprep_home) as bank:
        done = import_uploads(bank, [Upload("notes.org", org), Upload("plain.txt", text),
                                     Upload("bank.yaml", bank_yaml)], now=NOW)
        assert sorted(p.name for p in done.kept) == ["bank.yaml", "notes.org", "plain.txt"]
        assert {"Pager storm"} <= {s.title for s in bank.stories()}
        # in a zip (a folder), plain text and markup are notes; a YAML file may be a config
        zipped = import_uploads(bank, [Upload("vault.zip", zip_bytes(
            {"a.org": org, "b.txt": text, "settings.yaml": config}))], now=NOW)
        assert "settings.yaml" in " ".join(zipped.skipped)
        with pytest.raises(UploadError, match="imports notes files"):
            import_uploads(bank, [Upload("photo.png", b"\x89PNG")], now=NOW)
