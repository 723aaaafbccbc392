"""Leave-one-source-out STAR evaluation on other authors' whole answers.

Reads ../shared/eval/star_answers_dev.jsonl (three sources), splits every author's part
into sentences with loopprep's splitter, and for each source trains on the project's own
answers plus the two other sources, then labels the held-out source. Baselines run in
the same process: labelling by position, and the shipped model. Run from the repo:
``python bench/star_sources.py``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
DEV_ANSWERS = ROOT.parent / "shared" / "eval" / "star_answers_dev.jsonl"
def dev_answers(path: Path = DEV_ANSWERS) -> list[tuple[str, Any]]:
    """(source, Answer) for every dev answer, its parts split into labelled sentences by the
    same reader the trainer uses; the source is the id's prefix."""
    from loopprep.feedback.star_train import load_part_answers

    return [(answer.id.split(":")[0], answer) for answer in load_part_answers(path)]


class CachedEmbedder:
    """Embeds each distinct text once (training repeats texts as spoken/isolated copies)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.cache: dict[str, np.ndarray] = {}
        self.fingerprint = inner.fingerprint

    def embed(self, texts: list[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.cache})
        for i in range(0, len(todo), 256):
            chunk = todo[i:i + 256]
            for t, v in zip(chunk, np.asarray(self.inner.embed(chunk)), strict=True):
                self.cache[t] = v
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 384))


Labeller = Callable[[Sequence[str]], list[str]]


def score(labeller: Labeller, answers: Sequence[Any]) -> tuple[float, Counter[tuple[str, str]]]:
    right = total = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for ans in answers:
        pred = labeller(ans.texts)
        for p, g in zip(pred, ans.labels, strict=True):
            right += p == g
            total += 1
            confusion[(g, p)] += 1
    return right / max(1, total), confusion


def main() -> int:
    from bench_star import position_baseline
    from loopprep.feedback.star import StarLabeller, default_labeller
    from loopprep.feedback.star_train import TrainConfig, load_answers, train
    from loopprep.text.embeddings import get_embedder

    if not DEV_ANSWERS.exists():
        print(f"dev answers not found at {DEV_ANSWERS}")
        return 1
    t0 = time.perf_counter()
    rows = dev_answers()
    own = load_answers()
    embedder = CachedEmbedder(get_embedder())
    shipped = default_labeller()
    cfg = TrainConfig()
    sources = sorted({s for s, _ in rows})
    names = ["position", "shipped", "words own+2", "embed own+2"]
    print("STAR, leave one source out: train on loopprep's answers + the two other sources")
    print(f"{'held-out source':<24}{'answers':>8}{'sents':>7}" + "".join(f"{n:>13}" for n in names))
    totals: dict[str, list[float]] = {n: [0, 0] for n in names}
    confusions: dict[str, Counter[tuple[str, str]]] = {n: Counter() for n in names}
    for held in sources:
        test = [a for s, a in rows if s == held]
        train_set = own + [a for s, a in rows if s != held]
        words = StarLabeller(train(train_set, cfg))
        embed = StarLabeller(train(train_set, cfg, embedder), embedder)
        labellers: dict[str, Labeller] = {
            "position": position_baseline,
            "shipped": lambda t: list(shipped.label(t)),
            "words own+2": lambda t, m=words: list(m.label(t)),
            "embed own+2": lambda t, m=embed: list(m.label(t)),
        }
        n_sent = sum(len(a.labels) for a in test)
        cells = []
        for name, fn in labellers.items():
            acc, conf = score(fn, test)
            totals[name][0] += acc * n_sent
            totals[name][1] += n_sent
            confusions[name] += conf
            cells.append(f"{acc:>13.3f}")
        print(f"{held:<24}{len(test):>8}{n_sent:>7}" + "".join(cells))
    print(f"{'all (sentence-weighted)':<39}"
          + "".join(f"{totals[n][0] / totals[n][1]:>13.3f}" for n in names))
    print()
    for name in names:
        c = confusions[name]
        gold = Counter[str]()
        for (g, _), k in c.items():
            gold[g] += k
        print(f"{name:<14} action->result {c[('action', 'result')]}/{gold['action']}"
              f"  task->situation {c[('task', 'situation')]}/{gold['task']}"
              f"  task right {c[('task', 'task')]}/{gold['task']}"
              f"  result->other {c[('result', 'other')]}/{gold['result']}")
    print(f"\n({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
