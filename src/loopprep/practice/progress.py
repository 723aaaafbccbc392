"""Progress and the home screen: per-principle trends, streaks, what is due, the countdown
to each interview stage, and the weakest principles. Pure reads of the store, given `now`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from loopprep.model.practice import PracticeItem
from loopprep.practice.questions import practice_questions
from loopprep.practice.selection import Selector, weaknesses
from loopprep.reviews import interviews
from loopprep.reviews.schedule import DEFAULT_POLICY, Policy, is_overdue, start_of_day, utc_day
from loopprep.store import practice as rows

if TYPE_CHECKING:
    from loopprep.workspace import Workspace


@dataclass(frozen=True)
class Streak:
    current: int  # consecutive days with practice, up to today (or yesterday)
    best: int
    practised_today: bool

    def to_json(self) -> dict[str, Any]:
        return {"current": self.current, "best": self.best, "practised_today": self.practised_today}


def streak(days: list[str], today: date) -> Streak:
    """Streaks from the ISO days with practice; a streak still counts until today ends."""
    seen = {date.fromisoformat(d) for d in days}
    best = run = 0
    previous: date | None = None
    for day in sorted(seen):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    current = 0
    cursor = today if today in seen else today - timedelta(days=1)
    while cursor in seen:
        current += 1
        cursor -= timedelta(days=1)
    return Streak(current, best, today in seen)


@dataclass(frozen=True)
class DueCounts:
    overdue: int  # due before today and not reviewed since
    today: int  # due today (including overdue)
    next_7_days: int  # due before the end of the seventh day from now (including today)
    cards: int

    def to_json(self) -> dict[str, int]:
        return {"overdue": self.overdue, "today": self.today, "next_7_days": self.next_7_days,
                "cards": self.cards}


def due_counts(bank: Workspace, now: datetime) -> DueCounts:
    start = start_of_day(now)
    return DueCounts(
        rows.count_cards(bank.store, due_before=start),
        rows.count_cards(bank.store, due_before=start + timedelta(days=1)),
        rows.count_cards(bank.store, due_before=start + timedelta(days=7)),
        rows.count_cards(bank.store),
    )


def next_due(bank: Workspace, now: datetime) -> date | None:
    """The day the first card not due today comes due (None without such a card)."""
    later = rows.next_due(bank.store, start_of_day(now) + timedelta(days=1))
    return utc_day(later) if later else None


def due_items(bank: Workspace, now: datetime) -> list[dict[str, Any]]:
    """Every card due today, most overdue first, as the question or recall to practise."""
    selector = Selector(bank.store, bank.framework, bank.stories(),
                        questions=practice_questions(bank, now=now))
    out = []
    for card in rows.cards(bank.store, due_before=start_of_day(now) + timedelta(days=1)):
        late = (utc_day(now) - utc_day(card.due)).days
        item: PracticeItem = selector.card_item(card, "due")
        out.append({"card_id": card.id, "kind": card.kind, "ref": card.ref,
                    "principle": card.principle, "principle_name": item.principle_name,
                    "prompt": item.prompt, "due": card.due.isoformat(),
                    "days_overdue": max(0, late), "overdue": is_overdue(card.due, now),
                    "reps": card.reps})
    return out


def status(bank: Workspace, now: datetime, policy: Policy = DEFAULT_POLICY) -> dict[str, Any]:
    """The home screen: countdown to each upcoming stage, what is due, new room today, the
    weakest principles and the streak."""
    today = utc_day(now)
    selector = Selector(bank.store, bank.framework, bank.stories(),
                        questions=practice_questions(bank, now=now), policy=policy)
    deadline = interviews.deadline(bank.store, now)
    stages = [{
        "interview_id": interview.id, "company": interview.company, "role": interview.role,
        "stage": stage.name, "date": stage.date.isoformat(), "days_left": (stage.date - today).days,
    } for interview, stage in interviews.upcoming_stages(bank.store, today)]
    weak = weaknesses(bank.store, bank.framework, selector.stories)
    counts = due_counts(bank, now)
    done, new = rows.items_since(bank.store, start_of_day(now))
    stretch = selector.in_final_stretch(now, deadline)
    budget = selector.new_budget(now, deadline)
    return {
        "today": today.isoformat(),
        "countdown": stages,
        "deadline": deadline.isoformat() if deadline else None,
        "final_stretch": stretch,
        "due": counts.to_json(),
        "next_due": (day.isoformat() if (day := next_due(bank, now)) else None),
        "new_today": budget,
        "practised_today": done,
        "streak": streak(rows.practice_days(bank.store), today).to_json(),
        "weakest": [{"slug": w.slug, "name": selector.name(w.slug), "weight": w.weight,
                     "score": w.score, "reasons": list(w.reasons)} for w in weak[:3]],
        "attempts": rows.count_attempts(bank.store),
        "advice": _advice(counts, budget, stretch, stages),
    }


def _advice(counts: DueCounts, budget: int, stretch: bool, stages: list[dict[str, Any]]) -> str:
    if stages and stages[0]["days_left"] == 0:
        return (f"{stages[0]['company']} {stages[0]['stage']} is today: recall your stories' "
                "opening lines and metrics, then rest.")
    if counts.today:
        what = f"{counts.today} due"
        if stretch:
            what += "; final stretch: an overview of every principle"
        return f"Practise now: {what} (loopprep practice)."
    soon = counts.next_7_days - counts.today
    later = f" {soon} come{'s' * (soon == 1)} due in the next 7 days." if soon else ""
    if budget:
        return (f"Nothing due today.{later} Room for {budget} new question{'s' * (budget != 1)} "
                "today (loopprep practice).")
    if later:
        return f"Nothing due today.{later}"
    return "All done for today."


def progress(bank: Workspace, now: datetime) -> dict[str, Any]:
    """Per-principle trends (scores over time), streaks, due counts and attempt counts."""
    today = utc_day(now)
    names: dict[str, str] = {p.slug: p.name for p in bank.framework}
    series: dict[str, list[dict[str, Any]]] = {}
    ratings: dict[str, list[int]] = {}
    total = interrupted = 0
    for row in rows.attempt_summaries(bank.store):
        total += 1
        if row.status == "interrupted":
            interrupted += 1
            continue
        if row.kind == "technical":
            continue  # technical practice has its own view: loopprep tech, loopprep readiness
        slug = row.principle or ""
        point = {"at": row.started_at, "score": row.overall, "rating": row.rating,
                 "kind": row.kind}
        series.setdefault(slug, []).append(point)
        if row.rating is not None:
            ratings.setdefault(slug, []).append(int(row.rating))
    principles = []
    for slug in [*bank.framework.slugs, *sorted(set(series) - set(bank.framework.slugs))]:
        points = series.get(slug, [])
        scores = [float(p["score"]) for p in points if p["score"] is not None]
        principles.append({
            "slug": slug, "name": names.get(slug, slug), "attempts": len(points),
            "mean_score": _mean(scores), "recent_score": _mean(scores[-3:]),
            "first_score": scores[0] if scores else None,
            "trend": _trend(scores), "mean_rating": _mean(ratings.get(slug, [])),
            "last_practised": points[-1]["at"] if points else None,
            "points": points,
        })
    days = rows.practice_days(bank.store)
    return {
        "today": today.isoformat(),
        "attempts": total, "interrupted": interrupted, "days_practised": len(days),
        "streak": streak(days, today).to_json(),
        "due": due_counts(bank, now).to_json(),
        "principles": principles,
    }


def _trend(scores: list[float]) -> float | None:
    """Least-squares slope of the scores per attempt (points per attempt); None below 2."""
    n = len(scores)
    if n < 2:
        return None
    mean_x = (n - 1) / 2
    mean_y = sum(scores) / n
    num = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(scores))
    den = sum((i - mean_x) ** 2 for i in range(n))
    return round(num / den, 3)


def _mean(values: list[float] | list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None
