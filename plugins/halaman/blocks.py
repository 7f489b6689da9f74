"""An article as a row of blocks and page markers, read from its Body
(``newsroom.body``): the only places a page may end are between them.

A list, table, blockquote, figure or code block is one block, so a page can
never end inside one. Some blocks also decide which neighbour they stay
with: a "Baca juga" link never opens a page, and a heading or a sentence
ending in a colon never closes one (the Body's flags, made when it is read).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsroom.body import Body, Footnotes, Piece

Block = Piece  # what a page is made of: a published block of the Body


class Marker:
    """An editor's page marker at the top level of the article."""

    def __repr__(self) -> str:
        return "Marker()"


MARKER = Marker()


@dataclass
class Document:
    """What the splitter works on: blocks and markers in reading order."""

    items: list[Block | Marker]
    footnotes: Footnotes | None = None  # python-markdown's <div class="footnote">, taken out of the flow
    ignored_markers: int = 0  # markers nested inside a list, quote or paragraph

    @property
    def blocks(self) -> list[Block]:
        return [item for item in self.items if item is not MARKER]

    @property
    def has_markers(self) -> bool:
        return any(item is MARKER for item in self.items)

    @property
    def words(self) -> int:
        return sum(block.words for block in self.blocks)


def read(body: Body) -> Document:
    """The published blocks of BODY, its markers and its footnote list."""
    items = [MARKER if piece.kind == "marker" else piece for piece in body.pieces()]
    return Document(items, body.footnotes, body.ignored_markers)
