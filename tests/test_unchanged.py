"""A build whose inputs did not change is skipped (portal/unchanged.py), and
only then: every input, the clock and the output itself are checked."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from zoneinfo import ZoneInfo

import pytest

from portal import unchanged
from portal.build import build_site
from tests.conftest import SETTINGS, ContentFolder

FAST = {"DISTRIBUSI_PAGEFIND": False, "REKOMENDASI_HELPER": False}
WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def site(tmp_path):
    content = ContentFolder(tmp_path / "content")
    content.article("berita-satu", Title="Berita satu")
    content.article("berita-dua", Title="Berita dua", Date="2026-08-29 09:00")
    output, cache = tmp_path / "output", tmp_path / "cache"

    def build(**overrides):
        return build_site(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(cache), **FAST, **overrides})

    return content, output, cache, build


def times(folder):
    return {p.relative_to(folder): (p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.rglob("*") if p.is_file()}


def test_nothing_changed_leaves_the_output_as_it_was(site):
    content, output, cache, build = site
    assert not build().unchanged
    before = times(output)
    again = build()
    assert again.unchanged and again.seconds < 5
    assert times(output) == before  # not one file written, moved or touched


def test_an_edit_or_a_new_setting_builds_again(site):
    content, output, cache, build = site
    build()
    content.article("berita-dua", Title="Berita dua diperbarui", Date="2026-08-29 09:00")
    edited = build()
    assert not edited.unchanged
    assert "Berita dua diperbarui" in (output / "berita/2026/08/29/berita-dua/index.html").read_text()
    assert build().unchanged
    assert not build(DEFAULT_PAGINATION=5).unchanged  # settings are inputs too
    assert build(DEFAULT_PAGINATION=5).unchanged
    (content.root / "images" / "foto" / "lain.jpg").write_bytes(b"\xff\xd8")  # any file is an input, even unlinked
    assert not build(DEFAULT_PAGINATION=5).unchanged


@pytest.mark.search
def test_after_a_real_rebuild_the_next_build_with_nothing_changed_is_skipped(site):
    # The search shards are hard links to the cache: removing the previous output after a
    # rebuild changes their link count, and with it their ctime, after the signature was taken.
    # A change that leaves the articles' text alone (a setting, the theme, the code) reuses
    # the cached shards, so the output before and after the rebuild link the same files.
    content, output, cache, build = site
    build(DISTRIBUSI_PAGEFIND=True)
    assert not build(DISTRIBUSI_PAGEFIND=True, DEFAULT_PAGINATION=5).unchanged
    assert any(p.stat().st_nlink > 1 for p in (output / "pagefind").rglob("*") if p.is_file())
    assert build(DISTRIBUSI_PAGEFIND=True, DEFAULT_PAGINATION=5).unchanged
    assert build(DISTRIBUSI_PAGEFIND=True, DEFAULT_PAGINATION=5).unchanged


def test_a_changed_theme_builds_again(site, tmp_path):
    content, output, cache, build = site
    theme = tmp_path / "theme"
    shutil.copytree(SETTINGS.parent / "theme", theme)
    build(THEME=str(theme))
    assert build(THEME=str(theme)).unchanged
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text() + "<!-- ubah -->\n")
    assert not build(THEME=str(theme)).unchanged
    assert "<!-- ubah -->" in (output / "index.html").read_text()


def test_a_touched_output_or_a_damaged_record_builds_again(site):
    content, output, cache, build = site
    build()
    (output / "404.html").unlink()
    rebuilt = build()
    assert not rebuilt.unchanged and (output / "404.html").is_file()
    for damage in (b"", b"\x00" * 40, b'{"version": 1, "inputs": 5, "stale_at": "kemarin"}', b"[1, 2]"):
        (cache / unchanged.RECORD).write_bytes(damage)
        assert not build().unchanged
    record = json.loads((cache / unchanged.RECORD).read_text())
    record["warnings"] = [["terjadwal", "bukan waktu"]]
    (cache / unchanged.RECORD).write_text(json.dumps(record))
    assert not build().unchanged


def test_the_clock_makes_the_output_stale_at_the_next_scheduled_article(site):
    content, output, cache, build = site
    due = (dt.datetime.now(WITA) + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    content.article("berita-terjadwal", Title="Berita terjadwal", Date=f"{due:%Y-%m-%d %H:%M}")
    assert build().next_due == due
    assert build().unchanged  # before its time: nothing to do
    record = json.loads((cache / unchanged.RECORD).read_text())
    assert dt.datetime.fromisoformat(record["stale_at"]) == due
    skipped = build()
    assert [str(w) for w in skipped.warnings if "terjadwal" in str(w)] and skipped.next_due == due  # told again
    record["stale_at"] = (dt.datetime.now(WITA) - dt.timedelta(seconds=1)).isoformat()  # as if its time came
    (cache / unchanged.RECORD).write_text(json.dumps(record))
    assert not build().unchanged


def test_the_news_sitemap_goes_stale_when_an_article_leaves_its_window(site):
    content, output, cache, build = site
    fresh = (dt.datetime.now(WITA) - dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    content.article("berita-baru", Title="Berita baru", Date=f"{fresh:%Y-%m-%d %H:%M}")
    build()
    record = json.loads((cache / unchanged.RECORD).read_text())
    assert dt.datetime.fromisoformat(record["stale_at"]) == fresh + dt.timedelta(days=2)
    assert "berita-baru" in (output / "sitemap-berita.xml").read_text()
    fixed = build(DISTRIBUSI_NOW="2026-09-01 10:00")  # a fixed "now": the clock changes nothing
    assert json.loads((cache / unchanged.RECORD).read_text())["stale_at"] is None and not fixed.unchanged


def test_settings_values_count_by_what_they_are_not_where_they_live():
    import functools

    from halaman.window import page_window
    from jinja2 import FileSystemBytecodeCache

    class Loop:
        pass

    loop = Loop()
    loop.me = loop  # a cycle ends, it does not recurse forever
    value = {"f": page_window, "p": functools.partial(page_window, around=3), "o": FileSystemBytecodeCache("/x"),
             "s": {3, 1, 2}, "loop": loop}
    text = json.dumps(unchanged._stable(value))
    assert "0x" not in text and "halaman.window.page_window" in text and '"around": 3' in text
    assert unchanged._stable({"s": {1, 2, 3}}) == unchanged._stable({"s": {3, 2, 1}})
    assert unchanged._stable(functools.partial(page_window, around=2)) != unchanged._stable(
        functools.partial(page_window, around=3))


def test_what_a_build_reads_outside_the_folders_counts_too(site, tmp_path):
    content, output, cache, build = site
    people = tmp_path / "orang" / "people.toml"
    people.parent.mkdir()
    shutil.copy(content.root / "people.toml", people)
    build(NEWSROOM_PEOPLE_FILE=str(people))
    assert build(NEWSROOM_PEOPLE_FILE=str(people)).unchanged
    people.write_text(people.read_text() + "\n# diperbarui\n")
    assert not build(NEWSROOM_PEOPLE_FILE=str(people)).unchanged


def test_a_symlink_among_the_inputs_means_every_build_runs(site, tmp_path):
    content, output, cache, build = site
    elsewhere = tmp_path / "luar.md"
    elsewhere.write_text((content.root / "articles" / "berita-satu.md").read_text().replace("berita-satu", "luar"))
    (content.root / "articles" / "luar.md").symlink_to(elsewhere)
    build()
    assert not build().unchanged  # Pelican reads through the link: what it points at is not fingerprinted


def test_an_output_file_edited_in_place_with_its_old_time_builds_again(site):
    content, output, cache, build = site
    build()
    page = output / "404.html"
    info = page.stat()
    with open(page, "r+b") as handle:  # same size, then the old times back
        handle.write(b"X")
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert not build().unchanged
    assert not page.read_bytes().startswith(b"X")


def test_a_reused_page_edited_in_place_with_its_old_time_builds_again(site):
    """After a rebuild that reused pages, each reused page is also linked from the last site
    but one (portal/spare.py): its ctime still tells an edit by hand."""
    content, output, cache, build = site
    long = " ".join(["Warga desa mengikuti pelatihan layanan digital di kantor camat."] * 12)
    content.article("berita-dua", body=long, Title="Berita dua", Date="2026-08-29 09:00")
    build()
    # a paragraph past the summary: the other pages are reused
    content.article("berita-dua", body=long + "\n\nSatu paragraf tambahan di akhir.", Title="Berita dua",
                    Date="2026-08-29 09:00")
    assert not build().unchanged
    page = output / "404.html"
    info = page.stat()
    assert info.st_nlink == 2  # the published file, and the same file in the spare folder
    with open(page, "r+b") as handle:
        handle.write(b"X")
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert not build().unchanged
    assert not page.read_bytes().startswith(b"X")


@pytest.mark.parametrize("hashes", [[1], "x", 5, {"a": "b"}, None])
def test_a_record_with_fields_of_the_wrong_type_only_costs_a_full_build(site, hashes):
    content, output, cache, build = site
    build()
    record = json.loads((cache / unchanged.RECORD).read_text())
    record["hashes"] = hashes
    (cache / unchanged.RECORD).write_text(json.dumps(record))
    build()  # no crash; with a useless memo the files are hashed again
    assert build().unchanged
