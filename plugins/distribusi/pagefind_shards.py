"""One shard of the search index: built by Pagefind or taken from the cache,
then published into the site; and the worker process that does this beside
the rest of the build (``search.BackgroundIndex``).

A shard is a list of rows, each the eight plain-text fields of one record in
``FIELDS`` order (``search.Record`` in the build, JSON in a worker's queue).
A finished shard is kept in the cache under ``shard_key`` (the hash of its
rows, Pagefind's version and this format); a cached shard is used only after
every file was checked against the list of hashes stored with it.

This module imports no Pelican and nothing of the portal: run as a script
(``python pagefind_shards.py BINARY LANGUAGE CACHE OUTPUT``) it is the worker,
a small process of its own, so that its file work (thousands of files per
shard, written, rewritten, hashed and linked) never waits for the build's
GIL, and the build's rendering never waits for it. The worker reads the
paths of shard files on its standard input, one a line, ending with ``end``;
it takes each file by renaming it (another worker may be working down the
same queue), builds the shard, publishes it into OUTPUT/<shard> and writes
one JSON line per shard on its standard output: ``{"shard": name, "built":
bool}``, or ``{"shard": name, "error": message}`` (the editor's message, in
Bahasa Indonesia), after which it stops. Standard input closed without
``end`` means the build is gone: the worker stops, and so does its Pagefind
(which exits when its own input closes).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path, PurePosixPath

try:
    from .pagefind_bundle import VERSION, WIDGET_FILES, UnknownFormat, normalise
    from .pagefind_service import PagefindService, ServiceError
except ImportError:  # the worker: this file run as a script, the two modules beside it (see _worker)
    from pagefind_bundle import VERSION, WIDGET_FILES, UnknownFormat, normalise
    from pagefind_service import PagefindService, ServiceError

logger = logging.getLogger(__name__)

FORMAT = "3"  # bump when what a record holds or how a shard is written changes
FIELDS = ("url", "title", "text", "rubrik", "date", "sort_date", "image", "jenis")
FILES = "files.json"  # in a cached shard: every file's SHA-256
END = "end"  # the last line of a worker's queue


class ShardFailed(RuntimeError):
    """A shard could not be made; the message is the editor's."""


def shard_key(rows, language: str) -> str:
    """The cache key of a shard: what decides its bytes."""
    digest = hashlib.sha256(f"{FORMAT}\0{VERSION}\0{language}\0".encode())
    for row in rows:
        digest.update(json.dumps(list(row), ensure_ascii=False).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def write_shard(rows, language: str, target: Path, binary: Path) -> None:
    """One Pagefind process indexes ROWS in order into the bundle TARGET, made canonical."""
    def requests():
        for url, title, text, rubrik, date, sort_date, image, jenis in rows:
            meta = {"title": title, "date": date}
            if image:
                meta["image"] = image
            yield url, f"{title}. {text}", meta, {"rubrik": [rubrik], "jenis": [jenis]}, {"date": sort_date}

    with PagefindService(binary, language) as service:
        service.add_records(requests())
        files = service.files()
    for relative, data in sorted(files.items()):
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ServiceError(f"nama berkas tidak wajar: {relative!r}")
        if relative in WIDGET_FILES:
            continue
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(data)
    normalise(target, [row[0] for row in rows])


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != FILES}


def _verified(folder: Path) -> bool:
    """Whether the cached shard FOLDER holds exactly the files its list names, intact."""
    try:
        listed = json.loads((folder / FILES).read_text(encoding="utf-8"))
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


def cached_shard(rows, language: str, cache: Path, binary: Path, write=write_shard) -> tuple[Path, bool]:
    """(the cached folder of this shard, whether it was built now)."""
    folder = cache / shard_key(rows, language)
    if _verified(folder):
        return folder, False
    # Another build sharing the cache may rename the same shard into place at any moment: a folder
    # is damaged only if it still fails the check now, and it is moved aside (one rename) before
    # it is removed, so a complete shard that another build is publishing is never removed.
    if folder.exists() and not _verified(folder):
        logger.warning("Cache indeks pencarian %s rusak; dibuat ulang", folder.name[:12])
        damaged = Path(tempfile.mkdtemp(dir=cache, prefix=".old-"))
        try:
            folder.rename(damaged / "bundle")
        except FileNotFoundError:
            pass  # another build removed it first
        finally:
            shutil.rmtree(damaged, ignore_errors=True)
    elif folder.exists():
        return folder, False  # another build's, just made
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=cache, prefix=".new-"))
    try:
        write(rows, language, work / "bundle", binary)
        (work / "bundle" / FILES).write_text(json.dumps(_digests(work / "bundle"), sort_keys=True), encoding="utf-8")
        try:
            (work / "bundle").rename(folder)
        except OSError:  # another build put the same shard there first: the same bytes, checked
            if not _verified(folder):
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder, True


def shard(name: str, rows, language: str, cache: Path, binary: Path, write=write_shard) -> tuple[Path, bool]:
    """The cached folder of shard NAME (built now if need be) and whether it was built;
    ShardFailed with the editor's message when it cannot be made."""
    try:
        return cached_shard(rows, language, cache, binary, write)
    except ServiceError as failed:
        raise ShardFailed(f"Pagefind gagal membuat indeks pencarian bagian {name}: {failed}") from failed
    except UnknownFormat as unknown:
        raise ShardFailed(
            f"Indeks Pagefind bagian {name} tidak bisa dibuat seragam ({unknown}); versi pagefind-bin "
            f"harus sama dengan requirements.txt ({VERSION})") from unknown
    except OSError as failed:
        raise ShardFailed(f"Indeks pencarian bagian {name} tidak bisa ditulis: {failed}") from failed


def publish(folder: Path, target: Path) -> None:
    """Put the cached shard FOLDER at TARGET (in the site), as hard links."""
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns(FILES), copy_function=_link)


# --- the worker ------------------------------------------------------------------
def _stop(signum, frame):  # SIGTERM from the build: clean up (finally blocks) and go
    raise SystemExit(128 + signum)


def work(queue, answers, binary: Path, language: str, cache: Path, output: Path) -> int:
    """Build the shards whose files QUEUE names (lines; ``end`` last), each taken by renaming
    its file; one JSON line per shard on ANSWERS. 0 when all went well, 1 after a shard
    failed, 3 when QUEUE ended without ``end`` (the build is gone)."""
    for line in queue:
        line = line.strip()
        if line == END:
            return 0
        taken = f"{line}.{os.getpid()}"
        try:
            os.rename(line, taken)
        except FileNotFoundError:
            continue  # the other worker has it
        try:
            name, rows = json.loads(Path(taken).read_text(encoding="utf-8"))
        finally:
            Path(taken).unlink(missing_ok=True)
        try:
            folder, built = shard(name, rows, language, cache, binary)
            try:
                publish(folder, output / name)
            except OSError as failed:
                raise ShardFailed(f"Indeks pencarian bagian {name} tidak bisa ditulis: {failed}") from failed
        except ShardFailed as failed:
            answers.write(json.dumps({"shard": name, "error": str(failed)}, ensure_ascii=False) + "\n")
            answers.flush()
            return 1
        answers.write(json.dumps({"shard": name, "built": built}) + "\n")
        answers.flush()
    return 3


def _worker(argv: list[str]) -> int:
    binary, language, cache, output = argv
    signal.signal(signal.SIGTERM, _stop)
    try:
        return work(sys.stdin, sys.stdout, Path(binary), language, Path(cache), Path(output))
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the build stops too
        return 130


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
