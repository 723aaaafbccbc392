"""Review and correct in one place: `loopprep import --review` (the real program, in a real
home) and the web import page (a real server, real HTTP requests) list the lines the import
left unfiled, with file:line and text, and file each as a story for a principle, a detail of
a story, a question, or nothing. The choices are kept, survive re-import (also when lines
move), and re-import stays idempotent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest

from loopprep.bank import Bank
from webtools import NOW, LiveServer

NOTES = """# LPs

## Dive Deep
### Me
- TRACEPOINT: read the kernel scheduler source to find the 40 ms stall
- should always measure before guessing

## Ownership
### Me
- LEDGERLY: kept the billing export alive after its team left, 2 years
- [ ] need a story about cost here

# Misc
Kept here for later.

- Migrated the wiki to the new docs site over one weekend
"""


def loopprep(home: Path, *args: str,
             stdin: int | None = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    # a timeout far above the few seconds these take: an --review that waited for a key
    # on a stdin that is not a terminal would fail here instead of hanging the run
    return subprocess.run([sys.executable, "-m", "loopprep", "--home", str(home), *args],
                          capture_output=True, text=True, stdin=stdin, timeout=120)


def as_json(home: Path, *args: str) -> Any:
    done = loopprep(home, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text(NOTES, "utf-8")
    return path


def test_review_lists_each_unfiled_line_and_does_not_wait_without_a_terminal(
        loopprep_home: Path, notes: Path) -> None:
    done = loopprep(loopprep_home, "import", str(notes), "--review")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # undo the terminal's wrapping
    assert "stdin is not a terminal, so nothing is asked" in out
    for line, text in ((6, "should always measure before guessing"),
                       (11, "need a story about cost here"),
                       (16, "Migrated the wiki to the new docs site over one weekend")):
        assert f"notes.md:{line}" in out and text in out
    listed = as_json(loopprep_home, "import", "--review")["review"]
    assert [(n["line"], n["code"]) for n in listed] == [
        (6, "reflection"), (11, "not-a-story"), (16, "unplaced-bullet")]
    # suggestions: the section's principle and the story just above the line
    assert listed[0]["principle"] == "dive-deep" and listed[0]["story_id"] == "tracepoint"
    assert listed[1]["principle"] == "ownership" and listed[1]["story_id"] == "ledgerly"


def test_choices_are_kept_and_survive_reimport_and_moved_lines(loopprep_home: Path,
                                                               notes: Path) -> None:
    assert loopprep(loopprep_home, "import", str(notes)).returncode == 0
    done = loopprep(loopprep_home, "import", "--review", "--choose", "1=detail",
                    "--choose", "2=ignore", "--choose", "3=story:Invent and Simplify")
    assert done.returncode == 0, done.stderr
    assert "Nothing to review" in done.stdout

    def state() -> tuple[Any, Any, Any]:
        stories = {s["id"]: s for s in as_json(loopprep_home, "stories")["stories"]}
        findings = [f["message"] for f in as_json(loopprep_home, "coverage")["findings"]]
        return stories, findings, as_json(loopprep_home, "import", "--review")["review"]

    stories, findings, left = state()
    wiki = next(s for s in stories.values() if s["title"].startswith("Migrated the wiki"))
    assert wiki["principles"] == ["invent-and-simplify"]
    assert any("measure before guessing" in f["text"] for f in stories["tracepoint"]["notes"])
    assert not any("need a story about cost" in f for f in findings)  # ignored: no longer reported
    assert left == []

    again = as_json(loopprep_home, "import", str(notes))
    assert again["stories"]["added"] == again["stories"]["updated"] == []
    assert again["links"] == {"added": [], "removed": []}
    assert state() == (stories, findings, left)

    # lines added above move every node: the choices follow the text, not the line
    notes.write_text("Intro line.\n\n" + NOTES, "utf-8")
    moved = as_json(loopprep_home, "import", str(notes))
    assert moved["stories"]["added"] == [] and moved["links"] == {"added": [], "removed": []}
    assert as_json(loopprep_home, "import", "--review")["review"] == []
    assert {s["id"] for s in as_json(loopprep_home, "stories")["stories"]} == set(stories)


def test_a_question_choice_makes_a_notes_question(loopprep_home: Path, notes: Path) -> None:
    assert loopprep(loopprep_home, "import", str(notes)).returncode == 0
    assert loopprep(loopprep_home, "import", "--choose", "3=question").returncode == 0
    asked = as_json(loopprep_home, "questions", "--origin", "notes")["questions"]
    assert any("Migrated the wiki" in q["text"] for q in asked)


def test_a_bad_choice_is_one_line_and_changes_nothing(loopprep_home: Path, notes: Path) -> None:
    assert loopprep(loopprep_home, "import", str(notes)).returncode == 0
    before = as_json(loopprep_home, "stories")
    for choice in ("9=story", "1=story:no-such-principle", "1=maybe", "3=detail:nope"):
        done = loopprep(loopprep_home, "import", "--choose", "1=ignore", "--choose", choice)
        assert done.returncode == 1, (choice, done.stdout)
        assert done.stderr.startswith("error: "), done.stderr
    assert as_json(loopprep_home, "stories") == before
    assert len(as_json(loopprep_home, "import", "--review")["review"]) == 3  # 1=ignore not kept


def test_import_needs_paths_unless_reviewing(loopprep_home: Path) -> None:
    done = loopprep(loopprep_home, "import")
    assert done.returncode == 2 and "--review" in done.stderr


def test_the_web_import_page_lists_and_files_each_line_with_one_click(
        loopprep_home: Path, notes: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([notes], now=NOW)
    with LiveServer(loopprep_home) as server, httpx2.Client(
            base_url=server.url, timeout=60,
            headers={"origin": server.url, "x-csrf-token": server.token}) as web:
        page = web.get("/import").text
        assert 'id="review"' in page
        for text in ("should always measure before guessing", "need a story about cost here",
                     "Migrated the wiki to the new docs site over one weekend"):
            assert text in page
        assert "notes.md:16" in page
        with Bank.open(loopprep_home) as bank:
            wiki = next(n for n in bank.review() if n.source.line == 16)
        filed = web.post("/import/review", data={
            "path": wiki.source.path, "text_key": wiki.text_key, "choice": "story",
            "principle": "frugality", "story": ""})
        assert filed.status_code == 303, filed.text
        page = web.get(filed.headers["location"]).text
        assert "<blockquote>Migrated the wiki" not in page
        assert "<blockquote>should always measure before guessing" in page
        stale = web.post("/import/review", data={"path": wiki.source.path,
                                                 "text_key": wiki.text_key, "choice": "ignore"})
        assert stale.status_code == 400 and "no longer waiting for review" in stale.text
    with Bank.open(loopprep_home) as bank:
        story = next(s for s in bank.stories() if s.title.startswith("Migrated the wiki"))
        assert story.principles == ("frugality",)
        assert len(bank.review()) == 2
        again = bank.import_notes([notes], now=NOW)
        assert not again.changed


def test_one_key_per_line_at_a_terminal(loopprep_home: Path, notes: Path) -> None:
    """At a terminal (a pseudo-terminal here) each line is filed with one key: `i` ignores
    the first, Enter leaves the second for later, `s` files the third as a story for its
    suggested principle."""
    import os
    import pty
    import select

    assert loopprep(loopprep_home, "import", str(notes)).returncode == 0
    suggested = as_json(loopprep_home, "import", "--review")["review"][2]["principle"]
    assert suggested
    main, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "loopprep", "--home", str(loopprep_home),
                                "import", "--review"], stdin=terminal, stdout=terminal,
                               stderr=terminal, env={**os.environ, "COLUMNS": "200"})
    os.close(terminal)
    seen = b""

    def read_until(text: bytes) -> None:
        nonlocal seen
        while text not in seen:
            ready, _, _ = select.select([main], [], [], 60)
            assert ready, f"no {text!r} in {seen.decode(errors='replace')}"
            seen += os.read(main, 4096)

    try:
        for key, prompt in ((b"i", b"should always measure"), (b"\r", b"need a story about cost"),
                            (b"s", b"Migrated the wiki")):
            read_until(prompt)
            read_until(b"stop")
            seen = b""
            os.write(main, key)
        assert process.wait(timeout=120) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    left = as_json(loopprep_home, "import", "--review")["review"]
    assert [n["line"] for n in left] == [11]
    stories = as_json(loopprep_home, "stories")["stories"]
    wiki = next(s for s in stories if s["title"].startswith("Migrated the wiki"))
    assert wiki["principles"] == [suggested]

