"""Reproducible output: two builds of the same content and settings are
byte-identical, the Pagefind search index included, whatever the time zone,
the locale, the cache or the order in which the file system lists the pages.
The one input taken from the clock, "now" of the news sitemap, is pinned by
SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from distribusi import pagefind_bundle, search
from distribusi.config import source_date_epoch

from tests.conftest import ROOT, SETTINGS

WITA = ZoneInfo("Asia/Makassar")
# 2026-08-31 10:00 WITA: the day after the articles below, inside the news window.
EPOCH = str(int(dt.datetime(2026, 8, 31, 10, 0, tzinfo=WITA).timestamp()))

BUILD = """
import sys
from pathlib import Path
from portal.build import build_site
build_site(Path({settings!r}), Path(sys.argv[1]), {{"PATH": sys.argv[2], "CACHE_PATH": sys.argv[3]}})
"""


def digests(folder: Path) -> dict[str, str]:
    """Every file's SHA-256 by its path under FOLDER (modes and times are not content)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_files(one: Path, other: Path) -> None:
    a, b = digests(one), digests(other)
    only_a, only_b = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
    changed = sorted(path for path in a.keys() & b.keys() if a[path] != b[path])
    assert not (only_a or only_b or changed), (
        f"only in {one.name}: {only_a}\nonly in {other.name}: {only_b}\ndifferent: {changed}")
    assert a, "nothing was built"


def other_locale() -> str:
    """id_ID.UTF-8 when the machine has it, else another locale than C.UTF-8."""
    try:
        available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
    except OSError:
        available = []
    for wanted in ("id_ID.utf8", "id_ID.UTF-8", "en_US.utf8", "POSIX"):
        if wanted.lower().replace("utf-8", "utf8") in available:
            return wanted
    return "POSIX"


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> Path:
    """A few articles in four rubrik (so the search filter has several values), with a photo."""
    from tests.conftest import ContentFolder

    folder = ContentFolder(tmp_path_factory.mktemp("repro") / "content")
    rubrik = ["Pemerintahan", "Smart City", "Desa Digital", "Kependudukan", "Smart City", "Pemerintahan"]
    for number, name in enumerate(rubrik):
        folder.article(
            f"berita-{number}",
            body=f"Warga desa nomor {number} menerima layanan {name.lower()} baru dari pemerintah kabupaten.",
            Date=f"2026-08-30 {8 + number:02d}:05", Category=name, Tags="layanan, desa",
            **({"Image": "images/foto/contoh.jpg", "Image_caption": "Suasana layanan.",
                "Image_credit": "DISKOMINFO LOTENG/SINTO"} if number == 0 else {}),
        )
    folder.page("tentang", "Tentang Kami")
    return folder.root


def build_in_subprocess(content: Path, output: Path, cache: Path, **env: str) -> subprocess.Popen:
    script = BUILD.format(root=str(ROOT), plugins=str(ROOT / "plugins"), settings=str(SETTINGS))
    environment = {**os.environ, **env}
    return subprocess.Popen([sys.executable, "-c", script, str(output), str(content), str(cache)],
                            cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(process: subprocess.Popen) -> None:
    log, _ = process.communicate(timeout=300)
    assert process.returncode == 0, log[-3000:]


def test_builds_in_other_time_zones_locales_and_with_a_warm_cache_are_identical(small_content, tmp_path):
    cold_utc = build_in_subprocess(small_content, tmp_path / "utc", tmp_path / "cache-utc",
                                   TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8", SOURCE_DATE_EPOCH=EPOCH)
    cold_ny = build_in_subprocess(small_content, tmp_path / "new-york", tmp_path / "cache-ny",
                                  TZ="America/New_York", LC_ALL=other_locale(), LANG=other_locale(),
                                  SOURCE_DATE_EPOCH=EPOCH)
    finish(cold_utc)
    finish(cold_ny)
    assert_same_files(tmp_path / "utc", tmp_path / "new-york")
    # The news sitemap lists the articles: the window really was pinned, not empty.
    assert (tmp_path / "utc" / "sitemap-berita.xml").read_text(encoding="utf-8").count("<url>") == 6

    warm = build_in_subprocess(small_content, tmp_path / "warm", tmp_path / "cache-utc",
                               TZ="Asia/Tokyo", LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH=EPOCH)
    finish(warm)
    assert_same_files(tmp_path / "utc", tmp_path / "warm")


# --- the Pagefind step alone ---------------------------------------------------
RUBRIK = ["Pemerintahan", "Smart City", "Desa Digital", "Kependudukan", "Smart City", "Pemerintahan"]
RECORDS = [search.Record(f"/berita/2026/08/30/berita-{n}/", f"Berita {n}",
                         f"Warga desa nomor {n} menerima layanan {name.lower()} baru.", name, "2026-08-30")
           for n, name in enumerate(RUBRIK)]


def test_indexing_the_same_records_twice_in_any_order_gives_the_same_index(tmp_path):
    first = search.build_index(tmp_path / "one", "id", RECORDS, tmp_path / "cache-one")
    again = search.build_index(tmp_path / "two", "id", list(reversed(RECORDS)), tmp_path / "cache-two")
    assert first.built == again.built == ("2026-1",)
    assert_same_files(tmp_path / "one" / search.BUNDLE_DIR, tmp_path / "two" / search.BUNDLE_DIR)
    shard = tmp_path / "one" / search.BUNDLE_DIR / "2026-1"
    assert len(list((shard / "filter").glob("*.pf_filter"))) == 2  # rubrik and jenis (Berita, Pengumuman, Agenda)
    assert not (shard / "pagefind-ui.js").exists()  # widget files are not published


def test_the_canonical_filter_lists_each_rubrik_once_in_order(tmp_path):
    search.build_index(tmp_path / "site", "id", RECORDS, tmp_path / "cache")
    found = {}
    for file in (tmp_path / "site" / search.BUNDLE_DIR / "2026-1" / "filter").glob("*.pf_filter"):
        raw = gzip.decompress(file.read_bytes())
        name, values = pagefind_bundle.decode(raw[len(pagefind_bundle.SIGNATURE):])
        found[name] = values
    assert set(found) == {"rubrik", "jenis"} and [v[0] for v in found["jenis"]] == ["Berita"]
    values = found["rubrik"]
    assert [v[0] for v in values] == ["Desa Digital", "Kependudukan", "Pemerintahan", "Smart City"]
    assert sum(len(v[1]) for v in values) == 6
    # Named as Pagefind names its files: the hash of what they hold.
    assert file.stem == "id_" + pagefind_bundle.full_hash(raw[len(pagefind_bundle.SIGNATURE):])[:7]


# --- fast unit tests -------------------------------------------------------------
@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65_535, 65_536, 2**32, -1, -25, -300, "", "é rubrik",
                                   [], [["id_abc", 12], [1, [-13, 40, 2], []]]])
def test_cbor_round_trip(value):
    assert pagefind_bundle.decode(pagefind_bundle.encode(value)) == value


def test_cbor_that_pagefind_would_not_write_is_refused():
    with pytest.raises(pagefind_bundle.UnknownFormat):
        pagefind_bundle.decode(b"\x18\x05")  # 5 in a longer form than the shortest
    with pytest.raises(pagefind_bundle.UnknownFormat):
        pagefind_bundle.decode(b"\xa1\x01\x02")  # a map
    with pytest.raises(pagefind_bundle.UnknownFormat):
        pagefind_bundle.decode(b"\x82\x01")  # cut short


def test_full_hash_prints_bytes_without_zero_padding_as_pagefind_does():
    digest = hashlib.sha1(b"abc").digest()
    assert pagefind_bundle.full_hash(b"abc") == "".join(format(b, "x") for b in digest)
    assert len(pagefind_bundle.full_hash(b"abc")) < 40  # a9 99 3e 36 47 06 81 6a … has 06


def test_source_date_epoch_pins_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert source_date_epoch(WITA) == dt.datetime(2026, 8, 31, 10, 0, tzinfo=WITA)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert source_date_epoch(WITA) is None
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert source_date_epoch(WITA) is None


def test_the_news_sitemap_window_follows_source_date_epoch(content, build, monkeypatch):
    content.article("berita-baru", Date="2026-08-30 14:05")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = build(content, DISTRIBUSI_PAGEFIND=False)
    assert "berita-baru" in (site.output / "sitemap-berita.xml").read_text(encoding="utf-8")
    later = dt.datetime(2026, 9, 5, tzinfo=WITA).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later)))
    site = build(content, DISTRIBUSI_PAGEFIND=False)
    assert "berita-baru" not in (site.output / "sitemap-berita.xml").read_text(encoding="utf-8")


def test_a_source_date_epoch_that_is_no_time_fails_the_build(content, build, monkeypatch):
    from portal.build import BuildFailed

    content.article("berita-baru")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "kemarin")
    with pytest.raises(BuildFailed, match="SOURCE_DATE_EPOCH"):
        build(content, DISTRIBUSI_PAGEFIND=False)


# --- the bundle's structure is interpreted only when it is exactly 1.5.2's --------
def raw_bundle(folder: Path) -> tuple[Path, list[str]]:
    """Pagefind's own bundle of two records, not yet normalised, and their URLs in the order sent."""
    from distribusi.pagefind_service import PagefindService

    urls = ["/dua/", "/satu/"]
    with PagefindService(search.pagefind_binary(), "id") as service:
        for url in urls:
            service.add_record(url, f"warga desa {url.strip('/')}", {"title": url}, {"rubrik": [url]})
        files = service.files()
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    return folder, urls


def rewrite(path: Path, change) -> None:
    """Apply CHANGE to the structure in Pagefind file PATH and write it back under its name."""
    value = pagefind_bundle.decode(gzip.decompress(path.read_bytes())[len(pagefind_bundle.SIGNATURE):])
    change(value)
    path.write_bytes(pagefind_bundle._pack(value)[1])


def test_the_unchanged_tiny_bundle_is_normalised(tmp_path):
    bundle, urls = raw_bundle(tmp_path / "bundle")
    pagefind_bundle.normalise(bundle, urls)  # the baseline for the tests below: it is accepted as it is
    (meta,) = bundle.glob("*.pf_meta")
    value = pagefind_bundle.decode(gzip.decompress(meta.read_bytes())[len(pagefind_bundle.SIGNATURE):])
    assert value[0] == pagefind_bundle.VERSION and len(value) == 6 and value[4] == []
    assert not (bundle / "pagefind-ui.js").exists() and not (bundle / "wasm.unknown.pagefind").exists()


@pytest.mark.parametrize("change, message", [
    (lambda meta: meta.__setitem__(0, "1.5.3"), "1.5.3"),
    (lambda meta: meta.append([]), "layout"),
    (lambda meta: meta.pop(), "layout"),
    (lambda meta: meta[4].append(["tanggal", [1, 0]]), "sort keys"),
    (lambda meta: meta[1].reverse(), "order the records were added"),
], ids=["other-version", "longer", "shorter", "sorts", "pages-reordered"])
def test_a_meta_file_not_laid_out_as_pagefind_1_5_2_writes_it_is_refused(tmp_path, change, message):
    bundle, urls = raw_bundle(tmp_path / "bundle")
    (meta,) = bundle.glob("*.pf_meta")
    rewrite(meta, change)
    with pytest.raises(pagefind_bundle.UnknownFormat, match=message):
        pagefind_bundle.normalise(bundle, urls)


def test_another_pagefind_version_fails_the_index_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(pagefind_bundle, "VERSION", "1.4.0")
    with pytest.raises(search.SearchIndexFailed, match="versi pagefind-bin"):
        search.build_index(tmp_path / "site", "id", RECORDS, tmp_path / "cache")
