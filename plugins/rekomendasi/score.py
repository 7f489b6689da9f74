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

import heapq
from dataclasses import dataclass

import numpy as np

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


@dataclass(frozen=True)
class Pick:
    """One recommendation of one article, with the parts of its score."""

    index: int
    score: float
    pinned: bool
    word: float
    topic: float
    shared_tags: tuple[str, ...]
    same_rubrik: bool
    recency: float


def rank_all(docs: list[Doc], index: WordIndex, cfg, count: int | None = None) -> list[list[Pick]]:
    """Every article's picks, best first (``count`` items at most)."""
    count = cfg.count if count is None else count
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
    base[~valid] = -1.0
    duplicates = _duplicates(cand, word, index.terms, cfg.duplicate_similarity)
    # One vectorised sort for all rows; the per-article loop then walks plain lists.
    order = np.argsort(-base, axis=1, kind="stable")
    base_rows = np.take_along_axis(base, order, axis=1).tolist()
    cand_rows = np.take_along_axis(np.where(valid, cand, -1), order, axis=1).tolist()
    parts = (word, topic, recency, same_rubrik)  # read only for the few picks
    ranker = _Ranker(docs, index, cfg, count, by_slug, times.tolist(), rubrik_codes, duplicates)
    return [ranker.rank(i, base_rows[i], cand_rows[i], order[i], parts) for i in range(len(docs))]


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
    """The per-article part: pins, tags, duplicates, MMR, minimum score."""

    def __init__(self, docs, index, cfg, count, by_slug, times, rubrik_codes, duplicates):
        self.docs, self.index, self.cfg, self.count = docs, index, cfg, count
        self.by_slug, self.times, self.rubrik_codes = by_slug, times, rubrik_codes
        self.duplicates = duplicates
        self.shortlist = count + 4  # MMR and duplicate checks look this far down
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

    def rank(self, i, base, cand, order, parts) -> list[Pick]:
        """Article i's picks from its candidate row, already sorted by base score."""
        doc, cfg, docs = self.docs[i], self.cfg, self.docs
        own_dups = self.duplicates.get(i, ())
        pins = [j for j in dict.fromkeys(self.by_slug.get(s) for s in doc.pins)
                if j is not None and j != i and docs[j].searchable] if doc.pins else []  # never drafts, hidden
        bonus_max = cfg.tag_weight if doc.tags else 0.0
        scored = []
        floor: list[float] = []  # min-heap of the best `shortlist` scores so far
        lowest, full = cfg.min_score - bonus_max, self.shortlist
        for k, b in enumerate(base):
            if b < lowest:
                break
            if len(scored) >= full and b + bonus_max < floor[0]:
                break  # no tag bonus can lift the rest into the shortlist
            j = cand[k]
            other = docs[j]
            if not other.searchable or j == i or j in own_dups or j in pins:
                continue
            score = b + self._tag_bonus(doc, other) if bonus_max else b
            if score >= cfg.min_score:
                scored.append((score, -self.times[j], other.slug, j, k))
                if len(floor) < full:
                    heapq.heappush(floor, score)
                elif score > floor[0]:
                    heapq.heapreplace(floor, score)
        # best score, then the newer article, then the slug: the same order on every machine
        scored.sort(key=lambda s: (-s[0], s[1], s[2]))
        picks = [self._direct(i, j, pinned=True) for j in pins]
        word, topic, recency, same = parts
        for score, _, _, j, k in self._diverse(scored[:self.shortlist], len(picks)):
            column = order[k]
            picks.append(Pick(j, round(score, 9), False, float(word[i, column]), float(topic[i, column]),
                              tuple(sorted(doc.tags & docs[j].tags)), bool(same[i, column]),
                              float(recency[i, column])))
        return picks[:self.count]

    def _tag_bonus(self, doc: Doc, other: Doc) -> float:
        if not doc.tags or not other.tags:
            return 0.0
        return self.cfg.tag_weight * len(doc.tags & other.tags) / len(doc.tags | other.tags)

    def _diverse(self, scored, already: int):
        """Greedy MMR over the shortlist, skipping near-duplicates of earlier picks.

        Each round takes the entry with the best (1 − λ)·score − λ·(its topic
        cosine to the closest pick so far): a second story on the same
        sub-topic has to be clearly better to follow the first. Penalties are
        updated once per pick, so a round is one pass over the shortlist.
        """
        lam = self.cfg.diversity if self.index.topics is not None else 0.0
        chosen: list = []
        similar = None
        if lam and len(scored) > 1:
            vectors = self.index.topics[[entry[3] for entry in scored]]
            similar = (vectors @ vectors.T).tolist()
        value = [(1 - lam) * entry[0] for entry in scored]
        penalty = [0.0] * len(scored)
        adjusted = list(value)  # value − λ · penalty
        open_ = list(range(len(scored)))
        while open_ and already + len(chosen) < self.count:
            best = max(open_, key=adjusted.__getitem__)  # the first of equals: (score, date, slug) order
            pick = scored[best]
            chosen.append(pick)
            dups = self.duplicates.get(pick[3])
            open_ = [e for e in open_ if e != best and not (dups and scored[e][3] in dups)]
            if similar is not None:
                row = similar[best]
                for e in open_:
                    if row[e] > penalty[e]:
                        penalty[e] = row[e]
                        adjusted[e] = value[e] - lam * row[e]
        return chosen

    def _direct(self, i: int, j: int, pinned: bool) -> Pick:
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
        return Pick(j, round(score, 9), pinned, word, topic, tuple(sorted(doc.tags & other.tags)), same, recency)
