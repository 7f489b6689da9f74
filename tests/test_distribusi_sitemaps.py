"""Sitemaps as a crawler sees them: validated with lxml against the Sitemap
protocol's and Google News' schemas (tests/schemas/), and every URL checked
against the built files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL, ROOT, article_headers, article_url_of, canonical_path

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
WITA = dt.timezone(dt.timedelta(hours=8))


def _validated(path: Path, schema: str) -> etree._ElementTree:
    tree = etree.parse(str(path))
    validator = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    assert validator.validate(tree), f"{path.name}: {validator.error_log}"
    return tree


def _locs(tree) -> list[str]:
    return tree.xpath("//s:loc/text()", namespaces=NS)


def _local(site, url: str) -> Path:
    assert url.startswith(PUBLISHED_SITEURL + "/"), url
    return site.path(url[len(PUBLISHED_SITEURL):])


@pytest.fixture(scope="module")
def headers():
    return article_headers(ROOT / "content")


def test_sitemap_is_valid_and_every_loc_is_a_built_page(published_site):
    tree = _validated(published_site.output / "sitemap.xml", "sitemap.xsd")
    locs = _locs(tree)
    assert len(locs) == len(set(locs))
    for loc in locs:
        assert _local(published_site, loc).is_file(), loc
    for url in tree.xpath("//s:url", namespaces=NS):
        lastmod = url.xpath("s:lastmod/text()", namespaces=NS)
        assert lastmod, f"{url.findtext('s:loc', namespaces=NS)} has no lastmod"


def test_sitemap_lists_every_public_page_and_each_article_once(published_site, headers):
    locs = set(_locs(etree.parse(str(published_site.output / "sitemap.xml"))))
    for header in headers:
        listed = PUBLISHED_SITEURL + canonical_path(published_site, header["url"]) in locs
        assert listed == (header["status"] == "published"), header["file"]
    written = {"/" + p.relative_to(published_site.output).as_posix() for p in published_site.html_files()}
    pages = {w.removesuffix("index.html") for w in written}
    hidden = {h["url"] for h in headers if h["status"] == "hidden"}
    other_parts = {p for p in pages if article_url_of(p) and p != canonical_path(published_site, article_url_of(p))}
    assert other_parts, "the sample has no article split into pages"
    unlisted = {p for p in pages if PUBLISHED_SITEURL + p not in locs}
    assert unlisted == {"/404.html", "/cari/", "/luring/"} | hidden | other_parts
    for path in ("/", "/rubrik/pemerintahan/", "/halaman/2/", "/profil/", "/penulis/sinto/", "/tag/"):
        assert PUBLISHED_SITEURL + path in locs, path


def test_article_lastmod_is_its_update_time_in_wita(published_site, headers):
    tree = etree.parse(str(published_site.output / "sitemap.xml"))
    lastmod = {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
               for u in tree.xpath("//s:url", namespaces=NS)}
    for header in headers:
        if header["status"] != "published":
            continue
        changed = header.get("modified") or header["date"]
        canonical = PUBLISHED_SITEURL + canonical_path(published_site, header["url"])
        assert lastmod[canonical] == changed.replace(" ", "T") + ":00+08:00"


def test_news_sitemap_has_the_articles_of_the_last_two_days(published_site, headers):
    tree = _validated(published_site.output / "sitemap-berita.xml", "news-sitemap.xsd")
    published = [h for h in headers if h["status"] == "published"]
    now = dt.datetime.fromisoformat(max(h["date"] for h in published)).replace(tzinfo=WITA) + dt.timedelta(hours=1)
    expected = {PUBLISHED_SITEURL + canonical_path(published_site, h["url"]) for h in published
                if now - dt.timedelta(days=2) <= dt.datetime.fromisoformat(h["date"]).replace(tzinfo=WITA) <= now}
    assert expected and set(_locs(tree)) == expected
    assert len(expected) < len(published)
    for news in tree.xpath("//n:news", namespaces=NS):
        assert news.findtext("n:publication/n:name", namespaces=NS) == "Warta Lombok Tengah"
        assert news.findtext("n:publication/n:language", namespaces=NS) == "id"
        assert news.findtext("n:publication_date", namespaces=NS).endswith("+08:00")
    for loc in _locs(tree):
        assert _local(published_site, loc).is_file()


def test_robots_names_both_sitemaps_with_absolute_urls(published_site):
    lines = (published_site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == [PUBLISHED_SITEURL + "/sitemap.xml", PUBLISHED_SITEURL + "/sitemap-berita.xml"]
    assert not any(line.startswith("Disallow: /") and line != "Disallow: " for line in lines)


def _build_many(content, build, count: int, **overrides):
    for n in range(count):
        content.article(f"berita-{n:02d}", Date=f"2026-08-{1 + n % 28:02d} {8 + n // 28:02d}:00")
    return build(content, settings_file=PUBLISH_SETTINGS, SITEURL=PUBLISHED_SITEURL, FEED_DOMAIN=PUBLISHED_SITEURL,
                 DISTRIBUSI_PAGEFIND=False, **overrides)


def test_above_the_url_limit_sitemap_xml_becomes_an_index(content, build):
    site = _build_many(content, build, 12, DISTRIBUSI_SITEMAP_MAX_URLS=5)
    index = _validated(site.output / "sitemap.xml", "siteindex.xsd")
    assert index.getroot().tag == f"{{{NS['s']}}}sitemapindex"
    parts = _locs(index)
    assert len(parts) >= 3
    everything = []
    for part in parts:
        tree = _validated(_local(site, part), "sitemap.xsd")
        assert 1 <= len(_locs(tree)) <= 5
        everything += _locs(tree)
    assert len(everything) == len(set(everything))
    articles = [loc for loc in everything if "/berita/" in loc]
    assert len(articles) == 12
    for loc in everything:
        assert _local(site, loc).is_file()
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISHED_SITEURL}/sitemap.xml" in robots


def test_news_sitemap_keeps_the_newest_up_to_its_limit_relative_to_now(content, build):
    fresh = ["2026-08-26 13:00", "2026-08-27 08:00", "2026-08-27 15:00", "2026-08-28 08:00", "2026-08-28 11:00"]
    for n, date in enumerate(["2026-08-20 09:00", "2026-08-26 11:00", *fresh]):
        content.article(f"berita-{n}", Date=date)
    site = build(content, settings_file=PUBLISH_SETTINGS, SITEURL=PUBLISHED_SITEURL, FEED_DOMAIN=PUBLISHED_SITEURL,
                 DISTRIBUSI_PAGEFIND=False, DISTRIBUSI_NOW="2026-08-28 12:00", DISTRIBUSI_NEWS_MAX=3)
    tree = _validated(site.output / "sitemap-berita.xml", "news-sitemap.xsd")
    dates = tree.xpath("//n:publication_date/text()", namespaces=NS)
    assert dates == ["2026-08-28T11:00:00+08:00", "2026-08-28T08:00:00+08:00", "2026-08-27T15:00:00+08:00"]
    site = build(content, output=site.output.parent / "semua", settings_file=PUBLISH_SETTINGS,
                 SITEURL=PUBLISHED_SITEURL, DISTRIBUSI_PAGEFIND=False, DISTRIBUSI_NOW="2026-08-28 12:00")
    tree = _validated(site.output / "sitemap-berita.xml", "news-sitemap.xsd")
    assert len(tree.xpath("//n:news", namespaces=NS)) == len(fresh)


def test_news_sitemap_is_empty_but_present_when_nothing_is_new(content, build):
    site = _build_many(content, build, 2, DISTRIBUSI_NOW="2027-01-01 00:00")
    root = etree.parse(str(site.output / "sitemap-berita.xml")).getroot()
    assert root.tag == f"{{{NS['s']}}}urlset" and len(root) == 0
