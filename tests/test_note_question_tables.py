"""A `| Question | Story |` table under a principle's heading; fictional stories, written
for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI

TABLES = """# Question bank

## Frugality

| Question | Story I'd use |
|---|---|
| Tell me about a time you did more with less. | Borrowed cold room |

## Dive Deep

| Question | Story I'd use |
|---|---|
| Tell me about a time you found a root cause others had missed. | Hedge survey app |

## Stories

### Borrowed cold room
- Situation: the seed store needed cold space and there was no budget.
- Result: the brewery next door lent us a shelf for free.

### Hedge survey app
- Situation: the survey counts disagreed every spring.
- Result: I traced it to a volunteer app that rounded hedge lengths.
"""


def test_a_question_table_under_a_principle_asks_and_files_its_stories(
        cli: CLI, tmp_path: Path) -> None:
    """Each row asks its question (filed under the heading's principle) and links the
    story its story cell names, and that story is filed under the principle as well."""
    notes = tmp_path / "bank.md"
    notes.write_text(TABLES, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    assert {s["title"]: s["principles"] for s in stories} == {
        "Borrowed cold room": ["frugality"], "Hedge survey app": ["dive-deep"]}
    asked: list[dict[str, Any]] = cli.json(
        "questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [(q["text"], [titles[i] for i in q["stories"]]) for q in asked] == [
        ("Tell me about a time you did more with less.", ["Borrowed cold room"]),
        ("Tell me about a time you found a root cause others had missed.", ["Hedge survey app"])]


INLINE = """# Questions

1. Tell me about a time you did more with less. Use: Borrowed cold room
2. Tell me about a time you dug into the data? A: Hedge survey app
3. Tell me about a time you used a spreadsheet to plan a garden.

## Stories

### Borrowed cold room
- Situation: the seed store needed cold space and there was no budget.
- Result: a free shelf in the brewery's cold room.

### Hedge survey app
- Situation: the survey counts disagreed every spring.
- Result: the rounding bug found and fixed.
"""


def test_an_answer_label_after_the_question_on_its_line_names_the_story(
        cli: CLI, tmp_path: Path) -> None:
    """`Use:` or `A:` after the question's end, on its line, opens its answer as on a
    line of its own; the question's text stops before it."""
    notes = tmp_path / "questions.md"
    notes.write_text(INLINE, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    asked: list[dict[str, Any]] = cli.json(
        "questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [(q["text"], [titles[i] for i in q["stories"]]) for q in asked] == [
        ("Tell me about a time you did more with less.", ["Borrowed cold room"]),
        ("Tell me about a time you dug into the data?", ["Hedge survey app"]),
        ("Tell me about a time you used a spreadsheet to plan a garden.", [])]
