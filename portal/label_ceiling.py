"""How well a corpus's labels follow its words at all: a reference point for bench-related.

A recommender that never sees the labels can only score a hit where the
words of two articles say they share a label. How far the words say it is
measured here the other way round, with the labels in hand: a multinomial
logistic regression trained on four fifths of the corpus predicts the label
of the fifth it did not see (5-fold cross-validation, fixed folds), over the
same BM25 vectors the engine builds. It is not a proof of an upper bound (a
neighbour list is not a linear classifier), but when a model trained on the
labels is right only 91% of the time, P@5 of an engine without them has
little room above 0.89.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from portal.bench_related import labels_of, read_corpus, record_text

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 5
PENALTY = 1e-6  # L2 weight; 1e-4 … 1e-6 gave 0.908 … 0.915 on IndoSum (chosen on the same folds: a shade optimistic)
MAX_ITERATIONS = 600


def _vectors(records: list[dict]):
    """The engine's BM25F rows of every article, with its default settings."""
    from rekomendasi.config import RekomendasiConfig
    from rekomendasi.engine import bm25f
    from rekomendasi.tokenize import terms

    cfg = RekomendasiConfig.from_settings({})
    matrix, _ = bm25f([terms(record_text(r), cfg.stemming) for r in records], cfg)
    return matrix


def _fit(features, targets: np.ndarray, classes: int) -> tuple[np.ndarray, bool]:
    """Weights of a softmax regression (L-BFGS on the mean cross-entropy plus an L2 penalty)."""
    width = features.shape[1]
    onehot = np.eye(classes)[targets]

    def loss_and_gradient(flat: np.ndarray):
        weights = flat.reshape(width, classes)
        logits = features @ weights
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        loss = -np.log(probabilities[np.arange(len(targets)), targets] + 1e-12).mean()
        loss += PENALTY * float((weights ** 2).sum())
        gradient = features.T @ (probabilities - onehot) / len(targets) + 2 * PENALTY * weights
        return loss, np.asarray(gradient).ravel()

    found = minimize(loss_and_gradient, np.zeros(width * classes), jac=True, method="L-BFGS-B",
                     options={"maxiter": MAX_ITERATIONS})
    return found.x.reshape(width, classes), bool(found.success)


def ceiling(corpus: str, label_field: str, seed: int = 5) -> dict:
    """Cross-validated accuracy of a supervised classifier over the engine's vectors."""
    started = time.perf_counter()
    records = [r for r in read_corpus(corpus) if r.get("paragraphs")]
    labels = [labels_of(r, label_field) for r in records]
    if any(len(x) != 1 for x in labels):
        raise ValueError(f"{corpus}: the ceiling needs exactly one {label_field!r} per article")
    names = sorted({next(iter(x)) for x in labels})
    targets = np.array([names.index(next(iter(x))) for x in labels])
    features = _vectors(records).tocsr()
    fold = np.empty(len(records), dtype=np.int64)
    fold[np.random.default_rng(seed).permutation(len(records))] = np.arange(len(records)) % FOLDS
    accuracies, converged = [], []
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        weights, done = _fit(features[train], targets[train], len(names))
        accuracies.append(float(((features[test] @ weights).argmax(axis=1) == targets[test]).mean()))
        converged.append(done)
    majority = Counter(targets.tolist()).most_common(1)[0][1] / len(targets)
    return {"n_articles": len(records), "classes": len(names), "folds": FOLDS,
            "accuracy_per_fold": [round(a, 4) for a in accuracies],
            "accuracy": round(float(np.mean(accuracies)), 4), "majority_share": round(majority, 4),
            "converged": all(converged),
            "seconds": round(time.perf_counter() - started, 1)}
