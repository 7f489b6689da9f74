"""The reader's portal in a real browser: accessibility (axe-core), narrow
screens, the text-size control, share links and images."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def sample_urls(site) -> dict[str, str]:
    """One page of every kind the sample site has."""
    articles = sorted((site.output / "berita").glob("*/*/*/*/index.html"))
    article = "/" + articles[-1].parent.relative_to(site.output).as_posix() + "/"
    return {
        "home": "/",
        "home-2": "/halaman/2/",
        "article": article,
        "rubrik": "/rubrik/pelayanan-publik/",
        "tag": "/tag/" + next(p.name for p in (site.output / "tag").iterdir() if p.is_dir()) + "/",
        "penulis": "/penulis/sinto/",
        "page": "/profil/",
        "404": "/404.html",
    }


@pytest.fixture
def page(browser):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    yield tab
    tab.close()


@pytest.mark.parametrize("kind", ["home", "home-2", "article", "rubrik", "tag", "penulis", "page", "404"])
def test_no_axe_violations(page, sample_site, sample_server, kind):
    assert AXE.is_file(), "run `make test` (it installs axe-core with npm ci)"
    page.goto(sample_server + sample_urls(sample_site)[kind])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("kind", ["home", "article", "rubrik", "penulis", "page"])
def test_no_sideways_scrolling(browser, sample_site, sample_server, kind, width):
    tab = browser.new_page(viewport={"width": width, "height": 800})
    try:
        tab.goto(sample_server + sample_urls(sample_site)[kind])
        tab.wait_for_load_state("load")
        scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{kind} at {width}px scrolls sideways ({scroll} > {client})"
    finally:
        tab.close()


def test_text_size_control_changes_and_is_remembered(page, sample_site, sample_server):
    urls = sample_urls(sample_site)
    page.goto(sample_server + urls["article"])
    body_size = "() => parseFloat(getComputedStyle(document.body).fontSize)"
    normal = page.evaluate(body_size)
    large = page.get_by_role("button", name="Teks besar")
    assert large.get_attribute("aria-pressed") == "false"
    large.click()
    assert large.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Teks normal").get_attribute("aria-pressed") == "false"
    bigger = page.evaluate(body_size)
    assert bigger > normal
    page.goto(sample_server + urls["home"])
    assert page.evaluate(body_size) == bigger  # kept on the next page
    page.goto(sample_server + urls["article"])
    assert page.get_by_role("button", name="Teks besar").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")  # the control is reachable by keyboard
    page.get_by_role("button", name="Teks normal").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(body_size) == normal


def test_text_size_control_is_hidden_without_javascript(browser, sample_site, sample_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(sample_server + sample_urls(sample_site)["article"])
        assert not tab.locator(".textsize").is_visible()
        assert tab.locator(".share a").count() == 4  # sharing works without JS
    finally:
        context.close()


def test_share_links_carry_the_absolute_article_url(page, sample_site, sample_server):
    from urllib.parse import parse_qs, urlparse

    url = sample_urls(sample_site)["article"]
    page.goto(sample_server + url)
    absolute = "https://berita.lomboktengahkab.go.id" + url
    hrefs = page.eval_on_selector_all(".share a", "links => links.map(a => a.href)")
    assert len(hrefs) == 4
    hosts = {urlparse(h).netloc for h in hrefs}
    assert hosts == {"wa.me", "www.facebook.com", "x.com", "t.me"}
    for href in hrefs:
        values = [v for values in parse_qs(urlparse(href).query).values() for v in values]
        assert any(absolute in v for v in values), href


@pytest.mark.parametrize("kind", ["home", "article", "penulis", "rubrik"])
def test_every_image_has_size_and_alt(page, sample_site, sample_server, kind):
    page.goto(sample_server + sample_urls(sample_site)[kind])
    images = page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => [i.getAttribute('width'), i.getAttribute('height'), i.getAttribute('alt')])")
    assert images, "expected pictures on this page"
    for width, height, alt in images:
        assert width and height and alt is not None


def test_lead_photo_is_eager_and_others_lazy(sample_site):
    soup = sample_site.soup(sample_urls(sample_site)["home"])
    first, *rest = soup.select("main img")
    assert first.get("fetchpriority") == "high" and first.get("loading") is None
    assert rest and all(img.get("loading") == "lazy" for img in rest)
    assert soup.select_one("main picture source[type='image/webp']")["srcset"].count("w,") >= 2
