"""Theme rules checked on every page of the built sample site."""

from __future__ import annotations

from urllib.parse import urlparse

from portal.weight import page_weight, theme_asset_totals
from tests.conftest import ROOT


def test_every_page_has_one_h1_landmarks_and_a_skip_link(sample_site):
    for path in sample_site.html_files():
        soup = sample_site.soup("/" + path.relative_to(sample_site.output).as_posix())
        where = path.relative_to(sample_site.output)
        assert len(soup.find_all("h1")) == 1, where
        assert soup.html["lang"] == "id", where
        for landmark in ("header", "nav", "main", "footer"):
            assert soup.find(landmark), (where, landmark)
        skip = soup.select_one("a.skip")
        assert skip and soup.find(id=skip["href"][1:]), where


def test_no_third_party_requests(sample_site):
    """Only share links may point elsewhere; nothing is loaded from another host."""
    for path in sample_site.html_files():
        soup = sample_site.soup("/" + path.relative_to(sample_site.output).as_posix())
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "srcset"),
                               ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and element.get("rel") in (["canonical"], ["alternate"])):
                    continue
                assert not urlparse(value.split()[0]).netloc, (path, tag, value)


def test_weight_budgets(sample_site):
    longest = max((sample_site.output / "berita").glob("*/*/*/*/index.html"), key=lambda p: p.stat().st_size)
    article = "/" + longest.parent.relative_to(sample_site.output).as_posix() + "/"
    assert page_weight(sample_site.output, article)["gzip"] <= 30_000
    assert page_weight(sample_site.output, "/")["gzip"] <= 40_000
    assets = theme_asset_totals(ROOT / "theme" / "static")
    assert assets["css"] <= 15_000 and assets["js"] <= 5_000


def test_ui_text_lives_in_strings_file():
    """Templates hold no hard-coded Indonesian sentences: visible words come from T."""
    import re

    words = re.compile(r">\s*([A-Za-z][a-z]+(?: [a-z]+){1,})\s*<")
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not words.findall(text), (template.name, words.findall(text)[:3])


TABLE = "| Kecamatan | Desa | Titik |\n|---|---|---|\n| Praya | Gerantung | 4 |\n| Pujut | Kuta | 6 |"


def test_tables_scroll_inside_a_labelled_focusable_region(content, build):
    """A wide table scrolls inside its own region, which keyboard users can
    reach and screen readers name (axe: scrollable-region-focusable); the
    region is one top-level block, so a page of a split article never cuts it."""
    import tomllib

    strings = tomllib.loads((ROOT / "theme" / "strings.toml").read_text(encoding="utf-8"))
    quoted = "\n".join("> " + line for line in ["Kutipan dengan tabel:", "", *TABLE.splitlines()])
    content.article("dua-tabel", body=f"Pembuka.\n\n{TABLE}\n\nPenutup halaman satu.\n\n<!-- halaman -->\n\n"
                                      f"{TABLE}\n\n{quoted}")
    content.page("jadwal", "Jadwal", f"Jadwal layanan.\n\n{TABLE}")
    site = build(content)
    article = "/berita/2026/08/30/dua-tabel/"
    for url, container, numbers in ((article, ".article-body", [1]), (article + "2/", ".article-body", [2, 3]),
                                    (article + "semua/", ".article-body", [1, 2, 3]), ("/jadwal/", ".page", [1])):
        soup = site.soup(url)
        tables = soup.select(f"{container} table")
        assert len(tables) == len(numbers), url
        labels = []
        for table in tables:
            region = table.parent
            assert region.name == "div" and region["class"] == ["table-scroll"], url
            assert region["role"] == "region" and region["tabindex"] == "0"
            labels.append(region["aria-label"])
        assert labels == [strings["table_scroll"].format(n=n) for n in numbers], url
    body = site.soup(article).select_one(".article-body")
    assert body.find("div", class_="table-scroll", recursive=False)
