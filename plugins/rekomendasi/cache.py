"""Per-article terms cached by content hash in Pelican's CACHE_PATH.

Between two builds most articles do not change. The key hashes what the
terms depend on (the four text fields, the tokeniser settings and the
stopword list), never file times, so a fresh CI checkout still hits the
cache, and an edit re-tokenises one article.

The file is untrusted input: JSON (no code runs on reading it), a first line
naming the format, then the SHA-256 of the data, so a damaged file is never
half-read; and every entry is checked for its shape before use, so even a
well-formed file with wrong content only costs a re-tokenising of those
articles. The data is the words once (``words``, space-separated) and each
entry's arrays as base64 of their little-endian bytes: at 10,000 articles
writing numbers as JSON text took 0.5 s a cold build, this takes 0.3 s, and
reading it back half as long.
"""

from __future__ import annotations

import binascii
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from . import tokenize
from .tokenize import ArticleText, Terms

logger = logging.getLogger(__name__)

FILE_NAME = "rekomendasi-terms.json"
VERSION = 5  # bump when the tokeniser's output or this file's layout changes (5: words once, arrays as base64)
FORMAT = f"rekomendasi-terms {VERSION}\n".encode()
_ARRAYS = ("<u4", "<i4", None, "<u8", "<u8")  # the byte layout of each part of an entry (None: the ends, a list)


def _encoded(values: np.ndarray, dtype: str) -> str:
    return binascii.b2a_base64(np.ascontiguousarray(values, dtype=dtype).tobytes(), newline=False).decode("ascii")


def _decoded(text, dtype: str) -> np.ndarray | None:
    """The array written by ``_encoded``, or None when TEXT is no such thing."""
    if not isinstance(text, str):
        return None
    try:
        raw = binascii.a2b_base64(text, strict_mode=True)
    except (binascii.Error, ValueError):  # not base64, or not ASCII
        return None
    size = np.dtype(dtype).itemsize
    return np.frombuffer(raw, dtype=dtype).astype(dtype[1:]) if len(raw) % size == 0 else None


def _valid(entry, numbers: np.ndarray) -> Terms | None:
    """The entry as Terms, or None when it does not have the shape this class writes:
    [word numbers of the file's word list, their counts, the ends of the fields, shingles,
    lead shingles], each array little-endian in base64 (ends a list); NUMBERS are the file's
    words as this process numbers them."""
    if not (isinstance(entry, list) and len(entry) == len(_ARRAYS)):
        return None
    ids, counts, ends, shingles, lead = (part if dtype is None else _decoded(part, dtype)
                                         for part, dtype in zip(entry, _ARRAYS, strict=True))
    if ids is None or counts is None or shingles is None or lead is None or not isinstance(ends, list):
        return None
    if not (len(ids) == len(counts) and (not len(ids) or (ids.max() < len(numbers) and counts.min() > 0))
            and len(ends) == len(tokenize.FIELDS) and all(type(e) is int for e in ends)
            and ends == sorted(ends) and ends[0] >= 0 and ends[-1] == len(ids)):
        return None
    if any(len(h) and h.max() >= 2 ** 53 for h in (shingles, lead)):
        return None
    return Terms(numbers[ids], counts, tuple(ends), shingles, lead)


class TermCache:
    """Loads once, hands out terms, tokenises only on a miss, saves once."""

    def __init__(self, cache_path: str | os.PathLike | None, stem: bool = False, load: bool = True):
        self.file = Path(cache_path) / FILE_NAME if cache_path else None
        self._salt = repr((VERSION, stem, sorted(tokenize.stopwords()))).encode()
        self._numbers = np.zeros(0, dtype=np.int32)  # the file's words, as this process numbers them
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
        found = data.get("words") if isinstance(data, dict) else None
        found = found.split(" ") if isinstance(found, str) and found else [] if found == "" else None
        if found is None or not all(found) or not isinstance(data.get("terms"), dict):
            self._damaged("isinya bukan daftar istilah")
            return {}
        self._numbers = tokenize.numbers(found)
        return data["terms"]

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
                found = _valid(self._old.get(key), self._numbers)
                if found is None:
                    missing[key] = text
                else:
                    self._used[key] = found
        self._used.update(zip(missing, tokenize.terms_of_many(list(missing.values()), stem), strict=True))
        self.tokenised += len(missing)
        return [self._used[key] for key in keys]

    def release(self) -> None:
        """Forget the entries (after ``save``): the engine holds the terms it needs."""
        self._old, self._used, self._numbers = {}, {}, np.zeros(0, dtype=np.int32)
        self._saved = True

    def _payload(self) -> dict:
        """The file's words once, in order of first use (so the file does not depend on how this process
        numbered them), and every entry's arrays as base64 of their bytes: no number is written as text."""
        entries = list(self._used.values())
        every = np.concatenate([t.ids for t in entries] or [np.zeros(0, dtype=np.int32)])
        used, first, local = np.unique(every, return_index=True, return_inverse=True)
        by_first = np.argsort(first, kind="stable")
        renumber = np.empty(len(used), dtype=np.int64)
        renumber[by_first] = np.arange(len(used))
        local = renumber[local.ravel()]
        bounds = np.cumsum([0] + [len(t.ids) for t in entries]).tolist()
        terms = {key: [_encoded(local[a:b], "<u4"), _encoded(t.counts, "<i4"), list(t.ends),
                       _encoded(t.shingles, "<u8"), _encoded(t.lead, "<u8")]
                 for key, t, a, b in zip(self._used, entries, bounds[:-1], bounds[1:], strict=True)}
        word = tokenize.words_by_number().__getitem__
        return {"words": " ".join(map(word, used[by_first].tolist())), "terms": terms}

    def save(self) -> None:
        """Write the entries of this build only, so deleted articles leave the cache."""
        if self.file is None or self._saved or (
                not self.tokenised and self._used.keys() == self._old.keys()):
            return
        payload = json.dumps(self._payload(), ensure_ascii=False, separators=(",", ":")).encode()
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
