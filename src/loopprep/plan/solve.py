"""The loop planner's optimiser: which story goes to which (interviewer, principle) slot,
as a 0/1 integer programme solved exactly by scipy's `milp` (HiGHS), and the greedy
baseline the bench compares it with.

Variables: x[s,j] = story j is the primary for slot s, y[s,j] = its backup, and slack
u[s], v[s] = slot s has no primary / no backup. Constraints: every slot has one primary
or its slack, one backup or its slack; every story is used at most once in the whole plan
(so never for two interviewers, never twice for one, and a backup is never its slot's
primary). Objective, maximised:

    sum value[s,j] * x[s,j] + BACKUP_WEIGHT * sum value[s,j] * y[s,j]
      - primary_penalty * sum u[s] - BACKUP_PENALTY * sum v[s]

`primary_penalty` exceeds anything the rest can add up to, so the plan first tells a
story in as many slots as it can, then trades backups and fit. Values are in hundredths,
and a tie-break far smaller than one hundredth prefers earlier stories (the caller orders
them strongest first) for earlier slots, so equal plans always come out the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BACKUP_WEIGHT = 0.5
BACKUP_PENALTY = 50  # hundredths: an empty backup costs half a perfect story's value


@dataclass(frozen=True)
class Assignment:
    """The solver's answer: story index (or None) per slot, and the objective it scores."""

    primary: tuple[int | None, ...]
    backup: tuple[int | None, ...]
    objective: float  # in hundredths, without the tie-break
    value: float  # the fit part alone: primaries plus BACKUP_WEIGHT times backups


    @property
    def filled(self) -> int:
        return sum(p is not None for p in self.primary)

    @property
    def backups_filled(self) -> int:
        return sum(b is not None for b in self.backup)


def primary_penalty(values: Sequence[Sequence[int | None]]) -> int:
    """More than every backup and every fit in the plan together could be worth."""
    best = max((v for row in values for v in row if v is not None), default=0)
    return int(len(values) * (best * (1 + BACKUP_WEIGHT) + BACKUP_PENALTY)) + 1


def objective(values: Sequence[Sequence[int | None]], primary: Sequence[int | None],
              backup: Sequence[int | None]) -> float:
    """The documented objective of any plan (used for the greedy baseline and tests too)."""
    penalty = primary_penalty(values)
    total = 0.0
    for s, row in enumerate(values):
        if primary[s] is None:
            total -= penalty
        else:
            total += _value(row, primary[s])
        if backup[s] is None:
            total -= BACKUP_PENALTY
        else:
            total += BACKUP_WEIGHT * _value(row, backup[s])
    return total


def _fit_value(values: Sequence[Sequence[int | None]], primary: Sequence[int | None],
               backup: Sequence[int | None]) -> float:
    total = 0.0
    for s, row in enumerate(values):
        if primary[s] is not None:
            total += _value(row, primary[s])
        if backup[s] is not None:
            total += BACKUP_WEIGHT * _value(row, backup[s])
    return total


def _value(row: Sequence[int | None], story: int | None) -> int:
    assert story is not None
    value = row[story]
    if value is None:
        raise ValueError(f"story {story} is not allowed in this slot")
    return value


def solve(values: Sequence[Sequence[int | None]], *, time_limit: float = 30.0) -> Assignment:
    """The best plan for `values[s][j]` (hundredths; None: story j may not go to slot s)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    n_slots = len(values)
    n_stories = len(values[0]) if values else 0
    pairs = [(s, j) for s in range(n_slots) for j in range(n_stories) if values[s][j] is not None]
    n_pairs = len(pairs)
    # columns: x pairs, y pairs, u slots, v slots
    n_vars = 2 * n_pairs + 2 * n_slots
    if n_slots == 0:
        return Assignment((), (), 0.0, 0.0)
    penalty = primary_penalty(values)
    # a whole plan's tie-break stays under half a hundredth; earlier stories go to earlier
    # slots' primaries first, then to backups (rearrangement: larger weight meets larger)
    tie = 0.4 / (4 * n_slots + 1)
    cost = np.zeros(n_vars)
    for k, (s, j) in enumerate(pairs):
        value = values[s][j]
        assert value is not None
        story_rank = (n_stories - j) / n_stories
        slot_rank = (n_slots - s) / n_slots
        cost[k] = -(value + tie * story_rank * (1 + slot_rank))
        cost[n_pairs + k] = -(BACKUP_WEIGHT * value + tie * story_rank * slot_rank)
    cost[2 * n_pairs:2 * n_pairs + n_slots] = penalty
    cost[2 * n_pairs + n_slots:] = BACKUP_PENALTY

    rows: list[int] = []
    cols: list[int] = []
    # rows 0..n_slots-1: primaries of slot s + u[s] == 1; next n_slots: backups + v[s] == 1
    for k, (s, _) in enumerate(pairs):
        rows += [s, n_slots + s]
        cols += [k, n_pairs + k]
    for s in range(n_slots):
        rows += [s, n_slots + s]
        cols += [2 * n_pairs + s, 2 * n_pairs + n_slots + s]
    # then one row per story: used at most once, as a primary or a backup, anywhere
    for k, (_, j) in enumerate(pairs):
        rows += [2 * n_slots + j, 2 * n_slots + j]
        cols += [k, n_pairs + k]
    matrix = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(2 * n_slots + n_stories, n_vars))
    lower = np.concatenate([np.ones(2 * n_slots), np.zeros(n_stories)])
    upper = np.ones(2 * n_slots + n_stories)
    result = milp(
        cost,
        constraints=LinearConstraint(matrix.tocsr(), lower, upper),
        integrality=np.ones(n_vars),
        bounds=Bounds(0, 1),
        # gap 0: exact, not within HiGHS' default 0.01%. No presolve: the model is already
        # an assignment problem whose LP is integral, and presolve's probing spent seconds
        # on 1,000-story banks for nothing (bench/bench_plan.py).
        options={"mip_rel_gap": 0.0, "time_limit": time_limit, "presolve": False},
    )
    if result.x is None:  # cannot happen: the slacks make every instance feasible
        raise RuntimeError(f"the loop optimiser failed: {result.message}")
    chosen = result.x > 0.5
    primary: list[int | None] = [None] * n_slots
    backup: list[int | None] = [None] * n_slots
    for k, (s, j) in enumerate(pairs):
        if chosen[k]:
            primary[s] = j
        if chosen[n_pairs + k]:
            backup[s] = j
    return Assignment(tuple(primary), tuple(backup), objective(values, primary, backup),
                      _fit_value(values, primary, backup))


def solve_greedy(values: Sequence[Sequence[int | None]], order: Sequence[int] | None = None) -> Assignment:
    """The obvious loop: each slot in turn (bar raiser first, if `order` says so) takes its
    best unused story; then backups the same way. Fast, and often worse (see bench/)."""
    n_slots = len(values)
    sequence = list(order) if order is not None else list(range(n_slots))
    used: set[int] = set()
    primary: list[int | None] = [None] * n_slots
    backup: list[int | None] = [None] * n_slots
    for target in (primary, backup):
        for s in sequence:
            options = [(v, -j) for j, v in enumerate(values[s]) if v is not None and j not in used]
            if options:
                _, negative = max(options)
                target[s] = -negative
                used.add(-negative)
    return Assignment(tuple(primary), tuple(backup), objective(values, primary, backup),
                      _fit_value(values, primary, backup))
