"""The named rendition presets the templates use, and their defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    widths: tuple[int, ...]
    sizes: str  # the <img sizes> hint: how wide the image is drawn
    aspect: tuple[int, int] | None = None  # crop, e.g. (4, 3); None keeps the photo's own
    formats: tuple[str, ...] = ("webp", "jpg")  # "webp" for <source>, "jpg" for the <img> fallback


DEFAULT_PRESETS = {
    # the article's lead photo: full column width
    "lead": Preset((360, 640, 960, 1280), "(min-width: 48rem) 44rem, 100vw"),
    # the headline on the home page
    "headline": Preset((360, 640, 960), "(min-width: 64rem) 30rem, (min-width: 48rem) 55vw, 100vw", (16, 9)),
    # small pictures beside a title in lists and in Rekomendasi
    "thumb": Preset((160, 320), "7rem", (4, 3)),
    # a person's portrait on their page
    "portrait": Preset((96, 192), "6rem", (1, 1)),
}

JPEG_QUALITY = 78
WEBP_QUALITY = 74
