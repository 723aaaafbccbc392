"""How well the importer reads other people's notes: the corpus of tests/note_corpus.py
(the twelve fixture styles, the `dev`, `heldout`, `fresh`, `blind`, `blind2`, `blind3`,
`blind4`, `blind5` and `blind6` styles), imported one file (or vault) at a time into a fresh
home. Prints per style and per group: story recall, link precision and recall, gaps exactly
right, question recall, question->story linking and spurious stories, for this checkout and for
a baseline checkout run in a subprocess in the same run (default ../main/src, or
--baseline-src PATH; --no-baseline to skip).

Run: python bench/bench_notes_corpus.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))

from note_corpus import (  # noqa: E402
    BLIND,
    BLIND2,
    BLIND3,
    BLIND4,
    BLIND5,
    BLIND6,
    BLIND7,
    BLIND8,
    DEV,
    FRESH,
    HELDOUT,
    STYLES,
    Expected,
)


def fixture_cases() -> list[Expected]:
    from test_note_styles import CASES  # the twelve fixtures, as their test states them

    return [Expected(c.file, c.stories, c.questions, c.answers, c.star,
                     style=c.file[3:-3], group="fixture") for c in CASES]


def questions_found(case: Expected, got: list[dict[str, Any]]) -> int:
    """By text when the case lists its questions' phrases, else by number."""
    if not case.asked:
        return min(len(got), case.questions)
    return sum(any(p.lower() in q["text"].lower() for q in got) for p in case.asked)


def _find(stories: list[dict[str, Any]], phrase: str) -> dict[str, Any] | None:
    found = [s for s in stories if phrase.lower() in s["title"].lower()]
    return found[0] if len(found) == 1 else None


def read_case(case: Expected) -> dict[str, Any]:
    """What the importer makes of one case, as plain data."""
    from loopprep.bank import Bank

    with tempfile.TemporaryDirectory() as tmp, Bank.open(Path(tmp) / "home") as bank:
        try:
            bank.import_notes([STYLES / case.file], now=datetime(2026, 1, 1, tzinfo=UTC))
        except Exception as exc:  # noqa: BLE001 - a crash is a result here
            return {"crash": f"{type(exc).__name__}: {exc}", "stories": [], "questions": [],
                    "principles": []}
        stories = [{"id": s.id, "title": s.title, "principles": list(s.principles)}
                   for s in bank.stories()]
        questions = [{"text": q.text, "stories": list(q.story_ids)} for q in bank.note_questions()]
        principles = [p.slug for p in bank.framework.principles]
    return {"stories": stories, "questions": questions, "principles": principles}


def score(case: Expected, got: dict[str, Any]) -> dict[str, float]:
    stories = got["stories"]
    matched = {phrase: _find(stories, phrase) for phrase in case.stories}
    found = {p: s for p, s in matched.items() if s is not None}
    ids = {s["id"] for s in found.values()}
    want_links = {(p, slug) for p, slugs in case.stories.items() for slug in slugs}
    got_links = {(p, slug) for p, s in found.items() for slug in s["principles"]}
    spurious = [s for s in stories if s["id"] not in ids]
    got_links |= {(s["title"], slug) for s in spurious for slug in s["principles"]}
    all_p = set(got["principles"])
    want_gaps = all_p - {slug for _, slug in want_links}
    got_gaps = all_p - {slug for s in stories for slug in s["principles"]}
    linked = 0
    for asked, phrase in case.answers.items():
        q = next((q for q in got["questions"] if asked.lower() in q["text"].lower()), None)
        story = found.get(phrase) or _find(stories, phrase)
        linked += bool(q and story and q["stories"] == [story["id"]])
    return {"stories": len(case.stories), "stories_found": len(found),
            "links": len(want_links), "links_got": len(got_links),
            "links_right": len(want_links & got_links), "gaps_right": float(want_gaps == got_gaps),
            "questions": case.questions,
            "questions_found": questions_found(case, got["questions"]),
            "questions_extra": max(0, len(got["questions"]) - case.questions),
            "answers": len(case.answers), "answers_linked": linked,
            "spurious": len(spurious), "crash": float("crash" in got), "files": 1}


def all_cases() -> list[Expected]:
    return (fixture_cases() + DEV + HELDOUT + FRESH + BLIND + BLIND2 + BLIND3 + BLIND4 + BLIND5 + BLIND6
            + BLIND7 + BLIND8)


def run_all() -> dict[str, dict[str, float]]:
    return {c.file: score(c, read_case(c)) for c in all_cases()}


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "  - "


def summary(rows: list[dict[str, float]]) -> dict[str, str]:
    t: dict[str, float] = defaultdict(float)
    for r in rows:
        for k, v in r.items():
            t[k] += v
    return {"story rec": _ratio(t["stories_found"], t["stories"]),
            "link prec": _ratio(t["links_right"], t["links_got"]),
            "link rec": _ratio(t["links_right"], t["links"]),
            "gaps ok": f"{t['gaps_right']:.0f}/{t['files']:.0f}",
            "q found": f"{t['questions_found']:.0f}/{t['questions']:.0f}",
            "q extra": f"{t['questions_extra']:.0f}",
            "q linked": f"{t['answers_linked']:.0f}/{t['answers']:.0f}",
            "spurious": f"{t['spurious']:.0f}", "crash": f"{t['crash']:.0f}"}


def report(now: dict[str, dict[str, float]], base: dict[str, dict[str, float]] | None) -> None:
    cases = all_cases()
    groups: dict[str, list[Expected]] = defaultdict(list)
    for c in cases:
        groups[f"{c.group}: {c.style}" if c.group != "fixture" else "fixture"].append(c)
    for c in cases:
        groups[f"ALL {c.group}"].append(c)
    groups["ALL"] = cases
    cols = list(summary([]))
    print(f"{'group':<28}{'run':<6}" + "".join(f"{c:>10}" for c in cols))
    for name, members in groups.items():
        for label, results in (("base", base), ("now", now)):
            if results is None:
                continue
            s = summary([results[c.file] for c in members])
            print(f"{name:<28}{label:<6}" + "".join(f"{s[c]:>10}" for c in cols))


def markdown_table(now: dict[str, dict[str, float]]) -> str:
    """The per-group totals as the Markdown table docs/importing.md shows."""
    cases = all_cases()
    groups: dict[str, list[Expected]] = defaultdict(list)
    for c in cases:
        groups[c.group].append(c)
    groups["all"] = cases
    cols = list(summary([]))
    lines = ["| group | files | " + " | ".join(cols) + " |", "|---" * (len(cols) + 2) + "|"]
    for name, members in groups.items():
        s = summary([now[c.file] for c in members])
        lines.append(f"| {name} | {len(members)} | " + " | ".join(s[c] for c in cols) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="print this checkout's scores")
    parser.add_argument("--markdown", action="store_true",
                        help="print the per-group table of docs/importing.md")
    parser.add_argument("--baseline-src", default=str(Path(__file__).resolve().parents[2]
                                                      / "main" / "src"))
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(run_all()))
        return
    if args.markdown:
        print(markdown_table(run_all()), end="")
        return
    base = None
    if not args.no_baseline and Path(args.baseline_src).is_dir():
        env = {**os.environ, "PYTHONPATH": args.baseline_src}
        out = subprocess.run([sys.executable, __file__, "--json"], env=env, check=True,
                             capture_output=True, text=True).stdout
        base = json.loads(out)
    report(run_all(), base)


if __name__ == "__main__":
    main()
