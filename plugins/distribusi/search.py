"""The static search index of ``/cari/``, built by Pagefind's binary from the
PyPI wheel ``pagefind-bin`` (nothing is downloaded at build or search time).

It runs over the finished pages in the build's own output folder, which
``portal.build`` swaps into place only after the whole build succeeded: a
failed index fails the build and the published site keeps its old index.
Only pages marked ``data-pagefind-body`` (each article's canonical page,
see ``canonical.is_canonical``) are indexed, with the rubrik as a filter.
Pagefind's own output differs from run to run; ``pagefind_bundle`` rewrites
it into one canonical form, so two builds of the same site are identical.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .pagefind_bundle import normalise

BUNDLE_DIR = "pagefind"  # output/pagefind/: pagefind.js, the index and its fragments


class SearchIndexFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class IndexReport:
    command: list[str]
    log: str


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as missing:
        raise SearchIndexFailed("paket pagefind-bin belum terpasang: jalankan `make setup`") from missing
    return get_executable()


def build_index(site: Path, language: str) -> IndexReport:
    """Index SITE in place into SITE/pagefind/; raise SearchIndexFailed with Pagefind's output."""
    command = [str(pagefind_binary()), "--site", str(site), "--output-subdir", BUNDLE_DIR]
    if language:
        command += ["--force-language", language]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as failed:
        raise SearchIndexFailed(f"Pagefind tidak bisa dijalankan: {failed}") from failed
    log = (done.stdout + done.stderr).strip()
    if done.returncode != 0 or not (site / BUNDLE_DIR / "pagefind.js").is_file():
        raise SearchIndexFailed(f"Pagefind gagal (kode {done.returncode}): {log[-2000:]}")
    try:
        normalise(site / BUNDLE_DIR)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as unknown:  # UnknownFormat is a ValueError
        raise SearchIndexFailed(
            f"Indeks Pagefind tidak bisa dibuat seragam ({unknown}); versi pagefind-bin harus "
            f"sama dengan requirements.txt"
        ) from unknown
    return IndexReport(command, log)
