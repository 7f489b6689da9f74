"""The served sample site works in a real browser (Debian's headless Chromium)."""


def test_home_to_article_by_clicking(browser, sample_server):
    page = browser.new_page()
    try:
        response = page.goto(sample_server + "/")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == "id"
        first = page.locator("article.card .card-title a").first
        title = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert "/berita/" in page.url
        assert page.locator("h1").inner_text() == title
        assert "WITA" in page.locator(".byline time").first.inner_text()
    finally:
        page.close()
