"""In-page links that survive the split: footnotes and ``#id`` anchors.

python-markdown writes every footnote into one list at the end of the
article. Split as is, page 1's reference ``#fn:1`` would point at a list on
page 3. Instead each page gets the footnotes its own text refers to, keeping
their numbers (and the footnotes those refer to; the last page any that
nothing refers to); any ``#id`` link whose target ended up on another page (a
back-link to a second reference, a hand-written anchor) is pointed at that
page with a relative link, so it works on any host and under any SITEURL.
Both are worked out from the Body's data (ids and links of each block);
``newsroom.body.render`` writes them.
"""

from __future__ import annotations

from newsroom.body import Footnotes

from .blocks import Block


def footnotes_per_page(pages: list[list[Block]], footnotes: Footnotes | None) -> list[tuple[str, ...]]:
    """The ids of the footnotes each page needs, in the list's order.

    A page needs the footnotes its blocks link to (a reference or a plain
    ``#fn:…`` link) and, in turn, those these footnotes link to. A footnote
    no page needs goes on the last page, so none is lost from the split.
    """
    if footnotes is None:
        return [() for _ in pages]
    numbers = {item.id: number for number, item in enumerate(footnotes.items)}
    inner = {item.id: [link.target for link in item.links if link.target in numbers] for item in footnotes.items}
    found: list[set[str]] = []
    for page in pages:
        todo = [link.target for block in page for link in block.links if link.target in numbers]
        wanted: set[str] = set()
        while todo:
            target = todo.pop()
            if target not in wanted:
                wanted.add(target)
                todo += inner[target]
        found.append(wanted)
    if found:
        found[-1].update(set(numbers).difference(*found))
    return [tuple(sorted(wanted, key=numbers.__getitem__)) for wanted in found]


def link_across_pages(pages: list[list[Block]], notes: list[tuple[str, ...]],
                      footnotes: Footnotes | None) -> list[dict[str, str]]:
    """For each page, the ids its links point at that live on another page,
    with the relative URL of that page."""
    items = {item.id: item for item in footnotes.items} if footnotes is not None else {}
    ids_by_page, links_by_page = [], []
    for page, wanted in zip(pages, notes, strict=True):
        ids = {anchor for block in page for anchor in block.ids}
        links = {link.target for block in page for link in block.links}
        for target in wanted:
            ids.update(items[target].ids)
            links.update(link.target for link in items[target].links)
        ids_by_page.append(ids)
        links_by_page.append(links)
    home: dict[str, int] = {}
    for number, ids in enumerate(ids_by_page, start=1):
        for anchor in sorted(ids):
            home.setdefault(anchor, number)
    return [{target: relative_url(number, home[target]) for target in links
             if target and target not in ids_by_page[number - 1] and target in home}
            for number, links in enumerate(links_by_page, start=1)]


def relative_url(from_number: int, to_number: int) -> str:
    """Page ``to_number`` seen from page ``from_number`` (``…/slug/``, ``…/slug/N/``)."""
    up = "../" if from_number > 1 else ""
    down = f"{to_number}/" if to_number > 1 else ""
    return up + down or "./"
