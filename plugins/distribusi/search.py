"""The static search index of ``/cari/``, built by Pagefind's binary from the
PyPI wheel ``pagefind-bin`` (nothing is downloaded at build or search time).

Pagefind is fed each published article's own text (title, Sorotan, photo
caption, body) as a record through its indexing service, not the written
pages: page furniture (share buttons, byline, lists) never reaches the index,
and no written HTML is read back. Each record also carries its rubrik as a
filter, its date and time as the ``date`` sort key (newest first on /cari/),
and the path of its card thumbnail as the ``image`` meta field. The records are split into shards, one
per year of publication in parts of at most ``SHARD_SIZE`` records
(``2026-1``, ``2026-2`` …); each shard is a Pagefind bundle of its own under
``output/pagefind/<shard>/``, listed newest first in
``output/pagefind/shards.json``, and the search page merges them with
Pagefind's ``mergeIndex``. One Pagefind process builds one shard, and the
records' text is made one shard at a time, so memory is bounded by the
shard's size, not the archive's.

A finished shard is kept in the cache under the hash of its records (and of
Pagefind's version and this module's format); a publish builds only the
shards whose records changed and links the others, after checking every
cached file against the list of hashes stored with it (a damaged shard is
built again). The index is written into the build's own output folder,
which ``portal.build`` swaps into place only after the whole build
succeeded: a failed index fails the build and the published site keeps its
old index.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from newsroom import body as article_body

from . import pagefind_shards
from .canonical import canonical_path
from .pagefind_bundle import VERSION
from .pagefind_shards import FORMAT  # noqa: F401 — the cache's format, named here as before

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"  # output/pagefind/: shards.json and one folder per shard
MANIFEST = "shards.json"
CACHE_DIR = "pagefind"  # under CACHE_PATH: one folder per finished shard, named by its key
SHARD_SIZE = 1000  # records per shard at most: about 250 MiB of Pagefind memory for 350-word articles
WORKERS = 2  # shards built at once: each its own Pagefind process, on its own core


class SearchIndexFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class IndexReport:
    command: list[str]
    log: str
    built: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()
    background: bool = False  # built beside the rendering (BackgroundIndex)


@dataclass(frozen=True)
class Record:
    """What the index knows of one article: plain text only."""

    url: str  # site-relative (/berita/…/); /cari/ puts the site's path in front (Pagefind's baseUrl)
    title: str
    text: str  # Sorotan, the photo's Keterangan_foto and the body text, after the title
    rubrik: str
    date: str  # ISO date of publication, YYYY-MM-DD
    published: str = ""  # its date and time (YYYY-MM-DDTHH:MM), the "date" sort key; DATE when empty
    image: str = ""  # site-relative path of the lead photo's thumbnail ("" without a photo)

    @property
    def sort_date(self) -> str:
        return self.published or self.date
    jenis: str = "Berita"  # the type filter of /cari/: Berita, Pengumuman or Agenda (plugins/papan)


# --- records ---------------------------------------------------------------------
# Text that is not the article's own: the "Baca juga" links rekomendasi places, comments (page markers).
def record_of(article, thumb=None) -> Record:
    """ARTICLE's record: its canonical URL (the view-all page of a split article);
    THUMB(article) gives the site-relative path of its thumbnail, or ""."""
    newsroom = getattr(article, "newsroom", None)
    highlight = newsroom.highlight if newsroom is not None else ""
    caption = newsroom.photo.caption if newsroom is not None and newsroom.photo is not None else ""
    body = " ".join(article_body.of(article).text.split())  # the article's own words: no dateline, no Baca juga
    return Record(url=f"/{canonical_path(article)}", title=str(article.title),
                  text=" ".join(part for part in (highlight, caption, body) if part), rubrik=str(article.category),
                  date=article.date.date().isoformat(), published=article.date.strftime("%Y-%m-%dT%H:%M"),
                  image=(thumb(article) or "") if thumb is not None else "")


class ArticleRecords(Sequence):
    """The records of the published articles in URL order, each made when asked for,
    so that only one shard's text is held at a time (``build_index``)."""

    def __init__(self, articles, thumb=None, extra=()):
        self._thumb = thumb
        published = [a for a in articles if a.status == "published"]
        # EXTRA: records of other content types, made by their plugin (plugins/papan), already plain text
        published += [Record(**fields) if isinstance(fields, dict) else fields for fields in extra]
        self._urls = [r.url if isinstance(r, Record) else f"/{canonical_path(r)}" for r in published]
        order = sorted(range(len(published)), key=self._urls.__getitem__)
        self._articles = [published[i] for i in order]
        self._urls = [self._urls[i] for i in order]

    def __len__(self) -> int:
        return len(self._articles)

    def __getitem__(self, number: int) -> Record:
        item = self._articles[number]
        return item if isinstance(item, Record) else record_of(item, self._thumb)

    def keys(self) -> list[tuple[str, str]]:
        """(url, date) of every record, without making their text."""
        return [(url, a.date if isinstance(a, Record) else a.date.date().isoformat())
                for url, a in zip(self._urls, self._articles, strict=True)]


def records_of(articles, thumb=None, extra=()) -> ArticleRecords:
    """The records of the published ARTICLES (hidden and draft ones never), and the
    EXTRA records of other content types, in URL order; THUMB(article) gives each
    article's thumbnail path (see ``record_of``)."""
    return ArticleRecords(articles, thumb, extra)


def _keys(records: Sequence[Record]) -> list[tuple[str, str]]:
    keys = getattr(records, "keys", None)
    return keys() if keys is not None else [(r.url, r.date) for r in records]


def shard_plan(records: Sequence[Record], size: int = SHARD_SIZE) -> dict[str, list[int]]:
    """The records (their numbers in RECORDS) of each shard, newest year first:
    ``YEAR-1``, ``YEAR-2`` … of SIZE records each, in URL order within the year, so an
    edit changes one shard and a new article only the last of its year."""
    if size < 1:
        raise ValueError("a shard holds at least one record")
    keys = _keys(records)
    order = sorted(range(len(keys)), key=lambda n: (-int(keys[n][1][:4]), keys[n][0]))
    plan: dict[str, list[int]] = {}
    for year, group in groupby(order, key=lambda n: keys[n][1][:4]):
        group = list(group)
        for part, start in enumerate(range(0, len(group), size), start=1):
            plan[f"{year}-{part}"] = group[start:start + size]
    return plan


def shards_of(records: Sequence[Record], size: int = SHARD_SIZE) -> dict[str, list[Record]]:
    """RECORDS by shard (see ``shard_plan``), all held at once: for tests and small sites."""
    return {name: [records[n] for n in numbers] for name, numbers in shard_plan(records, size).items()}


def row_of(record: Record) -> tuple[str, ...]:
    """RECORD as a shard row: its plain-text fields in ``pagefind_shards.FIELDS`` order."""
    return (record.url, record.title, record.text, record.rubrik, record.date, record.sort_date, record.image,
            record.jenis)


def shard_key(records: list[Record], language: str) -> str:
    """The cache key of a shard: what decides its bytes."""
    return pagefind_shards.shard_key(map(row_of, records), language)


# --- Pagefind --------------------------------------------------------------------
def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as missing:
        raise SearchIndexFailed("paket pagefind-bin belum terpasang: jalankan `make setup`") from missing
    return get_executable()


def _shard(name: str, records: Sequence[Record], numbers: list[int], language: str, cache: Path,
           binary: Path) -> tuple[Path, bool]:
    """The cached folder of shard NAME (built now if need be) and whether it was built."""
    rows = [row_of(records[n]) for n in numbers]
    try:
        return pagefind_shards.shard(name, rows, language, cache, binary)
    except pagefind_shards.ShardFailed as failed:
        raise SearchIndexFailed(str(failed)) from failed.__cause__


def _fresh_bundle(site: Path) -> Path:
    output = site / BUNDLE_DIR
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    return output


def _finished(output: Path, records, shards, built, reused, binary: Path, background: bool = False) -> IndexReport:
    manifest = {"version": VERSION, "shards": list(shards)}
    (output / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    log = (f"{len(records)} artikel dalam {len(shards)} bagian: {len(built)} dibuat "
           f"({', '.join(built) or '-'}), {len(reused)} diambil dari cache")
    logger.info("Indeks pencarian: %s", log)
    return IndexReport([str(binary), "--service"], log, tuple(built), tuple(reused), background)


def build_index(site: Path, language: str, records: Sequence[Record], cache: Path,
                size: int = SHARD_SIZE, workers: int = WORKERS) -> IndexReport:
    """Write the sharded index of RECORDS into SITE/pagefind/, reusing shards cached in CACHE;
    raise SearchIndexFailed with an Indonesian message if any shard cannot be made. At most
    WORKERS shards are built at once (one Pagefind process each), and only their records
    are held (RECORDS may make each record when asked). In this process, while it waits;
    ``BackgroundIndex`` builds the same index beside the rest of the build."""
    binary = pagefind_binary()
    output = _fresh_bundle(site)
    built, reused = [], []
    shards = shard_plan(records, size)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = [(name, pool.submit(_shard, name, records, numbers, language, cache, binary))
                for name, numbers in shards.items()]
        try:
            for name, future in done:
                folder, new = future.result()
                pagefind_shards.publish(folder, output / name)
                (built if new else reused).append(name)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # the shards not started yet are not built
            raise
    return _finished(output, records, shards, built, reused, binary)


# --- beside the rest of the build ----------------------------------------------------
_WORKER = ("import sys; sys.path.append(sys.argv.pop(1)); import pagefind_shards; "
           "sys.exit(pagefind_shards._worker(sys.argv[1:]))")
_GRACE = 10  # seconds a worker told to stop gets before it is killed
_QUEUE = ".antrean-"  # + "<pid>@<host>@": whose queue it is, so a later build can tell a dead build's


def _queue_prefix() -> str:
    return f"{_QUEUE}{os.getpid()}@{_host()}@"


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())


def _remove_dead_queues(cache: Path) -> None:
    """Remove the queues left by builds of this machine that were killed outright (SIGKILL,
    out of memory: no ``close``); those of builds still running, or of another host sharing
    the cache, stay."""
    host = _host()
    for queue in cache.glob(f"{_QUEUE}*@{host}@*"):
        pid = queue.name[len(_QUEUE):].split("@", 1)[0]
        if not pid.isdecimal():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(queue, ignore_errors=True)
        except (PermissionError, OverflowError, OSError):
            pass  # a process of another user: alive


def _stop_workers(processes: list, queue: Path) -> None:
    """Stop every worker still running (SIGTERM: it removes its half-made shard; then
    SIGKILL) and wait for each; remove the queue. Safe to call twice."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass
    shutil.rmtree(queue, ignore_errors=True)


class BackgroundIndex:
    """The same index as ``build_index``, built while the build renders its pages.

    ``start`` (once every article is read and every canonical URL known) makes
    the records one shard at a time in this process, writes each shard's rows
    into a queue folder in the cache and hands its path to a worker process
    (``pagefind_shards``), which builds the shards one after another on the
    other core, one Pagefind process at a time, and publishes them into the
    site. No thread runs in this process, so rendering never waits for a GIL
    and forked workers (newsroom.parallel) stay possible. ``finish`` (after
    every page is written) lets a second worker take shards from the end of
    the queue, waits for both, and raises SearchIndexFailed with the editor's
    message if a shard failed; ``close`` stops whatever still runs. A worker
    left running (an error elsewhere, Ctrl-C) is stopped by ``close``, when the
    object is collected, or when the interpreter exits."""

    def __init__(self, site: Path, language: str, records: Sequence[Record], cache: Path,
                 size: int = SHARD_SIZE, workers: int = WORKERS):
        self._site, self._language, self._records, self._cache = site, language, records, cache
        self._size, self._workers = size, max(1, workers)
        self._processes: list[subprocess.Popen] = []
        self._queue: Path | None = None
        self._paths: list[str] = []
        self._closer = None
        self.shards: dict[str, list[int]] = {}

    def _spawn(self) -> subprocess.Popen:
        python = [sys.executable, "-P"] if sys.version_info >= (3, 11) else [sys.executable]
        process = subprocess.Popen(
            [*python, "-c", _WORKER, str(Path(pagefind_shards.__file__).parent), str(self._binary),
             self._language, str(self._cache), str(self._site / BUNDLE_DIR)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self._processes.append(process)
        return process

    def _tell(self, process: subprocess.Popen, lines: list[str]) -> None:
        try:
            process.stdin.write("".join(f"{line}\n" for line in lines))
            process.stdin.flush()
        except OSError:  # it stopped (a failed shard): finish() reports why
            pass

    def start(self) -> BackgroundIndex:
        started = time.perf_counter()
        self._binary = pagefind_binary()
        _fresh_bundle(self._site)
        self.shards = shard_plan(self._records, self._size)
        self._cache.mkdir(parents=True, exist_ok=True)
        _remove_dead_queues(self._cache)
        self._queue = Path(tempfile.mkdtemp(dir=self._cache, prefix=_queue_prefix()))
        self._closer = weakref.finalize(self, _stop_workers, self._processes, self._queue)
        first = self._spawn()
        for number, (name, numbers) in enumerate(self.shards.items()):
            if first.poll() is not None:
                break  # it stopped (a shard failed, or no Python): finish() says why
            rows = [row_of(self._records[n]) for n in numbers]
            path = self._queue / f"{number:05d}.json"
            partial = path.with_suffix(".part")
            partial.write_text(json.dumps([name, rows], ensure_ascii=False), encoding="utf-8")
            partial.rename(path)
            self._paths.append(str(path))
            self._tell(first, [str(path)])
        logger.debug("Indeks pencarian: %d bagian diserahkan ke pembuat indeks dalam %.1f detik", len(self._paths),
                     time.perf_counter() - started)
        return self

    def finish(self) -> IndexReport:
        """The finished index (its manifest written), or SearchIndexFailed."""
        first = self._processes[0]
        self._tell(first, [pagefind_shards.END])
        if self._workers > 1 and first.poll() is None and any(Path(p).exists() for p in self._paths):
            self._tell(self._spawn(), [*reversed(self._paths), pagefind_shards.END])
        answers: dict[str, dict] = {}
        stopped = []  # why a worker stopped without answering for every shard it took
        for process in self._processes:
            out, err = process.communicate()
            for line in out.splitlines():
                answer = json.loads(line)
                answers[answer["shard"]] = answer
            if process.returncode != 0:
                last = err.strip().splitlines()[-1:] if err.strip() else []
                stopped.append(f"pembuat indeks berhenti (kode {process.returncode})" + "".join(f": {x}" for x in last))
                _stop_workers(self._processes, self._queue)  # one shard failed: the index has failed
                break
        for name in self.shards:
            answer = answers.get(name)
            if answer is not None and "error" in answer:
                raise SearchIndexFailed(answer["error"])
        for name in self.shards:
            if name not in answers:
                raise SearchIndexFailed(f"Pagefind gagal membuat indeks pencarian bagian {name}: "
                                        f"{stopped[0] if stopped else 'tidak ada jawaban'}")
        built = [name for name in self.shards if answers[name]["built"]]
        reused = [name for name in self.shards if not answers[name]["built"]]
        return _finished(self._site / BUNDLE_DIR, self._records, self.shards, built, reused, self._binary, True)

    def close(self) -> None:
        """Stop the workers that still run and remove the queue; safe at any time."""
        if self._closer is not None:
            self._closer()
