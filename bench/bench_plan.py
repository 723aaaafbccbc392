"""Loop planner speed and quality: a seven-interviewer loop (16 principles) over synthetic
banks, the exact optimiser (scipy milp) against the greedy loop on the same fit values,
in the same run. Target: a whole plan over 200 stories in under 1 s.

Run: python bench/bench_plan.py
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date

from loopprep.frameworks import load_framework
from loopprep.model import PrincipleSlug, Story, StoryId
from loopprep.plan import loop_from_specs, plan_loop
from loopprep.plan.fit import fit_matrix
from loopprep.plan.planner import PlanOptions, _value
from loopprep.plan.solve import solve, solve_greedy

TODAY = date(2026, 11, 27)
FRAMEWORK = load_framework("amazon")
SPECS = [
    "Hiring manager: customer-obsession, ownership, deliver-results",
    "Peer 1: dive-deep, invent-and-simplify, insist-on-the-highest-standards",
    "Peer 2: bias-for-action, are-right-a-lot",
    "Peer 3: learn-and-be-curious, frugality",
    "Senior manager: think-big, hire-and-develop-the-best",
    "Skip-level: earths-best-employer, success-and-scale",
    "Bar raiser: earn-trust, have-backbone",
]


def make_bank(n: int, seed: int) -> list[Story]:
    rng = random.Random(seed)
    slugs = list(FRAMEWORK.slugs)
    words = [w for p in FRAMEWORK for w in p.keywords] + "shipped team migrated pipeline".split()
    stories = []
    for i in range(n):
        full = rng.random() < 0.4
        stories.append(Story(
            StoryId(f"story-{i:03d}"), f"Story {i}",
            tuple(PrincipleSlug(p) for p in rng.sample(slugs, rng.choice((0, 1, 1, 2, 2, 3)))),
            situation=" ".join(rng.choices(words, k=8)) if full else "",
            action=" ".join(rng.choices(words, k=12)) if rng.random() < 0.6 else "",
            result=f"cut cost {rng.randint(5, 60)}%" if full else "",
            date=str(rng.randint(2012, 2026)) if rng.random() < 0.7 else None,
        ))
    return stories


def instance(stories: list[Story]) -> tuple[list[list[int | None]], list[int]]:
    loop = loop_from_specs(SPECS, FRAMEWORK)
    principles = [FRAMEWORK.get(p) for _, p in loop.slots]
    fits = fit_matrix(stories, [p for p in principles if p is not None], today=TODAY)
    options = PlanOptions()
    values = [[_value(fits[j][s], loop.interviewers[i].bar_raiser, options) for j in range(len(stories))]
              for s, (i, _) in enumerate(loop.slots)]
    bar_first = sorted(range(len(loop.slots)),
                       key=lambda s: not loop.interviewers[loop.slots[s][0]].bar_raiser)
    return values, bar_first


def main() -> None:
    start = time.perf_counter()
    solve([[1]])  # scipy import and HiGHS warm-up, reported apart
    print(f"scipy + HiGHS first call: {time.perf_counter() - start:.3f} s\n")
    loop = loop_from_specs(SPECS, FRAMEWORK)
    print(f"loop: {len(loop.interviewers)} interviewers, {len(loop.slots)} principles\n")
    print(f"{'stories':>7} {'plan s (max)':>13} {'milp s':>8} {'greedy s':>9} {'ratio':>6} "
          f"{'filled opt/greedy':>18} {'greedy worse':>13} {'mean gap':>9} {'max gap':>8}")
    for n, seeds in ((20, 20), (50, 20), (200, 20), (1000, 5)):
        plan_times, milp_times, greedy_times, gaps = [], [], [], []
        filled_opt = filled_greedy = worse = 0
        for seed in range(seeds):
            stories = make_bank(n, seed)
            start = time.perf_counter()
            plan_loop(stories, FRAMEWORK, loop, today=TODAY)
            plan_times.append(time.perf_counter() - start)
            values, order = instance(stories)
            start = time.perf_counter()
            best = solve(values)
            milp_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            greedy = solve_greedy(values, order)
            greedy_times.append(time.perf_counter() - start)
            gap = (best.objective - greedy.objective) / 100  # in units of one perfect fit
            assert gap >= -1e-9, "the exact optimiser can never lose to greedy"
            gaps.append(gap)
            worse += gap > 1e-9
            filled_opt += best.filled + best.backups_filled
            filled_greedy += greedy.filled + greedy.backups_filled
        ratio = statistics.mean(milp_times) / statistics.mean(greedy_times)
        print(f"{n:>7} {statistics.mean(plan_times):>6.3f} ({max(plan_times):.3f}) "
              f"{statistics.mean(milp_times):>8.4f} {statistics.mean(greedy_times):>9.5f} {ratio:>6.0f} "
              f"{filled_opt / seeds:>9.1f}/{filled_greedy / seeds:<8.1f} {worse:>6}/{seeds:<6} "
              f"{statistics.mean(gaps):>9.2f} {max(gaps):>8.2f}")
    print("\nfilled: primaries + backups per plan (of 32). gap: optimiser minus greedy objective, in "
          "units of one perfect story fit; an unfilled primary costs the whole plan's worth.")


if __name__ == "__main__":
    main()
