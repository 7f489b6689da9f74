"""The one engine: ``run(docs, texts, settings) -> Recommendations``.

The plugin, ``invoke explain`` and the benchmarks all call ``run``. Steps:

1. terms by field (tokenize.py, through the term cache when one is given);
2. BM25F: each field's term frequency is length-normalised against that
   field's mean length and weighted (headline, Sorotan, lead, body), summed,
   saturated once (k1) and multiplied by the IDF; the headline's words are
   then added once more at their IDF (``headline_boost``: saturation caps
   what a field weight can give the editor's densest signal); rows have
   unit length, so a dot product is the word cosine;
3. latent topics: a truncated SVD of the same matrix, fitted on the site's
   own articles (fixed seed), rows of unit length;
4. text similarity = (1 − a) · word similarity + a · topic cosine; the
   candidates come from an impact-ordered inverted index (each article's
   strongest words against each word's strongest articles, one sparse
   product per block of rows: no n × n matrix), and each article's
   ``candidates`` best by text similarity are kept;
5. the score (``score``: one formula, for editor pins and everything else)
   adds the recency, tags and rubrik terms;
6. the rules: pins first in the editor's order; never the article itself
   or an unpublished one; never a same-story article (samestory.py) of the
   article or of an earlier pick, unless the editor pinned it; nothing under
   the minimum score; ties to the newer article, then the slug.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from . import samestory, tokenize
from .config import RekomendasiConfig
from .tokenize import ArticleText, Terms

SECONDS_PER_DAY = 86400.0
QUERY_BUDGET = 150_000  # query words of all articles together, when more than query_terms each
WORD_FLOOR = 0.01  # a word similarity under this makes no candidate
BLOCK = 512  # rows gathered and scored at once (bounds one sparse product and rank's arrays)


@dataclass(frozen=True)
class Doc:
    """What the engine knows of one article besides its text."""

    slug: str
    timestamp: float  # seconds since the epoch
    tags: frozenset[str] = frozenset()
    rubrik: str = ""
    pins: tuple[str, ...] = ()
    searchable: bool = True  # published: may be recommended


class Pick(NamedTuple):
    """One recommendation of one article, with the parts of its score."""

    index: int  # the recommended article's number
    score: float
    pinned: bool
    word: float
    topic: float
    shared_tags: tuple[str, ...]
    same_rubrik: bool
    recency: float


@dataclass
class Model:
    """The site's fitted text model: what explain reads besides the picks.

    The word similarity of i and j is ``queries[i] · findable[j]``: each
    article's strongest words (``query_terms``, or more on a site under
    5,000 articles: QUERY_BUDGET) against each word's ``postings``
    strongest published articles (an impact-ordered index).
    For the nearest articles that is nearly the whole BM25F cosine, and it
    keeps the candidate search sparse (no n × n product); pins read the very
    same quantity (``similarity``)."""

    vectors: sp.csr_matrix | None  # n × V BM25F rows of unit length (None once let go: not explaining)
    vocabulary: list[str]
    topics: np.ndarray | None  # n × k unit rows, or None
    queries: sp.csr_matrix | None = None  # n × V: each row cut to its strongest words
    findable: sp.csr_matrix | None = None  # n × V: published rows, each word cut to its strongest articles

    def similarity(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Word and topic similarity of the pairs (i[k], j[k])."""
        word = np.asarray(self.queries[i].multiply(self.findable[j]).sum(axis=1)).ravel()
        if self.topics is None:
            return word, np.zeros(len(word))
        return word, np.clip(np.einsum("ik,ik->i", self.topics[i], self.topics[j]), 0.0, 1.0)

    def release(self, keep_vectors: bool) -> None:
        """Once the lists are made: let go of what ranking read, and of the vectors (12 MB at 10,000
        articles) unless KEEP_VECTORS, for the shared words explain names; nothing else reads them."""
        self.queries = self.findable = self.topics = None
        if not keep_vectors:
            self.vectors, self.vocabulary = None, []

    def shared_terms(self, i: int, j: int, top: int = 5) -> list[tuple[str, float]]:
        """The words that add most to the word cosine of articles i and j (none once the vectors are gone)."""
        if self.vectors is None:
            return []
        product = self.vectors.getrow(i).multiply(self.vectors.getrow(j)).tocoo()
        order = np.lexsort((product.col, -product.data))[:top]
        return [(self.vocabulary[product.col[k]], float(product.data[k])) for k in order]


@dataclass
class Recommendations:
    picks: list[list[Pick]]  # every article's list, best first
    same_story: dict[int, dict[int, float]]  # article -> its same-story articles and their containment
    dropped: list[list[tuple[int, int]]]  # per article: (candidate left out as the same story, the one it repeats)
    model: Model
    tokenised: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def run(docs: list[Doc], texts: list[ArticleText], settings: RekomendasiConfig | dict | None = None,
        cache=None) -> Recommendations:
    """Every article's recommendations. ``texts`` are the articles' fields in
    ``docs`` order; ``cache`` (cache.TermCache) spares the tokenising of
    unchanged articles. BLAS runs on one thread: the matrices are small, and
    threads contending for two busy cores were measured 10-30 times slower."""
    cfg = settings if isinstance(settings, RekomendasiConfig) else RekomendasiConfig.from_settings(settings or {})
    with threadpool_limits(limits=1, user_api="blas"):
        started = time.perf_counter()
        if cache is not None:
            terms = cache.terms_of_all(texts, cfg.stemming)
            tokenised = cache.tokenised
            cache.save()  # now, and let go of its copy: the JSON text and the matrices are never held at once
            cache.release()
        else:
            terms = tokenize.terms_of_many(texts, cfg.stemming)
            tokenised = len(terms)
        t1 = time.perf_counter()
        vectors, vocabulary = bm25f(terms, cfg)
        shingles, leads = [t.shingles for t in terms], [t.lead for t in terms]
        del terms  # the term arrays go before the topics are made
        model = model_of(vectors, vocabulary, cfg, [d.searchable for d in docs])
        t2 = time.perf_counter()
        same = samestory.find(shingles, cfg.same_story, leads)
        t3 = time.perf_counter()
        picks, dropped = rank(docs, model, same, cfg, max(cfg.count, cfg.baca_juga_count))
        t4 = time.perf_counter()
    seconds = {"tokenise": t1 - started, "index": t2 - t1, "same_story": t3 - t2, "rank": t4 - t3,
               "total": t4 - started}
    return Recommendations(picks, same, dropped, model, tokenised, seconds)


# --- 2 and 3: the text model -------------------------------------------------

def bm25f(terms: list[Terms], cfg: RekomendasiConfig) -> tuple[sp.csr_matrix, list[str]]:
    """Rows of BM25F weights over the fields, each scaled to unit length.

    Built straight from the terms' arrays, article after article, each entry
    already weighted by its field (no matrix a field, no coordinate copies):
    at 10,000 articles the arrays of every entry are the largest thing the
    engine holds, and each copy of them costs some 20 MB."""
    n, fields = len(terms), len(tokenize.FIELDS)
    ids = np.concatenate([t.ids for t in terms] or [np.zeros(0, dtype=np.int32)])
    counts = np.concatenate([t.counts for t in terms] or [np.zeros(0, dtype=np.int32)])
    sizes = np.diff(np.array([(0, *t.ends) for t in terms], dtype=np.int64).reshape(n, fields + 1), axis=1)
    segment = np.repeat(np.arange(n * fields, dtype=np.int64), sizes.ravel())  # article * fields + field
    # each field's length (its words, counted) against that field's mean length, and its weight
    lengths = np.bincount(segment, weights=counts, minlength=n * fields).reshape(n, fields)
    factor = np.zeros((n, fields))
    for f, weight in enumerate(cfg.field_weights):
        used = lengths[:, f] > 0
        if weight and used.any():
            factor[used, f] = weight / (1.0 - cfg.b + cfg.b * lengths[used, f] / lengths[used, f].mean())
    # columns numbered by the words' first occurrence, field after field (all headlines first), as a dict would:
    # the column order (which the topics' random start and the ties depend on) comes from the site alone
    used_words, column = np.unique(ids, return_inverse=True)
    headline_entries = segment % fields == 0
    del ids
    entry_in_segment = np.arange(len(segment), dtype=np.int64) - (np.cumsum(sizes.ravel()) - sizes.ravel())[segment]
    field_major = (np.cumsum(sizes.T.ravel()) - sizes.T.ravel()).reshape(fields, n).T.ravel()[segment] \
        + entry_in_segment  # the entry's place with all headlines first, then all Sorotan, …
    del entry_in_segment
    first = np.full(len(used_words), np.iinfo(np.int64).max)
    np.minimum.at(first, column, field_major)
    del field_major
    by_first = np.argsort(first, kind="stable")
    renumber = np.empty(len(used_words), dtype=np.int32)
    renumber[by_first] = np.arange(len(used_words), dtype=np.int32)
    vocabulary = [tokenize.word_of(w) for w in used_words[by_first].tolist()]
    column = renumber[column]
    article = segment // fields
    values = counts * factor.ravel()[segment]
    del segment
    heads = sp.csr_matrix((np.ones(int(headline_entries.sum())), column[headline_entries], np.concatenate(
        ([0], np.cumsum(sizes[:, 0])))), shape=(n, len(vocabulary)))
    weighted = np.flatnonzero(values)
    # a word in several fields: its weighted frequencies summed in field order (a stable sort keeps it,
    # so every sum is the one the fields added one after another would give)
    weighted = weighted[np.lexsort((column[weighted], article[weighted]))]
    values, column, article = values[weighted], column[weighted], article[weighted]
    del weighted, headline_entries
    starts = np.flatnonzero(np.concatenate(([True], (column[1:] != column[:-1]) | (article[1:] != article[:-1])))
                            ) if len(values) else np.zeros(0, dtype=np.int64)
    combined = sp.csr_matrix((np.add.reduceat(values, starts) if len(starts) else values, column[starts],
                              np.concatenate(([0], np.cumsum(np.bincount(article[starts], minlength=n))))),
                             shape=(n, len(vocabulary)))
    del values, column, article, starts, counts
    df = np.bincount(combined.indices, minlength=combined.shape[1])
    # max_df only speaks for a site large enough to judge: below 10 articles nothing is too common
    keep = (df >= min(cfg.min_df, max(n - 1, 1))) & (df <= max(cfg.max_df * n, 10))
    kept = np.flatnonzero(keep)
    combined = combined[:, kept].tocsr()
    words = [w for w, k in zip(vocabulary, keep, strict=True) if k]
    df = df[keep]
    idf = np.log1p((n - df + 0.5) / (df + 0.5))
    tf = combined.data
    combined.data = tf * (cfg.k1 + 1) / (tf + cfg.k1) * idf[combined.indices]
    vectors = _unit_rows(combined)
    del combined, tf
    if cfg.headline_boost:
        # the headline once more, after saturation (which caps what a field weight can do): each of its
        # words at its IDF, the row of unit length, added at this share to the unit BM25F row
        heads = heads[:, kept].tocsr()
        heads.data = idf[heads.indices]
        vectors = _unit_rows(vectors + cfg.headline_boost * _unit_rows(heads))
    vectors.sort_indices()
    return vectors, words


def _unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _orthonormal(block: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning ``block`` (Cholesky QR)."""
    gram = block.T @ block
    gram += np.eye(len(gram)) * (1e-10 * np.trace(gram) + 1e-300)
    return block @ np.linalg.inv(np.linalg.cholesky(gram)).T


def topics(vectors: sp.csr_matrix, dimensions: int, iterations: int = 4, seed: int = 20260830,
           oversample: int | None = None) -> np.ndarray | None:
    """Unit topic vectors from a truncated SVD (randomised, Halko et al.; the same seed every build).

    Two power iterations with 8 extra columns (the earlier engine) moved fine-topic P@5 by ±0.01
    with the column order alone; four iterations over twice the columns come within 0.005 of
    scipy's exact ``svds`` at a fraction of its time (README, "Latent topics")."""
    n, width = vectors.shape
    dimensions = min(dimensions, n - 1, width - 1)
    if dimensions < 2:
        return None
    rng = np.random.default_rng(seed)
    extra = dimensions if oversample is None else oversample
    basis = _orthonormal(vectors @ rng.standard_normal((width, min(dimensions + extra, width))))
    # the power iteration's products in single precision (half the memory traffic: twice as fast; the basis is
    # orthonormalised in double), over the transpose as rows of its own; the last projection in double
    rows32 = vectors.astype(np.float32)
    transposed32 = rows32.T.tocsr()
    for _ in range(iterations):
        basis = _orthonormal((rows32 @ (transposed32 @ basis.astype(np.float32))).astype(np.float64))
    del rows32, transposed32
    small = np.asarray((sp.csr_matrix(vectors.T) @ basis).T)
    values, left = np.linalg.eigh(small @ small.T)
    top = np.argsort(values)[::-1][:dimensions]
    embedded = basis @ (left[:, top] * np.sqrt(np.clip(values[top], 0.0, None)))
    norms = np.linalg.norm(embedded, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return embedded / norms


def _best_first(rows: np.ndarray, values: np.ndarray, count: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each row's ``count`` largest values are (rows ascending, values in [0, 1], ``height`` rows),
    rows in order and each row's best first, ties in stored order; and each one's place in its row.

    When rows hold far more than ``count``, only what can be among them is sorted: the values are counted by
    level (equal steps of [0, 1], about as many as a row has values), and each row keeps its values from the
    level where it reaches ``count`` up (ties stay whole)."""
    clipped, chosen = np.clip(values, 0.0, 1.0), None
    if len(values) > 2 * count * height:  # far more than are kept
        levels = int(np.clip(len(values) // height, 16, 1024))
        level = np.minimum((clipped * levels).astype(np.int64), levels - 1)
        per_level = np.bincount(rows * levels + level, minlength=height * levels).reshape(height, levels)
        reached = (np.cumsum(per_level[:, ::-1], axis=1) >= count).sum(axis=1)  # levels from which a row has count
        chosen = np.flatnonzero(level >= np.maximum(reached - 1, 0)[rows])  # from the lowest level a row needs
        rows, clipped = rows[chosen], clipped[chosen]
    order = np.argsort(rows + (1.0 - clipped) * 0.5, kind="stable")
    starts = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=height))))
    place = np.arange(len(order)) - starts[rows[order]]
    keep = place < count
    return (order[keep] if chosen is None else chosen[order[keep]]), place[keep]


def _top_per_row(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Each row cut to its ``keep`` largest values (ties: the lower column first)."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    chosen = np.sort(_best_first(rows, matrix.data, keep, matrix.shape[0])[0])
    return sp.csr_matrix((matrix.data[chosen], matrix.indices[chosen], np.concatenate(
        ([0], np.cumsum(np.bincount(rows[chosen], minlength=matrix.shape[0]))))), shape=matrix.shape)


def fit(terms: list[Terms], cfg: RekomendasiConfig, searchable=None) -> Model:
    return model_of(*bm25f(terms, cfg), cfg, searchable)


def model_of(vectors: sp.csr_matrix, vocabulary: list[str], cfg: RekomendasiConfig, searchable=None) -> Model:
    n = vectors.shape[0]
    searchable = np.ones(n, dtype=bool) if searchable is None else np.asarray(searchable, dtype=bool)
    # a bounded search: on a small site each article queries nearly all its words (the exact cosine),
    # from 5,000 articles its ``query_terms`` strongest
    queries = _top_per_row(vectors, max(cfg.query_terms, QUERY_BUDGET // max(n, 1)))
    findable = _top_per_row(sp.csr_matrix((sp.diags(searchable.astype(np.float64)) @ vectors).T), cfg.postings)
    return Model(vectors, vocabulary, topics(vectors, cfg.topic_dimensions) if cfg.topic_dimensions else None,
                 queries, sp.csr_matrix(findable.T))


# --- 4 and 5: similarity and score -------------------------------------------

def text_similarity(word: np.ndarray, topic: np.ndarray, cfg: RekomendasiConfig, has_topics: bool) -> np.ndarray:
    share = cfg.topic_weight if has_topics else 0.0
    return (1.0 - share) * word + share * topic


def score(word, topic, days, tag_overlap, same_rubrik, cfg: RekomendasiConfig, has_topics: bool) -> np.ndarray:
    """The one score of a pair (arrays of any shape):

    text · ((1 − r) + r · 0.5 ** (days / half_life)) + t · Jaccard(tags) + g · [same rubrik]
    """
    recency = (1.0 - cfg.recency_weight) + cfg.recency_weight * np.exp2(-np.asarray(days) / cfg.half_life_days)
    text = text_similarity(word, topic, cfg, has_topics)
    return text * recency + cfg.tag_weight * tag_overlap + cfg.rubrik_weight * same_rubrik, recency


def nearest(model: Model, index_t: sp.csr_matrix, searchable: np.ndarray, cfg: RekomendasiConfig,
            start: int, stop: int) -> tuple[np.ndarray, ...]:
    """Rows START to STOP's ``candidates`` most similar published others by text: numbers, word, topic.

    Twice as many are gathered by the word similarity (one sparse product
    against INDEX_T, the findable rows transposed), then kept by the text
    similarity (words and topics).
    """
    n, height = len(searchable), stop - start
    width = min(cfg.candidates, max(int(searchable.sum()) - 1, 0))
    found = np.full((height, width), -1, dtype=np.int64)
    word = np.zeros((height, width))
    topic = np.zeros((height, width))
    if not width:
        return found, word, topic
    gather = min(2 * width, n)
    block = (model.queries[start:stop] @ index_t).tocsr()
    rows = np.repeat(np.arange(height), np.diff(block.indptr))
    # never the article itself, nor a pair that shares next to nothing (most pairs: it keeps the sort small)
    block.data[(block.indices == rows + start) | (block.data < WORD_FLOOR)] = 0.0
    block.eliminate_zeros()
    rows = np.repeat(np.arange(height), np.diff(block.indptr))
    best, place = _best_first(rows, block.data, gather, height)  # each row's best first (ties: stored order)
    cand = np.full((height, gather), -1, dtype=np.int64)
    w = np.zeros((height, gather))
    cand[rows[best], place] = block.indices[best]
    w[rows[best], place] = block.data[best]
    del block, rows, best, place
    valid = (cand >= 0) & searchable[np.maximum(cand, 0)]  # only published articles are recommended
    t = np.zeros_like(w)
    if model.topics is not None:
        mine = model.topics[start:stop]
        t = np.clip(np.einsum("ik,ijk->ij", mine, model.topics[np.where(valid, cand, 0)]), 0.0, 1.0)
    s = np.where(valid, text_similarity(w, t, cfg, model.topics is not None), -np.inf)
    keep = np.argsort(-s, axis=1, kind="stable")[:, :width]
    ok = np.isfinite(np.take_along_axis(s, keep, axis=1))
    found[:, :keep.shape[1]] = np.where(ok, np.take_along_axis(cand, keep, axis=1), -1)
    word[:, :keep.shape[1]] = np.where(ok, np.take_along_axis(w, keep, axis=1), 0.0)
    topic[:, :keep.shape[1]] = np.where(ok, np.take_along_axis(t, keep, axis=1), 0.0)
    return found, word, topic


def _tag_incidence(docs: list[Doc]) -> tuple[sp.csr_matrix, np.ndarray]:
    ids: dict[str, int] = {}
    rows = [[ids.setdefault(t, len(ids)) for t in sorted(d.tags)] for d in docs]
    sizes = np.array([len(r) for r in rows], dtype=np.float64)
    incidence = sp.csr_matrix((np.ones(int(sizes.sum())), np.fromiter(chain.from_iterable(rows), dtype=np.int64),
                               np.concatenate(([0], np.cumsum(sizes).astype(np.int64)))),
                              shape=(len(docs), max(len(ids), 1)))
    return incidence, sizes


def tag_overlap(incidence: sp.csr_matrix, sizes: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Jaccard overlap of the tag sets of the pairs (i[k], j[k]); 0 where either has none."""
    out = np.zeros(len(i))
    has = (sizes[i] > 0) & (sizes[j] > 0)
    if has.any():
        a, b = i[has], j[has]
        shared = np.asarray(incidence[a].multiply(incidence[b]).sum(axis=1)).ravel()
        out[has] = shared / (sizes[a] + sizes[b] - shared)
    return out


# --- 6: the rules ------------------------------------------------------------

def rank(docs: list[Doc], model: Model, same: dict[int, dict[int, float]], cfg: RekomendasiConfig,
         count_: int, block: int = BLOCK) -> tuple[list[list[Pick]], list[list[tuple[int, int]]]]:
    """Every article's picks, BLOCK rows at a time: a row's candidates and scores depend on that row alone,
    and the whole site's n × candidates arrays at once were the build's peak (70 MB at 10,000 articles)."""
    n = len(docs)
    if not n:
        return [], []
    by_slug = {d.slug: i for i, d in enumerate(docs)}
    searchable = np.array([d.searchable for d in docs], dtype=bool)
    times = np.array([d.timestamp for d in docs], dtype=np.float64)
    pins = [[j for j in dict.fromkeys(by_slug.get(s) for s in d.pins) if j is not None and j != i and searchable[j]]
            for i, d in enumerate(docs)]
    width = max((len(p) for p in pins), default=0)
    rubrik_ids: dict[str, int] = {}
    rubrik = np.array([rubrik_ids.setdefault(d.rubrik, len(rubrik_ids)) for d in docs])
    incidence, sizes = _tag_incidence(docs)
    # best score, then the newer article, then the slug: the same order on every machine
    slug_rank = np.empty(n, dtype=np.int64)
    slug_rank[sorted(range(n), key=lambda k: docs[k].slug)] = np.arange(n)
    index_t = sp.csr_matrix(model.findable.T) if model.findable is not None else None
    out, dropped = [], []
    for start in range(0, n, block):
        stop = min(start + block, n)
        mine = np.arange(start, stop)
        cand, word, topic = nearest(model, index_t, searchable, cfg, start, stop)
        # the editor's pins join the candidates as extra columns, scored by the same formula
        pin_cols = np.full((stop - start, width), -1, dtype=np.int64)
        for k, p in enumerate(pins[start:stop]):
            pin_cols[k, :len(p)] = p
        pw, pt = np.zeros(pin_cols.shape), np.zeros(pin_cols.shape)
        has = pin_cols >= 0
        if has.any():
            pw[has], pt[has] = model.similarity(mine[np.nonzero(has)[0]], pin_cols[has])
        cand = np.hstack((pin_cols, cand))
        word, topic = np.hstack((pw, word)), np.hstack((pt, topic))
        valid = cand >= 0
        safe = np.where(valid, cand, 0)
        tag_share = np.zeros(cand.shape)
        tag_share[valid] = tag_overlap(incidence, sizes, np.broadcast_to(mine[:, None], cand.shape)[valid],
                                       safe[valid])
        same_rubrik = rubrik[safe] == rubrik[mine, None]
        days = np.abs(times[safe] - times[mine, None]) / SECONDS_PER_DAY
        total, recency = score(word, topic, days, tag_share, same_rubrik, cfg, model.topics is not None)
        total = np.round(total, 9)
        order = np.lexsort((slug_rank[safe], -times[safe], np.where(valid, -total, np.inf)), axis=1)
        eligible = total >= cfg.min_score
        for k, i in enumerate(range(start, stop)):
            pinned, tags = len(pins[i]), docs[i].tags
            # what the loop tests, as Python lists; a pick's own figures are read when it is made, so the
            # few floats kept are made together, not scattered among every candidate's
            row, ok = cand[k].tolist(), eligible[k].tolist()
            picks, gone, taken = [], [], set()
            mine_same = same.get(i, {})
            for step, column in enumerate(chain(range(pinned), order[k].tolist())):
                if len(picks) >= count_:
                    break
                j = row[column]
                is_pin = step < pinned  # first the editor's pins, in order, whatever their score
                if not is_pin:
                    if column < pinned or j < 0 or j in taken or not ok[column]:
                        continue
                    # the same story as the article, or as an earlier pick (pins included)
                    repeats = i if j in mine_same else (
                        next((p.index for p in picks if j in same.get(p.index, ())), None) if j in same else None)
                    if repeats is not None:
                        gone.append((j, repeats))
                        taken.add(j)
                        continue
                picks.append(Pick(j, float(total[k, column]), is_pin, float(word[k, column]),
                                  float(topic[k, column]), tuple(sorted(tags & docs[j].tags)) if tags else (),
                                  bool(same_rubrik[k, column]), float(recency[k, column])))
                taken.add(j)
            out.append(picks)
            dropped.append(gone)
    return out, dropped
