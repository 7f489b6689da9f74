"""Structured data and social cards as Google, Facebook and WhatsApp read
them: JSON-LD extracted with extruct, Open Graph and Twitter tags with their
images, the canonical link, and the image renditions behind them."""

from __future__ import annotations

import re

import extruct
import pytest
from PIL import Image

from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL, ROOT, article_headers, article_url_of, canonical_path

RATIOS = {(16, 9), (4, 3), (1, 1)}
ISO_WITA = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$")


@pytest.fixture(scope="module")
def published_headers():
    return [h for h in article_headers(ROOT / "content") if h["status"] == "published"]


def _local(site, url: str):
    assert url.startswith(PUBLISHED_SITEURL + "/"), url
    return site.path(url[len(PUBLISHED_SITEURL):])


def _graph(site, url: str) -> dict:
    html = site.path(url).read_text(encoding="utf-8")
    found = extruct.extract(html, base_url=PUBLISHED_SITEURL + url, syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert len(found) == 1, f"{url}: {len(found)} JSON-LD blocks"
    nodes = found[0]["@graph"]
    by_type: dict[str, list[dict]] = {}
    for node in nodes:
        by_type.setdefault(node["@type"], []).append(node)
    assert all(len(same) == 1 for same in by_type.values()), url
    return {kind: same[0] for kind, same in by_type.items()}


def _ratio(width: int, height: int) -> tuple[int, int]:
    return min(RATIOS, key=lambda r: abs(width / height - r[0] / r[1]))


def test_every_article_has_a_complete_news_article(published_site, published_headers):
    for header in published_headers:
        url = header["url"]
        graph = _graph(published_site, url)
        news, canonical = graph["NewsArticle"], PUBLISHED_SITEURL + canonical_path(published_site, url)
        assert news["headline"] == header["title"]
        assert news["mainEntityOfPage"]["@id"] == canonical == graph["WebPage"]["@id"]
        assert published_site.soup(url).select_one('link[rel="canonical"]')["href"] == canonical
        assert ISO_WITA.match(news["datePublished"]) and news["datePublished"].startswith(
            header["date"].replace(" ", "T"))
        assert ISO_WITA.match(news["dateModified"]) and news["dateModified"] >= news["datePublished"]
        (author,) = news["author"]
        assert author["@type"] == "Person" and author["name"] == header["author"]
        assert _local(published_site, author["url"]).is_file()
        assert news["editor"]["@type"] == "Person" and news["editor"]["name"] == header["editor"]
        assert news["articleSection"] == header["category"]
        assert news["keywords"] == [t.strip() for t in header.get("tags", "").split(",") if t.strip()]
        assert isinstance(news["wordCount"], int) and news["wordCount"] > 50
        assert news["inLanguage"] == "id"
        assert news["publisher"]["@id"] == graph["GovernmentOrganization"]["@id"]
        assert {_ratio(i["width"], i["height"]) for i in news["image"]} == RATIOS
        for image in news["image"]:
            with Image.open(_local(published_site, image["url"])) as picture:
                assert picture.size == (image["width"], image["height"])
            assert image["width"] * image["height"] >= 50_000
            ratio = _ratio(image["width"], image["height"])
            assert abs(image["width"] / image["height"] - ratio[0] / ratio[1]) < 0.01
        crumbs = graph["BreadcrumbList"]["itemListElement"]
        assert [c["position"] for c in crumbs] == [1, 2, 3]
        assert crumbs[1]["name"] == header["category"] and crumbs[-1]["item"] == canonical
        for crumb in crumbs:
            assert _local(published_site, crumb["item"]).is_file()


def test_publisher_and_website_with_search_action(published_site):
    graph = _graph(published_site, "/")
    publisher = graph["GovernmentOrganization"]
    assert publisher["name"] == "Dinas Komunikasi dan Informatika Kabupaten Lombok Tengah"
    logo = publisher["logo"]
    with Image.open(_local(published_site, logo["url"])) as image:
        assert image.format == "PNG" and image.size == (logo["width"], logo["height"])
        assert min(image.size) >= 112
    site = graph["WebSite"]
    assert site["inLanguage"] == "id" and site["publisher"]["@id"] == publisher["@id"]
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == PUBLISHED_SITEURL + "/cari/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert _local(published_site, action["target"]["urlTemplate"].split("?")[0]).is_file()


def test_every_page_has_one_graph_and_its_canonical_link(published_site):
    for path in published_site.html_files():
        url = published_site.url_of(path)
        graph = _graph(published_site, url)
        assert {"GovernmentOrganization", "WebSite"} <= set(graph)
        canonical = [link["href"] for link in published_site.soup(url).select("link[rel=canonical]")]
        article = article_url_of(url)
        expected = canonical_path(published_site, article) if article else url
        assert canonical == ([] if url == "/404.html" else [PUBLISHED_SITEURL + expected]), url


def test_open_graph_and_twitter_cards_use_absolute_images(published_site, published_headers):
    for header in published_headers:
        page = published_site.soup(header["url"])
        og = {m["property"]: m["content"] for m in page.select("meta[property]")}
        twitter = {m["name"]: m["content"] for m in page.select('meta[name^="twitter:"]')}
        assert og["og:type"] == "article" and og["og:title"] == header["title"]
        assert og["og:url"] == PUBLISHED_SITEURL + canonical_path(published_site, header["url"])
        assert og["og:locale"] == "id_ID" and og["article:section"] == header["category"]
        assert og["article:published_time"].endswith("+08:00")
        with Image.open(_local(published_site, og["og:image"])) as image:
            assert image.size == (int(og["og:image:width"]), int(og["og:image:height"]))
            assert _ratio(*image.size) == (16, 9)
        assert og["og:image:alt"]
        assert twitter["twitter:card"] == "summary_large_image"
        assert twitter["twitter:image"] == og["og:image"]
        if header.get("image_caption"):
            assert og["og:image:alt"] == header["image_caption"]


def test_renditions_are_cached_by_content_and_renamed_when_the_photo_changes(content, build, tmp_path):
    content.article("dengan-foto", Image="images/foto/contoh.jpg", Image_caption="Keterangan.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    options = {"settings_file": PUBLISH_SETTINGS, "SITEURL": PUBLISHED_SITEURL, "DISTRIBUSI_PAGEFIND": False}

    def social_images(site):
        graph = _graph(site, "/berita/2026/08/30/dengan-foto/")
        return sorted(image["url"].rsplit("/", 1)[1] for image in graph["NewsArticle"]["image"])

    first = build(content, output=tmp_path / "satu", **options)
    names = social_images(first)
    assert len(names) == 3
    cache = sorted((tmp_path / "cache" / "gambar" / "images" / "r").glob("contoh-*x*-*.jpg"))
    assert sorted(p.name for p in cache if p.name in names) == names
    stamps = {p: p.stat().st_mtime_ns for p in cache}
    second = build(content, output=tmp_path / "dua", **options)
    assert {p: p.stat().st_mtime_ns for p in cache} == stamps, "a cached rendition was encoded again"
    assert social_images(second) == names
    content.image("images/foto/contoh.jpg", size=(2000, 1500))
    third = build(content, output=tmp_path / "tiga", **options)
    renamed = social_images(third)
    assert set(renamed).isdisjoint(names) and len(renamed) == 3


def test_an_article_without_photo_still_has_three_images(content, build):
    content.article("tanpa-foto")
    site = build(content, settings_file=PUBLISH_SETTINGS, SITEURL=PUBLISHED_SITEURL, DISTRIBUSI_PAGEFIND=False)
    graph = _graph(site, "/berita/2026/08/30/tanpa-foto/")
    assert {_ratio(i["width"], i["height"]) for i in graph["NewsArticle"]["image"]} == RATIOS
    for image in graph["NewsArticle"]["image"]:
        assert _local(site, image["url"]).is_file()
