"""Relevance on answers nobody here wrote: does the mark fall when the question does not fit?

Every answer of ../shared/eval/star_answers_dev.jsonl whose author gave a principle is
paired with questions of ../shared/eval/lp_questions_dev.jsonl on that principle
("fitting") and on an unrelated principle ("unrelated"); the question's principle scores
come from the classifier, as in ``loopprep analyze --question``. Reported: the relevance
AUC (fitting ranked above unrelated), the mean overall drop, how often an unrelated pair
still earns "good" (a suggested rating of 3 or more) and how often the principle remark
fires on fitting pairs.

Splits: "tune" is the guru-sishya stories answers with which-amazon-lp questions (what the
evidence patterns were checked on); "held-out" is the other two answer sources with the
other two question lists (neither an answer nor a question seen while tuning).

The baseline runs in the same process tree: ``--baseline REV`` (default the commit before
this work) exports that revision's ``src`` and runs this script on it in a subprocess.
Run from the repo: ``python bench/bench_relevance.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
GRADED = ROOT / "bench" / "data" / "graded_answers.jsonl"
TODAY = date(2026, 11, 27)
BASELINE_REV = "00e145d"  # main before issue 15's relevance work
PER_SIDE = 3  # fitting and unrelated questions per answer
TUNE_ANSWERS = {"guru-sishya-stories"}
TUNE_QUESTIONS = {"which-amazon-lp"}
# Principles too close to call one "unrelated" to the other.
RELATED = [
    {"ownership", "deliver-results", "bias-for-action"},
    {"are-right-a-lot", "dive-deep"},
    {"have-backbone", "earn-trust", "are-right-a-lot"},
    {"hire-and-develop-the-best", "earths-best-employer"},
    {"think-big", "invent-and-simplify", "success-and-scale"},
    {"customer-obsession", "earn-trust"},
    {"insist-on-the-highest-standards", "deliver-results"},
    {"learn-and-be-curious", "dive-deep"},
]


def _related(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in RELATED)


def _rows(name: str) -> list[dict[str, Any]]:
    text = (EVAL / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def answer_text(row: dict[str, Any]) -> str:
    parts = row["parts"]
    return " ".join(parts[k].strip() for k in ("situation", "task", "action", "result")
                    if parts[k].strip())


def pairs() -> list[tuple[str, dict[str, Any], dict[str, Any], bool]]:
    """(split, answer row, question row, fitting) for every pair, the same every run."""
    answers = [a for a in _rows("star_answers_dev.jsonl") if a["lp"]]
    questions = _rows("lp_questions_dev.jsonl")
    out = []
    for a in answers:
        rng = random.Random(a["id"])
        tune = a["id"].split(":")[0] in TUNE_ANSWERS
        pool = [q for q in questions if (q["id"].split(":")[0] in TUNE_QUESTIONS) == tune]
        fit = [q for q in pool if q["labels"][0] == a["lp"]]
        off = [q for q in pool if not any(_related(a["lp"], lab) for lab in q["labels"])]
        if not fit:
            continue
        split = "tune" if tune else "held-out"
        for q in rng.sample(fit, min(PER_SIDE, len(fit))):
            out.append((split, a, q, True))
        for q in rng.sample(off, PER_SIDE):
            out.append((split, a, q, False))
    return out


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _analyzer() -> Any:
    """What `loopprep analyze --question` runs: `feedback_on`, or on a revision before it,
    the classifier's reading of the question and `analyze_answer`."""
    from loopprep.frameworks import load_framework

    framework = load_framework("amazon")
    try:
        from loopprep.answer_feedback import feedback_on
    except ImportError:
        from loopprep.classify import classify
        from loopprep.feedback.analyze import analyze_answer

        def old(answer: str, question: str) -> Any:
            ranking = classify([question], framework)[0]
            scores = ({str(s): v for s, v in ranking.principles}
                      if ranking.warning is None else None)
            return analyze_answer(answer, question=question, principle_scores=scores,
                                  today=TODAY)
        return old
    return lambda answer, question: feedback_on(answer, question=question,
                                                framework=framework, today=TODAY)


def measure() -> dict[str, Any]:
    """Analyse every pair with the code on the path; figures per split."""
    ps = pairs()
    run = _analyzer()
    rows = []
    t0 = time.perf_counter()
    for split, a, q, fit in ps:
        got = run(answer_text(a), q["text"])
        codes = {f.code for f in got.flags}
        rows.append({"split": split, "answer": a["id"], "fit": fit,
                     "relevance": got.scores["relevance"], "overall": got.overall,
                     "principle_remark": "RELEVANCE_PRINCIPLE" in codes,
                     "off_topic": "OFF_TOPIC" in codes})
    per = (time.perf_counter() - t0) / max(1, len(ps))
    out: dict[str, Any] = {"ms_per_pair": round(per * 1000, 1),
                           "spearman": round(quality_ordering(run), 3)}
    for split in ("tune", "held-out", "all"):
        chosen = [r for r in rows if split == "all" or r["split"] == split]
        fit = [r for r in chosen if r["fit"]]
        off = [r for r in chosen if not r["fit"]]
        drops = []
        for aid in {r["answer"] for r in chosen}:
            f = [r["overall"] for r in fit if r["answer"] == aid]
            o = [r["overall"] for r in off if r["answer"] == aid]
            drops.append(statistics.mean(f) - statistics.mean(o))
        out[split] = {
            "answers": len({r["answer"] for r in chosen}), "pairs": len(chosen),
            "auc": round(auc([r["relevance"] for r in fit], [r["relevance"] for r in off]), 3),
            "auc_overall": round(auc([r["overall"] for r in fit], [r["overall"] for r in off]), 3),
            "overall_fit": round(statistics.mean(r["overall"] for r in fit), 2),
            "overall_off": round(statistics.mean(r["overall"] for r in off), 2),
            "drop": round(statistics.mean(drops), 2),
            "off_good": round(sum(r["overall"] >= 6 for r in off) / len(off), 3),
            "fit_good": round(sum(r["overall"] >= 6 for r in fit) / len(fit), 3),
            "remark_fit": round(sum(r["principle_remark"] for r in fit) / len(fit), 3),
            "remark_off": round(sum(r["principle_remark"] for r in off) / len(off), 3),
            "off_topic_fit": round(sum(r["off_topic"] for r in fit) / len(fit), 3),
            "off_topic_off": round(sum(r["off_topic"] for r in off) / len(off), 3),
        }
    return out


def quality_ordering(run: Any) -> float:
    """Spearman of the overall mark with the grade (poor < middling < strong) of
    bench/data/graded_answers.jsonl, each answer given with its own question."""
    from scipy.stats import spearmanr

    rank = {"poor": 0, "middling": 1, "strong": 2}
    graded = [json.loads(line) for line in GRADED.read_text("utf-8").splitlines() if line]
    marks = [run(r["answer"], r["question"]).overall for r in graded]
    return float(spearmanr([rank[r["grade"]] for r in graded], marks).statistic)


def baseline(rev: str) -> dict[str, Any]:
    """`measure()` run on revision ``rev``'s src in a subprocess."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], check=True,
                             capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
        done = subprocess.run([sys.executable, __file__, "--json"], env=env, check=True,
                              capture_output=True, text=True)
    return dict(json.loads(done.stdout))


KEYS = [("auc", "relevance AUC (target >= 0.90)"), ("drop", "mean overall drop (>= 2)"),
        ("overall_fit", "overall, fitting"), ("overall_off", "overall, unrelated"),
        ("auc_overall", "overall AUC"), ("off_good", "unrelated rated good (>= 6)"),
        ("fit_good", "fitting rated good (>= 6)"),
        ("remark_fit", "principle remark on fitting"), ("remark_off", "principle remark, unrel."),
        ("off_topic_fit", "OFF_TOPIC on fitting"), ("off_topic_off", "OFF_TOPIC on unrelated")]


def fit_constants() -> None:
    """Fit `relevance.FIT_*` (logistic regression) on the tune split and print them."""
    import numpy as np
    from scipy.optimize import minimize

    from loopprep.answer_feedback import answer_principles, question_principles
    from loopprep.feedback.relevance import ask_checks, fit_features
    from loopprep.frameworks import load_framework

    framework = load_framework("amazon")
    feats, labels = [], []
    for split, a, q, fit in pairs():
        if split != "tune":
            continue
        text = answer_text(a)
        scores = question_principles(q["text"], framework) or {}
        probed = dict(sorted(scores.items(), key=lambda kv: -kv[1])[:3])
        told = answer_principles(text, framework)
        feats.append(fit_features(text, probed, told, ask_checks(q["text"], text)))
        labels.append(float(fit))
    x, y = np.array(feats), np.array(labels)

    def loss(t: Any, cols: list[int]) -> float:
        z = t[0] + x[:, cols] @ t[1:]
        return float(np.mean(np.logaddexp(0, z) - y * z) + 1e-4 * np.sum(t[1:] ** 2))

    for name, cols in (("FIT_WITH_CLASSIFIER", [0, 1, 2]), ("FIT_EVIDENCE_ONLY", [1, 2])):
        t = minimize(loss, np.zeros(len(cols) + 1), args=(cols,)).x
        full = [t[0], 0.0, 0.0, 0.0]
        for c, w in zip(cols, t[1:], strict=True):
            full[c + 1] = w
        print(f"{name} = ({', '.join(f'{v:.2f}' for v in full)})")
        z = t[0] + x[:, cols] @ t[1:]
        prob = 1 / (1 + np.exp(-z))
        for cut in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            print(f"  below {cut}: fitting {np.mean(prob[y == 1] < cut):.2f}, "
                  f"unrelated {np.mean(prob[y == 0] < cut):.2f}")


def fit_cap() -> None:
    """Choose `score.OFF_TOPIC_CAP` on the tune split: every pair's mark is taken once
    without the cap (the fit's scaling recorded), then capped at each candidate."""
    import loopprep.feedback.score as score

    scaled: list[float] = []
    factor = score.overall_factor

    def recorded(relevance: Any) -> float:
        scaled.append(factor(relevance))
        return scaled[-1]

    score.overall_factor = recorded
    shipped, score.OFF_TOPIC_CAP = score.OFF_TOPIC_CAP, 10.0
    run = _analyzer()
    marks = []
    for split, a, q, fit in pairs():
        if split == "tune":
            got = run(answer_text(a), q["text"])
            off = any(f.code == "OFF_TOPIC" for f in got.flags)
            marks.append((a["id"], fit, got.overall, scaled[-1] if off else None))
    graded = [json.loads(line) for line in GRADED.read_text("utf-8").splitlines() if line]
    graded_marks = []
    for r in graded:
        got = run(r["answer"], r["question"])
        off = any(f.code == "OFF_TOPIC" for f in got.flags)
        graded_marks.append((r["grade"], got.overall, scaled[-1] if off else None))
    score.overall_factor, score.OFF_TOPIC_CAP = factor, shipped
    from scipy.stats import spearmanr

    def capped(mark: float, f: float | None, cap: float) -> float:
        return mark if f is None else min(mark, cap * f)

    print(f"OFF_TOPIC_CAP (shipped {shipped}), tune split; Spearman on graded answers")
    for cap in (2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0):
        drops = []
        for aid in {m[0] for m in marks}:
            f = [capped(m[2], m[3], cap) for m in marks if m[0] == aid and m[1]]
            o = [capped(m[2], m[3], cap) for m in marks if m[0] == aid and not m[1]]
            drops.append(statistics.mean(f) - statistics.mean(o))
        fit = [capped(m[2], m[3], cap) for m in marks if m[1]]
        rank = {"poor": 0, "middling": 1, "strong": 2}
        rho = spearmanr([rank[g] for g, _, _ in graded_marks],
                        [capped(m, f, cap) for _, m, f in graded_marks]).statistic
        print(f"  {cap}: drop {statistics.mean(drops):.2f}, fitting {statistics.mean(fit):.2f} "
              f"(good {sum(m >= 6 for m in fit) / len(fit):.3f}), Spearman {rho:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true", help="print this tree's figures as JSON")
    parser.add_argument("--baseline", default=BASELINE_REV, help="revision to compare with")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--fit", action="store_true",
                        help="fit relevance's constants and show the off-topic cap's effect, on tune")
    args = parser.parse_args()
    if args.fit:
        fit_constants()
        fit_cap()
        return 0
    now = measure()
    if args.json:
        print(json.dumps(now))
        return 0
    base = None if args.no_baseline else baseline(args.baseline)
    for split in ("tune", "held-out", "all"):
        s = now[split]
        print(f"\n{split}: {s['answers']} answers, {s['pairs']} pairs")
        print(f"  {'':<30}{'now':>8}" + (f"{'base ' + args.baseline:>16}" if base else ""))
        for key, name in KEYS:
            line = f"  {name:<30}{s[key]:>8}"
            if base:
                line += f"{base[split].get(key, '-'):>16}"
            print(line)
    print(f"\nquality ordering (Spearman, graded answers; keep >= 0.8): {now['spearman']}"
          + (f" (base {base['spearman']})" if base else ""))
    print(f"{now['ms_per_pair']} ms per pair" + (f" (base {base['ms_per_pair']})" if base else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
