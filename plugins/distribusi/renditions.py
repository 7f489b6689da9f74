"""Crops of the lead photo in the aspect ratios Google and social networks ask
for (16:9, 4:3, 1:1).

The gambar plugin owns making, caching (by a hash of the photo's bytes) and
copying image renditions; this module only says which crops structured data,
social cards and feeds need, and drops any below Google's pixel minimum.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from gambar import plugin as gambar
from gambar.presets import Preset

from .brand import default_share_image
from .config import DistribusiConfig

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendition:
    name: str  # "16x9"
    path: str  # in the output, e.g. images/r/gerai-16x9-1a2b3c4d5e-1200.jpg
    width: int
    height: int
    length: int  # bytes, for feed enclosures
    alt: str = ""
    mime_type: str = "image/jpeg"

    @property
    def url(self) -> str:
        return "/" + self.path

    @property
    def pixels(self) -> int:
        return self.width * self.height


def renditions_for(source: str | Path, alt: str, cfg: DistribusiConfig) -> tuple[Rendition, ...]:
    """Every configured crop of SOURCE (JPEG, never upscaled): an editor's
    photo path, or the Path of a card the build drew."""
    found: list[Rendition] = []
    for name, ratio in cfg.renditions.items():
        preset = Preset((cfg.rendition_max_width,), sizes="", aspect=ratio, formats=("jpg",))
        jpeg = gambar.picture_file(source, preset).fallback
        if jpeg.width * jpeg.height < cfg.rendition_min_pixels:
            logger.warning("foto %s terlalu kecil untuk rasio %s (%dx%d piksel); rendisi ini dilewati",
                           Path(source).name, name, jpeg.width, jpeg.height)
            continue
        length = gambar.MAKER.cached_file(jpeg).stat().st_size
        found.append(Rendition(name, jpeg.path, jpeg.width, jpeg.height, length, alt))
    return tuple(found)


def social_images(article, cfg: DistribusiConfig) -> tuple[Rendition, ...]:
    """The crops of an article's lead photo, or of the site's card when it has
    none, so search results and chat previews always show an image. Made on
    first use (a page or feed being written), so ``invoke check`` encodes nothing."""
    newsroom = getattr(article, "newsroom", None)
    if newsroom is None:
        return ()
    if newsroom.photo is not None:
        return renditions_for(newsroom.photo.path, newsroom.photo.caption, cfg)
    return renditions_for(default_share_image(cfg), cfg.sitename, cfg)
