"""Search on /cari/ in a real browser (Debian's headless Chromium), on a site
built for it (issue 16): page furniture finds nothing, a body word finds its
article, more than twenty matches are all reached through "Muat lebih banyak",
newest-first ordering across shards, results with rubrik, date, thumbnail and
a highlighted snippet, filter menus made from the index, untrusted titles
shown as text, and the header's search box."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from portal.browser import serve_folder, watch
from tests.conftest import SETTINGS, ContentFolder, Site
from tests.speed import fast_build

pytestmark = pytest.mark.search

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
HREFS = "links => links.map(link => link.getAttribute('href'))"
HOSTILE_TITLE = 'Gerabah "kutip" & \'tunggal\' <5 ribu < /script> 🎉'
HOSTILE_CAPTION = "Perajin \"gerabah\" ' onmouseover='alert(2)' & anak < 5"
# Words only the page furniture holds (share buttons, text size, byline): issue 16.
FURNITURE = ["whatsapp", "telegram", "penulis", "besar", "salin", "xyzzyqq"]


def gerabah_articles(content: ContentFolder) -> dict[str, dict]:
    """24 articles with the word "gerabah" (pottery), 12 in 2025 and 12 in 2026 (two
    shards), and one without it whose body alone holds "songket"; by URL."""
    made = {}
    for n in range(23):
        year, month = (2025, 3 + n % 9) if n < 12 else (2026, 1 + n % 8)
        date = f"{year}-{month:02d}-{1 + n:02d} {8 + n % 10:02d}:15"
        slug = f"gerabah-{n:02d}"
        fields = {"Date": date, "Category": "Smart City" if n % 3 == 0 else "Pemerintahan",
                  "Title": f"Kabar perajin desa nomor {n}", "Highlight": f"Sorotan kabar nomor {n}."}
        if n % 2 == 0:
            fields.update(Image="images/foto/contoh.jpg", Image_caption=f"Perajin bekerja, foto {n}.",
                          Image_credit="DISKOMINFO LOTENG/UJI")
        # page edges of "Muat lebih banyak": "melati" in 1 article, "kenari" in 10, "cempaka" in 11
        extra = " ".join(word for word, count in (("melati", 1), ("kenari", 10), ("cempaka", 11)) if n < count)
        content.article(slug, body=f"Perajin gerabah di desa nomor {n} menerima pesanan dari luar daerah. {extra}",
                        **fields)
        made[f"/berita/{date[:10].replace('-', '/')}/{slug}/"] = {"date": date, **fields}
    hostile = {"Date": "2026-09-30 10:00", "Title": HOSTILE_TITLE, "Image": "images/foto/contoh.jpg",
               "Image_caption": HOSTILE_CAPTION, "Image_credit": "DISKOMINFO LOTENG/UJI"}
    content.article("gerabah-berbahaya", body="Isi berita biasa tentang pameran di Penujak.", **hostile)
    made["/berita/2026/09/30/gerabah-berbahaya/"] = {"date": hostile["Date"], "Category": "Pemerintahan", **hostile}
    # "2 x 1": Pagefind answers an unknown word with its longest indexed prefix ("xyzzyqq" -> "x")
    content.article("kain-tenun", body="Penenun Sukarara menjual songket 2 x 1 meter ke pengunjung.",
                    Date="2026-10-01 09:00",
                    Title="Pasar kain di Sukarara")
    return made


@pytest.fixture(scope="module")
def gerabah(tmp_path_factory):
    """The built site (with its search index) served over HTTP, and its gerabah articles."""
    root = tmp_path_factory.mktemp("gerabah")
    content = ContentFolder(root / "content")
    made = gerabah_articles(content)
    output = root / "output"
    result = fast_build(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(root / "cache")}, search=True)
    with serve_folder(output) as base:
        yield Site(output, result), base, made


@pytest.fixture
def tab(browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    problems = watch(page)
    yield page
    page.close()
    assert problems == []  # no dialog (an escaped title ran), no page or console error


def search(page, base: str, query: str, **params: str) -> None:
    extra = "".join(f"&{name}={quote(value)}" for name, value in params.items())
    page.goto(f"{base}/cari/?q={quote(query)}{extra}")
    # Not wait_for_function: its string predicate is eval'd, which the page's CSP refuses.
    page.locator("#cari-status", has_text="“").wait_for()


def load_all(page) -> list[str]:
    """Press "Muat lebih banyak" until it is gone; every result's link, in order."""
    more = page.locator("#cari-lagi")
    for _ in range(20):
        if not more.is_visible():
            break
        before = page.locator("#cari-hasil > li").count()
        more.click()
        page.locator(f"#cari-hasil > li >> nth={before}").wait_for()
    return page.locator("#cari-hasil .card-title a").evaluate_all(HREFS)


@pytest.mark.parametrize("word", FURNITURE)
def test_page_furniture_finds_nothing(tab, gerabah, word):
    _, base, _ = gerabah
    search(tab, base, word)
    assert tab.locator("#cari-hasil > li").count() == 0
    assert "Tidak ada berita" in tab.locator("#cari-status").inner_text()
    assert not tab.locator("#cari-lagi").is_visible()


def test_a_one_letter_word_is_still_found(tab, gerabah):
    """The guard against Pagefind's prefix fallback keeps a search for the word itself."""
    _, base, _ = gerabah
    search(tab, base, "x")
    assert "/berita/2026/10/01/kain-tenun/" in tab.locator("#cari-hasil .card-title a").evaluate_all(HREFS)


def test_a_word_of_the_body_finds_its_article(tab, gerabah):
    _, base, _ = gerabah
    search(tab, base, "songket")
    assert tab.locator("#cari-hasil .card-title a").evaluate_all(HREFS) == ["/berita/2026/10/01/kain-tenun/"]
    assert tab.locator("#cari-hasil .card-title a").inner_text() == "Pasar kain di Sukarara"


def test_more_than_twenty_matches_are_all_reached_ten_at_a_time(tab, gerabah):
    _, base, made = gerabah
    search(tab, base, "gerabah")
    assert tab.locator("#cari-status").inner_text().startswith(f"{len(made)} hasil")
    assert len(made) > 20
    assert tab.locator("#cari-hasil > li").count() == 10
    assert tab.locator("#cari-jumlah").inner_text() == f"Menampilkan 10 dari {len(made)} hasil"
    more = tab.locator("#cari-lagi")
    assert more.inner_text() == "Muat lebih banyak"
    more.click()
    tab.locator("#cari-hasil > li >> nth=10").wait_for()
    # the focus moves to the first new result, so a keyboard reader carries on there
    assert tab.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#cari-hasil > li')[10]")
    found = load_all(tab)
    assert sorted(found) == sorted(made) and len(found) == len(set(found))
    assert not more.is_visible()


@pytest.mark.parametrize("word, count", [("melati", 1), ("kenari", 10), ("cempaka", 11)])
def test_muat_lebih_banyak_at_the_edges_of_a_page_of_ten(tab, gerabah, word, count):
    _, base, _ = gerabah
    search(tab, base, word)
    assert tab.locator("#cari-status").inner_text() == f"{count} hasil untuk “{word}”"
    assert tab.locator("#cari-hasil > li").count() == min(count, 10)
    more = tab.locator("#cari-lagi")
    assert more.is_visible() == (count > 10)
    assert tab.locator("#cari-jumlah").inner_text() == (f"Menampilkan 10 dari {count} hasil" if count > 10 else "")
    if count > 10:
        more.click()
        tab.locator("#cari-hasil > li >> nth=10").wait_for()
        assert tab.locator("#cari-hasil > li").count() == count and not more.is_visible()
        assert tab.locator("#cari-jumlah").inner_text() == f"Menampilkan {count} dari {count} hasil"


def test_a_query_with_quotes_and_an_ampersand_round_trips(tab, gerabah):
    """Typed in the header box, the query reaches /cari/ whole: the box, the status, the address,
    a reload and a change of sort all keep it; it finds the article whose title holds those words."""
    _, base, _ = gerabah
    query = '"kutip" & \'tunggal\''
    tab.goto(base + "/berita/2026/10/01/kain-tenun/")
    box = tab.get_by_role("search", name="Cari di situs").get_by_role("searchbox")
    box.fill(query)
    box.press("Enter")
    tab.wait_for_url(re.compile(r"/cari/\?q="))
    for step in ("typed", "reloaded", "sorted"):
        if step == "reloaded":
            tab.reload()
        elif step == "sorted":
            tab.select_option("#urut", "terbaru")
            tab.wait_for_url(re.compile(r"urut=terbaru"))
        tab.locator("#cari-status", has_text="1 hasil").wait_for()
        assert parse_qs(urlsplit(tab.url).query)["q"] == [query], step
        assert tab.locator("#q").input_value() == query, step
        assert tab.locator("#cari-status").inner_text() == f"1 hasil untuk “{query}”", step
        assert tab.locator("#cari-hasil .card-title a").evaluate_all(HREFS) == ["/berita/2026/09/30/gerabah-berbahaya/"]


def test_a_query_of_markup_is_shown_as_text(tab, gerabah):
    _, base, _ = gerabah
    query = '<img src=x onerror="alert(1)"> zzqq'
    search(tab, base, query)
    assert tab.locator("#cari-status").inner_text() == f"Tidak ada berita yang cocok dengan “{query}”."
    assert tab.locator("main img[onerror], #cari-status *").count() == 0
    assert tab.locator("#q").input_value() == query


def test_results_that_cannot_be_loaded_say_so(browser, gerabah):
    """On a weak signal the index answers but a result's fragment does not arrive: the page
    says the search failed, never "1 hasil" above an empty list."""
    _, base, _ = gerabah
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.route("**/fragment/**", lambda route: route.abort())
        page.goto(f"{base}/cari/?q=songket")
        status = page.locator("#cari-status", has_text="Pencarian gagal dimuat")
        status.wait_for()
        assert "hasil" not in page.locator("#cari-status").inner_text()
        assert page.locator("#cari-hasil > li").count() == 0
    finally:
        page.close()


def test_newest_first_orders_by_date_across_shards(tab, gerabah):
    site, base, made = gerabah
    assert {p.name for p in (site.output / "pagefind").iterdir() if p.is_dir()} == {"2025-1", "2026-1"}
    search(tab, base, "gerabah", urut="terbaru")
    assert tab.locator("#urut").input_value() == "terbaru"
    found = load_all(tab)
    assert found == sorted(made, key=lambda url: made[url]["date"], reverse=True)
    search(tab, base, "gerabah")  # relevance: the same set, and a different order
    assert sorted(load_all(tab)) == sorted(made)


def test_choosing_newest_first_reorders_in_place_and_in_the_address(tab, gerabah):
    _, base, made = gerabah
    search(tab, base, "gerabah")
    tab.select_option("#urut", "terbaru")
    tab.wait_for_url(re.compile(r"urut=terbaru"))
    tab.locator("#cari-status", has_text="“").wait_for()
    newest = max(made, key=lambda url: made[url]["date"])
    tab.locator(f"#cari-hasil > li >> nth=0 >> a[href='{newest}']").first.wait_for()


def test_a_result_shows_rubrik_date_thumbnail_and_the_match_marked(tab, gerabah):
    site, base, made = gerabah
    search(tab, base, "pesanan", urut="terbaru")
    first = tab.locator("#cari-hasil > li").first
    url = first.locator(".card-title a").get_attribute("href")
    expected = made[url]
    assert first.locator(".card-rubrik").text_content() == expected["Category"]
    day = expected["date"][:10]
    assert first.locator("time").get_attribute("datetime") == day
    assert first.locator("time").inner_text() == "/".join(reversed(day.split("-")))
    assert first.locator(".card-snippet mark").first.inner_text().lower() == "pesanan"
    with_photo = [li for li in tab.locator("#cari-hasil > li").all() if li.locator("img").count()]
    assert with_photo, "the articles with a photo show its thumbnail"
    for item in with_photo:
        image = item.locator("img")
        assert image.get_attribute("alt") == ""  # the title beside it names the article
        assert site.exists("/" + image.get_attribute("src").lstrip("/"))
        image.scroll_into_view_if_needed()  # loading="lazy"
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    without = [u for u in load_all(tab) if "Image" not in made[u]]
    assert without and all(tab.locator(f"#cari-hasil li:has(a[href='{u}']) img").count() == 0 for u in without)


def test_untrusted_title_and_caption_are_shown_as_text(tab, gerabah):
    _, base, _ = gerabah
    search(tab, base, "penujak")  # the hostile article's body
    link = tab.locator("#cari-hasil .card-title a")
    assert link.inner_text() == HOSTILE_TITLE
    assert link.evaluate("a => a.childElementCount") == 0
    search(tab, base, "anak")  # a word of the hostile caption: the snippet shows it as text
    snippet = tab.locator("#cari-hasil .card-snippet").first
    assert "onmouseover='alert(2)' & anak < 5" in snippet.inner_text()
    assert tab.locator("#cari-hasil [onmouseover]").count() == 0
    assert snippet.evaluate("p => [...p.children].every(child => child.tagName === 'MARK')")


def test_filter_menus_come_from_the_index(tab, gerabah):
    _, base, made = gerabah
    search(tab, base, "gerabah", rubrik="Smart City")
    menu = tab.locator("#saring-rubrik")
    assert menu.input_value() == "Smart City"
    assert menu.locator("option").all_inner_texts() == ["Semua rubrik", "Pemerintahan", "Smart City"]
    assert tab.locator("label[for=saring-rubrik]").inner_text() == "Rubrik"
    found = load_all(tab)
    assert sorted(found) == sorted(u for u, f in made.items() if f["Category"] == "Smart City")
    # only rubrik: the shard tag the script searches by is not a menu
    assert tab.locator("#cari-saring select").count() == 1


def test_the_header_search_box_submits_to_cari(tab, gerabah):
    _, base, _ = gerabah
    tab.goto(base + "/berita/2026/10/01/kain-tenun/")
    box = tab.get_by_role("search", name="Cari di situs").get_by_role("searchbox")
    box.fill("songket")
    box.press("Enter")
    tab.wait_for_url(re.compile(r"/cari/\?q=songket$"))
    tab.locator("#cari-status", has_text="“").wait_for()
    assert tab.locator("#q").input_value() == "songket"
    assert tab.locator("#cari-hasil .card-title a").evaluate_all(HREFS) == ["/berita/2026/10/01/kain-tenun/"]


def test_search_targets_are_44_px(tab, gerabah):
    _, base, _ = gerabah
    search(tab, base, "gerabah")
    for selector in (".header-search input", ".header-search button", "#q", "#cari button[type=submit]", "#urut",
                     "#saring-rubrik", "#cari-lagi"):
        box = tab.locator(selector).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (selector, box)


def test_without_javascript_the_page_says_so(browser, gerabah):
    _, base, _ = gerabah
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "/cari/?q=gerabah")
        notice = page.locator("main .notice")
        assert notice.is_visible() and "JavaScript" in notice.inner_text()
        assert page.locator("#cari-hasil > li").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_results_have_no_axe_violations(browser, gerabah, width):
    _, base, _ = gerabah
    page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
    try:
        search(page, base, "gerabah")
        page.locator("#cari-lagi").click()
        page.locator("#cari-hasil > li >> nth=10").wait_for()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
    finally:
        page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
