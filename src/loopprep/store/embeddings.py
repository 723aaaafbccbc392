"""Cached sentence embeddings of stories and questions, keyed by the hash of the text that
was embedded and the model's fingerprint, so a vector is recomputed only when either changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from loopprep.store.db import Store


def cached(store: Store, kind: str, wanted: Mapping[str, str], model: str) -> dict[str, bytes]:
    """Vectors (raw float32 bytes) for the ids in `wanted` whose cached text hash and model
    still match; ids missing from the result need embedding."""
    if not wanted:
        return {}
    out: dict[str, bytes] = {}
    for row in store.conn.execute(
        "SELECT item_id, text_sha256, vector FROM embeddings WHERE kind = ? AND model = ?",
        (kind, model),
    ):
        if wanted.get(row[0]) == row[1]:
            out[row[0]] = bytes(row[2])
    return out


def save(store: Store, kind: str, rows: Iterable[tuple[str, str, bytes]], model: str) -> None:
    """Store (item_id, text_sha256, vector bytes) rows, replacing older vectors of the items."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO embeddings(kind, item_id, text_sha256, model, vector) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, item_id) DO UPDATE SET "
            "text_sha256 = excluded.text_sha256, model = excluded.model, vector = excluded.vector",
            [(kind, item_id, sha, model, vector) for item_id, sha, vector in rows],
        )
