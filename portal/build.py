"""Run a Pelican build that either fully succeeds or leaves the old site alone.

Pelican writes straight into OUTPUT_PATH and only logs a broken article
("Could not process …") before carrying on, so a plain run can publish a
half-written site. Here the build goes into a sibling temporary folder, every
error logged during the run is collected, and the folder replaces the output
only when the run logged no error at all.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
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
    built.rename(target)
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
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))

    settings = load_settings(settings_file, {**overrides, "OUTPUT_PATH": str(staging)})
    collector = _ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    started = time.perf_counter()
    try:
        try:
            Pelican(settings).run()
        except Exception as exc:  # a plugin or template raised: report, don't publish
            if not collector.errors:  # plugins log each problem before they raise
                collector.errors.append(f"{type(exc).__name__}: {exc}")
        if collector.errors:
            raise BuildFailed(_unique(collector.errors))
        _swap_into_place(staging, target)
    finally:
        root.removeHandler(collector)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(target, time.perf_counter() - started, collector.warnings)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
