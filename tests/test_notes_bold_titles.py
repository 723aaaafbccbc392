"""A story titled by a bold line over its prose, under a principle's heading (Google Docs
exports), and what such exports leave around it (HTML comments, image lines); fictional
people and stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank
from loopprep.frameworks import load_framework
from loopprep.notes.bold_titles import bold_titles
from loopprep.notes.html_markup import html_markup


def test_a_bold_line_over_prose_under_a_principle_becomes_a_heading() -> None:
    lines = ["## Frugality", "", "**Tote reuse**", "", "Stores threw totes away. I set up a run.",
             "", "**Kiosk pilot**", "- S: queues", "", "**Ledger rewrite**", "Situation: books off",
             "", "## Notes", "", "**Mock 1**", "", "Too long in the S."]
    bold_titles(lines, load_framework(), "\n".join(lines))
    assert lines[2] == "### Tote reuse"
    assert lines[6] == "**Kiosk pilot**"  # over bullets: read as it was
    assert lines[9] == "**Ledger rewrite**"  # over STAR labels: read as it was
    assert lines[14] == "**Mock 1**"  # not under a principle


def test_comments_and_image_lines_say_nothing() -> None:
    text = "<!-----\nConversion notes:\n----->\nkept\n![alt_text](images/a.png \"tip\")\n![][image1]"
    assert html_markup(text).split("\n") == ["", "", "", "kept", "", ""]


def test_a_docs_export_with_bold_story_paragraphs_imports(tmp_path: Path) -> None:
    notes = tmp_path / "docs.md"
    notes.write_text(
        "<!-- Conversion notes: Docs to Markdown -->\n\n# Stories {#stories}\n\n"
        "## Frugality {#frugality}\n\n**Tote reuse**\n\nStores threw away 1,800 totes a week. I set "
        "up a return run. Purchases fell by $210,000 a year.\n\n![alt_text](images/image1.png)\n\n"
        "## Earn Trust {#earn-trust}\n\n**Apology call to the co-op**\n\nI sent a forecast with a "
        "unit error. I called their planner the same day and admitted it.\n",
        encoding="utf-8")
    with Bank.open(tmp_path / "home") as bank:
        bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
        stories = {s.title: list(s.principles) for s in bank.stories()}
    assert stories == {"Tote reuse": ["frugality"], "Apology call to the co-op": ["earn-trust"]}
