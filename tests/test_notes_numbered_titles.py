"""Stories numbered on a line of their own (`(1) Title`) over their paragraphs, answers
naming them by number after `>>`, and a principles line with an aside; fictional people
and stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank
from loopprep.notes.numbered_titles import numbered_titles

_NOTES = (
    "prep notes, typed on my phone\n\n"
    "(1) Kiosk pilot\n\nContext: queues of 40 minutes at lunch.\n"
    "How it ended: 6 minutes.\n\nfits: customer obsession (the diners) + frugality\n\n\n"
    "(2) Ledger rewrite\n\nThe books were off by 2% every month. I rebuilt the ledger in a\n"
    "week and they balanced.\n\nfits: dive deep, ownership (nobody owned it, so I\n"
    "took it on)\n\n\n"
    "(3) Pager storm\n\nWhat I did: cut 300 pages a night to 4.\n\nfits: insist on the "
    "highest standards\n\n"
    "--------\nQUESTIONS from mocks\n\n"
    "Q: Tell me about a time you found the root cause of a problem.\n>> (2) the ledger one\n"
)


def test_numbered_lines_over_paragraphs_become_numbered_headings() -> None:
    lines = _NOTES.split("\n")
    numbered_titles(lines, "\n".join(lines))
    assert lines[2] == "## #1 Kiosk pilot"
    assert "## #3 Pager storm" in lines and "## QUESTIONS from mocks" in lines
    assert lines[-2] == ">> #2 the ledger one"


def test_a_numbered_list_is_no_run_of_stories() -> None:
    lines = ["Steps", "", "1) open the app", "2) tap skip", "3) confirm", ""]
    numbered_titles(lines, "\n".join(lines))
    assert lines[2:5] == ["1) open the app", "2) tap skip", "3) confirm"]
    out_of_order = ["", "(2) Kiosk pilot", "text", "", "(1) Ledger", "text", "", "(3) Pager", "x"]
    numbered_titles(out_of_order, "\n".join(out_of_order))
    assert out_of_order[1] == "(2) Kiosk pilot"


def test_numbered_stories_and_answers_by_number_import(tmp_path: Path) -> None:
    notes = tmp_path / "prep.txt"
    notes.write_text(_NOTES, encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        stories = {s.title: list(s.principles) for s in bank.stories()}
        ids = {s.title: s.id for s in bank.stories()}
        answers = [list(q.story_ids) for q in bank.note_questions()]
    assert stories == {
        "Kiosk pilot": ["customer-obsession", "frugality"],
        "Ledger rewrite": ["dive-deep", "ownership"],
        "Pager storm": ["insist-on-the-highest-standards"]}
    assert answers == [[ids["Ledger rewrite"]]]
