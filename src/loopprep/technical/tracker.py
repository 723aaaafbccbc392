"""The technical tracker: which subtopics the user tracks, self-ratings with their history,
the practice log and notes, each refused clearly when the input is wrong (an unknown
subtopic, a rating out of range, a link that is not a web address). Nothing here prints.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from loopprep.errors import LoopprepError, NotFoundError
from loopprep.frameworks.topics import Subtopic, Topic, TopicList, load_topics
from loopprep.model.practice import TECHNICAL, CardRecord
from loopprep.model.technical import OUTCOMES, PracticeEntry, Rating, TrackedRow
from loopprep.notes.principles import match_named, normalise
from loopprep.notes.technical import singular
from loopprep.reviews.schedule import is_overdue, start_of_day
from loopprep.store import practice as practice_rows
from loopprep.store import technical as tech_rows
from loopprep.technical.scores import review_rating, subtopic_score

if TYPE_CHECKING:
    from loopprep.reviews.rating import RatingResult
    from loopprep.workspace import Workspace

MAX_MINUTES = 600


class TechnicalError(LoopprepError):
    """A technical rating, log entry or note that cannot be recorded as given."""


@dataclass(frozen=True)
class SubtopicState:
    """Everything known about one subtopic at a moment: rating, practice, card, notes' box."""

    subtopic: Subtopic
    topic_name: str
    row: TrackedRow | None
    rating: Rating | None
    practised: int
    last_practised: datetime | None
    outcomes: tuple[str, ...]  # newest first
    card: CardRecord | None

    @property
    def tracked(self) -> bool:
        """In the notes, rated, practised or on the schedule."""
        return self.row is not None and bool(
            self.row.in_notes or self.rating or self.practised or self.card)

    @property
    def checked(self) -> bool | None:
        return self.row.checked if self.row is not None and self.row.in_notes else None

    @property
    def label(self) -> str:
        return f"{self.topic_name} › {self.subtopic.name}"

    def due_today(self, now: datetime) -> bool:
        return self.card is not None and self.card.due < start_of_day(now) + timedelta(days=1)

    def overdue(self, now: datetime) -> bool:
        return self.card is not None and is_overdue(self.card.due, now)

    def score(self, now: datetime) -> float:
        return subtopic_score(self.rating.rating if self.rating else None, self.checked,
                              self.outcomes, self.overdue(now))

    def to_json(self, now: datetime) -> dict[str, Any]:
        sub = self.subtopic
        return {
            "id": sub.id, "topic": sub.topic, "slug": sub.slug, "name": sub.name,
            "origin": sub.origin, "tracked": self.tracked,
            "in_notes": bool(self.row and self.row.in_notes), "checked": self.checked,
            "rating": self.rating.rating if self.rating else None,
            "rated_at": self.rating.at.isoformat() if self.rating else None,
            "practised": self.practised,
            "last_practised": self.last_practised.isoformat() if self.last_practised else None,
            "outcomes": list(self.outcomes),
            "due": self.card.due.isoformat() if self.card else None,
            "due_today": self.due_today(now), "overdue": self.overdue(now),
            "score": self.score(now),
        }


@dataclass(frozen=True)
class LoggedPractice:
    """A logged piece of practice and what it did to the subtopic's schedule."""

    entry: PracticeEntry
    review: RatingResult
    rating: int | None
    state: SubtopicState

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {"entry": self.entry.to_json(), "rating": self.rating,
                "review": self.review.to_json(), "subtopic": self.state.to_json(now)}


# -- the topics -------------------------------------------------------------------------------

def topic_list(bank: Workspace) -> TopicList:
    """The topic list of the bank's home, with the subtopics only the user's notes name."""
    topics = load_topics(bank.home)
    known = {s.id for s in topics.subtopics}
    extra = [Subtopic(row.topic, row.id.partition("/")[2], row.name, origin="notes")
             for row in tech_rows.tracked_rows(bank.store) if row.id not in known]
    return topics.with_subtopics(extra) if extra else topics


def subtopic_states(bank: Workspace, now: datetime, topics: TopicList | None = None
                    ) -> list[SubtopicState]:
    """Every subtopic of the topic list, in list order, with what is known about it."""
    topics = topics or topic_list(bank)
    store = bank.store
    rows = {row.id: row for row in tech_rows.tracked_rows(store)}
    ratings = tech_rows.latest_ratings(store)
    summary = tech_rows.practice_summary(store)
    outcomes = tech_rows.recent_outcomes(store, 5)
    cards = {card.ref: card for card in practice_rows.cards(store, kinds=[TECHNICAL])}
    out = []
    for topic in topics.topics:
        for sub in topic.subtopics:
            count, last = summary.get(sub.id, (0, None))
            out.append(SubtopicState(sub, topic.name, rows.get(sub.id), ratings.get(sub.id), count,
                                     last, tuple(outcomes.get(sub.id, ())), cards.get(sub.id)))
    return out


def state_of(bank: Workspace, subtopic: Subtopic, now: datetime) -> SubtopicState:
    for state in subtopic_states(bank, now):
        if state.subtopic.id == subtopic.id:
            return state
    raise NotFoundError(f"no technical subtopic {subtopic.id!r}")


def find_subtopic(bank: Workspace, text: str, topics: TopicList | None = None) -> Subtopic:
    """The subtopic the user names: its id ('algorithms/graph-search'), its slug, or its name
    or an alias, tolerantly. An unknown or ambiguous name is refused with suggestions."""
    topics = topics or topic_list(bank)
    wanted = text.strip()
    if not wanted:
        raise TechnicalError("name a technical subtopic",
                             hint="`loopprep tech topics --all` lists them, e.g. "
                             "algorithms/dynamic-programming.")
    key = wanted.lower()
    exact = topics.subtopic(key)
    if exact is not None:
        return exact
    by_slug = [s for s in topics.subtopics if s.slug == key]
    if len(by_slug) == 1:
        return by_slug[0]
    if len(by_slug) > 1:
        raise TechnicalError(f"{wanted!r} names more than one subtopic",
                             hint="Say which: " + ", ".join(s.id for s in by_slug) + ".")
    found, score = match_named(wanted, topics.subtopics, fold=singular)
    if found is not None and score >= 0.9:
        return found
    topic = topics.topic(key) or match_named(wanted, topics.topics, fold=singular)[0]
    if topic is not None and (topic.slug == key or match_named(wanted, [topic], fold=singular)[1] >= 0.9):
        raise TechnicalError(
            f"{topic.name} is a topic; name one of its subtopics",
            hint="For example: " + ", ".join(s.id for s in topic.subtopics[:4]) + ".")
    if found is not None and score >= 0.8:
        return found
    raise NotFoundError(f"no technical subtopic {wanted!r}", hint=_suggest(wanted, topics))


def _suggest(text: str, topics: TopicList) -> str:
    names = {normalise(s.name): s.id for s in topics.subtopics}
    names.update({s.slug: s.id for s in topics.subtopics})
    close = difflib.get_close_matches(normalise(text), list(names), n=3, cutoff=0.5)
    ids = list(dict.fromkeys(names[c] for c in close))
    lead = f"Did you mean {' or '.join(ids)}? " if ids else ""
    return lead + "`loopprep tech topics --all` lists every subtopic."


# -- ratings, practice and notes ------------------------------------------------------------

def check_rating(rating: object) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise TechnicalError(f"rating {rating!r} is out of range",
                             hint="Rate yourself 1 (lost) to 5 (could teach it).")
    return rating


def check_link(link: str | None) -> str | None:
    """A web address (http or https, with a host), or None."""
    if link is None or not link.strip():
        return None
    link = link.strip()
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in link):
        raise TechnicalError(f"link {link!r} is not a web address",
                             hint="Give the full address, e.g. https://leetcode.com/problems/two-sum/, "
                             "or leave --link out.")
    return link


def check_minutes(minutes: float | None) -> float | None:
    if minutes is None:
        return None
    if not 0 < minutes <= MAX_MINUTES:
        raise TechnicalError(f"{minutes:g} minutes is not a practice time",
                             hint=f"Give the minutes you spent, more than 0 and at most {MAX_MINUTES}.")
    return float(minutes)


def check_outcome(outcome: str) -> str:
    value = outcome.strip().lower()
    short = {o[0]: o for o in OUTCOMES}
    value = short.get(value, value)
    if value not in OUTCOMES:
        raise TechnicalError(f"outcome {outcome!r} is not one of solved, partial, failed",
                             hint="solved: done unaided; partial: with hints or a bug left; "
                             "failed: not done.")
    return value


def rate(bank: Workspace, text: str, rating: int, *, now: datetime) -> SubtopicState:
    """Record a self-rating (1 lost .. 5 could teach it); earlier ratings stay as history."""
    _check_now(now)
    value = check_rating(rating)
    sub = find_subtopic(bank, text)
    with bank.store.transaction() as conn:
        tech_rows.ensure_subtopic(conn, sub.id, sub.topic, sub.name, sub.origin, now)
        tech_rows.add_rating(conn, sub.id, value, now)
    return state_of(bank, sub, now)


def log_practice(bank: Workspace, text: str, *, problem: str, outcome: str, now: datetime,
                 link: str | None = None, minutes: float | None = None, notes: str = "",
                 rating: int | None = None, session_id: int | None = None,
                 prompt: str | None = None) -> LoggedPractice:
    """Log practice on a subtopic (a problem and how it went). It counts as a review of the
    subtopic's card on the practice schedule (created the first time), so the same FSRS
    schedule brings it back before the interview; `rating` also records a self-rating."""
    from loopprep.reviews.rating import rate_attempt

    _check_now(now)
    problem = " ".join(problem.split())
    if not problem:
        raise TechnicalError("say what you practised", hint="e.g. --problem 'coin change'.")
    outcome = check_outcome(outcome)
    link = check_link(link)
    minutes = check_minutes(minutes)
    if rating is not None:
        check_rating(rating)
    sub = find_subtopic(bank, text)
    started = max(now - timedelta(minutes=minutes or 0), start_of_day(now))
    summary = "\n".join(filter(None, [problem, link, notes.strip()]))
    store = bank.store
    with store.transaction() as conn:
        tech_rows.ensure_subtopic(conn, sub.id, sub.topic, sub.name, sub.origin, now)
        card = practice_rows.find_card(store, TECHNICAL, sub.id)
        attempt_id = practice_rows.add_attempt(
            conn, session_id=session_id, kind=TECHNICAL, ref=sub.id, question_id=None,
            question=prompt or problem, principle=None, interviewer=None, answer=summary,
            status="answered", started_at=started, ended_at=now, feedback=None, overall=None,
            card_id=card.id if card else None)
        log_id = tech_rows.add_log(conn, sub.id, problem=problem, link=link, minutes=minutes,
                                   outcome=outcome, notes=notes.strip(), now=now,
                                   attempt_id=attempt_id)
        if rating is not None:
            tech_rows.add_rating(conn, sub.id, rating, now)
        review = rate_attempt(bank, attempt_id, review_rating(outcome, rating), now=now)
    entry = next(e for e in tech_rows.log_entries(store, sub.id) if e.id == log_id)
    return LoggedPractice(entry, review, rating, state_of(bank, sub, now))


def add_note(bank: Workspace, text: str, note: str, *, now: datetime) -> SubtopicState:
    """Keep a note of the user's own on a subtopic (a re-import never removes it)."""
    _check_now(now)
    note = note.strip()
    if not note:
        raise TechnicalError("the note is empty", hint="e.g. loopprep tech note graphs 'BFS for "
                             "shortest paths in unweighted graphs'.")
    sub = find_subtopic(bank, text)
    with bank.store.transaction() as conn:
        tech_rows.ensure_subtopic(conn, sub.id, sub.topic, sub.name, sub.origin, now)
        tech_rows.add_note(conn, sub.id, note, now)
    return state_of(bank, sub, now)


def details(bank: Workspace, text: str, *, now: datetime) -> dict[str, Any]:
    """One subtopic in full: summary, prompts, rating history, practice log, notes, card."""
    sub = find_subtopic(bank, text)
    state = state_of(bank, sub, now)
    return {
        **state.to_json(now),
        "topic_name": state.topic_name, "summary": sub.summary, "prompts": list(sub.prompts),
        "ratings": [r.to_json() for r in tech_rows.ratings(bank.store, sub.id)],
        "log": [e.to_json() for e in reversed(tech_rows.log_entries(bank.store, sub.id))],
        "notes": [n.to_json() for n in tech_rows.notes_about(bank.store, sub.id)],
        "source": {"path": state.row.source_path, "line": state.row.source_line}
        if state.row and state.row.in_notes else None,
        "card": state.card.to_json() if state.card else None,
    }


def find_topic(topics: TopicList, text: str) -> Topic:
    """The topic the user names (slug, name or alias, tolerantly)."""
    found = topics.topic(text.strip().lower())
    if found is None:
        match, score = match_named(text, topics.topics, fold=singular)
        found = match if score >= 0.8 else None
    if found is None:
        raise NotFoundError(f"no technical topic {text!r}",
                            hint="Topics: " + ", ".join(t.slug for t in topics.topics) + ".")
    return found


def topics_view(bank: Workspace, *, now: datetime, topic: str | None = None) -> dict[str, Any]:
    """Every topic (or the one named) with its subtopics' ratings, practice and due dates,
    and a score per topic (the mean over the subtopics you track; 0 when you track none)."""
    topics = topic_list(bank)
    chosen = [find_topic(topics, topic)] if topic is not None else list(topics.topics)
    states = subtopic_states(bank, now, topics)
    out = []
    for topic_ in chosen:
        mine = [s for s in states if s.subtopic.topic == topic_.slug]
        tracked = [s for s in mine if s.tracked]
        out.append({
            "slug": topic_.slug, "name": topic_.name, "summary": topic_.summary,
            "roles": list(topic_.roles), "tracked": len(tracked),
            "score": round(sum(s.score(now) for s in tracked) / len(tracked), 4) if tracked else 0.0,
            "due_today": sum(s.due_today(now) for s in mine),
            "notes": [n.to_json() for n in tech_rows.notes_about(bank.store, topic_.slug)],
            "subtopics": [s.to_json(now) for s in mine],
        })
    return {"topics": out, "sources": list(topics.sources),
            "notes": [n.to_json() for n in tech_rows.notes_about(bank.store, "")]}


def _check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("times must be aware datetimes (UTC)")
