"""Per-article terms cached by content hash in Pelican's CACHE_PATH.

Between two builds most articles do not change. The key hashes what the
terms depend on (the four text fields, the tokeniser settings and the
stopword list), never file times, so a fresh CI checkout still hits the
cache, and an edit re-tokenises one article.

The file is untrusted input: JSON (no code runs on reading it), a first line
naming the format, then the SHA-256 of the data, so a damaged file is never
half-read; and every entry is checked for its shape before use, so even a
well-formed file with wrong content only costs a re-tokenising of those
articles.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from itertools import chain
from pathlib import Path

import numpy as np

from . import tokenize
from .tokenize import ArticleText, Terms

logger = logging.getLogger(__name__)

FILE_NAME = "rekomendasi-terms.json"
VERSION = 4  # bump when the tokeniser's output changes for the same input (4: counts as lists, not dicts)
FORMAT = f"rekomendasi-terms {VERSION}\n".encode()


def _valid(entry) -> Terms | None:
    """The entry as Terms, or None when it does not have the shape this class writes:
    [the words, joined by spaces (a word never holds one), their counts, the ends of the fields,
    shingles, lead shingles]."""
    if not (isinstance(entry, list) and len(entry) == 5 and isinstance(entry[0], str)
            and all(isinstance(part, list) for part in entry[1:])):
        return None
    joined, counts, ends, shingles, lead = entry
    found = joined.split(" ") if joined else []
    if not (len(found) == len(counts) and all(found)
            and all(type(c) is int and 0 < c < 2 ** 31 for c in counts)
            and len(ends) == len(tokenize.FIELDS) and all(type(e) is int for e in ends)
            and ends == sorted(ends) and ends[0] >= 0 and ends[-1] == len(found)):
        return None
    if not all(type(h) is int and 0 <= h < 2 ** 53 for h in chain(shingles, lead)):
        return None
    return Terms(tokenize.numbers(found), np.array(counts, dtype=np.int32), tuple(ends),
                 np.array(shingles, dtype=np.uint64), np.array(lead, dtype=np.uint64))


class TermCache:
    """Loads once, hands out terms, tokenises only on a miss, saves once."""

    def __init__(self, cache_path: str | os.PathLike | None, stem: bool = False, load: bool = True):
        self.file = Path(cache_path) / FILE_NAME if cache_path else None
        self._salt = repr((VERSION, stem, sorted(tokenize.stopwords()))).encode()
        self._old: dict = self._read() if load else {}
        self._used: dict[str, Terms] = {}
        self.tokenised = 0  # articles tokenised in this build (cache misses)
        self._saved = False

    def _read(self) -> dict:
        """The cached entries, or {} when the file is missing, foreign or damaged."""
        if self.file is None or not self.file.is_file():
            return {}
        try:
            raw = self.file.read_bytes()
        except OSError as exc:
            logger.warning("rekomendasi: cache %s tidak terbaca (%s); semua artikel ditokenisasi ulang", self.file, exc)
            return {}
        if not raw.startswith(FORMAT):
            if raw.startswith(b"rekomendasi-terms "):  # an older version of this cache
                logger.debug("rekomendasi: cache %s from another version; starting afresh", self.file)
            else:
                self._damaged("bukan format cache ini" if raw else "berkas kosong (0 byte)")
            return {}
        digest, payload = raw[len(FORMAT):len(FORMAT) + 32], raw[len(FORMAT) + 32:]
        if hashlib.sha256(payload).digest() != digest:
            self._damaged("isinya tidak cocok dengan SHA-256-nya (terpotong atau berubah)")
            return {}
        try:
            data = json.loads(payload)
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            self._damaged("isinya bukan daftar istilah")
            return {}
        return data

    def _damaged(self, reason: str) -> None:
        logger.warning("rekomendasi: cache %s rusak (%s); cache ini dibuang dan semua artikel ditokenisasi ulang",
                       self.file, reason)

    def key(self, text: ArticleText) -> str:
        digest = hashlib.sha256(self._salt)
        for part in text:
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def terms_of_all(self, texts: list[ArticleText], stem: bool) -> list[Terms]:
        """Terms of every article of this build, from the cache where it holds them."""
        keys = [self.key(text) for text in texts]
        missing: dict[str, ArticleText] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._used:
                found = _valid(self._old.get(key))
                if found is None:
                    missing[key] = text
                else:
                    self._used[key] = found
        self._used.update(zip(missing, tokenize.terms_of_many(list(missing.values()), stem), strict=True))
        self.tokenised += len(missing)
        return [self._used[key] for key in keys]

    def release(self) -> None:
        """Forget the entries (after ``save``): the engine holds the terms it needs."""
        self._old, self._used = {}, {}
        self._saved = True

    def save(self) -> None:
        """Write the entries of this build only, so deleted articles leave the cache."""
        if self.file is None or self._saved or (
                not self.tokenised and self._used.keys() == self._old.keys()):
            return
        word = tokenize.words_by_number().__getitem__
        payload = json.dumps({k: [" ".join(map(word, t.ids.tolist())), t.counts.tolist(), list(t.ends),
                                  t.shingles.tolist(), t.lead.tolist()] for k, t in self._used.items()},
                             ensure_ascii=False, separators=(",", ":")).encode()
        self._saved = True
        temporary = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as handle:
                temporary = handle.name
                for part in (FORMAT, hashlib.sha256(payload).digest(), payload):  # no joined copy of the payload
                    handle.write(part)
            os.replace(temporary, self.file)
        except OSError as exc:  # a full disk: the next build tokenises again, this one goes on
            logger.warning("rekomendasi: cache %s tidak bisa disimpan (%s); build berikutnya menokenisasi ulang",
                           self.file, exc)
            if temporary:
                Path(temporary).unlink(missing_ok=True)
