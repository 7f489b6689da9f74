"""The reader's pages after issue 16: the breadcrumb, the home headline not
repeated in Berita Terkini, list pages with summaries and without the label
that repeats their subject, the 404 page with search and the latest news, the
header's search box on every page; and in the browser: the compact article
header at 390×844 (the lead photo's top edge inside the first screen), the
mobile rubrik menu's sign that it scrolls, 44 px search targets."""

from __future__ import annotations

import json

import pytest

from tests.test_theme_browser import sample_urls

HOSTILE_HIGHLIGHT = 'Harga < Rp5.000 & "gratis" 🎉'


@pytest.fixture
def small_site(content, build):
    content.article("utama", Date="2026-08-30 14:05", Highlight=HOSTILE_HIGHLIGHT, Tags="layanan")
    content.article("kemarin", Date="2026-08-29 09:00", Category="Smart City", Author="Baiq Nurul Aini",
                    Editor="Muhammad Rizal Hakim", Highlight="Kota cerdas mulai dirancang.", Tags="layanan")
    content.article("lusa", Date="2026-08-28 09:00", body="Ringkasan otomatis dari kalimat pertama berita ini.")
    return build(content)


def crumbs(soup) -> list[tuple[str, str | None]]:
    return [(li.get_text(strip=True), li.a["href"] if li.a else None)
            for li in soup.select("nav.breadcrumb li")]


def test_an_article_has_a_visible_breadcrumb_and_one_breadcrumb_list(small_site):
    soup = small_site.soup("/berita/2026/08/30/utama/")
    nav = soup.select_one("main nav.breadcrumb")
    assert nav["aria-label"] == "Posisi halaman"
    assert crumbs(soup) == [("Beranda", "/"), ("Pemerintahan", "/rubrik/pemerintahan/")]
    assert nav.find_next("h1") is not None  # above the title
    graphs = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    trails = [n for g in graphs for n in g["@graph"] if n["@type"] == "BreadcrumbList"]
    assert len(trails) == 1  # structured.py's, not a second one


@pytest.mark.parametrize("url, trail", [
    ("/rubrik/smart-city/", [("Beranda", "/"), ("Smart City", None)]),
    ("/tag/layanan/", [("Beranda", "/"), ("Tag", "/tag/"), ("layanan", None)]),
    ("/penulis/sinto/", [("Beranda", "/"), ("Penulis", "/penulis/"), ("Lalu Ahmad Sinto", None)]),
])
def test_list_pages_have_a_breadcrumb_ending_in_the_current_page(small_site, url, trail):
    soup = small_site.soup(url)
    assert crumbs(soup) == trail
    assert soup.select_one("nav.breadcrumb li:last-child [aria-current=page]") is not None


def test_the_home_headline_is_not_repeated_in_berita_terkini(small_site):
    soup = small_site.soup("/")
    headline = soup.select_one(".headline .headline-title a")["href"]
    assert headline == "/berita/2026/08/30/utama/"
    cards = [a["href"] for a in soup.select("article.card .card-title a")]
    assert headline not in cards
    assert cards == ["/berita/2026/08/29/kemarin/", "/berita/2026/08/28/lusa/"]


def test_rubrik_list_shows_summaries_and_not_its_own_rubrik(small_site):
    soup = small_site.soup("/rubrik/pemerintahan/")
    cards = soup.select("article.card")
    assert len(cards) == 2
    assert soup.select("article.card .card-rubrik") == []  # every card would say "Pemerintahan"
    summaries = [c.select_one(".card-summary").get_text() for c in cards]
    assert summaries[0] == HOSTILE_HIGHLIGHT  # plain text, escaped
    assert "Harga &lt; Rp5.000 &amp; " in str(cards[0].select_one(".card-summary"))
    assert summaries[1].startswith("Ringkasan otomatis")  # no Sorotan: the opening words


def test_penulis_list_shows_summaries_and_not_the_authors_name(small_site):
    soup = small_site.soup("/penulis/sinto/")
    cards = soup.select("article.card")
    assert cards and all(c.select_one(".card-summary") for c in cards)
    assert not any("Lalu Ahmad Sinto" in c.select_one(".card-meta").get_text() for c in cards)
    assert all(c.select_one(".card-rubrik") for c in cards)  # the rubrik differs from card to card


def test_an_editors_page_still_names_who_wrote_each_article(small_site):
    soup = small_site.soup("/penulis/rizal/")  # edited "kemarin", wrote nothing
    meta = soup.select_one("article.card .card-meta").get_text()
    assert "Baiq Nurul Aini" in meta


def test_a_tag_list_keeps_the_rubrik_label(small_site):
    soup = small_site.soup("/tag/layanan/")
    assert [c.get_text(strip=True) for c in soup.select("article.card .card-rubrik")] == ["Pemerintahan",
                                                                                        "Smart City"]


def test_every_page_has_the_header_search_box(small_site):
    for file in small_site.html_files():
        soup = small_site.soup(small_site.url_of(file))
        form = soup.select_one("header form.header-search")
        assert form is not None, file
        assert form["action"] == "/cari/" and form.get("method") == "get" and form["role"] == "search"
        box = form.select_one('input[name="q"]')
        assert box["type"] == "search" and soup.select_one(f'label[for="{box["id"]}"]') is not None


def test_the_404_page_has_a_search_form_and_berita_terkini(small_site):
    soup = small_site.soup("/404.html")
    form = soup.select_one("main form[role=search]")
    assert form["action"] == "/cari/" and form.select_one('input[name="q"][type="search"]')
    assert soup.select_one(f'label[for="{form.select_one("input")["id"]}"]').get_text(strip=True)
    latest = soup.select_one("main section.terkini")
    assert latest.h2.get_text(strip=True) == "Berita Terkini"
    assert [a["href"] for a in latest.select("a")] == ["/berita/2026/08/30/utama/", "/berita/2026/08/29/kemarin/",
                                                       "/berita/2026/08/28/lusa/"]


# --- in the browser, on the sample site ------------------------------------------------
def article_urls(site) -> list[str]:
    """Every first page of an article with a lead photo."""
    found = []
    for file in sorted((site.output / "berita").glob("*/*/*/*/index.html")):
        if 'class="lead-photo"' in file.read_text(encoding="utf-8"):
            found.append(site.url_of(file))
    return found


def test_the_compact_article_header_puts_the_lead_photo_in_the_first_screen(browser, sample_site, sample_server):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        urls = article_urls(sample_site)
        assert len(urls) > 10
        for url in urls:
            tab.goto(sample_server + url)
            top = tab.evaluate("document.querySelector('.lead-photo').getBoundingClientRect().top")
            assert top < 844, f"{url}: the lead photo starts at {top}px"
            # share links and the text size in one row
            share = tab.locator(".tools .share").bounding_box()
            size = tab.locator(".tools .textsize").bounding_box()
            assert abs(share["y"] - size["y"]) < 1 and share["height"] <= 46, url
            for target in tab.locator(".tools a, .tools button:visible").all():
                box = target.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44, url
    finally:
        tab.close()


def test_desktop_shows_the_share_names_and_tampilkan_semua_on_the_numbers_row(browser, sample_site, sample_server):
    tab = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        urls = sample_urls(sample_site)
        tab.goto(sample_server + urls["article-2"])
        assert tab.locator(".share-wa").inner_text() == "WhatsApp"
        numbers = tab.locator(".halaman-nav ul").bounding_box()
        show_all = tab.locator(".tampilkan-semua").bounding_box()
        assert show_all["y"] < numbers["y"] + numbers["height"], "Tampilkan semua wraps onto a row of its own"
        tab.goto(sample_server + urls["article-all"])
        article = tab.locator("article.article").bounding_box()
        rekomendasi = tab.locator("#rekomendasi").bounding_box()
        assert rekomendasi["width"] <= article["width"] + 0.5
        # the rubrik label keeps its distance from the header's rule
        header = tab.locator(".site-header").bounding_box()
        crumb = tab.locator("nav.breadcrumb").bounding_box()
        assert crumb["y"] - (header["y"] + header["height"]) >= 8
    finally:
        tab.close()


def test_the_mobile_rubrik_menu_shows_that_it_scrolls(browser, sample_site, sample_server):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        tab.goto(sample_server + "/")
        menu = tab.locator(".site-nav ul")
        scroll, client = menu.evaluate("ul => [ul.scrollWidth, ul.clientWidth]")
        assert scroll > client  # it does scroll at this width ...
        # ... and a fade is drawn at its right edge (CSS scrolling shadows)
        assert "linear-gradient" in menu.evaluate("ul => getComputedStyle(ul).backgroundImage")
        assert tab.locator(".site-nav li").last.bounding_box()["x"] > 390  # the last rubrik lies beyond the edge
    finally:
        tab.close()


def test_the_penulis_bio_sits_beside_the_portrait(browser, sample_site, sample_server):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        tab.goto(sample_server + "/penulis/sinto/")
        portrait = tab.locator(".person .portrait img").bounding_box()
        bio = tab.locator(".person .bio").bounding_box()
        assert bio["x"] >= portrait["x"] + portrait["width"]  # a column of its own, not wrapped under it
    finally:
        tab.close()


def test_the_404_search_box_leads_to_results(browser, sample_site, sample_server):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        tab.goto(sample_server + "/404.html")
        tab.fill("main input[name=q]", "lombok")
        tab.press("main input[name=q]", "Enter")
        tab.wait_for_url("**/cari/?q=lombok")
        tab.locator("#cari-hasil > li").first.wait_for()
        assert tab.locator("main .terkini a").count() == 0  # the 404's own list is gone: this is /cari/
    finally:
        tab.close()
