"""Read the articles' Markdown on every core, before Pelican's own loop.

Pelican reads the files one after another in one process, and reading
(Markdown, the body policy, word counts) is a large share of a cold build,
independent per file. When the articles generator is made, the files it is
about to read that its reader cache does not hold are read by worker
processes with the same reader, and the results go into that cache; Pelican's
loop then takes them from there, as on a warm build. Only where the reading
runs changes: every problem the reader finds travels in the metadata (see
reader.py) and is reported by the main process, as for a cached file.

The workers are forked (they start at once, with the reader already
imported, and never run the caller's ``__main__`` again as spawned ones do),
and only from a process with no other thread: a fork copies no thread, so a
lock another thread held (logging's, say) would stay locked in the worker.
With threads running (livereload's server), the main process reads alone.

Anything unusual (one core, few files, no reader cache, a worker that cannot
start or a file it cannot read) leaves the reading to Pelican's loop, which
reports a broken file as usual.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

from pelican.readers import _filter_discardable_metadata
from pelican.urlwrappers import URLWrapper

from . import memory
from .reader import NewsroomMarkdownReader

logger = logging.getLogger(__name__)

SETTING = "NEWSROOM_READ_WORKERS"  # 0: one per core; 1: read in the main process only
MIN_FILES_PER_WORKER = 100  # below this a worker's start-up (about a second) costs more than it saves
CHUNK = 50  # files per task: settings pickled once per chunk, not once per file

_reader: NewsroomMarkdownReader | None = None


def _start_worker(settings) -> None:
    global _reader
    _reader = NewsroomMarkdownReader(settings)


def _read_chunk(paths: list[str]) -> list[tuple[str, object]]:
    """(path, (content, metadata)) per file; (path, None) for a file left to the main process."""
    done = []
    for path in paths:
        try:
            content, metadata = _reader.read(path)
            done.append((path, (content, _filter_discardable_metadata(metadata))))
        except Exception:  # noqa: BLE001 — the main process reads it again and reports the error
            done.append((path, None))
    return done


def fork_workers(wanted: int, jobs: int, per_worker: int) -> int:
    """How many forked workers JOBS deserve: one per core (or WANTED), each with
    at least PER_WORKER jobs, and 0 when fewer than two would run, or when this
    process has another thread (see the module docstring) or cannot fork.
    Public: plugins/gambar encodes photos ahead with the same rule."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = min(wanted or cores, jobs // max(per_worker, 1))
    if workers < 2 or threading.active_count() > 1 or "fork" not in get_all_start_methods():
        return 0
    return workers


def worker_count(settings, files: int) -> int:
    return fork_workers(int(settings.get(SETTING, 0) or 0), files, MIN_FILES_PER_WORKER)


def _own_settings(metadata: dict, settings, shared: dict) -> None:
    """Point the rubrik, tag and author objects at the build's settings (not a
    worker's copy), so the cache and memory hold one settings dict, and give
    the build one object per name (memory.share_names, SHARED: the build's)."""
    memory.share_names(metadata, shared)
    for value in metadata.values():
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, URLWrapper):
                item.settings = settings


def read_ahead(generator) -> None:
    """Fill GENERATOR's reader cache with its articles, read by worker processes."""
    settings, readers = generator.settings, generator.readers
    if not settings.get("CACHE_CONTENT") or settings.get("CONTENT_CACHING_LAYER") != "reader":
        return
    paths = []
    for relative in sorted(generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"])):
        path = os.path.abspath(os.path.join(generator.path, relative))
        extension = os.path.splitext(path)[1][1:].lower()
        if readers.reader_classes.get(extension) is NewsroomMarkdownReader and \
                readers.get_cached_data(path, (None, None))[0] is None:
            paths.append(path)
    workers = worker_count(settings, len(paths))
    if not workers:
        return
    chunks = [paths[start:start + CHUNK] for start in range(0, len(paths), CHUNK)]
    shared = {}
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_start_worker,
                                 initargs=(settings,)) as pool:
            for results in pool.map(_read_chunk, chunks):
                for path, data in results:
                    if data is not None:
                        _own_settings(data[1], settings, shared)
                        readers.cache_data(path, data)
    except Exception as failed:  # noqa: BLE001 — e.g. no worker could start: read them here, as Pelican does
        logger.debug("parallel reading off (%s); Pelican reads every file itself", failed)
