"""Practice cards as an Anki deck (genanki): story-recall cards for every planned slot and
question cards (the question bank's, and the ones from your notes with their outlines).
Model, deck and note ids are derived from names, so re-importing a deck updates it.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from loopprep.export.cheatsheet import key_metric, opening_line
from loopprep.model import Question
from loopprep.plan.planner import LoopPlan

#: Bank questions per principle of the loop (the cards test recall, not the whole bank).
QUESTIONS_PER_PRINCIPLE = 3
_CSS = ".card{font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;font-size:20px;" \
       "text-align:left;color:#1d1d1f;background:#fff}.lp{color:#666;font-size:.8em}" \
       ".metric{color:#0b6e4f}.hint{color:#888;font-size:.8em}"


@dataclass(frozen=True)
class Card:
    kind: str  # story | question
    key: str  # stable identity: the same card keeps its Anki note id
    front: str  # HTML
    back: str  # HTML


def stable_id(name: str) -> int:
    """A 31-bit id from a name, in the range genanki recommends (2**30 .. 2**31)."""
    return (1 << 30) + int(hashlib.sha1(name.encode()).hexdigest(), 16) % (1 << 30)


@lru_cache(maxsize=1)
def _bank_questions() -> dict[str, list[str]]:
    source = resources.files("loopprep").joinpath("data", "questions.toml")
    out: dict[str, list[str]] = {}
    for row in tomllib.loads(source.read_text("utf-8")).get("question", []):
        principles = row.get("principles") or []
        if principles:
            out.setdefault(principles[0], []).append(str(row["text"]))
    return out


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def build_cards(plan: LoopPlan, note_questions: Sequence[Question] = ()) -> list[Card]:
    cards = []
    names = {s.principle: s.principle_name for s in plan.slots}
    for slot in plan.slots:
        if slot.primary is None:
            continue
        story = plan.story_by_id[slot.primary.story_id]
        front = (f'<div class="lp">{_html(slot.interviewer)} asks about</div>'
                 f"<b>{_html(slot.principle_name)}</b><br><br>"
                 '<span class="hint">Which story? Its opening line? Its key metric?</span>')
        metric = key_metric(story) or "no metric yet: find one"
        back = (f"<b>{_html(story.title)}</b><br><i>{_html(opening_line(story, slot.principle))}</i>"
                f'<br><span class="metric">{_html(metric)}</span>')
        if slot.backup is not None:
            backup = plan.story_by_id[slot.backup.story_id].title
            back += f'<br><span class="hint">Backup: {_html(backup)}</span>'
        cards.append(Card("story", f"story|{slot.interviewer}|{slot.principle}", front, back))
        for text in _bank_questions().get(slot.principle, [])[:QUESTIONS_PER_PRINCIPLE]:
            cards.append(Card("question", f"question|{text}", _html(text),
                              f'<div class="lp">{_html(names[slot.principle])}</div>'
                              f"Answer with <b>{_html(story.title)}</b>: "
                              f"<i>{_html(opening_line(story, slot.principle))}</i>"))
    for question in note_questions:
        stories = [plan.story_by_id[s].title for s in question.story_ids if s in plan.story_by_id]
        back = _html(question.outline) if question.outline else "(no outline in your notes yet)"
        if stories:
            back += f'<br><span class="hint">Stories: {_html(", ".join(stories))}</span>'
        cards.append(Card("question", f"notes|{question.id}", _html(question.text), back))
    return cards


def render_deck(plan: LoopPlan, note_questions: Sequence[Question] = ()) -> bytes:
    """The deck as .apkg bytes."""
    import genanki

    model = genanki.Model(
        stable_id("loopprep story recall v1"), "loopprep story recall",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Recall", "qfmt": "{{Front}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        css=_CSS,
    )
    deck_name = f"loopprep::{plan.loop.name}"
    deck = genanki.Deck(stable_id(f"deck|{plan.framework.slug}|{plan.loop.name}"), deck_name)
    for card in build_cards(plan, note_questions):
        deck.add_note(genanki.Note(model=model, fields=[card.front, card.back],
                                   guid=genanki.guid_for("loopprep", card.key),
                                   tags=[f"loopprep-{card.kind}"]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path))
        return path.read_bytes()
