"""Pengumuman and Agenda in Debian's headless Chromium at a phone's width:
the calendar download, the month view, and the home blocks reached by tapping.
(axe-core, sideways scrolling and the Nu checker cover these pages too: see
papan_urls in tests/test_theme_browser.py and tests/test_html_valid.py.)"""

from __future__ import annotations

import icalendar

from portal.weight import page_weight
from tests.test_theme_browser import papan_urls

PHONE = {"width": 390, "height": 844}


def test_add_to_calendar_downloads_an_ics_file(browser, sample_site, sample_server):
    tab = browser.new_page(viewport=PHONE, accept_downloads=True)
    try:
        tab.goto(sample_server + papan_urls(sample_site)["agenda"])
        button = tab.get_by_role("link", name="Tambahkan ke kalender")
        assert button.is_visible()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        with tab.expect_download() as info:
            button.click()
        download = info.value
        assert download.suggested_filename.endswith(".ics")
        (event,) = icalendar.Calendar.from_ical(open(download.path(), "rb").read()).walk("VEVENT")
        assert str(event["SUMMARY"]).endswith(tab.locator("h1").inner_text())
    finally:
        tab.close()


def test_month_view_fits_a_phone_and_its_days_lead_to_the_events(browser, sample_site, sample_server):
    tab = browser.new_page(viewport=PHONE)
    try:
        tab.goto(sample_server + papan_urls(sample_site)["agenda-bulan"])
        tab.wait_for_load_state("load")
        scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"month view scrolls sideways ({scroll} > {client})"
        table = tab.locator("table.month-grid").bounding_box()
        assert table["width"] <= client
        day = tab.locator("td.has-event a").first
        box = day.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24  # a finger can hit it
        target = day.get_attribute("href")
        day.click()
        assert tab.url.endswith(target)
        assert tab.locator(f"{target} .card-title a").count() >= 1
    finally:
        tab.close()


def test_home_blocks_lead_to_an_announcement_and_an_event(browser, sample_site, sample_server):
    tab = browser.new_page(viewport=PHONE)
    try:
        for block in ("#pengumuman-terbaru", "#agenda-mendatang"):
            tab.goto(sample_server + "/")
            links = tab.locator(f"section:has({block}) ul a")
            if links.count() == 0:  # nothing upcoming at the real clock: the block says so
                assert tab.locator(f"section:has({block}) ul li").count() == 1
                continue
            title = links.first.inner_text()
            links.first.click()
            tab.wait_for_load_state()
            assert tab.locator("h1").inner_text() == title
            assert tab.locator(".share a").count() == 4  # the same share links as an article
    finally:
        tab.close()


def test_new_pages_stay_within_the_article_weight_budget(sample_site):
    for url in papan_urls(sample_site).values():
        assert page_weight(sample_site.output, url)["gzip"] <= 30_000, url


def test_no_script_runs_on_hostile_announcements_and_events(browser, content, build):
    """Every new field holding quotes, &, "< /script>", emoji, and bodies with raw HTML: opened in Chromium,
    no dialog, no error, no CSP violation (escaping and the body policy, as for articles)."""
    from portal.browser import serve_folder, watch
    from tests.test_papan import HOSTILE, tiny, write

    root = tiny(content)
    write(root, "pengumuman", "hostile", Judul=HOSTILE, Nomor_surat=HOSTILE, Ringkasan=HOSTILE,
          Lampiran="lampiran/surat.pdf", body="<script>alert(1)</script> <img src=x onerror=alert(2)> Isi.")
    write(root, "agenda", "hostile-acara", Judul=HOSTILE, Lokasi=HOSTILE, Alamat=HOSTILE, Ringkasan=HOSTILE,
          body='<a href="javascript:alert(3)">tautan</a> <svg onload=alert(4)></svg> Isi.')
    site = build(content, PAPAN_NOW="2026-12-07 12:00")
    urls = ["/", "/pengumuman/", "/pengumuman/hostile/", "/agenda/", "/agenda/hostile-acara/",
            "/agenda/bulan/2026/12/", "/agenda/kategori/pemerintahan/", "/pengumuman/instansi/kominfo/"]
    with serve_folder(site.output) as base:
        tab = browser.new_page(viewport=PHONE)
        try:
            seen = watch(tab, local=(base,))
            for url in urls:
                tab.goto(base + url, wait_until="load")
                for target in tab.locator("main h1, main .card-title a, main dd, main .highlight").all()[:12]:
                    target.dispatch_event("mouseover")
                    target.dispatch_event("click") if target.evaluate("e => e.tagName") != "A" else None
                tab.wait_for_timeout(50)
                # the body's <img src=x> (its onerror removed by the body policy) is only a missing image
                ran = [m for m in seen if "Failed to load resource" not in m]
                assert ran == [], (url, ran)
                assert HOSTILE in tab.locator("main").inner_text() or url == "/"
        finally:
            tab.close()
