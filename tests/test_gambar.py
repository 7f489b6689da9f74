"""Image renditions: sizes and formats the theme asks for, cached by content."""

from __future__ import annotations

import gambar
import pytest
from PIL import Image


@pytest.fixture
def reports():
    """The gambar report of each build this test runs (its public ``finished`` signal)."""
    made = []

    def keep(report):
        made.append(report)

    gambar.finished.connect(keep)
    yield made
    gambar.finished.disconnect(keep)


@pytest.mark.fresh_cache  # counts what the first build encodes
def test_renditions_are_made_once_and_reused(content, build, reports):
    content.article("berfoto", Image="images/foto/contoh.jpg", Image_caption="Warga antre di Praya.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    site = build(content)
    first = reports[-1].encoded
    assert first > 0
    picture = site.soup("/berita/2026/08/30/berfoto/").select_one("figure.lead-photo picture")
    webp = [c.split() for c in picture.source["srcset"].split(", ")]
    jpeg = [c.split() for c in picture.img["srcset"].split(", ")]
    assert [w for _, w in webp] == [w for _, w in jpeg] == ["360w", "640w", "960w", "1280w"]
    for path, width in webp + jpeg:
        with Image.open(site.path(path)) as image:
            assert image.width == int(width[:-1])
            assert image.format in ("WEBP", "JPEG")

    build(content)  # same photo, same cache: nothing is encoded again
    assert reports[-1].encoded == 0

    content.image("images/foto/contoh.jpg", size=(1500, 1000))  # the photo changed
    site = build(content)
    assert reports[-1].encoded == first
    img = site.soup("/berita/2026/08/30/berfoto/").select_one("figure.lead-photo img")
    assert (img["width"], img["height"]) == ("1280", "853")


def test_thumbnails_are_cropped_to_their_aspect(content, build):
    content.article("berfoto", Image="images/foto/contoh.jpg", Image_caption="Warga antre di Praya.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    content.article("lebih-baru", Date="2026-08-31 09:00")  # the headline: the photo's card is in Berita Terkini
    site = build(content)
    thumb = site.soup("/").select_one(".card-thumb img")
    assert int(thumb["width"]) * 3 == int(thumb["height"]) * 4


def test_awkward_photos_render_well(content, build):
    """A phone's file name with spaces, a transparent PNG, a CMYK JPEG."""
    from PIL import Image

    folder = content.root / "images" / "foto"
    whatsapp = folder / "WhatsApp Image 2026-06-04 at 09.30.12.jpeg"
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(whatsapp)
    Image.new("RGBA", (1600, 900), (0, 0, 0, 0)).save(folder / "transparan.png")
    Image.new("CMYK", (1600, 900), (0, 0, 0, 0)).save(folder / "cmyk.jpg")
    for name, photo in (("wa", whatsapp.name), ("png", "transparan.png"), ("cmyk", "cmyk.jpg")):
        content.article(f"foto-{name}", Image=f"images/foto/{photo}", Image_caption="Keterangan foto.",
                        Image_credit="DISKOMINFO LOTENG/SINTO")
    site = build(content)
    img = site.soup("/berita/2026/08/30/foto-wa/").select_one("figure.lead-photo img")
    assert all(len(candidate.split()) == 2 for candidate in img["srcset"].split(", "))  # "URL 640w" each
    assert "whatsapp-image-2026-06-04-at-093012" in img["src"]
    for name in ("png", "cmyk"):
        src = site.soup(f"/berita/2026/08/30/foto-{name}/").select_one("figure.lead-photo img")["src"]
        with Image.open(site.path(src)) as rendition:
            assert rendition.convert("RGB").getpixel((5, 5)) == (255, 255, 255) or name == "cmyk"
            assert rendition.mode == "RGB"


def test_a_truncated_photo_fails_the_build_naming_it(content, build):
    import pytest

    from portal.build import BuildFailed

    photo = content.root / "images" / "foto" / "terpotong.jpg"
    Image.new("RGB", (1600, 900), (200, 60, 60)).save(photo, quality=95)
    photo.write_bytes(photo.read_bytes()[:4000])
    content.article("foto-terpotong", Image="images/foto/terpotong.jpg", Image_caption="Keterangan foto.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    with pytest.raises(BuildFailed) as failed:
        build(content)
    # refused with its file and line, before any rendition is attempted
    assert "foto-terpotong.md:7: Image: berkas foto images/foto/terpotong.jpg tidak bisa dibaca" in str(failed.value)


def test_more_awkward_photos_keep_working(content, build):
    """16-bit greyscale, a palette PNG with transparency, a non-ASCII file name."""
    folder = content.root / "images" / "foto"
    Image.new("I;16", (1600, 900), 40000).save(folder / "abu-16bit.png")
    palette = Image.new("P", (1600, 900), 0)
    palette.info["transparency"] = 0
    palette.save(folder / "palet.png", transparency=0)
    Image.new("RGB", (1600, 900), (10, 200, 10)).save(folder / "Pantai Kuta – café.jpg")
    for name, photo in (("abu", "abu-16bit.png"), ("palet", "palet.png"), ("kafe", "Pantai Kuta – café.jpg")):
        content.article(f"foto-{name}", Image=f"images/foto/{photo}", Image_caption="Keterangan foto.",
                        Image_credit="DISKOMINFO LOTENG/SINTO")
    site = build(content)
    for name in ("abu", "palet", "kafe"):
        src = site.soup(f"/berita/2026/08/30/foto-{name}/").select_one("figure.lead-photo img")["src"]
        with Image.open(site.path(src)) as rendition:
            assert rendition.mode == "RGB" and rendition.width == 1280
            if name == "abu":  # scaled to 8 bits, not clipped to white
                assert rendition.getpixel((5, 5))[0] == 40000 // 256
            if name == "palet":  # transparency becomes white
                assert rendition.getpixel((5, 5)) == (255, 255, 255)


def test_a_big_jpeg_is_decoded_at_the_scale_its_renditions_need(tmp_path):
    """DCT scaling: a 108-megapixel phone photo must not be decoded in full
    for a 1280-pixel rendition (a one-article build took 45 s before, 3.6 s after)."""
    from gambar.photos import PhotoLibrary

    (tmp_path / "images").mkdir()
    photo = tmp_path / "images" / "besar.jpg"
    Image.new("RGB", (8000, 6000), (120, 80, 40)).save(photo, quality=80)
    decoded = PhotoLibrary(tmp_path).decode(photo, (1280, 960))
    assert decoded.size == (2000, 1500)  # an eighth is too small for 1.5 x 1280; a quarter is enough
    assert decoded.info == {}  # nothing of the source's metadata travels on

