"""Import speed: notes files of growing size, parsed and stored, against a baseline of
just reading and splitting the same text in the same process.

Run: python bench/bench_import.py
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank

WORDS = (
    "the a customer team data shipped built led cut cost latency model pipeline saved 30% "
    "users migrated on-call outage root cause rollout"
).split()


def make_notes(path: Path, sections: int, per_section: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    names = ["Ownership", "Dive Deep", "Customer Obsession", "Frugality", "Earn Trust"]
    lines = ["---", "created: 2026-01-01", "---", "# LPs"]
    for s in range(sections):
        lines += [f"## {names[s % len(names)]}", "Leaders do things.", "### Me"]
        for i in range(per_section):
            anchor = f"PROJ{rng.randrange(sections * per_section // 3 + 1)}"
            body = " ".join(rng.choice(WORDS) for _ in range(10))
            lines.append(f"- {anchor}: {body}")
            if i % 4 == 0:
                lines.append(f"\t- detail {i} {rng.choice(WORDS)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    print(f"{'file':>10} {'bullets':>8} {'read+split s':>13} {'import s':>9} {'ratio':>7} "
          f"{'MB/s':>6} {'re-import s':>12}")
    for sections, per in ((16, 5), (100, 30), (400, 60), (640, 100)):
        with tempfile.TemporaryDirectory() as tmp:
            notes = Path(tmp) / "notes.md"
            make_notes(notes, sections, per)
            size = notes.stat().st_size
            start = time.perf_counter()
            text = notes.read_text(encoding="utf-8")
            _ = [ln.split() for ln in text.split("\n")]
            baseline = time.perf_counter() - start
            with Bank.open(Path(tmp) / "home") as bank:
                start = time.perf_counter()
                bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
                first = time.perf_counter() - start
                start = time.perf_counter()
                bank.import_notes([notes], now=datetime(2026, 1, 2, tzinfo=UTC))
                again = time.perf_counter() - start
            print(f"{size / 1024:>8.0f}KB {sections * per:>8} {baseline:>13.4f} {first:>9.3f} "
                  f"{first / baseline:>7.0f} {size / 1_048_576 / first:>6.2f} {again:>12.3f}")


if __name__ == "__main__":
    main()
