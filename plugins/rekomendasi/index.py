"""The word index of one build: BM25 vectors, nearest candidates, topics.

Built once per build from every article's term counts, with numpy/scipy
sparse matrices and no n×n matrix:

- each article is a BM25-weighted, length-normalised sparse vector, so the
  dot product of two rows is their word cosine;
- candidates come from an impact-ordered inverted index: an article's
  ``query_terms`` strongest words are looked up in postings cut to the
  ``postings`` highest-weighted articles per word, one block of articles at
  a time, so the work per article is bounded and the whole grows as
  n·log n (the sort), not n²;
- a few latent topics (randomised SVD of the same matrix, fixed seed) give a
  second, smoother similarity that links articles about the same matter in
  different words; it rescales only the candidates, never all pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, count

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from . import forked

BLOCK = 1024  # articles scored at once: bounds the memory of one sparse product
WORD_FLOOR = 0.01  # a partial word cosine under this is no candidate (3/4 of all pairs found)


@dataclass
class WordIndex:
    vectors: sp.csr_matrix  # n × V, BM25 weights, rows of unit length
    vocabulary: list[str]
    candidates: np.ndarray  # n × C article numbers, -1 where there are fewer
    word_scores: np.ndarray  # n × C word cosine of each candidate
    topics: np.ndarray | None  # n × k unit vectors, or None when topics are off
    terms: list[dict[str, int]] | None = None  # every article's raw term counts

    def topic_similarity(self, i: int, others: np.ndarray) -> np.ndarray:
        if self.topics is None or len(others) == 0:
            return np.zeros(len(others))
        return np.clip(self.topics[others] @ self.topics[i], 0.0, 1.0)

    def shared_terms(self, i: int, j: int, top: int = 5) -> list[tuple[str, float]]:
        """The words that contribute most to the cosine of articles i and j."""
        a, b = self.vectors.getrow(i), self.vectors.getrow(j)
        product = a.multiply(b).tocoo()
        order = np.lexsort((product.col, -product.data))[:top]
        return [(self.vocabulary[product.col[k]], float(product.data[k])) for k in order]


def bm25_matrix(term_counts: list[dict[str, int]], k1: float, b: float, min_df: int,
                max_df: float) -> tuple[sp.csr_matrix, list[str]]:
    """Rows of BM25 weights (idf × saturated tf), each scaled to unit length."""
    # dicts keep insertion order, so the same input gives the same matrix; the
    # chained iterators keep the per-word work in C rather than a Python loop.
    # One hashing pass: setdefault gives each entry the position of its word's
    # first entry, and numbering those first positions in order gives the ids.
    lengths_per_row = np.fromiter(map(len, term_counts), dtype=np.int64, count=len(term_counts))
    indptr = np.concatenate(([0], np.cumsum(lengths_per_row)))
    total = int(indptr[-1])
    vocabulary: dict[str, int] = {}
    first = np.fromiter(map(vocabulary.setdefault, chain.from_iterable(term_counts), count()), dtype=np.int64,
                        count=total)
    number = np.zeros(total, dtype=np.int64)
    number[np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))] = np.arange(len(vocabulary))
    indices = number[first]
    counts = np.fromiter(chain.from_iterable(t.values() for t in term_counts), dtype=np.float64, count=total)
    n = len(term_counts)
    matrix = sp.csr_matrix((counts, indices, indptr), shape=(n, len(vocabulary)))
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    # max_df only speaks for a site large enough to judge: below 10 articles nothing is too common
    keep = (df >= min(min_df, max(n - 1, 1))) & (df <= max(max_df * n, 10))
    lengths = np.asarray(matrix.sum(axis=1)).ravel()
    matrix = matrix[:, np.flatnonzero(keep)].tocsr()
    words = [w for w, k in zip(vocabulary, keep, strict=True) if k]
    df = df[keep]
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    average = lengths.mean() if n else 1.0
    row_lengths = np.repeat(lengths, np.diff(matrix.indptr))
    tf = matrix.data
    matrix.data = tf * (k1 + 1) / (tf + k1 * (1 - b + b * row_lengths / max(average, 1e-9)))
    matrix.data *= idf[matrix.indices]
    vectors = _unit_rows(matrix)
    # columns in order within each row, before anything reads the matrix: the
    # sums of the sparse products (topics() in a forked helper included) then
    # run in one order, as when nearest() sorted them in place first
    vectors.sort_indices()
    return vectors, words


def _unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _top_per_row(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Each row cut to its ``keep`` largest values (ties: lower column first).

    One stable argsort on ``row + (1 - value) / 2`` orders every row's values
    best first (values lie in [0, 1]); it is several times faster than a
    lexsort on (row, value, column) and keeps the column order on ties.
    """
    matrix = matrix.tocsr()
    matrix.sort_indices()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    order = np.argsort(rows + (1.0 - np.clip(matrix.data, 0.0, 1.0)) * 0.5, kind="stable")
    rank = np.arange(len(order)) - matrix.indptr[rows[order]]
    chosen = order[rank < keep]
    return sp.csr_matrix((matrix.data[chosen], (rows[chosen], matrix.indices[chosen])), shape=matrix.shape)


def nearest(vectors: sp.csr_matrix, searchable, count: int, query_terms: int,
            postings: int) -> tuple[np.ndarray, np.ndarray]:
    """Each article's ``count`` nearest others by word cosine, best first.

    The query side keeps each article's strongest words, the index side each
    word's strongest articles; a pair scores the cosine over the words that
    survive both cuts, which for the nearest articles is nearly all of it.
    Only ``searchable`` articles (published ones) can be found.
    """
    n = vectors.shape[0]
    queries = _top_per_row(vectors, query_terms)
    findable = sp.diags(np.asarray(searchable, dtype=np.float64)) @ vectors
    index_t = _top_per_row(sp.csr_matrix(findable.T), postings)  # V × n, long postings cut
    found = np.full((n, count), -1, dtype=np.int64)
    scores = np.zeros((n, count))
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        block = (queries[start:stop] @ index_t).tocsr()
        rows = np.repeat(np.arange(stop - start), np.diff(block.indptr))
        # never the article itself, nor a pair that shares next to nothing
        block.data[(block.indices == rows + start) | (block.data < WORD_FLOOR)] = 0.0
        block.eliminate_zeros()
        rows = np.repeat(np.arange(stop - start), np.diff(block.indptr))
        # quicksort is deterministic for the same input; ties are settled later by date and slug
        order = np.argsort(rows + (1.0 - np.clip(block.data, 0.0, 1.0)) * 0.5)
        rank = np.arange(len(order)) - block.indptr[rows[order]]
        best = order[rank < count]
        found[start + rows[best], rank[rank < count]] = block.indices[best]
        scores[start + rows[best], rank[rank < count]] = block.data[best]
    return found, scores


def _orthonormal(block: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning ``block`` (Cholesky QR).

    A Gram matrix of a few dozen columns and its Cholesky factor are cheaper
    than a Householder QR, and the power iteration needs no more accuracy.
    """
    gram = block.T @ block
    gram += np.eye(len(gram)) * (1e-10 * np.trace(gram) + 1e-300)
    return block @ np.linalg.inv(np.linalg.cholesky(gram)).T


def topics(vectors: sp.csr_matrix, dimensions: int, iterations: int = 2, seed: int = 20260830) -> np.ndarray | None:
    """Unit topic vectors from a randomised SVD (Halko et al.), same seed every build."""
    n, width = vectors.shape
    dimensions = min(dimensions, n - 1, width - 1)
    if dimensions < 2:
        return None
    rng = np.random.default_rng(seed)
    basis = _orthonormal(vectors @ rng.standard_normal((width, dimensions + 8)))
    for _ in range(iterations):
        basis = _orthonormal(vectors @ (vectors.T @ basis))
    small = np.asarray((vectors.T @ basis).T)  # (k + 8) × V: the matrix seen through the basis
    values, left = np.linalg.eigh(small @ small.T)  # its left singular vectors, ascending
    top = np.argsort(values)[::-1][:dimensions]
    embedded = basis @ (left[:, top] * np.sqrt(np.clip(values[top], 0.0, None)))
    norms = np.linalg.norm(embedded, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return embedded / norms


def build_index(term_counts: list[dict[str, int]], searchable, cfg) -> WordIndex:
    """The whole index of one build. BLAS runs on one thread: the matrices
    are small, and OpenBLAS threads that contend for two busy cores made the
    topic step 10-30 times slower in measurements here."""
    with threadpool_limits(limits=1, user_api="blas"):
        return _build_index(term_counts, searchable, cfg)


def _build_index(term_counts: list[dict[str, int]], searchable, cfg) -> WordIndex:
    vectors, vocabulary = bm25_matrix(term_counts, cfg.k1, cfg.b, cfg.min_df, cfg.max_df)
    n = len(term_counts)
    count = min(cfg.candidates, max(n - 1, 0))

    def candidates() -> tuple[np.ndarray, np.ndarray]:
        if not count:
            return np.zeros((n, 0), dtype=np.int64), np.zeros((n, 0))
        return nearest(vectors, searchable, count, cfg.query_terms, cfg.postings)

    # the topics (the shorter step) in a forked helper while the candidates are found here
    embedded, (found, scores) = forked.alongside(
        lambda: topics(vectors, cfg.topic_dimensions) if cfg.topic_dimensions else None, candidates,
        bool(cfg.topic_dimensions) and cfg.helper and forked.worth_it(n))
    return WordIndex(vectors, vocabulary, found, scores, embedded, term_counts)
