"""Interview questions asked in German; fictional stories, written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import CLI
from loopprep.notes.question_text import is_question

GERMAN = """# Vorbereitung

## Geschichten

### Kühlraum der Brauerei
**LPs:** Frugality

- **Situation:** Für das Saatgut fehlte ein Kühlraum, Budget gab es keines.
- **Ergebnis:** Die Brauerei nebenan lieh uns ein Regal, kostenlos.

## Fragen

- Erzählen Sie mir von einer Situation, in der Sie mit wenig viel erreicht haben. → Kühlraum der Brauerei
- Beschreiben Sie, wie Sie ein Team durch eine Krise geführt haben.
- Eine Geschichte über Kunden fehlt noch.
"""


def test_german_interview_openings_ask_questions(cli: CLI, tmp_path: Path) -> None:
    """'Erzählen Sie (mir) von …' and 'Beschreiben Sie …', imperatives with no '?', are
    questions and link the story their arrow names; a German line that only mentions a
    story asks nothing."""
    notes = tmp_path / "vorbereitung.md"
    notes.write_text(GERMAN, encoding="utf-8")
    cli.json("import", notes)
    stories: list[dict[str, Any]] = cli.json("stories")["stories"]  # type: ignore[index]
    titles = {s["id"]: s["title"] for s in stories}
    asked: list[dict[str, Any]] = cli.json(
        "questions", "--origin", "notes")["questions"]  # type: ignore[index]
    assert [(q["text"], [titles[i] for i in q["stories"]]) for q in asked] == [
        ("Erzählen Sie mir von einer Situation, in der Sie mit wenig viel erreicht haben.",
         ["Kühlraum der Brauerei"]),
        ("Beschreiben Sie, wie Sie ein Team durch eine Krise geführt haben.", [])]
    assert not is_question("Beschreibung des Projekts: Kühlraum")
