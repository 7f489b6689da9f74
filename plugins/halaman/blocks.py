"""An article's final HTML as a row of top-level blocks, page markers and a
footnote list: the only places a page may end are between those blocks.

A list, table, blockquote, figure or code block is one top-level element, so
a page can never end inside one. Some blocks also decide which neighbour they
stay with: a "Baca juga" link never opens a page, and a heading or a
sentence ending in a colon never closes one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag
from newsroom.text import words_in

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Inline links to other articles, written by plugins/rekomendasi: they belong
# to the text before them, so a page never opens with one.
_STAYS_WITH_PREVIOUS_CLASSES = {"baca-juga"}


@dataclass
class Block:
    """One top-level element, with the comments written just before it."""

    nodes: list[PageElement]
    words: int
    stays_with_previous: bool = False  # never the first block of a page
    stays_with_next: bool = False  # never the last block of a page
    opens_section: bool = False  # a heading: the best place for a new page

    @property
    def element(self) -> PageElement:
        return self.nodes[-1]


class Marker:
    """An editor's page marker at the top level of the article."""

    def __repr__(self) -> str:
        return "Marker()"


MARKER = Marker()


@dataclass
class Document:
    """What the splitter works on: blocks and markers in reading order."""

    items: list[Block | Marker]
    footnotes: Tag | None = None  # python-markdown's <div class="footnote">, taken out of the flow
    ignored_markers: int = 0  # markers nested inside a list, quote or paragraph
    soup: BeautifulSoup | None = field(default=None, repr=False)

    @property
    def blocks(self) -> list[Block]:
        return [item for item in self.items if isinstance(item, Block)]

    @property
    def has_markers(self) -> bool:
        return any(item is MARKER for item in self.items)

    @property
    def words(self) -> int:
        return sum(block.words for block in self.blocks)


def read(html: str, markers: frozenset[str]) -> Document:
    """Parse an article's HTML into blocks, markers and its footnote list."""
    soup = BeautifulSoup(html, "html.parser")

    def is_marker(node: PageElement) -> bool:
        return isinstance(node, Comment) and " ".join(node.split()).lower() in markers

    for paragraph in soup.find_all("p", recursive=False):
        _split_paragraph_at_markers(soup, paragraph, is_marker)

    items: list[Block | Marker] = []
    footnotes = None
    waiting: list[PageElement] = []  # comments that open the next block
    for node in list(soup.contents):
        if is_marker(node):
            items.append(MARKER)
        elif isinstance(node, Comment):
            waiting.append(node)
        elif isinstance(node, NavigableString) and not node.strip():
            continue
        elif isinstance(node, Tag) and node.name == "div" and "footnote" in (node.get("class") or []):
            footnotes = node
        else:
            items.append(_block(waiting + [node]))
            waiting = []
    if waiting:  # trailing comments stay with the last block
        last = next((item for item in reversed(items) if isinstance(item, Block)), None)
        if last is None:
            items.append(Block(waiting, 0))
        else:
            last.nodes.extend(waiting)
    top_level = sum(1 for item in items if item is MARKER)
    nested = sum(1 for node in soup.find_all(string=lambda s: isinstance(s, Comment)) if is_marker(node))
    return Document(items, footnotes, nested - top_level, soup)


def _block(nodes: list[PageElement]) -> Block:
    element = nodes[-1]
    text = element.get_text(" ") if isinstance(element, Tag) else str(element)
    block = Block(nodes, words_in(text))
    if isinstance(element, Tag):
        classes = set(element.get("class") or [])
        block.stays_with_previous = bool(classes & _STAYS_WITH_PREVIOUS_CLASSES)
        block.opens_section = element.name in _HEADINGS
        block.stays_with_next = block.opens_section or (
            element.name == "p" and text.rstrip().endswith(":"))
    return block


def _split_paragraph_at_markers(soup: BeautifulSoup, paragraph: Tag, is_marker) -> None:
    """``<p>a <!-- halaman --> b</p>`` becomes ``<p>a</p><!-- halaman --><p>b</p>``.

    python-markdown 3.11 already writes a marker line as a block of its own,
    with or without a blank line around it; other Markdown versions and
    hand-written HTML put it inside the paragraph it touches. A marker in the
    middle of a line is not a page break (and is reported as ignored).
    """
    def on_own_line(child: PageElement) -> bool:
        before, after = child.previous_sibling, child.next_sibling
        return (is_marker(child)
                and (before is None or (isinstance(before, NavigableString) and before.rstrip(" \t").endswith("\n")))
                and (after is None or (isinstance(after, NavigableString) and after.lstrip(" \t").startswith("\n"))))

    if not any(on_own_line(child) for child in paragraph.children):
        return
    pieces: list[PageElement] = []
    current = soup.new_tag("p", attrs=dict(paragraph.attrs))
    for child in list(paragraph.children):
        if on_own_line(child):
            pieces.extend([current, child.extract()])
            current = soup.new_tag("p", attrs=dict(paragraph.attrs))
        else:
            current.append(child.extract())
    pieces.append(current)
    for piece in reversed(pieces):
        if isinstance(piece, Tag) and not piece.get_text().strip() and not piece.find(True):
            continue  # the marker stood at the start or end of the paragraph
        paragraph.insert_after(piece)
    paragraph.decompose()
