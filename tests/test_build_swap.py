"""The output swap: output/ is never missing or partial, leftovers are cleaned.

A build is killed (SIGKILL) at random moments in a subprocess; after each
kill output/ must be exactly one of the two complete sites, and the next
normal build must leave nothing but output/ next to it, and the last site
but one that the build after it starts from (portal/spare.py).
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from portal import build as build_module
from portal.build import BuildFailed, _swap_into_place, build_site, exchange, remove_leftovers
from tests.conftest import ROOT, SETTINGS, ContentFolder

# Every build here must really run (not be skipped as unchanged): these tests kill and swap builds.
FAST = {"DISTRIBUSI_PAGEFIND": False, "REKOMENDASI_HELPER": False, "DISTRIBUSI_NOW": "2026-09-01 10:00",
        "PORTAL_SKIP_UNCHANGED": False}


def manifest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_version(content: ContentFolder, version: str) -> None:
    for number in range(3):
        content.article(f"berita-{number}", Date=f"2026-08-2{number} 10:00",
                        Title=f"Berita {number} versi {version}")


# --- exchange and cleanup, no site build ------------------------------------------

def _folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "index.html").write_text(text)
    return path


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = _folder(tmp_path / "a", "A"), _folder(tmp_path / "b", "B")
    exchange(a, b)
    assert (a / "index.html").read_text() == "B"
    assert (b / "index.html").read_text() == "A"


def test_swap_keeps_output_present_and_removes_the_old_site(tmp_path, monkeypatch):
    old, new = _folder(tmp_path / "output", "lama"), _folder(tmp_path / ".output.build-1-x", "baru")
    seen = []
    real_rmtree = build_module.shutil.rmtree

    def rmtree(path, *args, **kwargs):  # the moment the old site is deleted, output/ is already the new one
        seen.append((old / "index.html").read_text())
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(build_module.shutil, "rmtree", rmtree)
    monkeypatch.setattr(Path, "rename", lambda *a: pytest.fail("no rename where the exchange works"))
    _swap_into_place(new, old)
    assert (old / "index.html").read_text() == "baru"
    assert seen == ["baru"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_without_the_exchange_the_fallback_renames(tmp_path, monkeypatch):
    def unsupported(a, b):
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(build_module, "exchange", unsupported)
    old, new = _folder(tmp_path / "output", "lama"), _folder(tmp_path / ".output.build-1-x", "baru")
    _swap_into_place(new, old)
    assert (old / "index.html").read_text() == "baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_an_output_that_was_a_symlink_becomes_the_new_folder(tmp_path):
    elsewhere = _folder(tmp_path / "elsewhere", "lama")
    (tmp_path / "output").symlink_to(elsewhere)
    _swap_into_place(_folder(tmp_path / ".output.build-1-x", "baru"), tmp_path / "output")
    assert not (tmp_path / "output").is_symlink() and (tmp_path / "output" / "index.html").read_text() == "baru"
    assert (elsewhere / "index.html").read_text() == "lama"  # what the link pointed to is not ours to delete
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "output"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_builds_go_and_a_running_build_is_spared(tmp_path):
    output = _folder(tmp_path / "output", "situs")
    dead = _dead_pid()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        gone = [_folder(tmp_path / f".output.build-{dead}-abc_1234", "x"),
                _folder(tmp_path / f".output.old-{dead}", "x")]
        kept = [_folder(tmp_path / f".output.build-{alive.pid}-def_5678", "x"),
                _folder(tmp_path / f".situs.build-{dead}-ghi_9012", "another target's"),
                _folder(tmp_path / "catatan", "not a build's")]
        assert sorted(remove_leftovers(output)) == sorted(gone)
        assert all(p.exists() for p in kept) and not any(p.exists() for p in gone)
        assert (output / "index.html").read_text() == "situs"
    finally:
        alive.kill()
        alive.wait()


def test_only_names_a_build_makes_are_removed(tmp_path):
    """A hand-made copy named like a build's folder is not a build's: it is spared."""
    output = _folder(tmp_path / "output", "situs")
    dead = _dead_pid()
    made = Path(tempfile.mkdtemp(prefix=f".output.build-{dead}-", dir=tmp_path))  # as build_site names it
    kept = [_folder(tmp_path / f".output.build-{dead}-backup", "salinan tangan"),
            _folder(tmp_path / f".output.build-{dead}", "x"),
            _folder(tmp_path / f".output.build-{dead}-ABCDEFGH", "x"),
            _folder(tmp_path / f".output.old-{dead}-backup", "x"),
            _folder(tmp_path / f".output.old-{dead}x", "x")]
    assert remove_leftovers(output) == [made]
    assert all(p.exists() for p in kept) and not made.exists()


def test_a_missing_output_gets_the_complete_old_site_back(tmp_path):
    """Killed between the fallback's two renames: the next build starts by putting the old site back."""
    old = _folder(tmp_path / f".output.old-{_dead_pid()}", "lama")
    remove_leftovers(tmp_path / "output")
    assert not old.exists()
    assert (tmp_path / "output" / "index.html").read_text() == "lama"


# --- real builds ------------------------------------------------------------------

@pytest.mark.site
def test_the_published_site_is_world_readable(tmp_path):
    content = ContentFolder(tmp_path / "content")
    write_version(content, "A")
    output = tmp_path / "site" / "output"
    previous = os.umask(0o077)  # a strict umask must not make the site private
    try:
        build_site(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"), **FAST})
    finally:
        os.umask(previous)
    for path in [output, *output.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), path


# The child imports everything first, says "ready", and builds when told, so
# the random delay falls in the build itself, not in Python's start-up.
BUILD = """
import sys, time
from portal.build import build_site
print("ready", flush=True)
sys.stdin.readline()
started = time.perf_counter()
build_site({settings!r}, {output!r}, {overrides!r})
print(time.perf_counter() - started, flush=True)
"""


@pytest.mark.site
def test_a_build_killed_at_random_points_leaves_a_whole_site(tmp_path):
    content = ContentFolder(tmp_path / "content")
    output = tmp_path / "site" / "output"
    overrides = {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"), **FAST}
    script = BUILD.format(root=str(ROOT), settings=str(SETTINGS), output=str(output), overrides=overrides)

    def start():
        child = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        assert child.stdout.readline() == "ready\n"
        child.stdin.write("go\n")
        child.stdin.flush()
        return child

    def run() -> float:
        child = start()
        lines = child.stdout.read().splitlines()  # Pelican prints its summary first
        assert child.wait() == 0
        return float(lines[-1])

    known, durations = {}, []
    for version in "ABAB":  # the second round with warm caches, as every trial below: its times set the delays
        write_version(content, version)
        durations.append(run())
        known[version] = manifest(output)
    durations = durations[2:]
    assert known["A"] != known["B"]

    rng = random.Random(14)
    kills = 0
    for trial in range(20):
        write_version(content, "AB"[trial % 2])
        child = start()
        time.sleep(rng.uniform(0, 1.1) * max(durations))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            kills += 1
        child.wait()
        assert output.is_dir(), f"trial {trial}: output/ is missing"
        assert manifest(output) in (known["A"], known["B"]), f"trial {trial}: output/ is partial"
    assert kills >= 10  # the delays mostly fall inside a build

    run()
    # no killed build's folder is left; the last site but one is kept as the next build's (portal/spare.py)
    assert sorted(p.name for p in output.parent.iterdir()) == [".output.spare", "output"]


@pytest.mark.site
def test_unchanged_files_keep_their_times_so_uploads_send_only_changes(tmp_path):
    content = ContentFolder(tmp_path / "content")
    write_version(content, "satu")
    output = tmp_path / "output"
    overrides = {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"), **FAST}
    build_site(SETTINGS, output, overrides)
    before = {p.relative_to(output): (p.stat().st_mtime_ns, p.read_bytes()) for p in output.rglob("*") if p.is_file()}
    time.sleep(0.05)
    content.article("berita-1", Date="2026-08-21 10:00", Title="Berita 1 versi dua")
    build_site(SETTINGS, output, overrides)
    after = {p.relative_to(output): (p.stat().st_mtime_ns, p.read_bytes()) for p in output.rglob("*") if p.is_file()}
    same_bytes = {path for path in after if path in before and after[path][1] == before[path][1]}
    same_time = {path for path in after if path in before and after[path][0] == before[path][0]}
    assert same_time == same_bytes  # a file keeps its time exactly when its bytes did not change
    # (404.html lists Berita Terkini, so an edited title changes it; the stylesheet does not change)
    assert Path("theme/css/portal.css") in same_time and Path("berita/2026/08/21/berita-1/index.html") not in same_time


@pytest.mark.site
def test_a_build_that_logged_an_error_before_writing_writes_nothing(tmp_path, monkeypatch):
    """It will not be published: rendering it is only time, and it would unlink the published pages
    kept in its folder (portal/spare.py), whose changed ctime the next build would take for hand edits."""
    import logging

    from pelican import signals
    from pelican.writers import Writer

    content = ContentFolder(tmp_path / "content")
    write_version(content, "satu")
    written = []
    monkeypatch.setattr(Writer, "write_file", lambda self, name, *a, **k: written.append(name))
    monkeypatch.setattr(Writer, "write_feed", lambda self, *a, **k: written.append("feed"))

    def log_error(_generator):
        logging.getLogger("uji.galat").error("galat uji sebelum menulis")

    signals.article_generator_finalized.connect(log_error)
    try:
        with pytest.raises(BuildFailed, match="galat uji sebelum menulis"):
            build_site(SETTINGS, tmp_path / "output", {"PATH": str(content.root),
                                                       "CACHE_PATH": str(tmp_path / "cache"), **FAST})
    finally:
        signals.article_generator_finalized.disconnect(log_error)
    assert written == []
