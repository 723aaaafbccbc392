"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 weights, ONNX) run by onnxruntime.

Turns texts into L2-normalised 384-dimensional vectors for question, story and answer
similarity. onnxruntime, tokenizers and numpy are imported on first use, not at import.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]
    IntArray = npt.NDArray[np.int64]

DIMENSION = 384
MAX_TOKENS = 256
MODEL_FILE = "minilm-l6-v2-int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
#: What one model call costs beyond its tokens, in tokens (reading every weight once:
#: about 4 ms, the time of some 25 tokens, on the project's machine).
CALL_TOKENS = 25
#: Texts whose vectors an embedder keeps (about 6 MB): the sentences of recent answers.
RECENT_TEXTS = 4096


def _packaged(name: str) -> Traversable:
    return resources.files("loopprep").joinpath("models", name)


def _sha256_of(source: Traversable) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()


class Embedder:
    """Sentence embedder; the ONNX session and the tokenizer are created on first use.

    Texts longer than `max_tokens` word pieces (special tokens included) are truncated.
    An empty or whitespace-only text gets the model's embedding of the empty sentence.
    """

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = 32,
        batch_tokens: int = 2048,
        threads: int = 2,
    ) -> None:
        if max_tokens < 2:
            raise ValueError("max_tokens must leave room for [CLS] and [SEP]")
        if min(batch_size, batch_tokens, threads) < 1:
            raise ValueError("batch_size, batch_tokens and threads must be positive")
        self._model: Traversable = model_path or _packaged(MODEL_FILE)
        self._tokenizer_file: Traversable = tokenizer_path or _packaged(TOKENIZER_FILE)
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.batch_tokens = batch_tokens
        self.threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._input_names: frozenset[str] = frozenset()
        self._output_name = ""
        self._digests: dict[str, str] = {}
        # text -> its vector: live feedback re-reads an answer as it is typed, so most of
        # its sentences were embedded a moment ago (vectors do not depend on the batch)
        self._recent: OrderedDict[str, FloatArray] = OrderedDict()
        self._recent_lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return DIMENSION

    @property
    def model_sha256(self) -> str:
        """sha256 of the ONNX file, computed once per embedder."""
        return self._digest("model", self._model)

    @property
    def fingerprint(self) -> str:
        """Changes whenever embeddings could change: model, tokenizer or truncation.

        Store it next to cached vectors and drop the cache when it differs.
        """
        manifest = (
            f"model={self.model_sha256}\n"
            f"tokenizer={self._digest('tokenizer', self._tokenizer_file)}\n"
            f"max_tokens={self.max_tokens}\n"
        )
        return hashlib.sha256(manifest.encode()).hexdigest()

    def _digest(self, key: str, source: Traversable) -> str:
        if key not in self._digests:
            self._digests[key] = _sha256_of(source)
        return self._digests[key]

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        """Create the session and tokenizer now rather than on the first `embed` call."""
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_str(self._tokenizer_file.read_text(encoding="utf-8"))
            # The shipped tokenizer.json pads and truncates to 128; we pad per batch instead.
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=self.max_tokens)

            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            # Threads that spin while waiting for work double the time of a call when
            # another job holds a core (measured on the 2-core machine); they sleep instead.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # The file stores int8 weights behind DequantizeLinear; without QDQ handling
            # onnxruntime folds them to float32 once at load, so inference runs in float32
            # and a text's vector does not depend on the batch it is in.
            options.add_session_config_entry("session.disable_quant_qdq", "1")
            options.log_severity_level = 3
            session = ort.InferenceSession(
                self._model.read_bytes(), options, providers=["CPUExecutionProvider"]
            )
            self._input_names = frozenset(i.name for i in session.get_inputs())
            self._output_name = session.get_outputs()[0].name
            self._tokenizer = tokenizer
            self._session = session

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """Embed `texts`; returns float32 of shape (len(texts), 384), each row of norm 1."""
        import numpy as np

        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts; wrap a single text in a list")
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"embed() takes strings, got {type(text).__name__}")
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        with self._recent_lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
        new = [t for t in dict.fromkeys(texts) if t not in known]
        if new:
            fresh = self._embed_new(new)
            with self._recent_lock:
                for text, row in zip(new, fresh, strict=True):
                    known[text] = self._recent[text] = row
                    self._recent.move_to_end(text)
                while len(self._recent) > RECENT_TEXTS:
                    self._recent.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def forget(self) -> None:
        """Drop the kept vectors of recent texts (the next `embed` computes every one)."""
        with self._recent_lock:
            self._recent.clear()

    def _embed_new(self, texts: list[str]) -> FloatArray:
        import numpy as np

        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        self.load()
        encodings = self._tokenizer.encode_batch(texts)
        lengths = np.array([len(e.ids) for e in encodings], dtype=np.int64)
        # Similar lengths side by side keep padding, and so wasted work, small.
        order = np.argsort(lengths, kind="stable")
        for rows in _batches(order, lengths, self.batch_size, self.batch_tokens):
            ids, mask = _pad([encodings[i].ids for i in rows], int(lengths[rows].max()))
            out[rows] = _mean_pool(self._run(ids, mask), mask)
        return out

    def _run(self, ids: IntArray, mask: IntArray) -> FloatArray:
        import numpy as np

        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        wanted = {name: value for name, value in feeds.items() if name in self._input_names}
        hidden: FloatArray = self._session.run([self._output_name], wanted)[0]
        return hidden


def _batches(
    order: IntArray, lengths: IntArray, most_rows: int, most_tokens: int
) -> list[IntArray]:
    """Cut `order` (shortest text first) into runs of at most `most_rows` texts whose padded
    size, rows times the longest length, stays within `most_tokens` where it can, choosing
    the cuts that cost least: padded tokens plus `CALL_TOKENS` per model call."""
    n = len(order)
    sizes = [int(lengths[i]) for i in order]
    best = [0] + [0] * n  # best[end]: least cost of embedding the first `end` texts
    start_of = [0] * (n + 1)
    for end in range(1, n + 1):
        width = sizes[end - 1]
        best[end], start_of[end] = best[end - 1] + CALL_TOKENS + width, end - 1
        for start in range(end - 2, max(-1, end - 1 - most_rows), -1):
            if (end - start) * width > most_tokens:
                break
            cost = best[start] + CALL_TOKENS + (end - start) * width
            if cost < best[end]:
                best[end], start_of[end] = cost, start
    batches = []
    end = n
    while end > 0:
        batches.append(order[start_of[end] : end])
        end = start_of[end]
    return batches[::-1]


def _pad(sequences: list[list[int]], width: int) -> tuple[IntArray, IntArray]:
    import numpy as np

    ids = np.zeros((len(sequences), width), dtype=np.int64)
    mask = np.zeros((len(sequences), width), dtype=np.int64)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = sequence
        mask[row, : len(sequence)] = 1
    return ids, mask


def _mean_pool(hidden: FloatArray, mask: IntArray) -> FloatArray:
    """Average the token vectors that the mask keeps, then scale each row to length 1."""
    import numpy as np

    weights = mask.astype(np.float32)
    summed = np.einsum("bth,bt->bh", hidden.astype(np.float32), weights)
    counts = np.maximum(weights.sum(axis=1, keepdims=True), 1.0)
    pooled = summed / counts
    norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    result: FloatArray = (pooled / norms).astype(np.float32)
    return result


@functools.cache
def get_embedder() -> Embedder:
    """The process-wide embedder over the packaged model."""
    return Embedder()


def model_fingerprint() -> str:
    """Fingerprint of the packaged model, for invalidating cached embeddings."""
    return get_embedder().fingerprint
