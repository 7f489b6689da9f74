"""Pages whose inputs did not change are taken from the last build, not rendered again.

portal/build.py writes every build into a new folder and swaps it in whole.
Before, every page of the site was rendered into it again after one edited
article; now each page carries a key (fingerprint.py: the template and its
arguments, the page's own article whole, every article's card, the inputs
that are not articles) and a page whose key is the one recorded with the
last build's output is hard-linked from that output instead (copied where
links cannot be made): the same bytes, inode and time, so rsync and CDN
uploads see only what changed.

What makes it safe:
- only ``portal.build`` turns it on (``PORTAL_REUSE``: where the last output
  is, and the digest of the inputs that are not articles), and only after a
  good build is the record written; a damaged or foreign record, a file in
  the last output whose size, times or inode are not the recorded ones (an
  edit by hand), a clock that reached the moment the last output went
  stale: the page is rendered;
- a value the digest does not know renders the page (or, in the site's
  lists, the whole site): never a guess;
- what rendering a page does besides its text (the photo renditions it asks
  gambar to publish) is recorded with the page and done again when the page
  is reused (``register_effects``); a page whose effects cannot be recorded
  is always rendered. A template global that publishes a file when a page
  asks for it must record it so, or have it published at the end whatever
  the pages asked (as distribusi does with the logos);
- a path that was linked is unlinked before anything writes to it again, so
  nothing ever writes through a link into the published site; so is a page
  the build's folder already held (portal/spare.py: the last site but one is
  the next build's folder), unless it is the very file being reused.

A theme, plugin or settings change changes the inputs digest: every page is
rendered. tests/test_incremental.py compares random edits with cold builds.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import shutil
import stat
from pathlib import Path

from pelican.writers import Writer

from . import fingerprint, memory, state

logger = logging.getLogger(__name__)

KEY = "reuse_build"
SETTING = "PORTAL_REUSE"  # {"output": last output folder, "inputs": digest, "cache": folder}; set by portal.build
# In the generators' context: the pages already in the build's folder when it starts (portal/spare.py:
# the published files themselves, kept under their names there), absolute path -> mtime. The writer takes
# each one it reuses as it is and unlinks it before it writes or links anything else at its path, so
# nothing is written through it; what is left of it after the build was written by no one.
KEPT = "spare_build"  # "_build": a build's state, never digested (fingerprint._site_key)
RECORD = "pages.record"  # JSON in CACHE_PATH (not .json: gambar owns that suffix there)
VERSION = 1
_NO_EFFECTS: dict = {}  # a page that did nothing but its text (never changed: shared by those pages)
_BIG_LIST = 32  # lists at least this long are digested once per build (all_articles on every tag page)


class ReuseBuild(state.BuildState):
    """One build's keys, the last build's record, and the effects recorders."""

    def __init__(self, settings):
        wanted = settings.get(SETTING) or {}
        self.enabled = isinstance(wanted, dict) and bool(wanted.get("inputs"))
        self.inputs = str(wanted.get("inputs") or "")
        self.previous_output = Path(wanted["output"]) if self.enabled and wanted.get("output") else None
        self.cache = Path(wanted.get("cache") or settings.get("CACHE_PATH") or ".")
        self.effects: dict[str, object] = {}  # name -> recorder (begin, end, replay)
        self.site: str | None = None  # the site digest, made at the first page
        self.started = False
        self.previous: dict[str, list] = {}
        self.pages: dict[str, list] = {}  # output file -> [key, effects]
        self.reused = 0
        self.rendered = 0
        self.linked: set[str] = set()  # the pages linked into this build's folder (absolute paths)
        self._digests: dict[int, tuple[object, bytes]] = {}
        self._cards: dict[int, tuple[object, bytes]] = {}  # id -> (content, card), made with the site digest

    # --- the site, once, at the first page -------------------------------------------------

    def start(self, context) -> None:
        self.started = True
        if not self.enabled:
            return
        try:
            self.site = fingerprint.site_digest(context, self.inputs, self._cards)
        except fingerprint.Unknown as exc:
            logger.debug("pages not reused: %s", exc)
            self.site = None
            return
        record = read_record(self.cache)
        if (record.get("site") == self.site and self.previous_output is not None
                and record.get("output") == str(self.previous_output) and _still_fresh(record)):
            self.previous = record["pages"]

    # --- keys -------------------------------------------------------------------------------

    def call_digest(self, name, template, args: dict, kwargs: dict) -> bytes | None:
        """The digest of one ``write_file`` call: everything but the page's own address."""
        if self.site is None:
            return None
        h = fingerprint.new()
        fingerprint.feed(h, self.site)
        fingerprint.feed(h, str(name))
        fingerprint.feed(h, getattr(template, "name", None) or repr(template))
        try:
            fingerprint.feed(h, args)
            for key in sorted(kwargs):
                fingerprint.feed(h, key)
                h.update(self._value_digest(kwargs[key]))
        except fingerprint.Unknown as exc:
            logger.debug("%s rendered: %s", name, exc)
            return None
        return h.digest()

    def _value_digest(self, value) -> bytes:
        """A page's own article whole; a long list once per build (it is not changed while pages
        are written). Memoised by id with the object held, so that no other object takes its id."""
        big = isinstance(value, (list, tuple)) and len(value) >= _BIG_LIST
        if big or isinstance(value, fingerprint.Content):
            known = self._digests.get(id(value))
            if known is not None and known[0] is value:
                return known[1]
        h = fingerprint.new()
        if isinstance(value, fingerprint.Content):
            card = self._cards.get(id(value))
            h.update(b"c" + fingerprint.content_digest(value, card[1] if card and card[0] is value else None))
        else:
            fingerprint.feed(h, value)
        digest = h.digest()
        if big or isinstance(value, fingerprint.Content):
            self._digests[id(value)] = (value, digest)
        return digest

    # --- one page --------------------------------------------------------------------------

    def reusable(self, output_file: str, key: str) -> str | None:
        """The last output's file for OUTPUT_FILE if its key is KEY, it is as
        recorded, and its effects were done again; else None."""
        entry = self.previous.get(output_file)
        if not (isinstance(entry, list) and len(entry) == 3 and entry[0] == key and isinstance(entry[2], dict)):
            return None
        path = os.path.join(self.previous_output, output_file)
        try:
            info = os.lstat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode) or _signature(info) != entry[1]:
            return None
        try:
            for name, data in entry[2].items():
                self.effects[name].replay(data)
        except Exception as exc:  # noqa: BLE001 — a recorder that cannot replay: render the page
            logger.debug("%s rendered: effects not replayed (%s)", output_file, exc)
            return None
        return path

    def begin(self) -> None:
        for recorder in self.effects.values():
            recorder.begin()

    def end(self) -> dict | None:
        """What rendering the page did besides its text, or None if any of it cannot be done again."""
        done = {name: recorder.end() for name, recorder in self.effects.items()}
        if any(data is None for data in done.values()):
            return None
        return done if any(done.values()) else _NO_EFFECTS  # most pages: one shared empty dict

    def mark(self) -> dict:
        """Where each recorder's record of the page stands (see once.py)."""
        return {name: recorder.mark() for name, recorder in self.effects.items()}

    def since(self, mark: dict) -> dict:
        """What was recorded after MARK: the effects of a fragment ``once`` keeps."""
        return {name: recorder.since(mark.get(name)) for name, recorder in self.effects.items()}

    def add(self, effects: dict) -> None:
        """A kept fragment is used again: its effects belong to this page's record too."""
        for name, data in effects.items():
            recorder = self.effects.get(name)
            if recorder is not None:
                recorder.add(data)

    def keep(self, output_file: str, key: str, effects: dict | None) -> None:
        if effects is None:
            self.pages.pop(output_file, None)
        else:
            self.pages[output_file] = [key, effects]

    def release(self) -> None:
        self.previous, self._digests, self._cards = {}, {}, {}
        memory.settle()

    # --- after the swap ----------------------------------------------------------------------

    def save(self, output: Path, valid_until: dt.datetime | None, stats: dict | None = None) -> None:
        """Record the keys of the pages now in OUTPUT (after the swap) for the next build;
        STATS: OUTPUT's regular files' (size, mtime, ctime, inode) by relative path, if the
        caller took them after the swap (unchanged.output_signature)."""
        if not self.enabled or self.site is None:  # the output no longer holds the recorded files
            forget(self.cache)
            return
        def pages():
            for output_file, (key, effects) in self.pages.items():
                if stats is not None:
                    signature = stats.get(output_file)
                else:
                    try:
                        info = os.lstat(os.path.join(output, output_file))
                    except (OSError, ValueError):
                        continue
                    signature = _signature(info) if stat.S_ISREG(info.st_mode) else None
                if signature is not None:
                    yield output_file, [key, list(signature), effects]
        write_record(self.cache, {"version": VERSION, "site": self.site, "output": str(output), "inputs": self.inputs,
                                  "valid_until": valid_until.isoformat() if valid_until else None}, pages())
        self.pages = {}  # recorded: not needed in memory any longer


def _signature(info: os.stat_result) -> list[int]:
    """Size, times and inode of a published page: an edit by hand changes one of them, even
    with its old time set back (the ctime, which no tool can set, is taken after the swap)."""
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def written(context) -> set[str]:
    """Every page is written: let go of what choosing them took (the last record, the digests:
    tens of MB at 10,000 articles; this build's keys stay, for its record) and return the
    pages linked from the last output (absolute paths in the build's folder)."""
    build = context.get(KEY) if context else None
    if build is None:
        return set()
    build.release()
    return build.linked


def build_of(context) -> ReuseBuild:
    build = context.get(KEY)
    if build is None:
        build = context[KEY] = ReuseBuild(context)
    return build


def register_effects(context, name: str, recorder) -> None:
    """RECORDER records what rendering a page does besides writing it, under NAME:
    ``begin()`` before a page, ``end()`` after it (JSON data, or None when it
    cannot be done again), ``replay(data)`` for a reused page, and for the
    fragments ``once`` keeps ``mark()``, ``since(mark)`` and ``add(data)``."""
    build_of(context).effects[name] = recorder


def save(context, output: Path, valid_until: dt.datetime | None, stats: dict | None = None) -> None:
    build = context.get(KEY) if context else None
    if build is not None:
        build.save(output, valid_until, stats)


def stats(context) -> tuple[int, int]:
    """(pages reused, pages rendered) by the build with this CONTEXT."""
    build = context.get(KEY) if context else None
    return (build.reused, build.rendered) if build is not None else (0, 0)


# --- the record ------------------------------------------------------------------------------

def read_record(cache: Path) -> dict:
    try:
        record = json.loads((cache / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not (isinstance(record, dict) and record.get("version") == VERSION and isinstance(record.get("pages"), dict)):
        return {}
    return record


def recorded_pages(cache: Path, output: Path, inputs: str) -> dict | None:
    """The last build's pages (output file -> [key, signature, effects]) if its record is OUTPUT's
    and was made from these INPUTS (theme, plugins, settings: the same writer); else None."""
    record = read_record(cache)
    if record.get("output") != str(output) or record.get("inputs") != inputs:
        return None
    return record["pages"]


def _still_fresh(record: dict) -> bool:
    until = record.get("valid_until")
    if until is None:
        return True
    try:
        return dt.datetime.now(dt.UTC) < dt.datetime.fromisoformat(until)
    except (TypeError, ValueError):
        return False


def write_record(cache: Path, header: dict, pages) -> None:
    """HEADER's fields and PAGES ((output file, entry) pairs) as one JSON object, written
    entry by entry (at 10,000 articles the whole text would be one more 3 MB string at the
    build's peak) and atomically; a build that cannot write it renders every page next time."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f".{RECORD}.{os.getpid()}"
        with open(partial, "w", encoding="utf-8") as out:
            out.write(json.dumps(header, separators=(",", ":"))[:-1] + ',"pages":{')
            for number, (output_file, entry) in enumerate(pages):
                out.write(("," if number else "") + json.dumps(output_file) + ":"
                          + json.dumps(entry, separators=(",", ":")))
            out.write("}}")
        os.replace(partial, cache / RECORD)
    except OSError:
        forget(cache)


def forget(cache: Path) -> None:
    try:
        (cache / RECORD).unlink()
    except OSError:
        pass


# --- the writer ------------------------------------------------------------------------------

class _Template:
    """The page's template, asked by Pelican's writer to render one page: the
    last build's file when the page's key is unchanged."""

    def __init__(self, template, build: ReuseBuild, call: bytes, writer: ReusingWriter):
        self._template, self._build, self._call, self._writer = template, build, call, writer

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, localcontext) -> str:
        build = self._build
        output_file = localcontext["output_file"]
        h = fingerprint.new()
        h.update(self._call + output_file.encode("utf-8", "surrogatepass"))
        key = h.hexdigest()
        previous = build.reusable(output_file, key) if build.previous else None
        if previous is not None:
            self._writer.reuse_next(output_file, previous, build)
            build.keep(output_file, key, build.previous[output_file][2] or _NO_EFFECTS)
            build.reused += 1
            return ""
        build.begin()
        effects = None
        try:
            text = self._template.render(localcontext)
        finally:
            effects = build.end()
        build.keep(output_file, key, effects)
        build.rendered += 1
        return text


class ReusingWriter(Writer):
    """Pelican's Writer, reusing the last build's pages whose key is unchanged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._next_from: tuple[str, str] | None = None  # (the page's path, the last output's file)
        self._linked: set[str] = set()
        self._kept: dict[str, int] = {}

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        build = context.get(KEY) if name and isinstance(context, dict) else None
        if isinstance(context, dict) and KEPT in context:
            self._kept = context[KEPT]
        if build is not None and not build.started:
            build.start(context)
        if build is not None and build.site is not None:
            args = {"relative_urls": relative_urls, "paginated": paginated, "template_name": template_name,
                    "override_output": override_output, "url": url}
            call = build.call_digest(name, template, args, kwargs)
            if call is not None:
                template = _Template(template, build, call, self)
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)

    def reuse_next(self, output_file: str, previous: str, build: ReuseBuild) -> None:
        """The page OUTPUT_FILE, about to be opened, is the last output's PREVIOUS."""
        self._next_from = (os.path.normpath(os.path.join(self.output_path, output_file)), previous)
        self._linked = build.linked

    def _open_w(self, filename, encoding, override=False):
        pending, self._next_from = self._next_from, None
        # only for the very file it was meant for (a feed opened after a failed page never takes it)
        source = pending[1] if pending and os.path.normpath(filename) == pending[0] else None
        if self._kept.pop(filename, None) is not None:  # first touched: not written or linked in this build yet
            if source is not None and _same_file(filename, source):  # already the page
                self._taken(filename, override)
                self._linked.add(filename)
                return io.StringIO()
            os.unlink(filename)
        if filename in self._linked and filename not in self._overridden_files:
            os.unlink(filename)  # written again: never through the link into the published file
            self._linked.discard(filename)
        if source is None or filename in self._overridden_files or (filename in self._written_files and not override):
            return super()._open_w(filename, encoding, override)  # Pelican's: write, skip, or refuse
        self._taken(filename, override)  # the file is linked, not opened
        try:
            _link(source, filename)
            self._linked.add(filename)
        except OSError:  # no hard links here: a copy, with its time
            shutil.copy2(source, filename)
        return io.StringIO()


    def _taken(self, filename: str, override: bool) -> None:
        """Pelican's bookkeeping (Writer._open_w) for a page it may write, when the page is
        not opened but taken from the last output."""
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samestat(os.lstat(a), os.lstat(b))
    except OSError:
        return False


def _link(source: Path, filename: str) -> None:
    try:
        os.link(source, filename)
    except FileExistsError:  # written before in this build, with override
        os.unlink(filename)
        os.link(source, filename)
