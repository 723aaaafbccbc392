"""Readiness and technical tracking with a long history: the readiness view, the technical
topics view, logging practice on a subtopic and picking the next (mixed) practice item, with
10,000 behavioral attempts and 2,000 technical log entries in the store; each against a
baseline of a trivial query (one attempt by id) in the same run.

Run: python bench/bench_readiness.py [ATTEMPTS] [LOGS]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bench_practice import EXAMPLE, START, fill, timed
from loopprep.bank import Bank
from loopprep.practice import SessionOptions
from loopprep.store import practice as rows

CHECKLIST = "\n".join([
    "# Technical", "## Data structures", "- [x] arrays and strings", "- [ ] hash maps",
    "- [ ] trees", "- [ ] heaps", "- [ ] graphs", "- [ ] tries", "## Algorithms",
    "- [x] binary search", "- [ ] dynamic programming", "- [ ] graph search", "- [ ] greedy",
    "## System design", "- [ ] caching", "- [ ] sharding", "- [ ] message queues",
    "## Databases", "- [ ] SQL joins", "- [ ] indexes", "- [ ] transactions", ""])


def main() -> None:
    attempts = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    logs = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp, Bank.open(Path(tmp)) as bank:
        notes = Path(tmp) / "tech.md"
        notes.write_text(CHECKLIST, encoding="utf-8")
        bank.import_notes([EXAMPLE, notes], now=START)
        begin = time.perf_counter()
        now = fill(bank, attempts)
        subtopics = [s["id"] for t in bank.tech_topics(now=now)["topics"]
                     for s in t["subtopics"] if s["tracked"]]
        moment = START
        for n in range(logs):
            moment = START + timedelta(minutes=n * 250)
            bank.log_technical(rng.choice(subtopics), problem=f"problem {n}",
                               outcome=rng.choice(["solved", "solved", "partial", "failed"]),
                               minutes=rng.randint(10, 60), rating=rng.randint(1, 5), now=moment)
        now = max(now, moment + timedelta(days=1))
        print(f"filled {attempts:,} attempts, {logs:,} technical logs on {len(subtopics)} subtopics "
              f"and {rows.count_cards(bank.store):,} cards in {time.perf_counter() - begin:.1f} s")
        bank.add_interview("Amazon", role="Software Development Engineer",
                           day=(now + timedelta(days=20)).date(), now=now)
        baseline = timed(lambda: rows.get_attempt(bank.store, attempts // 2), 200)
        readiness = timed(lambda: json.dumps(bank.readiness(now=now)), 10)
        topics = timed(lambda: json.dumps(bank.tech_topics(now=now)), 10)
        log = timed(lambda: bank.log_technical(subtopics[0], problem="again", outcome="solved",
                                               now=now), 20)
        session = bank.start_practice(SessionOptions(count=1000, seed="bench"), now=now)
        pick = timed(lambda: session.next_item(now), 20)
        technical = bank.start_practice(SessionOptions(count=1000, technical="only"), now=now)
        pick_technical = timed(lambda: technical.next_item(now), 20)

    print(f"baseline: one attempt by id      {baseline * 1000:8.3f} ms")
    for name, seconds in (("readiness view", readiness),
                          ("technical topics view", topics),
                          ("log technical practice", log),
                          ("next item (mixed session)", pick),
                          ("next item (technical only)", pick_technical)):
        print(f"{name:<32} {seconds * 1000:8.2f} ms  {seconds / baseline:8.0f}x baseline")


if __name__ == "__main__":
    main()
