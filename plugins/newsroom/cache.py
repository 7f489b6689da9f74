"""Pelican's content cache made safe to lose: verified on load, written atomically.

Pelican 4.12 (``pelican/cache.py``) pickles its reader cache straight into
CACHE_PATH. A build killed while it writes leaves a 0-byte or truncated file,
and its loader lets the ``EOFError`` (and most of what a damaged pickle
raises) escape, so every later build fails until the file is deleted by hand.
Pelican has no hook for this: loading happens inline in
``FileDataCacher.__init__``. So ``install()`` (called from the plugin's
``register()``, before any generator exists, and so also for a plain
``pelican content``) wraps that class's loader and ``save_cache``:

- a cache file starts with ``HEADER`` and the SHA-256 of the pickle that
  follows (through gzip when GZIP_CACHE is on, as Pelican does, but at the
  quickest level);
- it is written to a temporary file in the same folder, then renamed over
  the old one, so a killed build leaves the previous cache or the new one;
- a file that fails any check (unreadable, bad gzip, wrong header, wrong
  hash, a pickle that does not load, not a dict of (stamp, data) pairs) is
  dropped with a warning, and the build reads the content files again.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import logging
import os
import pickle
import secrets
import zlib
from pathlib import Path

from pelican import cache as pelican_cache

logger = logging.getLogger(__name__)

HEADER = b"newsroom pelican-cache 1 pickle sha256\n"
_DIGEST = 32  # bytes of a SHA-256
_ORIGINAL_INIT = "_newsroom_pelican_init"  # where install() keeps Pelican's own __init__


class CacheDamaged(Exception):
    """Why a cache file cannot be trusted (Indonesian, for the warning)."""


def write_atomically(path: str | os.PathLike, data: bytes, opener=open) -> None:
    """Write DATA to PATH through OPENER so PATH is always the old or the new file.

    No fsync: after a power cut the renamed file may be empty, and every
    reader of a cache verifies what it reads, so that costs a rebuild only.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not mkstemp: its file is private (0600); this one gets the umask's mode, as the cache had.
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        with opener(temporary, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def encode(cache: dict) -> bytes:
    payload = pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER + hashlib.sha256(payload).digest() + payload


def decode(raw: bytes) -> dict:
    """The cache dict held by RAW; CacheDamaged if any check fails."""
    if not raw:
        raise CacheDamaged("berkas kosong (0 byte)")
    if not raw.startswith(HEADER):
        raise CacheDamaged("bukan format cache ini")
    digest, payload = raw[len(HEADER):len(HEADER) + _DIGEST], raw[len(HEADER) + _DIGEST:]
    if hashlib.sha256(payload).digest() != digest:
        raise CacheDamaged("isinya tidak cocok dengan SHA-256-nya (terpotong atau berubah)")
    try:
        data = pickle.loads(payload)  # noqa: S301 -- our own file, its hash just checked
    except Exception as exc:  # a class renamed since it was written, and the like
        raise CacheDamaged(f"tidak bisa dibuka ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, tuple) and len(v) == 2 for v in data.values()):
        raise CacheDamaged("isinya bukan daftar (stempel, data)")
    return data


def load(path: str | os.PathLike, opener=open) -> dict:
    """The cache at PATH, or {} (with a warning when a file was there but damaged)."""
    try:
        with opener(path, "rb") as handle:
            raw = handle.read()
        return decode(raw)
    except FileNotFoundError:
        return {}  # the first build
    except (CacheDamaged, OSError, EOFError, zlib.error) as exc:
        reason = _reason(exc)
        logger.warning("cache Pelican %s rusak atau tidak terbaca (%s); cache ini dibuang dan dibangun ulang "
                       "dari konten", path, reason)
        try:
            Path(path).unlink(missing_ok=True)
        except OSError:
            pass  # a read-only cache: the next save will say so
        return {}


def _reason(exc: Exception) -> str:
    if isinstance(exc, CacheDamaged):
        return str(exc)
    if isinstance(exc, EOFError):  # gzip stream cut short
        return "terpotong"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return "bukan berkas gzip yang utuh"
    return f"tidak bisa dibaca: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)


def _init(self, settings, cache_name, caching_policy, load_policy):
    pelican_init = getattr(pelican_cache.FileDataCacher, _ORIGINAL_INIT)
    pelican_init(self, settings, cache_name, caching_policy, False)  # Pelican never loads by itself
    if load_policy:
        self._cache = load(self._cache_path, self._cache_open)


def _save_cache(self):
    """Pelican's save_cache, verified and atomic."""
    if not self._cache_data_policy:
        return
    try:
        write_atomically(self._cache_path, encode(self._cache), _quick(self._cache_open))
    except Exception as exc:  # unpicklable data, a full or read-only disk: the build goes on uncached
        logger.warning("cache Pelican %s tidak bisa disimpan (%s); build berikutnya membaca ulang semua berkas",
                       self._cache_path, exc)


def _quick(opener):
    """GZIP_CACHE's gzip at level 1, not gzip.open's 9: at 10,000 articles 0.4 s, not 1.7 s, for a file
    a sixth larger (12 MB, not 10.5); it is read as fast."""
    return functools.partial(gzip.open, compresslevel=1) if opener is gzip.open else opener


_ORIGINAL_STAMP = "_newsroom_pelican_stamp"  # where install() keeps Pelican's own _get_file_stamp


def _stamp_once(self, filename):
    """A file's stamp, hashed once per cache object (one build): Pelican asks for it five
    times a file (each cache's look-up and store), reading and hashing the whole file each
    time (0.5 s at 10,000 articles). The first answer is taken before the file is read, so
    an edit made during the build is stored as changed and is read again next time."""
    stamps = self.__dict__.setdefault("_newsroom_stamps", {})
    stamp = stamps.get(filename)
    if stamp is None:
        stamp = stamps[filename] = getattr(pelican_cache.FileStampDataCacher, _ORIGINAL_STAMP)(self, filename)
    return stamp


def install() -> None:
    """Wrap Pelican's FileDataCacher once per process (every cache Pelican keeps inherits it)."""
    cls = pelican_cache.FileDataCacher
    if hasattr(cls, _ORIGINAL_INIT):
        return
    setattr(cls, _ORIGINAL_INIT, cls.__init__)
    cls.__init__ = _init
    cls.save_cache = _save_cache
    stamped = pelican_cache.FileStampDataCacher
    setattr(stamped, _ORIGINAL_STAMP, stamped._get_file_stamp)
    stamped._get_file_stamp = _stamp_once
