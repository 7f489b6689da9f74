"""Inline "Baca juga" links, placed between top-level paragraphs.

Placement reads the blocks of the article's Body (``newsroom.body``), never
its HTML. A link goes into a gap between two top-level paragraphs: never
before the first paragraph, never inside a list, quote, table or figure,
never two in one gap. Each link is an insert after its paragraph (kind
``baca_juga``: plugins/halaman keeps it on the page of the text before it);
``data-pagefind-ignore`` keeps another article's title out of this
article's search entry.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from newsroom.body import BACA_JUGA, Body, Insert


def gaps(blocks):
    """Yield (paragraphs before it, index of the paragraph before it) of each
    gap between two top-level paragraphs (a page marker between them is no block).

    The pieces of one paragraph split by a marker inside it have no gap
    between them: the whole article has none there.
    """
    paragraphs_before, previous = 0, None
    for index, block in enumerate(blocks):
        if block.kind == "marker":
            continue
        if (previous is not None and blocks[previous].kind == "paragraph" and block.kind == "paragraph"
                and blocks[previous].end <= block.start):
            yield paragraphs_before, previous
        if block.kind == "paragraph":
            paragraphs_before += 1
        previous = index


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


def insert_links(body: Body, links: list[str], after: tuple[int, ...]) -> Body:
    """BODY with ``links[n]`` inserted in the first free gap after paragraph ``after[n]``.

    A link whose position has no free gap left is dropped: an article too
    short for two links gets one, a one-paragraph article none.
    """
    wanted = sorted(zip(after, range(len(links)), strict=False))  # positions in reading order
    chosen: list[Insert] = []
    found = gaps(body.blocks)
    for position, number in wanted:
        spot = next((index for count, index in found if count >= position), None)  # gaps are used once
        if spot is None:
            break  # no gap left further down
        chosen.append(Insert(spot, BACA_JUGA, links[number]))
    return body.with_inserts(chosen) if chosen else body
