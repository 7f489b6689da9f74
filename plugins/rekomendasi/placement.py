"""Inline "Baca juga" links, placed between top-level paragraphs.

The article body is scanned once for its top-level elements (a light tag
scanner that tracks nesting, not a full HTML parse: this runs for every
article of every build). A link goes into a gap between two top-level
``<p>`` elements: never before the first paragraph, never inside a list,
quote, table or figure, never two in one gap. Each link is an ordinary
top-level ``<p class="baca-juga">``, so plugins/halaman can split the body
at top-level boundaries as usual; ``data-pagefind-ignore`` keeps another
article's title out of this article's search entry. Nothing else changes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>", re.S)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RAW = frozenset(("script", "style", "pre", "textarea"))
# A paragraph with no tag inside, read in one match (what the scanner would
# find tag by tag: the opening <p>, not self-closed, then its </p>).
_SIMPLE_P = re.compile(r"<p(?:\s[^>]*)?(?<!/)>[^<]*</p>")


def top_level(markup: str):
    """Yield (tag name, start, end) of each top-level element, in order (lazily:
    placement stops reading once its gaps are found)."""
    depth, opened_at, name = 0, 0, ""
    raw_until = None
    search, simple, position = _TAG.search, _SIMPLE_P.match, 0
    while (match := search(markup, position)) is not None:
        position = match.end()
        if depth == 0 and markup.startswith("<p", match.start()):
            whole = simple(markup, match.start())
            if whole is not None:  # a plain top-level paragraph: one match, not one per tag
                position = whole.end()
                yield "p", match.start(), position
                continue
        closing, tag, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if not tag:  # a comment
            continue
        if raw_until:
            if closing and tag == raw_until:
                raw_until = None
            else:
                continue
        if closing:
            depth = max(depth - 1, 0)
            if depth == 0 and name:
                yield name, opened_at, match.end()
                name = ""
            continue
        if tag in _VOID or self_closing:
            if depth == 0:
                yield tag, match.start(), match.end()
            continue
        if depth == 0:
            name, opened_at = tag, match.start()
        depth += 1
        if tag in _RAW:
            raw_until = tag


def gaps(markup: str):
    """Yield (paragraphs before it, offset) of each gap between two top-level <p>."""
    paragraphs_before = 0
    previous = None
    for name, _, end in top_level(markup):
        if previous is not None and previous[0] == "p" and name == "p":
            yield paragraphs_before, previous[1]
        if name == "p":
            paragraphs_before += 1
        previous = (name, end)


def baca_juga_html(label: str, url: str, title: str) -> str:
    """One link; the title is plain text, escaped so "&" or "<" in a headline stays text."""
    text = html.escape(str(title), quote=False)
    return (f'<p class="baca-juga" data-pagefind-ignore>{html.escape(label)}: '
            f'<a href="{html.escape(url)}">{text}</a></p>')


class BacaJuga:
    """Each linked article's "Baca juga" paragraph, made once per build: a
    popular article is linked from many others."""

    def __init__(self, label: str, url_of: Callable[[int], str], title_of: Callable[[int], str]):
        self._label, self._url_of, self._title_of = label, url_of, title_of
        self._made: dict[int, str] = {}

    def __call__(self, number: int) -> str:
        link = self._made.get(number)
        if link is None:
            link = self._made[number] = baca_juga_html(self._label, self._url_of(number), self._title_of(number))
        return link


def insert_links(markup: str, links: list[str], after: tuple[int, ...]) -> str:
    """Put ``links[n]`` into the first free gap after paragraph ``after[n]``.

    A link whose position has no free gap left is dropped: an article too
    short for two links gets one, a one-paragraph article none.
    """
    wanted = sorted(zip(after, range(len(links)), strict=False))  # positions in reading order
    chosen: list[tuple[int, str]] = []
    found = gaps(markup)
    for position, number in wanted:
        spot = next((offset for count, offset in found if count >= position), None)  # gaps are used once
        if spot is None:
            break  # no gap left further down
        chosen.append((spot, links[number]))
    pieces, start = [], 0
    for offset, link in sorted(chosen):  # the text copied once, not once per link
        pieces += (markup[start:offset], "\n", link)
        start = offset
    return "".join(pieces) + markup[start:] if pieces else markup
