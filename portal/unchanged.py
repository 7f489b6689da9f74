"""A build whose inputs did not change since the last good build is not run.

The scheduled publish rebuilds every few minutes, and most of those runs find
nothing new. Their output would be byte for byte the last one (builds are
reproducible), so the build is skipped when all of these still hold:

- the inputs are the same: every file under the content folder, the theme,
  the plugins and portal/ code, the settings as loaded (file bytes and
  values), the installed packages and Python, SOURCE_DATE_EPOCH;
- the clock has not reached the moment the output goes stale: the next
  scheduled article's time, the moment an article leaves the news
  sitemap's window, or the next moment an event starts or ends or an
  announcement expires (plugins/papan: "mendatang" stays true);
- the output folder is the one that build wrote, untouched: every file's
  path, size, time and inode as recorded.

Everything is recorded in one JSON file in the cache after a good build and
checked as untrusted: a damaged or foreign record only means a full build.
File hashes are memoised by (size, mtime, ctime, inode), which no copy tool
can restore, so photos are not hashed again every few minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import stat
import sys
from pathlib import Path

RECORD = "last-build.record"  # JSON; not named .json: the image caches own that suffix there
VERSION = 1
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Settings that name where this build writes (a fresh staging folder each time), not what it makes.
_WHERE = {"OUTPUT_PATH"}


def _stable(value, depth: int = 0):
    """A JSON-able form of a settings value that is the same in every process."""
    if depth > 12:  # a structure this deep (or a cycle) counts by its type alone
        return {"type": type(value).__qualname__}
    depth += 1
    if isinstance(value, dict):
        return {str(key): _stable(item, depth) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(item, depth) for item in value]
        return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if callable(value):
        func = getattr(value, "func", value)  # functools.partial
        name = f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', type(func).__name__)}"
        extra = [_stable(getattr(value, "args", ()), depth), _stable(getattr(value, "keywords", {}) or {}, depth)]
        return {"callable": name, "bound": extra}
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    state = getattr(value, "__dict__", None)
    if isinstance(state, dict):  # an object's own fields: its repr may hold its memory address
        return {"type": f"{type(value).__module__}.{type(value).__qualname__}", "state": _stable(state, depth)}
    return {"type": type(value).__qualname__, "repr": str(value)}


class NotComparable(Exception):
    """The inputs cannot be fingerprinted safely (a symlink, a path outside the
    hashed folders that covers them): the build always runs."""


class Hasher:
    """SHA-256 of files, memoised by a stat signature no copy tool can restore."""

    def __init__(self, memo=None):
        memo = memo if isinstance(memo, dict) else {}
        self.memo = {key: value for key, value in memo.items()
                     if isinstance(key, str) and isinstance(value, list) and len(value) == 2}
        self.fresh: dict[str, list] = {}

    def file(self, path: Path, info: os.stat_result) -> str:
        signature = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"
        known = self.memo.get(str(path))
        if known and known[0] == signature and isinstance(known[1], str):
            digest = known[1]
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.fresh[str(path)] = [signature, digest]
        return digest

    def tree(self, root: Path, into, leave_out=None) -> None:
        """Every entry under ROOT, in a fixed order: names, kinds, link targets, file
        hashes. INTO may be a ``Pair``: a file whose relative path LEAVE_OUT(path)
        is true goes only into its first digest."""
        if not root.exists():
            into.update(f"missing {root}\n".encode())
            return
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", ".git"))
            for name in sorted(files):
                path = Path(folder) / name
                info = path.lstat()
                relative = path.relative_to(root).as_posix()
                if stat.S_ISLNK(info.st_mode):  # Pelican reads through it: its target is an input we do not see
                    raise NotComparable(f"symlink {path}")
                if stat.S_ISREG(info.st_mode):
                    line = f"file {relative} {self.file(path, info)}\n".encode()
                    if leave_out is not None and leave_out(relative):
                        into.first.update(line)
                    else:
                        into.update(line)
            for name in dirs:
                if (Path(folder) / name).is_symlink():
                    raise NotComparable(f"symlink {Path(folder) / name}")
                into.update(f"dir {Path(folder, name).relative_to(root).as_posix()}\n".encode())


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)


def _named_paths(settings, trees: list[Path], written: list[Path]) -> list[Path]:
    """Existing files and folders that a setting names (absolute, or relative to
    the content folder, as NEWSROOM_PEOPLE_FILE is) outside the hashed TREES."""
    content = Path(settings["PATH"]).resolve()
    found = set()
    for key, value in settings.items():
        if key in _WHERE or key in ("CACHE_PATH", "NEXT_DUE_FILE"):
            continue
        for text in _strings(value):
            if not text or "\n" in text or len(text) > 4096 or "://" in text or "{" in text:
                continue
            try:
                path = (content / text).resolve()  # an absolute TEXT stays itself
                exists = path.exists()
            except (OSError, RuntimeError, ValueError):
                continue
            if not exists or any(path == t or t in path.parents for t in trees):
                continue
            if path.is_dir() and any(path == w or path in w.parents or path in t.parents
                                     for w in written for t in trees):
                raise NotComparable(f"{key} names {path}, which holds the site's own folders")
            found.add(path)
    return sorted(found)


def inputs(settings, settings_file: Path, hasher: Hasher) -> tuple[str | None, str | None]:
    """The fingerprint of everything a build reads, and the same without the
    articles' source files (what the build makes of them is digested page by
    page, newsroom.reuse); (None, None) when they cannot be made safely."""
    try:
        return _inputs(settings, settings_file, hasher, article_source(settings))
    except (NotComparable, OSError):
        return None, None


class Pair:
    """Two digests fed the same bytes, but what goes to ``first`` alone."""

    def __init__(self, first, second):
        self.first, self.second = first, second

    def update(self, data: bytes) -> None:
        self.first.update(data)
        self.second.update(data)


# The readers' extensions (Markdown, reStructuredText, HTML): an article's source file.
_SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm")


def article_source(settings):
    """Whether a path relative to the content folder is an article's source file."""
    folders = tuple(str(p).strip("/") for p in settings.get("ARTICLE_PATHS") or ())

    def test(relative: str) -> bool:
        return relative.lower().endswith(_SOURCE_SUFFIXES) and any(
            not folder or relative.startswith(folder + "/") for folder in folders)
    return test


def _inputs(settings, settings_file: Path, hasher: Hasher, leave_out) -> tuple[str, str]:
    whole, without_articles = hashlib.sha256(), hashlib.sha256(b"without articles\n")
    digest = Pair(whole, without_articles)
    digest.update(f"portal-inputs {VERSION} {sys.version}\n".encode())
    trees = [Path(settings["PATH"]), Path(settings["THEME"]), PROJECT_ROOT / "plugins", PROJECT_ROOT / "portal",
             *(Path(p) for p in settings.get("PLUGIN_PATHS") or ())]
    for folder in trees:
        digest.update(f"tree {folder.resolve()}\n".encode())
        hasher.tree(folder, digest, leave_out if folder is trees[0] else None)
    written = [Path(settings.get(key) or ".").resolve() for key in ("OUTPUT_PATH", "CACHE_PATH")]
    for path in _named_paths(settings, [t.resolve() for t in trees], written):
        digest.update(f"named {path}\n".encode())
        if path.is_dir():
            hasher.tree(path, digest)
        elif path.is_file():
            digest.update(hasher.file(path, path.stat()).encode())
    for path in sorted({Path(settings_file).resolve(), *Path(settings_file).resolve().parent.glob("*conf.py")}):
        digest.update(f"settings-file {path} ".encode() + hashlib.sha256(path.read_bytes()).digest())
    values = {key: value for key, value in settings.items() if key not in _WHERE}
    digest.update(json.dumps(_stable(values), sort_keys=True, ensure_ascii=True).encode())
    # A set: the same distribution is found twice once Pelican has put "" or PLUGIN_PATHS on sys.path.
    packages = sorted({f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()})
    digest.update("\n".join(packages).encode())
    digest.update(f"\nSOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    return whole.hexdigest(), without_articles.hexdigest()


def output_signature(output: Path, stats: dict | None = None) -> str | None:
    """Paths, sizes, times (ctime too, which no tool can set back) and inodes of
    every entry of OUTPUT (None when it is not a folder).

    A file with other hard links that is not a page (the search index's shards
    are linked from the cache, see distribusi.search) leaves its ctime out: the
    cache's links come and go, which changes the ctime of every such file, and
    the next build with nothing changed was never skipped. A page's other link
    is in the last site but one (portal/spare.py), which nothing touches before
    the next build has taken this signature: its ctime stays in, so a page
    edited by hand with its old time set back is still seen.
    STATS, if given, gets each regular file's (size, mtime, ctime, inode) by its
    relative path (newsroom.reuse records the pages' from it)."""
    if output.is_symlink() or not output.is_dir():
        return None
    digest = hashlib.sha256()
    root = str(output)
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        prefix = folder[len(root) + 1:].replace(os.sep, "/")  # strings, not Paths: 17,000 files at 10,000 articles
        prefix = prefix + "/" if prefix else ""
        for name in sorted(files) + dirs:
            info = os.lstat(os.path.join(folder, name))
            relative = prefix + name
            if stats is not None and stat.S_ISREG(info.st_mode):
                stats[relative] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            ctime = info.st_ctime_ns if info.st_nlink == 1 or not stat.S_ISREG(info.st_mode) \
                or name.endswith(".html") else "linked"
            digest.update(f"{relative} {info.st_mode} {info.st_size} "
                          f"{info.st_mtime_ns} {ctime} {info.st_ino}\n".encode())
    return digest.hexdigest()


def read_record(cache: Path) -> dict:
    try:
        record = json.loads((cache / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return record if isinstance(record, dict) and record.get("version") == VERSION else {}


def still_good(record: dict, fingerprint: str | None, output: Path, now: dt.datetime) -> bool:
    """Whether the recorded build's output at OUTPUT is what a build now would write."""
    if fingerprint is None or not record or record.get("inputs") != fingerprint or record.get("output") != str(output):
        return False
    stale = record.get("stale_at")
    if stale is not None:
        try:
            if now >= dt.datetime.fromisoformat(stale):
                return False
        except (TypeError, ValueError):
            return False
    return record.get("signature") is not None and record.get("signature") == output_signature(output)


def write_record(cache: Path, **fields) -> None:
    """Atomically; a build that cannot write it just builds in full next time."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f".{RECORD}.{os.getpid()}"
        partial.write_text(json.dumps({"version": VERSION, **fields}), encoding="utf-8")
        os.replace(partial, cache / RECORD)
    except OSError:
        pass


def forget(cache: Path) -> None:
    try:
        (cache / RECORD).unlink()
    except OSError:
        pass
