"""Run a Pelican build that either fully succeeds or leaves the old site alone.

Pelican writes straight into OUTPUT_PATH and only logs a broken article
("Could not process …") before carrying on, so a plain run can publish a
half-written site. Here the build goes into a sibling temporary folder, every
error logged during the run is collected, and the folder replaces the output
only when the run logged no error at all, by one atomic exchange (see "the
swap" below): output/ is never missing, not even for an instant, and is
published 0755/0644 whatever the umask. A folder that cannot be written
(a read-only disk, no permission, a full disk) is a BuildFailed naming the
folder, found before Pelican starts where possible.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import filecmp
import functools
import logging
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican, signals

try:
    import fcntl
except ImportError:  # Windows: builds are not serialised
    fcntl = None
from pelican.log import LimitFilter
from pelican.settings import read_settings

from . import pelican_log, spare, unchanged

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class _FailedBeforeWriting(Exception):
    """Raised at ``get_writer`` when errors were logged already: Pelican stops there."""


class BuildFailed(Exception):
    """The build logged errors; ``problems`` holds one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        head = f"Build gagal: {count} masalah ditemukan" if count else "Build gagal"
        super().__init__(head + "\n" + "\n".join(f"- {p}" for p in problems))


class Scheduled(str):
    """A "terjadwal: …" line among the warnings: an article waiting for its time (``due``)."""

    due: dt.datetime

    def __new__(cls, message: str, due: dt.datetime):
        line = super().__new__(cls, message)
        line.due = due
        return line


@dataclass
class BuildResult:
    output_path: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    # The generators' shared context of the build (articles, the plugins'
    # per-build state): what tasks, benchmarks and tests read after a build.
    context: dict = field(default_factory=dict, repr=False)
    # True when nothing changed since the last good build into this output,
    # which was kept as it is (see portal/unchanged.py); context is then empty.
    unchanged: bool = False

    @property
    def articles(self) -> dict:
        """Every written article (published and hidden) by slug."""
        return {a.slug: a for a in (*self.context.get("articles", ()), *self.context.get("hidden_articles", ()))}

    @property
    def next_due(self) -> dt.datetime | None:
        """When the earliest scheduled article appears (and a build is needed), or None."""
        return min((w.due for w in self.warnings if isinstance(w, Scheduled)), default=None)


class _ProblemCollector(logging.Handler):
    """Keeps every ERROR record, with the exception that caused it.

    Pelican logs "Could not process %s" from inside an ``except`` block but
    drops the exception unless DEBUG is on; the exception is still active
    while handlers run, so it is recovered from ``sys.exc_info()``.
    """

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a plugin passed bad format args; keep the raw text
            message = str(record.msg)
        if isinstance(getattr(record, "scheduled_at", None), dt.datetime):
            self.warnings.append(Scheduled(message, record.scheduled_at))
            return
        if record.levelno < logging.ERROR:
            self.warnings.append(message)
            return
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if exc is not None and str(exc) and str(exc) not in message:
            message = f"{message}: {exc}"
        self.errors.append(message)


_WHY = {
    errno.EROFS: "disknya hanya-baca",
    errno.EACCES: "tidak ada izin menulis",
    errno.EPERM: "tidak ada izin menulis",
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.ENOTDIR: "sebagian jalurnya adalah berkas, bukan folder",
    errno.EEXIST: "sebagian jalurnya adalah berkas, bukan folder",  # mkdir(exist_ok=True) on a file
}


def _blocking_file(path: Path) -> Path | None:
    """The first entry on the way to PATH (from the top) that exists but is not a folder."""
    for entry in (*reversed(path.parents), path):
        if os.path.lexists(entry) and not entry.is_dir():
            return entry
    return None


def not_writable(what: str, folder: Path, exc: OSError) -> str:
    """The editor's message for a folder the build cannot write into."""
    why = _WHY.get(exc.errno, exc.strerror or str(exc))
    blocker = _blocking_file(Path(exc.filename or folder)) if exc.errno in (errno.ENOTDIR, errno.EEXIST) else None
    if what == "cache" and blocker is not None:
        # Inside CACHE_PATH the plugins remove such a file themselves; this is the cache's own folder or above it.
        fix = ("jalankan `invoke clean` (menghapus seluruh cache; build berikutnya membuatnya lagi)"
               if blocker.is_relative_to(PROJECT_ROOT / ".cache") and blocker != PROJECT_ROOT / ".cache" else
               f"hapus berkas {blocker} atau pilih folder lain (CACHE_PATH di pengaturan)")
        return f"folder cache {folder} tidak bisa dipakai: {blocker} adalah berkas, bukan folder. Perbaikan: {fix}"
    return (f"folder {what} {folder} tidak bisa ditulis ({why}). Perbaikan: beri izin tulis pada folder itu, "
            f"kosongkan ruang disk, atau pilih folder lain ({'OUTPUT_PATH' if what == 'output' else 'CACHE_PATH'} "
            "di pengaturan)")


def _check_writable(folder: Path) -> None:
    """Create FOLDER if needed and write (then remove) a file in it; OSError if it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


def load_settings(settings_file: str | os.PathLike = "pelicanconf.py", overrides=None):
    """Read a settings file with overrides, as ``pelican -s FILE -e …`` would.

    Pelican's log lines are in Bahasa Indonesia from here on (portal/pelican_log.py)."""
    pelican_log.install()
    return read_settings(str(settings_file), override=dict(overrides or {}))


# --- the swap ------------------------------------------------------------------
# output/ is replaced by one atomic exchange of two directory entries, so a
# reader, `invoke serve`, rsync or a build killed at any instant finds either
# the whole old site or the whole new one at OUTPUT_PATH, never nothing.
# Linux has renameat2(RENAME_EXCHANGE) (kernel 3.15+, glibc 2.28+; ext4, xfs,
# btrfs, tmpfs…) and macOS renamex_np(RENAME_SWAP). Elsewhere (Windows, a
# filesystem without the exchange: EINVAL/ENOSYS) the fallback is the old pair
# of renames, with a gap of one rename; a build killed inside it leaves the
# complete old site in .NAME.old-PID, and the next build puts it back first.
# A symlink switch (output -> .releases/ID) was not chosen: it cannot replace
# an existing real output/ without the same gap, `shutil.rmtree` (invoke
# clean) refuses a symlink, and every consumer of OUTPUT_PATH (rsync without
# a trailing slash, archive uploads) would have to follow links.

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h
_RENAME_SWAP = 2  # macOS sys/stdio.h
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}


@functools.cache
def _libc():
    """The C library already loaded in this process (dlopen(NULL)), or None."""
    if os.name != "posix":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> None:
    """Swap the directory entries A and B in one step; OSError(ENOSYS) where the OS has no such call."""
    libc = _libc()
    if sys.platform.startswith("linux") and libc is not None and hasattr(libc, "renameat2"):
        call = lambda: libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),  # noqa: E731
                                      ctypes.c_uint(_RENAME_EXCHANGE))
    elif sys.platform == "darwin" and libc is not None and hasattr(libc, "renamex_np"):
        call = lambda: libc.renamex_np(os.fsencode(a), os.fsencode(b), ctypes.c_uint(_RENAME_SWAP))  # noqa: E731
    else:
        raise OSError(errno.ENOSYS, "no atomic rename-exchange on this system", str(a))
    if call() != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def keep_unchanged_times(built: Path, previous: Path, linked: set[str] = frozenset()) -> int:
    """Give each file of BUILT whose bytes equal the same file of PREVIOUS that file's times.

    Every build writes a whole new site, so every file would look new to a
    tool that compares sizes and times (``aws s3 sync``, a CDN upload, plain
    rsync): with the old times only what really changed is sent. Regular
    files only, never through a symlink; returns how many files kept their times.
    LINKED: the files linked from PREVIOUS (newsroom.reuse), the same file already.
    """
    kept = 0
    if not previous.is_dir() or previous.is_symlink():
        return kept
    for folder, _, names in os.walk(built):
        for name in names:
            if os.path.join(folder, name) in linked:
                kept += 1
                continue
            new = Path(folder) / name
            old = previous / new.relative_to(built)
            try:
                new_stat, old_stat = new.lstat(), old.lstat()
                if os.path.samestat(new_stat, old_stat):  # linked from the last output (newsroom.reuse)
                    kept += 1
                    continue
                if not (stat.S_ISREG(new_stat.st_mode) and stat.S_ISREG(old_stat.st_mode)) \
                        or new_stat.st_size != old_stat.st_size or not filecmp.cmp(new, old, shallow=False):
                    continue
                os.utime(new, ns=(old_stat.st_atime_ns, old_stat.st_mtime_ns), follow_symlinks=False)
                kept += 1
            except OSError:
                continue  # a file that vanished or cannot be read is simply new
    return kept


def _swap_into_place(built: Path, target: Path, keep_old: bool = False) -> None:
    """Put ``built`` at ``target``; the old site, if any, is removed afterwards, or kept as
    the next build's folder (KEEP_OLD: portal/spare.py)."""
    if not os.path.lexists(target):
        built.rename(target)  # the first build: nothing to keep whole
        return
    try:
        exchange(built, target)
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise  # nothing was moved: the old site stays where it was
        _swap_by_two_renames(built, target)
        return
    if not (keep_old and spare.keep(built, target)):  # `built` now holds the old site
        _remove(built)


def _swap_by_two_renames(built: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if os.path.lexists(old):
        shutil.rmtree(old)
    target.rename(old)
    try:
        built.rename(target)
    except OSError:
        old.rename(target)  # the old site stays where it was
        raise
    shutil.rmtree(old, ignore_errors=True)


# --- leftovers of killed builds ------------------------------------------------

# Exactly the names a build makes: mkdtemp's ".NAME.build-PID-" + 8 characters
# of [a-z0-9_] (tempfile._RandomNameSequence), and ".NAME.old-PID"; a
# hand-made ".output.build-2024-backup" is not a build's and is left alone.
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?:build-(?P<build>\d+)-[a-z0-9_]{8}|old-(?P<old>\d+))")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another build in this process may be running (a thread)
    if os.name != "posix":
        return True  # no harmless liveness probe (os.kill(pid, 0) terminates on Windows): keep it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, someone else's
        return True
    return True


def remove_leftovers(target: Path) -> list[Path]:
    """Remove ``.NAME.build-PID-XXXXXXXX`` and ``.NAME.old-PID`` next to TARGET whose
    build is no longer running; return what was removed.

    A build names its folders after its process id, so the folder of a build
    still running (another terminal, livereload) is spared. If TARGET itself is
    missing (a build killed between the fallback's two renames), the complete
    old site is put back first.
    """
    removed = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in sorted(entries):
        match = _LEFTOVER.fullmatch(entry.name)
        if not match or match["name"] != target.name or _pid_alive(int(match["build"] or match["old"])):
            continue
        if match["old"] and not os.path.lexists(target):
            entry.rename(target)
            continue
        _remove(entry)
        removed.append(entry)
    return removed


def _remove(path: Path) -> None:
    """Remove a folder, or the symlink an output/ that was a symlink left behind."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _make_public(root: Path, linked: set[str] = frozenset()) -> None:
    """Folders 0755, files 0644, whatever the umask or mkdtemp's 0700: the web
    server usually runs as another user than the build. LINKED files (from the
    last output, newsroom.reuse) were made so by the build that wrote them."""
    os.chmod(root, 0o755)
    folders = [str(root)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    os.chmod(entry.path, 0o755)
                    folders.append(entry.path)
                elif entry.path not in linked:
                    os.chmod(entry.path, 0o644)


@contextlib.contextmanager
def _one_build_at_a_time(cache: Path):
    """Builds sharing a cache (a terminal and livereload, two CI jobs) run one
    after another: each checks, builds, swaps and records in turn, so a record
    never pairs one build's inputs with another's output. Without a lock file
    (a cache that cannot be written fails the build anyway) there is no wait."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        handle = open(cache / ".build.lock", "a")  # noqa: SIM115 — held for the whole build
    except OSError:
        yield
        return
    with handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def build_site(
    settings_file: str | os.PathLike = PROJECT_ROOT / "pelicanconf.py",
    output_path: str | os.PathLike | None = None,
    overrides: dict | None = None,
) -> BuildResult:
    """Build the site atomically; raise BuildFailed listing every problem."""
    overrides = dict(overrides or {})
    settings = load_settings(settings_file, overrides)
    with _one_build_at_a_time(Path(settings["CACHE_PATH"]).resolve()):
        return _build_site(settings_file, output_path, overrides, settings)


def _build_site(settings_file, output_path, overrides: dict, settings) -> BuildResult:
    target = Path(output_path or settings["OUTPUT_PATH"]).resolve()
    cache = Path(settings["CACHE_PATH"]).resolve()
    started = time.perf_counter()
    skip = settings.get("PORTAL_SKIP_UNCHANGED", True)
    if skip:
        record = unchanged.read_record(cache)
        hasher = unchanged.Hasher(record.get("hashes"))
        fingerprint, without_articles = unchanged.inputs(settings, Path(settings_file), hasher)
        if unchanged.still_good(record, fingerprint, target, dt.datetime.now(dt.UTC)):
            warnings = _recorded_warnings(record)
            if warnings is not None:
                return BuildResult(target, time.perf_counter() - started, warnings, unchanged=True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        staging = spare.new_build_folder(target)
    except OSError as exc:
        raise BuildFailed([not_writable("output", target.parent, exc)]) from None
    try:
        _check_writable(cache)  # renditions are made there: without it no photo is published
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed([not_writable("cache", cache, exc)]) from None

    reuse = None
    if settings.get("PORTAL_REUSE_PAGES", True):
        if not skip:
            without_articles = unchanged.inputs(settings, Path(settings_file), unchanged.Hasher())[1]
        if without_articles is not None:
            reuse = {"output": str(target), "inputs": without_articles, "cache": str(cache)}
    kept: dict[str, int] = {}
    if reuse is None:
        spare.discard(target)
    else:  # the last site but one becomes this build's folder (portal/spare.py)
        try:
            kept = spare.claim(target, staging, newsroom_recorded_pages(cache, target, reuse["inputs"]))
        except OSError:  # a folder in it that cannot be listed or emptied: start from a new one
            shutil.rmtree(staging, ignore_errors=True)
            try:
                staging = spare.new_build_folder(target)
            except OSError as exc:
                raise BuildFailed([not_writable("output", target.parent, exc)]) from None
    settings = load_settings(settings_file, {**overrides, "OUTPUT_PATH": str(staging), "PORTAL_REUSE": reuse})
    _forget_logged_messages()
    collector = _ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    seen: dict = {}

    def keep_context(generators) -> None:
        seen.update(context=generators[0].context if generators else {})

    def offer_kept(generator) -> None:
        """The generators share one context: the writer finds them there (only this build's: a
        build of another folder in this process must never take them for its own)."""
        if os.path.normpath(str(generator.output_path)) == os.path.normpath(str(staging)):
            generator.context.setdefault(kept_key, kept)

    def stop_before_writing(_pelican) -> None:
        """A build that already logged an error is not published: it writes nothing either (and so
        never unlinks a published page kept in its folder, whose ctime the next build would see)."""
        if collector.errors:
            raise _FailedBeforeWriting

    kept_key = newsroom_kept_key()
    signals.all_generators_finalized.connect(keep_context)
    signals.get_writer.connect(stop_before_writing)
    if kept and kept_key:
        signals.generator_init.connect(offer_kept)
    try:
        try:
            with pelican_log.quiet_console():  # its English "Done: Processed …"; the tasks say it in Indonesian
                Pelican(settings).run()
        except Exception as exc:  # a plugin or template raised: report, don't publish
            disk = _disk_problem(exc, cache, target.parent)
            if disk:
                collector.errors.append(disk)
            elif not collector.errors:  # plugins log each problem before they raise
                collector.errors.append(f"{type(exc).__name__}: {exc}")
        if collector.errors:
            raise BuildFailed(_unique(collector.errors))
        try:
            try:
                spare.sweep(staging, target, kept)
            except spare.WrittenThrough as exc:
                raise BuildFailed([f"{exc}: halaman terbit tertulis lewat tautannya di folder build; "
                                   "laporkan ke pengembang (plugin yang menulis tanpa lewat writer)"]) from None
            linked = newsroom_pages_written(seen.get("context"))
            _make_public(staging, linked)
            keep_unchanged_times(staging, target, linked)
            _swap_into_place(staging, target, keep_old=reuse is not None)
            # after the swap, and after the old site is kept or removed (so not by a process left running:
            # each unlink of a linked page's old name changes its ctime, which the next build would take
            # for a hand edit and render it; docs/benchmarks/2026-12-07-night.md)
            stats = {}
            signature = unchanged.output_signature(target, stats) if skip else None
        except OSError as exc:
            raise BuildFailed([not_writable("output", target.parent, exc)]) from None
    finally:
        signals.all_generators_finalized.disconnect(keep_context)
        signals.generator_init.disconnect(offer_kept)
        signals.get_writer.disconnect(stop_before_writing)
        distribusi_stop(seen.get("context"))  # before the staging folder goes: nothing writes into it then
        root.removeHandler(collector)
        # a failed build's folder is the next one's spare (claim checks it again): removing it would unlink
        # the published pages kept in it, and their changed ctimes would make the next build render them all
        if staging.exists() and not (reuse is not None and spare.keep(staging, target)):
            shutil.rmtree(staging, ignore_errors=True)
    result = BuildResult(target, time.perf_counter() - started, collector.warnings, seen.get("context", {}))
    write_next_due(next_due_file(settings), result.next_due)
    stale = stale_at(result)
    # the pages' record: not the news sitemap's window, which no page shows (the sitemaps are always written)
    pages_stale = min((m for m in (result.next_due, papan_stale_at(result.context)) if m is not None), default=None)
    newsroom_reuse_save(result.context, target, pages_stale, stats if skip else None)
    stats = None  # 27,000 entries at 10,000 articles: not held while the next record is written
    if skip:
        _remember_inputs(cache, fingerprint, hasher, target, signature, result, stale)
    return result


def stale_at(result: BuildResult) -> dt.datetime | None:
    """When the clock alone makes this build's output stale (a scheduled article, the news sitemap, papan)."""
    due = [moment for moment in (result.next_due, distribusi_stale_at(result.context), papan_stale_at(result.context))
           if moment is not None]
    return min(due) if due else None


def _remember_inputs(cache: Path, fingerprint: str | None, hasher, target: Path, signature: str | None,
                     result: BuildResult, stale: dt.datetime | None) -> None:
    """Record this good build for portal/unchanged.py: its inputs, its output
    as written, its warnings, and when the clock makes that output stale."""
    unchanged.write_record(
        cache, inputs=fingerprint, output=str(target), signature=signature,
        stale_at=stale.isoformat() if stale else None, hashes=hasher.fresh,
        warnings=[[str(w), w.due.isoformat() if isinstance(w, Scheduled) else None] for w in result.warnings])


def _recorded_warnings(record: dict) -> list[str] | None:
    """The warnings a skipped build repeats (an editor sees them on every run); None if damaged."""
    try:
        return [Scheduled(text, dt.datetime.fromisoformat(due)) if due else text
                for text, due in record.get("warnings", [])
                if isinstance(text, str) and (due is None or isinstance(due, str))]
    except (TypeError, ValueError):
        return None


def distribusi_stale_at(context) -> dt.datetime | None:
    """When distribusi's output goes stale by the clock; None without the plugin."""
    try:
        from distribusi import stale_at
    except ImportError:
        return None
    return stale_at(context)


def newsroom_pages_written(context) -> set[str]:
    """The pages the build linked from the last output (newsroom.reuse, which lets go of what
    choosing them took; none without newsroom)."""
    try:
        from newsroom import reuse
    except ImportError:
        return set()
    return reuse.written(context)


def newsroom_recorded_pages(cache: Path, output: Path, inputs: str) -> dict | None:
    """The last build's pages if its record is OUTPUT's, made from INPUTS (newsroom.reuse;
    none without newsroom)."""
    try:
        from newsroom import reuse
    except ImportError:
        return None
    return reuse.recorded_pages(cache, output, inputs)


def newsroom_kept_key() -> str | None:
    """Where the writer finds the pages the build's folder holds (newsroom.reuse.KEPT)."""
    try:
        from newsroom import reuse
    except ImportError:
        return None
    return reuse.KEPT


def newsroom_reuse_save(context, output: Path, stale: dt.datetime | None, stats: dict | None) -> None:
    """Record the keys of the pages now in OUTPUT for the next build (newsroom.reuse; nothing
    without newsroom); STATS: the lstat of OUTPUT's files by relative path, if taken."""
    try:
        from newsroom import reuse
    except ImportError:
        return
    reuse.save(context, output, stale, stats)


def distribusi_stop(context) -> None:
    """Stop the search index's workers of a build that did not reach its end (none without the plugin)."""
    try:
        from distribusi import stop
    except ImportError:
        return
    stop(context)


def papan_stale_at(context) -> dt.datetime | None:
    """When an event starts or ends or an announcement expires (plugins/papan); None without the plugin."""
    try:
        from papan import stale_at
    except ImportError:
        return None
    return stale_at(context)


def next_due_file(settings) -> Path:
    """Where the build leaves the next due time: NEXT_DUE_FILE, or next-due.txt in CACHE_PATH.

    Never in the output: the site must not announce when embargoed news appears.
    """
    return Path(settings.get("NEXT_DUE_FILE") or Path(settings["CACHE_PATH"]) / "next-due.txt")


def write_next_due(path: Path, due: dt.datetime | None) -> None:
    """One ISO 8601 line (``2026-12-25T08:00:00+08:00``), or an empty file when nothing waits.

    A scheduled CI run reads it to know when a build will change the site.
    """
    text = due.isoformat(timespec="seconds") + "\n" if due else ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(text, encoding="ascii")
        os.replace(partial, path)
    except OSError as exc:  # the site is built; only the schedule hint is missing
        logging.getLogger(__name__).warning("%s tidak bisa ditulis (%s)", path, exc.strerror or exc)


def _disk_problem(exc: Exception, cache: Path, output_parent: Path) -> str | None:
    """The message for a disk that filled up or turned read-only during the run, else None."""
    if not isinstance(exc, OSError) or exc.errno not in _WHY:
        return None
    where = Path(exc.filename) if exc.filename else output_parent
    if where == cache or cache in where.parents:
        return not_writable("cache", cache, exc)
    return not_writable("output", output_parent, exc)


def _forget_logged_messages() -> None:
    """Pelican logs a warning once per process (LimitFilter); each build here is
    a run of its own (livereload, tests), so an editor sees every warning each time."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
