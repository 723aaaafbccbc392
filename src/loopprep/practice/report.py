"""The report at the end of a practice session: per principle (and per interviewer in a
mock loop) the scores, ratings and the fixes the feedback asked for most."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from loopprep.model.practice import AttemptRecord
from loopprep.store import practice as rows

if TYPE_CHECKING:
    from loopprep.workspace import Workspace


def session_report(bank: Workspace, session_id: int, *, now: datetime) -> dict[str, Any]:
    """What a session did: per principle (and per interviewer in a mock loop) the scores,
    ratings and the fixes that came up most."""
    record = rows.get_session(bank.store, session_id)
    attempts = rows.attempts(bank.store, session_id=session_id)
    names: dict[str, str] = {p.slug: p.name for p in bank.framework}
    answered = [a for a in attempts if a.status != "interrupted"]
    report: dict[str, Any] = {
        "session": session_id, "kind": record.kind,
        "started_at": record.started_at.isoformat(), "ended_at": now.isoformat(),
        "minutes": round((now - record.started_at).total_seconds() / 60, 1),
        "items": len(attempts), "answered": len(answered),
        "interrupted": len(attempts) - len(answered),
        "mean_score": _mean(a.overall for a in answered),
        "principles": [], "fixes": _fixes(answered),
        "due_left": rows.count_cards(bank.store, due_before=_tomorrow(now)),
    }
    by_principle: dict[str, list[AttemptRecord]] = {}
    technical = [a for a in answered if a.kind == "technical"]
    for attempt in answered:
        if attempt.kind != "technical":
            by_principle.setdefault(attempt.principle or "", []).append(attempt)
    for slug, group in by_principle.items():
        report["principles"].append({
            "slug": slug, "name": names.get(slug, slug), "attempts": len(group),
            "mean_score": _mean(a.overall for a in group),
            "mean_rating": _mean(a.rating for a in group),
        })
    if "plan" in record.settings:
        report["interviewers"] = _interviewer_report(record.settings["plan"], attempts, names)
    if technical:
        from loopprep.technical.practice import session_summary

        report["technical"] = session_summary(bank.store, technical)
    return report


def _interviewer_report(plan: list[dict[str, Any]], attempts: list[AttemptRecord],
                        names: dict[str, str]) -> list[dict[str, Any]]:
    by_ref = {a.ref: a for a in attempts}
    people: dict[str, dict[str, Any]] = {}
    for entry in plan:
        person = people.setdefault(entry["interviewer"], {
            "name": entry["interviewer"], "bar_raiser": entry["bar_raiser"], "principles": []})
        attempt = by_ref.get(entry["ref"])
        fixes = _fixes([attempt], limit=1) if attempt and attempt.status != "interrupted" else []
        person["principles"].append({
            "slug": entry["principle"], "name": names.get(entry["principle"], entry["principle"]),
            "question": attempt.question if attempt else None,
            "status": attempt.status if attempt else "not asked",
            "score": attempt.overall if attempt else None,
            "rating": attempt.rating if attempt else None,
            "fix": fixes[0] if fixes else None,
        })
    for person in people.values():
        person["score"] = _mean(p["score"] for p in person["principles"])
    return list(people.values())


def _fixes(attempts: list[AttemptRecord], limit: int = 3) -> list[str]:
    """The fixes the feedback asked for most often across the attempts."""
    counts: Counter[str] = Counter()
    for attempt in attempts:
        feedback = attempt.feedback or {}
        fixes = list(feedback.get("top_fixes") or [])
        if not fixes:
            fixes = [f.get("fix") or f.get("message") for f in feedback.get("flags", [])][:2]
        counts.update({f for f in fixes if f})
    return [fix for fix, _ in counts.most_common(limit)]


def _mean(values: Any) -> float | None:
    numbers = [float(v) for v in values if v is not None]
    return round(sum(numbers) / len(numbers), 2) if numbers else None


def _tomorrow(now: datetime) -> datetime:
    from loopprep.reviews.schedule import start_of_day

    return start_of_day(now) + timedelta(days=1)
