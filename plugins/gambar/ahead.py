"""Photos encoded ahead, on every core, before the pages that show them are written.

A cold build (a fresh CI cache, new photos) spends most of its image time
encoding renditions, one after another, while templates ask for them. Once
every article is read, the renditions the pages will certainly ask for (each
photo's lead and thumb, distribusi's social crops) are encoded by forked
workers into the cache; the build then finds them there, verified by their
sidecars as any cached rendition is. Only where the work runs changes: a
photo a worker cannot encode is left to the build, which reports it as usual.
"""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from newsroom.parallel import fork_workers

logger = logging.getLogger(__name__)

MIN_PHOTOS_PER_WORKER = 4  # below this a fork costs more than it saves

_maker = None  # in a worker only: the build's RenditionMaker, handed over by the fork


def _start(maker) -> None:
    global _maker
    _maker = maker


def _encode(jobs) -> int:
    """Each (source, preset) of one photo; how many renditions were encoded."""
    before = _maker.encoded
    for source, preset in jobs:
        try:
            _maker.picture(source, preset)
        except Exception:  # noqa: BLE001 — the build makes it again and reports the problem
            logger.debug("foto %s tidak dibuat lebih dulu", source)
    return _maker.encoded - before


def encode_ahead(maker, wanted: list[tuple[object, object]], workers: int = 0) -> int:
    """Encode WANTED (source, preset) renditions missing from MAKER's cache in
    forked workers, one photo per task; returns how many were encoded (0 when
    it does not pay, see newsroom.parallel.fork_workers)."""
    by_photo: dict[str, list] = {}
    for source, preset in dict.fromkeys(wanted):
        by_photo.setdefault(str(source), []).append((source, preset))
    count = fork_workers(workers, len(by_photo), MIN_PHOTOS_PER_WORKER)
    if not count:
        return 0
    try:  # forked: the maker reaches the workers as memory, never pickled
        with ProcessPoolExecutor(count, mp_context=get_context("fork"), initializer=_start,
                                 initargs=(maker,)) as pool:
            return sum(pool.map(_encode, sorted(by_photo.values(), key=lambda jobs: str(jobs[0][0]))))
    except Exception as failed:  # noqa: BLE001 — e.g. no worker could start: the build encodes them itself
        logger.debug("encoding ahead off (%s)", failed)
        return 0
