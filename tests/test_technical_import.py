"""Technical notes from Markdown: a standalone checklist note, the bundled example's
'# Technical' section and the shared example's stub; re-imports that change nothing, that
tick a box or drop an item (its practice log is kept); the topic list as data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import BUNDLED, CLI
from loopprep.bank import Bank
from loopprep.errors import FrameworkError
from loopprep.frameworks import available_frameworks, load_framework
from loopprep.frameworks.topics import load_topics, parse_topics

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

CHECKLIST = """\
---
created: 2025-02-20
---
# Data structures
- [x] Arrays and strings
- [ ] Hash maps
  - collisions and resizing
- [ ] Trees
## Graphs
- [x] adjacency lists
- [ ] union-find
# Algorithms
- [ ] Dynamic programming
- [x] Binary search
- Grokking the coding interview: patterns first
# System design
- [ ] Design a URL shortener
- [ ] Caching
"""


def _subtopics(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for t in view["topics"] for s in t["subtopics"] if s["tracked"]}


def test_a_checklist_note_becomes_tracked_subtopics(cli: CLI, write: Callable[[str, str], Path]) -> None:
    notes = write("tech.md", CHECKLIST)
    report = cli.json("import", notes)
    tracked = _subtopics(cli.json("tech", "topics"))  # type: ignore[arg-type]
    assert {i: s["checked"] for i, s in tracked.items()} == {
        "data-structures/arrays-and-strings": True,
        "data-structures/hash-tables": False,  # "Hash maps", by alias
        "data-structures/trees": False,
        "data-structures/graphs": None,  # a subtopic heading: its bullets are steps
        "algorithms/dynamic-programming": False,
        "algorithms/sorting-and-searching": True,  # "Binary search", by alias
        "system-design/design-a-url-shortener": False,  # the user's own, in their words
        "system-design/caching": False,
    }
    assert set(report["technical"]["added"]) == set(tracked)  # type: ignore[index]
    own = tracked["system-design/design-a-url-shortener"]
    assert own["origin"] == "notes" and own["name"] == "Design a URL shortener"
    # no bullet of the note is left unplaced
    assert not [f for f in report["findings"] if f["code"] == "unplaced-bullet"]  # type: ignore[index]
    hashes = cli.json("tech", "show", "hash maps")
    assert [n["text"] for n in hashes["notes"]] == ["collisions and resizing"]  # type: ignore[index]
    graphs = cli.json("tech", "show", "data-structures/graphs")
    assert [(n["text"], n["checked"]) for n in graphs["notes"]] == [  # type: ignore[index]
        ("adjacency lists", True), ("union-find", False)]
    algorithms = cli.json("tech", "topics", "algorithms")["topics"][0]  # type: ignore[index]
    assert [n["text"] for n in algorithms["notes"]] == ["Grokking the coding interview: patterns first"]


def test_the_bundled_example_technical_section_is_tracked(cli: CLI) -> None:
    report = cli.json("import", BUNDLED)
    lines = BUNDLED.read_text("utf-8").splitlines()
    start = lines.index("# Technical") + 1
    assert not [f for f in report["findings"]  # type: ignore[index]
                if f["code"] == "unplaced-bullet" and f["line"] > start]
    tracked = _subtopics(cli.json("tech", "topics"))  # type: ignore[arg-type]
    assert {i: s["checked"] for i, s in tracked.items()} == {
        "data-structures/arrays-and-strings": True,  # under "## Coding", found by name
        "data-structures/graphs": False,
        "algorithms/dynamic-programming": False,
        "system-design/design-a-url-shortener": False,
    }
    assert report["technical"]["sections"] == 3  # type: ignore[index]
    # the behavioral side is read as before
    assert "dive-deep" in report["principles_found"]  # type: ignore[index]


def test_the_candidates_stub_is_recognised_and_tracks_nothing(cli: CLI, example_notes: Path) -> None:
    report = cli.json("import", example_notes)
    assert report["technical"]["sections"] == 2  # type: ignore[index]  # '# Technical Interview' + its '##'
    assert report["technical"]["added"] == []  # type: ignore[index]
    view = cli.json("tech", "topics")
    assert [n["text"] for n in view["notes"]][0].startswith("From: [Amazon Software Development")  # type: ignore[index]
    readiness = cli.json("readiness")
    assert readiness["technical"]["tracked"] is False and readiness["technical"]["score"] is None  # type: ignore[index]
    assert "rate a subtopic" in readiness["technical"]["explanation"]  # type: ignore[index]


def test_a_note_of_type_technical_is_one_technical_section(cli: CLI,
                                                           write: Callable[[str, str], Path]) -> None:
    notes = write("prep.md", "---\ntype: technical\n---\n- [x] graphs\n- [ ] tries\n- read CLRS ch. 22\n")
    cli.json("import", notes)
    tracked = _subtopics(cli.json("tech", "topics"))  # type: ignore[arg-type]
    assert {i: s["checked"] for i, s in tracked.items()} == {
        "data-structures/graphs": True, "data-structures/tries": False}


def test_reimport_is_idempotent_and_keeps_practice(cli: CLI, write: Callable[[str, str], Path],
                                                   loopprep_home: Path) -> None:
    notes = write("tech.md", CHECKLIST)
    cli.json("import", notes)
    again = cli.json("import", notes)
    assert again["changed"] is False  # type: ignore[index]
    assert again["technical"]["added"] == [] and len(again["technical"]["unchanged"]) == 8  # type: ignore[index]

    with Bank.open(loopprep_home) as bank:
        bank.log_technical("caching", problem="design a news feed cache", outcome="partial",
                           minutes=40, now=NOW)
        bank.rate_subtopic("caching", 2, now=NOW)
        bank.note_subtopic("caching", "write-back loses data on a crash", now=NOW)

    # tick a box, drop caching, reword a note
    edited = CHECKLIST.replace("- [ ] Trees", "- [x] Trees").replace("- [ ] Caching\n", "")
    edited = edited.replace("collisions and resizing", "open addressing vs chaining")
    notes.write_text(edited, encoding="utf-8")
    report = cli.json("import", notes)
    assert report["changed"] is True  # type: ignore[index]
    assert report["technical"]["updated"] == ["data-structures/trees"]  # type: ignore[index]
    assert report["technical"]["archived"] == ["system-design/caching"]  # type: ignore[index]

    caching = cli.json("tech", "show", "caching")
    assert caching["in_notes"] is False and caching["tracked"] is True  # type: ignore[index]
    assert [e["problem"] for e in caching["log"]] == ["design a news feed cache"]  # type: ignore[index]
    assert [r["rating"] for r in caching["ratings"]] == [2]  # type: ignore[index]
    assert [n["text"] for n in caching["notes"]] == ["write-back loses data on a crash"]  # type: ignore[index]
    hashes = cli.json("tech", "show", "hash-tables")
    assert [n["text"] for n in hashes["notes"]] == ["open addressing vs chaining"]  # type: ignore[index]

    notes.write_text(CHECKLIST, encoding="utf-8")  # caching comes back, with its history
    back = cli.json("import", notes)
    assert "system-design/caching" in back["technical"]["updated"]  # type: ignore[index]
    assert len(cli.json("tech", "show", "caching")["log"]) == 1  # type: ignore[index]


def test_the_topic_list_is_data() -> None:
    topics = load_topics()
    assert [t.slug for t in topics.topics] == [
        "programming-language", "data-structures", "algorithms", "coding",
        "object-oriented-design", "databases", "system-design", "operating-systems", "internet",
        "machine-learning"]
    assert topics.topic("machine-learning").roles == ("scientist",)  # type: ignore[union-attr]
    for sub in topics.subtopics:
        assert sub.summary and sub.prompts and sub.aliases, sub.id
    assert len({s.id for s in topics.subtopics}) == len(topics.subtopics)
    # a topic list is not a competency framework
    assert "sde-topics" not in available_frameworks()
    with pytest.raises(FrameworkError, match="technical topic list"):
        load_framework("sde-topics")


def test_the_user_extends_the_topic_list_from_home(cli: CLI, loopprep_home: Path,
                                                  write: Callable[[str, str], Path]) -> None:
    (loopprep_home / "frameworks").mkdir(parents=True)
    (loopprep_home / "frameworks" / "frontend.toml").write_text(
        '[framework]\nslug = "frontend"\nname = "Frontend"\nkind = "technical"\n\n'
        '[[topic]]\nslug = "frontend"\nname = "Frontend"\n'
        '[[topic.subtopic]]\nslug = "css-layout"\nname = "CSS layout"\naliases = ["flexbox", "grid"]\n'
        'prompts = ["Centre a box three ways."]\n\n'
        '[[topic]]\nslug = "algorithms"\n'  # extend a built-in topic by slug
        '[[topic.subtopic]]\nslug = "bit-tricks"\nname = "Bit manipulation"\naliases = ["bits"]\n',
        encoding="utf-8")
    notes = write("tech.md", "# Technical\n- [x] flexbox\n- [ ] bits\n")
    cli.json("import", notes)
    tracked = _subtopics(cli.json("tech", "topics"))  # type: ignore[arg-type]
    assert {i: s["checked"] for i, s in tracked.items()} == {
        "frontend/css-layout": True, "algorithms/bit-tricks": False}
    assert "frontend" not in cli.json("frameworks")["frameworks"]  # type: ignore[index]
    assert cli.json("tech", "show", "css layout")["prompts"] == ["Centre a box three ways."]  # type: ignore[index]


@pytest.mark.parametrize(("text", "message"), [
    ('[framework]\nslug = "x"\nname = "X"\nkind = "technical"\n', "no [[topic]] entries"),
    ('[framework]\nslug = "x"\nname = "X"\nkind = "technical"\n[[topic]]\nslug = "New Topic"\n',
     "must be lowercase words"),
    ('[framework]\nslug = "x"\nname = "X"\nkind = "technical"\n[[topic]]\nslug = "new"\n'
     '[[topic.subtopic]]\nslug = "a"\nname = "A"\n', "needs a non-empty 'name'"),
    ('[framework]\nslug = "x"\nname = "X"\nkind = "technical"\n[[topic]]\nslug = "new"\nname = "N"\n',
     "has no [[topic.subtopic]] entries"),
    ('[framework]\nslug = "x"\nname = "X"\nkind = "technical"\n[[topic]]\nslug = "new"\nname = "N"\n'
     '[[topic.subtopic]]\nslug = "a"\nname = "A"\nprompts = "one"\n', "must be a list of strings"),
])
def test_bad_topic_files_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(FrameworkError, match=message.replace("[", r"\[")):
        parse_topics(text, origin="mine.toml")


def test_a_bad_topic_file_in_home_stops_the_import_cleanly(cli: CLI, loopprep_home: Path,
                                                         write: Callable[[str, str], Path]) -> None:
    notes = write("tech.md", CHECKLIST)
    cli.json("import", notes)
    (loopprep_home / "frameworks").mkdir()
    (loopprep_home / "frameworks" / "bad.toml").write_text(
        '[framework]\nslug = "bad"\nname = "Bad"\nkind = "technical"\n', encoding="utf-8")
    assert cli("import", notes) == 1
    assert cli.err.startswith("error: ") and "bad.toml" in cli.err and "Traceback" not in cli.err
