"""One canonical URL per article, and every consumer agrees on it: the
canonical link, og:url, JSON-LD, the sitemap and the search index
(plugins/halaman's policy: a split article's view-all page; else the article).
Feeds list each article once, at its own address."""

from __future__ import annotations

import gzip
import json

import extruct
import feedparser
import pytest
from lxml import etree

from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL

DAY = "/berita/2026/08/30/"


@pytest.mark.search
def test_parts_of_a_split_article_all_point_to_its_view_all_page(content, build):
    content.article("tiga-bagian", body="\n\n<!-- halaman -->\n\n".join(
        f"Bagian {n} dari berita tentang sinyal desa." for n in (1, 2, 3)))
    content.article("satu-bagian", Date="2026-08-30 10:00")
    content.article("tersembunyi", Date="2026-08-30 09:00", Status="hidden")
    site = build(content, settings_file=PUBLISH_SETTINGS, SITEURL=PUBLISHED_SITEURL, FEED_DOMAIN=PUBLISHED_SITEURL)
    split = f"{PUBLISHED_SITEURL}{DAY}tiga-bagian/semua/"
    expectations = {f"{DAY}tiga-bagian/{part}": split for part in ("", "2/", "3/", "semua/")}
    expectations[f"{DAY}satu-bagian/"] = f"{PUBLISHED_SITEURL}{DAY}satu-bagian/"
    expectations[f"{DAY}tersembunyi/"] = f"{PUBLISHED_SITEURL}{DAY}tersembunyi/"
    for url, canonical in expectations.items():
        page = site.soup(url)
        assert page.select_one("link[rel=canonical]")["href"] == canonical, url
        assert page.select_one('meta[property="og:url"]')["content"] == canonical, url
        (data,) = extruct.extract(site.path(url).read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
        news = next(node for node in data["@graph"] if node["@type"] == "NewsArticle")
        assert news["mainEntityOfPage"]["@id"] == canonical, url

    locs = etree.parse(str(site.output / "sitemap.xml")).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    articles = sorted(loc for loc in locs if "/berita/" in loc)
    assert articles == [f"{PUBLISHED_SITEURL}{DAY}satu-bagian/", split]

    entries = feedparser.parse((site.output / "feeds" / "semua.atom.xml").read_bytes()).entries
    assert sorted(entry.link for entry in entries) == [f"{PUBLISHED_SITEURL}{DAY}{slug}/"
                                                       for slug in ("satu-bagian", "tiga-bagian")]

    shards = json.loads((site.output / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    entries = [json.loads((site.output / "pagefind" / shard / "pagefind-entry.json").read_text(encoding="utf-8"))
               for shard in shards]
    assert sum(entry["languages"]["id"]["page_count"] for entry in entries) == 2
    records = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd"):])
               for f in (site.output / "pagefind").glob("*/fragment/*.pf_fragment")]
    indexed = sorted(r["url"] for r in records)  # each article once, at its canonical page
    assert indexed == sorted(f"{DAY}{path}" for path in ("tiga-bagian/semua/", "satu-bagian/"))
