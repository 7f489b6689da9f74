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
  list shows of it is in the site digest already;
- an object with ``__fingerprint__()`` is fed what that returns: what pages
  show of it (a recommendation: its article, not its score, which moves
  with every edit anywhere in the site).

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

from . import urls

DEPTH = 16
# Fields of an article that only its own page shows, and that change when
# another article changes (Rekomendasi, Terkini, Baca juga in the body) or
# whenever the body does (word count, split pages): left out of its card.
PAGE_ONLY = frozenset({"rekomendasi", "rekomendasi_dropped", "terkini", "body", "halaman", "_content",
                       "newsroom_body", "newsroom_opening", "newsroom_words", "distribusi", "_summary"})
NEWSROOM_PAGE_ONLY = frozenset({"words", "reading_minutes"})
# Page-only fields made from what is digested already (the card, the body's
# HTML in ``_content``, the settings and photos in the inputs): distribusi's
# page data (head meta, social images, canonical), feeding them is only time.
DERIVED = frozenset({"distribusi"})
# Never fed: the shared context and settings (in the inputs digest), a
# plugin's per-build state (made from the inputs and articles, and written
# to while pages are rendered), and the memo of the content's URLs (urls.py:
# filled as URLs are read, so its state depends on what read them first; the
# URLs themselves are fed with every card).
SKIPPED = frozenset({"_context", "settings", urls.MEMO})
# What no page shows: the same-story pairs Rekomendasi dropped (``invoke explain`` reads them).
NOT_SHOWN = frozenset({"rekomendasi_dropped"})
# A plugin's copy of the build's clock (papan's "now"): what it decides (an event
# upcoming, an announcement expired) is on the items, and the last build's
# record is not used past the first moment any of that changes (its stale_at).
CLOCK = frozenset({"now"})


class Unknown(Exception):
    """A value whose digest would not be the same for the same content."""


def new() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=20)


def feed(h, value) -> None:
    """Feed VALUE into H; an article inside it by its source path."""
    out: list[str] = []
    _flat(value, out, 0)
    h.update("\x00".join(out).encode("utf-8", "surrogatepass"))


def _flat(value, out: list, depth: int) -> None:
    """VALUE as tokens: each a type letter, strings with their length, so two values never give one text."""
    kind = type(value)
    if kind is str:
        out.append(f"s{len(value)}:{value}")
        return
    simple = _SIMPLE.get(kind)
    if simple is not None:
        out.append(simple(value))
        return
    if depth > DEPTH:
        raise Unknown("too deep")
    depth += 1
    if kind is list or kind is tuple:
        out.append(f"l{len(value)}")
        for item in value:
            _flat(item, out, depth)
    elif kind is dict:
        out.append(f"d{len(value)}")
        for key in sorted(value, key=str):
            text = str(key)
            out.append(f"k{len(text)}:{text}")
            _flat(value[key], out, depth)
    elif isinstance(value, Content):
        out.append("r" + reference(value))
    elif isinstance(value, URLWrapper):
        out.append(f"w{kind.__name__}:{len(value.name)}:{value.name}:{value.slug}")
    elif isinstance(value, str):  # a str subclass: Markup is not escaped where a str is
        out.append(f"m{kind.__qualname__}:{len(value)}:{value}")
    elif isinstance(value, (list, tuple)):
        _flat(list(value), out, depth)
    elif isinstance(value, dict):
        _flat(dict(value), out, depth)
    elif isinstance(value, (set, frozenset)):
        items = []
        for item in value:
            tokens: list[str] = []
            _flat(item, tokens, depth)
            items.append("\x00".join(tokens))
        out.append(f"S{len(items)}")
        out.extend(sorted(items))
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        out.append(f"t{kind.__name__}{value.isoformat()}{getattr(value, 'tzinfo', None)}")
    elif isinstance(value, Enum):
        out.append(f"e{kind.__qualname__}.{value.name}")
    elif isinstance(value, numbers.Number):
        out.append(f"n{value!r}")
    elif isinstance(value, bytes):
        out.append(f"b{value.hex()}")
    elif isinstance(value, os.PathLike):
        out.append("p" + os.fspath(value))
    elif isinstance(value, dt.tzinfo):
        out.append(f"z{value}")
    else:
        _flat_object(value, out, depth)


_SIMPLE = {int: lambda v: f"n{v!r}", float: lambda v: f"n{v!r}", bool: lambda v: f"c{v!r}",
           type(None): lambda v: "cNone", bytes: lambda v: f"b{v.hex()}"}
_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _flat_object(value, out: list, depth: int) -> None:
    """An object by its type and its public fields (a slot or attribute that starts
    with "_" is its own business: a back reference, a cache, an engine's index)."""
    kind = type(value)
    shown = getattr(value, "__fingerprint__", None)
    if shown is not None:  # the object says what of it a page shows
        out.append(f"o{kind.__module__}.{kind.__qualname__}=")
        _flat(shown(), out, depth)
        return
    fields = getattr(value, "__dict__", None)
    if fields is not None:
        names = sorted(n for n in fields if not n.startswith("_") and n not in CLOCK)
    else:
        names = _FIELDS.get(kind)
        if names is None and kind not in _FIELDS:
            slots = [n for cls in kind.__mro__ for n in getattr(cls, "__slots__", ())]
            names = _FIELDS[kind] = tuple(sorted(n for n in slots if not n.startswith("_") and n not in CLOCK)) \
                if slots else None
        if names is None:
            if callable(value) and hasattr(value, "__qualname__"):
                out.append(f"f{getattr(value, '__module__', '')}.{value.__qualname__}")
                return
            text = repr(value)
            if " at 0x" in text or callable(value):
                raise Unknown(text[:80])
            out.append(f"o{kind.__module__}.{kind.__qualname__}:{len(text)}:{text}")
            return
        fields = {n: getattr(value, n) for n in names if hasattr(value, n)}
    out.append(f"o{kind.__module__}.{kind.__qualname__}({len(names)}")
    for name in names:
        if name in fields:
            out.append("a" + name)
            _flat(fields[name], out, depth)


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
            _feed_card(h, _metadata_only(value, fields))
            continue
        if name == "newsroom" and value is not None and hasattr(value, "__dataclass_fields__"):
            value = {k: getattr(value, k) for k in value.__dataclass_fields__ if k not in NEWSROOM_PAGE_ONLY}
        feed(h, str(name))
        feed(h, value)


def _metadata_only(metadata: dict, fields: dict) -> dict:
    """METADATA but the values that are also the article's attribute of the same name
    (Pelican sets one per key): fed once, not twice."""
    return {key: (b"=" if fields.get(str(key).lower(), metadata) is value else value)
            for key, value in metadata.items()}


def content_digest(content: Content, card: bytes | None = None) -> bytes:
    """CONTENT whole, for the page that shows it: its CARD (made here if not
    given) and the fields only its own page shows."""
    h = new()
    h.update(card if card is not None else card_digest(content))
    fields = vars(content)
    for name in sorted(PAGE_ONLY & fields.keys()):
        if name in DERIVED or name in NOT_SHOWN:
            continue
        feed(h, name)
        feed(h, fields[name])
    newsroom = fields.get("newsroom")
    for name in sorted(NEWSROOM_PAGE_ONLY):
        feed(h, getattr(newsroom, name, None))
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


def site_digest(context, inputs: str, cards: dict | None = None) -> str:
    """The whole site's digest: INPUTS (all but the articles' files), every
    article's and page's card (left in CARDS, id -> (content, card)), every
    list of the context; raises Unknown."""
    h = new()
    feed(h, inputs)
    contents = _contents_of(context)
    cards = {} if cards is None else cards
    for content in contents.values():
        cards[id(content)] = (content, card_digest(content))
    for ref, card in sorted((reference(c), card) for c, card in cards.values()):
        feed(h, ref)
        h.update(card)
    for key in sorted(k for k in context if _site_key(k)):
        feed(h, key)
        feed(h, context[key])
    return h.hexdigest()
