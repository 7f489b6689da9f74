"""In-page links that survive the split: footnotes and ``#id`` anchors.

python-markdown writes every footnote into one list at the end of the
article. Split as is, page 1's reference ``#fn:1`` would point at a list on
page 3. Instead each page gets the footnotes its own text refers to, keeping
their numbers; any ``#id`` link whose target ended up on another page (a
back-link to a second reference, a hand-written anchor) is rewritten to a
relative link to that page, so it works on any host and under any SITEURL.
"""

from __future__ import annotations

import copy

from bs4 import BeautifulSoup, PageElement, Tag


def footnotes_per_page(pages: list[list[PageElement]], footnotes: Tag | None, soup: BeautifulSoup) -> None:
    """Append to each page the footnotes its references point at."""
    if footnotes is None:
        return
    items = footnotes.find_all("li", id=True)
    numbers = {item["id"]: number for number, item in enumerate(items, start=1)}
    by_id = {item["id"]: item for item in items}
    for nodes in pages:
        wanted = []
        for link in _links(nodes):
            target = link["href"][1:]
            if "footnote-ref" in (link.get("class") or []) and target in by_id and target not in wanted:
                wanted.append(target)
        if not wanted:
            continue
        block = soup.new_tag("div", attrs={"class": "footnote"})
        block.append(soup.new_tag("hr"))
        listing = soup.new_tag("ol")
        for target in sorted(wanted, key=numbers.__getitem__):
            item = copy.copy(by_id[target])
            item["value"] = str(numbers[target])  # page 2 may start at footnote 3
            listing.append(item)
        block.append(listing)
        nodes.append(block)


def link_across_pages(pages: list[list[PageElement]]) -> None:
    """Point ``#id`` links whose target is on another page at that page."""
    ids_by_page = [_ids(nodes) for nodes in pages]
    home: dict[str, int] = {}
    for number, ids in enumerate(ids_by_page, start=1):
        for anchor in ids:
            home.setdefault(anchor, number)
    for number, nodes in enumerate(pages, start=1):
        for link in _links(nodes):
            target = link["href"][1:]
            if target and target not in ids_by_page[number - 1] and target in home:
                link["href"] = relative_url(number, home[target]) + "#" + target


def relative_url(from_number: int, to_number: int) -> str:
    """Page ``to_number`` seen from page ``from_number`` (``…/slug/``, ``…/slug/N/``)."""
    up = "../" if from_number > 1 else ""
    down = f"{to_number}/" if to_number > 1 else ""
    return up + down or "./"


def _elements(nodes: list[PageElement]):
    for node in nodes:
        if isinstance(node, Tag):
            yield node
            yield from node.find_all(True)


def _ids(nodes: list[PageElement]) -> set[str]:
    return {element["id"] for element in _elements(nodes) if element.get("id")}


def _links(nodes: list[PageElement]) -> list[Tag]:
    return [element for element in _elements(nodes)
            if element.name == "a" and str(element.get("href", "")).startswith("#")]
