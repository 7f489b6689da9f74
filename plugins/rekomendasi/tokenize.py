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
from array import array
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")
FIELDS = ("title", "highlight", "lead", "body")
SHINGLE_SAMPLE = 4  # keep one shingle in four (by hash)
BATCH = 1000  # articles tokenised together (terms_of_many)

# A word: letters and digits, joined by single hyphens ("e-ktp", "covid-19", "3-4"), with the one hyphen
# that may follow it ("2026-"). The text's underscores are made "- " first, so a word never holds one
# and a number before one is a word ("foto_2026" gives "foto" and "2026"). A number standing alone
# ("2026", "17.") is dropped (``_Lookup``), one followed by a hyphen or an underscore is a word.
_WORD = re.compile(r"\w+(?:-\w+)*-?")


class ArticleText(NamedTuple):
    """An article's plain text by field."""

    title: str
    highlight: str
    lead: str
    body: str


class Terms(NamedTuple):
    """What the engine reads of one article: term counts by field, shingles.

    The counts are two int32 arrays, not a dict a field: ``ids`` are word
    numbers (``word_of``), each field's distinct words in the order they
    first occur, the fields in FIELDS order, ``ends`` where each field's
    entries end. At 10,000 articles the 40,000 dicts this replaces held
    an estimated 190 MB; these arrays hold about 10 MB."""

    ids: np.ndarray  # int32 word numbers, field after field
    counts: np.ndarray  # int32, how often each occurs in its field
    ends: tuple[int, ...]  # in FIELDS order: the end of each field's entries in ids and counts
    shingles: np.ndarray  # sampled 3-word shingle hashes of lead and body (uint64, sorted, distinct)
    lead: np.ndarray  # every 3-word shingle hash of the lead (uint64, sorted, distinct)

    @property
    def fields(self) -> tuple[dict[str, int], ...]:
        """The counts as one dict a field (for tests and reading; the engine reads the arrays)."""
        words, counts = [_WORDS[i] for i in self.ids.tolist()], self.counts.tolist()
        return tuple(dict(zip(words[a:b], counts[a:b], strict=True))
                     for a, b in zip((0, *self.ends[:-1]), self.ends, strict=True))


# Every word seen in this process, numbered once: terms hold numbers, not a string an entry. Only the
# arrays' content depends on the numbering, never a result: the engine orders its columns by the words'
# first occurrence in the site (engine.bm25f), as the dicts did.
class _Numbering(dict):
    def __init__(self):
        super().__init__()
        self.lookup = {False: _Lookup(self, False), True: _Lookup(self, True)}  # tokens to these numbers

    def __missing__(self, word: str) -> int:
        number = self[word] = len(_WORDS)
        _WORDS.append(word)
        _CRC.append(zlib.crc32(word.encode()))  # the same in every process, so cached shingles stay valid
        return number


class _Lookup(dict):
    """Each token ``_WORD`` finds, to its term's number (stemmed or not), or -1 when it gives no term:
    one dict lookup a token, the decision made once a distinct token."""

    def __init__(self, numbering: _Numbering, stem: bool):
        super().__init__()
        self.numbering, self.stem = numbering, stem

    def __missing__(self, token: str) -> int:
        word = token[:-1] if token.endswith("-") else token
        if word in _dropped() or (word is token and word.isdecimal()):
            number = -1
        else:
            number = self.numbering[_stem(word) if self.stem else word]
        self[token] = number
        return number


_WORDS: list[str] = []
_CRC = array("I")  # each word's CRC-32, by number
_NUMBER = _Numbering()
_IS_TERM = (0).__le__  # a token's number gives a term


def forget() -> None:
    """Let go of every word numbered so far and every token looked up (a build's rekomendasi is done with
    them; a long-lived process such as ``make serve`` would otherwise keep every word it ever saw)."""
    _WORDS.clear()
    del _CRC[:]
    _NUMBER.clear()
    for lookup in _NUMBER.lookup.values():
        lookup.clear()


def numbers(found: list[str]) -> np.ndarray:
    """The word numbers of a list of words (int32), numbering the new ones."""
    return np.fromiter(map(_NUMBER.__getitem__, found), dtype=np.int32, count=len(found))


def word_of(number: int) -> str:
    return _WORDS[number]


def words_by_number() -> list[str]:
    """Every word numbered so far, by number (read only)."""
    return _WORDS


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


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("_", "- "))


def words(text: str, stem: bool = False) -> list[str]:
    """Content words of a text in order, lower case; stopwords, one-letter words and numbers dropped."""
    return [_WORDS[n] for n in map(_NUMBER.lookup[stem].__getitem__, _tokens(text)) if n >= 0]


def _mix(ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every three consecutive words within each run (uint64, 53 bits), and the
    run each comes from: one pass over all the runs' words (their numbers, run after run) at once."""
    h = np.array(_CRC, dtype=np.uint64)[ids] if len(ids) else np.zeros(0, dtype=np.uint64)
    if len(h) < 3:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    with np.errstate(over="ignore"):
        mixed = (h[:-2] * np.uint64(0x9E3779B97F4A7C15) + h[1:-1]) * np.uint64(0xC2B2AE3D27D4EB4F) + h[2:]
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    run = np.repeat(np.arange(len(lengths)), lengths)
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


def _counted(ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each run's distinct word numbers in order of first occurrence, their counts, and the end of
    each run's entries: one sort over all the runs' words at once."""
    run = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    _, first, how_many = np.unique(run * (len(_WORDS) + 1) + ids, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")  # by position: runs in order, first occurrence first
    first, how_many = first[order], how_many[order]
    ends = np.searchsorted(run[first], np.arange(1, len(lengths) + 1))
    return ids[first].astype(np.int32), how_many.astype(np.int32), ends


def terms_of_many(texts: list[ArticleText], stem: bool = False) -> list[Terms]:
    """Term counts by field and the shingles of many articles, in order.

    Each field's words become numbers as they are read (no list of all the
    words is held), and a batch of articles is counted in one sort and its
    shingles hashed in one pass over one array (a run of three words never
    crosses from one article, or from the lead to the body, into the next).
    Batches of BATCH articles: each article's terms are its own, so the
    result is the same, and the arrays of every word of a large site
    (several, of 8 bytes a word) are never held at once."""
    if len(texts) <= BATCH:
        return _terms_of_batch(texts, stem)
    return [t for start in range(0, len(texts), BATCH) for t in _terms_of_batch(texts[start:start + BATCH], stem)]


def _terms_of_batch(texts: list[ArticleText], stem: bool) -> list[Terms]:
    fields, term, written = len(FIELDS), _NUMBER.lookup[stem].__getitem__, _NUMBER.lookup[False].__getitem__
    ids, lengths = array("i"), array("q")
    plain, plain_lengths = array("i"), array("q")  # stemming: the lead and body as written, for the shingles
    for text in texts:
        for n, part in enumerate(text):
            found, before = _tokens(part or ""), len(ids)
            ids.extend(filter(_IS_TERM, map(term, found)))  # -1: no term
            lengths.append(len(ids) - before)
            if stem and n >= 2:
                before = len(plain)
                plain.extend(filter(_IS_TERM, map(written, found)))
                plain_lengths.append(len(plain) - before)
    every_id = np.frombuffer(ids, dtype=np.int32).astype(np.int64)
    size = np.frombuffer(lengths, dtype=np.int64)
    del ids
    counted_ids, counted, ends = _counted(every_id, size)
    bounds = np.concatenate(([0], ends)).tolist()
    if stem:
        every, piece = _mix(np.frombuffer(plain, dtype=np.int32).astype(np.int64),
                            np.frombuffer(plain_lengths, dtype=np.int64))
    else:  # the lead and the body: fields 2 and 3
        field = np.repeat(np.tile(np.arange(fields), len(texts)), size)
        every, piece = _mix(every_id[field >= 2], size.reshape(-1, fields)[:, 2:].ravel())
    del every_id  # piece 2k: the lead of article k; 2k + 1: its body
    kept = every % np.uint64(SHINGLE_SAMPLE) == 0
    sampled = _distinct(every[kept], piece[kept] // 2, len(texts))
    is_lead = piece % 2 == 0
    leads = _distinct(every[is_lead], piece[is_lead] // 2, len(texts))
    out = []
    for k, (s, lead) in enumerate(zip(sampled, leads, strict=True)):
        start, stop = bounds[k * fields], bounds[(k + 1) * fields]
        out.append(Terms(counted_ids[start:stop], counted[start:stop],
                         tuple(b - start for b in bounds[k * fields + 1:(k + 1) * fields + 1]), s, lead))
    return out


def terms(text: ArticleText, stem: bool = False) -> Terms:
    """Term counts by field and the shingles of one article."""
    return terms_of_many([text], stem)[0]
