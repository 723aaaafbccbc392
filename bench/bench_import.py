"""Import speed against file size: 0.5, 1, 2 and 5 MB of notes, each of two kinds, with a
baseline measured in the same process on the same file.

- repeated: the bundled example notes (`jordan-notes.md`) copied end to end, so the same
  stories, principles, questions and technical lists come back again and again;
- distinct: principle sections of bullets that each tell a new story (`PROJ123: ...`),
  a quarter with a nested detail;
- listed: one list of new stories, each naming its principles by abbreviation
  (`Pager storm 12 (OWN, BFA)`), the style that once took a minute for 0.6 MB;
- headed: a story bank, each story a heading, an `LPs:` line and STAR bullets (about
  34,000 stories in 5 MB).

The baseline reads the file, splits it into lines and words and stores each line in a
new SQLite table in one transaction: the least any import of that text must do. The
import is `Bank.import_notes` into a new home, then once more (re-import, nothing
changes). Linear time shows as a steady ratio and a steady MB/s down each kind.

Run: python bench/bench_import.py [--sizes 0.5,1,2,5]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from loopprep.bank import Bank
from loopprep.notes.reader import MAX_FILE_BYTES

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "loopprep" / "examples" / "jordan-notes.md"
WORDS = (
    "the a customer team data shipped built led cut cost latency model pipeline saved 30% "
    "users migrated on-call outage root cause rollout"
).split()
PRINCIPLES = ["Ownership", "Dive Deep", "Customer Obsession", "Frugality", "Earn Trust"]
MB = 1_048_576


def repeated_notes(size: int) -> str:
    example = EXAMPLE.read_text(encoding="utf-8")
    return example * max(1, size // len(example.encode("utf-8")))


def distinct_notes(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["# LPs"]
    written = len(lines[0]) + 1
    story = 0
    while True:
        section = [f"## {PRINCIPLES[story // 40 % len(PRINCIPLES)]}", "Leaders do things.", "### Me"]
        for _ in range(40):
            body = " ".join(rng.choice(WORDS) for _ in range(8))
            section.append(f"- PROJ{story}: {body}")
            story += 1
            if story % 4 == 0:
                section.append(f"\t- detail {story} {rng.choice(WORDS)}")
        more = sum(len(line) + 1 for line in section)
        if written + more > size:
            return "\n".join(lines) + "\n"
        lines += section
        written += more


def listed_notes(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    marks = ["CO", "OWN", "DD", "BFA", "EO", "IS", "ES", "DR"]
    lines = ["# Stories"]
    written = len(lines[0]) + 1
    while True:
        line = (f"- {rng.choice(WORDS).title()} {rng.choice(WORDS)} {len(lines)} "
                f"({rng.choice(marks)}, {rng.choice(marks)})")
        if written + len(line) + 1 > size:
            return "\n".join(lines) + "\n"
        lines.append(line)
        written += len(line) + 1


def headed_notes(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["# Story bank"]
    written = len(lines[0]) + 1
    story = 0
    while True:
        words = [rng.choice(WORDS) for _ in range(20)]
        block = [f"### {words[0].title()} {words[1]} {story}",
                 f"LPs: {rng.choice(PRINCIPLES)}, {rng.choice(PRINCIPLES)}",
                 f"- S: {' '.join(words[2:8])}", f"- A: I {' '.join(words[8:14])}",
                 f"- R: {' '.join(words[14:20])} {rng.randint(5, 60)}%", ""]
        more = sum(len(line) + 1 for line in block)
        if written + more > size:
            return "\n".join(lines) + "\n"
        lines += block
        written += more
        story += 1


KINDS = {"repeated": repeated_notes, "distinct": distinct_notes, "listed": listed_notes,
         "headed": headed_notes}


def baseline(path: Path, folder: Path) -> float:
    start = time.perf_counter()
    text = path.read_text(encoding="utf-8")
    rows = [(n, line, len(line.split())) for n, line in enumerate(text.split("\n"))]
    conn = sqlite3.connect(folder / "baseline.sqlite")
    with conn:
        conn.execute("CREATE TABLE lines(n INTEGER PRIMARY KEY, text TEXT, words INTEGER)")
        conn.executemany("INSERT INTO lines VALUES (?, ?, ?)", rows)
    conn.close()
    return time.perf_counter() - start


def measure(kind: str, megabytes: float) -> None:
    make = KINDS[kind]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notes = folder / "notes.md"
        # at most the largest file an import takes
        notes.write_text(make(min(int(megabytes * MB), MAX_FILE_BYTES)), encoding="utf-8")
        size = notes.stat().st_size / MB
        base = baseline(notes, folder)
        with Bank.open(folder / "home") as bank:
            start, cpu = time.perf_counter(), time.process_time()
            report = bank.import_notes([notes], now=datetime(2026, 1, 1, tzinfo=UTC))
            first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
            start = time.perf_counter()
            bank.import_notes([notes], now=datetime(2026, 1, 2, tzinfo=UTC))
            again = time.perf_counter() - start
        print(f"{kind:>9} {size:>6.2f} {len(report.stories_added):>8} {base:>10.3f} "
              f"{first:>9.2f} {first_cpu:>7.2f} {first / base:>7.0f} {size / first:>6.2f} "
              f"{again:>12.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,5", help="file sizes in MB, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'kind':>9} {'MB':>6} {'stories':>8} {'baseline s':>10} {'import s':>9} "
          f"{'cpu s':>7} {'ratio':>7} {'MB/s':>6} {'re-import s':>12}")
    for kind in KINDS:
        for megabytes in sizes:
            measure(kind, megabytes)


if __name__ == "__main__":
    main()
