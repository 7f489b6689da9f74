"""Indonesian words of an article, field by field, and its shingles.

An article is four fields (``ArticleText``): the headline, the Sorotan
(highlight), the lead paragraph and the rest of the body. Each field's
terms are counted apart, so the engine can weigh and length-normalise them
apart (BM25F, engine.py). The dateline ("PRAYA –") and the "Baca juga"
lines are not in the text (they are edits and inserts of the Body, kept
apart): they are the same on many articles and would link them for no
reason. Stopwords are the Tala list plus portal words (``stopwords-id.txt``
names its source). Stemming with PySastrawi is optional.

Shingles (for same-story detection, samestory.py) are hashes of three
consecutive content words of the lead and body; a fixed quarter of them is
kept (those whose hash ends in two zero bits), the same quarter in every
article, so the shared share of two articles is still estimated fairly.
The lead's shingles are also kept whole: a follow-up or a correction often
repeats the lead and little else.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import cache
from itertools import chain, filterfalse
from pathlib import Path
from typing import NamedTuple

import numpy as np

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")
FIELDS = ("title", "highlight", "lead", "body")
SHINGLE_SAMPLE = 4  # keep one shingle in four (by hash)

# A word, or (as an empty match, dropped) a number standing alone: "2026", not "covid-19" or "3-4".
_WORD = re.compile(r"\d+(?![\w-])|([^\W_]+(?:-[^\W_]+)*)")


class ArticleText(NamedTuple):
    """An article's plain text by field."""

    title: str
    highlight: str
    lead: str
    body: str


class Terms(NamedTuple):
    """What the engine reads of one article: term counts by field, shingles."""

    fields: tuple[dict[str, int], ...]  # in FIELDS order
    shingles: np.ndarray  # sampled 3-word shingle hashes of lead and body (uint64, sorted, distinct)
    lead: np.ndarray  # every 3-word shingle hash of the lead (uint64, sorted, distinct)


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


_STEM: dict[str, str] = {}
_STEMMER = None


def _stem(word: str) -> str:
    global _STEMMER
    stem = _STEM.get(word)
    if stem is None:
        if _STEMMER is None:
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # only when stemming is on

            _STEMMER = StemmerFactory().create_stemmer().stem
        stem = _STEM[word] = _STEMMER(word) or word
    return stem


@cache
def _dropped() -> frozenset[str]:
    """Words that never give a term: stopwords, and any single ASCII character."""
    return stopwords() | frozenset(chr(c) for c in range(128)) | {""}


def words(text: str, stem: bool = False) -> list[str]:
    """Content words of a text in order, lower case; stopwords, one-letter words and numbers dropped."""
    found = list(filterfalse(_dropped().__contains__, _WORD.findall(text.lower())))
    return [_stem(w) for w in found] if stem else found


def counts(found: list[str]) -> dict[str, int]:
    return dict(Counter(found))


_HASH: dict[str, int] = {}  # a word's CRC-32: the same in every process, so cached shingles stay valid


def _mix(runs: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every three consecutive words within each run (uint64, 53 bits), and the
    run each comes from: one pass over all the runs' words at once."""
    lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    every = list(chain.from_iterable(runs))
    for word in set(every).difference(_HASH):
        _HASH[word] = zlib.crc32(word.encode())
    h = np.fromiter(map(_HASH.__getitem__, every), dtype=np.uint64, count=len(every))
    if len(h) < 3:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        mixed = (h[:-2] * np.uint64(0x9E3779B97F4A7C15) + h[1:-1]) * np.uint64(0xC2B2AE3D27D4EB4F) + h[2:]
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    run = np.repeat(np.arange(len(runs)), lengths)
    offset = np.arange(len(h)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    inside = (offset + 2 < lengths[run])[:-2]  # the three words lie in one run
    return mixed[inside] & np.uint64((1 << 53) - 1), run[:-2][inside]  # 53 bits: exact in JSON


def _distinct(values: np.ndarray, segment: np.ndarray, count: int) -> list[np.ndarray]:
    """The sorted distinct values of each segment 0 … count − 1 (views of one array: 8 bytes a
    shingle, where a tuple of Python ints took 36)."""
    order = np.lexsort((values, segment))
    values, segment = values[order], segment[order]
    fresh = np.ones(len(values), dtype=bool)
    fresh[1:] = (values[1:] != values[:-1]) | (segment[1:] != segment[:-1])
    values, segment = values[fresh], segment[fresh]
    return np.split(values, np.searchsorted(segment, np.arange(1, count))) if count else []


def terms_of_many(texts: list[ArticleText], stem: bool = False) -> list[Terms]:
    """Term counts by field and the shingles of many articles, in order.

    The shingles of all the articles are hashed in one pass over one array
    (a run of three words never crosses from one article, or from the lead
    to the body, into the next)."""
    fields, runs = [], []
    for text in texts:
        title, highlight, lead, body = (words(t or "", stem) for t in text)
        fields.append((counts(title), counts(highlight), counts(lead), counts(body)))
        runs += (words(text.lead or ""), words(text.body or "")) if stem else (lead, body)  # shingles: as written
    every, piece = _mix(runs)  # piece 2k: the lead of article k; 2k + 1: its body
    kept = every % np.uint64(SHINGLE_SAMPLE) == 0
    sampled = _distinct(every[kept], piece[kept] // 2, len(texts))
    is_lead = piece % 2 == 0
    leads = _distinct(every[is_lead], piece[is_lead] // 2, len(texts))
    return [Terms(f, s, lead) for f, s, lead in zip(fields, sampled, leads, strict=True)]


def terms(text: ArticleText, stem: bool = False) -> Terms:
    """Term counts by field and the shingles of one article."""
    return terms_of_many([text], stem)[0]
