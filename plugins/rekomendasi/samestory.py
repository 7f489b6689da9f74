"""Same-story detection: a press release reworded, republished, corrected.

Two articles tell the same story when a large share of the shorter one's
3-word shingles (tokenize.shingles: content words, a fixed quarter of the
hashes) also occur in the other: containment, |A ∩ B| / min(|A|, |B|).
A reworded release keeps most runs of three content words ("titik akses
wifi", "kapasitas internet sebesar"); two stories on one topic share a few
phrases at most. Shingles found in many articles (boilerplate, a slogan)
say nothing about one story and are left out of the count, which also keeps
the sparse product small. Measured on the labelled pairs of
portal/same_story_pairs.json (README, "Same story").
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

MIN_SHARED = 3  # sampled shingles two articles must share at least (about a dozen 3-word runs)
LEAD = 0.6  # two leads sharing this share of their 3-word shingles: the same story (a follow-up, a correction)
COMMON = 20  # a shingle in more articles than this (or 0.2% of them) is boilerplate


def containment_matrix(shingles: list[np.ndarray]) -> sp.csr_matrix:
    """Sparse n × n: containment of every pair sharing MIN_SHARED rare shingles or more (diagonal empty)."""
    n = len(shingles)
    sizes = np.fromiter(map(len, shingles), dtype=np.int64, count=n)
    if n < 2 or not sizes.sum():
        return sp.csr_matrix((n, n))
    flat = np.concatenate(shingles).astype(np.uint64, copy=False)
    columns, inverse = np.unique(flat, return_inverse=True)
    rows = np.repeat(np.arange(n), sizes)
    df = np.bincount(inverse, minlength=len(columns))
    keep = df[inverse] <= max(COMMON, n // 500)
    keep &= df[inverse] > 1  # a shingle of one article links nothing
    incidence = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], inverse[keep])),
                              shape=(n, len(columns)))
    shared = (incidence @ incidence.T).tocoo()
    off = (shared.row != shared.col) & (shared.data >= MIN_SHARED)
    i, j, common = shared.row[off], shared.col[off], shared.data[off]
    value = common / np.maximum(np.minimum(sizes[i], sizes[j]), 1)
    return sp.csr_matrix((value, (i, j)), shape=(n, n))


def find(shingles: list[np.ndarray], threshold: float, leads: list[np.ndarray] | None = None
         ) -> dict[int, dict[int, float]]:
    """Every article's same-story articles, with their containment (both ways round):
    the whole text's (sampled) shingles, or the leads' (all of them, against LEAD)."""
    matrix = containment_matrix(shingles)
    if leads is not None:
        lead = containment_matrix(leads)
        lead.data = np.where(lead.data >= LEAD, 1.0, 0.0) * lead.data
        matrix = matrix.maximum(lead)
    matrix = matrix.tocoo()
    out: dict[int, dict[int, float]] = {}
    for i, j, v in zip(matrix.row.tolist(), matrix.col.tolist(), matrix.data.tolist(), strict=True):
        if v >= threshold:
            out.setdefault(i, {})[j] = round(min(v, 1.0), 4)
    return out
