"""Ranking rules: from word candidates to each article's ordered picks.

For article i and a candidate j found by the word index:

    text    = (word cosine + topic_weight · topic cosine) / (1 + topic_weight)
    recency = (1 − recency_weight) + recency_weight · 0.5 ** (|days apart| / half_life)
    score   = text · recency + tag_weight · Jaccard(tags) + rubrik_weight · [same rubrik]

Recency is the distance in time between the two articles, not their age on
the day of the build: the same content always builds the same pages, and an
old article still points to what was written around it. Then the rules:
editor pins come first (in the editor's order); never the article itself, an
unpublished article or a near-duplicate of the article or of an earlier pick;
a light MMR penalty keeps the list from repeating one story; items under the
minimum score are left out; ties fall to the newer date, then the slug.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from .index import WordIndex

SECONDS_PER_DAY = 86400.0


@dataclass(frozen=True)
class Doc:
    """What the engine knows of one article besides its words."""

    slug: str
    timestamp: float  # seconds since the epoch
    tags: frozenset[str]
    rubrik: str
    pins: tuple[str, ...]
    searchable: bool  # published: may be recommended


class Pick(NamedTuple):
    """One recommendation of one article, with the parts of its score.

    A named tuple, not a frozen dataclass: a build makes one per article and
    place (60,000 at 10,000 articles), and a tuple is made several times faster.
    """

    index: int  # the recommended article's number (hides tuple.index, which nothing here calls)
    score: float
    pinned: bool
    word: float
    topic: float
    shared_tags: tuple[str, ...]
    same_rubrik: bool
    recency: float


def rank_all(docs: list[Doc], index: WordIndex, cfg, count: int | None = None) -> list[list[Pick]]:
    """Every article's picks, best first (``count`` items at most).

    All articles are ranked at once on n × C arrays (C candidates each): the
    eligibility rules, the (score, date, slug) order, the shortlist and the
    greedy MMR rounds are numpy operations over every row together; Python
    only builds the final picks and handles the rare pins and duplicates.
    """
    count = cfg.count if count is None else count
    n = len(docs)
    by_slug = {d.slug: i for i, d in enumerate(docs)}
    times = np.array([d.timestamp for d in docs], dtype=np.float64)
    rubrik_codes = _codes([d.rubrik for d in docs])
    cand, word = index.candidates, index.word_scores
    valid = cand >= 0
    safe = np.where(valid, cand, 0)
    topic = _topic_matrix(index, safe)
    blend = _topic_weight(index, cfg)
    text = (word + blend * topic) / (1.0 + blend)
    days = np.abs(times[safe] - times[:, None]) / SECONDS_PER_DAY
    recency = (1.0 - cfg.recency_weight) + cfg.recency_weight * np.exp2(-days / cfg.half_life_days)
    same_rubrik = rubrik_codes[safe] == rubrik_codes[:, None]
    base = text * recency + cfg.rubrik_weight * same_rubrik
    duplicates = _duplicates(cand, word, index.terms, cfg.duplicate_similarity)
    ranker = _Ranker(docs, index, cfg, count, by_slug, times.tolist(), rubrik_codes, duplicates)
    pins = [ranker.pins(i) if d.pins else [] for i, d in enumerate(docs)]

    score = base + _tag_bonus_matrix(docs, safe, valid, cfg)
    searchable = np.array([d.searchable for d in docs], dtype=bool)
    eligible = valid & searchable[safe] & (safe != np.arange(n)[:, None]) & (score >= cfg.min_score)
    for i, excluded in chain(duplicates.items(), ((i, p) for i, p in enumerate(pins) if p)):
        eligible[i] &= ~np.isin(cand[i], list(excluded))

    # best score, then the newer article, then the slug: the same order on every machine;
    # one small sort per row (ineligible entries last), cut to the shortlist
    slug_rank = np.empty(n, dtype=np.int64)
    slug_rank[sorted(range(n), key=lambda k: docs[k].slug)] = np.arange(n)
    width = min(count + 4, cand.shape[1])  # MMR and duplicate checks look this far down
    order = np.lexsort((slug_rank[safe], -times[safe], np.where(eligible, -score, np.inf)), axis=1)[:, :width]
    short = np.where(np.take_along_axis(eligible, order, axis=1), order, -1)  # candidate columns
    chosen = _diverse_all(short, score, cand, index, cfg, count, duplicates,
                          np.array([len(p) for p in pins], dtype=np.int64))

    if not cand.shape[1]:  # a one-article site: no candidates to gather from
        chosen = chosen[:, :0]
    picked = np.where(chosen >= 0, chosen, 0)
    pick_j = np.where(chosen >= 0, np.take_along_axis(cand, picked, axis=1), -1).tolist()
    parts = [np.take_along_axis(a, picked, axis=1).tolist() for a in (score, word, topic, recency, same_rubrik)]
    out = []
    for i, (doc, row, scores, words, topics, recencies, same) in enumerate(zip(docs, pick_j, *parts, strict=True)):
        picks = [ranker.direct(i, j) for j in pins[i]] if pins[i] else []
        for j, s, w, t, same_j, r in zip(row, scores, words, topics, same, recencies, strict=True):
            if j < 0:
                break
            picks.append(Pick(j, round(s, 9), False, w, t, tuple(sorted(doc.tags & docs[j].tags)) if doc.tags else (),
                              same_j, r))
        out.append(picks[:count])
    return out


def _tag_bonus_matrix(docs: list[Doc], safe: np.ndarray, valid: np.ndarray, cfg) -> np.ndarray:
    """tag_weight · Jaccard(tags) of every article and candidate (0 where either has none)."""
    bonus = np.zeros(safe.shape)
    if not cfg.tag_weight or not any(d.tags for d in docs):
        return bonus
    tag_ids: dict[str, int] = {}
    rows = [[tag_ids.setdefault(t, len(tag_ids)) for t in d.tags] for d in docs]
    sizes = np.array([len(r) for r in rows], dtype=np.float64)
    incidence = sp.csr_matrix((np.ones(int(sizes.sum())), np.fromiter(chain.from_iterable(rows), dtype=np.int64),
                               np.concatenate(([0], np.cumsum(sizes).astype(np.int64)))),
                              shape=(len(docs), max(len(tag_ids), 1)))
    i, c = np.nonzero(valid & (sizes[:, None] > 0) & (sizes[safe] > 0))
    j = safe[i, c]
    shared = np.asarray(incidence[i].multiply(incidence[j]).sum(axis=1)).ravel()
    bonus[i, c] = cfg.tag_weight * shared / (sizes[i] + sizes[j] - shared)
    return bonus


def _diverse_all(short, score, cand, index, cfg, count, duplicates, already) -> np.ndarray:
    """Greedy MMR over every article's shortlist at once, skipping near-duplicates of earlier picks.

    Each round takes, in every row, the entry with the best (1 − λ)·score −
    λ·(its topic cosine to the closest pick so far): a second story on the
    same sub-topic has to be clearly better to follow the first. The first of
    equals wins, which is the (score, date, slug) order of the shortlist.
    """
    n, width = short.shape
    lam = cfg.diversity if index.topics is not None else 0.0
    open_ = short >= 0
    columns = np.where(open_, short, 0)
    js = np.take_along_axis(cand, columns, axis=1)
    value = (1 - lam) * np.take_along_axis(score, columns, axis=1)
    adjusted = value.copy()
    penalty = np.zeros((n, width))
    similar = None
    if lam:
        vectors = index.topics[js]  # n × width × k
        similar = np.matmul(vectors, vectors.transpose(0, 2, 1))
    blocked = {}  # row -> width × width: entry b is a near-duplicate of entry a
    if duplicates:
        has = np.zeros(len(cand), dtype=bool)
        has[list(duplicates)] = True
        for r in np.flatnonzero((has[js] & open_).any(axis=1)).tolist():
            row = js[r].tolist()
            blocked[r] = np.array([[b in duplicates.get(a, ()) for b in row] for a in row]) & open_[r]
    chosen = np.full((n, count), -1, dtype=np.int64)
    everyone = np.arange(n)
    for step in range(count):
        active = everyone[open_.any(axis=1) & (already + step < count)]
        if not len(active):
            break
        best = np.where(open_[active], adjusted[active], -np.inf).argmax(axis=1)
        chosen[active, step] = short[active, best]
        open_[active, best] = False
        for r, b in zip(active.tolist(), best.tolist(), strict=True):
            if r in blocked:
                open_[r] &= ~blocked[r][b]
        if similar is not None:
            row = similar[active, best]  # each active row's cosines to its new pick
            update = open_[active] & (row > penalty[active])
            penalty[active] = np.where(update, row, penalty[active])
            adjusted[active] = np.where(update, value[active] - lam * row, adjusted[active])
    return chosen


def _topic_weight(index: WordIndex, cfg) -> float:
    """No topics (turned off, or a site too small for them): the word cosine alone."""
    return cfg.topic_weight if index.topics is not None else 0.0


def _codes(values: list[str]) -> np.ndarray:
    codes: dict[str, int] = {}
    return np.array([codes.setdefault(v, len(codes)) for v in values], dtype=np.int64)


def _topic_matrix(index: WordIndex, safe: np.ndarray) -> np.ndarray:
    if index.topics is None:
        return np.zeros(safe.shape)
    out = np.empty(safe.shape)
    for start in range(0, len(safe), 2048):  # bounded temporary: 2048 × C × k
        part = safe[start:start + 2048]
        out[start:start + 2048] = np.einsum("ick,ik->ic", index.topics[part], index.topics[start:start + 2048])
    return np.clip(out, 0.0, 1.0)


def _duplicates(cand: np.ndarray, word: np.ndarray, terms, threshold: float) -> dict[int, set[int]]:
    """Pairs that are the same text, both ways round.

    A near-duplicate is always among an article's nearest candidates, so the
    candidate lists hold every such pair; each is confirmed on the raw word
    counts, which on a small site differ where the BM25 vectors (that keep
    only words shared by two articles or more) may not.
    """
    rows, cols = np.nonzero((word >= threshold) & (cand >= 0))
    found: dict[int, set[int]] = {}
    for i, j in zip(rows.tolist(), cand[rows, cols].tolist(), strict=True):
        if terms is not None and _cosine(terms[i], terms[j]) < threshold:
            continue
        found.setdefault(i, set()).add(j)
        found.setdefault(j, set()).add(i)
    return found


def _cosine(a: dict[str, int], b: dict[str, int]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(count * b.get(word, 0) for word, count in a.items())
    norms = (sum(c * c for c in a.values()) * sum(c * c for c in b.values())) ** 0.5
    return dot / norms if norms else 0.0


class _Ranker:
    """Editor pins: validated, and scored on their own."""

    def __init__(self, docs, index, cfg, count, by_slug, times, rubrik_codes, duplicates):
        self.docs, self.index, self.cfg, self.count = docs, index, cfg, count
        self.by_slug, self.times, self.rubrik_codes = by_slug, times, rubrik_codes
        self.duplicates = duplicates
        self._near: dict[int, dict[int, float]] = {}

    def _similar(self, a: int, b: int) -> float:
        """Word cosine of two candidates when one is among the other's nearest, else 0."""
        for x, y in ((a, b), (b, a)):
            near = self._near.get(x)
            if near is None:
                near = self._near[x] = dict(zip(self.index.candidates[x].tolist(),
                                                self.index.word_scores[x].tolist(), strict=True))
            if y in near:
                return near[y]
        return 0.0

    def pins(self, i: int) -> list[int]:
        """Article i's editor pins that can be shown, in the editor's order (never drafts, hidden)."""
        docs = self.docs
        return [j for j in dict.fromkeys(self.by_slug.get(s) for s in docs[i].pins)
                if j is not None and j != i and docs[j].searchable]

    def _tag_bonus(self, doc: Doc, other: Doc) -> float:
        if not doc.tags or not other.tags:
            return 0.0
        return self.cfg.tag_weight * len(doc.tags & other.tags) / len(doc.tags | other.tags)

    def direct(self, i: int, j: int) -> Pick:
        """A pick scored on its own (an editor's pin need not be a word candidate)."""
        doc, other, cfg = self.docs[i], self.docs[j], self.cfg
        word = self._similar(i, j)
        topic = 0.0
        if self.index.topics is not None:
            topic = float(np.clip(self.index.topics[i] @ self.index.topics[j], 0.0, 1.0))
        days = abs(self.times[j] - self.times[i]) / SECONDS_PER_DAY
        recency = (1 - cfg.recency_weight) + cfg.recency_weight * 2 ** (-days / cfg.half_life_days)
        same = bool(self.rubrik_codes[i] == self.rubrik_codes[j])
        blend = _topic_weight(self.index, cfg)
        text = (word + blend * topic) / (1 + blend)
        score = text * recency + cfg.rubrik_weight * same + self._tag_bonus(doc, other)
        return Pick(j, round(score, 9), True, word, topic, tuple(sorted(doc.tags & other.tags)), same, recency)
