"""What keeps the suite fast: two layers, shared caches, one build per configuration.

- **Layers.** A test that asks for no site (none of ``SITE_FIXTURES``, no
  fixture of its own test module, no ``@pytest.mark.site``) is marked
  ``unit``; ``invoke test --fast`` runs only those (``-m unit``). A unit test
  that builds a site anyway fails there, naming the marker to add.
- **Shared caches.** Every test build starts from the session's renditions
  and drawn images (CACHE_PATH/gambar and CACHE_PATH/distribusi: named by a
  hash of what they show and verified when read, so sharing them is safe) and
  adds what it made: one pool for the small test sites, one for the sample
  content. Files are copied, never linked: a test that damages its cache
  damages its copy. ``@pytest.mark.fresh_cache`` opts out. Templates are
  compiled once per session (a Jinja bytecode cache; Pelican makes a new Jinja
  environment per generator and per build).
- **Pagefind only for search.** Test builds skip the search index unless the
  test is marked ``@pytest.mark.search`` or sets DISTRIBUSI_PAGEFIND itself.
- **One build per configuration.** ``built_once`` builds a session fixture's
  site once, for all pytest-xdist workers (a file lock), so the sample site is
  built once however many processes run the tests.
- **Counts.** ``--build-counts`` prints how many Pelican runs (and how many
  with Pagefind) each test file and the busiest tests made: a measure of
  the suite's work that does not depend on the machine's load. Builds made in
  a subprocess are not counted.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
from jinja2 import FileSystemBytecodeCache
from pelican import Pelican

from portal.build import build_site, load_settings

# Fixtures that build (or write content for) a site: a test using one is not a unit test.
SITE_FIXTURES = {"content", "build", "sample_site", "published_site", "sample_server", "browser"}
SHARED_FOLDERS = ("gambar", "distribusi")  # content-hashed, verified-on-read parts of CACHE_PATH

_config: list = []  # the pytest config, once configured
_builds: Counter = Counter()  # nodeid -> Pelican runs
_indexed: Counter = Counter()  # nodeid -> Pelican runs with Pagefind
_current: list[str] = []  # the nodeid of the running test, if any
_guard = False  # unit tests may not build (set under -m unit)


# --- Hooks (conftest.py re-exports them) ----------------------------------------
def pytest_addoption(parser):
    parser.addoption("--build-counts", action="store_true",
                     help="print how many site builds each test file and the busiest tests made")


def pytest_configure(config):
    global _guard
    _guard = (config.getoption("markexpr", "") or "").strip() == "unit"
    _config.append(config)


@functools.cache
def _session_root() -> Path | None:
    """The session's temporary folder, one for all xdist workers; None outside pytest."""
    factory = getattr(_config[-1], "_tmp_path_factory", None) if _config else None
    if factory is None:
        return None
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _shared() -> Path | None:
    """The session's shared cache folder."""
    root = _session_root()
    if root is None:
        return None
    (root / "shared-cache").mkdir(exist_ok=True)
    return root / "shared-cache"


def _own_fixture(item, name: str) -> bool:
    """Whether fixture NAME is defined in a test module (such fixtures build sites)."""
    definitions = item._fixtureinfo.name2fixturedefs.get(name) or ()
    return any(getattr(d.func, "__module__", "").startswith("tests.test_") for d in definitions)


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("site") or names & SITE_FIXTURES or any(_own_fixture(item, n) for n in names):
            continue
        item.add_marker(pytest.mark.unit)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _current.append(item.nodeid)
    try:
        return (yield)
    finally:
        _current.pop()


def pytest_sessionfinish(session):
    """An xdist worker hands its counts to the controller (pytest_testnodedown)."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["builds"], output["indexed"] = dict(_builds), dict(_indexed)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    output = getattr(node, "workeroutput", None) or {}
    _builds.update(output.get("builds", {}))
    _indexed.update(output.get("indexed", {}))


def pytest_terminal_summary(terminalreporter, config):
    if not config.getoption("--build-counts"):
        return
    by_file: Counter = Counter()
    indexed_by_file: Counter = Counter()
    for nodeid, count in _builds.items():
        by_file[nodeid.split("::")[0]] += count
        indexed_by_file[nodeid.split("::")[0]] += _indexed[nodeid]
    write = terminalreporter.write_line
    terminalreporter.section("site builds: Pelican runs in pytest's processes, and how many ran Pagefind")
    for file, count in sorted(by_file.items(), key=lambda pair: -pair[1]):
        write(f"{count:4d} {indexed_by_file[file]:4d}  {file}")
    write(f"{sum(by_file.values()):4d} {sum(indexed_by_file.values()):4d}  total")
    write("busiest tests:")
    for nodeid, count in _builds.most_common(15):
        write(f"{count:4d} {_indexed[nodeid]:4d}  {nodeid}")


# --- Counting, and the unit layer's guard ------------------------------------------
_pelican_run = Pelican.run


def _counted_run(self, *args, **kwargs):
    who = _current[-1] if _current else "(fixtures)"
    _builds[who] += 1
    if self.settings.get("DISTRIBUSI_PAGEFIND", True):
        _indexed[who] += 1
    if _guard and _current:
        pytest.fail("a unit test built a site: give it a site fixture or mark it @pytest.mark.site", pytrace=False)
    return _pelican_run(self, *args, **kwargs)


Pelican.run = _counted_run


# --- Building with the session's caches --------------------------------------------
@functools.cache
def _jinja_environment(settings_file: str) -> dict:
    return dict(load_settings(settings_file)["JINJA_ENVIRONMENT"])


def _fast_overrides(settings_file, overrides: dict, search: bool) -> dict:
    fast = dict(overrides)
    if not search:
        fast.setdefault("DISTRIBUSI_PAGEFIND", False)
    # A test that builds the same content twice tests what a build does (caches, damage, code
    # changes): it really builds. tests/test_unchanged.py tests the skip of unchanged builds.
    fast.setdefault("PORTAL_SKIP_UNCHANGED", False)
    shared = _shared()
    if shared is not None and "JINJA_ENVIRONMENT" not in fast:
        templates = shared / "jinja"
        templates.mkdir(exist_ok=True)
        fast["JINJA_ENVIRONMENT"] = {**_jinja_environment(str(settings_file)),
                                     "bytecode_cache": FileSystemBytecodeCache(str(templates))}
    return fast


def _intact(file: Path) -> bool:
    """Whether FILE matches its sidecar ``.<name>.sum`` ("size sha256", gambar's
    cachefile): only such pairs are shared; a damaged copy stays with its test."""
    try:
        size, digest = (file.parent / f".{file.name}.sum").read_text(encoding="ascii").split()
        data = file.read_bytes()
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return len(data) == int(size) and hashlib.sha256(data).hexdigest() == digest


def _copy(file: Path, target: Path) -> None:
    """Copy FILE to TARGET through a temporary name (another xdist worker may read meanwhile)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".copy-")
    os.close(handle)
    shutil.copyfile(file, temporary)
    os.replace(temporary, target)


def _copy_new(source: Path, target: Path) -> None:
    """Copy every intact cache file under SOURCE that TARGET lacks, with its
    sidecar after it (the order the plugin writes them in). Symlinks and
    anything else are skipped: only what a build wrote and verified is shared."""
    for folder, _, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        for name in files:
            file = Path(folder) / name
            if name.startswith(".") or (into / name).exists() or file.is_symlink() or not _intact(file):
                continue
            into.mkdir(parents=True, exist_ok=True)
            _copy(file, into / name)
            _copy(file.parent / f".{name}.sum", into / f".{name}.sum")


def fast_build(settings_file, output, overrides: dict, *, search: bool = False, pool: str | None = "tests"):
    """``build_site`` as tests call it: Pagefind only when SEARCH, templates
    compiled once per session, renditions and drawn images taken from and
    added to the shared cache POOL (None: a fresh cache).

    Builds of the real sample content use the pool "sample" (some 1,500
    files): the small test builds would otherwise copy them all, every time."""
    cache = Path(overrides.get("CACHE_PATH") or load_settings(settings_file)["CACHE_PATH"])
    shared = _shared() / pool if pool and _shared() is not None else None
    if shared is not None:
        for folder in SHARED_FOLDERS:
            if not os.path.lexists(cache / folder):  # only a test's first build; never over what it changed
                _copy_new(shared / folder, cache / folder)
    result = build_site(settings_file, output, _fast_overrides(settings_file, overrides, search))
    if shared is not None:
        for folder in SHARED_FOLDERS:
            if (cache / folder).is_dir() and not (cache / folder).is_symlink():
                _copy_new(cache / folder, shared / folder)
    return result


@contextmanager
def _locked(path: Path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_once(tmp_path_factory, name: str, settings_file, overrides: dict, *, search: bool = False) -> Path:
    """The output of one session-wide build called NAME, made by whichever
    xdist worker asks first; the others wait for it and read the same folder."""
    root = _session_root()
    base = root / name if root is not None else tmp_path_factory.mktemp(name)
    base.mkdir(exist_ok=True)
    output, done = base / "output", base / "done"
    with _locked(base.parent / f"{name}.lock"):
        if not done.exists():
            fast_build(settings_file, output, {"CACHE_PATH": str(base / "cache"), **overrides}, search=search,
                       pool="sample")
            done.touch()
    return output
