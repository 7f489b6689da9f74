"""Pictures in an article's body under Hemat data, in headless Chromium, on a
production-like build (publishconf.py) served over HTTP under a sub-path:
with Save-Data emulated a body picture is not fetched until tapped, and its
box is there from the start (no layout shift)."""

from __future__ import annotations

import pytest
from PIL import Image

from portal.browser import MEASURE_CLS, SAVE_DATA, free_port, serve_folder, watch
from tests import speed
from tests.conftest import PUBLISH_SETTINGS, ContentFolder

SUB_PATH = "/portal"
TEXT = "Warga Desa Aik Berik menjual hasil kebun di pasar desa setiap pagi, sejak jalan baru dibuka."
BODY = f"""
{TEXT}

![Pasar desa Aik Berik pada pagi hari]({{static}}/images/isi/pasar-desa.jpg)

{TEXT} Peta lokasinya: ![Peta kecil pasar]({{static}}/images/isi/peta.jpg)

{TEXT}
"""


@pytest.fixture
def portal(tmp_path):
    port = free_port()
    content = ContentFolder(tmp_path / "content")
    path = content.root / "images/isi/pasar-desa.jpg"
    path.parent.mkdir(parents=True)
    Image.new("RGB", (1600, 1000), (40, 120, 60)).save(path, "JPEG")
    Image.new("RGB", (240, 160), (150, 60, 40)).save(path.with_name("peta.jpg"), "JPEG")  # narrower than the column
    content.article("pasar-desa-aik-berik", BODY, Title="Pasar Desa Aik Berik Ramai", Date="2026-11-12 09:00",
                    Image="images/foto/contoh.jpg", Image_caption="Pasar desa.", Image_credit="DISKOMINFO LOTENG")
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    output = tmp_path / "www" / SUB_PATH.strip("/")
    speed.fast_build(PUBLISH_SETTINGS, output, {
        "PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"), "SITEURL": base, "FEED_DOMAIN": base,
        "PUBLIC_SITEURL": base, "DISTRIBUSI_NOW": "2026-11-20 10:00"})
    found = next(output.glob("berita/*/*/*/pasar-desa-aik-berik/index.html"))
    with serve_folder(tmp_path / "www", port):
        yield f"{base}/{found.parent.relative_to(output).as_posix()}/"


def _page(browser, *scripts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block",
                                  device_scale_factor=2)
    for script in scripts:
        context.add_init_script(script)
    return context, context.new_page()


def test_with_hemat_data_a_body_picture_waits_for_a_tap_in_its_own_box(browser, portal):
    context, page = _page(browser, SAVE_DATA, MEASURE_CLS)
    problems = watch(page)
    images: list[str] = []
    page.on("request", lambda r: images.append(r.url) if r.resource_type == "image" else None)
    try:
        page.goto(portal)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert page.evaluate("document.documentElement.dataset.hemat") == "1"
        body = page.locator(".article-body picture > img")
        assert body.count() == 2
        img, small = body.first, body.nth(1)
        for held in (img, small):
            assert held.get_attribute("data-tunda") == "" and held.get_attribute("src") is None
        assert not [u for u in images if "/images/isi/" in u], images
        small_box = small.bounding_box()  # its own size, not stretched to the column
        assert (round(small_box["width"]), round(small_box["height"])) == (240, 160), small_box
        assert img.get_attribute("data-bytes").startswith("1600:")
        box = img.bounding_box()
        assert box["width"] > 300 and abs(box["height"] - box["width"] * 1000 / 1600) < 2, box
        label = img.evaluate("i => i.parentNode.dataset.label")
        assert label and "KB" in label, label
        info = page.locator(".hemat-info").inner_text()
        assert info.startswith("± ") and not info.startswith("± 0 "), info
        assert page.evaluate("window.__cls") < 0.02, page.evaluate("window.__shifts")

        img.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        assert not [u for u in images if "pasar-desa.jpg" in u], images  # scrolled to: still held back
        with page.expect_request(lambda r: "pasar-desa.jpg" in r.url):
            page.locator(".article-body picture").first.click()  # the grey box the reader taps
        page.wait_for_function("i => i.complete && i.naturalWidth === 1600", arg=img.element_handle())
        after = img.bounding_box()
        assert abs(after["width"] - box["width"]) < 1 and abs(after["height"] - box["height"]) < 1, (box, after)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__cls") < 0.02, page.evaluate("window.__shifts")
        assert not [u for u in images if "peta.jpg" in u], images  # a tap loads only the picture tapped
        with page.expect_request(lambda r: "peta.jpg" in r.url):
            page.locator(".article-body picture").nth(1).click()
        page.wait_for_function("i => i.complete && i.naturalWidth === 240", arg=small.element_handle())
        after = small.bounding_box()
        assert (after["width"], after["height"]) == (small_box["width"], small_box["height"]), after
        assert not problems, problems
    finally:
        context.close()


def test_without_hemat_data_a_body_picture_loads_into_its_box(browser, portal):
    context, page = _page(browser, MEASURE_CLS)
    problems = watch(page)
    try:
        page.goto(portal)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.dataset.hemat") == "0"
        for n, width in ((0, 1600), (1, 240)):
            img = page.locator(".article-body picture > img").nth(n)
            assert img.get_attribute("loading") == "lazy" and img.get_attribute("data-tunda") is None
            img.scroll_into_view_if_needed()
            page.wait_for_function(f"i => i.complete && i.naturalWidth === {width}", arg=img.element_handle())
        page.wait_for_timeout(300)
        assert page.evaluate("window.__cls") < 0.02, page.evaluate("window.__shifts")
        assert not problems, problems
    finally:
        context.close()
