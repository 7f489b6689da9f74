"""Feeds as a feed reader sees them: parsed by feedparser, the client most
readers and aggregators are built on or tested against."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL, ROOT, article_headers

FEED_MAX_ITEMS = 50  # pelicanconf.py


def _feeds(site) -> list[Path]:
    return sorted((site.output / "feeds").rglob("*.xml"))


def _parse(path: Path):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path.name}: {parsed.get('bozo_exception')}"
    return parsed


def _local(site, url: str) -> Path:
    assert url.startswith(PUBLISHED_SITEURL + "/"), url
    return site.path(url[len(PUBLISHED_SITEURL):])


@pytest.fixture(scope="module")
def published_headers():
    return [h for h in article_headers(ROOT / "content") if h["status"] == "published"]


def test_every_feed_parses_without_bozo_and_has_the_expected_entries(published_site, published_headers):
    feeds = _feeds(published_site)
    rubrik = Counter(h["category"] for h in published_headers)
    names = {p.relative_to(published_site.output / "feeds").as_posix() for p in feeds}
    assert {"semua.atom.xml", "semua.rss.xml"} <= names
    for path in feeds:
        parsed = _parse(path)
        assert parsed.version in {"atom10", "rss20"}, path.name
        if path.parent.name == "jenis":  # Pengumuman and Agenda: tests/test_papan.py counts their entries
            continue
        if path.parent.name == "rubrik":
            title = parsed.feed.title.split(" – ", 1)[1]
            expected = min(rubrik[title], FEED_MAX_ITEMS)
        else:
            expected = min(len(published_headers), FEED_MAX_ITEMS)
        assert len(parsed.entries) == expected, path.name
        assert parsed.feed.get("language", "id").startswith("id")


def test_feed_links_are_absolute_and_lead_to_built_pages(published_site):
    for path in _feeds(published_site):
        parsed = _parse(path)
        assert _local(published_site, parsed.feed.link).is_file()
        for entry in parsed.entries:
            assert _local(published_site, entry.link).is_file(), entry.link
            body = entry.content[0].value
            for link in re.findall(r'(?:href|src)="([^"]+)"', body):
                assert re.match(r"^(https?:|mailto:|tel:|#)", link), f"{entry.link}: relative link {link}"


def test_atom_entries_carry_author_rubrik_summary_and_photo(published_site, published_headers):
    by_url = {PUBLISHED_SITEURL + h["url"]: h for h in published_headers}
    parsed = _parse(published_site.output / "feeds" / "semua.atom.xml")
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("tag:berita.lomboktengahkab.go.id,") for i in ids)
    with_photo = 0
    for entry in parsed.entries:
        header = by_url[entry.link]
        assert entry.title == header["title"]
        assert entry.author_detail.name == header["author"]
        assert _local(published_site, entry.author_detail.href).is_file()
        terms = [t.term for t in entry.tags]
        assert terms[0] == header["category"]
        assert entry.published.endswith("+08:00") and entry.published.startswith(header["date"][:10])
        assert entry.summary
        if header.get("image"):
            with_photo += 1
            media = entry.media_content[0]
            assert media["medium"] == "image" and int(media["width"]) * int(media["height"]) >= 50_000
            picture = _local(published_site, media["url"])
            assert picture.is_file()
            enclosure = next(link for link in entry.links if link.rel == "enclosure")
            assert enclosure.href == media["url"] and int(enclosure.length) == picture.stat().st_size
            assert entry.media_credit[0]["content"] == header["image_credit"]
        else:
            assert "media_content" not in entry
    assert with_photo > 0


def test_rss_carries_full_text_in_content_encoded(published_site):
    parsed = _parse(published_site.output / "feeds" / "semua.rss.xml")
    for entry in parsed.entries:
        assert entry.guidislink is False
        assert len(entry.content[0].value) > len(entry.summary)


def test_each_page_advertises_its_feeds(published_site):
    page = published_site.soup("/rubrik/pemerintahan/")
    feeds = {link["href"] for link in page.select('link[rel="alternate"]')}
    assert PUBLISHED_SITEURL + "/feeds/semua.atom.xml" in feeds
    assert PUBLISHED_SITEURL + "/feeds/rubrik/pemerintahan.atom.xml" in feeds
    for href in feeds:
        assert _local(published_site, href).is_file()


def _paragraphs(html: str) -> list[str]:
    return [" ".join(p.get_text(" ", strip=True).split()) for p in BeautifulSoup(html, "html.parser").find_all("p")]


def test_a_multi_page_article_is_in_the_feed_in_full_and_once(content, build):
    parts = [f"Bagian {n} berita panjang tentang jaringan desa nomor {n}." for n in range(1, 5)]
    body = "\n\n<!--nextpage-->\n\n".join(parts)
    content.article("berita-panjang", body=body, Date="2026-08-30 14:05")
    content.article("berita-pendek", Date="2026-08-29 09:00")
    site = build(content, settings_file=PUBLISH_SETTINGS, SITEURL=PUBLISHED_SITEURL, FEED_DOMAIN=PUBLISHED_SITEURL)
    assert site.exists("/berita/2026/08/30/berita-panjang/4/"), "the article was not split into pages"
    for name in ("semua.atom.xml", "semua.rss.xml"):
        parsed = _parse(site.output / "feeds" / name)
        assert len(parsed.entries) == 2
        long = next(e for e in parsed.entries if "berita-panjang" in e.link)
        assert long.link == PUBLISHED_SITEURL + "/berita/2026/08/30/berita-panjang/"  # the article, not a part
        text = _paragraphs(long.content[0].value)
        for part in parts:
            assert sum(part in p for p in text) == 1, (name, part)
