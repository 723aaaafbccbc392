"""The command line and the web app writing to one bank at the same time: real `python -m
loopprep` processes and a real uvicorn server taking real HTTP requests. Every write from
both sides must be there afterwards."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import httpx2

from loopprep.bank import Bank
from webtools import NOW, LiveServer, editor_form

CLI_STORIES = 6
WEB_WRITERS = 3
#: Each web writer goes on until every CLI process has finished (at least this many, at most
#: MAX_ROUNDS), so the two sides really overlap.
MIN_ROUNDS = 5
MAX_ROUNDS = 300
FIELDS = ("result", "task", "lessons")


def loopprep(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "loopprep", "--home", str(home), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_cli_and_web_writing_at_once_lose_nothing(loopprep_home: Path, example_notes: Path) -> None:
    with Bank.open(loopprep_home) as bank:
        bank.import_notes([example_notes], now=NOW)
    failures: list[str] = []
    made: list[str] = []
    last_edit: dict[str, str] = {}
    overlapping = 0
    with LiveServer(loopprep_home) as server:
        headers = {"origin": server.url, "x-csrf-token": server.token}
        cli = [loopprep(loopprep_home, "stories", "add", f"CLI story {n}", "-p", "ownership")
               for n in range(CLI_STORIES)]
        cli.append(loopprep(loopprep_home, "stories", "edit", "tennet", "--situation",
                            "written by the CLI", "--date", "2021"))
        cli.append(loopprep(loopprep_home, "import", str(example_notes)))

        def web_writer(k: int) -> None:
            nonlocal overlapping
            with httpx2.Client(base_url=server.url, headers=headers, timeout=60) as web:
                for n in range(MAX_ROUNDS):
                    cli_running = any(p.poll() is None for p in cli)
                    if n >= MIN_ROUNDS and not cli_running:
                        return
                    title = f"Web story {k} {n}"
                    added = web.post("/stories", data={"title": title, "principle": "dive-deep"})
                    if added.status_code != 303:
                        failures.append(f"web add {title}: {added.status_code}")
                    made.append(title)
                    value = f"written by web writer {k}, round {n}"
                    page = web.get("/stories/tennet").text
                    saved = web.post("/stories/tennet", data=editor_form(page, **{FIELDS[k]: value}))
                    if saved.status_code != 303:
                        failures.append(f"web edit {k} {n}: {saved.status_code} {saved.text[:200]}")
                    last_edit[FIELDS[k]] = value
                    overlapping += cli_running

        writers = [threading.Thread(target=web_writer, args=(k,)) for k in range(WEB_WRITERS)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        for process in cli:
            _, err = process.communicate(timeout=120)
            if process.returncode != 0:
                failures.append(f"{process.args}: {err}")
    print(f"web writes: {len(made)}, while the CLI ran: {overlapping}")
    assert failures == []
    assert overlapping >= WEB_WRITERS, "the web writes did not overlap the CLI's"
    with Bank.open(loopprep_home) as bank:
        stories = {s.id: s for s in bank.stories()}
        titles = {s.title: s for s in stories.values()}
    for n in range(CLI_STORIES):
        assert stories[f"cli-story-{n}"].principles == ("ownership",)
    for title in made:
        assert titles[title].principles == ("dive-deep",), title
    tennet = stories["tennet"]
    assert tennet.situation == "written by the CLI" and tennet.date == "2021"
    for field, value in last_edit.items():
        assert getattr(tennet, field) == value
    assert {"irpwind", "qcells-icap", "ultrasound"} <= set(stories)


def test_pages_kept_between_requests_show_a_change_made_elsewhere(loopprep_home: Path) -> None:
    """The practice home and the question list are computed once per commit and shared; a
    commit by another process (here another connection, as the CLI makes) must show on the
    very next request."""
    from webtools import client

    with Bank.open(loopprep_home):
        pass
    web = client(loopprep_home)
    before = web.get("/questions", params={"q": "zebra"}).text
    assert "Acme" not in web.get("/practice").text
    assert "striped zebra" not in before
    assert web.get("/questions", params={"q": "zebra"}).text == before  # kept, same page
    with Bank.open(loopprep_home) as bank:
        bank.add_question("Tell me about a striped zebra of a project you rescued.", now=NOW,
                          principles=["ownership"])
        bank.add_interview("Acme", day="2026-12-09", stages=["phone screen=2026-12-03"], now=NOW)
    assert "striped zebra" in web.get("/questions", params={"q": "zebra"}).text
    assert "Acme" in web.get("/practice").text
