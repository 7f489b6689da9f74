"""newsroom.body: the article body read once into blocks, edited as data and
rendered once; rekomendasi's placement and halaman's pages on top of it.
Fast: no site build."""

from __future__ import annotations

import pickle

import pytest
from bs4 import BeautifulSoup
from halaman import anchors, blocks, split
from halaman.config import HalamanConfig
from markdown import Markdown
from newsroom import order
from newsroom.body import BACA_JUGA, Body, Insert, publish, read, render
from rekomendasi import placement

MARKDOWN = {"extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
            "output_format": "html5"}


def markdown(source: str) -> str:
    return Markdown(**MARKDOWN).convert(source)


ARTICLE = markdown("""\
Paragraf pembuka[^1] dengan *penekanan* & entitas.

## Subjudul

Berikut daftarnya:

- satu
- dua

> Kutipan warga.

| Kecamatan | Desa |
|---|---|
| Praya | 12 |

```
kode <p> tidak dibaca </p>
```

<figure><img src="/a.jpg" alt="A"><figcaption>Foto</figcaption></figure>

<!-- halaman -->

Paragraf kedua[^2] dan [tautan](#fnref:1).

***

[^1]: Catatan satu.
[^2]: Catatan dua.
""")


def kinds(body: Body) -> list[str]:
    return [block.kind for block in body.blocks]


def link(n: int = 1) -> str:
    return placement.baca_juga_html("Baca juga", f"/berita/{n}/", f"Judul {n}")


# --- reading --------------------------------------------------------------------

def test_each_kind_of_block_is_read():
    body = read(ARTICLE)
    assert kinds(body) == ["paragraph", "heading", "paragraph", "list", "quote", "table", "code", "figure",
                           "marker", "paragraph", "other"]
    assert body.blocks[0].text.split() == ["Paragraf", "pembuka", "1", "dengan", "penekanan", "&", "entitas."]
    assert body.blocks[0].words == 6  # "&" is no word
    assert body.blocks[1].opens_section and body.blocks[1].stays_with_next
    assert body.blocks[2].stays_with_next and not body.blocks[2].opens_section  # "Berikut daftarnya:"
    assert "&lt;p&gt;" in body.blocks[6].html and "kode <p> tidak dibaca </p>" in body.blocks[6].text
    assert body.footnotes is not None and [item.id for item in body.footnotes.items] == ["fn:1", "fn:2"]
    assert "Catatan" not in "".join(block.html for block in body.blocks)  # kept apart
    assert "Catatan satu." in body.text  # but its words are the article's
    assert body.ignored_markers == 0


def test_ids_and_in_page_links_are_read():
    body = read(ARTICLE)
    first, second = body.blocks[0], body.blocks[9]
    assert first.ids == ("fnref:1",)
    assert [(lnk.target, lnk.footnote) for lnk in first.links] == [("fn:1", True)]
    assert [(lnk.target, lnk.footnote) for lnk in second.links] == [("fn:2", True), ("fnref:1", False)]
    for lnk in second.links:
        assert second.html[lnk.start:lnk.end] == "#" + lnk.target
    note = body.footnotes.items[0]
    assert note.ids == ("fn:1",) and [lnk.target for lnk in note.links] == ["fnref:1"]


def test_a_marker_on_its_own_line_inside_a_paragraph_becomes_a_marker_block():
    body = read("<p>Sebelum penanda.\n<!-- halaman -->\nSesudah penanda.</p>")
    assert kinds(body) == ["paragraph", "marker", "paragraph"]
    assert [block.html for block in body.blocks] == ["<p>Sebelum penanda.\n</p>", "<!-- halaman -->",
                                                     "<p>\nSesudah penanda.</p>"]
    assert body.ignored_markers == 0
    assert render(body) == "<p>Sebelum penanda.\n<!-- halaman -->\nSesudah penanda.</p>"  # whole: as written


@pytest.mark.parametrize("markup", [
    "<p>Satu <!-- halaman --> di tengah kalimat.</p><p>Dua.</p>",
    "<ul><li>butir<!-- halaman --></li></ul>",
    "<blockquote>\n<p>kutip\n<!-- halaman -->\nlanjut</p>\n</blockquote>",
])
def test_a_marker_inside_a_line_list_or_quote_is_ignored_and_counted(markup):
    body = read(markup)
    assert "marker" not in kinds(body)
    assert body.ignored_markers == 1


def test_marker_names_follow_the_setting_and_other_comments_stay_with_the_next_block():
    body = read("<p>A</p>\n<!-- catatan -->\n<p>B</p>\n<!--  NextPage -->\n<p>C</p>", markers=("nextpage",))
    assert kinds(body) == ["paragraph", "paragraph", "marker", "paragraph"]
    assert body.blocks[1].html == "<!-- catatan -->\n<p>B</p>" and body.blocks[1].text.strip() == "B"


def test_nested_tables_raw_text_and_attributes_with_brackets():
    markup = ('<table><tr><td><table><tr><td>dalam</td></tr></table></td></tr></table>\n'
              '<script>if (a < b) { document.write("</p><p>"); }</script>\n'
              '<p title="a > b">Teks</p>\n<pre><code>&lt;/pre&gt; tetap</code></pre>')
    body = read(markup)
    assert kinds(body) == ["table", "other", "paragraph", "code"]
    assert body.blocks[0].tables == ((0, len(body.blocks[0].html)),)  # the outer one: the inner goes with it
    assert body.blocks[1].text.strip() == ""  # script is no text
    assert body.blocks[2].text.strip() == "Teks" and body.blocks[2].opening == len('<p title="a > b">')
    assert render(body) == markup


def test_render_of_a_body_as_read_gives_back_the_markdown_html():
    for source in [ARTICLE, markdown("Satu.\n\nDua."), "", "teks lepas", markdown("<!-- halaman -->\n\nA")]:
        assert render(read(source)) == source


def test_a_body_pickles_compactly_and_equal():
    body = read(ARTICLE).with_dateline("PRAYA").with_inserts([Insert(0, BACA_JUGA, link())])
    again = pickle.loads(pickle.dumps(body))
    assert again == body and render(again) == render(body)
    # Each block's HTML is a slice of the source, not a second copy of it.
    assert len(pickle.dumps(read(ARTICLE))) < 2 * len(ARTICLE) + 1500
    cached = pickle.loads(pickle.dumps((ARTICLE, read(ARTICLE))))  # as the reader cache keeps it
    assert cached[1].source is cached[0]


# --- edits ------------------------------------------------------------------------

def test_dateline_opens_the_first_plain_paragraph():
    body = read('<blockquote><p>Kutipan.</p></blockquote>\n<p class="catatan">Catatan.</p>\n<p></p>\n'
                '<p>Teks <b>berita</b>.</p>\n<p>Lagi.</p>').with_dateline("PRAYA & SEKITAR")
    out = render(body)
    assert '<p><span class="dateline">PRAYA &amp; SEKITAR</span> – Teks <b>berita</b>.</p>' in out
    assert out.count("dateline") == 1
    assert "PRAYA" not in body.text  # the dateline is an edit, not the article's words


def test_dateline_without_a_paragraph_stands_alone():
    out = render(read("<table><tr><td>x</td></tr></table>").with_dateline("PRAYA"))
    assert out.startswith('<p class="dateline-only"><span class="dateline">PRAYA</span></p>\n<table>')


def test_tables_are_wrapped_and_numbered_in_reading_order():
    markup = ("<table><tr><td>1</td></tr></table>\n<blockquote><table><tr><td>2</td></tr></table></blockquote>\n"
              "<table><tr><td><table><tr><td>3</td></tr></table></td></tr></table>")
    out = render(read(markup).with_table_label("Tabel {n}"))
    soup = BeautifulSoup(out, "html.parser")
    regions = soup.select("div.table-scroll")
    assert [r["aria-label"] for r in regions] == ["Tabel 1", "Tabel 2", "Tabel 3"]
    assert all(r["role"] == "region" and r["tabindex"] == "0" and r.table for r in regions)
    assert regions[1].parent.name == "blockquote"
    assert out.replace(out[out.index("<div"):out.index(">", out.index("<div")) + 1], "", 1).count("<div") == 2


# --- "Baca juga" placement --------------------------------------------------------

PLACES = "<p>1</p><ul><li>x</li></ul><p>2</p><p>3</p>\n<!-- halaman -->\n<p>4</p><table></table><p>5</p><p>6</p>"


def test_baca_juga_goes_into_the_first_free_gap_between_two_paragraphs():
    body = placement.insert_links(read(PLACES), [link(1), link(2), link(3)], (1, 2, 2))
    assert [(i.after, i.kind) for i in body.inserts] == [(2, BACA_JUGA), (3, BACA_JUGA), (7, BACA_JUGA)]
    out = render(body)
    assert "<p>2</p>\n" + link(1) in out  # not after 1: a list follows it
    assert "<p>3</p>\n" + link(2) + "\n<!-- halaman -->" in out  # a marker is no block between paragraphs
    assert "<p>5</p>\n" + link(3) in out


def test_baca_juga_never_before_the_first_paragraph_nor_twice_in_a_gap():
    assert placement.insert_links(read("<p>Satu.</p>"), [link()], (0,)).inserts == ()
    assert len(placement.insert_links(read("<p>A</p><p>B</p>"), [link(1), link(2)], (0, 0)).inserts) == 1
    body = placement.insert_links(read("<h2>J</h2><p>A</p><p>B</p>"), [link()], (0,))
    assert render(body) == "<h2>J</h2><p>A</p>\n" + link() + "<p>B</p>"


def test_baca_juga_is_not_text_and_stays_with_the_paragraph_before():
    body = placement.insert_links(read("<p>A a</p><p>B b</p>"), [link()], (1,))
    assert "Judul" not in body.text
    pieces = body.pieces()
    assert [p.kind for p in pieces] == ["paragraph", BACA_JUGA, "paragraph"]
    assert pieces[1].stays_with_previous and pieces[1].words == 4  # Baca juga: Judul 1


# --- pages ---------------------------------------------------------------------------

def test_pages_get_their_footnotes_and_links_to_the_other_page():
    body = read(ARTICLE).with_dateline("PRAYA").with_table_label("Tabel {n}")
    document = blocks.read(body)
    assert document.has_markers
    pages = split.plan(document, HalamanConfig.from_settings({}))
    assert len(pages) == 2
    notes = anchors.footnotes_per_page(pages, body.footnotes)
    moved = anchors.link_across_pages(pages, notes, body.footnotes)
    assert notes == [("fn:1",), ("fn:2",)]
    first, second = (BeautifulSoup(render(body, page, notes[n], moved[n]), "html.parser")
                     for n, page in enumerate(pages))
    assert first.select_one(".dateline").text == "PRAYA" and first.select_one(".table-scroll")
    assert [(li["id"], li["value"]) for li in second.select(".footnote li")] == [("fn:2", "2")]
    assert second.find("a", string="tautan")["href"] == "../#fnref:1"
    assert first.select_one("#fn\\:1 a.footnote-backref")["href"] == "#fnref:1"
    whole = BeautifulSoup(render(body), "html.parser")
    assert len(whole.select(".footnote li")) == 2


def test_word_counts_of_pieces_include_the_dateline():
    body = read("<p>Satu dua tiga.</p>").with_dateline("LOMBOK TENGAH")
    assert [p.words for p in body.pieces()] == [5]


class _Content:
    def __init__(self, html: str):
        self._content, self.metadata, self.settings = html, {"newsroom_body": read(html)}, {}


def test_publish_writes_the_edited_body_once():
    content = _Content("<p>A</p><p>B</p>")
    from newsroom.body import of

    content.body = placement.insert_links(of(content).with_dateline("PRAYA"), [link()], (1,))
    publish(content)
    assert content._content == ('<p><span class="dateline">PRAYA</span> – A</p>\n' + link() + "<p>B</p>")


# --- plugin order ------------------------------------------------------------------

@pytest.mark.parametrize("plugin", ["halaman", "rekomendasi"])
def test_a_plugins_list_without_newsroom_stops_naming_it(plugin):
    import importlib

    module = importlib.import_module(f"{plugin}.plugin")

    class Pelican:
        settings = {"PLUGINS": ["gambar", plugin, "distribusi"], "CACHE_PATH": "/nonexistent"}

    with pytest.raises(order.PluginOrderError, match=f"plugin '{plugin}' butuh plugin 'newsroom'"):
        module.on_initialized(Pelican())


# --- review of the split: footnotes, inserts, the dateline --------------------------

def pages_of(body: Body) -> tuple[list[tuple[str, ...]], list[str]]:
    """The footnote ids of each page and each page's HTML, as plugins/halaman makes them."""
    pages = split.plan(blocks.read(body), HalamanConfig.from_settings({}))
    notes = anchors.footnotes_per_page(pages, body.footnotes)
    moved = anchors.link_across_pages(pages, notes, body.footnotes)
    return notes, [render(body, page, notes[n], moved[n]) for n, page in enumerate(pages)]


def words_of(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())


def test_footnotes_no_paragraph_refers_to_still_reach_a_page():
    body = read(markdown("A[^1]\n\n<!-- halaman -->\n\nB, [lihat catatan empat](#fn:4).\n\n"
                         "[^1]: lihat[^2]\n[^2]: catatan dalam\n[^3]: tak dirujuk\n[^4]: empat"))
    notes, html = pages_of(body)
    # fn:2 through fn:1, fn:4 by a plain link, fn:3 from nowhere: on the last page
    assert notes == [("fn:1", "fn:2"), ("fn:3", "fn:4")]
    for page in html:
        soup = BeautifulSoup(page, "html.parser")
        ids = {tag["id"] for tag in soup.select("[id]")}
        assert all(a["href"][1:] in ids for a in soup.select('a[href^="#fn:"]'))
    second = BeautifulSoup(html[1], "html.parser")
    assert [(li["id"], li["value"]) for li in second.select(".footnote li")] == [("fn:3", "3"), ("fn:4", "4")]
    assert len(BeautifulSoup(render(body), "html.parser").select(".footnote li")) == 4  # view-all: every one


def test_an_editors_own_footnote_div_is_text_not_the_footnote_list():
    source = markdown('<div class="footnote">Teks penting editor.</div>\n\nA[^1]\n\n<!-- halaman -->\n\nB\n\n'
                      "[^1]: Catatan.")
    body = read(source)
    assert [item.id for item in body.footnotes.items] == ["fn:1"]
    assert kinds(body)[0] == "other" and "Catatan" not in "".join(block.html for block in body.blocks)
    assert render(body) == source
    notes, html = pages_of(body)
    assert notes == [("fn:1",), ()]
    assert "Teks penting editor." in html[0] and "Catatan." in html[0]
    # Only the last one holding python-markdown's <ol><li id="fn:…"> is the list.
    markup = ('<p>A<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
              '<div class="footnote"><ol><li id="fn:1">Satu.</li></ol></div>\n'
              '<div class="footnote"><ul><li>Catatan redaksi.</li></ul></div>')
    body = read(markup)
    assert [item.id for item in body.footnotes.items] == ["fn:1"]
    assert kinds(body) == ["paragraph", "other"] and "redaksi" in body.blocks[1].html
    assert render(body) == markup


def test_comments_after_the_footnote_list_keep_it_out_of_the_last_block():
    markup = ('<p>A<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
              '<div class="footnote"><ol><li id="fn:1">Satu.</li></ol></div>\n<!-- akhir -->')
    body = read(markup)
    assert all("Satu." not in block.html for block in body.blocks)
    assert render(body) == markup


def test_baca_juga_after_a_split_paragraph_stands_in_one_place_whole_and_on_pages():
    source = markdown("<p>Satu dua.\n<!-- halaman -->\nTiga empat.</p>\n\nLima.\n\nEnam.")
    body = placement.insert_links(read(source), [link(1), link(2)], (1, 2))
    whole = render(body)
    _, html = pages_of(body)
    assert words_of(whole) == words_of(" ".join(html))
    assert "Judul 1" in whole and "Judul 2" in whole
    assert not BeautifulSoup(whole, "html.parser").select("p.baca-juga + p.baca-juga")
    # An insert asked for after the first piece of a split paragraph goes after the paragraph.
    body = read(source).with_inserts([Insert(0, BACA_JUGA, link(3))])
    _, html = pages_of(body)
    assert words_of(render(body)) == words_of(" ".join(html))


def test_dateline_alone_stays_with_the_block_after_a_leading_marker():
    body = read(markdown("<!-- halaman -->\n\n| a | b |\n|---|---|\n| 1 | 2 |")).with_dateline("PRAYA")
    _, html = pages_of(body)
    assert len(html) == 1 and html[0].startswith('<p class="dateline-only">') and "<table>" in html[0]
    pieces = body.pieces()
    assert [p.kind for p in pieces] == ["marker", "paragraph", "table"] and pieces[1].stays_with_next


def test_a_footnote_value_is_written_once():
    markup = ('<p>A<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n<!-- halaman -->\n'
              '<p>B<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup></p>\n'
              '<div class="footnote"><ol><li id="fn:1" value="5">Satu.</li><li id="fn:2">Dua.</li></ol></div>')
    _, html = pages_of(read(markup))
    assert html[0].count("value=") == 1 and 'value="5"' in html[0]
    assert 'value="6"' in html[1]  # numbered on from it, as in the whole list


# --- body pictures (plugins/gambar's sizes) ---------------------------------------------

FOTO = "{static}/images/foto/pasar.jpg"
SIZES = {FOTO: (960, 640, 48213)}


def test_a_sized_body_picture_is_held_back_like_the_themes_and_otherwise_unchanged():
    source = markdown(f"Pembuka.\n\n![Pasar Praya & \"Renteng\"]({FOTO})\n\nPenutup ![ikon]({FOTO}) di kalimat.")
    body = read(source)
    assert render(body.with_pictures({})) == source  # no sizes: as read
    sized = body.with_pictures(SIZES).with_dateline("PRAYA")
    out = render(sized)
    soup = BeautifulSoup(out, "html.parser")
    imgs = soup.select("p > picture > img")
    assert len(imgs) == 2 and not soup.select("p > img")  # inline too, inside its paragraph
    for img in imgs:
        assert (img["src"], img["width"], img["height"], img["loading"], img["decoding"], img["data-bytes"]) == (
            FOTO, "960", "640", "lazy", "async", "960:48213")
    assert imgs[0]["alt"] == 'Pasar Praya & "Renteng"'
    assert soup.select_one(".dateline").parent.name == "p" and out.count("dateline") == 1
    # Taking the wrapper off gives back the source: nothing else moved.
    plain = out.replace("<picture>", "").replace("</picture>", "").replace(
        ' width="960" height="640" loading="lazy" decoding="async" data-bytes="960:48213"', "")
    assert plain == render(body.with_dateline("PRAYA"))
    assert sized.text == body.text  # not the article's words


def test_a_picture_with_its_own_size_another_src_or_already_in_a_picture_is_left_alone():
    own = f'<p><img alt="a" src="{FOTO}" width="300"></p>'
    other = '<p><img alt="b" src="{static}/images/lain.jpg"></p>'
    inside = f'<picture><img alt="c" src="{FOTO}"></picture>'
    eager = f'<p><img alt="d" loading="eager" src="{FOTO}"></p>'
    body = read(own + other + inside).with_pictures(SIZES)
    assert render(body) == own + other + inside
    assert render(read(eager).with_pictures(SIZES)) == (
        f'<p><picture><img alt="d" loading="eager" src="{FOTO}" width="960" height="640" decoding="async" '
        'data-bytes="960:48213"></picture></p>')


def test_split_pages_and_the_whole_body_get_the_same_pictures():
    source = markdown(f"Satu.\n\n![a]({FOTO})\n\n<!-- halaman -->\n\nDua.\n\n![b]({FOTO})\n\n"
                      f"<p>Tiga.\n<!-- halaman -->\n<img alt=\"c\" src=\"{FOTO}\"></p>")
    body = read(source).with_pictures(SIZES).with_table_label("Tabel {n}")
    _, html = pages_of(body)
    assert len(html) == 3
    for page, alts in zip(html, (["a"], ["b"], ["c"]), strict=True):
        soup = BeautifulSoup(page, "html.parser")
        assert [img["alt"] for img in soup.select("picture > img[data-bytes='960:48213'][loading=lazy]")] == alts
    whole = BeautifulSoup(render(body), "html.parser")
    assert len(whole.select("picture > img[width='960'][height='640']")) == 3 and not whole.select("p > img")
    assert words_of(render(body)) == words_of(" ".join(html))


def test_pictures_are_an_edit_of_the_build_not_kept_in_the_reader_cache():
    body = read(markdown(f"![a]({FOTO})"))
    sized = body.with_pictures(SIZES)
    again = pickle.loads(pickle.dumps(sized))
    assert again == body and "<picture>" not in render(again)  # the next build sizes it from its own files
    assert body.with_pictures(SIZES).with_pictures({FOTO: (10, 5, 7)}).pictures == ((FOTO, 10, 5, 7),)


def test_a_picture_where_the_dateline_or_a_table_label_goes_gets_both_edits():
    source = (f'<p><img alt="x" src="{FOTO}"> Teks berita.</p>'
              f'<table><tr><td><img alt="y" src="{FOTO}"></td></tr></table>')
    body = read(source).with_pictures(SIZES).with_dateline("PRAYA").with_table_label("Tabel {n}")
    for out in (render(body), render(body, body.pieces()).replace("\n", "")):
        soup = BeautifulSoup(out, "html.parser")
        first = soup.select_one("p")
        assert [child.name for child in first.children if child.name] == ["span", "picture"]
        assert first.get_text() == "PRAYA –  Teks berita."
        assert soup.select_one(".table-scroll > table td > picture > img")["alt"] == "y"
        assert len(soup.select("img")) == 2


def test_a_block_is_a_slice_of_the_source_not_a_copy():
    """A body's text is held once: a block read from the source (and one restored from
    the reader cache) slices it when its HTML is asked for; only a paragraph split at a
    marker holds HTML of its own."""
    for body in (read(ARTICLE), pickle.loads(pickle.dumps(read(ARTICLE)))):
        assert all(block._html is None and block.html == body.source[block.start:block.end]
                   for block in body.blocks)
    split = read("<p>a\n<!-- halaman -->\nb</p>")
    assert [block.html for block in split.blocks] == ["<p>a\n</p>", "<!-- halaman -->", "<p>\nb</p>"]
    assert [block._html is None for block in split.blocks] == [False, True, False]
