"""Indonesian words of an article: the terms the engine compares.

An article's terms are counted from its title (each title word counts
``title_weight`` times, headlines name the matter) and its body text. The
dateline ("PRAYA –") and any "Baca juga" line are left out: they are the same
on many articles and would link them for no reason. Stopwords are the Tala
list plus portal words (``stopwords-id.txt`` names its source). Stemming with
PySastrawi is optional; each distinct word is stemmed once per process.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import cache
from pathlib import Path

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")

_SKIPPED = re.compile(r'<span class="dateline">.*?</span>|<p class="baca-juga"[^>]*>.*?</p>', re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


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


def plain_text(markup: str) -> str:
    """The reader's text of an article body: no tags, dateline or Baca juga lines."""
    return html.unescape(_TAG.sub(" ", _SKIPPED.sub(" ", markup or "")))


def words(text: str, stem: bool = False) -> list[str]:
    """Content words of a text in order, lower case, stopwords and numbers dropped."""
    stop = stopwords()
    found = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop and not w.isdigit()]
    if stem:
        s = stemmer()
        found = [s(w) for w in found]
    return found


def _counts(text: str, stem: bool) -> dict[str, int]:
    """Counts of content words; filters distinct words, not every occurrence."""
    stop = stopwords()
    raw = Counter(_WORD.findall(text.lower()))
    kept = {w: c for w, c in raw.items() if len(w) > 1 and w not in stop and not w.isdigit()}
    if not stem:
        return kept
    s = stemmer()
    merged: dict[str, int] = {}
    for word, count in kept.items():
        root = s(word)
        merged[root] = merged.get(root, 0) + count
    return merged


def terms(title: str, body_html: str, title_weight: int = 2, stem: bool = False) -> dict[str, int]:
    """Term counts of one article; a title word counts ``title_weight`` times."""
    counts = _counts(plain_text(body_html), stem)
    for word, count in _counts(html.unescape(_TAG.sub(" ", title or "")), stem).items():
        counts[word] = counts.get(word, 0) + count * title_weight
    return counts
