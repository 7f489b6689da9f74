"""Search: the sharded Pagefind index holds each published article's own text
once, the /cari/ page finds articles in a real browser (Debian's headless
Chromium) across shards, and a publish rebuilds only the shards that changed."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from distribusi import search

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
    pages = indexed_pages(sample_site.output)
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
    form = page.select_one("form[role=search]")
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
        page.select_option("#rubrik", header["category"])
        page.press("#q", "Enter")
        page.wait_for_selector("#cari-hasil li a")
        assert header["url"] in page.locator("#cari-hasil li a").evaluate_all(HREFS)
        page.goto(f"{sample_server}/cari/?q={word}&rubrik={other}")
        # Not wait_for_function: its string predicate is eval'd, which the page's CSP refuses.
        page.locator("#cari-status", has_text="“").wait_for()
        hrefs = page.locator("#cari-hasil li a").evaluate_all(HREFS)
        assert header["url"] not in hrefs
        assert page.locator("#rubrik").input_value() == other
    finally:
        page.close()


def test_a_failed_index_fails_the_build_and_keeps_the_published_site(content, build, monkeypatch):
    content.article("berita-lama")
    site = build(content)
    assert (site.output / "pagefind" / "pagefind.js").is_file()
    search = sys.modules["distribusi.search"]  # the module Pelican loaded from PLUGIN_PATHS
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    content.article("berita-baru", Date="2026-08-31 08:00")
    with pytest.raises(BuildFailed, match="Pagefind gagal"):
        build(content)
    assert site.exists("/berita/2026/08/30/berita-lama/")
    assert not site.exists("/berita/2026/08/31/berita-baru/")
    assert (site.output / "pagefind" / "pagefind.js").is_file()
