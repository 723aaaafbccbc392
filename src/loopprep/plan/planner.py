"""Planning a loop: a primary and a backup story for every (interviewer, principle), no story
told twice to the panel, the strongest stories for the bar raiser, and what to develop
next when the bank cannot cover the loop. Pure: the bank's stories in, a `LoopPlan` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from loopprep.model import Framework, Principle, PrincipleSlug, Story, StoryId
from loopprep.plan.fit import LINKED_FLOOR, Fit, SimilaritySource, fit_matrix
from loopprep.plan.loops import Loop
from loopprep.plan.solve import Assignment, solve

#: In a bar raiser's slots a story's strength counts this much on top of its fit.
BAR_RAISER_STRENGTH = 0.5
#: A story you have not written yet is assumed about this strong once developed.
NEW_STORY_STRENGTH = 0.8
_DEVELOP_CANDIDATES_PER_PRINCIPLE = 3
#: An existing story is suggested for a principle only when its words already lean that way
#: (one framework keyword, or a clear closeness in meaning).
DEVELOP_MIN_SIMILARITY = 0.3

Role = Literal["primary", "backup"]


@dataclass(frozen=True)
class PlanOptions:
    linked_only: bool = False  # never use a story for a principle it is not filed under
    sources: tuple[SimilaritySource, ...] = ()  # word similarity; keywords when empty
    bar_raiser_strength: float = BAR_RAISER_STRENGTH
    suggest: bool = True  # work out what to develop next when slots stay empty


@dataclass(frozen=True)
class SlotPlan:
    """One question of the loop: who asks it, for which principle, and the stories for it."""

    interviewer: str
    principle: PrincipleSlug
    principle_name: str
    bar_raiser: bool
    primary: Fit | None
    backup: Fit | None
    why: str
    backup_why: str


@dataclass(frozen=True)
class Unfilled:
    interviewer: str
    principle: PrincipleSlug
    principle_name: str
    role: Role
    reason: str
    taken_by: tuple[StoryId, ...]  # stories that would fit but are told elsewhere


@dataclass(frozen=True)
class StoryUse:
    story_id: StoryId
    title: str
    interviewer: str | None
    principle: PrincipleSlug | None
    role: Role | None
    why: str


@dataclass(frozen=True)
class Suggestion:
    """One story to develop next and the empty slots it would fill."""

    kind: Literal["new", "develop"]
    principle: PrincipleSlug
    story_id: StoryId | None
    fills: tuple[tuple[str, PrincipleSlug, Role], ...]
    primaries_gained: int
    backups_gained: int
    message: str


@dataclass(frozen=True)
class LoopPlan:
    loop: Loop
    framework: Framework
    slots: tuple[SlotPlan, ...]
    unfilled: tuple[Unfilled, ...]
    stories: tuple[StoryUse, ...]
    develop_next: tuple[Suggestion, ...]  # best first; empty when the loop is covered
    objective: float
    story_by_id: dict[StoryId, Story]

    @property
    def lacking(self) -> list[PrincipleSlug]:
        """Principles that have no distinct story to tell (a primary slot left empty)."""
        return list(dict.fromkeys(u.principle for u in self.unfilled if u.role == "primary"))

    def to_json(self) -> dict[str, Any]:
        return {
            "loop": self.loop.to_json(),
            "assignments": [
                {
                    "interviewer": s.interviewer,
                    "principle": s.principle,
                    "principle_name": s.principle_name,
                    "bar_raiser": s.bar_raiser,
                    "primary": s.primary.story_id if s.primary else None,
                    "backup": s.backup.story_id if s.backup else None,
                    "primary_fit": s.primary.score if s.primary else None,
                    "backup_fit": s.backup.score if s.backup else None,
                    "primary_filed_under": s.primary.linked if s.primary else None,
                    "backup_filed_under": s.backup.linked if s.backup else None,
                    "why": s.why,
                    "backup_why": s.backup_why,
                }
                for s in self.slots
            ],
            "unfilled": [
                {"interviewer": u.interviewer, "principle": u.principle, "role": u.role,
                 "reason": u.reason, "taken_by": list(u.taken_by)}
                for u in self.unfilled
            ],
            "lacking": self.lacking,
            "stories": [
                {"id": u.story_id, "title": u.title, "interviewer": u.interviewer,
                 "principle": u.principle, "role": u.role, "why": u.why}
                for u in self.stories
            ],
            "develop_next": [
                {"kind": d.kind, "principle": d.principle, "story": d.story_id,
                 "fills": [{"interviewer": i, "principle": p, "role": r} for i, p, r in d.fills],
                 "primaries_gained": d.primaries_gained, "backups_gained": d.backups_gained,
                 "message": d.message}
                for d in self.develop_next
            ],
            "objective": self.objective,
        }


def plan_loop(stories: Sequence[Story], framework: Framework, loop: Loop, *, today: date,
              options: PlanOptions | None = None) -> LoopPlan:
    """The optimal plan for `loop` with the live stories in `stories`."""
    options = options or PlanOptions()
    live = [s for s in stories if not s.archived]
    principles = _loop_principles(loop, framework)
    fits = fit_matrix(live, principles, today=today, sources=options.sources)
    column = {p.slug: k for k, p in enumerate(principles)}
    # strongest first (then by id): the solver breaks ties toward earlier stories
    order = sorted(range(len(live)), key=lambda i: (-fits[i][0].strength.score, live[i].id)) if (
        principles) else list(range(len(live)))
    live = [live[i] for i in order]
    fits = [fits[i] for i in order]
    slots = loop.slots
    values = [[_value(fits[j][column[p]], loop.interviewers[i].bar_raiser, options)
               for j in range(len(live))] for i, p in slots]
    best = solve(values)
    names = {p.slug: p.name for p in framework.principles}
    plan_slots, unfilled = _describe_slots(loop, slots, live, fits, column, best, names)
    uses = _describe_stories(loop, slots, live, fits, column, best, names)
    suggestions: tuple[Suggestion, ...] = ()
    if options.suggest and (unfilled):
        suggestions = _develop_next(loop, slots, live, fits, column, values, best, names, options)
    return LoopPlan(loop, framework, tuple(plan_slots), tuple(unfilled), tuple(uses), suggestions,
                    best.objective / 100, {s.id: s for s in live})


def _loop_principles(loop: Loop, framework: Framework) -> list[Principle]:
    out: list[Principle] = []
    for _, slug in loop.slots:
        principle = framework.get(slug)
        if principle is None:
            raise ValueError(f"{slug} is not a principle of {framework.slug}")
        if principle not in out:
            out.append(principle)
    return out


def _value(fit: Fit, bar_raiser: bool, options: PlanOptions) -> int | None:
    """A story's worth in a slot, in hundredths; None when it may not go there."""
    if not fit.eligible or (options.linked_only and not fit.linked):
        return None
    bonus = options.bar_raiser_strength * fit.strength.score if bar_raiser else 0.0
    return round(100 * (fit.score + bonus))


def _describe_slots(loop: Loop, slots: list[tuple[int, PrincipleSlug]], live: list[Story],
                    fits: list[list[Fit]], column: dict[PrincipleSlug, int], best: Assignment,
                    names: dict[PrincipleSlug, str]) -> tuple[list[SlotPlan], list[Unfilled]]:
    where = _where_used(loop, slots, best)
    plan_slots = []
    unfilled = []
    for s, (i, slug) in enumerate(slots):
        person = loop.interviewers[i]
        fit_of = [row[column[slug]] for row in fits]
        picks: list[Fit | None] = []
        whys = []
        for role, chosen in (("primary", best.primary[s]), ("backup", best.backup[s])):
            if chosen is None:
                picks.append(None)
                whys.append("")
                taken = [j for j, f in enumerate(fit_of) if f.eligible and j in where
                         and j != best.primary[s]]
                if role == "backup" and best.primary[s] is None:
                    reason = f"no story at all for {names[slug]} here (the primary is empty too)"
                elif role == "backup" and not taken:
                    reason = f"no second story fits {names[slug]}: the only one is the primary"
                elif taken:
                    told = "; ".join(f"{live[j].title} → {where[j][0]} ({names[where[j][1]]}, "
                                     f"{where[j][2]})" for j in taken[:4])
                    reason = (f"every story that fits {names[slug]} is told elsewhere: {told}")
                else:
                    reason = (f"no story in your bank is filed under {names[slug]} or fits it by "
                              "its words")
                unfilled.append(Unfilled(person.name, slug, names[slug], role,  # type: ignore[arg-type]
                                         reason, tuple(live[j].id for j in taken)))
                continue
            fit = fit_of[chosen]
            picks.append(fit)
            here = {best.primary[s], best.backup[s]}
            whys.append(_why(live[chosen], fit, names[slug], person.bar_raiser and role == "primary",
                             fit_of, here, where, live, names))
        plan_slots.append(SlotPlan(person.name, slug, names[slug], person.bar_raiser, picks[0],
                                   picks[1], whys[0], whys[1]))
    return plan_slots, unfilled


def _where_used(loop: Loop, slots: list[tuple[int, PrincipleSlug]], best: Assignment
                ) -> dict[int, tuple[str, PrincipleSlug, Role]]:
    where: dict[int, tuple[str, PrincipleSlug, Role]] = {}
    for s, (i, slug) in enumerate(slots):
        if best.primary[s] is not None:
            where[best.primary[s]] = (loop.interviewers[i].name, slug, "primary")  # type: ignore[index]
        if best.backup[s] is not None:
            where[best.backup[s]] = (loop.interviewers[i].name, slug, "backup")  # type: ignore[index]
    return where


def _why(story: Story, fit: Fit, principle_name: str, bar_raiser: bool, fit_of: list[Fit],
         here: set[int | None], where: dict[int, tuple[str, PrincipleSlug, Role]], live: list[Story],
         names: dict[PrincipleSlug, str]) -> str:
    parts = []
    if fit.linked:
        lines = [f.source.line for f in story.fragments if f.principle == fit.principle]
        parts.append(f"filed under {principle_name}" + (f" in your notes (line {lines[0]})" if lines
                                                        else ""))
    else:
        parts.append(f"NOT filed under {principle_name}; chosen because {fit.similarity.why} — "
                     f"check that it shows {principle_name}, then file it there")
    parts.append(f"strength {fit.strength.score:.2f} ({fit.strength.describe()})")
    parts.append(f"fit {fit.score:.2f}")
    if bar_raiser:
        parts.append("bar raiser: the strongest stories go here")
    # the first of the best (max keeps the earliest of equals, as a stable sort would)
    index = max((j for j, f in enumerate(fit_of) if j not in here and f.eligible),
                key=lambda j: fit_of[j].score, default=None)
    if index is not None:
        alt = fit_of[index]
        told = where.get(index)
        place = f"told to {told[0]} for {names[told[1]]}" if told else "kept in reserve"
        parts.append(f"next best: {live[index].title} ({alt.score:.2f}, {place})")
    return "; ".join(parts)


def _describe_stories(loop: Loop, slots: list[tuple[int, PrincipleSlug]], live: list[Story],
                      fits: list[list[Fit]], column: dict[PrincipleSlug, int], best: Assignment,
                      names: dict[PrincipleSlug, str]) -> list[StoryUse]:
    where = _where_used(loop, slots, best)
    uses = []
    for j, story in enumerate(live):
        if j in where:
            person, slug, role = where[j]
            fit = fits[j][column[slug]]
            note = "" if fit.linked else f" (not filed under {names[slug]}: fits by its words)"
            uses.append(StoryUse(story.id, story.title, person, slug, role,
                                 f"{role} for {person} — {names[slug]}{note}"))
            continue
        fitting = [slug for slug in column if fits[j][column[slug]].eligible]
        if fitting:
            why = ("not used: it fits " + ", ".join(names[p] for p in fitting)
                   + ", but those slots went to better fits")
        elif story.principles:
            why = ("not used: filed under " + ", ".join(names.get(p, p) for p in story.principles)
                   + ", which this loop does not ask")
        else:
            why = "not used: filed under no principle, and its words fit none this loop asks"
        uses.append(StoryUse(story.id, story.title, None, None, None, why))
    uses.sort(key=lambda u: u.story_id)
    return uses


def _develop_next(loop: Loop, slots: list[tuple[int, PrincipleSlug]], live: list[Story],
                  fits: list[list[Fit]], column: dict[PrincipleSlug, int],
                  values: list[list[int | None]], best: Assignment,
                  names: dict[PrincipleSlug, str], options: PlanOptions) -> tuple[Suggestion, ...]:
    """Re-solve with one more story per candidate and rank by the slots it fills: a new story
    for each principle left empty, and existing stories that would fit it once developed."""
    empty = [s for s, p in enumerate(best.primary) if p is None]
    target_role: Role = "primary"
    if not empty:
        empty = [s for s, b in enumerate(best.backup) if b is None]
        target_role = "backup"
    wanted = list(dict.fromkeys(slots[s][1] for s in empty))
    used = set(best.primary) | set(best.backup)
    candidates: list[tuple[str, PrincipleSlug, int | None, list[int | None]]] = []
    for slug in wanted:
        k = column[slug]
        # a new story, filed under this principle and developed
        column_values: list[int | None] = []
        for i, p in slots:
            strength = NEW_STORY_STRENGTH
            fit = LINKED_FLOOR + 0.25 * strength
            bonus = options.bar_raiser_strength * strength if loop.interviewers[i].bar_raiser else 0.0
            column_values.append(round(100 * (fit + bonus)) if p == slug else None)
        candidates.append(("new", slug, None, column_values))
        # stories you have, unused, whose words come closest: file them here and develop them
        spare = sorted((j for j in range(len(live)) if j not in used and not fits[j][k].linked
                        and fits[j][k].similarity.score >= DEVELOP_MIN_SIMILARITY),
                       key=lambda j: (-fits[j][k].similarity.score, -fits[j][k].strength.score,
                                      live[j].id))
        for j in spare[:_DEVELOP_CANDIDATES_PER_PRINCIPLE]:
            # judged as it would be once developed, like a new story
            developed = replace(fits[j][k].strength, score=NEW_STORY_STRENGTH)
            linked = replace(fits[j][k], linked=True, strength=developed,
                             score=round(LINKED_FLOOR + 0.25 * NEW_STORY_STRENGTH
                                         + 0.15 * fits[j][k].similarity.score, 2))
            changed: list[int | None] = []
            for s, (i, p) in enumerate(slots):
                if p == slug:
                    changed.append(_value(linked, loop.interviewers[i].bar_raiser, options))
                else:
                    changed.append(values[s][j])
            candidates.append(("develop", slug, j, changed))
    results = []
    for kind, slug, index, column_values in candidates:
        if index is None:
            trial = [row + [column_values[s]] for s, row in enumerate(values)]
        else:
            trial = [row[:index] + [column_values[s]] + row[index + 1:] for s, row in enumerate(values)]
        answer = solve(trial)
        gained_p = answer.filled - best.filled
        gained_b = answer.backups_filled - best.backups_filled
        if gained_p <= 0 and (target_role == "primary" or gained_b <= 0):
            continue
        fills = tuple(
            (loop.interviewers[slots[s][0]].name, slots[s][1], role)
            for s in range(len(slots))
            for role, before, after in (("primary", best.primary[s], answer.primary[s]),
                                        ("backup", best.backup[s], answer.backup[s]))
            if before is None and after is not None
        )
        # equal gains: develop a story you have before writing one; fill a principle nothing
        # fits before one whose stories are merely told elsewhere; then the better plan
        gap = not any(row[column[slug]].eligible for row in fits)
        rank = (gained_p, gained_b, kind == "develop", gap, answer.value)
        results.append((rank, kind, slug, index, fills, gained_p, gained_b))
    results.sort(key=lambda r: r[0], reverse=True)
    return tuple(_suggestion(r[1:], live, fits, column, names) for r in results[:5])


def _suggestion(found: tuple[Any, ...], live: list[Story], fits: list[list[Fit]],
                column: dict[PrincipleSlug, int], names: dict[PrincipleSlug, str]) -> Suggestion:
    """One ranked candidate of `_develop_next` in words."""
    kind, slug, index, fills, gained_p, gained_b = found
    where = ", ".join(f"{who} ({names[p]}{'' if r == 'primary' else ', backup'})"
                      for who, p, r in fills)
    if kind == "new":
        fitting = any(row[column[slug]].eligible for row in fits)
        message = (f"Write a new story for {names[slug]}: it would fill {where}. "
                   + ("The stories that fit it are told to other interviewers." if fitting
                      else "None of your stories fits it yet."))
        return Suggestion(kind, slug, None, fills, gained_p, gained_b, message)
    story = live[index]
    message = (f"Develop '{story.title}' ({story.id}) and file it under {names[slug]}: "
               f"it would fill {where}. What it says already points there — "
               f"{fits[index][column[slug]].similarity.why}.")
    return Suggestion(kind, slug, story.id, fills, gained_p, gained_b, message)
