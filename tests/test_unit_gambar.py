"""gambar's public API (renditions_of, published_copy, cached_file,
photo_library): each reaches one build's maker through a context, with no
module-level state; no site is built."""

from __future__ import annotations

from types import SimpleNamespace

import gambar
import pytest
from gambar.build import KEY, start
from PIL import Image


@pytest.fixture
def context(tmp_path):
    """A generator context as Pelican shares it, started by gambar like a build's first generator."""
    folder = tmp_path / "content" / "images" / "foto"
    folder.mkdir(parents=True)
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(folder / "contoh.jpg")
    settings = {"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / "cache")}
    shared = dict(settings)
    start(SimpleNamespace(context=shared, settings=settings))
    return shared


def test_renditions_of_a_named_or_ad_hoc_preset(context):
    thumb = gambar.renditions_of(context, "images/foto/contoh.jpg", "thumb")
    assert [r.width for r in thumb.jpeg] == [160, 320] and thumb.width * 3 == thumb.height * 4
    wide = gambar.renditions_of(context, "images/foto/contoh.jpg", gambar.Preset((800,), "", (16, 9), ("jpg",)))
    assert (wide.fallback.width, wide.fallback.height) == (800, 450)
    cached = gambar.cached_file(context, wide.fallback)
    with Image.open(cached) as image:
        assert image.size == (800, 450) and image.format == "JPEG"


def test_a_published_copy_is_stripped_and_resized(context):
    copy = gambar.published_copy(context, "images/foto/contoh.jpg", "images/logo.png", 400)
    assert (copy.path, copy.width, copy.height) == ("images/logo.png", 400, 225)
    with Image.open(gambar.cached_file(context, copy)) as image:
        assert image.format == "PNG" and not image.info.get("exif")


def test_two_builds_share_nothing(context, tmp_path):
    """A second build (its own context) has its own maker: nothing encoded twice, nothing carried over."""
    gambar.renditions_of(context, "images/foto/contoh.jpg", "thumb")
    second = {k: v for k, v in context.items() if k != KEY}
    start(SimpleNamespace(context=second, settings=second))
    assert second[KEY] is not context[KEY]
    gambar.renditions_of(second, "images/foto/contoh.jpg", "thumb")
    assert second[KEY].maker.encoded == 0  # the cache served it
    assert context[KEY].maker.encoded > 0


def test_a_context_without_gambar_says_which_plugin_is_missing():
    with pytest.raises(LookupError, match="gambar"):
        gambar.renditions_of({}, "images/foto/contoh.jpg", "thumb")


def test_the_photo_library_follows_the_settings_and_the_build(context, tmp_path):
    assert gambar.photo_library(context) is context[KEY].library  # the build's own
    strict = gambar.photo_library({"PATH": context["PATH"], "GAMBAR_MAX_PIXELS": 1_000_000})
    with pytest.raises(gambar.PhotoProblem, match="GAMBAR_MAX_PIXELS"):
        strict.inspect(strict.find("images/foto/contoh.jpg"))
