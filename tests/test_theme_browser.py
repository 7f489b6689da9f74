"""The reader's portal in a real browser: accessibility (axe-core), narrow
screens, the text-size control, share links and images."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _folder_url(site, folder) -> str:
    return "/" + folder.relative_to(site.output).as_posix() + "/"


def sample_urls(site) -> dict[str, str]:
    """One page of every kind the sample site has, found in what it built."""
    articles = sorted(p.parent for p in (site.output / "berita").glob("*/*/*/*/index.html"))
    split = sorted(p.parent.parent for p in (site.output / "berita").glob("*/*/*/*/2/index.html"))
    with_table = [f for f in articles if "<table" in (f / "index.html").read_text(encoding="utf-8")]
    pages = sorted(p.parent for p in site.output.glob("*/index.html")
                   if (p.parent.name not in ("halaman", "cari", "arsip", "penulis", "rubrik", "tag"))
                   and 'class="page"' in p.read_text(encoding="utf-8"))
    page_with_table = [f for f in pages if "<table" in (f / "index.html").read_text(encoding="utf-8")]
    assert split and with_table and page_with_table, "the sample content should have these page kinds"
    return {
        "home": "/",
        "home-2": "/halaman/2/",
        "article": _folder_url(site, articles[-1]),
        "article-2": _folder_url(site, split[0]) + "2/",
        "article-all": _folder_url(site, split[0]) + "semua/",
        "article-table": _folder_url(site, with_table[0]),
        "rubrik": "/rubrik/pelayanan-publik/",
        "tag": "/tag/" + next(p.name for p in (site.output / "tag").iterdir() if p.is_dir()) + "/",
        "penulis": "/penulis/sinto/",
        "penulis-editor": "/penulis/rizal/",  # an editor who wrote nothing: the articles they edited
        "page": "/profil/",
        "page-table": _folder_url(site, page_with_table[0]),
        "cari": "/cari/",
        "404": "/404.html",
        "luring": "/luring/",  # the offline page (issue 18)
        **papan_urls(site),
    }


def papan_urls(site) -> dict[str, str]:
    """Pengumuman and Agenda (plugins/papan): lists, an item of each (one with attachments), a month, a filter."""
    with_lampiran = sorted(p.parent for p in (site.output / "pengumuman").glob("*/index.html")
                           if 'class="lampiran"' in p.read_text(encoding="utf-8"))
    events = sorted(p.parent for p in (site.output / "agenda").glob("*/index.html")
                    if 'class="papan-facts"' in p.read_text(encoding="utf-8"))
    months = sorted(p.parent for p in (site.output / "agenda" / "bulan").glob("*/*/index.html")
                    if 'class="month-day"' in p.read_text(encoding="utf-8"))
    assert with_lampiran and events and months, "the sample content should have announcements and events"
    return {
        "pengumuman-list": "/pengumuman/",
        "pengumuman": _folder_url(site, with_lampiran[0]),
        "agenda-list": "/agenda/",
        "agenda": _folder_url(site, events[0]),
        "agenda-bulan": _folder_url(site, months[-1]),
        "agenda-filter": "/agenda/kategori/pemerintahan/",
    }


KINDS = ["home", "home-2", "article", "article-2", "article-all", "article-table", "rubrik", "tag", "penulis",
         "penulis-editor", "page", "page-table", "cari", "404", "luring",
         "pengumuman-list", "pengumuman", "agenda-list", "agenda", "agenda-bulan", "agenda-filter"]


@pytest.fixture
def page(browser):
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    yield tab
    tab.close()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("kind", KINDS)
def test_no_axe_violations(browser, sample_site, sample_server, kind, width):
    assert AXE.is_file(), "run `make test` (it installs axe-core with npm ci)"
    # axe-core is injected as an inline script, which the site's CSP (rightly) refuses.
    tab = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
    try:
        tab.goto(sample_server + sample_urls(sample_site)[kind])
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("async () => await axe.run(document)")
    finally:
        tab.close()
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("kind", KINDS)
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
    # The control is reachable by keyboard alone: Tab from the top of the page
    # until "Teks normal" has the focus (visibly), then Enter.
    normal_button = page.get_by_role("button", name="Teks normal")
    for _ in range(60):
        page.keyboard.press("Tab")
        if normal_button.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the text-size control")
    assert normal_button.evaluate("button => getComputedStyle(button).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate(body_size) == normal
    assert normal_button.get_attribute("aria-pressed") == "true"


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
