"""The body of an article or a page as data: its top-level blocks, read once.

The reader (reader.py) reads the sanitised HTML into a ``Body`` right after
the body policy has cleaned it, so Pelican's reader cache keeps it and a
warm build never reads a body again. From then on the plugins hand each
other data, not HTML:

- newsroom sets the dateline and the table label (``with_dateline``,
  ``with_table_label``): edits, kept apart from the blocks;
- plugins/gambar gives the editor's pictures their size (``with_pictures``),
  once it has published their copies: an edit of each build, never cached;
- plugins/rekomendasi reads ``Block.text`` for its terms and asks for "Baca
  juga" paragraphs after block n (``with_inserts``);
- plugins/halaman plans pages over ``pieces()`` and has each page rendered.

``render`` is the one function that turns a Body into HTML, whole or one
page of it, and ``publish`` the one place that writes it into ``_content``.

The reader is a small scanner, not a full HTML parser: its input is the body
policy's output (ammonia's serialisation: every element closed, attribute
values quoted, a "<" in text escaped), so finding the top-level blocks only
needs counting the nesting. Each block keeps its exact bytes, so a body
without edits renders to the very HTML it was read from.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from .text import words_in

DEFAULT_MARKERS = ("halaman", "nextpage")  # plugins/halaman's HALAMAN_MARKERS default

KINDS = ("paragraph", "heading", "list", "quote", "table", "figure", "code", "marker", "embed", "other")
BACA_JUGA = "baca_juga"  # the kind of an insert from plugins/rekomendasi

_TOKEN = re.compile(r"<!--(.*?)-->|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# A top-level paragraph without any tag inside, read in one match.
_SIMPLE_P = re.compile(r"<p(?=[\s>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>[^<]*</p>")
_TAG_OR_COMMENT = re.compile(
    r"<(script|style)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</\1\s*>|<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ELEMENT = re.compile(r"<[A-Za-z]")
_IMG_TAG = re.compile(r"<img(?=[\s>/])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
_PICTURE_TAG = re.compile(r"<(/?)picture(?=[\s>])", re.I)
_INTEGER = re.compile(r"[ \t\n\f\r]*([+-]?[0-9]+)")  # how a browser reads <li value>
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RAW = frozenset("script style textarea title xmp iframe noembed noframes".split())
_KIND_OF = {"p": "paragraph", "ul": "list", "ol": "list", "dl": "list", "menu": "list", "blockquote": "quote",
            "table": "table", "figure": "figure", "pre": "code", "iframe": "embed", "video": "embed",
            "audio": "embed", "object": "embed", "embed": "embed", "picture": "embed",
            **{f"h{n}": "heading" for n in range(1, 7)}}


def plain_text(markup: str) -> str:
    """Text of an HTML fragment: tags, comments and script/style dropped, entities decoded."""
    return htmllib.unescape(_TAG_OR_COMMENT.sub(" ", markup))


class Link(NamedTuple):
    """An in-page link (``<a href="#id">``) of a block: where its href's value is."""

    start: int  # offsets of the href value (after "#" too) in the block's HTML
    end: int
    target: str  # the id it points at
    footnote: bool  # python-markdown's footnote reference (class "footnote-ref")


class Block:
    """One top-level element of the body, as read (with the comments just before it).

    Its HTML is most often the slice ``source[start:end]`` of the body: such a
    block is made with ``html=None`` and SOURCE, keeps the source, not a
    second copy of its text, and slices it when ``html`` is read; a block
    with HTML of its own (a paragraph split at a marker) keeps that.
    Otherwise a record with a tuple's equality, never changed once made.
    """

    __slots__ = ("kind", "_html", "_source", "words", "start", "end", "opening", "plain", "stays_with_previous",
                 "stays_with_next", "opens_section", "tables", "ids", "links")
    _fields = ("kind", "html", "words", "start", "end", "opening", "plain", "stays_with_previous",
               "stays_with_next", "opens_section", "tables", "ids", "links")

    kind: str  # one of KINDS
    words: int
    start: int  # where it stands in Body.source; an insert after it goes to ``end``
    end: int
    opening: int  # length of its start tag: the dateline goes right after it
    plain: bool  # a paragraph of the article's own text (no class, some text)
    stays_with_previous: bool  # never the first block of a page
    stays_with_next: bool  # never the last block of a page ("Berikut daftarnya:", a heading)
    opens_section: bool  # a heading: the best place for a new page
    tables: tuple[tuple[int, int], ...]  # outermost tables, offsets in ``html``
    ids: tuple[str, ...]  # every id="…" inside
    links: tuple[Link, ...]

    def __init__(self, kind: str, html: str, words: int, start: int, end: int, opening: int, plain: bool,
                 stays_with_previous: bool, stays_with_next: bool, opens_section: bool,
                 tables: tuple[tuple[int, int], ...] = (), ids: tuple[str, ...] = (), links: tuple[Link, ...] = (),
                 source: str | None = None):
        self.kind, self._html, self._source = kind, html, source  # html None: the slice of SOURCE
        self.words, self.start, self.end, self.opening = words, start, end, opening
        self.plain, self.stays_with_previous, self.stays_with_next = plain, stays_with_previous, stays_with_next
        self.opens_section, self.tables, self.ids, self.links = opens_section, tables, ids, links

    @property
    def html(self) -> str:
        return self._source[self.start:self.end] if self._html is None else self._html

    @property
    def text(self) -> str:
        return plain_text(self.html)

    def _astuple(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other) -> bool:
        return self._astuple() == other._astuple() if isinstance(other, Block) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._astuple())

    def __repr__(self) -> str:
        return "Block(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields) + ")"

    def __reduce__(self):
        return Block, self._astuple()


class Footnote(NamedTuple):
    """One ``<li id="fn:…">`` of python-markdown's footnote list."""

    id: str
    html: str
    opening: int
    ids: tuple[str, ...]
    links: tuple[Link, ...]


class Footnotes(NamedTuple):
    """python-markdown's ``<div class="footnote">``, kept apart from the blocks."""

    html: str
    items: tuple[Footnote, ...]


class Insert(NamedTuple):
    """A block another plugin adds after block ``after`` (a "Baca juga" link)."""

    after: int
    kind: str
    html: str


class Piece(NamedTuple):
    """One block of the body as it will be published (edits applied, inserts
    included): what plugins/halaman plans pages with."""

    kind: str
    words: int
    stays_with_previous: bool
    stays_with_next: bool
    opens_section: bool
    ids: tuple[str, ...]
    links: tuple[Link, ...]
    html: str  # before the edits
    edits: tuple[tuple[int, int, str], ...]  # (start, end, new text) in ``html``, in order


@dataclass(frozen=True)
class Body:
    """The sanitised body (``source``), its blocks, and the edits to publish."""

    source: str
    blocks: tuple[Block, ...]
    footnotes: Footnotes | None = None
    ignored_markers: int = 0  # markers inside a list, quote or a line of text
    dateline: str = ""
    table_label: str = ""  # holds "{n}"; empty: tables are not wrapped
    inserts: tuple[Insert, ...] = ()
    # (src as the HTML writes it, width, height, bytes) of each published picture;
    # set per build (plugins/gambar), left out of the pickle (see __reduce__)
    pictures: tuple[tuple[str, int, int, int], ...] = ()

    def __fingerprint__(self):
        """What the page is made from (newsroom.fingerprint): everything but the blocks, which are the source cut up."""
        return (self.source, self.footnotes, self.ignored_markers, self.dateline, self.table_label, self.inserts,
                self.pictures)

    @property
    def text(self) -> str:
        """The body's own words (no dateline, no inserts), blocks apart by a space."""
        texts = [block.text for block in self.blocks]
        if self.footnotes is not None:
            texts.append(plain_text(self.footnotes.html))
        return " ".join(texts)

    def with_dateline(self, dateline: str) -> Body:
        """Open the first paragraph of the article's own text with "PRAYA – ".

        Only a top-level paragraph of the article's own text counts: a quote, a
        list item or a table cell holds someone else's words or a fragment, and
        a paragraph with a class is not the text. Without any such paragraph
        the place stands alone on a line before the text, without the dash,
        which would point at a table or a quote as if it were a sentence.
        """
        return replace(self, dateline=dateline)

    def with_table_label(self, label: str) -> Body:
        """Wrap each table in a region that scrolls sideways on a narrow screen.

        ``<div class="table-scroll" role="region" tabindex="0" aria-label="…">``:
        a keyboard user can focus it to scroll, a screen reader names it. LABEL
        holds ``{n}``, the table's number in the text, so two regions on one
        page never share a name. A table inside another is wrapped with it.
        """
        return replace(self, table_label=label)

    def with_inserts(self, inserts) -> Body:
        return replace(self, inserts=self.inserts + tuple(inserts))

    def with_pictures(self, pictures) -> Body:
        """Give each ``<img>`` whose src is a key of PICTURES (src as the HTML
        writes it, e.g. ``{static}/images/x.jpg`` -> (width, height, bytes) of
        the published file) its box, and hold it back like the theme's
        pictures below the lead: ``<picture><img … width height
        loading="lazy" decoding="async" data-bytes="W:BYTES"></picture>``
        (Hemat data then loads it only when tapped). An ``<img>`` with a
        width or height of its own, or already in a ``<picture>``, is left
        as the editor wrote it."""
        sizes = {src: (width, height, size) for src, width, height, size in self.pictures}
        sizes.update((str(src), (int(w), int(h), int(n))) for src, (w, h, n) in dict(pictures).items())
        return replace(self, pictures=tuple((src, *size) for src, size in sorted(sizes.items())))

    def pieces(self) -> tuple[Piece, ...]:
        """The published blocks in reading order: edits applied, inserts in place."""
        pieces: list[Piece] = []
        first = self._dateline_block()
        after: dict[int, list[Insert]] = {}
        for insert in self.inserts:
            after.setdefault(self._last_piece(insert.after), []).append(insert)
        number = 0
        for index, block in enumerate(self.blocks):
            edits, number = self._edits(index, block, first, number)
            words = block.words + (words_in(self.dateline) if index == first else 0)
            pieces.append(Piece(block.kind, words, block.stays_with_previous, block.stays_with_next,
                                block.opens_section, block.ids, block.links, block.html,
                                tuple((start, end, new) for start, end, new, _ in edits)))
            pieces += [_piece_of_html(insert.html, insert.kind) for insert in after.get(index, ())]
        if self.dateline and first is None:  # the place alone, on the page of the text it opens
            only = _piece_of_html(self._dateline_only(), "paragraph")._replace(stays_with_next=True)
            pieces.insert(next((n for n, p in enumerate(pieces) if p.kind != "marker"), 0), only)
        return tuple(pieces)

    def _last_piece(self, index: int) -> int:
        """The last piece of the paragraph block INDEX was split from (a marker
        on its own line inside it): an insert after any piece goes after the
        whole paragraph, as the whole article has it."""
        block, last = self.blocks[index], index
        for number in range(index + 1, len(self.blocks)):
            other = self.blocks[number]
            if other.start >= block.end:
                break
            if other.end == block.end:
                last = number
        return last

    def _dateline_block(self) -> int | None:
        if not self.dateline:
            return None
        return next((n for n, block in enumerate(self.blocks) if block.plain), None)

    def _label(self) -> str:
        return f'<span class="dateline">{htmllib.escape(self.dateline)}</span>'

    def _dateline_only(self) -> str:
        return f'<p class="dateline-only">{self._label()}</p>'

    def _edits(self, index: int, block: Block, first: int | None, number: int, pictures: bool = True):
        """The edits of one block, in its own offsets, sorted; and the last table number."""
        edits = self._picture_edits(block.html) if pictures else []
        if index == first:
            edits.append((block.opening, block.opening, f"{self._label()} – ", 2))
        if self.table_label:
            for start, end in block.tables:
                number += 1
                name = htmllib.escape(self.table_label.format(n=number))
                edits += [(start, start, f'<div class="table-scroll" role="region" tabindex="0" '
                                         f'aria-label="{name}">', 2), (end, end, "</div>", 0)]
        edits.sort(key=lambda edit: (edit[0], edit[3]))
        return edits, number

    def _picture_edits(self, markup: str) -> list[tuple[int, int, str, int]]:
        """Each ``<img>`` of MARKUP that ``with_pictures`` sized, in a ``<picture>``
        (rank 3: after a dateline inserted at the same offset)."""
        if not self.pictures:
            return []
        sizes = {src: (width, height, size) for src, width, height, size in self.pictures}
        edits, depth, at = [], 0, 0
        for match in _IMG_TAG.finditer(markup):
            for tag in _PICTURE_TAG.finditer(markup, at, match.start()):
                depth = max(0, depth - 1) if tag.group(1) else depth + 1
            at = match.end()
            attrs = _attrs(match.group(1))
            src = attrs.get("src")
            if depth or src is None or src[0] not in sizes or "width" in attrs or "height" in attrs:
                continue
            width, height, size = sizes[src[0]]
            own = match.group(1).rstrip()
            own = own[:-1].rstrip() if own.endswith("/") else own
            extra = f' width="{width}" height="{height}"'
            extra += "" if "loading" in attrs else ' loading="lazy"'
            extra += "" if "decoding" in attrs else ' decoding="async"'
            edits.append((match.start(), match.end(),
                          f'<picture><img{own}{extra} data-bytes="{width}:{size}"></picture>', 3))
        return edits

    def __reduce__(self):
        """Pickled compactly for the reader cache: each block's HTML is a slice of ``source``.
        The pictures are not kept: their sizes come from each build's published files."""
        rows = tuple((b.kind, b.start, b.end,
                      None if b._html is None or self.source[b.start:b.end] == b._html else b._html,
                      b.words, b.opening, _flags(b), b.tables, b.ids, tuple(tuple(link) for link in b.links))
                     for b in self.blocks)
        return _restore, (self.source, rows, self.footnotes, self.ignored_markers, self.dateline,
                          self.table_label, self.inserts)


def _flags(block: Block) -> int:
    return (block.plain | block.stays_with_previous << 1 | block.stays_with_next << 2
            | block.opens_section << 3)


def _restore(source, rows, footnotes, ignored_markers, dateline, table_label, inserts) -> Body:
    blocks = tuple(Block(kind, markup, words, start, end, opening,
                         bool(flags & 1), bool(flags & 2), bool(flags & 4), bool(flags & 8), tables, ids,
                         tuple(Link(*link) for link in links), source=None if markup is not None else source)
                   for kind, start, end, markup, words, opening, flags, tables, ids, links in rows)
    return Body(source, blocks, footnotes, ignored_markers, dateline, table_label, inserts)


def _piece_of_html(markup: str, kind: str) -> Piece:
    """A block made by an edit or an insert (a paragraph, without in-page links)."""
    text = plain_text(markup)
    return Piece(kind, words_in(text), kind == BACA_JUGA, text.rstrip().endswith(":"), False, (), (), markup, ())


def _apply(markup: str, edits) -> str:
    """MARKUP with each (start, end, new) replaced; the edits are in order."""
    if not edits:
        return markup
    out, at = [], 0
    for start, end, new in edits:
        out += (markup[at:start], new)
        at = end
    out.append(markup[at:])
    return "".join(out)


def _moved(links, moved: dict[str, str], html: str):
    """Edits that point each link whose target is on another page at that page."""
    return [(link.start, link.start, moved[link.target]) for link in links
            if link.target in moved and html.startswith("#", link.start)]


def render(body: Body, pieces=None, footnotes: tuple[str, ...] = (), moved: dict[str, str] | None = None) -> str:
    """The HTML of BODY: whole, or (PIECES given) one page of it.

    A page is its pieces, the footnotes it refers to (FOOTNOTES, ids in
    order, numbered as in the whole list) and its in-page links whose target
    is on another page (MOVED: target id -> the relative URL of that page).
    """
    if pieces is None:
        return _whole(body)
    moved = moved or {}
    out = [_apply(p.html, sorted([*p.edits, *_moved(p.links, moved, p.html)], key=lambda e: e[0]))
           for p in pieces]
    if footnotes and body.footnotes is not None:
        items = _numbered(body.footnotes.items)
        listed = []
        for target in footnotes:
            number, item, given = items[target]
            # page 2 may start at footnote 3
            value = [] if given else [(item.opening - 1, item.opening - 1, f' value="{number}"')]
            listed.append(_apply(item.html, sorted([*value, *_moved(item.links, moved, item.html)],
                                                   key=lambda e: e[0])))
        out.append(f'<div class="footnote"><hr><ol>{"".join(listed)}</ol></div>')
    return "\n".join(out)


def _numbered(items) -> dict[str, tuple[int, Footnote, bool]]:
    """Footnote id -> (its number in the whole list, the footnote, whether its
    ``<li>`` gives the number itself), numbered as a browser numbers them."""
    numbered, number = {}, 0
    for item in items:
        value = _attrs(item.html[len("<li"):item.opening - 1]).get("value")
        given = _INTEGER.match(htmllib.unescape(value[0])) if value else None
        number = int(given.group(1)) if given else number + 1
        numbered[item.id] = (number, item, given is not None)
    return numbered


def _whole(body: Body) -> str:
    edits = []  # (offset in source, end, new text, rank at one offset)
    first = body._dateline_block()
    if body.dateline and first is None:
        edits.append((0, 0, body._dateline_only() + "\n", -1))
    number, seen = 0, set()
    for index, block in enumerate(body.blocks):
        own, number = body._edits(index, block, first, number, pictures=False)
        if (block.start, block.end) not in seen:  # the pieces of a split paragraph share its source
            seen.add((block.start, block.end))
            own += body._picture_edits(body.source[block.start:block.end])
        edits += [(block.start + start, block.start + end, new, rank) for start, end, new, rank in own]
    edits += [(body.blocks[insert.after].end, body.blocks[insert.after].end, "\n" + insert.html, 1)
              for insert in body.inserts]
    edits.sort(key=lambda edit: (edit[0], edit[3]))
    return _apply(body.source, [(start, end, new) for start, end, new, _ in edits])


def publish(content) -> None:
    """Write the Body of CONTENT (an article or a page) into its HTML: the one
    place a plugin writes ``_content``, once every edit is made."""
    content._content = render(of(content))


def of(content) -> Body:
    """The Body of an article or a page: the edited one, or the reader's."""
    body = getattr(content, "body", None)
    if isinstance(body, Body):
        return body
    body = content.metadata.get("newsroom_body")
    if not isinstance(body, Body):  # read by another reader (an .html page)
        settings = getattr(content, "settings", None) or {}
        body = read(content._content, settings.get("HALAMAN_MARKERS", DEFAULT_MARKERS))
    content.body = body
    return body


# --- reading --------------------------------------------------------------------

def read(markup: str, markers=DEFAULT_MARKERS) -> Body:
    """The blocks of sanitised HTML: top-level elements, markers, footnotes.

    A MARKERS comment between blocks becomes a ``marker`` block, also when
    it stands on its own line inside a paragraph (hand-written HTML, other
    Markdown versions); elsewhere it is counted in ``ignored_markers``. Other
    comments stay with the block after them.
    """
    return _Reader(markup or "", frozenset(" ".join(str(m).split()).lower() for m in markers)).body()


class _Element:
    """What the scanner saw inside one top-level element (offsets in the source)."""

    __slots__ = ("ids", "links", "tables", "lis", "markers", "splits")

    def __init__(self):
        self.ids: list[tuple[int, str]] = []
        self.links: list[tuple[int, int, str, bool]] = []
        self.tables: list[tuple[int, int]] = []
        self.lis: list[tuple[int, int, int, str, bool]] = []  # (start, end, opening, id, in <div><ol>) of <li id>
        self.markers = 0  # marker comments anywhere inside
        self.splits: list[tuple[int, int]] = []  # markers on their own line directly in a <p>


def _attrs(text: str) -> dict[str, tuple[str, int]]:
    """Attribute name -> (raw value, offset of the value in TEXT)."""
    found = {}
    for match in _ATTR.finditer(text):
        group = next((g for g in (2, 3, 4) if match.group(g) is not None), None)
        value, at = (match.group(group), match.start(group)) if group else ("", match.end())
        found.setdefault(match.group(1).lower(), (value, at))
    return found


class _Reader:
    def __init__(self, source: str, markers: frozenset[str]):
        self.source, self.markers = source, markers
        self.blocks: list[Block] = []
        self.footnotes: Footnotes | None = None
        self.ignored = 0
        self.note_list: tuple[int, int, int, _Element] | None = None  # (block, start tag, end, inside)

    def is_marker(self, comment: str) -> bool:
        return " ".join(comment.split()).lower() in self.markers

    def body(self) -> Body:
        src, pos, pending = self.source, 0, None  # pending: where comments waiting for a block begin
        search, simple = _TOKEN.search, _SIMPLE_P.match
        while True:
            token = search(src, pos)
            stop = token.start() if token else len(src)
            if not src.startswith("<", pos) and src[pos:stop].strip():  # text at the top level
                begin = pos + len(src[pos:stop]) - len(src[pos:stop].lstrip())
                end = stop - (len(src[pos:stop]) - len(src[pos:stop].rstrip()))
                self._add("other", "", (), pending if pending is not None else begin, end, _Element())
                pending = None
            if token is None:
                break
            if token.group(1) is not None:  # a comment
                if self.is_marker(token.group(1)):
                    self._marker(pending if pending is not None else token.start(), token.end())
                    pending = None
                elif pending is None:
                    pending = token.start()
                pos = token.end()
                continue
            if token.group(2):  # an end tag nothing opened: dropped, as a browser would
                pos = token.end()
                continue
            start = pending if pending is not None else token.start()
            pending = None
            whole = simple(src, token.start()) if token.group(3) == "p" else None
            if whole is not None:
                name, attrs, end, inside = "p", _attrs(token.group(4)), whole.end(), _Element()
                self._note_tag(token, name, attrs, inside)
            else:
                name, attrs = token.group(3).lower(), _attrs(token.group(4))
                inside = _Element()
                end = self._scan(token, name, attrs, inside)
            self._element(name, attrs, start, token, end, inside)
            pos = end
        notes_at = self._take_footnotes()
        if pending is not None:  # trailing comments stay with the last block (not across the footnotes)
            if self.blocks and not self.blocks[-1].end <= notes_at < pending:
                last = self.blocks[-1]
                self.blocks[-1] = Block(last.kind, None, last.words, last.start, len(src), *last._astuple()[5:],
                                        source=src)
            else:
                self._add("other", "", (), pending, len(src), _Element())
        return Body(src, tuple(self.blocks), self.footnotes, self.ignored)

    def _take_footnotes(self) -> int:
        """Take python-markdown's footnote list out of the blocks; return where it starts (-1: none).

        The list is the last top-level ``<div class="footnote">`` holding an
        ``<ol>`` of ``<li id="fn:…">``: the body policy lets an editor write
        that class too, and an editor's div stays text.
        """
        if self.note_list is None:
            return -1
        index, at, end, inside = self.note_list
        block = self.blocks.pop(index)
        self.footnotes = self._footnotes(at, end, inside)
        if block.start < at:  # comments before the list stay in the text
            self._add("other", "", (), block.start, at, _Element())
            self.blocks.insert(index, self.blocks.pop())
        return at

    def _scan(self, token: re.Match, name: str, attrs, inside: _Element) -> int:
        """Read one top-level element to its end tag; return where it ends."""
        src = self.source
        self._note_tag(token, name, attrs, inside)
        if name in _VOID or token.group(4).rstrip().endswith("/"):
            return token.end()
        if name in _RAW:
            return self._raw_end(name, token.end())
        stack, tables, lis = [name], int(name == "table"), []
        if tables:
            inside.tables.append((token.start(), -1))
        if name == "li" and "id" in attrs:
            lis.append((token.start(), token.end() - token.start(), htmllib.unescape(attrs["id"][0]), 1, False))
        pos, previous_end, previous_is_start = token.end(), token.end(), True
        while stack:
            tag = _TOKEN.search(src, pos)
            if tag is None:
                return len(src)  # never closed: the rest is this element
            if tag.group(1) is not None:
                if self.is_marker(tag.group(1)):
                    inside.markers += 1
                    if name == "p" and len(stack) == 1 and self._on_own_line(tag, previous_end, previous_is_start):
                        inside.splits.append((tag.start(), tag.end()))
                pos, previous_end, previous_is_start = tag.end(), tag.end(), False
                continue
            tag_name = tag.group(3).lower()
            if tag.group(2):  # an end tag
                if tag_name in stack:
                    while stack.pop() != tag_name:
                        pass
                    if tag_name == "table":
                        tables -= 1
                        if tables == 0:
                            inside.tables[-1] = (inside.tables[-1][0], tag.end())
                    while lis and lis[-1][3] > len(stack):
                        li_start, opening, li_id, _, item = lis.pop()
                        inside.lis.append((li_start, tag.end(), opening, li_id, item))
                pos, previous_end, previous_is_start = tag.end(), tag.end(), False
                continue
            tag_attrs = _attrs(tag.group(4)) if ("=" in tag.group(4)) else {}
            if tag_name == "table":
                if tables == 0:
                    inside.tables.append((tag.start(), -1))
                tables += 1
            self._note_tag(tag, tag_name, tag_attrs, inside)
            pos, previous_end, previous_is_start = tag.end(), tag.end(), False
            if tag_name in _VOID or tag.group(4).rstrip().endswith("/"):
                if tag_name == "table":
                    tables -= 1
                continue
            if tag_name in _RAW:
                pos = previous_end = self._raw_end(tag_name, tag.end())
                continue
            stack.append(tag_name)
            if tag_name == "li" and "id" in tag_attrs:
                lis.append((tag.start(), tag.end() - tag.start(), htmllib.unescape(tag_attrs["id"][0]), len(stack),
                            stack == ["div", "ol", "li"]))
        return pos

    def _raw_end(self, name: str, start: int) -> int:
        close = re.compile(rf"</{name}\s*>", re.I).search(self.source, start)
        return close.end() if close else len(self.source)

    def _on_own_line(self, comment: re.Match, previous_end: int, previous_is_start: bool) -> bool:
        """A marker alone on its line: text before it ends a line (or the
        paragraph opens right before it), and text after it starts one (or
        the paragraph closes right after it)."""
        src = self.source
        before = src[previous_end:comment.start()]
        if before:
            if not before.rstrip(" \t").endswith("\n"):
                return False
        elif not previous_is_start:
            return False
        following = src.find("<", comment.end())
        following = len(src) if following < 0 else following
        after = src[comment.end():following]
        if after:
            return after.lstrip(" \t").startswith("\n")
        return src.startswith("</p", following)

    @staticmethod
    def _note_tag(token: re.Match, name: str, attrs, inside: _Element) -> None:
        """Record an element's id, and where its href points when it is an in-page link."""
        at = token.start(4)
        if "id" in attrs and attrs["id"][0]:
            inside.ids.append((token.start(), htmllib.unescape(attrs["id"][0])))
        if name == "a" and "href" in attrs and attrs["href"][0].startswith("#"):
            value, offset = attrs["href"]
            classes = htmllib.unescape(attrs.get("class", ("", 0))[0]).split()
            inside.links.append((at + offset, at + offset + len(value), htmllib.unescape(value[1:]),
                                 "footnote-ref" in classes))

    def _marker(self, start: int, end: int) -> None:
        self.blocks.append(Block("marker", None, 0, start, end, 0, False, False, False, False, source=self.source))

    def _element(self, name: str, attrs, start: int, token: re.Match, end: int, inside: _Element) -> None:
        classes = htmllib.unescape(attrs.get("class", ("", 0))[0]).split()
        self.ignored += inside.markers - len(inside.splits)
        if name == "div" and "footnote" in classes and any(
                item and li_id.startswith("fn:") for *_, li_id, item in inside.lis):
            self.note_list = (len(self.blocks), token.start(), end, inside)
        kind = _KIND_OF.get(name, "other")
        if name == "div":
            if {"codehilite", "highlight"} & set(classes):
                kind = "code"
            elif any("embed" in c or "video" in c for c in classes):
                kind = "embed"
        opening = token.end() - start
        if not inside.splits:
            self._add(kind, name, classes, start, end, inside, opening)
            return
        # <p>a\n<!-- halaman -->\nb</p> becomes <p>a\n</p>, a marker, <p>\nb</p>
        src, tag = self.source, token.group(0)
        edges = [token.end(), *(at for split in inside.splits for at in split), end - len("</p>")]
        for number in range(0, len(edges), 2):
            low, high = edges[number], edges[number + 1]
            inner = src[low:high]
            if plain_text(inner).strip() or _ELEMENT.search(_COMMENT.sub("", inner)):
                piece, shift = _Element(), len(tag) - low
                piece.ids = [(at + shift, v) for at, v in inside.ids if low <= at < high]
                piece.links = [(s + shift, e + shift, t, f) for s, e, t, f in inside.links if low <= s < high]
                self._add(kind, name, classes, start, end, piece, len(tag), markup=f"{tag}{inner}</p>")
            if number + 2 < len(edges):
                self._marker(edges[number + 1], edges[number + 2])

    def _add(self, kind: str, name: str, classes, start: int, end: int, inside: _Element, opening: int = 0,
             markup: str | None = None) -> None:
        """One block; INSIDE's offsets are in the source, or in MARKUP when given (a split paragraph)."""
        shift = start if markup is None else 0
        own, markup = markup, self.source[start:end] if markup is None else markup
        text = plain_text(markup)
        heading = kind == "heading"
        self.blocks.append(Block(
            kind, own, words_in(text), start, end, opening,
            plain=name == "p" and not classes and bool(text.strip()),
            stays_with_previous="baca-juga" in classes,
            stays_with_next=heading or (name == "p" and text.rstrip().endswith(":")),
            opens_section=heading,
            tables=tuple((s - shift, e - shift) for s, e in inside.tables if e >= 0),
            ids=tuple(v for _, v in inside.ids),
            links=tuple(Link(s - shift, e - shift, t, f) for s, e, t, f in inside.links),
            source=self.source if own is None else None))

    def _footnotes(self, start: int, end: int, inside: _Element) -> Footnotes:
        src, items = self.source, []
        for li_start, li_end, opening, li_id, item in sorted(inside.lis):
            if not (item and li_id.startswith("fn:")):
                continue
            items.append(Footnote(
                li_id, src[li_start:li_end], opening,
                tuple(v for at, v in inside.ids if li_start <= at < li_end),
                tuple(Link(s - li_start, e - li_start, t, f) for s, e, t, f in inside.links
                      if li_start <= s < li_end)))
        return Footnotes(src[start:end], tuple(items))
