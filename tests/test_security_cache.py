"""Caches that heal: every cache file the build reads is damaged in every way
a killed build, a bad disk or a stray edit can damage it, and the next build
must succeed with the same output as a clean one. Also: files that are not
UTF-8, folders that cannot be written, and impossible hours."""

from __future__ import annotations

import errno
import gzip
import hashlib
import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from newsroom import cache as pelican_cache  # noqa: E402
from newsroom import dates, encoding  # noqa: E402
from newsroom import plugin as newsroom_plugin  # noqa: E402
from rekomendasi.cache import FILE_NAME as TERMS_FILE  # noqa: E402
from rekomendasi.cache import TermCache  # noqa: E402
from rekomendasi.tokenize import ArticleText  # noqa: E402

import portal.build
from portal.build import BuildFailed, _swap_into_place, build_site
from tests.conftest import ROOT, SETTINGS, ContentFolder, fast_build

ARTICLES_CACHE = "ArticlesGenerator-Readers"
PAGES_CACHE = "PagesGenerator-Readers"
STAMP = "newsroom-reader.stamp"


def write_content(root: Path) -> ContentFolder:
    content = ContentFolder(root)
    content.article("mpp-sabtu", "Mal Pelayanan Publik buka hari Sabtu untuk layanan kependudukan dan perizinan.")
    content.article("mpp-antre", "Antrean daring Mal Pelayanan Publik memangkas waktu tunggu layanan perizinan.",
                    Image="images/foto/contoh.jpg", Image_caption="Warga antre.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    content.article("pupuk", "Petani menebus pupuk subsidi di kios resmi desa. Harga eceran tertinggi dipasang.")
    content.page("tentang", "Tentang Kami", "Portal berita Diskominfo.")
    return content


def files_of(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """One clean build: its content, its cache folder and every output file."""
    base = tmp_path_factory.mktemp("clean")
    content = write_content(base / "content")
    fast_build(SETTINGS, base / "output", {"PATH": str(content.root), "CACHE_PATH": str(base / "cache")}, pool=None)
    return content, base / "cache", files_of(base / "output")


def rebuild(clean, tmp_path, damage_file: str, damage):
    """Copy the clean build's cache, damage one file, build again; (result, output files, cache folder)."""
    content, cache, _ = clean
    copy = tmp_path / "cache"
    shutil.copytree(cache, copy)
    target = copy / damage_file
    target.write_bytes(damage(target.read_bytes()))
    result = fast_build(SETTINGS, tmp_path / "output", {"PATH": str(content.root), "CACHE_PATH": str(copy)}, pool=None)
    return result, files_of(tmp_path / "output"), copy


def flip_middle(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1:]


BINARY_DAMAGE = {
    "empty": lambda raw: b"",
    "half": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: os.urandom(len(raw)),
    "one-byte-flipped": flip_middle,
}


# --- Pelican's reader cache ------------------------------------------------------

@pytest.mark.parametrize("damage", BINARY_DAMAGE)
@pytest.mark.parametrize("cache_file", [ARTICLES_CACHE, PAGES_CACHE])
def test_a_damaged_pelican_cache_is_dropped_with_a_warning(clean, tmp_path, cache_file, damage):
    result, output, cache = rebuild(clean, tmp_path, cache_file, BINARY_DAMAGE[damage])
    assert output == clean[2]
    warning = next(w for w in result.warnings if w.startswith("cache Pelican"))
    assert f"cache Pelican {cache / cache_file} rusak atau tidak terbaca (" in warning
    assert warning.endswith("cache ini dibuang dan dibangun ulang dari konten")
    assert pelican_cache.load(cache / cache_file, gzip.open), "the build wrote a good cache again"


@pytest.mark.site
def test_the_generator_layer_caches_heal_too(tmp_path):
    """CONTENT_CACHING_LAYER = "generator" keeps two other pickles; they go through the same loader."""
    content = write_content(tmp_path / "content")
    settings = {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"), "CONTENT_CACHING_LAYER": "generator"}
    fast_build(SETTINGS, tmp_path / "first", settings, pool=None)
    for name in ("ArticlesGenerator", "PagesGenerator"):
        cached = tmp_path / "cache" / name
        cached.write_bytes(cached.read_bytes()[:100])
    result = fast_build(SETTINGS, tmp_path / "second", settings, pool=None)
    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")
    assert f"cache Pelican {tmp_path / 'cache' / 'PagesGenerator'} rusak atau tidak terbaca (terpotong); cache ini " \
        "dibuang dan dibangun ulang dari konten" in result.warnings


def test_a_cache_in_pelicans_plain_format_is_not_trusted(clean, tmp_path):
    """A readable pickle without the header and hash (here: one whose article
    text was changed) is dropped; its text never reaches a page."""
    def poison(raw: bytes) -> bytes:
        data = pelican_cache.decode(gzip.decompress(raw))
        for path, (stamp, (body, metadata)) in data.items():
            data[path] = (stamp, (body.replace("Petani", "DIRACUNI"), metadata))
        return gzip.compress(pickle.dumps(data))

    result, output, _ = rebuild(clean, tmp_path, ARTICLES_CACHE, poison)
    assert output == clean[2]
    assert not any(b"DIRACUNI" in data for data in output.values())
    assert any("bukan format cache ini" in w for w in result.warnings)


def test_a_valid_cache_is_used(clean, tmp_path, monkeypatch):
    from newsroom.reader import NewsroomMarkdownReader

    reads = []
    original = NewsroomMarkdownReader.read
    monkeypatch.setattr(NewsroomMarkdownReader, "read", lambda self, path: reads.append(path) or original(self, path))
    result, output, _ = rebuild(clean, tmp_path, STAMP, lambda raw: raw)
    assert output == clean[2] and reads == [] and result.warnings == []


@pytest.mark.site
def test_plain_pelican_run_survives_an_empty_cache(tmp_path):
    """The plugin heals the cache for `pelican content` too, not only for invoke build."""
    content = write_content(tmp_path / "content")
    command = [sys.executable, "-m", "pelican", str(content.root), "-s", str(SETTINGS), "-o", str(tmp_path / "out"),
               "--cache-path", str(tmp_path / "cache"), "-q"]
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    (tmp_path / "cache" / ARTICLES_CACHE).write_bytes(b"")
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "out" / "berita/2026/08/30/pupuk/index.html").is_file()


# --- how Pelican's cache is written -------------------------------------------------

def cacher(tmp_path, data, gzip_cache=True):
    from pelican.cache import FileDataCacher
    from pelican.settings import DEFAULT_CONFIG

    pelican_cache.install()
    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "GZIP_CACHE": gzip_cache}
    store = FileDataCacher(settings, "Test-Readers", True, True)
    store._cache = data
    return store


@pytest.mark.parametrize("gzip_cache", [True, False])
def test_pelican_cache_round_trips_and_is_written_through_a_temporary_file(tmp_path, monkeypatch, gzip_cache):
    store = cacher(tmp_path, {"a.md": (b"stamp", ("<p>isi</p>", {"title": "A"}))}, gzip_cache)
    renamed = []
    real_replace = os.replace
    monkeypatch.setattr(pelican_cache.os, "replace", lambda a, b: renamed.append((a, b)) or real_replace(a, b))
    store.save_cache()
    [(temporary, final)] = renamed
    assert Path(temporary).parent == tmp_path and Path(final) == tmp_path / "Test-Readers"
    from pelican.cache import FileDataCacher
    from pelican.settings import DEFAULT_CONFIG

    settings = {**DEFAULT_CONFIG, "CACHE_PATH": str(tmp_path), "GZIP_CACHE": gzip_cache}
    loaded = FileDataCacher(settings, "Test-Readers", True, True)
    assert loaded._cache == {"a.md": (b"stamp", ("<p>isi</p>", {"title": "A"}))}


def test_a_save_killed_halfway_leaves_the_old_cache(tmp_path, monkeypatch):
    store = cacher(tmp_path, {"a.md": (b"1", ("lama", {}))})
    store.save_cache()
    before = (tmp_path / "Test-Readers").read_bytes()

    class Killed(BaseException):
        pass

    def half_then_die(path, mode):
        handle = gzip.open(path, mode)
        real_write = handle.write

        def write(data):
            real_write(data[: len(data) // 2])
            raise Killed

        handle.write = write
        return handle

    store._cache = {"a.md": (b"2", ("baru" * 1000, {}))}
    store._cache_open = half_then_die
    with pytest.raises(Killed):
        store.save_cache()
    assert (tmp_path / "Test-Readers").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["Test-Readers"], "no temporary file is left behind"


def test_an_unpicklable_cache_is_not_saved_and_the_old_one_stays(tmp_path, caplog):
    store = cacher(tmp_path, {"a.md": (b"1", ("lama", {}))})
    store.save_cache()
    before = (tmp_path / "Test-Readers").read_bytes()
    store._cache = {"a.md": (b"2", (lambda: None, {}))}
    with caplog.at_level(logging.WARNING):
        store.save_cache()
    assert (tmp_path / "Test-Readers").read_bytes() == before
    assert "tidak bisa disimpan" in caplog.text


@pytest.mark.parametrize(("raw", "reason"), [
    (b"", "berkas kosong (0 byte)"),
    (pickle.dumps({}), "bukan format cache ini"),
    (pelican_cache.encode({"a": (1, 2)})[:-3], "tidak cocok dengan SHA-256-nya"),
    (pelican_cache.HEADER + hashlib.sha256(b"x").digest() + b"x", "tidak bisa dibuka (UnpicklingError)"),
    (pelican_cache.encode({"a": "bukan pasangan"}), "bukan daftar (stempel, data)"),
    (pelican_cache.encode(["bukan", "dict"]), "bukan daftar (stempel, data)"),
])
def test_decode_names_what_is_wrong(raw, reason):
    with pytest.raises(pelican_cache.CacheDamaged, match=reason.replace("(", r"\(").replace(")", r"\)")):
        pelican_cache.decode(raw)


# --- the reader-code stamp -------------------------------------------------------------

STAMP_DAMAGE = {
    "empty": lambda raw: b"",
    "half": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: os.urandom(64),
    "latin-1": lambda raw: "stempel lama, dibuat di Windows: café".encode("latin-1"),
    "utf-16": lambda raw: raw.decode("ascii").encode("utf-16"),
}


@pytest.mark.parametrize("damage", STAMP_DAMAGE)
def test_a_damaged_stamp_costs_one_full_read(clean, tmp_path, damage):
    result, output, cache = rebuild(clean, tmp_path, STAMP, STAMP_DAMAGE[damage])
    assert output == clean[2]
    assert f"stempel cache {cache / STAMP} rusak; semua berkas konten dibaca ulang dan stempelnya ditulis lagi" \
        in result.warnings
    # the stamp written again: this code's hash, then the hash of the trusted embeds
    code, embeds = (cache / STAMP).read_bytes().split(b" ")
    assert code == newsroom_plugin._reader_code_stamp().encode() and len(embeds) == 64


def test_a_stamp_that_cannot_be_written_is_a_warning(tmp_path, caplog):
    class Pelican:
        settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "a-file")}

    (tmp_path / "a-file").write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        newsroom_plugin.remember_reader_code(Pelican)
    assert f"stempel cache {tmp_path / 'a-file' / STAMP} tidak bisa ditulis" in caplog.text


# --- the rekomendasi term cache ------------------------------------------------------

@pytest.mark.parametrize("damage", BINARY_DAMAGE)
def test_a_damaged_term_cache_costs_a_retokenising(clean, tmp_path, damage):
    from rekomendasi.plugin import CONTEXT_KEY

    result, output, cache = rebuild(clean, tmp_path, TERMS_FILE, BINARY_DAMAGE[damage])
    assert output == clean[2]
    assert result.context[CONTEXT_KEY].tokenised == 3
    assert any(w.startswith(f"rekomendasi: cache {cache / TERMS_FILE} rusak (") for w in result.warnings)
    assert (cache / TERMS_FILE).read_bytes() == (clean[1] / TERMS_FILE).read_bytes()


ARTICLES = [ArticleText("Pupuk subsidi", "", "Petani menebus pupuk.", ""),
            ArticleText("MPP", "", "Layanan perizinan buka Sabtu.", "")]


def saved_term_cache(folder: Path) -> Path:
    first = TermCache(folder)
    first.terms_of_all(ARTICLES, False)
    first.save()
    return folder / TERMS_FILE


@pytest.mark.parametrize("damage", [*BINARY_DAMAGE, "zeros"])
def test_term_cache_unit_each_damage_warns_and_retokenises(tmp_path, caplog, damage):
    file = saved_term_cache(tmp_path)
    good = file.read_bytes()
    file.write_bytes(bytes(len(good)) if damage == "zeros" else BINARY_DAMAGE[damage](good))
    with caplog.at_level(logging.WARNING, logger="rekomendasi.cache"):
        again = TermCache(tmp_path)
        again.terms_of_all(ARTICLES, False)
    assert again.tokenised == 2
    assert f"rekomendasi: cache {file} rusak (" in caplog.text
    again.save()
    assert file.read_bytes() == good


def test_term_cache_of_an_older_version_is_quietly_replaced(tmp_path, caplog):
    file = saved_term_cache(tmp_path)
    file.write_bytes(file.read_bytes().replace(b"rekomendasi-terms 6\n", b"rekomendasi-terms 5\n", 1))
    with caplog.at_level(logging.WARNING, logger="rekomendasi.cache"):
        again = TermCache(tmp_path)
        again.terms_of_all(ARTICLES, False)
    assert again.tokenised == 2 and caplog.text == ""


def test_term_cache_save_is_atomic(tmp_path, monkeypatch):
    file = saved_term_cache(tmp_path)
    good = file.read_bytes()
    changed = TermCache(tmp_path)
    changed.terms_of_all([ArticleText("Baru", "", "Berita baru.", "")], False)
    monkeypatch.setattr("rekomendasi.cache.os.replace", lambda a, b: (_ for _ in ()).throw(OSError(errno.ENOSPC, "")))
    changed.save()
    assert file.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == [TERMS_FILE]


# --- a content file that is not UTF-8 ---------------------------------------------------

def test_encoding_names_line_column_and_byte():
    raw = "\ufeffJudul: Kafé\nIsi: ünik ".encode() + b"caf\xe9\n"
    text, where = encoding.decode(raw)
    assert (where.line, where.column, where.offset, where.byte) == (2, 14, len(raw) - 2, 0xE9)
    assert text.endswith("café\n") and not text.startswith("\ufeff")
    assert where.message == (f"bukan teks UTF-8: byte 0xE9 di baris 2, kolom 14 (byte ke-{len(raw) - 1}) tidak "
                             "terbaca, mungkin huruf 'é' dari pengodean lain (Latin-1/Windows-1252)")
    assert encoding.decode("\ufeffbaik ü".encode()) == ("baik ü", None)


def test_a_latin1_article_is_a_problem_with_its_line_and_the_fix(content, build):
    bad = content.article("kafe", body="Warga menikmati kopi.\n\nKopi di Café Praya enak.")
    bad.write_bytes(bad.read_text(encoding="utf-8").encode("latin-1"))
    content.article("tanpa-penulis", Author=None)
    with pytest.raises(BuildFailed) as failed:
        build(content)
    offset = bad.read_bytes().index(b"\xe9") + 1
    assert failed.value.problems == [
        f"articles/kafe.md:10: Berkas: bukan teks UTF-8: byte 0xE9 di baris 10, kolom 12 (byte ke-{offset}) "
        "tidak terbaca, mungkin huruf 'é' dari pengodean lain (Latin-1/Windows-1252). Perbaikan: simpan ulang "
        "berkas sebagai UTF-8 (di editor teks: Simpan Sebagai/Save As, pilih Encoding UTF-8), lalu periksa huruf "
        "di baris itu",
        "articles/tanpa-penulis.md: Penulis: wajib diisi tetapi tidak ada. Perbaikan: tambahkan baris "
        "`Penulis: …` (nama di content/people.toml dengan peran penulis) di header",
    ]


def test_a_latin1_people_file_is_a_problem(content, build):
    people = content.root / "people.toml"
    people.write_bytes(people.read_text(encoding="utf-8").replace("Redaktur.", "Redaktur senior, Praya é.")
                       .encode("latin-1"))
    content.article("berita")
    with pytest.raises(BuildFailed) as failed:
        build(content)
    [problem] = failed.value.problems
    assert problem.startswith("people.toml:18: Berkas: bukan teks UTF-8: byte 0xE9 di baris 18, kolom ")
    assert problem.endswith("Perbaikan: " + encoding.FIX)


# --- folders that cannot be written --------------------------------------------------------

def old_site(content, tmp_path) -> tuple[Path, dict]:
    output = tmp_path / "site" / "output"
    fast_build(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache")}, pool=None)
    return output, files_of(output)


def test_an_output_folder_that_cannot_be_created_is_named(content, tmp_path):
    content.article("berita")
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(BuildFailed) as failed:
        build_site(SETTINGS, blocker / "output", {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "c")})
    assert failed.value.problems == [
        f"folder output {blocker} tidak bisa ditulis (sebagian jalurnya adalah berkas, bukan folder). "
        "Perbaikan: beri izin tulis pada folder itu, kosongkan ruang disk, atau pilih folder lain (OUTPUT_PATH "
        "di pengaturan)"]


def test_a_cache_folder_that_cannot_be_written_fails_before_anything_changes(content, tmp_path):
    content.article("berita")
    output, before = old_site(content, tmp_path)
    blocker = tmp_path / "cache-file"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(BuildFailed) as failed:
        build_site(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(blocker / "pelican")})
    assert failed.value.problems == [
        f"folder cache {blocker / 'pelican'} tidak bisa dipakai: {blocker} adalah berkas, bukan folder. "
        f"Perbaikan: hapus berkas {blocker} atau pilih folder lain (CACHE_PATH di pengaturan)"]
    assert files_of(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"], "no staging folder is left"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into a read-only folder; the tests below make the disk refuse instead")
def test_a_read_only_output_folder_is_named(content, tmp_path):
    content.article("berita")
    output, before = old_site(content, tmp_path)
    output.parent.chmod(0o555)
    try:
        with pytest.raises(BuildFailed) as failed:
            build_site(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache")})
    finally:
        output.parent.chmod(0o755)
    assert failed.value.problems[0].startswith(f"folder output {output.parent} tidak bisa ditulis (tidak ada izin")
    assert files_of(output) == before


def test_a_disk_that_turns_read_only_during_the_build_is_named(content, tmp_path, monkeypatch):
    from pelican.writers import Writer

    content.article("berita")
    output, before = old_site(content, tmp_path)
    content.article("berita-lain")

    def read_only(self, name, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", os.path.join(self.output_path, name))

    monkeypatch.setattr(Writer, "write_file", read_only)
    with pytest.raises(BuildFailed) as failed:
        build_site(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache")})
    assert f"folder output {output.parent} tidak bisa ditulis (disknya hanya-baca)." in failed.value.problems[-1]
    assert files_of(output) == before
    # no staging folder left but the failed build's, kept as the next build's folder (portal/spare.py)
    assert sorted(p.name for p in output.parent.iterdir()) == [".output.spare", "output"]


def test_a_swap_that_fails_puts_the_old_site_back(tmp_path, monkeypatch):
    old, new = tmp_path / "output", tmp_path / "staging"
    old.mkdir()
    (old / "index.html").write_text("lama")
    new.mkdir()
    (new / "index.html").write_text("baru")
    real_rename = Path.rename

    def rename(self, target):
        if self == new:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_rename(self, target)

    def unsupported(a, b):  # the two-rename fallback, where the kernel has no rename-exchange
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(portal.build, "exchange", unsupported)
    with pytest.raises(OSError):
        _swap_into_place(new, old)
    assert (old / "index.html").read_text() == "lama"


def test_an_exchange_that_fails_leaves_the_old_site(tmp_path, monkeypatch):
    old, new = tmp_path / "output", tmp_path / "staging"
    for folder, text in ((old, "lama"), (new, "baru")):
        folder.mkdir()
        (folder / "index.html").write_text(text)

    def read_only(a, b):
        raise OSError(errno.EROFS, "Read-only file system", str(a))

    monkeypatch.setattr(portal.build, "exchange", read_only)
    with pytest.raises(OSError):
        _swap_into_place(new, old)
    assert (old / "index.html").read_text() == "lama"


# --- impossible dates and hours ---------------------------------------------------------

@pytest.mark.parametrize(("value", "reason"), [
    ("2026-08-30 25:00", "jam 25 tidak ada; jam 00–23, menit 00–59"),
    ("2026-08-30 24:00", "jam 24 tidak ada; jam 00–23, menit 00–59"),
    ("2026-08-30 14:60", "menit 60 tidak ada; jam 00–23, menit 00–59"),
    ("2026-08-30 14:05:61", "detik 61 tidak ada; jam 00–23, menit 00–59, detik 00–59"),
    ("2026-02-30 10:00", "tanggal tidak ada di kalender"),
    ("2026-13-01", "tanggal tidak ada di kalender"),
    ("30-08-2026", "format tidak dikenali"),
])
def test_parse_strict_says_what_is_impossible(value, reason):
    with pytest.raises(ValueError) as error:
        dates.parse_strict(value)
    assert str(error.value) == reason


def test_hour_25_is_an_impossible_time_not_an_impossible_day(content, build):
    content.article("jam-salah", Date="2026-08-30 25:00")
    with pytest.raises(BuildFailed) as failed:
        build(content)
    assert failed.value.problems == [
        "articles/jam-salah.md:3: Date: tanggal '2026-08-30 25:00' tidak valid (jam 25 tidak ada; jam 00–23, "
        "menit 00–59). Perbaikan: tulis seperti 2026-08-30 14:05 (tahun-bulan-tanggal jam:menit, WITA)"]


# --- a cache folder replaced by a file ------------------------------------------------------

@pytest.fixture(scope="module")
def with_body_photo(tmp_path_factory):
    """A clean build whose cache has every folder the image cache makes (renditions, verdicts, body copies)."""
    base = tmp_path_factory.mktemp("folders")
    content = ContentFolder(base / "content")
    content.article("foto", "Paragraf.\n\n![Foto isi]({static}/images/foto/contoh.jpg)", Image="images/foto/contoh.jpg",
                    Image_caption="Warga antre.", Image_credit="DISKOMINFO LOTENG/SINTO")
    fast_build(SETTINGS, base / "output", {"PATH": str(content.root), "CACHE_PATH": str(base / "cache")}, pool=None)
    return content, base / "cache", files_of(base / "output")


@pytest.mark.parametrize("folder", ["gambar", "gambar/salinan", "gambar/periksa", "gambar/images/r", "distribusi"])
@pytest.mark.parametrize("how", ["file", "broken symlink"])
def test_a_cache_folder_replaced_by_a_file_is_removed_with_a_warning(with_body_photo, tmp_path, folder, how):
    content, cache, clean_files = with_body_photo
    copy = tmp_path / "cache"
    shutil.copytree(cache, copy)
    shutil.rmtree(copy / folder)
    if how == "file":
        (copy / folder).write_text("x")
    else:
        (copy / folder).symlink_to(tmp_path / "hilang")
    result = fast_build(SETTINGS, tmp_path / "output", {"PATH": str(content.root), "CACHE_PATH": str(copy)}, pool=None)
    assert files_of(tmp_path / "output") == clean_files
    assert (copy / folder).is_dir() and not (copy / folder).is_symlink()
    assert f"cache: {copy / folder} seharusnya folder tetapi berupa berkas; berkas itu dihapus dan isinya " \
           "dibuat ulang" in result.warnings


def test_a_cache_root_that_is_a_file_names_it_and_suggests_invoke_clean(tmp_path, monkeypatch):
    monkeypatch.setattr(portal.build, "PROJECT_ROOT", tmp_path)
    (tmp_path / ".cache").mkdir()
    blocker = tmp_path / ".cache" / "pelican"
    blocker.write_text("x")
    problem = portal.build.not_writable("cache", blocker / "sub", FileExistsError(errno.EEXIST, "File exists",
                                                                                  str(blocker / "sub")))
    assert problem == (f"folder cache {blocker / 'sub'} tidak bisa dipakai: {blocker} adalah berkas, bukan folder. "
                       "Perbaikan: jalankan `invoke clean` (menghapus seluruh cache; build berikutnya membuatnya lagi)")


def test_a_source_files_stamp_is_hashed_once_per_cache_and_taken_before_it_is_read(tmp_path):
    """Pelican asks each cache for a file's stamp at its look-up and again at its store; the
    file is hashed once (newsroom.cache), and an edit made in between is not taken for the
    stamp of what was read, so the next build reads the file again."""
    from pelican.cache import FileStampDataCacher

    pelican_cache.install()
    source = tmp_path / "berita.md"
    source.write_text("Judul: Satu\n\nIsi pertama.\n", encoding="utf-8")
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CHECK_MODIFIED_METHOD": "sha256", "GZIP_CACHE": False}
    first = FileStampDataCacher(settings, "contoh", True, False)
    before = first._get_file_stamp(str(source))
    source.write_text("Judul: Satu\n\nIsi yang diubah saat build berjalan.\n", encoding="utf-8")
    assert first._get_file_stamp(str(source)) == before  # the stamp of the file as it was read
    assert FileStampDataCacher(settings, "contoh", True, False)._get_file_stamp(str(source)) != before
