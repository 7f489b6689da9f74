"""Halaman: articles split across pages (by marker and automatically), their
URLs, titles, canonical links and navigation, and windowed list pagination.

Every test builds a real site from Markdown and reads the written HTML.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import Tag
from halaman.window import page_window

from portal.build import BuildFailed
from tests.conftest import ROOT, SETTINGS, fast_build

SITENAME = "Warta Lombok Tengah"
DAY = "/berita/2026/08/30/"


def url_of(slug: str, page: int | str | None = None) -> str:
    return f"{DAY}{slug}/" + (f"{page}/" if page else "")


def body(soup) -> Tag:
    return soup.select_one(".article-body")


def flow(soup) -> list[Tag]:
    """Top-level elements of a page's article body, without its footnote list."""
    return [node for node in body(soup).find_all(True, recursive=False) if "footnote" not in (node.get("class") or [])]


def paragraphs(soup) -> list[str]:
    return [p.get_text(" ", strip=True) for p in flow(soup) if p.name == "p"]


def words(element: Tag) -> int:
    return len(re.findall(r"\w+(?:[-']\w+)*", element.get_text(" ")))


def page_urls(site, slug: str) -> list[str]:
    """Page 1, 2, … of an article, as far as files exist."""
    urls = [url_of(slug)]
    while site.exists(url_of(slug, len(urls) + 1)):
        urls.append(url_of(slug, len(urls) + 1))
    return urls


def text(words_count: int, seed: str) -> str:
    """A sentence of exactly ``words_count`` words."""
    return " ".join(f"{seed}{i}" for i in range(words_count)) + "."


# --- splitting by the editor's marker ---------------------------------------

MARKED = """
Pembuka halaman pertama.

Lanjutan halaman pertama.

<!-- halaman -->

Isi halaman kedua.
<!--nextpage-->
Isi halaman ketiga.
"""


@pytest.fixture
def theme_with_rekomendasi(tmp_path) -> Path:
    """The portal theme plus a stand-in for plugins/rekomendasi's partial."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "partials" / "rekomendasi.html").write_text(
        '<aside class="rekomendasi">Rekomendasi untuk Anda</aside>\n', encoding="utf-8")
    return theme


def test_marked_article_gives_exactly_its_pages(content, build, theme_with_rekomendasi):
    content.article("tiga-halaman", MARKED, Title="Berita Tiga Halaman", Image="images/foto/contoh.jpg",
                    Image_caption="Suasana rapat.", Image_credit="DISKOMINFO LOTENG/SINTO",
                    Reporter="Lalu Ahmad Sinto", Source="Diskominfo", Tags="smart city")
    site = build(content, THEME=str(theme_with_rekomendasi))
    assert page_urls(site, "tiga-halaman") == [url_of("tiga-halaman"), url_of("tiga-halaman", 2),
                                                url_of("tiga-halaman", 3)]
    folder = site.path(url_of("tiga-halaman")).parent
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == [
        "2/index.html", "3/index.html", "index.html", "semua/index.html"]

    expected = [["Pembuka halaman pertama.", "Lanjutan halaman pertama."], ["Isi halaman kedua."],
                ["Isi halaman ketiga."]]
    pages = [site.soup(url_of("tiga-halaman", n)) for n in (None, 2, 3)]
    assert [paragraphs(page) for page in pages] == expected
    everything = site.soup(url_of("tiga-halaman", "semua"))
    assert paragraphs(everything) == [p for page in expected for p in page]

    titles = [page.title.get_text() for page in [*pages, everything]]
    assert titles == [f"Berita Tiga Halaman – {SITENAME}", f"Berita Tiga Halaman – Halaman 2 – {SITENAME}",
                      f"Berita Tiga Halaman – Halaman 3 – {SITENAME}", f"Berita Tiga Halaman – {SITENAME}"]
    for page in [*pages, everything]:
        assert page.select_one("link[rel=canonical]")["href"] == url_of("tiga-halaman", "semua")
        assert page.h1.get_text() == "Berita Tiga Halaman"
        assert page.select_one(".tags a").get_text() == "smart city"

    def present(selector):
        return [page.select_one(selector) is not None for page in [*pages, everything]]

    # Opening on page 1 (and view-all), ending after the last page (and view-all).
    assert present(".byline") == [True, False, False, True]
    assert present("figure.lead-photo") == [True, False, False, True]
    assert present(".laporan") == [True, False, False, True]
    assert present(".sumber") == [False, False, True, True]
    assert present("aside.rekomendasi") == [False, False, True, True]
    assert [p.get_text(strip=True) for p in pages[1].select(".halaman-posisi")] == ["Halaman 2 dari 3"]


def test_navigation_marks_the_current_page(content, build):
    content.article("tiga-halaman", MARKED)
    site = build(content)
    for number in (1, 2, 3, "semua"):
        nav = site.soup(url_of("tiga-halaman", None if number == 1 else number)).select_one("nav.halaman-nav")
        assert nav.select_one(".halaman-label").get_text() == "Halaman"
        numbers = [a.get_text() for a in nav.select("li a:not([rel])")]
        assert numbers == ["1", "2", "3"]
        current = [a.get_text() for a in nav.select("[aria-current=page]")]
        assert current == (["Tampilkan semua"] if number == "semua" else [str(number)])
        following = nav.select_one("a[rel=next]")
        if number in (1, 2):
            assert following.get_text(strip=True).startswith("Selanjutnya")
            assert following["href"] == url_of("tiga-halaman", number + 1)
        else:
            assert following is None
        assert (nav.select_one("a[rel=prev]") is not None) == (number in (2, 3))
        assert nav.select_one(".tampilkan-semua a")["href"] == url_of("tiga-halaman", "semua")


@pytest.mark.parametrize("source", [
    "Satu.\n\n<!-- halaman -->\n\nDua.",
    "Satu.\n<!-- halaman -->\n\nDua.",  # no blank line after the paragraph
    "Satu.\n\n<!-- halaman -->\nDua.",  # no blank line before the next one
    "Satu.\n<!-- halaman -->\nDua.",
    "Satu.\n<!--nextpage-->\nDua.",
    "Satu.\n\n<!--  HALAMAN  -->\n\nDua.",
], ids=["blank-lines", "glued-above", "glued-below", "glued-both", "nextpage", "spacing-and-case"])
def test_every_way_of_writing_the_marker(content, build, source):
    content.article("dua-halaman", source)
    site = build(content)
    assert page_urls(site, "dua-halaman") == [url_of("dua-halaman"), url_of("dua-halaman", 2)]
    assert paragraphs(site.soup(url_of("dua-halaman"))) == ["Satu."]
    assert paragraphs(site.soup(url_of("dua-halaman", 2))) == ["Dua."]


@pytest.mark.parametrize("source, expected", [
    ("<!-- halaman -->\n\nSatu.\n\nDua.", [["Satu.", "Dua."]]),
    ("Satu.\n\nDua.\n\n<!-- halaman -->", [["Satu.", "Dua."]]),
    ("Satu.\n\n<!-- halaman -->\n\n<!--nextpage-->\n\nDua.", [["Satu."], ["Dua."]]),
    ("<!-- halaman -->\n\nSatu.\n\n<!-- halaman -->\n\n<!-- halaman -->\n\nDua.\n\n<!-- halaman -->",
     [["Satu."], ["Dua."]]),
], ids=["first", "last", "doubled", "all-at-once"])
def test_markers_that_would_make_an_empty_page_are_ignored(content, build, source, expected):
    content.article("penanda", source)
    site = build(content)
    urls = page_urls(site, "penanda")
    assert [paragraphs(site.soup(url)) for url in urls] == expected
    assert site.exists(url_of("penanda", "semua")) == (len(expected) > 1)


def test_marked_paragraph_in_html_is_split_too(content, build):
    # Hand-written HTML (or another Markdown version) may keep the marker
    # inside the paragraph it touches.
    content.article("di-paragraf", "<p>Sebelum penanda.\n<!-- halaman -->\nSesudah penanda.</p>")
    site = build(content)
    assert paragraphs(site.soup(url_of("di-paragraf"))) == ["Sebelum penanda."]
    assert paragraphs(site.soup(url_of("di-paragraf", 2))) == ["Sesudah penanda."]


@pytest.mark.parametrize("slug, source", [
    ("dalam-kutipan", "Satu.\n\n> kutip\n> <!-- halaman -->\n> lanjut\n\nDua."),
    ("dalam-daftar", "Satu.\n\n1. butir\n\n    <!-- halaman -->\n\n2. butir\n\nDua."),
    ("dalam-kalimat", "Satu <!-- halaman --> di tengah kalimat.\n\nDua."),
])
def test_marker_that_is_not_between_blocks_is_ignored_with_a_warning(content, tmp_path, slug, source):
    # (Pelican drops a warning it has logged before in the same process,
    # hence one slug per case.)
    content.article(slug, source)
    result = fast_build(SETTINGS, tmp_path / "out", {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "c")})
    assert (result.output_path / url_of(slug).lstrip("/") / "index.html").is_file()
    assert not (result.output_path / url_of(slug, 2).lstrip("/")).exists()
    assert any(f"articles/{slug}.md: 1 penanda halaman" in w for w in result.warnings), result.warnings


def test_baca_juga_after_a_marker_stays_with_the_text_before(content, build):
    content.article("baca-juga", """
        Satu.

        <!-- halaman -->

        <p class="baca-juga">Baca juga: <a href="/x/">Berita lain</a></p>

        Dua.
    """)
    site = build(content)
    first, second = (flow(site.soup(url)) for url in page_urls(site, "baca-juga"))
    assert [p.get("class") for p in first] == [None, ["baca-juga"]]
    assert [p.get_text() for p in second] == ["Dua."]


def test_links_to_other_content_work_on_every_page(content, build):
    content.article("lain", Title="Berita Lain")
    content.article("bertaut", """
        Satu, lihat [berita lain]({filename}lain.md).

        <!-- halaman -->

        Dua, lihat lagi [berita lain]({filename}lain.md) dan ![foto]({static}/images/foto/contoh.jpg).
    """)
    site = build(content, STATIC_PATHS=["images"])
    for url in [url_of("bertaut"), url_of("bertaut", 2), url_of("bertaut", "semua")]:
        page = site.soup(url)
        assert {a["href"] for a in body(page).select("a")} == {url_of("lain")}, url
    assert site.soup(url_of("bertaut", 2)).select_one(".article-body img")["src"] == "/images/foto/contoh.jpg"


def test_marked_article_under_the_threshold_is_still_split(content, build):
    content.article("pendek-bertanda", "Satu.\n\n<!-- halaman -->\n\nDua.")
    site = build(content, HALAMAN_AUTO_THRESHOLD=10_000)
    assert len(page_urls(site, "pendek-bertanda")) == 2


# --- footnotes and in-page anchors --------------------------------------------

FOOTNOTES = """
Satu[^a] dengan catatan.

<!-- halaman -->

Dua[^b] dengan catatan lain dan yang pertama lagi[^a].

<!-- halaman -->

Tiga tanpa catatan, tetapi ada <a href="#fnref:b">tautan ke rujukan dua</a>.

[^a]: Catatan A.
[^b]: Catatan B.
"""


def test_each_page_carries_the_footnotes_it_refers_to(content, build):
    content.article("catatan", FOOTNOTES)
    site = build(content)
    first, second, third = (site.soup(url) for url in page_urls(site, "catatan"))

    def notes(page):
        return [(li["id"], li.get("value"), li.p.get_text(" ", strip=True).split()[0:2])
                for li in page.select(".article-body .footnote li")]

    assert notes(first) == [("fn:a", "1", ["Catatan", "A."])]
    assert notes(second) == [("fn:a", "1", ["Catatan", "A."]), ("fn:b", "2", ["Catatan", "B."])]
    assert notes(third) == []
    # The reference on page 1 points at its own page; the back-links of a
    # note referenced on two pages point at both.
    assert first.select_one("a.footnote-ref")["href"] == "#fn:a"
    assert [a["href"] for a in first.select("#fn\\:a a.footnote-backref")] == ["#fnref:a", "2/#fnref2:a"]
    assert [a["href"] for a in second.select("#fn\\:a a.footnote-backref")] == ["../#fnref:a", "#fnref2:a"]
    assert third.select_one(".article-body p a")["href"] == "../2/#fnref:b"
    # The view-all page keeps python-markdown's single list.
    assert len(site.soup(url_of("catatan", "semua")).select(".article-body .footnote")) == 1


def test_every_in_page_link_reaches_its_target(content, build):
    content.article("catatan", FOOTNOTES)
    site = build(content)
    checked = 0
    for url in [*page_urls(site, "catatan"), url_of("catatan", "semua")]:
        for link in site.soup(url).select(".article-body a[href*='#']"):
            target = urljoin(url, link["href"])
            page, anchor = target.split("#")
            assert site.exists(page), (url, link["href"])
            assert site.soup(page).find(id=anchor) is not None, (url, link["href"])
            checked += 1
    assert checked >= 10


# --- automatic splitting ------------------------------------------------------

def long_article(rounds: int = 3) -> str:
    """Paragraphs of varied length between every kind of block a page must keep whole."""
    chunks = []
    for r in range(rounds):
        chunks += [
            text(45, f"p{r}a"), text(30, f"p{r}b"), f"## Subjudul {r}", text(25, f"p{r}c"),
            "Daftar layanan yang dibuka:",
            "\n".join(f"- {text(8, f'l{r}{i}')}" for i in range(6)),
            text(50, f"p{r}d"),
            "| Kecamatan | Desa |\n|---|---|\n" + "\n".join(f"| {text(5, f't{r}{i}')} | {i} |" for i in range(5)),
            f'<figure><img src="/images/foto/contoh.jpg" alt="Foto {r}"><figcaption>{text(9, f"f{r}")}'
            "</figcaption></figure>",
            f'<p class="baca-juga">Baca juga: <a href="/berita/lain-{r}/">Berita lain {r}</a></p>',
            f"> {text(20, f'q{r}a')}\n>\n> {text(20, f'q{r}b')}",
            "```\n" + "\n".join(f"baris {r} {i}" for i in range(6)) + "\n```",
            text(35, f"p{r}e"),
        ]
    return "\n\n".join(chunks)


def fingerprint(element: Tag) -> tuple:
    return element.name, " ".join(element.get_text(" ").split()), len(element.find_all(True))


AUTO = {"HALAMAN_AUTO_THRESHOLD": 200, "HALAMAN_WORDS_PER_PAGE": 150, "HALAMAN_MIN_WORDS": 60}


def test_automatic_split_keeps_every_block_whole(content, build):
    content.article("panjang", long_article(), Dateline="PRAYA")
    site = build(content, **AUTO)
    urls = page_urls(site, "panjang")
    assert len(urls) >= 4
    pages = [flow(site.soup(url)) for url in urls]
    whole = flow(site.soup(url_of("panjang", "semua")))
    # The pages, one after another, hold exactly the article's top-level
    # elements: no list, table, figure, quote or code block is cut or lost.
    assert [fingerprint(e) for page in pages for e in page] == [fingerprint(e) for e in whole]
    for page in pages:
        for element in page:
            if element.name in ("ul", "table", "figure", "blockquote", "pre"):
                assert element.parent.name == "div" and "article-body" in element.parent["class"]
        assert sum(words(e) for e in page) >= AUTO["HALAMAN_MIN_WORDS"]
        assert "baca-juga" not in (page[0].get("class") or []), "a page opens with Baca juga"
        assert not re.fullmatch(r"h[1-6]", page[-1].name), "a page ends with a heading"
        assert not page[-1].get_text().rstrip().endswith(":"), "a page ends with an introduction"
    lists = [e for page in pages for e in page if e.name == "ul"]
    assert [len(ul.find_all("li")) for ul in lists] == [6, 6, 6]
    assert flow(site.soup(urls[0]))[0].select_one(".dateline").get_text() == "PRAYA"
    assert all(page[0].select_one(".dateline") is None for page in pages[1:])


def test_automatic_pages_are_even(content, build):
    content.article("rata", "\n\n".join(text(50, f"p{i}") for i in range(12)))
    site = build(content, HALAMAN_AUTO_THRESHOLD=300, HALAMAN_WORDS_PER_PAGE=200, HALAMAN_MIN_WORDS=50)
    counts = [sum(words(e) for e in flow(site.soup(url))) for url in page_urls(site, "rata")]
    assert counts == [200, 200, 200]


def test_automatic_split_prefers_to_turn_the_page_at_a_heading(content, build):
    # An even split would end page 1 after the third paragraph (300 | 302
    # words); one paragraph later a new section starts (340 | 262).
    blocks = [text(100, "a"), text(100, "b"), text(100, "c"), text(40, "d"), "## Bagian Kedua",
              text(100, "e"), text(100, "f"), text(60, "g")]
    content.article("bersubjudul", "\n\n".join(blocks))
    site = build(content, HALAMAN_AUTO_THRESHOLD=300, HALAMAN_WORDS_PER_PAGE=300, HALAMAN_MIN_WORDS=50)
    pages = [flow(site.soup(url)) for url in page_urls(site, "bersubjudul")]
    assert [[words(e) for e in page] for page in pages] == [[100, 100, 100, 40], [2, 100, 100, 60]]
    assert pages[1][0].name == "h2"


def test_article_under_the_threshold_stays_one_page(content, build):
    content.article("sedang", "\n\n".join(text(50, f"p{i}") for i in range(12)))  # 600 words
    site = build(content, HALAMAN_AUTO_THRESHOLD=600, HALAMAN_WORDS_PER_PAGE=200)
    assert page_urls(site, "sedang") == [url_of("sedang")]
    assert not site.exists(url_of("sedang", "semua"))
    page = site.soup(url_of("sedang"))
    assert page.select_one("nav.halaman-nav") is None
    assert page.select_one("link[rel=canonical]")["href"] == url_of("sedang")
    assert page.title.get_text() == f"Sedang – {SITENAME}"


def test_automatic_split_can_be_turned_off(content, build):
    content.article("panjang", long_article())
    site = build(content, HALAMAN_AUTO=False, **{k: v for k, v in AUTO.items()})
    assert page_urls(site, "panjang") == [url_of("panjang")]


def test_one_enormous_paragraph_stays_one_page(content, build):
    content.article("raksasa", text(3000, "k"))
    site = build(content, **AUTO)
    assert page_urls(site, "raksasa") == [url_of("raksasa")]
    assert words(body(site.soup(url_of("raksasa")))) == 3000


def test_enormous_paragraph_among_others_is_not_cut(content, build):
    content.article("campuran", "\n\n".join([text(40, "a"), text(40, "b"), text(900, "k"), text(40, "c")]))
    site = build(content, **AUTO)
    pages = [flow(site.soup(url)) for url in page_urls(site, "campuran")]
    assert len(pages) >= 2
    assert [words(p) for page in pages for p in page] == [40, 40, 900, 40]
    assert all(sum(words(p) for p in page) >= AUTO["HALAMAN_MIN_WORDS"] for page in pages)


# --- the whole site ----------------------------------------------------------

def test_feed_carries_the_whole_text_once(content, build):
    content.article("tiga-halaman", MARKED)
    site = build(content)
    feed = (site.output / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    for sentence in ("Pembuka halaman pertama.", "Isi halaman kedua.", "Isi halaman ketiga."):
        assert feed.count(sentence) == 1, sentence
    assert "/semua/" not in feed and "tiga-halaman/2/" not in feed


def test_every_navigation_link_resolves(content, build):
    content.article("tiga-halaman", MARKED)
    content.article("catatan", FOOTNOTES)
    content.article("panjang", long_article())
    for n in range(7):
        content.article(f"berita-{n}", Tags="x")
    site = build(content, DEFAULT_PAGINATION=2, **AUTO)
    links = list(site.links(".halaman-nav a, .pagination a"))
    assert len(links) > 100
    for page, target in links:
        assert site.exists(target), (page, target)


def test_bad_setting_stops_the_build(content, build):
    content.article("apa-saja")
    with pytest.raises(BuildFailed) as failed:
        build(content, HALAMAN_ALL_SLUG="2")
    assert "HALAMAN_ALL_SLUG" in str(failed.value)


# --- list pagination -----------------------------------------------------------

@pytest.mark.parametrize("current, total, expected", [
    (1, 1, [1]),
    (2, 3, [1, 2, 3]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a one-page gap shows the page, not "…"
    (1, 40, [1, 2, 3, None, 40]),
    (5, 40, [1, 2, 3, 4, 5, 6, 7, None, 40]),
    (20, 40, [1, None, 18, 19, 20, 21, 22, None, 40]),
    (40, 40, [1, None, 38, 39, 40]),
])
def test_page_window(current, total, expected):
    assert page_window(current, total, around=2) == expected


def test_list_of_400_articles_gets_a_windowed_navigation(content, build):
    for n in range(400):
        content.article(f"berita-{n:03d}", "Isi singkat.")
    site = build(content)
    assert site.exists("/halaman/40/") and not site.exists("/halaman/41/")

    def numbers(url):
        return [li.get_text(strip=True) for li in site.soup(url).select(".pagination li")
                if not li.select_one("a[rel]")]

    assert numbers("/halaman/6/") == ["1", "…", "4", "5", "6", "7", "8", "…", "40"]
    assert numbers("/") == ["1", "2", "3", "…", "40"]
    assert numbers("/halaman/4/") == ["1", "2", "3", "4", "5", "6", "…", "40"]
    assert numbers("/halaman/40/") == ["1", "…", "38", "39", "40"]
    nav = site.soup("/halaman/6/").select_one(".pagination")
    assert nav.select_one("[aria-current=page]").get_text() == "6"
    assert nav.select_one("a[rel=prev]")["href"] == "/halaman/5/"
    assert nav.select_one("a[rel=next]")["href"] == "/halaman/7/"
    assert nav.select_one(".gap")["aria-hidden"] == "true"
    assert len(site.soup("/rubrik/pemerintahan/halaman/6/").select(".pagination li")) == 11


# --- the sample site -----------------------------------------------------------

def test_sample_articles_with_markers_are_split_at_them(sample_site, sample_content):
    marker = re.compile(r"^<!--\s*(halaman|nextpage)\s*-->\s*$", re.I | re.M)
    marked = [p for p in sorted((sample_content / "articles").glob("*.md")) if marker.search(p.read_text("utf-8"))]
    assert len(marked) >= 2
    for path in marked:
        source = path.read_text(encoding="utf-8")
        header = dict(line.split(":", 1) for line in source.split("\n\n", 1)[0].splitlines())
        header = {k.strip().lower(): v.strip() for k, v in header.items()}
        date = (header.get("date") or header["tanggal"])[:10].replace("-", "/")
        base = f"/berita/{date}/{header['slug']}/"
        expected = len(marker.findall(source)) + 1
        assert sample_site.exists(f"{base}{expected}/") and not sample_site.exists(f"{base}{expected + 1}/"), path
        assert sample_site.exists(f"{base}semua/"), path


def test_sample_navigation_links_resolve(sample_site):
    links = list(sample_site.links(".halaman-nav a, .pagination a"))
    assert len(links) > 50
    for page, target in links:
        assert sample_site.exists(target), (page, target)


def test_every_page_of_a_split_article_carries_its_own_json_ld(content, build):
    """The JSON-LD is made when a page is written, not kept for every article:
    pages 2..N and view-all repeat page 1's, and the next article gets its own."""
    content.article("tiga-halaman", MARKED)
    content.article("dua-halaman", "Satu.\n\n<!-- halaman -->\n\nDua.")
    site = build(content)

    def json_ld(slug, number=None):
        return site.soup(url_of(slug, number)).select_one('script[type="application/ld+json"]').string

    three = [json_ld("tiga-halaman", number) for number in (None, 2, 3, "semua")]
    two = [json_ld("dua-halaman", number) for number in (None, 2, "semua")]
    assert len(set(three)) == 1 and len(set(two)) == 1
    for text, title, slug in ((three[0], "Tiga Halaman", "tiga-halaman"), (two[0], "Dua Halaman", "dua-halaman")):
        news = next(node for node in json.loads(text)["@graph"] if node["@type"] == "NewsArticle")
        assert news["headline"] == title and news["@id"].endswith(f"/{slug}/semua/#article")
