"""Per-article terms cached by content hash in Pelican's CACHE_PATH.

Between two builds most articles do not change. The key hashes what the
terms depend on (the four text fields, the tokeniser settings and the
stopword list), never file times, so a fresh CI checkout still hits the
cache, and an edit re-tokenises one article.

The file is untrusted input, and nothing in it is code: a first line naming
the format, the SHA-256 of the data (a damaged file is never half-read),
then the data: a JSON header (the words once as a list, in order of first
use, the entries' keys, the counts) and the entries' arrays back to back as
little-endian numbers (each entry's lengths and field ends, then every
entry's word numbers, counts, shingles and lead shingles). Every entry is
checked for its shape before use (vectorised: its ends in order and
matching its words, its word numbers within the words, counts over 0,
shingles within 53 bits), so a well-formed file with wrong content only
costs a re-tokenising of those articles. At 10,000 articles the JSON and
base64 of format 5 took 0.4-0.6 s to write and 0.5 s to read back and
check; these arrays take a fraction of that (docs/benchmarks/2026-12-07-night.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from pathlib import Path

import numpy as np

from . import tokenize
from .tokenize import ArticleText, Terms

logger = logging.getLogger(__name__)

FILE_NAME = "rekomendasi-terms.bin"
LEGACY_NAMES = ("rekomendasi-terms.json",)  # format 5 and before: removed when this file is written
VERSION = 6  # bump when the tokeniser's output or this file's layout changes (6: arrays back to back)
FORMAT = f"rekomendasi-terms {VERSION}\n".encode()
_KEY = re.compile(r"[0-9a-f]*")
_SHINGLE_LIMIT = np.uint64(2 ** 53)
# the arrays after the header, in order: (name, dtype, the header's count, numbers per counted item)
_LAYOUT = (("lengths", "<u4", "entries", 3), ("ends", "<u4", "entries", 4), ("ids", "<u4", "ids", 1),
           ("counts", "<i4", "ids", 1), ("shingles", "<u8", "shingles", 1), ("leads", "<u8", "leads", 1))


class Damaged(ValueError):
    """The file's data is not what this class writes (the reason is in Indonesian, for the warning)."""


def decode(payload: bytes | bytearray | memoryview) -> dict[str, Terms]:
    """The entries of a payload (the data after the format line and the SHA-256) whose shape is
    right, by key; raises Damaged when the payload as a whole is not this format."""
    if len(payload) < 8:
        raise Damaged("isinya terpotong")
    size = int.from_bytes(payload[:8], "little")
    try:
        header = json.loads(bytes(payload[8:8 + size]).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Damaged("kepalanya bukan JSON") from None
    counts = ("entries", "ids", "shingles", "leads")
    if not (isinstance(header, dict) and all(type(header.get(n)) is int and header[n] >= 0 for n in counts)
            and isinstance(header.get("words"), list) and isinstance(header.get("keys"), str)):
        raise Damaged("kepalanya tidak lengkap")
    entries, keys_text = header["entries"], header["keys"]
    words = header["words"]  # a list: a stem may hold a space (Sastrawi makes "na ve" of "naïve")
    if len(keys_text) != 64 * entries or not _KEY.fullmatch(keys_text) or not all(
            isinstance(w, str) and w for w in words):
        raise Damaged("kunci atau daftar katanya rusak")
    arrays, at = {}, 8 + size
    for name, dtype, counted, per in _LAYOUT:
        count = header[counted] * per
        width = count * np.dtype(dtype).itemsize
        if at + width > len(payload):
            raise Damaged("isinya terpotong")
        arrays[name] = np.frombuffer(payload, dtype=dtype, count=count, offset=at)
        at += width
    if at != len(payload):
        raise Damaged("ada data lebih di ujungnya")
    lengths = arrays["lengths"].reshape(entries, 3).astype(np.int64)
    ends = arrays["ends"].reshape(entries, 4).astype(np.int64)
    if (lengths[:, 0].sum(), lengths[:, 1].sum(), lengths[:, 2].sum()) != (
            header["ids"], header["shingles"], header["leads"]):
        raise Damaged("panjang entrinya tidak cocok")
    ids, term_counts = arrays["ids"], arrays["counts"]
    # each entry's shape, all at once: an entry with any fault is left out (re-tokenised)
    bad = (np.diff(ends, axis=1) < 0).any(axis=1) | (ends[:, 3] != lengths[:, 0])

    def faulty(values: np.ndarray, column: int) -> np.ndarray:
        return np.bincount(np.repeat(np.arange(entries), lengths[:, column])[values], minlength=entries) > 0

    if entries:
        bad |= faulty((ids >= len(words)) | (term_counts <= 0), 0)
        bad |= faulty(arrays["shingles"] >= _SHINGLE_LIMIT, 1)
        bad |= faulty(arrays["leads"] >= _SHINGLE_LIMIT, 2)
    numbers = tokenize.numbers(words)
    # the arrays in the tokeniser's types, once (each entry's are views of them)
    mapped = numbers[np.minimum(ids, max(len(words) - 1, 0))] if len(words) else np.zeros(len(ids), np.int32)
    term_counts, shingles, leads = (term_counts.astype(np.int32), arrays["shingles"].astype(np.uint64),
                                    arrays["leads"].astype(np.uint64))
    starts = np.zeros((entries + 1, 3), dtype=np.int64)
    np.cumsum(lengths, axis=0, out=starts[1:])
    found = {}
    first, field_ends = starts.tolist(), ends.tolist()
    for k, key_start in enumerate(range(0, 64 * entries, 64)):
        if bad[k]:
            continue
        (word_at, shingle_at, lead_at), (word_end, shingle_end, lead_end) = first[k], first[k + 1]
        found[keys_text[key_start:key_start + 64]] = Terms(
            mapped[word_at:word_end], term_counts[word_at:word_end], tuple(field_ends[k]),
            shingles[shingle_at:shingle_end], leads[lead_at:lead_end])
    return found


def encode(entries: dict[str, Terms]) -> list[bytes]:
    """The payload of ENTRIES (key -> Terms), in pieces: the words once, in order of first use
    (so the file does not depend on how this process numbered them), and the arrays."""
    terms = list(entries.values())
    every = np.concatenate([t.ids for t in terms] or [np.zeros(0, dtype=np.int32)])
    used, first, local = np.unique(every, return_index=True, return_inverse=True)
    by_first = np.argsort(first, kind="stable")
    renumber = np.empty(len(used), dtype=np.int64)
    renumber[by_first] = np.arange(len(used))
    word = tokenize.words_by_number().__getitem__

    def joined(parts, dtype) -> bytes:
        return np.concatenate([np.asarray(p, dtype=dtype) for p in parts] or [np.zeros(0, dtype)]).tobytes()

    lengths = np.array([(len(t.ids), len(t.shingles), len(t.lead)) for t in terms], dtype="<u4").reshape(-1, 3)
    header = {"words": list(map(word, used[by_first].tolist())), "keys": "".join(entries),
              "entries": len(terms), "ids": int(lengths[:, 0].sum()), "shingles": int(lengths[:, 1].sum()),
              "leads": int(lengths[:, 2].sum())}
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    return [len(head).to_bytes(8, "little"), head, lengths.tobytes(),
            np.array([t.ends for t in terms], dtype="<u4").tobytes(),
            renumber[local.ravel()].astype("<u4").tobytes(), joined((t.counts for t in terms), "<i4"),
            joined((t.shingles for t in terms), "<u8"), joined((t.lead for t in terms), "<u8")]


class TermCache:
    """Loads once, hands out terms, tokenises only on a miss, saves once."""

    def __init__(self, cache_path: str | os.PathLike | None, stem: bool = False, load: bool = True):
        self.file = Path(cache_path) / FILE_NAME if cache_path else None
        self._salt = repr((VERSION, stem, sorted(tokenize.stopwords()))).encode()
        self._old: dict[str, Terms] = self._read() if load else {}
        self._used: dict[str, Terms] = {}
        self.tokenised = 0  # articles tokenised in this build (cache misses)
        self._saved = False

    def _read(self) -> dict[str, Terms]:
        """The cached entries whose shape is right, or {} when the file is missing, foreign or damaged."""
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
        digest, payload = raw[len(FORMAT):len(FORMAT) + 32], memoryview(raw)[len(FORMAT) + 32:]
        if hashlib.sha256(payload).digest() != digest:
            self._damaged("isinya tidak cocok dengan SHA-256-nya (terpotong atau berubah)")
            return {}
        try:
            return decode(payload)
        except Damaged as exc:
            self._damaged(str(exc))
            return {}

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
                found = self._old.get(key)
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
        pieces = encode(self._used)
        digest = hashlib.sha256()
        for piece in pieces:
            digest.update(piece)
        self._saved = True
        temporary = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as handle:
                temporary = handle.name
                for piece in (FORMAT, digest.digest(), *pieces):  # no joined copy of the data
                    handle.write(piece)
            os.replace(temporary, self.file)
        except OSError as exc:  # a full disk: the next build tokenises again, this one goes on
            logger.warning("rekomendasi: cache %s tidak bisa disimpan (%s); build berikutnya menokenisasi ulang",
                           self.file, exc)
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            return
        for legacy in LEGACY_NAMES:
            try:
                (self.file.parent / legacy).unlink(missing_ok=True)
            except OSError:  # not ours to force (a folder by that name): it is never read
                pass
