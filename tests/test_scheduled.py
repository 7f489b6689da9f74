"""Scheduled articles: absent everywhere before their time, present everywhere
from the first build at or after it, listed as "terjadwal" meanwhile, and the
next due time left for CI outside the published folder.

The clock is frozen where Pelican reads it (``pelican.contents`` decides that
an article dated after ``datetime.now`` is a draft).
"""

from __future__ import annotations

import datetime as dt
import types
from zoneinfo import ZoneInfo

import pelican.contents
import pytest

from portal.build import Scheduled
from portal.check import check_content
from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL, SETTINGS, ContentFolder, Site, fast_build

WITA = ZoneInfo("Asia/Makassar")
DUE = dt.datetime(2026, 12, 25, 8, 0, tzinfo=WITA)
URL = "/berita/2026/12/25/embargo-wifi-desa/"
MARK = "Zamrudkhatulistiwa"  # in the scheduled article only: its title, body and photo


def freeze(monkeypatch, moment: dt.datetime) -> None:
    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz else moment.astimezone(WITA).replace(tzinfo=None)

    monkeypatch.setattr(pelican.contents, "datetime", types.SimpleNamespace(datetime=Frozen, UTC=dt.UTC))


@pytest.fixture
def newsroom(tmp_path) -> ContentFolder:
    content = ContentFolder(tmp_path / "content")
    for number in range(3):
        content.article(f"wifi-desa-{number}", Date=f"2026-12-24 0{number + 1}:00", Tags="wifi, desa",
                        Title=f"Wifi desa tahap {number} terpasang",
                        body=f"Wifi gratis desa tahap {number} terpasang di kantor desa Lombok Tengah.")
    photo = content.image("images/foto/zamrudkhatulistiwa.jpg")
    content.article("embargo-wifi-desa", Date="2026-12-25 08:00", Tags="wifi, desa",
                    Title=f"Wifi desa {MARK} diresmikan bupati", Image=photo,
                    Image_caption="Bupati meresmikan wifi desa.", Image_credit="DISKOMINFO LOTENG/SINTO",
                    body=f"Wifi gratis desa {MARK} terpasang di kantor desa Lombok Tengah.")
    content.article("draf-masa-depan", Date="2027-01-05 09:00", Status="draf", Title="Draf yang belum selesai")
    return content


def build_at(monkeypatch, content, tmp_path, moment):
    freeze(monkeypatch, moment)
    output = tmp_path / "output"
    result = fast_build(PUBLISH_SETTINGS, output, {
        "PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"), "SITEURL": PUBLISHED_SITEURL,
        "FEED_DOMAIN": PUBLISHED_SITEURL, "DISTRIBUSI_NOW": moment.strftime("%Y-%m-%d %H:%M"),
        "DISTRIBUSI_PAGEFIND": False, "REKOMENDASI_HELPER": False})
    return result, Site(output)


def texts(site: Site) -> dict[str, str]:
    return {f.relative_to(site.output).as_posix(): f.read_text(encoding="utf-8", errors="replace")
            for f in site.output.rglob("*") if f.is_file()}


# Every list an article appears in, from the first build at or after its time.
EVERYWHERE = ["index.html", "rubrik/pemerintahan/index.html", "tag/wifi/index.html", "arsip/index.html",
              "penulis/sinto/index.html", "feeds/semua.atom.xml", "feeds/semua.rss.xml",
              "feeds/rubrik/pemerintahan.atom.xml", "sitemap.xml", "sitemap-berita.xml"]


def test_a_scheduled_article_appears_everywhere_from_its_time(newsroom, tmp_path, monkeypatch):
    before, site = build_at(monkeypatch, newsroom, tmp_path, DUE - dt.timedelta(minutes=1))
    files = texts(site)
    assert not site.exists(URL)
    assert [name for name, text in files.items() if MARK.lower() in (name + text).lower()] == []
    assert [name for name, text in files.items() if "embargo-wifi-desa" in text] == []
    assert [str(w) for w in before.warnings if isinstance(w, Scheduled)] == [
        f"terjadwal: Wifi desa {MARK} diresmikan bupati — tayang Jumat, 25 Desember 2026 08:00 WITA"]
    assert before.next_due == DUE
    next_due = tmp_path / "cache" / "next-due.txt"
    assert next_due.read_text() == "2026-12-25T08:00:00+08:00\n"
    assert all("2026-12-25T08:00" not in text for text in files.values())  # the time is not published either

    after, site = build_at(monkeypatch, newsroom, tmp_path, DUE + dt.timedelta(minutes=1))
    files = texts(site)
    assert site.exists(URL)
    assert site.soup(URL).select_one("[data-pagefind-body]") is not None  # what the search index reads
    assert [name for name in EVERYWHERE if URL not in files[name]] == []
    others = [f"/berita/2026/12/24/wifi-desa-{n}/" for n in range(3)]
    assert any(site.soup(o).select(f"#rekomendasi a[href$='{URL}']") for o in others)  # Rekomendasi of others
    assert not any(isinstance(w, Scheduled) for w in after.warnings)
    assert after.next_due is None
    assert next_due.read_text() == ""


def test_check_lists_scheduled_articles_and_not_drafts(newsroom, monkeypatch, capsys):
    import tasks

    freeze(monkeypatch, DUE - dt.timedelta(hours=1))
    errors, warnings = check_content(SETTINGS, {"PATH": str(newsroom.root),
                                                "CACHE_PATH": str(newsroom.root.parent / "c")})
    assert errors == []
    tasks._print_warnings(warnings)
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"terjadwal: Wifi desa {MARK} diresmikan bupati — tayang Jumat, 25 Desember 2026 08:00 WITA"]
    assert "terjadwal" not in err and "Draf yang belum selesai" not in out


def test_an_article_exactly_at_its_time_is_published(newsroom, tmp_path, monkeypatch):
    _, site = build_at(monkeypatch, newsroom, tmp_path, DUE)
    assert site.exists(URL)


def test_a_scheduled_hidden_article_is_listed_as_hidden(newsroom, tmp_path, monkeypatch, capsys):
    """At its time a future `Status: hidden` article becomes hidden, not listed: the line says so."""
    import tasks

    newsroom.article("pengumuman-tersembunyi", Date="2026-12-26 09:30", Status="tersembunyi",
                     Title="Pengumuman hanya lewat tautan")
    freeze(monkeypatch, DUE - dt.timedelta(hours=1))
    errors, warnings = check_content(SETTINGS, {"PATH": str(newsroom.root),
                                                "CACHE_PATH": str(newsroom.root.parent / "c")})
    assert errors == []
    tasks._print_warnings(warnings)
    assert capsys.readouterr().out.splitlines() == [
        f"terjadwal: Wifi desa {MARK} diresmikan bupati — tayang Jumat, 25 Desember 2026 08:00 WITA",
        "terjadwal (tersembunyi): Pengumuman hanya lewat tautan — tayang Sabtu, 26 Desember 2026 09:30 WITA"]

    _, site = build_at(monkeypatch, newsroom, tmp_path, dt.datetime(2026, 12, 26, 9, 31, tzinfo=WITA))
    hidden_url = "/berita/2026/12/26/pengumuman-tersembunyi/"
    assert site.exists(hidden_url)  # reachable by its URL from its time …
    assert "pengumuman-tersembunyi" not in (site.output / "index.html").read_text(encoding="utf-8")  # … only
