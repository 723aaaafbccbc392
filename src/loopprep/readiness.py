"""Readiness: behavioral and technical side by side against the days left to the next
interview, each side with a score out of 100 explained in plain words.

Behavioral, per principle: 40% having a story filed under it, 60% recent practice (the last
five attempts: the feedback score out of 10, or the self-rating of a story recall), practice
counting half while a review of the principle is overdue. The side's score is the mean over
the framework's principles. Technical, per subtopic: 60% the latest self-rating (1..5; ticked
off in the notes counts as 3), 40% the last three logged outcomes (solved 1, partial ½,
failed 0), halved while its review is overdue (`loopprep.technical.scores`). A topic scores
the mean over the subtopics you track; the side scores the mean over the topics in scope, a
topic with nothing tracked counting 0 (machine learning is in scope for scientist roles or
when you track it). The pace divides what is left (reviews due before the interview and
weak spots) by the days left and compares it with each side's share of a day's practice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from loopprep.model import Story
from loopprep.model.practice import TECHNICAL, CardRecord
from loopprep.practice.selection import stories_by_principle
from loopprep.reviews import interviews
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, is_overdue, start_of_day, utc_day
from loopprep.store import practice as rows
from loopprep.technical.tracker import SubtopicState, subtopic_states, topic_list

if TYPE_CHECKING:
    from loopprep.workspace import Workspace

STORY_WEIGHT = 0.4
PRACTICE_WEIGHT = 0.6
RECENT_ATTEMPTS = 5
WEAK_BELOW = 0.6  # a principle or subtopic below this share needs work
TECHNICAL_SHARE = 1 / 3  # of a day's practice, when the candidate tracks technical topics
LEVELS = ((80, "ready"), (60, "nearly there"), (35, "getting there"), (0, "early days"))


def level(score: float) -> str:
    return next(name for floor, name in LEVELS if score >= floor)


def readiness(bank: Workspace, *, now: datetime, policy: Policy = DEFAULT_POLICY,
              stories: Sequence[Story] | None = None) -> dict[str, Any]:
    """The readiness view (the shape is in docs/json.md); `stories` saves reading the bank
    again when the caller has them."""
    today = utc_day(now)
    upcoming = interviews.upcoming_stages(bank.store, today)
    interview: dict[str, Any] | None = None
    if upcoming:
        first, stage = upcoming[0]
        interview = {"company": first.company, "role": first.role, "stage": stage.name,
                     "date": stage.date.isoformat(), "days_left": (stage.date - today).days}
    roles = " ".join(i.role for i, _ in upcoming).lower()
    day = date.fromisoformat(interview["date"]) if interview else None
    days_left = interview["days_left"] if interview else None
    cards = rows.cards(bank.store)
    technical = _technical(bank, now, roles, [c for c in cards if c.kind == TECHNICAL], day)
    share = round(policy.daily_capacity * TECHNICAL_SHARE) if technical["tracked"] else 0
    behavioral = _behavioral(bank, now, [c for c in cards if c.kind != TECHNICAL], day,
                             bank.stories() if stories is None else stories)
    _pace(behavioral, "principle", days_left, policy.daily_capacity - share)
    if technical["tracked"]:
        _pace(technical, "spot", days_left, share)
    return {"today": today.isoformat(), "interview": interview, "days_left": days_left,
            "behavioral": behavioral, "technical": technical,
            "advice": _advice(behavioral, technical)}


# -- behavioral -------------------------------------------------------------------------------

def _behavioral(bank: Workspace, now: datetime, cards: list[CardRecord], day: date | None,
                bank_stories: Sequence[Story]) -> dict[str, Any]:
    stories = stories_by_principle(bank_stories)
    recent = rows.recent_by_principle(bank.store, RECENT_ATTEMPTS)
    stale = {c.principle for c in cards if is_overdue(c.due, now)}
    principles: list[dict[str, Any]] = []
    for principle in bank.framework:
        values = [v for o, r in recent.get(principle.slug, []) if (v := _practice_value(o, r))
                  is not None]
        practice = sum(values) / len(values) if values else 0.0
        overdue = principle.slug in stale
        if overdue:
            practice /= 2
        count = len(stories.get(principle.slug, []))
        score = STORY_WEIGHT * (count > 0) + PRACTICE_WEIGHT * practice
        why = []
        if not count:
            why.append("no story")
        why.append(f"practice {practice:.0%}" if values else "not practised")
        if overdue:
            why.append("review overdue")
        principles.append({"slug": principle.slug, "name": principle.name, "stories": count,
                           "practice": round(practice, 4), "attempts": len(values),
                           "overdue": overdue, "score": round(score, 4), "why": why})
    total = len(principles) or 1
    score = round(100 * sum(p["score"] for p in principles) / total)
    with_story = sum(1 for p in principles if p["stories"])
    practised = [p for p in principles if p["attempts"]]
    mean_practice = sum(p["practice"] for p in principles) / total
    explanation = (
        f"{score}/100, {level(score)}: {with_story} of {len(principles)} principles have a story "
        f"(40% of each principle's share) and recent practice averages {mean_practice:.0%} over "
        f"all of them ({len(practised)} practised; 60%).")
    late = [p for p in principles if p["overdue"]]
    if late:
        explanation += f" {len(late)} with an overdue review count their practice at half."
    return {
        "score": score, "level": level(score), "explanation": explanation,
        "principles": principles,
        "gaps": [p["slug"] for p in principles if not p["stories"]],
        "weak": [p["slug"] for p in principles if p["score"] < WEAK_BELOW],
        "weakest": [{"slug": p["slug"], "name": p["name"], "score": p["score"], "why": p["why"]}
                    for p in sorted(principles, key=lambda p: (p["score"], p["slug"]))[:3]],
        "due": _due(cards, now, day),
    }


def _practice_value(overall: float | None, rating: int | None) -> float | None:
    """An attempt as 0..1: its feedback score out of 10, else its self-rating 1..4."""
    if overall is not None:
        return overall / 10
    return (rating - 1) / 3 if rating is not None else None


# -- technical --------------------------------------------------------------------------------

def _technical(bank: Workspace, now: datetime, roles: str, cards: list[CardRecord], day: date | None
               ) -> dict[str, Any]:
    topics = topic_list(bank)
    states = subtopic_states(bank, now, topics)
    by_topic: dict[str, list[SubtopicState]] = {}
    for state in states:
        by_topic.setdefault(state.subtopic.topic, []).append(state)
    out: list[dict[str, Any]] = []
    for topic in topics.topics:
        tracked = [s for s in by_topic.get(topic.slug, []) if s.tracked]
        for_role = not topic.roles or any(role in roles for role in topic.roles)
        score = sum(s.score(now) for s in tracked) / len(tracked) if tracked else 0.0
        out.append({"slug": topic.slug, "name": topic.name, "in_scope": bool(tracked) or for_role,
                    "tracked": len(tracked), "score": round(score, 4),
                    "subtopics": [_subtopic(s, now) for s in tracked]})
    scope = [t for t in out if t["in_scope"]]
    tracked_any = any(t["tracked"] for t in out)
    subs = [s for t in out for s in t["subtopics"]]
    not_started = [t["slug"] for t in scope if not t["tracked"]]
    result: dict[str, Any] = {
        "tracked": tracked_any, "topics": out, "not_started": not_started,
        "weak": [s["id"] for s in subs if s["score"] < WEAK_BELOW] + not_started,
        "weakest": sorted(subs, key=lambda s: (s["score"], s["id"]))[:3],
        "due": _due(cards, now, day),
    }
    if not tracked_any:
        result.update(score=None, level="not tracked", explanation=(
            "You track no technical topics yet: import notes with a technical checklist, or "
            "rate a subtopic (loopprep tech rate SUBTOPIC 1-5)."))
        return result
    score = round(100 * sum(t["score"] for t in scope) / len(scope))
    rated = sum(1 for s in subs if s["rating"] is not None)
    explanation = (
        f"{score}/100, {level(score)}: the mean over {len(scope)} topics of how ready you are on "
        f"the subtopics you track ({len(subs)}, {rated} rated): 60% your latest self-rating, 40% "
        "your last three practice outcomes.")
    if not_started:
        explanation += (f" {len(not_started)} topic{'s' * (len(not_started) != 1)} with nothing "
                        "tracked count 0.")
    result.update(score=score, level=level(score), explanation=explanation)
    return result


def _subtopic(state: SubtopicState, now: datetime) -> dict[str, Any]:
    why = []
    if state.rating is None:
        why.append("ticked off, not rated" if state.checked else "not rated")
    else:
        why.append(f"rated {state.rating.rating}/5")
    why.append(f"last outcome {state.outcomes[0]}" if state.outcomes else "not practised")
    if state.overdue(now):
        why.append("review overdue")
    return {"id": state.subtopic.id, "name": state.subtopic.name, "topic": state.subtopic.topic,
            "label": state.label, "rating": state.rating.rating if state.rating else None,
            "checked": state.checked, "practised": state.practised,
            "last_outcome": state.outcomes[0] if state.outcomes else None,
            "due_today": state.due_today(now), "overdue": state.overdue(now),
            "score": state.score(now), "why": why}


# -- against the days left --------------------------------------------------------------------

def _due(cards: list[CardRecord], now: datetime, day: date | None) -> dict[str, int | None]:
    """Reviews due today (overdue included), overdue, and due before the interview day."""
    tomorrow = start_of_day(now) + timedelta(days=1)
    before = datetime.combine(day, time(), UTC) if day is not None else None
    return {"today": sum(c.due < tomorrow for c in cards),
            "overdue": sum(is_overdue(c.due, now) for c in cards),
            "by_interview": sum(c.due < before for c in cards) if before is not None else None,
            "cards": len(cards)}


def _pace(side: dict[str, Any], unit: str, days_left: int | None, share: int) -> None:
    """What is left before the interview, per day, against the side's share of a day."""
    weak = len(side["weak"])
    due = side["due"]
    if days_left is None:
        side.update(per_day=None, daily_share=share, on_track=None,
                    pace=f"No interview date: {due['today']} due today and {weak} weak "
                    f"{unit}{'s' * (weak != 1)}. Add one with loopprep interview add.")
        return
    reviews = due["by_interview"]
    # each review due before the day is an item; so is each weak spot
    per_day = math.ceil((reviews + weak) / max(1, days_left))
    gaps = len(side.get("gaps", []))  # practice cannot make up for a principle with no story
    on_track = per_day <= share and not gaps
    verdict = ("on track" if on_track else
               f"first find a story for the {gaps} principle{'s' * (gaps != 1)} with none"
               if gaps else "behind: practise more each day or narrow the focus")
    when = "today" if days_left == 0 else f"{days_left} day{'s' * (days_left != 1)} left"
    side.update(
        per_day=per_day, daily_share=share, on_track=on_track,
        pace=f"{when}: {reviews} review{'s' * (reviews != 1)} due before then and {weak} weak "
        f"{unit}{'s' * (weak != 1)}, about {per_day} a day against {share} in a day's plan"
        f" — {verdict}.")


def _advice(behavioral: dict[str, Any], technical: dict[str, Any]) -> list[str]:
    out = []
    overdue = behavioral["due"]["overdue"] + technical["due"]["overdue"]
    if overdue:
        out.append(f"Clear {overdue} overdue review{'s' * (overdue != 1)} first: loopprep practice.")
    gaps = [p for p in behavioral["principles"] if not p["stories"]]
    if gaps:
        out.append(f"Find a story for {gaps[0]['name']}" + (
            f" and {len(gaps) - 1} other principle{'s' * (len(gaps) != 2)}." if len(gaps) > 1 else "."))
    if technical["tracked"]:
        names = {t["slug"]: t["name"] for t in technical["topics"]}
        if technical["not_started"]:
            first = technical["not_started"][0]
            out.append(f"Start on {names[first]}: rate one of its subtopics "
                       f"(loopprep tech topics {first}).")
        elif technical["weakest"]:
            weakest = technical["weakest"][0]
            out.append(f"Practise {weakest['label']} ({', '.join(weakest['why'])}).")
    else:
        out.append("Technical interview ahead? Rate yourself on a subtopic: loopprep tech topics --all.")
    return out
