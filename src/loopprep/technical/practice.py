"""Technical items in practice sessions: due technical cards first (most overdue first), then
subtopics you track that have no card yet, weakest first. Each item is a prompt from the
topic list ("Explain …", "Solve …"); the candidate logs what they did and rates themself.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from loopprep.model.practice import TECHNICAL, AttemptRecord, CardRecord, PracticeItem
from loopprep.reviews.schedule import start_of_day, utc_day
from loopprep.store import practice as practice_rows
from loopprep.store import technical as tech_rows
from loopprep.technical.tracker import SubtopicState, subtopic_states, topic_list

if TYPE_CHECKING:
    from loopprep.frameworks.topics import Subtopic
    from loopprep.store import Store
    from loopprep.workspace import Workspace

#: in a mixed session, one item in this many is technical (when there is technical work)
MIX_EVERY = 3


def prompt_for(subtopic: Subtopic, reps: int) -> str:
    """The practice prompt for a subtopic's `reps`-th review: the list's prompts in turn."""
    if subtopic.prompts:
        return subtopic.prompts[reps % len(subtopic.prompts)]
    if subtopic.origin == "notes":
        return f"Work on it: {subtopic.name}. Then log what you did."
    options = (f"Explain {subtopic.name} out loud, with an example, as you would to an interviewer.",
               f"Solve one interview problem on {subtopic.name} and state its complexity.")
    return options[reps % len(options)]


def technical_turn(asked_kinds: list[str]) -> bool:
    """Whether the next item of a mixed session should be technical: one in `MIX_EVERY`."""
    done = sum(1 for kind in asked_kinds if kind == TECHNICAL)
    return (done + 1) * MIX_EVERY <= len(asked_kinds) + 1


class TechnicalPicker:
    """Chooses the technical items of one session; reads the tracker once per call."""

    def __init__(self, bank: Workspace) -> None:
        self.bank = bank
        self.topics = topic_list(bank)

    def states(self, now: datetime) -> list[SubtopicState]:
        return [s for s in subtopic_states(self.bank, now, self.topics) if s.tracked]

    def tracks(self, now: datetime) -> bool:
        return bool(self.states(now))

    def item(self, state: SubtopicState, reason: str) -> PracticeItem:
        reps = state.card.reps if state.card else 0
        return PracticeItem(TECHNICAL, state.subtopic.id, prompt_for(state.subtopic, reps), None,
                            state.label, reason, card_id=state.card.id if state.card else None)

    def due(self, now: datetime, asked: set[tuple[str, str]]) -> PracticeItem | None:
        tomorrow = start_of_day(now) + timedelta(days=1)
        waiting = [s for s in self.states(now) if s.card is not None and s.card.due < tomorrow
                   and (TECHNICAL, s.subtopic.id) not in asked]
        if not waiting:
            return None
        first = min(waiting, key=lambda s: (s.card.due if s.card else now, s.subtopic.id))
        assert first.card is not None
        late = (utc_day(now) - utc_day(first.card.due)).days
        return self.item(first, f"overdue {late} day{'s' * (late != 1)}" if late > 0 else "due")

    def new(self, now: datetime, asked: set[tuple[str, str]]) -> PracticeItem | None:
        """A tracked subtopic not on the schedule yet: the weakest (not ticked off first)."""
        fresh = [s for s in self.states(now) if s.card is None
                 and (TECHNICAL, s.subtopic.id) not in asked]
        if not fresh:
            return None
        pick = min(fresh, key=lambda s: (s.score(now), bool(s.checked), s.subtopic.id))
        why = f"rated {pick.rating.rating}/5" if pick.rating else "not practised yet"
        return self.item(pick, f"new: {why}")

    def ahead(self, now: datetime, asked: set[tuple[str, str]]) -> PracticeItem | None:
        carded = [s for s in self.states(now) if s.card is not None
                  and (TECHNICAL, s.subtopic.id) not in asked]
        if not carded:
            return None
        return self.item(min(carded, key=lambda s: (s.card.due if s.card else now, s.subtopic.id)),
                         "ahead of schedule")


def card_item(store: Store, card: CardRecord, reason: str) -> PracticeItem:
    """A technical card as an item, for lists of what is due (the name from the tracker)."""
    from loopprep.frameworks.topics import load_topics

    row = tech_rows.tracked_row(store, card.ref)
    topic = load_topics().topic(card.ref.partition("/")[0])  # the built-in names suffice here
    name = row.name if row else card.ref
    if topic is not None:
        name = f"{topic.name} › {name}"
    prompt = practice_rows.last_question_text(store, card.kind, card.ref) or f"Practise {name}."
    return PracticeItem(TECHNICAL, card.ref, prompt, None, name, reason, card_id=card.id)


def session_summary(store: Store, attempts: list[AttemptRecord]) -> list[dict[str, Any]]:
    """The technical part of a session report: what was practised and how it went."""
    entries = {e.attempt_id: e for e in tech_rows.log_entries(
        store, attempt_ids=[a.id for a in attempts])}
    out = []
    for attempt in attempts:
        entry = entries.get(attempt.id)
        out.append({"subtopic": attempt.ref, "prompt": attempt.question,
                    "problem": entry.problem if entry else None,
                    "outcome": entry.outcome if entry else None,
                    "minutes": entry.minutes if entry else None, "rating": attempt.rating})
    return out
