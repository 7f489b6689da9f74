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

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path, PurePosixPath

from newsroom import body as article_body

from .canonical import canonical_path
from .pagefind_bundle import VERSION, WIDGET_FILES, UnknownFormat, normalise
from .pagefind_service import PagefindService, ServiceError

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"  # output/pagefind/: shards.json and one folder per shard
MANIFEST = "shards.json"
CACHE_DIR = "pagefind"  # under CACHE_PATH: one folder per finished shard, named by its key
SHARD_SIZE = 1000  # records per shard at most: about 250 MiB of Pagefind memory for 350-word articles
WORKERS = 2  # shards built at once: each its own Pagefind process, on its own core
FORMAT = "3"  # bump when what a record holds or how a shard is written changes
_FILES = "files.json"  # in a cached shard: every file's SHA-256


class SearchIndexFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class IndexReport:
    command: list[str]
    log: str
    built: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()


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


def shard_key(records: list[Record], language: str) -> str:
    """The cache key of a shard: what decides its bytes."""
    digest = hashlib.sha256(f"{FORMAT}\0{VERSION}\0{language}\0".encode())
    for record in records:
        fields = [record.url, record.title, record.text, record.rubrik, record.date, record.sort_date, record.image,
                  record.jenis]
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


# --- Pagefind --------------------------------------------------------------------
def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as missing:
        raise SearchIndexFailed("paket pagefind-bin belum terpasang: jalankan `make setup`") from missing
    return get_executable()


def _write_shard(records: list[Record], language: str, target: Path) -> None:
    """One Pagefind process indexes RECORDS in order into the bundle TARGET, made canonical."""
    with PagefindService(pagefind_binary(), language) as service:
        for record in records:
            meta = {"title": record.title, "date": record.date}
            if record.image:
                meta["image"] = record.image
            service.add_record(record.url, f"{record.title}. {record.text}", meta,
                               {"rubrik": [record.rubrik], "jenis": [record.jenis]}, {"date": record.sort_date})
        files = service.files()
    for relative, data in sorted(files.items()):
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ServiceError(f"nama berkas tidak wajar: {relative!r}")
        if relative in WIDGET_FILES:
            continue
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(data)
    normalise(target, [record.url for record in records])


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != _FILES}


def _verified(folder: Path) -> bool:
    """Whether the cached shard FOLDER holds exactly the files its list names, intact."""
    try:
        listed = json.loads((folder / _FILES).read_text(encoding="utf-8"))
        return isinstance(listed, dict) and bool(listed) and _digests(folder) == listed
    except (OSError, ValueError):
        return False


def _link(source: str, target: str) -> None:
    """Publish a cached file as a hard link (no copy of thousands of fragments on every
    build; the same mtime), or a copy where the cache is on another file system. The
    cache is only ever replaced, never written in place, and is checked before reuse."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _cached_shard(records: list[Record], language: str, cache: Path) -> tuple[Path, bool]:
    """(the cached folder of this shard, whether it was built now)."""
    folder = cache / shard_key(records, language)
    if _verified(folder):
        return folder, False
    if folder.exists():
        logger.warning("Cache indeks pencarian %s rusak; dibuat ulang", folder.name[:12])
        shutil.rmtree(folder)
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=cache, prefix=".new-"))
    try:
        _write_shard(records, language, work / "bundle")
        (work / "bundle" / _FILES).write_text(json.dumps(_digests(work / "bundle"), sort_keys=True), encoding="utf-8")
        (work / "bundle").rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder, True


def _shard(name: str, records: Sequence[Record], numbers: list[int], language: str,
           cache: Path) -> tuple[Path, bool]:
    """The cached folder of shard NAME (built now if need be) and whether it was built."""
    members = [records[n] for n in numbers]
    try:
        return _cached_shard(members, language, cache)
    except ServiceError as failed:
        raise SearchIndexFailed(f"Pagefind gagal membuat indeks pencarian bagian {name}: {failed}") from failed
    except UnknownFormat as unknown:
        raise SearchIndexFailed(
            f"Indeks Pagefind bagian {name} tidak bisa dibuat seragam ({unknown}); versi pagefind-bin "
            f"harus sama dengan requirements.txt ({VERSION})") from unknown
    except OSError as failed:
        raise SearchIndexFailed(f"Indeks pencarian bagian {name} tidak bisa ditulis: {failed}") from failed


def build_index(site: Path, language: str, records: Sequence[Record], cache: Path,
                size: int = SHARD_SIZE, workers: int = WORKERS) -> IndexReport:
    """Write the sharded index of RECORDS into SITE/pagefind/, reusing shards cached in CACHE;
    raise SearchIndexFailed with an Indonesian message if any shard cannot be made. At most
    WORKERS shards are built at once (one Pagefind process each), and only their records
    are held (RECORDS may make each record when asked)."""
    output = site / BUNDLE_DIR
    if output.exists():
        shutil.rmtree(output)
    output.mkdir(parents=True)
    built, reused = [], []
    shards = shard_plan(records, size)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = [(name, pool.submit(_shard, name, records, numbers, language, cache))
                for name, numbers in shards.items()]
        try:
            for name, future in done:
                folder, new = future.result()
                shutil.copytree(folder, output / name, ignore=shutil.ignore_patterns(_FILES), copy_function=_link)
                (built if new else reused).append(name)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # the shards not started yet are not built
            raise
    manifest = {"version": VERSION, "shards": list(shards)}
    (output / MANIFEST).write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
    log = (f"{len(records)} artikel dalam {len(shards)} bagian: {len(built)} dibuat "
           f"({', '.join(built) or '-'}), {len(reused)} diambil dari cache")
    logger.info("Indeks pencarian: %s", log)
    return IndexReport([str(pagefind_binary()), "--service"], log, tuple(built), tuple(reused))
