"""Re-importing edited notes: same ids, changes reported, nothing lost."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import CLI


def _copy(example_notes: Path, tmp_path: Path) -> Path:
    target = tmp_path / "vault" / "interview-notes.md"
    target.parent.mkdir(parents=True)
    shutil.copy(example_notes, target)
    return target


def test_edited_note_updates_what_changed(cli: CLI, example_notes: Path, tmp_path: Path) -> None:
    notes = _copy(example_notes, tmp_path)
    first = cli.json("import", notes)
    assert isinstance(first, dict)
    ids_before = {s["id"] for s in cli.json("stories")["stories"]}  # type: ignore[index]

    text = notes.read_text(encoding="utf-8")
    text = text.replace("- TenneT example, again", "- TenneT example, again, cut compute cost 40%")
    text = text.replace("### Me\n- IRPWIND: many labs", "### Me\n- TenneT again, bold rewrite\n"
                        "- IRPWIND: many labs")
    text = text.replace("- ultrasound: doctors, techs, becoming a scanner\n", "")
    notes.write_text(text, encoding="utf-8")

    report = cli.json("import", notes)
    assert isinstance(report, dict)
    assert report["changed"] is True
    assert report["stories"]["added"] == []
    assert "tennet" in report["stories"]["updated"]
    assert report["stories"]["archived"] == ["ultrasound"]
    assert ["tennet", "think-big"] in report["links"]["added"]

    listed = cli.json("stories")
    assert isinstance(listed, dict)
    ids_after = {s["id"] for s in listed["stories"]}
    assert ids_after == ids_before - {"ultrasound"}
    archived = cli.json("stories", "list", "--archived")
    assert "ultrasound" in {s["id"] for s in archived["stories"]}  # type: ignore[index]

    tennet = cli.json("stories", "show", "tennet")
    assert isinstance(tennet, dict)
    assert "metric" not in tennet["missing"]
    assert set(tennet["principles"]) == {"invent-and-simplify", "frugality", "think-big"}


def test_story_coming_back_is_unarchived_with_same_id(
    cli: CLI, example_notes: Path, tmp_path: Path
) -> None:
    notes = _copy(example_notes, tmp_path)
    original = notes.read_text(encoding="utf-8")
    assert cli("import", notes) == 0
    notes.write_text(original.replace("- supervised a lot of students\n", ""), encoding="utf-8")
    report = cli.json("import", notes)
    assert report["stories"]["archived"] == ["supervised-a-lot-of-students"]  # type: ignore[index]
    notes.write_text(original, encoding="utf-8")
    report = cli.json("import", notes)
    assert report["stories"]["updated"] == ["supervised-a-lot-of-students"]  # type: ignore[index]
    assert report["stories"]["added"] == []  # type: ignore[index]


def test_developed_star_fields_survive_reimport(cli: CLI, example_notes: Path,
                                               tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from loopprep.bank import Bank
    from loopprep.home import resolve_home
    from loopprep.store import stories as story_rows

    notes = _copy(example_notes, tmp_path)
    assert cli("import", notes) == 0
    with Bank.open(resolve_home()) as bank, bank.store.transaction() as conn:
        story_rows.update_story_fields(conn, "irpwind", {"result": "Ranked best of 9 groups"},
                                       datetime(2026, 1, 1, tzinfo=UTC).isoformat())
    assert cli("import", notes) == 0
    story = cli.json("stories", "show", "irpwind")
    assert story["result"] == "Ranked best of 9 groups"  # type: ignore[index]


def test_a_second_file_can_refer_to_a_story_of_the_first(
    cli: CLI, example_notes: Path, write: Callable[[str, str], Path]
) -> None:
    assert cli("import", example_notes) == 0
    extra = write("more.md", "## Earn Trust\n### Me\n- IRPWIND again, told the experts when my "
                  "numbers were wrong\n")
    report = cli.json("import", extra)
    assert report["stories"]["added"] == []  # type: ignore[index]
    assert ["irpwind", "earn-trust"] in report["links"]["added"]  # type: ignore[index]
    # importing the second file again must not take the story away from the first file
    assert cli.json("import", extra)["stories"]["archived"] == []  # type: ignore[index]
    coverage = cli.json("coverage")
    assert "earn-trust" not in coverage["gaps"]  # type: ignore[index]
