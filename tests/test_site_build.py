"""The foundation: the sample site builds, pages are where DESIGN.md says,
lists paginate without collisions, drafts stay private, failures are atomic."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from portal.build import BuildFailed
from tests.conftest import article_headers

ROOT = Path(__file__).resolve().parent.parent


def _headers(folder: Path) -> list[dict]:
    """The header of every sample article, read the plain way (independent of the plugin)."""
    aliases = {"judul": "title", "tanggal": "date", "rubrik": "category", "penulis": "author"}
    found = []
    for path in sorted((folder / "articles").glob("*.md")):
        header = {}
        for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines():
            key, _, value = line.partition(":")
            header[aliases.get(key.strip().lower(), key.strip().lower())] = value.strip()
        header["file"] = path.name
        found.append(header)
    return found


def test_sample_content_is_rich_enough(sample_content):
    articles = _headers(sample_content)
    published = [a for a in articles if a.get("status", "published") == "published"]
    assert len(published) >= 24
    assert len({a["category"] for a in published}) >= 5
    assert len({a["author"] for a in published}) >= 4
    assert len({a["editor"] for a in published}) >= 2
    months = {a["date"][:7] for a in published}
    assert len(months) >= 4
    for slug in ("profil", "kontak", "ppid"):
        assert (sample_content / "pages" / f"{slug}.md").is_file()


def test_article_page_shows_title_date_author_and_rubrik(sample_site, sample_content):
    header = next(a for a in _headers(sample_content) if a.get("status", "published") == "published"
                  and a.get("slug"))
    year, month, day = header["date"][:10].split("-")
    url = f"/berita/{year}/{month}/{day}/{header['slug']}/"
    assert sample_site.exists(url), url
    page = sample_site.soup(url)
    assert page.h1.get_text(strip=True) == header["title"]
    time = page.select_one(".byline time")
    hour_minute = header["date"][11:16]
    assert time["datetime"] == f"{year}-{month}-{day}T{hour_minute}:00+08:00"
    assert time.get_text().endswith(f"{hour_minute} WITA")
    assert re.match(r"^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} \d{2}:\d{2} WITA$",
                    time.get_text(strip=True))
    assert header["author"] in page.select_one(".byline").get_text()
    assert page.select_one(".article-rubrik").get_text(strip=True) == header["category"]
    assert page.html["lang"] == "id"


def test_urls_follow_the_design(sample_site):
    assert sample_site.exists("/")
    assert sample_site.exists("/404.html")
    assert sample_site.exists("/rubrik/pemerintahan/")
    assert sample_site.exists("/profil/")
    assert sample_site.exists("/kontak/")
    assert sample_site.exists("/ppid/")
    assert sample_site.exists("/penulis/sinto/")
    assert (sample_site.output / "feeds" / "semua.atom.xml").is_file()
    articles = list((sample_site.output / "berita").glob("*/*/*/*/index.html"))
    assert len(articles) >= 24
    # No Pelican-style leftovers: every page is a directory index.
    stray = [p for p in sample_site.html_files() if p.name not in ("index.html", "404.html")]
    assert stray == []


def _all_list_pages(site, first_url):
    """Follow rel=next from a list's first page; return the list of URLs."""
    urls = [first_url]
    while True:
        nxt = site.soup(urls[-1]).select_one(".pagination a[rel=next]")
        if nxt is None:
            return urls
        assert site.exists(nxt["href"]), nxt["href"]
        urls.append(nxt["href"])


def _listed_on_home(folder: Path) -> list[str]:
    """URLs of the sample articles the home list must show, from their headers:
    published (not draft, not hidden) and not dated in the future (WITA)."""
    now = datetime.now(ZoneInfo("Asia/Makassar")).replace(tzinfo=None)
    return [h["url"] for h in article_headers(folder)
            if h["status"] == "published" and datetime.fromisoformat(h["date"]) <= now]


def test_home_paginates_at_configured_size(sample_site, sample_content):
    urls = _all_list_pages(sample_site, "/")
    # page 1 shows its headline above the list, not again as a card (issue 16)
    listed_here = "article.card .card-title a, .headline .headline-title a"
    per_page = [len(sample_site.soup(u).select(listed_here)) for u in urls]
    listed = _listed_on_home(sample_content)
    assert sum(per_page) == len(listed)
    assert all(n == 10 for n in per_page[:-1]) and 0 < per_page[-1] <= 10
    assert urls[1] == "/halaman/2/"
    cards = [a["href"] for u in urls for a in sample_site.soup(u).select(listed_here)]
    assert len(cards) == len(set(cards)), "an article is listed twice"
    assert sorted(cards) == sorted(listed)


def test_list_pages_never_collide(content, build):
    # Pelican's default patterns write tag "x" page 3 and tag "x3" page 1 to
    # the same file; directory patterns cannot.
    for n in range(3):
        content.article(f"berita-x-{n}", Tags="x")
    content.article("berita-x3", Tags="x3")
    site = build(content, DEFAULT_PAGINATION=1)
    assert site.exists("/tag/x/halaman/3/")
    assert site.exists("/tag/x3/")
    assert "Berita X3" in site.soup("/tag/x3/").get_text()
    assert "Berita X 0" in site.soup("/tag/x/halaman/3/").get_text() or \
        "Berita X 0" in site.soup("/tag/x/").get_text()
    assert site.exists("/rubrik/pemerintahan/halaman/4/")
    assert site.exists("/penulis/sinto/halaman/4/")


def test_drafts_are_not_published(content, build):
    content.article("sudah-terbit")
    content.article("rencana-rahasia", Title="Rencana Rahasia Belum Terbit", Status="draft")
    site = build(content)
    assert not (site.output / "drafts").exists()
    texts = "".join(p.read_text(encoding="utf-8") for p in site.html_files())
    assert "Rencana Rahasia" not in texts
    assert "rencana-rahasia" not in texts
    assert "Sudah Terbit" in texts


def test_sample_draft_is_absent(sample_site, sample_content):
    drafts = [a for a in _headers(sample_content) if a.get("status") == "draft"]
    assert drafts, "the sample content should show a draft"
    everything = "".join(p.read_text(encoding="utf-8") for p in sample_site.html_files())
    for draft in drafts:
        assert draft["title"] not in everything


def test_broken_article_fails_the_build_and_keeps_the_old_site(content, build, tmp_path):
    content.article("berita-baik")
    output = tmp_path / "site"
    site = build(content, output=output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    content.article("berita-rusak", Date="30-08-2026 jam dua")
    with pytest.raises(BuildFailed) as failed:
        build(content, output=output)
    message = str(failed.value)
    assert "articles/berita-rusak.md" in message
    assert "Tanggal" in message or "Date" in message

    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before, "a failed build touched the published site"
    # nothing left but the failed build's folder, kept as the next build's (portal/spare.py)
    leftovers = [p.name for p in output.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [".site.spare"], leftovers
    assert site.exists("/")


def test_publish_settings_use_absolute_urls(content, build):
    content.article("berita-publik")
    content.article("berita-kemarin", Date="2026-08-29 09:00")  # a card under the headline
    site = build(content, settings_file=ROOT / "publishconf.py")
    link = site.soup("/").select_one("article.card .card-title a")["href"]
    assert link.startswith("https://")



def test_content_cache_is_keyed_on_content_not_mtime(content, build, monkeypatch):
    import os

    from newsroom.reader import NewsroomMarkdownReader

    for n in range(3):
        content.article(f"berita-{n}")
    build(content)

    reads = []
    original = NewsroomMarkdownReader.read
    monkeypatch.setattr(NewsroomMarkdownReader, "read", lambda self, path: reads.append(path) or original(self, path))
    for path in (content.root / "articles").glob("*.md"):  # a fresh checkout: new mtimes, same bytes
        os.utime(path, (1_900_000_000, 1_900_000_000))
    build(content)
    assert reads == []

    edited = content.article("berita-1", body="Isi yang sudah diperbarui redaksi.")
    site = build(content)
    assert [Path(p).name for p in reads] == [edited.name]
    assert "sudah diperbarui" in site.soup("/berita/2026/08/30/berita-1/").get_text()


def test_reader_cache_is_dropped_when_the_reader_code_changes(content, build, monkeypatch):

    from newsroom import plugin

    # The code changes only in memory here, so the build must not be skipped as unchanged (portal/unchanged.py).
    from newsroom.reader import NewsroomMarkdownReader

    content.article("berita-a")
    build(content, PORTAL_SKIP_UNCHANGED=False)
    reads = []
    original = NewsroomMarkdownReader.read
    monkeypatch.setattr(NewsroomMarkdownReader, "read", lambda self, path: reads.append(path) or original(self, path))
    build(content, PORTAL_SKIP_UNCHANGED=False)
    assert reads == []
    monkeypatch.setattr(plugin, "_reader_code_stamp", lambda: "a newer reader")
    build(content, PORTAL_SKIP_UNCHANGED=False)
    assert len(reads) == 1
    build(content, PORTAL_SKIP_UNCHANGED=False)
    assert len(reads) == 1
