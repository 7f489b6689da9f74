"""Person pages (/penulis/<slug>/) for everyone credited on a published
article, as penulis, editor or wartawan, and the byline links to them."""

from __future__ import annotations

import tomllib

import pytest

from portal.build import BuildFailed
from tests.conftest import PEOPLE, ROOT

T = tomllib.loads((ROOT / "theme" / "strings.toml").read_text(encoding="utf-8"))

MORE_PEOPLE = PEOPLE + """
[[person]]
name = "Hendra Saputra"
slug = "hendra"
roles = ["wartawan"]
bio = "Wartawan Mal Pelayanan Publik."

[[person]]
name = "Dedi Kurniawan"
slug = "dedi"
roles = ["penulis", "wartawan"]
bio = "Belum menulis."
"""


def _people(content, extra: str = "") -> None:
    (content.root / "people.toml").write_text(MORE_PEOPLE + extra, encoding="utf-8")


def _cards(soup) -> list[str]:
    return [a["href"] for a in soup.select("article.card .card-title a")]


def test_editor_and_wartawan_get_a_page_and_the_byline_links_both(content, build):
    _people(content, '\n[[person]]\nname = "Tak Bertugas"\nslug = "tak-bertugas"\nroles = ["editor"]\n')
    portrait = content.image("images/orang/rizal.jpg", (600, 600))
    people = (content.root / "people.toml").read_text(encoding="utf-8")
    (content.root / "people.toml").write_text(
        people.replace('slug = "rizal"\n', f'slug = "rizal"\nphoto = "{portrait}"\n'), encoding="utf-8")
    content.article("rapat-pertama", Editor="Muhammad Rizal Hakim", Reporter="Hendra Saputra",
                    Date="2026-08-30 09:00")
    content.article("rapat-kedua", Author="Baiq Nurul Aini", Editor="Muhammad Rizal Hakim", Date="2026-08-30 10:00")
    content.article("catatan-tersembunyi", Editor="Baiq Nurul Aini", Reporter="Dedi Kurniawan", Status="hidden")
    site = build(content)

    first = site.soup("/berita/2026/08/30/rapat-pertama/")
    byline = first.select_one(".byline")
    assert [(a.get_text(), a["href"]) for a in byline.select("a")] == [
        ("Lalu Ahmad Sinto", "/penulis/sinto/"), ("Muhammad Rizal Hakim", "/penulis/rizal/")]
    assert byline.select_one("a[rel=author]")["href"] == "/penulis/sinto/"
    assert first.select_one(".laporan a")["href"] == "/penulis/hendra/"
    assert first.select_one(".laporan a").get_text() == "Hendra Saputra"

    # An editor who wrote nothing: a page of the articles they edited, said so.
    rizal = site.soup("/penulis/rizal/")
    assert rizal.h1.get_text(" ", strip=True) == f"{T['articles_edited_by']} Muhammad Rizal Hakim"
    assert rizal.select_one(".person .roles").get_text(strip=True) == T["editor"]
    assert rizal.select_one(".bio").get_text() == "Redaktur."
    assert rizal.select_one(".portrait img")["alt"] == "Muhammad Rizal Hakim"
    assert _cards(rizal) == ["/berita/2026/08/30/rapat-kedua/", "/berita/2026/08/30/rapat-pertama/"]

    hendra = site.soup("/penulis/hendra/")
    assert hendra.h1.get_text(" ", strip=True) == f"{T['articles_reported_by']} Hendra Saputra"
    assert hendra.select_one(".person .roles").get_text(strip=True) == T["wartawan"]
    assert _cards(hendra) == ["/berita/2026/08/30/rapat-pertama/"]

    # Someone who wrote: the page lists what they wrote (not what they edited),
    # with every role they hold.
    nurul = site.soup("/penulis/nurul-aini/")
    assert nurul.h1.get_text(" ", strip=True) == f"{T['articles_by']} Baiq Nurul Aini"
    assert nurul.select_one(".person .roles").get_text(" ", strip=True) == f"{T['editor']} · {T['penulis']}"
    assert _cards(nurul) == ["/berita/2026/08/30/rapat-kedua/"]
    assert _cards(site.soup("/penulis/sinto/")) == ["/berita/2026/08/30/rapat-pertama/"]

    # Credits on a hidden article make no page; its byline names them without a link.
    assert not site.exists("/penulis/dedi/") and not site.exists("/penulis/tak-bertugas/")
    hidden = site.soup("/berita/2026/08/30/catatan-tersembunyi/")
    assert hidden.select_one(".laporan").get_text(strip=True).endswith("Dedi Kurniawan")
    assert hidden.select_one(".laporan a") is None
    assert hidden.select_one(".byline a[href='/penulis/nurul-aini/']")  # she has a page of her own

    index = site.soup("/penulis/")
    assert {a["href"] for a in index.select("main .term-list a")} == {
        "/penulis/sinto/", "/penulis/nurul-aini/", "/penulis/rizal/", "/penulis/hendra/"}
    broken = [(page, target) for page, target in site.links() if not site.exists(target)]
    assert broken == []


def test_editor_pages_paginate_like_author_pages(content, build):
    for n in range(3):
        content.article(f"suntingan-{n}", Editor="Muhammad Rizal Hakim", Date=f"2026-08-30 0{n}:00")
    site = build(content, DEFAULT_PAGINATION=1)
    assert _cards(site.soup("/penulis/rizal/")) == ["/berita/2026/08/30/suntingan-2/"]
    assert _cards(site.soup("/penulis/rizal/halaman/3/")) == ["/berita/2026/08/30/suntingan-0/"]
    assert site.soup("/penulis/rizal/halaman/2/").select_one(".pagination a[rel=next]")["href"] == \
        "/penulis/rizal/halaman/3/"


def test_everyone_credited_in_the_sample_has_a_page_and_every_link_resolves(sample_site, sample_content):
    from tests.conftest import article_headers

    people = {p["name"]: p["slug"] for p in tomllib.loads(
        (sample_content / "people.toml").read_text(encoding="utf-8"))["person"]}
    for header in article_headers(sample_content):
        if header["status"] != "published":
            continue
        soup = sample_site.soup(header["url"])
        for role in ("author", "editor", "reporter"):
            if header.get(role):
                assert sample_site.exists(f"/penulis/{people[header[role]]}/"), (header["file"], role)
        links = [a["href"] for a in soup.select(".byline a")]
        assert links == [f"/penulis/{people[header['author']]}/", f"/penulis/{people[header['editor']]}/"]
        if header.get("reporter"):
            assert soup.select_one(".laporan a")["href"] == f"/penulis/{people[header['reporter']]}/"
    broken = sorted({(page, target) for page, target in sample_site.links()
                     if not sample_site.exists(target)})
    assert broken == []


# --- people.toml slugs are addresses: the article slug rule ------------------

@pytest.mark.parametrize(("slug", "fix"), [
    ("../berita/2026/11/01/pengumuman-resmi", 'tulis slug = "berita20261101pengumuman-resmi"'),
    ("Orang Jahat/X", 'tulis slug = "orang-jahatx"'),
    ("../../../x", 'tulis slug = "x"'),
    ("Sinto_2", 'tulis slug = "sinto-2"'),  # Pelican's slugify keeps "_"; the rule does not
    ("///", 'tulis slug = "orang-jahat"'),  # nothing to keep: made from the name
])
def test_a_people_slug_that_is_not_one_plain_segment_is_refused_with_the_line(content, build, slug, fix):
    _people(content, f'\n[[person]]\nname = "Orang Jahat"\nslug = "{slug}"\nroles = ["penulis"]\n')
    content.article("pengumuman", Author="Orang Jahat")
    line = (content.root / "people.toml").read_text(encoding="utf-8").splitlines().index(f'slug = "{slug}"') + 1
    with pytest.raises(BuildFailed) as failed:
        build(content)
    expected = (f"people.toml:{line}: slug: Orang Jahat: slug {slug!r} bukan huruf kecil, angka dan tanda hubung. "
                f"Perbaikan: {fix}")
    assert expected in failed.value.problems, failed.value.problems
    assert not any("RuntimeError" in p for p in failed.value.problems)
