"""What to practise next: due cards first (most overdue first), then weak principles weighted
up (low recent scores, low self-ratings, no story), then new questions; in the final stretch
before an interview, an overview of every principle. Deterministic given a seed and `now`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from loopprep.model import Framework, Question, Story
from loopprep.model.practice import QUESTION, STORY_RECALL, TECHNICAL, CardRecord, PracticeItem, StoryCue
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, start_of_day, utc_day
from loopprep.store import Store
from loopprep.store import practice as rows
from loopprep.text.facts import metric_spans

RECENT_ATTEMPTS = 5  # weakness looks at the last few attempts of each principle


@dataclass(frozen=True)
class Weakness:
    """How much a principle needs practice, and why."""

    slug: str
    weight: float
    score: float | None  # mean of recent overall scores, 0..10
    rating: float | None  # mean of recent self-ratings, 1..4
    attempts: int
    has_story: bool
    reasons: tuple[str, ...] = field(default=())


def story_prompt(name: str) -> str:
    return f"Which story do you tell for {name}? Its opening line and key metric?"


def story_cue(story: Story, principle: str | None = None) -> StoryCue:
    """The cue for recalling `story` for `principle`: a story not yet developed opens with
    what the notes say under that principle (IRPWIND for Dive Deep is not IRPWIND for Think Big)."""
    opening = story.opening_line
    if not story.situation.strip():
        for fragment in story.fragments:
            if fragment.principle == principle and fragment.text.strip():
                opening = fragment.text.strip().splitlines()[0]
                break
    metric = story.metrics[0] if story.metrics else None
    if metric is None:
        for line in story.text.splitlines():
            spans = metric_spans(line)
            if spans:
                metric = line.strip()
                break
    return StoryCue(story.id, story.title, opening, metric)


def named_stories(item: PracticeItem, text: str) -> tuple[str, ...]:
    """Stories whose title (or its first word, e.g. 'IRPWIND') the recall names."""
    lowered = text.lower()
    found = []
    for cue in item.stories:
        words = [w for w in re.findall(r"[\w']+", cue.title.lower()) if len(w) > 3]
        if cue.title.lower() in lowered or (words and words[0] in lowered):
            found.append(cue.id)
    return tuple(found)


def stories_by_principle(stories: Iterable[Story]) -> dict[str, list[Story]]:
    out: dict[str, list[Story]] = {}
    for story in stories:
        if story.archived:
            continue
        for slug in story.principles:
            out.setdefault(slug, []).append(story)
    return out


def weaknesses(store: Store, framework: Framework, stories: dict[str, list[Story]],
               principles: Sequence[str] | None = None) -> list[Weakness]:
    """Every principle's weakness, weakest first. Unpractised principles count as weak."""
    recent = rows.recent_by_principle(store, RECENT_ATTEMPTS)
    out = []
    for principle in framework:
        if principles and principle.slug not in principles:
            continue
        pairs = recent.get(principle.slug, [])
        scores = [s for s, _ in pairs if s is not None]
        ratings = [r for _, r in pairs if r is not None]
        score = sum(scores) / len(scores) if scores else None
        rating = sum(ratings) / len(ratings) if ratings else None
        reasons = []
        weight = 1.0
        if score is None:
            weight += 1.5
        else:
            weight += 2.0 * (1 - score / 10)
            if score < 5:
                reasons.append(f"recent score {score:.1f}/10")
        if rating is None:
            weight += 0.5
        else:
            weight += (4 - rating) / 3
            if rating < 2.5:
                reasons.append(f"self-rating {rating:.1f}/4")
        if not pairs:
            weight += 1.0
            reasons.append("not practised yet")
        has_story = bool(stories.get(principle.slug))
        if not has_story:
            weight += 0.5
            reasons.append("no story in your bank")
        out.append(Weakness(principle.slug, round(weight, 3), score, rating, len(pairs), has_story,
                            tuple(reasons)))
    return sorted(out, key=lambda w: (-w.weight, w.slug))


class Selector:
    """Chooses items for one session; holds what it needs to read once."""

    def __init__(self, store: Store, framework: Framework, stories: Sequence[Story], *,
                 questions: Sequence[Question] = (), policy: Policy = DEFAULT_POLICY,
                 principles: Sequence[str] | None = None) -> None:
        self.store = store
        self.framework = framework
        self.policy = policy
        self.principles = list(principles) if principles else None
        self.stories = stories_by_principle(stories)
        self.questions: dict[str, Question] = {q.id: q for q in questions}
        by_principle: dict[str, list[Question]] = {}
        # the user's own questions (from notes, or added) come before the shipped bank's
        for question in sorted(questions, key=lambda q: q.origin == "bank"):
            by_principle.setdefault(question.principles[0], []).append(question)
        self.by_principle = by_principle

    # -- names and texts ------------------------------------------------------------------
    def name(self, slug: str | None) -> str:
        principle = self.framework.get(slug) if slug else None
        return principle.name if principle else (slug or "")

    def question(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def candidates(self, slug: str) -> list[Question]:
        """Questions whose primary principle is `slug`: the user's own first, then the bank."""
        return self.by_principle.get(slug, [])

    def has_material(self, slug: str) -> bool:
        return bool(self.stories.get(slug)) or bool(self.candidates(slug))

    # -- items ----------------------------------------------------------------------------
    def card_item(self, card: CardRecord, reason: str, **extra: object) -> PracticeItem:
        if card.kind == STORY_RECALL:
            return self.recall_item(card.ref, reason, card_id=card.id, **extra)
        if card.kind == TECHNICAL:
            from loopprep.technical.practice import card_item

            return card_item(self.store, card, reason)
        question = self.question(card.ref)
        text = question.text if question else (
            rows.last_question_text(self.store, card.kind, card.ref) or card.ref)
        principles = question.principles if question else ((card.principle,) if card.principle else ())
        return PracticeItem(card.kind, card.ref, text, card.principle, self.name(card.principle),
                            reason, card_id=card.id, question_id=card.ref,
                            principles=tuple(principles),
                            guessed=question.guessed if question else False, **extra)  # type: ignore[arg-type]

    def recall_item(self, slug: str, reason: str, card_id: int | None = None,
                    **extra: object) -> PracticeItem:
        cues = tuple(story_cue(s, slug) for s in self.stories.get(slug, []))
        return PracticeItem(STORY_RECALL, slug, story_prompt(self.name(slug)), slug, self.name(slug),
                            reason, card_id=card_id, principles=(slug,), stories=cues,
                            **extra)  # type: ignore[arg-type]

    def question_item(self, question: Question, reason: str, **extra: object) -> PracticeItem:
        card = rows.find_card(self.store, QUESTION, question.id)
        slug = question.principles[0] if question.principles else None
        return PracticeItem(QUESTION, question.id, question.text, slug, self.name(slug), reason,
                            card_id=card.id if card else None, question_id=question.id,
                            principles=tuple(question.principles), guessed=question.guessed,
                            **extra)  # type: ignore[arg-type]

    # -- choosing -------------------------------------------------------------------------
    def due(self, now: datetime, asked: set[tuple[str, str]]) -> PracticeItem | None:
        """The most overdue card due today that this session has not asked yet."""
        tomorrow = start_of_day(now) + timedelta(days=1)
        # the most overdue few first: a long-neglected deck has a thousand due cards
        for limit in (len(asked) + 20, None):
            for card in rows.cards(self.store, due_before=tomorrow, principles=self.principles,
                                   kinds=(QUESTION, STORY_RECALL), limit=limit):
                if (card.kind, card.ref) in asked:
                    continue
                late = (utc_day(now) - utc_day(card.due)).days
                return self.card_item(card, f"overdue {late} day{'s' * (late != 1)}" if late > 0
                                      else "due")
        return None

    def supported(self, card: CardRecord) -> bool:
        return card.kind in (QUESTION, STORY_RECALL)

    def unseen(self) -> list[str]:
        """Principles in scope with questions to ask that no answered question has covered."""
        practised = rows.practised_question_ids(self.store)
        seen = {q.principles[0] for q_id in practised if (q := self.questions.get(q_id))
                and q.principles}
        return [p.slug for p in self.framework if p.slug not in seen and self.candidates(p.slug)
                and (not self.principles or p.slug in self.principles)]

    def new_budget(self, now: datetime, deadline: date | None) -> int:
        """How many new questions today's plan still has room for: the policy's daily share
        within the day's capacity, or more when the next stage (`deadline`) needs them so
        that every principle gets a question first. A story recall does not take a place."""
        today = start_of_day(now)
        done, new = rows.items_since(self.store, today, new_kinds=(QUESTION, TECHNICAL))
        need = 0
        if deadline is not None:  # this morning's unseen principles over the days left
            need = -(-(len(self.unseen()) + new) // max(1, (deadline - today.date()).days))
            if need <= self.policy.daily_new and rows.count_cards(self.store) >= self.policy.max_deck:
                return 0
        if need > self.policy.daily_new:
            return max(0, need - new)
        due_left = rows.count_cards(self.store, due_before=today + timedelta(days=1))
        room = self.policy.daily_capacity - done - due_left
        return max(0, min(self.policy.daily_new - new, room))

    def in_final_stretch(self, now: datetime, deadline: date | None) -> bool:
        return deadline is not None and utc_day(now) >= deadline - timedelta(days=self.policy.final_days)

    def overview(self, now: datetime, deadline: date, asked: set[tuple[str, str]],
                 allow_new: bool) -> PracticeItem | None:
        """In the final stretch: the weakest principle not practised since it began, by its
        story recall or its least stable question card (reviewed ahead of time). Spread over
        the stretch: each day takes its share of the principles still unseen that morning."""
        since = datetime.combine(deadline - timedelta(days=self.policy.final_days), time(), UTC)
        today = start_of_day(now)
        with_material = [p.slug for p in self.framework if self.has_material(p.slug)
                         and (not self.principles or p.slug in self.principles)]
        seen = rows.practised_principles_since(self.store, since)
        seen_before_today = rows.practised_principles_since(self.store, since, until=today)
        unseen_this_morning = [s for s in with_material if s not in seen_before_today]
        days_left = max(1, (deadline - today.date()).days)
        share = -(-len(unseen_this_morning) // days_left)
        done_today = len([s for s in unseen_this_morning if s in seen])
        if done_today >= share:
            return None
        for weak in weaknesses(self.store, self.framework, self.stories, self.principles):
            if weak.slug in seen or weak.slug not in with_material:
                continue
            cards = [c for c in rows.cards(self.store, principles=[weak.slug])
                     if (c.kind, c.ref) not in asked and self.supported(c)]
            cards.sort(key=lambda c: (c.kind != STORY_RECALL, c.fsrs.get("stability") or 0.0, c.id))
            if cards:
                return self.card_item(cards[0], "overview before the interview")
            if allow_new:
                item = self.fresh(weak.slug, random.Random(weak.slug), asked,
                                  "overview before the interview")
                if item:
                    return item
        return None

    def weighted_new(self, rng: random.Random, asked: set[tuple[str, str]],
                     reason: str = "new") -> PracticeItem | None:
        """A new item for a principle drawn with weakness as weight."""
        weak = [w for w in weaknesses(self.store, self.framework, self.stories, self.principles)
                if self.has_material(w.slug)]
        unseen = set(self.unseen())
        if unseen:  # every principle gets its first question before any gets a second
            weak = [w for w in weak if w.slug in unseen] or weak
        while weak:
            pick = rng.choices(weak, weights=[w.weight for w in weak])[0]
            why = f"{reason}: {pick.reasons[0]}" if pick.reasons else f"{reason}: {self.name(pick.slug)}"
            item = self.fresh(pick.slug, rng, asked, why)
            if item:
                return item
            weak.remove(pick)
        return None

    def fresh(self, slug: str, rng: random.Random, asked: set[tuple[str, str]],
              reason: str) -> PracticeItem | None:
        """A story recall not yet carded for `slug`, else a question never practised."""
        if self.stories.get(slug) and (STORY_RECALL, slug) not in asked and rows.find_card(
                self.store, STORY_RECALL, slug) is None:
            return self.recall_item(slug, reason)
        practised = rows.practised_question_ids(self.store)
        options = [q for q in self.candidates(slug)
                   if q.id not in practised and (QUESTION, q.id) not in asked]
        if not options:
            return None
        own = [q for q in options if q.origin != "bank"]
        return self.question_item(own[0] if own else rng.choice(options), reason)

    def ahead(self, asked: set[tuple[str, str]]) -> PracticeItem | None:
        """The card due soonest, reviewed ahead of time."""
        for card in rows.cards(self.store, principles=self.principles):
            if (card.kind, card.ref) not in asked and self.supported(card):
                return self.card_item(card, "ahead of schedule")
        return None

    def for_principle(self, slug: str, rng: random.Random, asked: set[tuple[str, str]],
                      reason: str, now: datetime) -> PracticeItem | None:
        """A question for one principle: a card of it due today, else one never practised,
        else the one practised longest ago."""
        tomorrow = start_of_day(now) + timedelta(days=1)
        cards = [c for c in rows.cards(self.store, principles=[slug], kinds=[QUESTION])
                 if (c.kind, c.ref) not in asked]
        if cards and cards[0].due < tomorrow:
            return self.card_item(cards[0], reason)
        practised = rows.practised_question_ids(self.store)
        fresh = [q for q in self.candidates(slug)
                 if q.id not in practised and (QUESTION, q.id) not in asked]
        if fresh:
            return self.question_item(rng.choice(fresh), reason)
        return self.card_item(cards[0], reason) if cards else None
