"""Practice speed with a long history: picking the next question, recording an answer and a
rating, the home screen and progress, with 10,000 attempts in the store; each against a
baseline of a trivial query (one attempt by id) in the same run.

Run: python bench/bench_practice.py [ATTEMPTS]
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from loopprep.bank import Bank
from loopprep.practice import SessionOptions
from loopprep.practice.questions import practice_questions
from loopprep.reviews.schedule import review
from loopprep.store import practice as rows

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "interview-notes.md"
START = datetime(2025, 1, 1, 9, tzinfo=UTC)
ANSWER = ("In 2023 at QCELLS I owned the peak-hour forecast. We had missed two peaks, so I "
          "benchmarked five models myself and shipped boosted trees in six weeks. As a result we "
          "hit 9 of 10 yearly peaks and customers saved 30% on demand charges.")


def fill(bank: Bank, attempts: int) -> datetime:
    """`attempts` rated attempts over a year, on cards for as many bank questions."""
    rng = random.Random(3)
    questions = practice_questions(bank, now=START)
    feedback = {"flags": [{"code": "NO_METRIC", "message": "x" * 80, "start": 0, "end": 40,
                           "fix": "y" * 60}] * 4, "scores": {"structure": 6.0}, "overall": 6.0,
                "sentences": [{"start": 0, "end": 60, "text": "z" * 60, "star": "action"}] * 5}
    states: dict[str, tuple[int, dict[str, object] | None]] = {}
    now = START
    with bank.store.transaction() as conn:
        session = rows.add_session(conn, "daily", {"seed": "bench"}, START)
        for n in range(attempts):
            now = START + timedelta(minutes=n * 50)
            question = rng.choice(questions)
            card_id, state = states.get(question.id, (0, None))
            if not card_id:
                card_id = rows.insert_card(conn, "question", question.id, question.principles[0], now)
            attempt = rows.add_attempt(
                conn, session_id=session, kind="question", ref=question.id,
                question_id=question.id, question=question.text, principle=question.principles[0],
                interviewer=None, answer=ANSWER, status="answered", started_at=now,
                ended_at=now + timedelta(minutes=2), feedback=feedback,
                overall=round(rng.uniform(2, 9), 1), card_id=card_id)
            rating = rng.choice([1, 2, 3, 3, 4])
            outcome = review(card_id, state, rating, now, None)  # type: ignore[arg-type]
            rows.update_card(conn, card_id, outcome.state, outcome.due, now)
            rows.add_review(conn, card_id, attempt, rating, now, None, None, outcome.due,
                            outcome.natural_due, None)
            rows.set_rating(conn, attempt, rating, card_id)
            states[question.id] = (card_id, outcome.state)
    return now + timedelta(days=1)


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    attempts = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp, Bank.open(Path(tmp)) as bank:
        bank.import_notes([EXAMPLE], now=START)
        start = time.perf_counter()
        now = fill(bank, attempts)
        print(f"filled {attempts:,} attempts and {rows.count_cards(bank.store):,} cards "
              f"in {time.perf_counter() - start:.1f} s")
        bank.add_interview("Amazon", day=(now + timedelta(days=20)).date(), now=now)
        baseline = timed(lambda: rows.get_attempt(bank.store, attempts // 2), 200)

        session = bank.start_practice(SessionOptions(count=1000, seed="bench"), now=now)
        pick = timed(lambda: session.next_item(now), 20)
        item = session.next_item(now)
        assert item is not None
        analysis = session.answer(item, ANSWER, started_at=now, ended_at=now)  # warm the model
        answer_full = timed(lambda: session.answer(item, ANSWER, started_at=now, ended_at=now), 10)

        def store_only() -> None:
            with bank.store.transaction() as conn:
                rows.add_attempt(conn, session_id=session.id, kind=item.kind, ref=item.ref,
                                 question_id=item.question_id, question=item.prompt,
                                 principle=item.principle, interviewer=None, answer=ANSWER,
                                 status="answered", started_at=now, ended_at=now,
                                 feedback=analysis.analysis.to_json() if analysis.analysis else None,
                                 overall=5.0)
        record = timed(store_only, 50)
        ids = [session.answer(item, ANSWER, started_at=now, ended_at=now).attempt_id
               for _ in range(30)]
        rate_runs = []
        for attempt_id in ids:
            begin = time.perf_counter()
            session.rate(attempt_id, 3, now=now)
            rate_runs.append(time.perf_counter() - begin)
        rate = statistics.median(rate_runs)
        status = timed(lambda: bank.practice_status(now=now), 10)
        progress = timed(lambda: json.dumps(bank.progress(now=now)), 5)
        due = timed(lambda: bank.due(now=now), 10)

    print(f"baseline: one attempt by id      {baseline * 1000:8.3f} ms")
    for name, seconds in (("next question (next_item)", pick),
                          ("record an answer (store only)", record),
                          ("answer incl. feedback analysis", answer_full),
                          ("rate (FSRS + card + review)", rate),
                          ("home screen (status)", status),
                          ("due list", due),
                          ("progress (all attempts)", progress)):
        print(f"{name:<32} {seconds * 1000:8.2f} ms  {seconds / baseline:8.0f}x baseline")


if __name__ == "__main__":
    main()
