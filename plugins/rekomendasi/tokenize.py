"""Indonesian words of an article: the terms the engine compares.

An article's terms are counted from its title (each title word counts
``title_weight`` times, headlines name the matter) and the text of its
Body's blocks (``newsroom.body``). The dateline ("PRAYA –") and the "Baca
juga" lines are not in that text (they are edits and inserts, kept apart):
they are the same on many articles and would link them for no reason. Stopwords are the Tala
list plus portal words (``stopwords-id.txt`` names its source). Stemming with
PySastrawi is optional; each distinct word is stemmed once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import filterfalse
from pathlib import Path

from . import forked

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Fast path of _WORD for the common case: in the UTF-8 bytes of lower-case
# text, every ASCII byte that is not a-z, 0-9 or "-" separates words, so one
# bytes.translate + split cuts the text where _WORD would; only a piece with a
# hyphen or a non-ASCII character goes through _WORD itself (same words, same
# order of first occurrence, about twice as fast as findall on the whole text).
_KEPT = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789-") | frozenset(range(128, 256))
_SEPARATE = bytes(c if c in _KEPT else 32 for c in range(256))
# Pieces without a word, common in news text (quotes, dashes, a lone hyphen
# between spaces), in UTF-8: spaces in their place give the same words of
# _WORD, and most articles are then whole ASCII words that _counts takes as
# they are, without its per-word checks.
_MARKS = tuple(mark.encode() for mark in "\u201c\u201d\u2018\u2019\u2013\u2014")
_LONE_HYPHEN = b" - "
# Of a large batch, the share tokenised here; a forked helper takes the rest,
# the smaller part, as this process also reads back what the helper returns.
OWN_SHARE = 0.53


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def _dropped() -> frozenset[str]:
    """Pieces that never give a term: stopwords, and any single ASCII character."""
    return stopwords() | frozenset(chr(c) for c in range(128))


class Stemmer:
    """PySastrawi behind a per-word memo: Sastrawi is slow per call, words repeat."""

    def __init__(self):
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # imported only when stemming is on

        self._stem = StemmerFactory().create_stemmer().stem
        self._memo: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._memo.get(word)
        if stem is None:
            stem = self._memo[word] = self._stem(word) or word
        return stem


_STEMMER: Stemmer | None = None


def stemmer() -> Stemmer:
    global _STEMMER
    if _STEMMER is None:
        _STEMMER = Stemmer()
    return _STEMMER


def words(text: str, stem: bool = False) -> list[str]:
    """Content words of a text in order, lower case, stopwords and numbers dropped."""
    stop = stopwords()
    found = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop and not w.isdigit()]
    if stem:
        s = stemmer()
        found = [s(w) for w in found]
    return found


def _cut(text: str) -> bytes:
    """The lower-case text as UTF-8 with every separator a space (see _SEPARATE, _MARKS)."""
    cut = text.lower().encode().translate(_SEPARATE)
    if not cut.isascii():
        for mark in _MARKS:
            cut = cut.replace(mark, b" ")
    # twice: in " - - " (a common dateline) the first pass takes one of the two
    return cut.replace(_LONE_HYPHEN, b"   ").replace(_LONE_HYPHEN, b"   ")


def _whole_words(cut: bytes) -> bool:
    """Whether every piece of ``cut`` is one whole word of _WORD: ASCII
    letters and digits, joined by single hyphens inside the piece."""
    return (cut.isascii() and b"--" not in cut and b" -" not in cut and b"- " not in cut
            and not cut.startswith(b"-") and not cut.endswith(b"-"))


def _counts(text: str, stem: bool) -> dict[str, int]:
    """Counts of content words; filters distinct words, not every occurrence."""
    stop = stopwords()
    cut = _cut(text)
    # stopwords and one-character pieces go before counting, in C (each
    # stopword is one whole word of _WORD, so dropping the piece is the same)
    raw = Counter(filterfalse(_dropped().__contains__, cut.decode().split()))
    if _whole_words(cut):  # most articles: only numbers are left to drop, in C
        kept = dict(raw)
        for number in list(filter(str.isdigit, kept)):
            del kept[number]
        return _stemmed(kept) if stem else kept
    kept = {}
    for piece, count in raw.items():
        if piece.isascii() and piece.isalnum():  # a whole word of _WORD, not a stopword, 2+ characters
            if not piece.isdigit():
                kept[piece] = kept.get(piece, 0) + count
            continue
        for w in _WORD.findall(piece):  # "covid-19", "–", "“kata": _WORD decides
            if len(w) > 1 and w not in stop and not w.isdigit():
                kept[w] = kept.get(w, 0) + count
    return _stemmed(kept) if stem else kept


def _stemmed(counts: dict[str, int]) -> dict[str, int]:
    s = stemmer()
    merged: dict[str, int] = {}
    for word, count in counts.items():
        root = s(word)
        merged[root] = merged.get(root, 0) + count
    return merged


def terms(title: str, text: str, title_weight: int = 2, stem: bool = False) -> dict[str, int]:
    """Term counts of one article (its title and its plain text); a title
    word counts ``title_weight`` times."""
    counts = _counts(text or "", stem)
    for word, count in _counts(title or "", stem).items():
        counts[word] = counts.get(word, 0) + count * title_weight
    return counts


def terms_of_many(articles: list[tuple[str, str]], title_weight: int = 2, stem: bool = False,
                  helper: bool = True) -> list[dict[str, int]]:
    """Term counts of many (title, plain text) articles, in order; with ``helper``
    a large batch is shared with a forked helper on the second core (same
    counts, same order)."""
    def tokenised(part: list[tuple[str, str]]) -> list[dict[str, int]]:
        return [terms(title, body, title_weight, stem) for title, body in part]

    split = int(len(articles) * OWN_SHARE)
    theirs, own = forked.alongside(lambda: tokenised(articles[split:]), lambda: tokenised(articles[:split]),
                                   helper and forked.worth_it(len(articles)), plain=True)
    return own + theirs
