"""The plugin's settings, read in one place with their defaults.

Every ``REKOMENDASI_*`` setting is documented in README.md ("Rekomendasi");
the field weights and the topic share were chosen by cross-validation over
several corpora and label sets (README, "How the weights were chosen").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULTS = {
    "REKOMENDASI_COUNT": 6,  # items in "Rekomendasi untuk Anda"
    "REKOMENDASI_MIN_SCORE": 0.12,  # below it an article is left out rather than shown unrelated
    "REKOMENDASI_TITLE_WEIGHT": 1.0,  # BM25F field weights: a headline word counts as this many body words
    "REKOMENDASI_HEADLINE_BOOST": 0.25,  # the headline's words again, after saturation, as a share of the row
    "REKOMENDASI_HIGHLIGHT_WEIGHT": 2.0,  # the Sorotan under the headline
    "REKOMENDASI_LEAD_WEIGHT": 2.0,  # the first paragraph
    "REKOMENDASI_STEMMING": False,  # PySastrawi stemming; measured no better, and slower
    "REKOMENDASI_BM25_K1": 1.2,
    "REKOMENDASI_BM25_B": 0.75,  # length normalisation, within each field against that field's mean length
    "REKOMENDASI_MIN_DF": 2,  # a word in fewer articles links nothing and is dropped
    "REKOMENDASI_MAX_DF": 0.5,  # share of articles; a word in more of them says nothing
    "REKOMENDASI_TOPIC_DIMENSIONS": 40,  # latent topics (SVD of the site's own matrix); 0 turns them off
    "REKOMENDASI_TOPIC_WEIGHT": 0.5,  # share of the topic cosine in the text similarity, in [0, 1]
    "REKOMENDASI_CANDIDATES": 50,  # most similar articles by text that go on to the full score
    "REKOMENDASI_QUERY_TERMS": 30,  # an article's strongest words that look for its candidates
    "REKOMENDASI_POSTINGS": 150,  # a word's strongest articles that can be found through it
    "REKOMENDASI_TAG_WEIGHT": 0.15,  # times the Jaccard overlap of the two tag sets
    "REKOMENDASI_RUBRIK_WEIGHT": 0.05,  # added when both are in the same rubrik
    "REKOMENDASI_RECENCY_WEIGHT": 0.3,  # share of the score that decays with the distance in time
    "REKOMENDASI_HALF_LIFE_DAYS": 180,  # distance in days at which that share has halved
    "REKOMENDASI_SAME_STORY": 0.25,  # shared share of 3-word shingles at or above which two articles are one story
    "REKOMENDASI_BACA_JUGA_COUNT": 2,  # inline "Baca juga" links (0 turns them off)
    "REKOMENDASI_BACA_JUGA_AFTER": (2, 5),  # after the Nth top-level paragraph (or the next gap)
    "REKOMENDASI_TERKINI_COUNT": 5,  # "Berita Terkini" in the sidebar
    "REKOMENDASI_EXPLAIN": False,  # keep the word vectors for the shared words ``invoke explain`` names
}


class RekomendasiSettingsError(ValueError):
    """A REKOMENDASI_* setting that cannot work; raised before anything is written."""


@dataclass(frozen=True)
class RekomendasiConfig:
    count: int = DEFAULTS["REKOMENDASI_COUNT"]
    min_score: float = DEFAULTS["REKOMENDASI_MIN_SCORE"]
    title_weight: float = DEFAULTS["REKOMENDASI_TITLE_WEIGHT"]
    headline_boost: float = DEFAULTS["REKOMENDASI_HEADLINE_BOOST"]
    highlight_weight: float = DEFAULTS["REKOMENDASI_HIGHLIGHT_WEIGHT"]
    lead_weight: float = DEFAULTS["REKOMENDASI_LEAD_WEIGHT"]
    stemming: bool = DEFAULTS["REKOMENDASI_STEMMING"]
    k1: float = DEFAULTS["REKOMENDASI_BM25_K1"]
    b: float = DEFAULTS["REKOMENDASI_BM25_B"]
    min_df: int = DEFAULTS["REKOMENDASI_MIN_DF"]
    max_df: float = DEFAULTS["REKOMENDASI_MAX_DF"]
    topic_dimensions: int = DEFAULTS["REKOMENDASI_TOPIC_DIMENSIONS"]
    topic_weight: float = DEFAULTS["REKOMENDASI_TOPIC_WEIGHT"]
    candidates: int = DEFAULTS["REKOMENDASI_CANDIDATES"]
    query_terms: int = DEFAULTS["REKOMENDASI_QUERY_TERMS"]
    postings: int = DEFAULTS["REKOMENDASI_POSTINGS"]
    tag_weight: float = DEFAULTS["REKOMENDASI_TAG_WEIGHT"]
    rubrik_weight: float = DEFAULTS["REKOMENDASI_RUBRIK_WEIGHT"]
    recency_weight: float = DEFAULTS["REKOMENDASI_RECENCY_WEIGHT"]
    half_life_days: float = DEFAULTS["REKOMENDASI_HALF_LIFE_DAYS"]
    same_story: float = DEFAULTS["REKOMENDASI_SAME_STORY"]
    baca_juga_count: int = DEFAULTS["REKOMENDASI_BACA_JUGA_COUNT"]
    baca_juga_after: tuple[int, ...] = DEFAULTS["REKOMENDASI_BACA_JUGA_AFTER"]
    terkini_count: int = DEFAULTS["REKOMENDASI_TERKINI_COUNT"]
    explain: bool = DEFAULTS["REKOMENDASI_EXPLAIN"]

    @classmethod
    def from_settings(cls, settings) -> RekomendasiConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        try:
            config = cls(
                count=int(get("REKOMENDASI_COUNT")),
                min_score=float(get("REKOMENDASI_MIN_SCORE")),
                title_weight=float(get("REKOMENDASI_TITLE_WEIGHT")),
                headline_boost=float(get("REKOMENDASI_HEADLINE_BOOST")),
                highlight_weight=float(get("REKOMENDASI_HIGHLIGHT_WEIGHT")),
                lead_weight=float(get("REKOMENDASI_LEAD_WEIGHT")),
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
                same_story=float(get("REKOMENDASI_SAME_STORY")),
                baca_juga_count=int(get("REKOMENDASI_BACA_JUGA_COUNT")),
                baca_juga_after=tuple(int(n) for n in get("REKOMENDASI_BACA_JUGA_AFTER")),
                terkini_count=int(get("REKOMENDASI_TERKINI_COUNT")),
                explain=bool(get("REKOMENDASI_EXPLAIN")),
            )
        except (TypeError, ValueError) as exc:
            raise RekomendasiSettingsError(f"REKOMENDASI_*: nilai tidak bisa dibaca ({exc})") from None
        config._check()
        return config

    def _check(self) -> None:
        problems = []
        if self.count < 0 or self.candidates < self.count:
            problems.append("REKOMENDASI_COUNT must be >= 0 and <= REKOMENDASI_CANDIDATES")
        if not 0 <= self.recency_weight <= 1:
            problems.append("REKOMENDASI_RECENCY_WEIGHT must lie in [0, 1]")
        if not 0 <= self.topic_weight <= 1:
            problems.append("REKOMENDASI_TOPIC_WEIGHT must lie in [0, 1]")
        # not finite ("nan", "inf" are floats too, and no smaller than 0): every row NaN, ranks of noise
        weights = (self.title_weight, self.highlight_weight, self.lead_weight)
        if not all(math.isfinite(w) and w >= 0 for w in weights):
            problems.append("REKOMENDASI_TITLE/HIGHLIGHT/LEAD_WEIGHT must be finite numbers >= 0")
        if not (math.isfinite(self.headline_boost) and self.headline_boost >= 0):
            problems.append("REKOMENDASI_HEADLINE_BOOST must be a finite number >= 0")
        if self.half_life_days <= 0:
            problems.append("REKOMENDASI_HALF_LIFE_DAYS must be > 0")
        if not 0 < self.max_df <= 1:
            problems.append("REKOMENDASI_MAX_DF must lie in (0, 1]")
        if not 0 < self.same_story <= 1:
            problems.append("REKOMENDASI_SAME_STORY must lie in (0, 1]")
        if self.topic_dimensions < 0 or self.query_terms < 1 or self.postings < 1:
            problems.append("REKOMENDASI_TOPIC_DIMENSIONS must be >= 0, REKOMENDASI_QUERY_TERMS and _POSTINGS >= 1")
        if any(n < 1 for n in self.baca_juga_after) or len(self.baca_juga_after) < self.baca_juga_count:
            problems.append("REKOMENDASI_BACA_JUGA_AFTER needs one position >= 1 per Baca juga link")
        if problems:
            raise RekomendasiSettingsError("; ".join(problems))

    @property
    def field_weights(self) -> tuple[float, float, float, float]:
        """BM25F weights in tokenize.FIELDS order (the body is the unit)."""
        return (self.title_weight, self.highlight_weight, self.lead_weight, 1.0)
