"""Image renditions: sizes and formats the theme asks for, cached by content."""

from __future__ import annotations

import sys

from PIL import Image

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))


def _maker():
    from gambar import plugin

    return plugin.MAKER


def test_renditions_are_made_once_and_reused(content, build):
    content.article("berfoto", Image="images/foto/contoh.jpg", Image_caption="Warga antre di Praya.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    site = build(content)
    first = _maker().encoded
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
    assert _maker().encoded == 0

    content.image("images/foto/contoh.jpg", size=(1500, 1000))  # the photo changed
    site = build(content)
    assert _maker().encoded == first
    img = site.soup("/berita/2026/08/30/berfoto/").select_one("figure.lead-photo img")
    assert (img["width"], img["height"]) == ("1280", "853")


def test_thumbnails_are_cropped_to_their_aspect(content, build):
    content.article("berfoto", Image="images/foto/contoh.jpg", Image_caption="Warga antre di Praya.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    site = build(content)
    thumb = site.soup("/").select_one(".card-thumb img")
    assert int(thumb["width"]) * 3 == int(thumb["height"]) * 4
