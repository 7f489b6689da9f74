"""Safe by default, for files: only what a reader may see is published, every
published image is stripped of its metadata, photo paths stay inside
content/images, damaged image caches heal, and oversized or broken photos
are refused with a message an editor can act on (issue 11)."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import feedparser
import pytest
from gambar import cachefile  # noqa: E402
from gambar.linked import Link, keep_static, links_in  # noqa: E402
from gambar.photos import PhotoLibrary, PhotoOutside, PhotoTooLarge, PhotoUnreadable  # noqa: E402
from PIL import Image

from portal.build import BuildFailed
from portal.check import check_content
from tests.conftest import SETTINGS

CAPTION = {"Image_caption": "Warga antre di Praya.", "Image_credit": "DISKOMINFO LOTENG/SINTO"}
GPS = (-8.7051, 116.2707)


# --- helpers ------------------------------------------------------------------
def private_jpeg(path: Path, size=(1600, 900), orientation: int = 1) -> Path:
    """A JPEG as a phone writes it: EXIF with GPS, camera serial and
    orientation, XMP, a comment and a colour profile."""
    exif = Image.Exif()
    exif[0x010F] = "Telepon"  # Make
    exif[0xA431] = "SN-123456"  # BodySerialNumber
    exif[0x0112] = orientation
    exif.get_ifd(0x8825).update({1: "S", 2: (8.0, 42.0, 18.0), 3: "E", 4: (116.0, 16.0, 14.0)})
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/><photoshop:History>edit</photoshop:History></x:xmpmeta>'
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (90, 120, 150)).save(path, "JPEG", exif=exif, xmp=xmp, comment=b"lokasi rahasia",
                                                icc_profile=icc)
    with Image.open(path) as check:  # the fixture really carries what we strip
        assert check.getexif().get_ifd(0x8825) and "xmp" in check.info and "comment" in check.info
    return path


def huge_png(path: Path, width: int = 20000, height: int = 20000) -> Path:
    """A PNG whose header says WIDTH x HEIGHT: what Pillow's bomb check reads."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def check_errors(content, **overrides) -> list[str]:
    errors, _ = check_content(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(content.root.parent / "c"),
                                         **overrides})
    return errors


def published_images(site) -> list[Path]:
    return [p for p in site.output.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif")
            and "pagefind" not in p.parts and "theme" not in p.relative_to(site.output).parts[:1]]


def assert_no_metadata(file: Path) -> None:
    with Image.open(file) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825), f"{file}: GPS"
        assert 0xA431 not in exif and 0x010F not in exif, f"{file}: camera"
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop"):
            assert key not in image.info, f"{file}: {key}"
        assert b"rahasia" not in file.read_bytes() and b"SN-123456" not in file.read_bytes()


# --- fast: cache files ----------------------------------------------------------
DAMAGE = {
    "kosong": lambda data: b"",
    "terpotong": lambda data: data[: len(data) // 2],
    "sampah": lambda data: bytes((b * 7 + 13) % 256 for b in data),  # same size, other bytes
}


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_cache_file_reads_as_damaged(tmp_path, how):
    target = tmp_path / "images" / "r" / "foto-640.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), (1, 2, 3)).save(buffer, "JPEG")
    cachefile.write_bytes(target, buffer.getvalue())
    assert cachefile.is_intact(target) and cachefile.read_intact(target) == buffer.getvalue()
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([target.name, cachefile.sidecar(target).name])
    target.write_bytes(DAMAGE[how](buffer.getvalue()))
    assert not cachefile.is_intact(target) and cachefile.read_intact(target) is None


def test_a_cache_file_without_its_sidecar_or_with_a_garbage_one_is_not_trusted(tmp_path):
    target = tmp_path / "logo.png"
    cachefile.write_bytes(target, b"png bytes")
    cachefile.sidecar(target).write_bytes(b"\xff\xfe garbage")
    assert not cachefile.is_intact(target)
    cachefile.sidecar(target).unlink()
    assert not cachefile.is_intact(target)


def test_a_failed_cache_write_leaves_nothing_behind(tmp_path):
    def broken(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        cachefile.write(tmp_path / "a.jpg", broken)
    assert list(tmp_path.iterdir()) == []


def _cached_jpeg(target: Path, size=(64, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (1, 2, 3)).save(buffer, "JPEG")
    cachefile.write_bytes(target, buffer.getvalue())
    return buffer.getvalue()


def test_a_file_where_a_cache_folder_should_be_is_removed_but_never_the_root(tmp_path, caplog):
    root = tmp_path / "cache"
    (root / "a").mkdir(parents=True)
    (root / "a" / "b").write_text("x")
    cachefile.write_bytes(root / "a" / "b" / "c" / "d.json", b"{}", root)
    assert cachefile.read_intact(root / "a" / "b" / "c" / "d.json") == b"{}"
    assert "cache: " + str(root / "a" / "b") + " seharusnya folder" in caplog.text
    outside = tmp_path / "bukan-cache"
    outside.write_text("x")
    with pytest.raises(NotADirectoryError) as refused:
        cachefile.write_bytes(outside / "d.json", b"{}", outside)
    assert refused.value.filename == str(outside) and outside.read_text() == "x"


def test_a_symlink_with_a_matching_sidecar_is_not_trusted_nor_published(tmp_path):
    secret = tmp_path / "hostname"
    secret.write_bytes(b"server-kantor\n")
    target = tmp_path / "cache" / "foto-640.jpg"
    cachefile.write_bytes(target, secret.read_bytes())  # a sidecar that matches the secret's bytes
    target.unlink()
    target.symlink_to(secret)
    assert not cachefile.is_intact(target) and cachefile.read_intact(target) is None
    with pytest.raises(OSError):
        cachefile.publish(target, tmp_path / "output" / "foto-640.jpg")
    assert not (tmp_path / "output" / "foto-640.jpg").exists()


def test_a_symlinked_sidecar_is_not_trusted(tmp_path):
    target = tmp_path / "foto.jpg"
    _cached_jpeg(target)
    real = tmp_path / "elsewhere.sum"
    cachefile.sidecar(target).rename(real)
    cachefile.sidecar(target).symlink_to(real)
    assert not cachefile.is_intact(target)


def test_a_cached_image_must_have_the_expected_format_and_size(tmp_path):
    target = tmp_path / "foto-64.jpg"
    _cached_jpeg(target, (64, 32))
    assert cachefile.is_intact(target, ("JPEG", (64, 32)))
    assert not cachefile.is_intact(target, ("JPEG", (640, 320)))
    assert not cachefile.is_intact(target, ("WEBP", (64, 32)))
    assert cachefile.is_intact(target, ("JPEG", (64, 32)))  # remembered, and still right


def test_publish_copies_the_verified_file_and_refuses_one_changed_since(tmp_path):
    target = tmp_path / "cache" / "foto.jpg"
    data = _cached_jpeg(target)
    assert cachefile.is_intact(target, ("JPEG", (64, 32)))
    cachefile.publish(target, tmp_path / "out" / "foto.jpg")
    assert (tmp_path / "out" / "foto.jpg").read_bytes() == data
    target.write_bytes(data[:-10] + b"x" * 10)  # same size, other bytes, after it was verified
    with pytest.raises(cachefile.ChangedDuringBuild):
        cachefile.publish(target, tmp_path / "out" / "lagi.jpg")


# --- fast: where photos may be --------------------------------------------------
@pytest.fixture
def library(tmp_path) -> PhotoLibrary:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    Image.new("RGB", (40, 30)).save(content / "images" / "ok.jpg")
    Image.new("RGB", (40, 30)).save(tmp_path / "rahasia.jpg")
    (content / "people.toml").write_text("[[person]]\n", encoding="utf-8")
    (content / "images" / "tautan.jpg").symlink_to(tmp_path / "rahasia.jpg")
    (content / "images" / "tautan-dalam.jpg").symlink_to(content / "images" / "ok.jpg")
    (content / "images" / "folder-luar").symlink_to(tmp_path)
    return PhotoLibrary(content, tmp_path / "cache")


def test_photo_paths_inside_content_images_are_found(library):
    assert library.find("images/ok.jpg").name == "ok.jpg"
    assert library.find("/images/ok.jpg").name == "ok.jpg"  # "/" = the content folder, as in {static}/
    assert library.find("images/tautan-dalam.jpg").name == "ok.jpg"  # a symlink that stays inside


@pytest.mark.parametrize("path, says", [
    ("../rahasia.jpg", "berada di luar content/images"),
    ("images/../../rahasia.jpg", "berada di luar content/images"),
    ("people.toml", "berada di luar content/images"),
    ("/etc/passwd", "berada di luar content/images"),
    ("images/tautan.jpg", "tautan (symlink) ke luar content/images"),
    ("images/folder-luar/rahasia.jpg", "tautan (symlink) ke luar content/images"),
])
def test_photo_paths_that_leave_content_images_are_refused(library, path, says):
    with pytest.raises(PhotoOutside) as refused:
        library.find(path)
    assert says in refused.value.message and "content/images" in refused.value.fix


def test_an_absolute_path_is_refused_even_when_the_file_exists(library, tmp_path):
    with pytest.raises(PhotoOutside):
        library.find(str(tmp_path / "rahasia.jpg"))


def test_body_links_are_read_from_the_html():
    html = ('<p><img alt="a" src="{static}/images/foto/a.jpg"> <img src="/images/b%20c.png">'
            '<a href="{attach}x.pdf">x</a> <img src="https://example.org/images/d.jpg">'
            "<img src='{static}../../rahasia.jpg'></p>")
    assert links_in(html, "articles") == [
        Link("{static}/images/foto/a.jpg", "images/foto/a.jpg"),
        Link("/images/b%20c.png", "images/b c.png", "site"),
        Link("{attach}x.pdf", "articles/x.pdf", "attach"),
        Link("{static}../../rahasia.jpg", "../rahasia.jpg"),
    ]


def test_pelican_copies_no_image_and_nothing_unlinked(tmp_path):
    (tmp_path / "images").mkdir()
    assert not keep_static("images/foto.jpg", tmp_path, ["images"])
    assert not keep_static("images/surat.pdf", tmp_path, [])  # a linked document is refused by check_link
    assert keep_static("extra/robots.txt", tmp_path, ["extra/robots.txt"])
    assert not keep_static("../luar.pdf", tmp_path, ["../luar.pdf"])


# --- fast: big and broken photos ------------------------------------------------
def test_a_decompression_bomb_is_refused_in_indonesian(tmp_path):
    library = PhotoLibrary(tmp_path, max_pixels=50_000_000)
    with pytest.raises(PhotoTooLarge) as refused:
        library.inspect(huge_png(tmp_path / "images" / "bom.png"), "images/bom.png")
    assert refused.value.message == ("foto images/bom.png berukuran 20000×20000 piksel (400 megapiksel), "
                                     "melebihi batas 50 megapiksel (GAMBAR_MAX_PIXELS)")
    assert "perkecil foto" in refused.value.fix


def test_a_truncated_photo_is_unreadable_and_a_good_verdict_is_remembered(tmp_path):
    photo = tmp_path / "images" / "a.jpg"
    photo.parent.mkdir()
    Image.new("RGB", (800, 600), (200, 60, 60)).save(photo, quality=95)
    good = photo.read_bytes()
    photo.write_bytes(good[: len(good) - 200])
    with pytest.raises(PhotoUnreadable) as refused:
        PhotoLibrary(tmp_path, tmp_path / "cache").inspect(photo, "images/a.jpg")
    assert "terpotong" in refused.value.message and "truncated" not in str(refused.value)

    photo.write_bytes(good)
    assert PhotoLibrary(tmp_path, tmp_path / "cache").inspect(photo).size == (800, 600)
    verdicts = list((tmp_path / "cache" / "periksa").glob("*.json"))
    assert len(verdicts) == 1
    verdicts[0].write_bytes(b'{"version": "x", "width": 1}')  # a damaged verdict is recomputed
    assert PhotoLibrary(tmp_path, tmp_path / "cache").inspect(photo).size == (800, 600)


# --- builds: publish only what a reader may see -----------------------------------
def test_only_photos_of_pages_a_reader_can_open_are_published(content, build, tmp_path):
    photos = {}
    for name in ("terbit", "draf", "embargo", "tersembunyi", "isi", "isi-draf", "isi-embargo", "lepas"):
        photos[name] = private_jpeg(content.root / "images" / "foto" / f"{name}.jpg")
    Image.new("RGBA", (800, 400), (0, 120, 0, 128)).save(content.root / "images" / "foto" / "bagan.png")
    body = "Paragraf.\n\n![Foto isi]({static}/images/foto/isi.jpg)\n\n![Bagan](/images/foto/bagan.png)"
    content.article("terbit", body, Image="images/foto/terbit.jpg", **CAPTION)
    content.article("draf", "Paragraf.\n\n![Foto]({static}/images/foto/isi-draf.jpg)", Status="draft",
                    Image="images/foto/draf.jpg", **CAPTION)
    content.article("embargo", "Paragraf.\n\n![Foto]({static}/images/foto/isi-embargo.jpg)", Date="2099-01-01 08:00",
                    Image="images/foto/embargo.jpg", **CAPTION)
    content.article("tersembunyi", Status="hidden", Image="images/foto/tersembunyi.jpg", **CAPTION)
    private_jpeg(content.root / "images" / "kantor.jpg")
    content.page("kontak", "Kontak", "Kantor kami:\n\n![Kantor]({static}/images/kantor.jpg)")
    site = build(content)
    assert site.soup("/kontak/").select_one("img[src='/images/kantor.jpg']")
    assert site.exists("/images/kantor.jpg")

    published = published_images(site)
    names = {p.relative_to(site.output).as_posix() for p in published}
    originals = {p.read_bytes() for p in (content.root / "images").rglob("*.*")}
    assert not [p for p in published if p.read_bytes() in originals], "an original was copied as it is"
    for private in ("draf", "embargo", "isi-draf", "isi-embargo", "lepas", "contoh"):
        assert not [n for n in names if Path(n).stem.startswith(private + "-") or Path(n).stem == private], private
    assert any(Path(n).stem.startswith("tersembunyi-") for n in names)  # hidden: published at its URL
    assert any(Path(n).stem.startswith("terbit-") for n in names)

    body = site.soup("/berita/2026/08/30/terbit/").select(".article-body img, .entry-content img, article img")
    sources = {img["src"] for img in body}
    assert {"/images/foto/isi.jpg", "/images/foto/bagan.png"} <= sources
    with Image.open(site.path("/images/foto/bagan.png")) as chart:  # kept as PNG, transparency and all
        assert chart.format == "PNG" and chart.mode == "RGBA" and chart.size == (800, 400)
    for file in published:
        assert_no_metadata(file)


def test_no_published_image_carries_gps_even_as_body_portrait_or_logo(content, build):
    private_jpeg(content.root / "images" / "foto" / "gps.jpg")
    private_jpeg(content.root / "images" / "foto" / "tegak.jpg", size=(900, 1600), orientation=6)  # held sideways
    private_jpeg(content.root / "images" / "orang" / "rizal.jpg", size=(600, 600))
    private_jpeg(content.root / "images" / "logo.jpg", size=(300, 300))
    people = content.root / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        'slug = "rizal"\n', 'slug = "rizal"\nphoto = "images/orang/rizal.jpg"\n'), encoding="utf-8")
    content.article("gps", "Paragraf.\n\n![Foto]({static}/images/foto/tegak.jpg)", Image="images/foto/gps.jpg",
                    Editor="Muhammad Rizal Hakim", **CAPTION)
    site = build(content, DISTRIBUSI_LOGO="images/logo.jpg")

    published = published_images(site)
    assert len(published) > 10
    for file in published:
        assert_no_metadata(file)
    with Image.open(site.path("/images/foto/tegak.jpg")) as body:
        assert body.size == (1600, 900)  # turned upright before its orientation tag was dropped
    with Image.open(site.path("/images/logo-penerbit.png")) as logo:
        assert logo.format == "PNG" and logo.size == (300, 300)
    assert site.soup("/penulis/rizal/").select_one(".portrait img")


# --- builds: photo paths stay inside content/images --------------------------------
def _outside_file(content) -> Path:
    secret = content.root.parent / "lain" / "rahasia.jpg"
    private_jpeg(secret)
    return secret


@pytest.mark.parametrize("how", ["naik", "absolut", "symlink"])
def test_a_lead_photo_outside_content_images_is_refused_by_check_and_build(content, build, how):
    secret = _outside_file(content)
    if how == "naik":
        path = "../lain/rahasia.jpg"
    elif how == "absolut":
        path = str(secret)
    else:
        link = content.root / "images" / "foto" / "tautan.jpg"
        link.symlink_to(secret)
        path = "images/foto/tautan.jpg"
    content.article("bocor", Image=path, **CAPTION)
    expected = f"articles/bocor.md:7: Image: berkas foto {path} "
    errors = check_errors(content)
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert "content/images" in errors[0] and "Perbaikan:" in errors[0]
    with pytest.raises(BuildFailed) as failed:
        build(content)
    assert expected in str(failed.value)


@pytest.mark.parametrize("link", ["{static}/../lain/rahasia.jpg", "{static}/people.toml",
                                  "{static}/images/foto/tidak-ada.jpg", "/images/foto/tidak-ada.jpg"])
def test_a_body_link_outside_content_images_or_missing_is_refused(content, build, link):
    _outside_file(content)
    content.article("bocor", f"Paragraf pertama.\n\nLihat ![foto]({link}) ini.")
    errors = check_errors(content)
    assert len(errors) == 1 and errors[0].startswith("articles/bocor.md:10: Isi: "), errors
    assert "Perbaikan:" in errors[0]
    with pytest.raises(BuildFailed):
        build(content)


def test_a_portrait_outside_content_images_is_refused_with_its_line(content):
    _outside_file(content)
    people = content.root / "people.toml"
    people.write_text(people.read_text(encoding="utf-8").replace(
        'slug = "rizal"\n', 'slug = "rizal"\nphoto = "../lain/rahasia.jpg"\n'), encoding="utf-8")
    content.article("biasa")
    errors = check_errors(content)
    line = people.read_text(encoding="utf-8").splitlines().index('photo = "../lain/rahasia.jpg"') + 1
    assert any(e.startswith(f"people.toml:{line}: photo: Muhammad Rizal Hakim: foto ../lain/rahasia.jpg berada di luar")
               for e in errors), errors


def test_a_logo_outside_content_images_is_refused(content, build):
    _outside_file(content)
    content.article("biasa")
    errors = check_errors(content, DISTRIBUSI_LOGO="../lain/rahasia.jpg")
    assert any(e.startswith("pelicanconf.py: DISTRIBUSI_LOGO: berkas logo ../lain/rahasia.jpg berada di luar")
               for e in errors), errors
    with pytest.raises(BuildFailed):
        build(content, DISTRIBUSI_LOGO="../lain/rahasia.jpg")


# --- builds: damaged caches heal ----------------------------------------------------
def _feed_lengths_match(site) -> int:
    checked = 0
    for feed in (site.output / "feeds").rglob("*.xml"):
        for entry in feedparser.parse(feed.read_bytes()).entries:
            for link in entry.get("links", []):
                if link.get("rel") == "enclosure":
                    assert int(link["length"]) == site.path(link["href"]).stat().st_size > 0
                    checked += 1
    return checked


def _all_images_valid(site) -> None:
    for file in published_images(site):
        with Image.open(file) as image:
            image.load()
            width = file.stem.rsplit("-", 1)[-1]
            if "/images/r/" in file.as_posix() and width.isdigit():
                assert image.width == int(width), file


@pytest.mark.fresh_cache  # enumerates and damages every file in its cache
@pytest.mark.parametrize("how", DAMAGE)
def test_every_damaged_image_cache_is_rebuilt_and_never_published(content, build, tmp_path, how):
    import gambar

    reports = []

    def keep(report):
        reports.append(report)

    gambar.finished.connect(keep)

    private_jpeg(content.root / "images" / "foto" / "isi.jpg")
    content.article("berfoto", "Paragraf.\n\n![Foto]({static}/images/foto/isi.jpg)", Image="images/foto/contoh.jpg",
                    **CAPTION)
    content.article("tanpa-foto", Date="2026-08-29 10:00")  # gets the drawn share card
    build(content)
    cache = tmp_path / "cache"
    damaged = [p for p in cache.rglob("*") if p.is_file() and p.suffix in (".jpg", ".webp", ".png", ".json", ".bin")
               and not p.name.startswith(".")]
    assert any(p.suffix == ".webp" for p in damaged) and any(p.parent.name == "distribusi" for p in damaged)
    for file in damaged:
        file.write_bytes(DAMAGE[how](file.read_bytes()))

    try:
        site = build(content)
    finally:
        gambar.finished.disconnect(keep)
    images = [p for p in damaged if p.suffix not in (".json", ".bin") and "distribusi" not in p.parts]
    assert reports[-1].encoded >= len(images)
    _all_images_valid(site)
    assert _feed_lengths_match(site) >= 2
    for file in damaged:
        if file.name.startswith("rekomendasi"):  # its own checked file (plugins/rekomendasi/cache.py), no sidecar
            from rekomendasi.cache import FORMAT, decode

            raw = file.read_bytes()  # rebuilt whole: the format line, the SHA-256 of the data, the data
            digest, payload = raw[len(FORMAT):len(FORMAT) + 32], raw[len(FORMAT) + 32:]
            assert raw.startswith(FORMAT) and hashlib.sha256(payload).digest() == digest, file
            assert len(decode(payload)) == 2, file  # both articles' terms
            continue
        assert cachefile.is_intact(file), file


def _tamper_site(content):
    content.article("berfoto", "Paragraf.", Image="images/foto/contoh.jpg", **CAPTION)
    content.article("tanpa-foto", Date="2026-08-29 10:00")  # gets the drawn share card and logo


@pytest.mark.fresh_cache  # enumerates and damages every file in its cache
def test_a_cached_image_replaced_by_a_symlink_is_made_again_and_never_published(content, build, tmp_path):
    _tamper_site(content)
    build(content)
    secret = tmp_path / "hostname"
    secret.write_bytes(b"server-kantor-rahasia\n")
    tampered = [p for p in (tmp_path / "cache").rglob("*") if p.suffix in (".jpg", ".webp", ".png")
                and not p.name.startswith(".") and p.is_file()]
    assert any("distribusi" in p.parts for p in tampered) and any(p.suffix == ".webp" for p in tampered)
    for file in tampered:
        file.unlink()
        file.symlink_to(secret)
        cachefile.sidecar(file).write_text(f"{secret.stat().st_size} "
                                           f"{hashlib.sha256(secret.read_bytes()).hexdigest()}\n")
    site = build(content)
    for file in site.output.rglob("*"):
        assert not file.is_symlink(), file
        if file.is_file():
            assert b"server-kantor-rahasia" not in file.read_bytes(), file
    _all_images_valid(site)
    for file in tampered:
        assert not file.is_symlink() and cachefile.is_intact(file), file


@pytest.mark.fresh_cache  # enumerates and damages every file in its cache
def test_a_valid_image_of_the_wrong_size_or_format_in_the_cache_is_made_again(content, build, tmp_path):
    _tamper_site(content)
    build(content)
    swapped = [p for p in (tmp_path / "cache").rglob("*") if p.suffix in (".jpg", ".webp", ".png")
               and not p.name.startswith(".")]
    assert any("distribusi" in p.parts for p in swapped)
    for file in swapped:  # another picture, with a sidecar that matches it
        with io.BytesIO() as buffer:
            Image.new("RGB", (33, 21), (200, 0, 0)).save(buffer, "PNG" if file.suffix != ".png" else "JPEG")
            cachefile.write_bytes(file, buffer.getvalue())
    site = build(content)
    _all_images_valid(site)
    for file in published_images(site):
        with Image.open(file) as image:
            assert image.size != (33, 21), file
            assert image.format == {".jpg": "JPEG", ".webp": "WEBP", ".png": "PNG"}[file.suffix], file


# --- builds: big photos ------------------------------------------------------------
def test_the_pixel_limit_is_a_setting_and_names_file_line_and_field(content):
    content.image("images/foto/besar.jpg", size=(3000, 2000))
    content.article("besar", Image="images/foto/besar.jpg", **CAPTION)
    assert check_errors(content) == []
    errors = check_errors(content, GAMBAR_MAX_PIXELS=5_000_000)
    assert errors == ["articles/besar.md:7: Image: foto images/foto/besar.jpg berukuran 3000×2000 piksel "
                      "(6.0 megapiksel), melebihi batas 5.0 megapiksel (GAMBAR_MAX_PIXELS). "
                      "Perbaikan: perkecil foto, mis. ke lebar 4000 piksel, lalu simpan ulang"]


def test_a_decompression_bomb_as_lead_photo_fails_check_in_indonesian(content):
    huge_png(content.root / "images" / "foto" / "bom.png")
    content.article("bom", Image="images/foto/bom.png", **CAPTION)
    errors = check_errors(content)
    assert len(errors) == 1 and errors[0].startswith("articles/bom.md:7: Image: foto images/foto/bom.png berukuran "
                                                     "20000×20000 piksel (400 megapiksel), melebihi batas")


def test_check_refuses_the_truncated_photo_the_build_refuses(content):
    photo = content.root / "images" / "foto" / "terpotong.jpg"
    Image.new("RGB", (1600, 900), (200, 60, 60)).save(photo, quality=95)
    photo.write_bytes(photo.read_bytes()[:-300])  # the header is intact: only decoding finds out
    content.article("terpotong", Image="images/foto/terpotong.jpg", **CAPTION)
    errors = check_errors(content)
    assert len(errors) == 1 and "berkas foto images/foto/terpotong.jpg tidak bisa dibaca" in errors[0], errors


# --- a page's Template: names one of the theme's page templates -------------------------------
PAGE_TEMPLATES = "404, archives, authors, base, cari, categories, luring, page, tags"


def page_with_template(content, template: str) -> None:
    (content.root / "pages" / "khusus.md").write_text(f"Title: Khusus\nSlug: khusus\nTemplate: {template}\n\nIsi.\n",
                                                      encoding="utf-8")


def test_the_page_templates_are_the_themes_top_level_ones_that_render_a_page():
    from newsroom.config import theme_templates
    from pelican.settings import read_settings

    assert ", ".join(theme_templates(read_settings(str(SETTINGS)))) == PAGE_TEMPLATES


@pytest.mark.parametrize("template", ["../../../../etc/passwd", "/etc/passwd", "partials/footer", "tidak-ada",
                                      "article", "index"])
def test_a_page_template_outside_the_themes_page_templates_is_refused(content, build, template):
    content.article("biasa")
    page_with_template(content, template)
    expected = (f"pages/khusus.md:3: Template: template {template!r} tidak ada di tema atau bukan template halaman. "
                f"Perbaikan: tulis salah satu nama ini: {PAGE_TEMPLATES}; atau hapus baris ini agar halaman memakai "
                "template page")
    assert check_errors(content) == [expected]
    with pytest.raises(BuildFailed) as failed:
        build(content)
    assert failed.value.problems == [expected]


def test_a_page_template_in_the_wrong_case_gets_a_hint_and_a_right_one_builds(content, build):
    content.article("biasa")
    page_with_template(content, "Page")
    assert check_errors(content)[0].split("Perbaikan: ")[1].startswith("mungkin maksud Anda 'page'? ")
    page_with_template(content, "page")
    assert build(content).exists("/khusus/")
