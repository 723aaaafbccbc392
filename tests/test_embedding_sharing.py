"""Story vectors are computed once, by one worker, and kept in the store: concurrent
requests over a cold cache wait for that one computation instead of repeating it."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from loopprep.bank import Bank
from loopprep.classify.matching import EMBED_BATCH, cached_vectors


class CountingEmbedder:
    """A real-shaped embedder that records every text it was asked to embed."""

    fingerprint = "counting-test-1"

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.batches: list[int] = []
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(0.05)  # a model takes time: concurrent callers overlap
        with self._lock:
            self.seen.update(texts)
            self.batches.append(len(texts))
        return np.array([[float(len(t)), 1.0, 0.0] for t in texts], dtype="float32")


def test_concurrent_cold_requests_embed_each_story_once(loopprep_home: Path) -> None:
    Bank.open(loopprep_home).close()
    texts = {f"s{n}": f"story number {n} about a depot" for n in range(150)}
    embedder = CountingEmbedder()
    results: list[dict[str, np.ndarray]] = []

    def request() -> None:
        with Bank.open(loopprep_home) as bank:
            out, _ = cached_vectors(bank, "story", texts, embedder)  # type: ignore[arg-type]
            results.append(out)

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(len(r) == 150 for r in results)
    assert set(embedder.seen.values()) == {1}, "a story was embedded more than once"
    assert max(embedder.batches) <= EMBED_BATCH
    with Bank.open(loopprep_home) as bank:  # kept in the store: a new process embeds nothing
        _, computed = cached_vectors(bank, "story", texts, embedder)  # type: ignore[arg-type]
    assert computed == []
