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
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")
FIELDS = ("title", "highlight", "lead", "body")
SHINGLE_SAMPLE = 4  # keep one shingle in four (by hash)

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


class ArticleText(NamedTuple):
    """An article's plain text by field."""

    title: str
    highlight: str
    lead: str
    body: str


class Terms(NamedTuple):
    """What the engine reads of one article: term counts by field, shingles."""

    fields: tuple[dict[str, int], ...]  # in FIELDS order
    shingles: tuple[int, ...]  # sampled 3-word shingle hashes of lead and body (sorted, distinct)
    lead: tuple[int, ...] = ()  # every 3-word shingle hash of the lead (sorted, distinct)


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


def words(text: str, stem: bool = False) -> list[str]:
    """Content words of a text in order, lower case, stopwords and numbers dropped."""
    stop = stopwords()
    found = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop and not w.isdigit()]
    return [_stem(w) for w in found] if stem else found


def counts(found: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for w in found:
        out[w] = out.get(w, 0) + 1
    return out


_HASH: dict[str, int] = {}


def _word_hash(word: str) -> int:
    h = _HASH.get(word)
    if h is None:
        h = _HASH[word] = zlib.crc32(word.encode())
    return h


def shingles(found: list[str], sample: int = SHINGLE_SAMPLE) -> np.ndarray:
    """Hashes of every three consecutive words, one in ``sample`` kept (uint64, unsorted, may repeat)."""
    if len(found) < 3:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(map(_word_hash, found), dtype=np.uint64, count=len(found))
    with np.errstate(over="ignore"):
        mixed = (h[:-2] * np.uint64(0x9E3779B97F4A7C15) + h[1:-1]) * np.uint64(0xC2B2AE3D27D4EB4F) + h[2:]
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    mixed &= np.uint64((1 << 53) - 1)  # exact in JSON and in float64
    return mixed[mixed % np.uint64(sample) == 0] if sample > 1 else mixed


def terms(text: ArticleText, stem: bool = False) -> Terms:
    """Term counts by field and the sampled shingles of one article."""
    title, highlight, lead, body = (words(t or "", stem) for t in text)
    plain_lead, plain_body = (lead, body) if not stem else (words(text.lead or ""), words(text.body or ""))
    lead_all = shingles(plain_lead, 1)
    sampled = lead_all[lead_all % np.uint64(SHINGLE_SAMPLE) == 0]
    found = np.unique(np.concatenate((sampled, shingles(plain_body))))
    return Terms((counts(title), counts(highlight), counts(lead), counts(body)), tuple(found.tolist()),
                 tuple(np.unique(lead_all).tolist()))
