"""Reading on a weak signal (issue 18), in headless Chromium, on a
production-like build (publishconf.py) published under a sub-path
(http://127.0.0.1:PORT/portal/) and served over HTTP, where service workers
are allowed: offline reading, "Simpan untuk dibaca nanti", a new publish
picked up, Hemat data with Save-Data, and the installable manifest."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image

from portal.browser import MEASURE_CLS, SAVE_DATA, free_port, serve_folder, watch
from tests import speed
from tests.conftest import PUBLISH_SETTINGS, ROOT, ContentFolder


def page_errors(message) -> bool:
    """Console errors of the page itself. Chromium fetches a page's favicon past the
    service worker, so offline its load fails whatever the page does: not counted."""
    return message.type == "error" and not (
        "Failed to load resource" in message.text and message.location.get("url", "").split("?")[0].endswith(
            "/favicon.svg"))

SUB_PATH = "/portal"
LONG = "\n\n".join(f"Paragraf {n} tentang jaringan internet desa di Lombok Tengah yang dibangun bertahap oleh "
                   f"Diskominfo bersama pemerintah desa dan operator seluler." for n in range(1, 7))
SPLIT = "\n\n<!-- halaman -->\n\n".join(
    f"Bagian {n}: warga Desa Aik Berik kini bisa mengurus surat secara daring dari balai desa." for n in (1, 2, 3))
# Init scripts the page code really reads: navigator.connection.saveData, and the layout shifts.


def _content(root: Path) -> ContentFolder:
    folder = ContentFolder(root)
    colours = [(160, 60, 40), (40, 120, 60), (30, 60, 160), (150, 150, 30), (90, 30, 120), (20, 130, 140)]
    for n, colour in enumerate(colours, start=1):
        path = root / f"images/foto/foto-{n}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (1600, 1000), colour).save(path, "JPEG")
    articles = [("jaringan-desa-rinjani", "Jaringan Internet Sampai di Desa Lereng Rinjani", LONG),
                ("layanan-desa-daring", "Layanan Desa Daring Dibuka di Aik Berik", SPLIT),
                ("wifi-pasar-praya", "Wifi Gratis Terpasang di Pasar Praya", LONG),
                ("literasi-digital-pujut", "Literasi Digital untuk Pelajar Pujut", LONG),
                ("menara-bts-batukliang", "Menara BTS Baru di Batukliang Utara", LONG),
                ("pelatihan-operator-desa", "Pelatihan Operator Desa Digital", LONG)]
    for n, (slug, title, body) in enumerate(articles, start=1):
        folder.article(slug, body, Title=title, Date=f"2026-11-{10 + n:02d} 09:00", Image=f"images/foto/foto-{n}.jpg",
                       Image_caption=f"Foto {n} untuk berita {title}.", Image_credit="DISKOMINFO LOTENG/SINTO",
                       Category="Desa Digital")
    return folder


class Portal:
    """A production-like build under SUB_PATH, served at a fixed port, that a test may rebuild."""

    def __init__(self, root: Path, port: int, sub_path: str = SUB_PATH, www: Path | None = None):
        self.root, self.port = root, port
        self.www = www or root / "www"
        self.output = self.www / sub_path.strip("/")
        self.base = f"http://127.0.0.1:{port}{sub_path}"
        self.content = _content(root / "content")
        self.builds = 0

    def build(self, theme: Path | None = None):
        self.builds += 1
        overrides = {"PATH": str(self.content.root), "CACHE_PATH": str(self.root / "cache"), "SITEURL": self.base,
                     "FEED_DOMAIN": self.base, "PUBLIC_SITEURL": self.base, "DISTRIBUSI_NOW": "2026-11-20 10:00"}
        if theme is not None:
            overrides["THEME"] = str(theme)
        speed.fast_build(PUBLISH_SETTINGS, self.output, overrides)

    def url(self, slug: str, page: str = "") -> str:
        found = next(self.output.glob(f"berita/*/*/*/{slug}/index.html"))
        return f"{self.base}/{found.parent.relative_to(self.output).as_posix()}/{page}"


@pytest.fixture
def portal(tmp_path):
    port = free_port()
    site = Portal(tmp_path, port)
    site.build()
    with serve_folder(site.www, port):
        yield site


def _context(browser, *init_scripts, **options):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="allow", **options)
    for script in init_scripts:
        context.add_init_script(script)
    return context


def _controlled(page) -> None:
    """Wait until the service worker controls PAGE (it claims open pages when it activates)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)


LIST = f"{SUB_PATH}/__daftar__.json"  # the worker's list of saved pages


def _saved_list(page) -> list[dict]:
    return page.evaluate("""async (list) => {
        const r = await (await caches.open('luring-halaman')).match(list);
        return r ? r.json() : [];
    }""", LIST)


def _until(page, script: str, arg=None, timeout: float = 30.0):
    """Evaluate SCRIPT (it may be async: wait_for_function would take its promise for a true value)
    until it returns something true; fail after TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while not (result := page.evaluate(script, arg)):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {script}"
        page.wait_for_timeout(200)
    return result


def _wait_saved(page, count: int) -> list[dict]:
    _until(page, """async ([list, count]) => {
        const r = await (await caches.open('luring-halaman')).match(list);
        return r && (await r.json()).filter(x => x.a).length >= count;
    }""", [LIST, count])
    return _saved_list(page)


def _styled(page) -> bool:
    """The page's own stylesheet applied (the header rule of portal.css)."""
    return page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"


def test_read_articles_offline_and_the_offline_page(browser, portal):
    context = _context(browser)
    page = context.new_page()
    problems = watch(page, keep_console=page_errors)
    try:
        assert page.goto(portal.base + "/").status == 200
        _controlled(page)
        page.goto(portal.base + "/")  # home, now through the worker
        first, split = portal.url("jaringan-desa-rinjani"), portal.url("layanan-desa-daring")
        page.goto(first)
        page.goto(split)
        page.goto(split + "2/")
        entries = _wait_saved(page, 2)
        assert {e["u"] for e in entries if e["a"]} == {first, split}
        _until(page, "async (u) => !!(await (await caches.open('luring-halaman')).match(u))", portal.base + "/")

        context.set_offline(True)
        assert page.evaluate("navigator.onLine") is False
        page.goto(first)
        assert page.locator("h1").inner_text() == "Jaringan Internet Sampai di Desa Lereng Rinjani"
        assert _styled(page)
        assert page.evaluate("document.querySelector('.lead-photo img').naturalWidth") > 0  # its photo too
        page.goto(split + "2/")
        assert page.locator(".article-body").inner_text().startswith("Bagian 2")
        page.goto(portal.base + "/")
        assert page.locator(".headline-title").count() == 1 and _styled(page)

        unvisited = portal.url("pelatihan-operator-desa")
        page.goto(unvisited)
        assert page.locator("h1").inner_text() == "Anda sedang luring"
        assert _styled(page)
        listed = page.locator(".daftar-luring a")
        listed.first.wait_for()
        assert sorted(listed.all_inner_texts()) == ["Jaringan Internet Sampai di Desa Lereng Rinjani",
                                                    "Layanan Desa Daring Dibuka di Aik Berik"]
        page.locator(".daftar-luring a", has_text="Jaringan Internet").click()
        page.wait_for_url(first)
        assert page.locator("h1").inner_text() == "Jaringan Internet Sampai di Desa Lereng Rinjani"

        page.goto(portal.base + "/luring/")  # the offline list, asked for by its own address
        # luring.js fills the list from the cache after the page has loaded
        assert _until(page, "() => document.querySelectorAll('.daftar-luring a').length === 2 || null")
        assert not problems, problems
    finally:
        context.close()


def test_the_first_article_opened_from_a_link_is_kept_with_its_photo(browser, portal):
    """A reader arrives from a WhatsApp link: the worker did not exist while that page loaded."""
    context = _context(browser)
    page = context.new_page()
    try:
        article = portal.url("menara-bts-batukliang")
        page.goto(article + "?utm_source=whatsapp")
        entries = _wait_saved(page, 1)
        assert [(e["u"], e["s"]) for e in entries if e["a"]] == [(article, 0)]  # kept, not pinned
        lead = page.evaluate("document.querySelector('.lead-photo img').currentSrc")
        _until(page, "async (u) => !!(await caches.match(u))", lead)
        context.set_offline(True)
        page.reload()
        assert page.locator("h1").inner_text() == "Menara BTS Baru di Batukliang Utara"
        assert page.evaluate("document.querySelector('.lead-photo img').naturalWidth") > 0
    finally:
        context.close()


def test_simpan_saves_every_page_of_a_split_article(browser, portal):
    context = _context(browser)
    page = context.new_page()
    try:
        split = portal.url("layanan-desa-daring")
        page.goto(split)  # the first visit: the worker installs while the reader reads page 1
        button = page.get_by_role("button", name="Simpan untuk dibaca nanti")
        assert button.is_visible()
        assert button.get_attribute("data-pages").split() == [split, split + "2/", split + "3/", split + "semua/"]
        button.click()
        page.locator(".simpan-status", has_text="Tersimpan").wait_for(timeout=30_000)
        saved = [e for e in _saved_list(page) if e["a"]]
        assert len(saved) == 1 and saved[0]["s"] == 1 and saved[0]["t"] == "Layanan Desa Daring Dibuka di Aik Berik"

        context.set_offline(True)
        for number, url in ((2, split + "2/"), (3, split + "3/")):
            page.goto(url)
            assert page.locator(".article-body").inner_text().startswith(f"Bagian {number}")
            assert page.locator("h1").inner_text() == "Layanan Desa Daring Dibuka di Aik Berik"
        page.goto(split + "semua/")
        assert all(f"Bagian {n}" in page.locator(".article-body").inner_text() for n in (1, 2, 3))
        page.goto(portal.url("wifi-pasar-praya"))
        assert page.locator("h1").inner_text() == "Anda sedang luring"
        page.locator(".daftar-luring li", has_text="disimpan").wait_for()
    finally:
        context.close()


def _worker_version(output: Path) -> str:
    return json.loads(re.match(r"self\.LURING=(\{.*?\});", (output / "sw.js").read_text()).group(1))["v"]


def test_a_new_build_with_changed_css_is_picked_up_online(browser, portal, tmp_path):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(portal.base + "/")
        _controlled(page)
        article = portal.url("wifi-pasar-praya")
        page.goto(article)
        old_css = page.locator("link[rel=stylesheet]").get_attribute("href")
        old_version = _worker_version(portal.output)

        theme = tmp_path / "tema-baru"
        shutil.copytree(ROOT / "theme", theme)
        with (theme / "static" / "css" / "portal.css").open("a", encoding="utf-8") as css:
            css.write(".site-header{border-bottom-color:rgb(1, 2, 3)}\n")
        portal.content.article("kabar-terbaru", LONG, Title="Kabar Terbaru dari Praya", Date="2026-11-19 08:00",
                               Category="Desa Digital")
        portal.build(theme)
        new_version = _worker_version(portal.output)
        assert new_version != old_version

        page.goto(portal.base + "/")  # the next online visit: home refreshed (network first) ...
        assert page.locator(".headline-title").inner_text() == "Kabar Terbaru dari Praya"
        page.goto(article)  # ... and the new stylesheet with the new page
        assert page.locator("link[rel=stylesheet]").get_attribute("href") != old_css
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomColor") == \
            "rgb(1, 2, 3)"
        # the new worker takes over and clears the old shell
        _until(page, """async (v) => {
            const keys = (await caches.keys()).filter(k => k.startsWith('luring-shell-'));
            return keys.length === 1 && keys[0] === 'luring-shell-' + v + ' /portal/';
        }""", new_version)
        # the worker stores a page after answering it: wait for the copy that links the new stylesheet
        new_css = page.locator("link[rel=stylesheet]").get_attribute("href")
        _until(page, """async ([u, css]) => {
            const r = await (await caches.open('luring-halaman')).match(u);
            return !!r && (await r.text()).includes(css.replace(/&/g, '&amp;'));
        }""", [article, new_css])
        context.set_offline(True)
        page.goto(article)
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomColor") == \
            "rgb(1, 2, 3)"
    finally:
        context.close()


def test_hemat_data_holds_back_pictures_below_the_lead(browser, portal):
    context = _context(browser, SAVE_DATA, MEASURE_CLS, device_scale_factor=2)
    page = context.new_page()
    problems = watch(page, keep_console=page_errors)
    images: list[str] = []
    page.on("request", lambda r: images.append(r.url) if r.resource_type == "image" else None)
    try:
        page.goto(portal.base + "/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.dataset.hemat") == "1"
        assert page.get_by_role("button", name="Hemat data").get_attribute("aria-pressed") == "true"
        held = page.locator("img[data-tunda]")
        assert held.count() >= 5  # the card thumbnails below the headline
        held_urls = {url.split()[0] for url in page.evaluate(
            "[...document.querySelectorAll('img[data-tunda], picture:has(img[data-tunda]) source')]"
            ".flatMap(e => (e.dataset.srcset || '').split(', '))") if url}
        assert held_urls and not held_urls & {u.removeprefix(f"http://127.0.0.1:{portal.port}") for u in images}
        assert not any("-160." in u or "-320." in u for u in images), images  # no thumbnail fetched
        # the lead (the headline's picture) takes its smallest rendition
        lead = page.locator(".headline img")
        smallest = min(lead.get_attribute("data-bytes").split(), key=lambda x: int(x.split(":")[0])).split(":")[0]
        assert lead.evaluate("i => i.currentSrc").endswith(f"-{smallest}.webp")
        info = page.locator(".hemat-info").inner_text()
        assert re.fullmatch(r"± [1-9]\d* KB dihemat di halaman ini\.", info), info
        boxes = held.evaluate_all("l => l.map(i => [i.getBoundingClientRect().width, "
                                  "i.getBoundingClientRect().height])")
        assert all(w > 50 and abs(h - w * 3 / 4) < 2 for w, h in boxes), boxes  # the thumbnail's own 4:3 box

        assert page.evaluate("window.__cls") < 0.02, page.evaluate("window.__shifts")
        first = held.first.element_handle()  # the locator would move on to the next held picture
        first.scroll_into_view_if_needed()
        url_before = page.url
        with page.expect_request(lambda r: r.resource_type == "image" and "-320." in r.url):
            first.evaluate_handle("i => i.parentNode").as_element().click()  # the grey box the reader taps
        assert page.url == url_before  # the tap loaded the picture, it did not follow the link
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=first)
        assert held.count() == len(boxes) - 1
        page.wait_for_timeout(300)
        assert page.evaluate("window.__cls") < 0.02, page.evaluate("window.__shifts")

        page.get_by_role("button", name="Muat semua gambar").click()
        assert page.locator("img[data-tunda]").count() == 0
        assert page.evaluate("window.__cls") < 0.02
        assert not problems, problems

        # the reader's choice is remembered, and beats the browser's Save-Data
        with page.expect_navigation(wait_until="load"):  # the toggle reloads the page; the old one is loaded already
            page.get_by_role("button", name="Hemat data").click()
        assert page.evaluate("localStorage.getItem('hemat-data')") == "0"
        assert page.evaluate("document.documentElement.dataset.hemat") == "0"
        assert page.locator("img[data-tunda]").count() == 0
        assert page.locator(".hemat-info").inner_text() == ""
    finally:
        context.close()


def test_without_save_data_every_picture_loads(browser, portal):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(portal.base + "/")
        assert page.evaluate("document.documentElement.dataset.hemat") == "0"
        assert page.locator("img[data-tunda]").count() == 0
        assert page.get_by_role("button", name="Hemat data").get_attribute("aria-pressed") == "false"
    finally:
        context.close()


def test_manifest_is_valid_and_its_icons_exist(browser, portal):
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(portal.base + "/")
        href = page.locator("link[rel=manifest]").get_attribute("href")
        assert href == f"{SUB_PATH}/manifest.webmanifest"
        response = page.request.get(f"http://127.0.0.1:{portal.port}{href}")
        assert response.ok
        manifest = json.loads(response.text())
        for member in ("name", "short_name", "description", "start_url", "scope", "display", "icons",
                       "theme_color", "background_color"):
            assert manifest[member], member
        assert manifest["lang"] == "id" and manifest["display"] == "standalone"
        manifest_url = portal.base + "/manifest.webmanifest"
        start = page.evaluate("([u, b]) => new URL(u, b).href", [manifest["start_url"], manifest_url])
        scope = page.evaluate("([u, b]) => new URL(u, b).href", [manifest["scope"], manifest_url])
        assert start == scope == portal.base + "/"
        assert manifest["theme_color"] == page.locator("meta[name=theme-color]").get_attribute("content")
        purposes = set()
        for icon in manifest["icons"]:
            url = page.evaluate("([u, b]) => new URL(u, b).href", [icon["src"], manifest_url])
            got = page.request.get(url)
            assert got.ok and got.headers["content-type"] == "image/png", url
            file = portal.output / url.removeprefix(portal.base + "/")
            with Image.open(file) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"
            purposes.add((icon["sizes"], icon["purpose"]))
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
        # the worker's scope is the portal's sub-path
        _controlled(page)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == portal.base + "/"
    finally:
        context.close()


def test_no_axe_violations_with_hemat_data_on_and_on_the_offline_list(browser, portal):
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    assert axe.is_file(), "run `make test` (it installs axe-core with npm ci)"
    # axe-core is injected as an inline script, which the site's CSP (rightly) refuses
    context = _context(browser, SAVE_DATA, bypass_csp=True)
    page = context.new_page()
    try:
        found = {}
        for name, url in (("home", portal.base + "/"), ("article", portal.url("wifi-pasar-praya")),
                          ("split", portal.url("layanan-desa-daring", "semua/"))):
            page.goto(url)
            _controlled(page)
            page.add_script_tag(path=str(axe))
            result = page.evaluate("async () => await axe.run(document)")
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        _wait_saved(page, 2)
        context.set_offline(True)
        page.goto(portal.url("pelatihan-operator-desa"))
        page.locator(".daftar-luring a").first.wait_for()
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => await axe.run(document)")
        found["luring"] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert found == {name: [] for name in found}
    finally:
        context.close()


def test_only_pages_are_kept_as_pages_never_a_picture_opened_by_itself(browser, portal):
    """A picture (or any file that is not HTML) opened by itself is not read as text into the
    pages' cache: its bytes would come back broken offline, and it is no page to list."""
    context = _context(browser)
    page = context.new_page()
    try:
        article = portal.url("wifi-pasar-praya")
        page.goto(article)
        _controlled(page)
        page.goto(article)  # through the worker
        picture = page.evaluate("document.querySelector('.lead-photo img').currentSrc")
        page.goto(portal.base + "/")  # a page after the picture: the worker has stored the picture's answer by then
        assert page.goto(picture).ok
        page.goto(portal.url("menara-bts-batukliang"))
        _until(page, """async ([list, u]) => {
            const r = await (await caches.open('luring-halaman')).match(list);
            return r && (await r.json()).some(x => x.u === u);
        }""", [LIST, portal.url("menara-bts-batukliang")])
        assert not page.evaluate("async (u) => !!(await (await caches.open('luring-halaman')).match(u))", picture)
        assert picture not in [u for e in _saved_list(page) for u in e["p"]]
    finally:
        context.close()


@pytest.mark.parametrize("missing", ["caches", "caches-open-fails"])
def test_the_offline_list_says_nothing_is_saved_without_the_caches_api(browser, portal, missing):
    """An old or locked-down browser without the Cache API (or one that refuses it) still reads
    the offline page's sentence, not an empty list."""
    script = ("delete Window.prototype.caches; delete window.caches;" if missing == "caches" else
              "CacheStorage.prototype.open = () => Promise.reject(new Error('SecurityError'));")
    context = _context(browser, script)
    page = context.new_page()
    problems = watch(page, keep_console=page_errors)
    try:
        page.goto(portal.base + "/luring/")
        assert page.evaluate("typeof window.caches") == ("undefined" if missing == "caches" else "object")
        page.locator(".daftar-luring li").first.wait_for()
        assert page.locator(".daftar-luring li").all_inner_texts() == [
            "Belum ada berita tersimpan. Buka berita saat ada sinyal, atau ketuk “Simpan untuk dibaca nanti”."]
        assert not problems, problems
    finally:
        context.close()


def test_two_portals_on_one_origin_keep_each_others_shell(browser, portal, tmp_path):
    """A second portal on the same host (a staging copy at /uji/) has a worker of its own; when it
    activates it clears its own old shells only, so this portal's offline page is still there."""
    staging = Portal(tmp_path / "uji", portal.port, "/uji", www=portal.www)
    staging.build()
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(portal.base + "/")
        _controlled(page)
        page.goto(staging.base + "/")
        _controlled(page)
        assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == staging.base + "/sw.js"
        _until(page, "async () => (await caches.keys()).filter(k => k.startsWith('luring-shell-')).length === 2")
        context.set_offline(True)
        for site in (portal, staging):
            page.goto(site.url("pelatihan-operator-desa"))  # never opened: each portal's own offline page
            assert page.locator("h1").inner_text() == "Anda sedang luring", site.base
            assert _styled(page)
    finally:
        context.close()


def test_a_shell_named_the_old_way_is_cleared(browser, portal):
    """Shells were once named 'luring-shell-{version}' alone: the current worker clears such a leftover."""
    legacy = "luring-shell-0123456789"
    context = _context(browser, f"window.caches && caches.open('{legacy}');")
    page = context.new_page()
    try:
        page.goto(portal.base + "/")
        _controlled(page)
        _until(page, """async (legacy) => {
            const keys = (await caches.keys()).filter(k => k.startsWith('luring-shell-'));
            return keys.length === 1 && keys[0] !== legacy && keys[0].endsWith(' /portal/');
        }""", legacy)
    finally:
        context.close()


def test_an_untrusted_title_is_listed_offline_as_text(browser, portal):
    hostile = 'Gerabah "kutip" & \'tunggal\' <5 ribu > 3 ribu 🎉'  # tags and entities are refused by the check
    portal.content.article("judul-berbahaya", LONG, Title=hostile, Date="2026-11-18 08:00", Category="Desa Digital")
    portal.build()
    context = _context(browser)
    page = context.new_page()
    problems = watch(page, keep_console=page_errors)
    try:
        page.goto(portal.base + "/")
        _controlled(page)
        page.goto(portal.url("judul-berbahaya"))
        _wait_saved(page, 1)
        context.set_offline(True)
        page.goto(portal.url("pelatihan-operator-desa"))
        listed = page.locator(".daftar-luring a")
        listed.first.wait_for()
        assert listed.all_inner_texts() == [hostile]
        assert page.locator(".daftar-luring img, .daftar-luring b").count() == 0
        assert not problems, problems  # no dialog: nothing in the title ran
    finally:
        context.close()
