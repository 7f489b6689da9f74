"""The plugin's settings, read in one place with their defaults.

Every ``REKOMENDASI_*`` setting is documented in README.md ("Rekomendasi").
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULTS = {
    "REKOMENDASI_COUNT": 6,  # items in "Rekomendasi untuk Anda"
    "REKOMENDASI_MIN_SCORE": 0.12,  # below it an article is left out rather than shown unrelated
    "REKOMENDASI_TITLE_WEIGHT": 2,  # a title word counts as this many body words
    "REKOMENDASI_STEMMING": False,  # PySastrawi stemming; measured no better on IndoSum, and slower
    "REKOMENDASI_BM25_K1": 1.2,
    "REKOMENDASI_BM25_B": 0.75,
    "REKOMENDASI_MIN_DF": 2,  # a word in fewer articles links nothing and is dropped
    "REKOMENDASI_MAX_DF": 0.5,  # share of articles; a word in more of them says nothing
    "REKOMENDASI_TOPIC_DIMENSIONS": 30,  # latent topics (randomised SVD); 0 turns the topic score off
    "REKOMENDASI_TOPIC_WEIGHT": 1.0,  # topic cosine weight next to the word (BM25) cosine
    "REKOMENDASI_CANDIDATES": 50,  # nearest articles by words that go on to the full scoring
    "REKOMENDASI_QUERY_TERMS": 20,  # an article's strongest words used to find candidates
    "REKOMENDASI_POSTINGS": 100,  # a word's strongest articles kept in the candidate index
    "REKOMENDASI_TAG_WEIGHT": 0.15,  # times the Jaccard overlap of the two tag sets
    "REKOMENDASI_RUBRIK_WEIGHT": 0.05,  # added when both are in the same rubrik
    "REKOMENDASI_RECENCY_WEIGHT": 0.3,  # share of the score that decays with the distance in time
    "REKOMENDASI_HALF_LIFE_DAYS": 180,  # distance in days at which that share has halved
    "REKOMENDASI_DUPLICATE_SIMILARITY": 0.8,  # word cosine at or above it: a near-duplicate
    "REKOMENDASI_DIVERSITY": 0.05,  # MMR: weight of the redundancy penalty (0 = plain ranking)
    "REKOMENDASI_BACA_JUGA_COUNT": 2,  # inline "Baca juga" links (0 turns them off)
    "REKOMENDASI_BACA_JUGA_AFTER": (2, 5),  # after the Nth top-level paragraph (or the next gap)
    "REKOMENDASI_TERKINI_COUNT": 5,  # "Berita Terkini" in the sidebar
    "REKOMENDASI_HELPER": True,  # large sites: a forked helper process on the second core (forked.py)
}


class RekomendasiSettingsError(ValueError):
    """A REKOMENDASI_* setting that cannot work; raised before anything is written."""


@dataclass(frozen=True)
class RekomendasiConfig:
    count: int
    min_score: float
    title_weight: int
    stemming: bool
    k1: float
    b: float
    min_df: int
    max_df: float
    topic_dimensions: int
    topic_weight: float
    candidates: int
    query_terms: int
    postings: int
    tag_weight: float
    rubrik_weight: float
    recency_weight: float
    half_life_days: float
    duplicate_similarity: float
    diversity: float
    baca_juga_count: int
    baca_juga_after: tuple[int, ...]
    terkini_count: int
    helper: bool

    @classmethod
    def from_settings(cls, settings) -> RekomendasiConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        config = cls(
            count=int(get("REKOMENDASI_COUNT")),
            min_score=float(get("REKOMENDASI_MIN_SCORE")),
            title_weight=int(get("REKOMENDASI_TITLE_WEIGHT")),
            stemming=bool(get("REKOMENDASI_STEMMING")),
            k1=float(get("REKOMENDASI_BM25_K1")),
            b=float(get("REKOMENDASI_BM25_B")),
            min_df=int(get("REKOMENDASI_MIN_DF")),
            max_df=float(get("REKOMENDASI_MAX_DF")),
            topic_dimensions=int(get("REKOMENDASI_TOPIC_DIMENSIONS")),
            topic_weight=float(get("REKOMENDASI_TOPIC_WEIGHT")),
            candidates=int(get("REKOMENDASI_CANDIDATES")),
            query_terms=int(get("REKOMENDASI_QUERY_TERMS")),
            postings=int(get("REKOMENDASI_POSTINGS")),
            tag_weight=float(get("REKOMENDASI_TAG_WEIGHT")),
            rubrik_weight=float(get("REKOMENDASI_RUBRIK_WEIGHT")),
            recency_weight=float(get("REKOMENDASI_RECENCY_WEIGHT")),
            half_life_days=float(get("REKOMENDASI_HALF_LIFE_DAYS")),
            duplicate_similarity=float(get("REKOMENDASI_DUPLICATE_SIMILARITY")),
            diversity=float(get("REKOMENDASI_DIVERSITY")),
            baca_juga_count=int(get("REKOMENDASI_BACA_JUGA_COUNT")),
            baca_juga_after=tuple(int(n) for n in get("REKOMENDASI_BACA_JUGA_AFTER")),
            terkini_count=int(get("REKOMENDASI_TERKINI_COUNT")),
            helper=bool(get("REKOMENDASI_HELPER")),
        )
        config._check()
        return config

    def _check(self) -> None:
        problems = []
        if self.count < 0 or self.candidates < self.count:
            problems.append("REKOMENDASI_COUNT must be >= 0 and <= REKOMENDASI_CANDIDATES")
        if not 0 <= self.recency_weight <= 1:
            problems.append("REKOMENDASI_RECENCY_WEIGHT must lie in [0, 1]")
        if not 0 <= self.diversity < 1:
            problems.append("REKOMENDASI_DIVERSITY must lie in [0, 1)")
        if self.half_life_days <= 0:
            problems.append("REKOMENDASI_HALF_LIFE_DAYS must be > 0")
        if not 0 < self.max_df <= 1:
            problems.append("REKOMENDASI_MAX_DF must lie in (0, 1]")
        if self.topic_dimensions < 0 or self.query_terms < 1 or self.postings < 1:
            problems.append("REKOMENDASI_TOPIC_DIMENSIONS must be >= 0, REKOMENDASI_QUERY_TERMS and _POSTINGS >= 1")
        if any(n < 1 for n in self.baca_juga_after) or len(self.baca_juga_after) < self.baca_juga_count:
            problems.append("REKOMENDASI_BACA_JUGA_AFTER needs one position >= 1 per Baca juga link")
        if problems:
            raise RekomendasiSettingsError("; ".join(problems))

    def fingerprint(self) -> tuple:
        """What a cached term vector depends on besides the article text."""
        return (self.title_weight, self.stemming)
