"""A reader walks a split sample article in headless Chromium: page 1, then
"2", then "Tampilkan semua", by clicking the links as they are rendered."""

from __future__ import annotations


def _split_article(site) -> str:
    """The URL of page 1 of the first sample article that has a page 2."""
    folders = sorted(p.parent.parent for p in (site.output / "berita").glob("*/*/*/*/2/index.html"))
    assert folders, "the sample content should have an article split across pages"
    return "/" + folders[0].relative_to(site.output).as_posix() + "/"


def test_reader_walks_page_1_to_2_to_all(browser, sample_server, sample_site):
    url = _split_article(sample_site)
    page = browser.new_page()
    try:
        assert page.goto(sample_server + url).status == 200
        nav = page.locator("nav.halaman-nav")
        assert nav.locator("[aria-current=page]").inner_text() == "1"
        first_text = page.locator(".article-body > p").first.inner_text()
        assert page.locator(".byline").count() == 1

        nav.get_by_role("link", name="2", exact=True).click()
        page.wait_for_url(sample_server + url + "2/")
        assert page.locator("nav.halaman-nav [aria-current=page]").inner_text() == "2"
        assert " – Halaman 2 – " in page.title()
        second_text = page.locator(".article-body > :is(p, h2)").first.inner_text()
        assert second_text != first_text
        assert page.locator(".byline").count() == 0

        page.get_by_role("link", name="Tampilkan semua").click()
        page.wait_for_url(sample_server + url + "semua/")
        whole = page.locator(".article-body").inner_text()
        assert first_text in whole and second_text in whole
        assert page.locator("link[rel=canonical]").get_attribute("href") == url + "semua/"
    finally:
        page.close()
