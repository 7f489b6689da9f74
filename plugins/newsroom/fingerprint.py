"""Digests of what a page is made from, for reusing the pages of the last build (reuse.py).

A page is the same as last time when its template, the inputs that are not
articles (theme, settings, photos, people, pages' files: the ``inputs``
digest the build hands over), the state of the whole site, and its own
objects are all the same. Every value is fed into one running hash:

- the site (``site_digest``): every article's *card*, the fields other
  pages show of it (metadata, address, status, the newsroom model but its
  word count), and every list of the context (taxonomies, dates, pages,
  papan) by membership and order; a title, date or rubrik edited anywhere
  changes it, so every page is rendered again;
- a page's own article (``content_digest``): everything on the object,
  body, Rekomendasi, Terkini and split pages included;
- an article met inside a list is named by its source path only: what a
  list shows of it is in the site digest already.

A value of a type it does not know is ``Unknown``: that page (or the whole
build) is rendered, never reused on a guess. A repr naming a memory address
is such a value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import numbers
import os
from enum import Enum

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

DEPTH = 16
# Fields of an article that only its own page shows, and that change when
# another article changes (Rekomendasi, Terkini, Baca juga in the body) or
# whenever the body does (word count, split pages): left out of its card.
PAGE_ONLY = frozenset({"rekomendasi", "rekomendasi_dropped", "terkini", "body", "halaman", "_content",
                       "newsroom_body", "newsroom_opening", "newsroom_words", "distribusi", "_summary"})
NEWSROOM_PAGE_ONLY = frozenset({"words", "reading_minutes"})
# Never fed: the shared context and settings (in the inputs digest), and a
# plugin's per-build state (made from the inputs and articles, and written
# to while pages are rendered).
SKIPPED = frozenset({"_context", "settings"})
# A plugin's copy of the build's clock (papan's "now"): what it decides (an event
# upcoming, an announcement expired) is on the items, and the last build's
# record is not used past the first moment any of that changes (its stale_at).
CLOCK = frozenset({"now"})


class Unknown(Exception):
    """A value whose digest would not be the same for the same content."""


def new() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=20)


def feed(h, value, depth: int = 0) -> None:
    """Feed VALUE into H; an article inside it by its source path."""
    if depth > DEPTH:
        raise Unknown("too deep")
    depth += 1
    kind = type(value)
    if value is None or kind is bool:
        h.update(b"c" + repr(value).encode())
    elif kind is str:
        data = value.encode("utf-8", "surrogatepass")
        h.update(b"s%d:" % len(data) + data)
    elif isinstance(value, Content):
        h.update(b"r" + reference(value).encode("utf-8", "surrogatepass") + b"\0")
    elif isinstance(value, URLWrapper):
        h.update(f"w{kind.__name__}\0{value.name}\0{value.slug}\0".encode("utf-8", "surrogatepass"))
    elif isinstance(value, (list, tuple)):
        h.update(b"l%d(" % len(value))
        for item in value:
            feed(h, item, depth)
        h.update(b")")
    elif isinstance(value, dict):
        h.update(b"d%d(" % len(value))
        for key in sorted(value, key=str):
            feed(h, str(key), depth)
            feed(h, value[key], depth)
        h.update(b")")
    elif isinstance(value, (set, frozenset)):
        parts = []
        for item in value:
            sub = new()
            feed(sub, item, depth)
            parts.append(sub.digest())
        h.update(b"S" + b"".join(sorted(parts)))
    elif isinstance(value, str):  # a str subclass (Markup)
        feed(h, str(value), depth)
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        h.update(f"t{kind.__name__}{value.isoformat()}{getattr(value, 'tzinfo', None)}".encode())
    elif isinstance(value, Enum):
        h.update(f"e{kind.__qualname__}.{value.name}".encode())
    elif isinstance(value, numbers.Number):
        h.update(f"n{value!r}".encode())
    elif isinstance(value, bytes):
        h.update(b"b%d:" % len(value) + value)
    elif isinstance(value, os.PathLike):
        feed(h, os.fspath(value), depth)
    elif isinstance(value, dt.tzinfo):
        h.update(f"z{value}".encode())
    else:
        _feed_object(h, value, depth)


def _feed_object(h, value, depth: int) -> None:
    """An object by its type and its public fields (a slot or attribute that starts
    with "_" is its own business: a back reference, a cache, an engine's index)."""
    kind = type(value)
    fields = getattr(value, "__dict__", None)
    if fields is None:
        names = [n for cls in kind.__mro__ for n in getattr(cls, "__slots__", ())]
        if not names:
            text = repr(value)
            if " at 0x" in text or callable(value):
                if callable(value) and hasattr(value, "__qualname__"):
                    h.update(f"f{getattr(value, '__module__', '')}.{value.__qualname__}".encode())
                    return
                raise Unknown(text[:80])
            h.update(f"o{kind.__module__}.{kind.__qualname__}:{text}".encode())
            return
        fields = {n: getattr(value, n) for n in names if hasattr(value, n)}
    h.update(f"o{kind.__module__}.{kind.__qualname__}(".encode())
    for name in sorted(fields):
        if name.startswith("_") or name in CLOCK:
            continue
        feed(h, name, depth)
        feed(h, fields[name], depth)
    h.update(b")")


def reference(content: Content) -> str:
    return getattr(content, "relative_source_path", None) or content.source_path or content.save_as or ""


def card_digest(content: Content) -> bytes:
    """What any page may show of CONTENT besides its own page."""
    h = new()
    _feed_card(h, vars(content))
    for name in ("url", "save_as", "status"):
        feed(h, getattr(content, name, None))
    return h.digest()


def _feed_card(h, fields: dict) -> None:
    """FIELDS (an article's attributes, or its metadata, which holds the same) but the page-only ones."""
    for name in sorted(fields, key=str):
        if name in PAGE_ONLY or name in SKIPPED:
            continue
        value = fields[name]
        if name == "metadata" and isinstance(value, dict):
            feed(h, name)
            _feed_card(h, value)
            continue
        if name == "newsroom" and value is not None and hasattr(value, "__dataclass_fields__"):
            value = {k: getattr(value, k) for k in value.__dataclass_fields__ if k not in NEWSROOM_PAGE_ONLY}
        feed(h, str(name))
        feed(h, value)


def content_digest(content: Content) -> bytes:
    """Everything on CONTENT, for the page that shows it whole."""
    h = new()
    fields = vars(content)
    for name in sorted(fields):
        if name in SKIPPED:
            continue
        feed(h, name)
        feed(h, fields[name])
    for name in ("url", "save_as", "status"):
        feed(h, getattr(content, name, None))
    return h.digest()


def _contents_of(context) -> dict[int, Content]:
    found: dict[int, Content] = {}

    def visit(value, depth=0):
        if depth > 3:
            return
        if isinstance(value, Content):
            found.setdefault(id(value), value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item, depth + 1)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item, depth + 1)

    for key, value in context.items():
        if _site_key(key):
            visit(value)
    return found


def _site_key(key) -> bool:
    """A context entry the generators made (lower case), not a setting and not a plugin's build."""
    return isinstance(key, str) and key[:1].islower() and not key.endswith(("_build", "_config")) \
        and key not in ("localsiteurl", "generated_content", "static_content", "output_file")


def site_digest(context, inputs: str) -> str:
    """The whole site's digest: INPUTS (all but the articles' files), every
    article's and page's card, every list of the context; raises Unknown."""
    h = new()
    feed(h, inputs)
    contents = _contents_of(context)
    for ref, card in sorted((reference(c), card_digest(c)) for c in contents.values()):
        feed(h, ref)
        h.update(card)
    for key in sorted(k for k in context if _site_key(k)):
        feed(h, key)
        feed(h, context[key])
    return h.hexdigest()
