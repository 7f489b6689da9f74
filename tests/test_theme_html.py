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
