"""STAR labelling benchmark: loopprep's labeller against position and keyword baselines.

Prints sentence accuracy on ../shared/eval/star_sentences_dev.jsonl (isolated sentences)
and on bench/data/star_answers_eval.jsonl (whole answers), then speed. Run from the repo:
``python bench/bench_star.py``.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "star_sentences_dev.jsonl"
EVAL = ROOT / "bench" / "data" / "star_answers_eval.jsonl"

Labeller = Callable[[Sequence[str]], list[str]]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def position_baseline(texts: Sequence[str]) -> list[str]:
    """Label by where the sentence's middle falls in the answer's words: 15/10/60/15."""
    sizes = [max(1, len(t.split())) for t in texts]
    total = sum(sizes)
    out, seen = [], 0
    for size in sizes:
        mid = (seen + size / 2) / total
        seen += size
        out.append(
            "situation"
            if mid < 0.15
            else "task"
            if mid < 0.25
            else "action"
            if mid < 0.85
            else "result"
        )
    return out


_RULES = [
    (
        "task",
        re.compile(
            r"\bmy (?:task|goal|job|role|responsibilit\w*|aim)\b|\bi (?:had|needed|"
            r"was asked|was tasked|wanted) to\b|\bresponsible for\b",
            re.I,
        ),
    ),
    (
        "result",
        re.compile(
            r"\b(?:result\w*|outcome|increas\w*|decreas\w*|reduc\w*|improv\w*|"
            r"saved|grew|dropped|fell|rose|learn\w*|lesson)\b|%|\bpercent\b",
            re.I,
        ),
    ),
    (
        "situation",
        re.compile(
            r"\b(?:when i was|i was working|i worked|at my (?:last|previous)|"
            r"there (?:was|were)|the (?:team|company|project) (?:was|were|had)|"
            r"situation)\b",
            re.I,
        ),
    ),
    (
        "action",
        re.compile(
            r"\b(?:i|we) \w+ed\b|\b(?:i|we) (?:built|wrote|made|set|took|led|met|"
            r"ran|spoke|told|gave|sent)\b",
            re.I,
        ),
    ),
]


def keyword_baseline(texts: Sequence[str]) -> list[str]:
    """First matching keyword rule (task, result, situation, action); else action."""
    out = []
    for t in texts:
        out.append(next((lab for lab, rx in _RULES if rx.search(t)), "action"))
    return out


def accuracy(labeller: Labeller, answers: Sequence[Sequence[tuple[str, str]]]) -> float:
    right = total = 0
    for ans in answers:
        pred = labeller([t for t, _ in ans])
        right += sum(p == g for p, (_, g) in zip(pred, ans, strict=True))
        total += len(ans)
    return right / total


def regroup(rows: Sequence[dict[str, Any]]) -> list[list[tuple[str, str]]]:
    """The dev file lists each source answer's sentences in order; a new answer starts at
    each situation. (*Optimistic: the boundaries come from the gold labels.)"""
    groups: list[list[tuple[str, str]]] = []
    source = None
    for r in rows:
        if not groups or r["label"] == "situation" or r["source"]["repo"] != source:
            groups.append([])
            source = r["source"]["repo"]
        groups[-1].append((r["text"], r["label"]))
    return groups


def raw_text_accuracy(answers: Sequence[Sequence[tuple[str, str]]]) -> float:
    """Join each answer into one text, split it ourselves, label, and score each gold
    sentence by the predicted label covering most of its characters."""
    from loopprep.feedback.star import label_sentences
    from loopprep.text.sentences import split_sentences

    right = total = 0
    for ans in answers:
        text, bounds = "", []
        for t, _ in ans:
            if text:
                text += " "
            bounds.append((len(text), len(text) + len(t)))
            text += t
        spans = split_sentences(text)
        labels = label_sentences([s.text for s in spans])
        for (start, end), (_, gold) in zip(bounds, ans, strict=True):
            cover: Counter[str] = Counter()
            for s, lab in zip(spans, labels, strict=True):
                cover[lab] += max(0, min(end, s.end) - max(start, s.start))
            pred = cover.most_common(1)[0][0] if cover else "other"
            right += pred == gold
            total += 1
    return right / total


def main() -> int:
    t0 = time.perf_counter()
    from loopprep.feedback.star import default_labeller

    lab = default_labeller()
    lab.label(["I fixed it."])  # the embedder loads on first use
    load_s = time.perf_counter() - t0
    words = default_labeller(use_embeddings=False)

    def contextual(labeller: Any) -> Labeller:
        return lambda texts: list(labeller.label(texts))

    def isolated(labeller: Any) -> Labeller:
        return lambda texts: list(labeller.label(texts, context=False))

    eval_rows = read_jsonl(EVAL)
    eval_answers = [[(s["text"], s["label"]) for s in r["sentences"]] for r in eval_rows]
    spoken = [a for a in eval_answers if a[0][0] == a[0][0].lower()]
    typed = [a for a in eval_answers if a[0][0] != a[0][0].lower()]
    n_sent = sum(len(a) for a in eval_answers)

    print(f"STAR labelling (model load incl. the embedder {load_s * 1000:.0f} ms); "
          "'words only' is the model without sentence embeddings (the fallback)")
    header = f"{'set':<44}{'loopprep':>10}{'words only':>11}{'position':>10}{'keywords':>10}"
    print(header)
    print("-" * len(header))

    def row(name: str, answers: Any, context: bool) -> None:
        wrap = contextual if context else isolated
        print(f"{name:<44}{accuracy(wrap(lab), answers):>10.3f}"
              f"{accuracy(wrap(words), answers):>11.3f}"
              f"{accuracy(position_baseline, answers):>10.3f}"
              f"{accuracy(keyword_baseline, answers):>10.3f}")

    if DEV.exists():
        dev_rows = read_jsonl(DEV)
        row(f"dev: {len(dev_rows)} isolated sentences", [[(r["text"], r["label"])] for r in dev_rows],
            context=False)
        for source in sorted({r["source"]["repo"] for r in dev_rows}):
            sub = [[(r["text"], r["label"])] for r in dev_rows if r["source"]["repo"] == source]
            row(f"  {source} ({len(sub)})", sub, context=False)
        grouped = regroup(dev_rows)
        row(f"dev regrouped: {len(grouped)} answers (optimistic*)", grouped, context=True)
    else:
        print(f"dev set not found at {DEV}: skipped")
    for name, subset in [
        (f"eval: {len(eval_answers)} answers, {n_sent} sentences", eval_answers),
        (f"  typed ({len(typed)} answers)", typed),
        (f"  spoken transcripts ({len(spoken)} answers)", spoken),
    ]:
        row(name, subset, context=True)
    print(f"{'eval, raw text through our splitter':<44}{raw_text_accuracy(eval_answers):>10.3f}")

    from datetime import date

    from loopprep.feedback.analyze import analyze_answer

    texts = [" ".join(t for t, _ in a) for a in eval_answers]
    questions = [r["question"] for r in eval_rows]
    analyze_answer(texts[0], today=date(2026, 1, 1))
    rounds = 5
    t = time.perf_counter()
    for _ in range(rounds):
        for a in eval_answers:
            lab.label([s for s, _ in a])
    label_s = (time.perf_counter() - t) / (rounds * len(eval_answers))
    t = time.perf_counter()
    for _ in range(rounds):
        for text, q in zip(texts, questions, strict=True):
            analyze_answer(text, question=q, today=date(2026, 1, 1))
    full_s = (time.perf_counter() - t) / (rounds * len(texts))
    print()
    print(f"labelling only:      {1 / label_s:8.0f} answers/s  {label_s * 1000:6.2f} ms/answer")
    print(f"full analyze_answer: {1 / full_s:8.0f} answers/s  {full_s * 1000:6.2f} ms/answer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
