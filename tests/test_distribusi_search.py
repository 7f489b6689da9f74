"""Search: the sharded Pagefind index holds each published article's own text
once, the /cari/ page finds articles in a real browser (Debian's headless
Chromium) across shards, and a publish rebuilds only the shards that changed."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import re
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from distribusi import search
from newsroom import body as article_body

from portal.build import BuildFailed
from tests.conftest import article_headers, canonical_path

HREFS = "links => links.map(link => link.getAttribute('href'))"


@pytest.fixture(scope="module")
def published(sample_content):
    return [h for h in article_headers(sample_content) if h["status"] == "published"]


def indexed_pages(output: Path) -> dict[str, dict]:
    """Every page of every shard listed in output/pagefind/shards.json, by URL:
    Pagefind's fragment (url, content, meta, filters) plus the shard it is in."""
    bundle = output / search.BUNDLE_DIR
    manifest = json.loads((bundle / search.MANIFEST).read_text(encoding="utf-8"))
    pages = {}
    for shard in manifest["shards"]:
        entry = json.loads((bundle / shard / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["id"]
        fragments = sorted((bundle / shard / "fragment").glob("*.pf_fragment"))
        assert entry["languages"]["id"]["page_count"] == len(fragments)
        for fragment in fragments:
            page = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
            assert page["url"] not in pages, f"{page['url']} is indexed twice"
            pages[page["url"]] = {**page, "shard": shard}
    return pages


@pytest.fixture(scope="module")
def distinctive(sample_site, published):
    """(article header, word): a word of the article's title found in no other article's indexed text."""
    texts = {url: page["content"].lower() for url, page in indexed_pages(sample_site.output).items()}
    choices = []
    for header in published:
        for word in re.findall(r"[A-Za-z]{6,}", header["title"]):
            if sum(word.lower() in text for text in texts.values()) == 1:
                choices.append((len(word), header["url"], header, word))
    assert choices, "no article has a title word of its own"
    _, _, header, word = max(choices)
    return {**header, "url": canonical_path(sample_site, header["url"])}, word


def test_the_index_holds_each_published_article_once(sample_site, published):
    every = indexed_pages(sample_site.output)
    # Pengumuman and Agenda have records of their own (plugins/papan, tests/test_papan.py), each with its jenis
    pages = {url: page for url, page in every.items() if page["filters"]["jenis"] == ["Berita"]}
    assert {tuple(page["filters"]["jenis"]) for page in every.values()} == {("Berita",), ("Pengumuman",), ("Agenda",)}
    assert sorted(pages) == sorted(canonical_path(sample_site, h["url"]) for h in published)
    for header in published:
        page = pages[canonical_path(sample_site, header["url"])]
        assert page["filters"]["rubrik"] == [header["category"]]
        assert page["meta"]["title"] == header["title"]
        assert page["meta"]["date"] == header["date"][:10]
        assert page["shard"].startswith(header["date"][:4] + "-")


def test_only_the_articles_own_text_is_indexed(sample_site, sample_content, published):
    """Not the page furniture (issue 16: "whatsapp" matched every article): no share
    buttons, byline or "Baca juga" links, only what the article's own file says."""
    pages = indexed_pages(sample_site.output)
    checked = 0
    for header in published:
        url = canonical_path(sample_site, header["url"])
        content = pages[url]["content"]
        assert content.startswith(header["title"])
        assert "Penulis:" not in content and "Baca juga" not in content
        assert sample_site.soup(url).find(string=re.compile("WhatsApp")) is not None, "a share button"
        if "whatsapp" not in (sample_content / "articles" / header["file"]).read_text(encoding="utf-8").lower():
            assert "whatsapp" not in content.lower()
            checked += 1
    assert checked


def test_the_search_page_is_a_search_form_reading_q(sample_site):
    page = sample_site.soup("/cari/")
    form = page.select_one("main form#cari[role=search]")
    assert form["action"] == "/cari/" and form.get("method", "get") == "get"
    assert form.select_one('input[name="q"]')["type"] == "search"
    assert page.select_one('meta[name="robots"]')["content"].startswith("noindex")
    assert (sample_site.output / form["data-bundle"].lstrip("/")).is_file()


def test_typing_a_query_on_cari_finds_the_article(browser, sample_server, distinctive):
    header, word = distinctive
    page = browser.new_page()
    try:
        page.goto(sample_server + "/cari/")
        page.fill("#q", word)
        page.press("#q", "Enter")
        page.wait_for_selector("#cari-hasil li a")
        assert f"q={word}" in page.url
        found = page.locator("#cari-hasil li a").evaluate_all(HREFS)
        assert header["url"] in found
        titles = page.locator("#cari-hasil li a").all_inner_texts()
        assert header["title"] in titles
        assert word.lower() in page.locator("#cari-status").inner_text().lower()
    finally:
        page.close()


def test_the_rubrik_filter_narrows_the_results(browser, sample_server, distinctive, published):
    header, word = distinctive
    other = next(h["category"] for h in published if h["category"] != header["category"])
    page = browser.new_page()
    try:
        page.goto(sample_server + "/cari/")
        page.fill("#q", word)
        page.select_option("#saring-rubrik", header["category"])  # the menu cari.js makes from the index
        page.press("#q", "Enter")
        page.wait_for_selector("#cari-hasil li a")
        assert header["url"] in page.locator("#cari-hasil li a").evaluate_all(HREFS)
        page.goto(f"{sample_server}/cari/?q={word}&rubrik={other}")
        # Not wait_for_function: its string predicate is eval'd, which the page's CSP refuses.
        page.locator("#cari-status", has_text="“").wait_for()
        hrefs = page.locator("#cari-hasil li a").evaluate_all(HREFS)
        assert header["url"] not in hrefs
        assert page.locator("#saring-rubrik").input_value() == other
    finally:
        page.close()


@pytest.mark.search
def test_a_failed_index_fails_the_build_and_keeps_the_published_site(content, build, monkeypatch):
    content.article("berita-lama")
    site = build(content)
    assert (site.output / "pagefind" / "2026-1" / "pagefind.js").is_file()
    loaded = sys.modules["distribusi.search"]  # the module Pelican loaded from PLUGIN_PATHS
    monkeypatch.setattr(loaded, "pagefind_binary", lambda: Path("/bin/false"))
    content.article("berita-baru", Date="2026-08-31 08:00")
    before = child_processes()
    with pytest.raises(BuildFailed, match="Pagefind gagal membuat indeks pencarian bagian 2026-1"):
        build(content)  # the index fails in the worker, beside the rendering; the build says so at its end
    assert child_processes() <= before  # no worker, no Pagefind left running
    assert site.exists("/berita/2026/08/30/berita-lama/")
    assert not site.exists("/berita/2026/08/31/berita-baru/")
    assert (site.output / "pagefind" / "2026-1" / "pagefind.js").is_file()


# --- shards: across years, reused when unchanged, rebuilt when damaged ----------------
def two_years(content):
    """An article in 2025 and two in 2026, each with the word "gerabah" (pottery)."""
    content.article("gerabah-banyumulek", body="Perajin gerabah Banyumulek menerima pesanan dari Bali.",
                    Date="2025-03-10 09:00")
    content.article("pameran-gerabah", body="Pameran gerabah Penujak dibuka bupati.", Date="2026-08-30 10:00",
                    Category="Smart City")
    content.article("pasar-desa", body="Pasar desa menjual gerabah dan tenun.", Date="2026-08-29 10:00")
    return content


def index_report(site) -> search.IndexReport:
    """The search index's report of the build that made SITE."""
    return site.result.context["distribusi_build"].search_report


def shard_files(output: Path, shard: str) -> dict[str, tuple[bytes, int]]:
    folder = output / search.BUNDLE_DIR / shard
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.search
def test_a_search_finds_articles_of_two_years_in_two_shards(content, build, browser):
    from portal.browser import serve_folder

    site = build(two_years(content))
    manifest = json.loads((site.output / "pagefind" / search.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["shards"] == ["2026-1", "2025-1"]  # newest first
    assert {url: page["shard"] for url, page in indexed_pages(site.output).items()} == {
        "/berita/2025/03/10/gerabah-banyumulek/": "2025-1",
        "/berita/2026/08/29/pasar-desa/": "2026-1",
        "/berita/2026/08/30/pameran-gerabah/": "2026-1",
    }
    with serve_folder(site.output) as base:
        page = browser.new_page()
        try:
            page.goto(base + "/cari/?q=gerabah")
            page.locator("#cari-status", has_text="“").wait_for()
            found = page.locator("#cari-hasil li a").evaluate_all(HREFS)
            assert sorted(found) == sorted(indexed_pages(site.output))
            page.goto(base + "/cari/?q=gerabah&rubrik=Smart%20City")
            page.locator("#cari-status", has_text="“").wait_for()
            assert page.locator("#cari-hasil li a").evaluate_all(HREFS) == ["/berita/2026/08/30/pameran-gerabah/"]
        finally:
            page.close()


@pytest.mark.search
def test_an_edit_rebuilds_only_its_own_shard(content, build):
    site = build(two_years(content))
    assert index_report(site).built == ("2026-1", "2025-1")
    before_2025, before_2026 = shard_files(site.output, "2025-1"), shard_files(site.output, "2026-1")
    content.article("pasar-desa", body="Pasar desa menjual gerabah, tenun dan kopi robusta.", Date="2026-08-29 10:00")
    site = build(content)
    report = index_report(site)
    assert report.built == ("2026-1",) and report.reused == ("2025-1",)
    assert report.background  # built by the worker while the pages were rendered
    assert shard_files(site.output, "2025-1") == before_2025  # the same bytes, and the same mtime
    assert shard_files(site.output, "2026-1") != before_2026
    assert "robusta" in indexed_pages(site.output)["/berita/2026/08/29/pasar-desa/"]["content"]


@pytest.mark.search
def test_a_damaged_cached_shard_is_built_again(content, build, tmp_path):
    site = build(two_years(content))
    first = {name: {k: v[0] for k, v in shard_files(site.output, name).items()} for name in ("2025-1", "2026-1")}
    cached = sorted((tmp_path / "cache" / search.CACHE_DIR).glob("*/fragment/*.pf_fragment"))
    assert len(cached) == 3
    cached[0].write_bytes(b"rusak")
    (cached[1].parent.parent / "pagefind-entry.json").unlink()
    site = build(content)
    again = {name: {k: v[0] for k, v in shard_files(site.output, name).items()} for name in ("2025-1", "2026-1")}
    assert again == first
    assert cached[0].read_bytes() != b"rusak"


def test_a_pagefind_that_dies_while_indexing_fails_the_index(tmp_path, monkeypatch):
    dying = tmp_path / "pagefind"
    dying.write_text("#!/bin/sh\nhead -c 10 >/dev/null\nexit 3\n")
    dying.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_binary", lambda: dying)
    with pytest.raises(search.SearchIndexFailed, match="Pagefind gagal membuat indeks pencarian bagian 2026-1"):
        search.build_index(tmp_path / "site", "id", [RECORD], tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*/*"))  # nothing half-made is kept


# --- fast units: records and shards ----------------------------------------------
RECORD = search.Record("/berita/2026/08/30/a/", "Judul", "Isi.", "Pemerintahan", "2026-08-30")


def fake_article(slug, date, status="published", content="<p>Isi berita.</p>", halaman=None):
    return SimpleNamespace(
        url=f"berita/{date:%Y/%m/%d}/{slug}/", title=f"Judul {slug}", category="Pemerintahan", date=date,
        status=status, _content=content, halaman=halaman, metadata={"newsroom_body": article_body.read(content)},
        newsroom=SimpleNamespace(highlight="Sorotan singkat.", photo=SimpleNamespace(caption="Warga antre.")))


def test_the_article_text_is_its_own_words():
    """The Body's text: the dateline (an edit) and the Baca juga links (inserts) of the written page are not in it."""
    body = article_body.read("<p>Warga &amp; aparat <b>desa</b></p>\n<!-- halaman -->\n<p>hadir.</p>")
    page = fake_article("a", dt.datetime(2026, 8, 30))
    page.body = body.with_dateline("PRAYA").with_inserts(
        (article_body.Insert(0, article_body.BACA_JUGA, '<p class="baca-juga">Baca juga: <a href="/x/">Lain</a></p>'),))
    assert search.record_of(page).text == "Sorotan singkat. Warga antre. Warga & aparat desa hadir."


def test_a_record_holds_title_sorotan_caption_and_body_at_the_canonical_url():
    split = SimpleNamespace(canonical_url="berita/2026/08/30/a/semua/")
    record = search.record_of(fake_article("a", dt.datetime(2026, 8, 30, 23, 30), halaman=split))
    assert record == search.Record("/berita/2026/08/30/a/semua/", "Judul a",
                                   "Sorotan singkat. Warga antre. Isi berita.", "Pemerintahan", "2026-08-30",
                                   published="2026-08-30T23:30")


def test_only_published_articles_make_records_in_url_order():
    articles = [fake_article("b", dt.datetime(2026, 1, 2)), fake_article("a", dt.datetime(2026, 1, 2)),
                fake_article("c", dt.datetime(2026, 1, 1), status="hidden")]
    assert [r.url for r in search.records_of(articles)] == ["/berita/2026/01/02/a/", "/berita/2026/01/02/b/"]


def record(day: str) -> search.Record:
    return search.Record(f"/berita/{day.replace('-', '/')}/x/", "J", "t", "R", day)


def test_shards_are_years_newest_first_in_parts_of_a_size():
    records = [record(d) for d in ("2024-05-01", "2026-01-03", "2026-01-01", "2026-01-02", "2025-12-31")]
    shards = search.shards_of(records, size=2)
    assert {name: [r.date for r in group] for name, group in shards.items()} == {
        "2026-1": ["2026-01-01", "2026-01-02"], "2026-2": ["2026-01-03"],
        "2025-1": ["2025-12-31"], "2024-1": ["2024-05-01"]}
    assert list(shards) == ["2026-1", "2026-2", "2025-1", "2024-1"]
    assert search.shards_of([]) == {}


def test_a_shards_key_follows_its_records_and_language():
    key = search.shard_key([RECORD], "id")
    assert key == search.shard_key([RECORD], "id")
    assert key != search.shard_key([RECORD], "en")
    assert key != search.shard_key([search.Record(RECORD.url, RECORD.title, "Isi lain.", RECORD.rubrik,
                                                  RECORD.date)], "id")


def test_a_record_carries_its_time_for_newest_first_and_its_thumbnail():
    article = fake_article("a", dt.datetime(2026, 8, 30, 9, 5))
    record = search.record_of(article, thumb=lambda a: f"images/r/{a.title.split()[-1]}-160.webp")
    assert record.sort_date == "2026-08-30T09:05" and record.date == "2026-08-30"
    assert record.image == "images/r/a-160.webp"
    assert search.record_of(article).image == ""  # no thumbnail function: none
    assert [r.image for r in search.records_of([article], thumb=lambda a: "t.webp")] == ["t.webp"]


def test_a_shards_key_follows_the_time_and_the_thumbnail():
    key = search.shard_key([RECORD], "id")
    assert key != search.shard_key([search.Record(RECORD.url, RECORD.title, RECORD.text, RECORD.rubrik, RECORD.date,
                                                  published="2026-08-30T10:00")], "id")
    assert key != search.shard_key([search.Record(RECORD.url, RECORD.title, RECORD.text, RECORD.rubrik, RECORD.date,
                                                  image="images/r/a-160.webp")], "id")


def test_the_bundle_accepts_only_the_date_sort():
    from distribusi import pagefind_bundle

    meta = [pagefind_bundle.VERSION, [], [], [], [["date", [1, 0]]], []]
    pagefind_bundle._check_meta(meta, "m")
    meta[4] = [["date", [1, 0]], ["peringkat", [0, 1]]]
    with pytest.raises(pagefind_bundle.UnknownFormat, match="peringkat"):
        pagefind_bundle._check_meta(meta, "m")


def test_the_index_knows_each_articles_time_and_thumbnail(sample_site, published):
    """The date sort key orders each shard's pages newest last (Pagefind reverses it for
    "terbaru"), and an article with a photo names its published thumbnail."""
    from distribusi import pagefind_bundle

    pages = indexed_pages(sample_site.output)
    for shard in json.loads((sample_site.output / "pagefind" / search.MANIFEST).read_text())["shards"]:
        [meta_file] = (sample_site.output / "pagefind" / shard).glob("*.pf_meta")
        meta = pagefind_bundle._read(meta_file)
        [(name, order)] = meta[4]
        assert name == "date" and sorted(order) == list(range(len(meta[1])))
    by_url = {canonical_path(sample_site, h["url"]): h for h in published}
    with_photo = 0
    for url, page in pages.items():
        if url not in by_url:  # an announcement or event (plugins/papan): its own tests
            continue
        if "image" in by_url[url]:
            with_photo += 1
            assert page["meta"]["image"].endswith(".webp")
            assert (sample_site.output / page["meta"]["image"]).is_file()
        else:
            assert "image" not in page["meta"]
    assert with_photo


# --- built beside the rendering (search.BackgroundIndex) ------------------------------
PHOTO = {"Foto": "images/foto/contoh.jpg", "Keterangan_foto": "Warga antre.", "Kredit_foto": "DISKOMINFO"}


def child_processes() -> set[int]:
    """The children of the test process still running or not yet waited for (Linux)."""
    kids = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            kids.update(int(k) for k in (task / "children").read_text().split())
        except OSError:
            continue
    return kids


def queues(cache: Path) -> list[Path]:
    return sorted((cache / search.CACHE_DIR).glob(".antrean-*"))


def with_photos(content):
    two_years(content)
    content.article("foto-pasar", body="Pedagang gerabah di pasar.", Date="2026-08-28 10:00", **PHOTO)
    content.article("foto-desa", body="Perajin tenun di desa.", Date="2025-05-01 10:00", **PHOTO)
    return content


def same_bundle(one: Path, other: Path) -> None:
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for relative in files:
        assert (one / relative).read_bytes() == (other / relative).read_bytes(), relative


@pytest.mark.search
def test_the_index_built_beside_the_rendering_is_the_one_built_at_the_end(content, build, tmp_path):
    """The worker's index, byte for byte the index ``build_index`` makes afterwards from
    the finished site (thumbnails as the written pages published them)."""
    site = build(with_photos(content))
    report = index_report(site)
    assert report.background and report.built == ("2026-1", "2025-1")
    plugin = sys.modules["distribusi.plugin"]
    context = site.result.context
    records = search.records_of(context["articles"], plugin._thumbnails(context["distribusi_build"], site.output),
                                context.get("search_records_extra", ()))
    assert sum(1 for record in records if record.image) == 2
    again = search.build_index(tmp_path / "again", "id", records, tmp_path / "other-cache")
    assert again.built == report.built and not again.background
    same_bundle(site.output / search.BUNDLE_DIR, tmp_path / "again" / search.BUNDLE_DIR)
    assert not queues(tmp_path / "cache")


@pytest.mark.search
def test_a_thumbnail_named_ahead_but_not_published_builds_the_index_at_the_end(content, build, monkeypatch, tmp_path):
    site = build(with_photos(content))
    plugin = sys.modules["distribusi.plugin"]
    real = plugin._planned_thumbnails
    monkeypatch.setattr(plugin, "_planned_thumbnails",
                        lambda *args: {key: "images/r/tidak-terbit.webp" for key in real(*args)})
    other = build(content, output=tmp_path / "lain")
    report = index_report(other)
    assert not report.background and report.built == ()  # the shards made at the end, both from the cache
    same_bundle(site.output / search.BUNDLE_DIR, other.output / search.BUNDLE_DIR)
    pages = indexed_pages(other.output)
    assert "tidak-terbit" not in json.dumps(pages)


@pytest.mark.search
@pytest.mark.parametrize("error", [RuntimeError("templat rusak"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
def test_a_build_that_fails_elsewhere_leaves_no_index_worker_behind(content, build, tmp_path, error):
    from pelican import signals

    site = build(two_years(content))
    before = child_processes()
    seen = []

    def fail(generator, writer=None):
        seen.append([p for p in child_processes() - before])  # the worker was running by then
        raise error

    signals.article_writer_finalized.connect(fail)
    try:
        content.article("berita-baru", Date="2026-08-31 08:00")
        with pytest.raises(BuildFailed if isinstance(error, Exception) else KeyboardInterrupt):
            build(content)
    finally:
        signals.article_writer_finalized.disconnect(fail)
    assert seen and seen[0], "no worker was started"
    assert child_processes() <= before
    assert not queues(tmp_path / "cache")
    assert not site.exists("/berita/2026/08/31/berita-baru/")
    assert (site.output / "pagefind" / "2026-1" / "pagefind.js").is_file()
    assert not list(site.output.parent.glob(".output.build-*"))


def test_the_worker_takes_each_shard_once_and_stops_at_the_end(tmp_path):
    from distribusi import pagefind_shards

    answers = io.StringIO()
    gone = str(tmp_path / "00000.json")  # taken by the other worker
    assert pagefind_shards.work([gone + "\n", "end\n"], answers, Path("/bin/false"), "id", tmp_path, tmp_path) == 0
    assert answers.getvalue() == ""
    assert pagefind_shards.work([], answers, Path("/bin/false"), "id", tmp_path, tmp_path) == 3  # the build is gone
    queued = tmp_path / "00001.json"
    queued.write_text(json.dumps(["2026-1", [search.row_of(RECORD)]]), encoding="utf-8")
    assert pagefind_shards.work([f"{queued}\n", "end\n"], answers, Path("/bin/false"), "id",
                                tmp_path / "cache", tmp_path / "site") == 1
    [answer] = [json.loads(line) for line in answers.getvalue().splitlines()]
    assert answer["shard"] == "2026-1"
    assert answer["error"].startswith("Pagefind gagal membuat indeks pencarian bagian 2026-1")
    assert not list(tmp_path.glob("0000*"))


def test_a_failed_background_index_raises_the_editors_message(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    job = search.BackgroundIndex(tmp_path / "site", "id", [RECORD], tmp_path / "cache").start()
    try:
        with pytest.raises(search.SearchIndexFailed, match="Pagefind gagal membuat indeks pencarian bagian 2026-1"):
            job.finish()
    finally:
        job.close()
    assert not queues(tmp_path) and not list((tmp_path / "cache").glob("*"))


def test_closing_a_background_index_stops_its_worker_at_once(tmp_path, monkeypatch):
    """A Pagefind that never answers: close() ends the worker (and so its Pagefind) without waiting for it."""
    silent = tmp_path / "pagefind"
    silent.write_text("#!/bin/sh\nexec sleep 60\n")
    silent.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_binary", lambda: silent)
    before = child_processes()
    job = search.BackgroundIndex(tmp_path / "site", "id", [RECORD, record("2025-01-01")], tmp_path / "cache").start()
    [worker] = child_processes() - before
    started = time.monotonic()
    job.close()
    assert time.monotonic() - started < search._GRACE
    assert child_processes() <= before and not Path(f"/proc/{worker}").exists()
    assert not list((tmp_path / "cache").glob("*/.*"))  # no queue, no half-made shard
    job.close()  # twice is harmless


def _fake_shard(files: dict[str, bytes]):
    def write(rows, language, target, binary):
        for name, data in files.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)
    return write


def test_two_builds_making_the_same_shard_at_once_both_get_it(tmp_path):
    """Two builds sharing a cache (a preview and a publish of the same content) make the same
    shard at the same time: the one that finishes second uses the first one's, not a failure."""
    from distribusi import pagefind_shards

    rows, cache = [search.row_of(RECORD)], tmp_path / "cache"
    files = {"pagefind-entry.json": b'{"v": "\xf0\x9f\x98\x80 & <b>"}', "fragment/a.pf": b"\x00\x01"}
    other = {}

    def racing(rows, language, target, binary):  # while this build writes, the other one finishes first
        other["result"] = pagefind_shards.cached_shard(rows, language, cache, binary, _fake_shard(files))
        _fake_shard(files)(rows, language, target, binary)

    folder, _ = pagefind_shards.cached_shard(rows, "id", cache, Path("/bin/false"), racing)
    assert folder == other["result"][0] and pagefind_shards._verified(folder)
    assert {p.name for p in cache.iterdir()} == {folder.name}  # no half-made shard left


def test_a_shard_another_build_just_finished_is_not_taken_for_a_damaged_one(tmp_path, monkeypatch):
    """The other build's shard appears between this build's check and its clean-up of a damaged
    one: it is used, not removed from under the build that is publishing it."""
    from distribusi import pagefind_shards

    rows, cache = [search.row_of(RECORD)], tmp_path / "cache"
    files = {"pagefind-entry.json": b"{}"}
    checks = []
    verified = pagefind_shards._verified

    def late(folder):  # the first check: not there yet; then the other build renames its shard into place
        checks.append(folder)
        if len(checks) == 1:
            pagefind_shards.cached_shard(rows, "id", cache, Path("/bin/false"), _fake_shard(files))
            return False
        return verified(folder)

    monkeypatch.setattr(pagefind_shards, "_verified", late)
    built = []
    folder, new = pagefind_shards.cached_shard(rows, "id", cache, Path("/bin/false"),
                                               lambda *args: built.append(args) or _fake_shard(files)(*args))
    assert verified(folder) and (folder / "pagefind-entry.json").read_bytes() == b"{}"
    assert built == [] and not new  # neither removed (the other build may be linking its files) nor made again


def test_the_queue_of_a_killed_build_is_removed_by_the_next_one(tmp_path, monkeypatch):
    """A build killed outright (SIGKILL, out of memory) cannot remove its queue of shard rows (the
    text of every article): the next build sharing the cache does, but not a running build's."""
    import subprocess

    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    cache = tmp_path / "cache"
    killed = subprocess.Popen(["sleep", "60"])
    running = subprocess.Popen(["sleep", "60"])
    try:
        gone, alive = (cache / f"{search._QUEUE}{p.pid}@{search._host()}@x1" for p in (killed, running))
        for queue in (gone, alive):
            queue.mkdir(parents=True)
            (queue / "00000.json").write_text(json.dumps(["2026-1", [search.row_of(RECORD)]]), encoding="utf-8")
        killed.kill()
        killed.wait()
        job = search.BackgroundIndex(tmp_path / "site", "id", [RECORD], cache).start()
        job.close()
        assert not gone.exists()
        assert (alive / "00000.json").is_file()  # another build, still running: its queue is left alone
    finally:
        running.kill()
        running.wait()
