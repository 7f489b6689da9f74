"""Give the memory a build stage freed back to the system before the next.

At 10,000 articles the build process held about 100 MiB it had already
freed: the large temporaries of reading (the reader cache's pickle) and of
plugins/rekomendasi (its arrays) come from glibc's malloc, which, once it
has given one large block back, serves every later block below that size
from its heap, and a heap returns only its free top to the system. The next
stages reused part of that memory and grew past the rest, so the peak
depended on where the pieces happened to fall.

``install`` keeps blocks of ``LARGE`` bytes and more out of the heap (each
is mapped and unmapped on its own, as glibc does before its first large
free), and ``settle`` (``malloc_trim``) hands every free page back between
the stages: after the articles' (reading, rekomendasi), before writing,
before the search index. With another C library, nothing happens.

The cyclic garbage collector is the other cost of a large heap: at 10,000
articles the build holds about 800,000 tracked objects, nearly all of them
alive until the end (articles, their metadata and Bodies, page data), and
each full collection walks them all to find nothing: 10-11 full collections,
1.5-2.1 s of a 30 s cold build. ``freeze`` moves the objects alive at a
stage's end out of the collector's sight (``gc.freeze``: later collections
walk only what is newer); objects that die are still freed by their
reference counts, and ``thaw`` gives them all back to the collector, and
collects the garbage among them, when the next build starts in the same
process (livereload, the tests). Not when a build ends: a build in its own
process would pay a full walk for nothing.
Measured: docs/benchmarks/2026-12-08-gc-freeze.md.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

LARGE = 256 * 1024
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter; setting it also stops its sliding threshold
_libc = None
_looked = False


def _glibc():
    """The C library when it is glibc, else None."""
    global _libc, _looked
    if not _looked:
        _looked = True
        try:
            if sys.platform.startswith("linux") and os.confstr("CS_GNU_LIBC_VERSION"):
                _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        except (OSError, ValueError, AttributeError):
            _libc = None
    return _libc


def install() -> None:
    """Map large blocks on their own, for this process and the workers it forks."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE)


def settle(*_args, **_kwargs) -> None:
    """Give the pages of freed memory back to the system (a signal receiver: returns None)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


FREEZE_EVERY = 1000  # articles read between two freezes while reading
_read = 0


def freeze_as_read(*_args, **_kwargs) -> None:
    """Freeze every FREEZE_EVERY articles read: an article and its metadata live to the end, and
    without it the collector walks them all again several times while the rest are read."""
    global _read
    _read += 1
    if _read % FREEZE_EVERY == 0:
        gc.freeze()


def freeze(*_args, **_kwargs) -> None:
    """The objects alive now live to the end of the build: no collection walks them again
    (a signal receiver: returns None)."""
    gc.freeze()


def thaw(*_args, **_kwargs) -> None:
    """The last build's frozen objects are the collector's again, and what of them is garbage
    is collected now, before this build freezes anything (a signal receiver: returns None).
    Pelican's own memo of every article's content and summary (``memoized`` on the class, for
    the life of the process) is emptied first: it would keep every earlier build's articles."""
    global _read
    _read = 0
    for name in ("get_content", "get_summary"):
        memo = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(memo, dict):
            memo.clear()
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    if frozen:
        gc.collect()


def share_names(metadata: dict, shared: dict) -> None:
    """One rubrik, tag or author object per name in the build, not one per
    article that names it: METADATA's are replaced by those in SHARED (the
    build's, by class and name), or added to it.

    Objects of one class and one name are interchangeable: Pelican compares
    and hashes them by their slug, made from the name, and newsroom sets an
    author's slug from the registry by the name too.
    """
    for key in ("category", "tags", "author", "authors"):
        value = metadata.get(key)
        if isinstance(value, list):
            metadata[key] = [_shared(shared, item) for item in value]
        elif value is not None:
            metadata[key] = _shared(shared, value)


def _shared(shared: dict, item):
    if not isinstance(item, URLWrapper):
        return item
    return shared.setdefault((type(item), item.name), item)


def release_reader_cache(generator) -> None:
    """Let go of the articles' reader cache once Pelican has saved it (before
    ``article_generator_finalized``): nothing reads it again in this build,
    and it held a second metadata dict of every article through the build.
    Then hand the freed memory back, before plugins/rekomendasi runs."""
    readers = getattr(generator, "readers", None)
    if isinstance(getattr(readers, "_cache", None), dict):
        readers._cache = {}
    settle()
