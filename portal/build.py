"""Run a Pelican build that either fully succeeds or leaves the old site alone.

Pelican writes straight into OUTPUT_PATH and only logs a broken article
("Could not process …") before carrying on, so a plain run can publish a
half-written site. Here the build goes into a sibling temporary folder, every
error logged during the run is collected, and the folder replaces the output
only when the run logged no error at all. A folder that cannot be written
(a read-only disk, no permission, a full disk) is a BuildFailed naming the
folder, found before Pelican starts where possible.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """The build logged errors; ``problems`` holds one message per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        head = f"Build gagal: {count} masalah ditemukan" if count else "Build gagal"
        super().__init__(head + "\n" + "\n".join(f"- {p}" for p in problems))


@dataclass
class BuildResult:
    output_path: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)


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


def not_writable(what: str, folder: Path, exc: OSError) -> str:
    """The editor's message for a folder the build cannot write into."""
    why = _WHY.get(exc.errno, exc.strerror or str(exc))
    return (f"folder {what} {folder} tidak bisa ditulis ({why}). Perbaikan: beri izin tulis pada folder itu, "
            f"kosongkan ruang disk, atau pilih folder lain ({'OUTPUT_PATH' if what == 'output' else 'CACHE_PATH'} "
            "di pengaturan)")


def _check_writable(folder: Path) -> None:
    """Create FOLDER if needed and write (then remove) a file in it; OSError if it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


def load_settings(settings_file: str | os.PathLike = "pelicanconf.py", overrides=None):
    """Read a settings file with overrides, as ``pelican -s FILE -e …`` would."""
    return read_settings(str(settings_file), override=dict(overrides or {}))


def _swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built`` using renames on the same filesystem."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    try:
        built.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)  # the old site stays where it was
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(
    settings_file: str | os.PathLike = PROJECT_ROOT / "pelicanconf.py",
    output_path: str | os.PathLike | None = None,
    overrides: dict | None = None,
) -> BuildResult:
    """Build the site atomically; raise BuildFailed listing every problem."""
    overrides = dict(overrides or {})
    settings = load_settings(settings_file, overrides)
    target = Path(output_path or settings["OUTPUT_PATH"]).resolve()
    cache = Path(settings["CACHE_PATH"]).resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    except OSError as exc:
        raise BuildFailed([not_writable("output", target.parent, exc)]) from None
    try:
        _check_writable(cache)  # renditions are made there: without it no photo is published
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed([not_writable("cache", cache, exc)]) from None

    settings = load_settings(settings_file, {**overrides, "OUTPUT_PATH": str(staging)})
    _forget_logged_messages()
    collector = _ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    started = time.perf_counter()
    try:
        try:
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
            _swap_into_place(staging, target)
        except OSError as exc:
            raise BuildFailed([not_writable("output", target.parent, exc)]) from None
    finally:
        root.removeHandler(collector)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(target, time.perf_counter() - started, collector.warnings)


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
