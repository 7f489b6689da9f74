"""Fast unit tests of plugins/distribusi's pure parts: no site is built."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from distribusi import feeds, head, sitemaps, structured
from distribusi.canonical import canonical_path, is_canonical, page_path
from distribusi.config import DistribusiConfig
from distribusi.renditions import Rendition, share_of

WITA = ZoneInfo("Asia/Makassar")
DATE = dt.datetime(2026, 8, 30, 14, 5, tzinfo=WITA)


def config(tmp_path, **settings) -> DistribusiConfig:
    base = {"PATH": str(tmp_path), "SITEURL": "https://portal.example.go.id", "SITENAME": "Portal Loteng",
            "SITESUBTITLE": "Berita resmi", "TIMEZONE": "Asia/Makassar", "AUTHOR_URL": "penulis/{slug}/",
            "AUTHORS_URL": "penulis/", "TAGS_URL": "tag/", "CARI_URL": "cari/",
            "PUBLISHER": {"name": "Diskominfo", "short_name": "Kominfo"},
            "RUBRIK": {"Pemerintahan": "Kabar dari kantor bupati."},
            "FEED_DOMAIN": "https://portal.example.go.id", "FEED_ALL_RSS": "feeds/semua.rss.xml",
            "CATEGORY_FEED_ATOM": "feeds/rubrik/{slug}.atom.xml", "CATEGORY_FEED_RSS": None,
            "JINJA_GLOBALS": {"T": {"home": "Beranda", "tags": "Tag", "rubrik": "Rubrik", "feed_rss": "RSS"}}}
    return DistribusiConfig.from_settings({**base, **settings})


def person(name: str, slug: str):
    return SimpleNamespace(name=name, slug=slug)


def article(slug="gerai", status="published", halaman=None, **newsroom):
    fields = {"author": person("Sinto", "sinto"), "editor": person("Ayu", "ayu"), "words": 120, "dateline": "",
              "highlight": "", "summary": "Ringkasan berita.", "summary_is_whole_text": False, "photo": None}
    fields.update(newsroom)
    return SimpleNamespace(
        title=f"Judul {slug}", date=DATE, modified=None, status=status, url=f"berita/2026/08/30/{slug}/",
        category=_Named("Pemerintahan", "pemerintahan", "rubrik/pemerintahan/"),
        tags=[_Named("Smart City", "smart-city", "tag/smart-city/")],
        newsroom=SimpleNamespace(**fields), halaman=halaman, summary="<p>Ringkasan Pelican</p>",
        author=_Named("Sinto", "sinto", "penulis/sinto/"))


class _Named:
    def __init__(self, name, slug, url):
        self.name, self.slug, self.url = name, slug, url

    def __str__(self):
        return self.name


# --- canonical -------------------------------------------------------------------
def test_page_path_turns_index_files_into_directory_urls():
    assert page_path("index.html") == ""
    assert page_path("berita/2026/08/30/x/index.html") == "berita/2026/08/30/x/"
    assert page_path("404.html") == "404.html"


def test_a_split_article_names_its_view_all_page_on_every_page():
    split = SimpleNamespace(canonical_url="berita/2026/08/30/gerai/semua/")
    item = article(halaman=split)
    assert canonical_path(item) == "berita/2026/08/30/gerai/semua/"
    assert canonical_path(article()) == "berita/2026/08/30/gerai/"  # one page (or no halaman): itself
    assert is_canonical({"article": item, "output_file": "berita/2026/08/30/gerai/semua/index.html"})
    assert not is_canonical({"article": item, "output_file": "berita/2026/08/30/gerai/index.html"})


# --- head: description ---------------------------------------------------------------
def test_the_description_is_sorotan_else_the_summary_in_one_line():
    assert head.article_description(article(highlight="Sorotan  berita\nini.")) == "Sorotan berita ini."
    assert head.article_description(article()) == "Ringkasan berita."


def test_a_long_description_is_cut_at_a_word_with_an_ellipsis():
    text = " ".join(["kata"] * 60)  # 299 characters
    cut = head.article_description(article(summary=text))
    assert len(cut) <= head.DESCRIPTION_MAX and cut.endswith("kata…")
    assert head.truncate("pendek", 160) == "pendek"


def test_a_rubrik_page_is_described_by_its_rubrik_text(tmp_path):
    cfg = config(tmp_path)
    assert head.page_description(_Named("Pemerintahan", "pemerintahan", ""), cfg) == "Kabar dari kantor bupati."
    assert head.page_description(None, cfg) == "Berita resmi"


def test_feed_links_come_from_the_feed_settings(tmp_path):
    cfg = config(tmp_path)
    found = list(head.feeds_of(_Named("Pemerintahan", "pemerintahan", ""), cfg))
    assert [f.url for f in found] == ["https://portal.example.go.id/feeds/semua.rss.xml",
                                      "https://portal.example.go.id/feeds/rubrik/pemerintahan.atom.xml"]
    assert found[1].title == "Portal Loteng – Rubrik Pemerintahan"


# --- structured data ------------------------------------------------------------------
def _site(cfg):
    logo = SimpleNamespace(url="/images/logo-penerbit.png", width=512, height=512)
    return [structured.organization(cfg, logo), structured.website(cfg)]


def test_an_article_graph_has_its_page_article_breadcrumb_and_images(tmp_path):
    cfg = config(tmp_path)
    crop = Rendition("16x9", "images/r/gerai-16x9-1200.jpg", 1200, 675, 1000, "Warga antre.")
    item = article(dateline="LOMBOK TENGAH")
    data = structured.article_graph(item, cfg.absolute(item.url), (crop,), cfg, _site(cfg), "Ringkasan.", {"sinto"})
    nodes = {node["@type"]: node for node in data["@graph"]}
    assert set(nodes) == {"GovernmentOrganization", "WebSite", "WebPage", "NewsArticle", "BreadcrumbList"}
    news = nodes["NewsArticle"]
    assert news["image"] == [{"@type": "ImageObject", "url": "https://portal.example.go.id/images/r/gerai-16x9-1200.jpg",
                              "width": 1200, "height": 675}]
    assert news["author"] == [{"@type": "Person", "name": "Sinto", "url": "https://portal.example.go.id/penulis/sinto/"}]
    assert news["editor"] == {"@type": "Person", "name": "Ayu"}  # no penulis page: no url
    assert news["locationCreated"]["name"] == "Lombok Tengah"
    assert [i["name"] for i in nodes["BreadcrumbList"]["itemListElement"]] == ["Beranda", "Pemerintahan",
                                                                             "Judul gerai"]


def test_people_and_tag_urls_follow_the_url_settings(tmp_path):
    cfg = config(tmp_path, AUTHOR_URL="orang/{slug}.html", TAGS_URL="topik/")
    item = article()
    data = structured.article_graph(item, cfg.absolute(item.url), (), cfg, _site(cfg), "", {"sinto"})
    news = next(node for node in data["@graph"] if node["@type"] == "NewsArticle")
    assert news["author"][0]["url"] == "https://portal.example.go.id/orang/sinto.html"
    tag_page = {"tag": _Named("Smart City", "smart-city", "topik/smart-city/"), "articles_page": object()}
    graph = structured.page_graph(tag_page, "topik/smart-city/", cfg, _site(cfg))
    trail = next(node for node in graph["@graph"] if node["@type"] == "BreadcrumbList")["itemListElement"]
    assert [i["item"] for i in trail][1] == "https://portal.example.go.id/topik/"


def test_the_404_page_names_only_the_publisher_and_the_site(tmp_path):
    cfg = config(tmp_path)
    graph = structured.page_graph({}, "404.html", cfg, _site(cfg))
    assert [node["@type"] for node in graph["@graph"]] == ["GovernmentOrganization", "WebSite"]


def test_json_ld_text_cannot_close_its_script_tag():
    tag = structured.script_tag({"name": "</script><script>alert(1)</script>"})
    assert tag.count("</script>") == 1
    assert json.loads(tag[len('<script type="application/ld+json">'):-len("</script>")])["name"].startswith("</")


# --- sitemaps -----------------------------------------------------------------------
def test_an_article_is_listed_once_at_its_canonical_url(tmp_path):
    cfg = config(tmp_path)
    split = article(halaman=SimpleNamespace(canonical_url="berita/2026/08/30/gerai/semua/"))
    first = {"article": split, "output_file": "berita/2026/08/30/gerai/index.html"}
    everything = {"article": split, "output_file": "berita/2026/08/30/gerai/semua/index.html"}
    assert sitemaps.entry_for(first, cfg) is None
    assert sitemaps.entry_for(everything, cfg) == sitemaps.Entry("berita/2026/08/30/gerai/semua/", DATE, DATE,
                                                                 "Judul gerai")
    hidden = {"article": article(status="hidden"), "output_file": "berita/2026/08/30/gerai/index.html"}
    assert sitemaps.entry_for(hidden, cfg) is None
    assert sitemaps.entry_for({"output_file": "cari/index.html"}, cfg) is None
    assert sitemaps.entry_for({"output_file": "feeds/semua.atom.xml"}, cfg) is None


def test_a_list_page_is_dated_by_its_newest_article(tmp_path):
    cfg = config(tmp_path)
    older = article("lama")
    older.date = DATE - dt.timedelta(days=3)
    page = SimpleNamespace(object_list=[older, article()])
    assert sitemaps.entry_for({"output_file": "index.html", "articles_page": page}, cfg).lastmod == DATE


def test_above_the_limit_the_sitemap_becomes_an_index(tmp_path):
    cfg = config(tmp_path, DISTRIBUSI_SITEMAP_MAX_URLS=2)
    entries = [sitemaps.Entry(f"x{n}/", DATE) for n in range(5)]
    written = sitemaps.write_sitemaps(entries, tmp_path, cfg)
    assert written == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "https://portal.example.go.id/sitemap-3.xml" in index


def test_the_news_sitemap_keeps_the_last_two_days_newest_first(tmp_path):
    cfg = config(tmp_path)
    now = DATE + dt.timedelta(hours=1)
    entries = [sitemaps.Entry("baru/", DATE, DATE, "Baru"),
               sitemaps.Entry("kemarin/", DATE, DATE - dt.timedelta(days=1), "Kemarin"),
               sitemaps.Entry("lama/", DATE, DATE - dt.timedelta(days=3), "Lama"),
               sitemaps.Entry("besok/", DATE, DATE + dt.timedelta(days=1), "Terjadwal"),
               sitemaps.Entry("halaman/", DATE)]
    assert [e.path for e in sitemaps.news_entries(entries, now, cfg)] == ["baru/", "kemarin/"]


def test_robots_names_the_sitemaps_absolutely(tmp_path):
    text = sitemaps.robots_txt(["sitemap.xml", "sitemap-berita.xml"], config(tmp_path))
    assert text.endswith("Sitemap: https://portal.example.go.id/sitemap.xml\n"
                         "Sitemap: https://portal.example.go.id/sitemap-berita.xml\n")


# --- feeds ------------------------------------------------------------------------------
def test_root_relative_links_become_absolute_in_feeds():
    markup = '<a href="/berita/x/">x</a> <img src="/images/a.jpg"> <a href="//cdn.example/y">y</a>'
    assert feeds.absolute_links(markup, "https://s.id") == (
        '<a href="https://s.id/berita/x/">x</a> <img src="https://s.id/images/a.jpg"> <a href="//cdn.example/y">y</a>')


def _feed_article(**newsroom):
    item = article(**newsroom)
    item.get_content = lambda siteurl: '<p>Isi <a href="/x/">tautan</a></p>'
    return item


def test_a_feed_entry_carries_the_lead_photo_and_the_summary():
    photo = Rendition("16x9", "images/r/gerai-16x9-1200.jpg", 1200, 675, 4321)
    item = _feed_article(photo=SimpleNamespace(caption="Warga antre.", credit="DISKOMINFO"))
    fields = feeds.entry(item, "https://s.id", photo)
    assert fields["link"] == "https://s.id/berita/2026/08/30/gerai/"
    assert fields["content"] == '<p>Isi <a href="https://s.id/x/">tautan</a></p>'
    assert fields["description"] == "Ringkasan berita."
    assert fields["enclosures"][0].length == "4321"
    assert fields["media"]["caption"] == "Warga antre." and fields["media"]["credit"] == "DISKOMINFO"


def test_an_atom_entry_leaves_out_a_summary_that_only_repeats_the_text():
    item = _feed_article(summary_is_whole_text=True)
    assert feeds.entry(item, "https://s.id", None)["description"] is None
    assert feeds.entry(item, "https://s.id", None, rss=True)["description"] == "Ringkasan berita."
    assert "enclosures" not in feeds.entry(item, "https://s.id", None)


def test_the_share_image_is_the_configured_rendition(tmp_path):
    crops = (Rendition("4x3", "a.jpg", 1200, 900, 1), Rendition("16x9", "b.jpg", 1200, 675, 1))
    assert share_of(crops, config(tmp_path)).name == "16x9"
    assert share_of(crops, config(tmp_path, DISTRIBUSI_SHARE_RENDITION="21x9")).name == "4x3"
    assert share_of((), config(tmp_path)) is None


@pytest.mark.parametrize("value", ["", None])
def test_without_a_logo_setting_the_drawn_logo_stands_in(tmp_path, value):
    assert config(tmp_path, DISTRIBUSI_LOGO=value).logo is None
