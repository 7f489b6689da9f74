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

import gambar

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


def crop_presets(cfg: DistribusiConfig) -> dict[str, gambar.Preset]:
    """The crop of each configured ratio, as a gambar preset (JPEG, one width)."""
    return {name: gambar.Preset((cfg.rendition_max_width,), sizes="", aspect=ratio, formats=("jpg",))
            for name, ratio in cfg.renditions.items()}


def renditions_for(source: str | Path, alt: str, cfg: DistribusiConfig, context) -> tuple[Rendition, ...]:
    """Every configured crop of SOURCE (JPEG, never upscaled): an editor's
    photo path, or the Path of a card the build drew. CONTEXT is the build's
    generator context, through which gambar makes and publishes the files."""
    found: list[Rendition] = []
    for name, preset in crop_presets(cfg).items():
        jpeg = gambar.renditions_of(context, source, preset).fallback
        if jpeg.width * jpeg.height < cfg.rendition_min_pixels:
            logger.warning("foto %s terlalu kecil untuk rasio %s (%dx%d piksel); rendisi ini dilewati",
                           Path(source).name, name, jpeg.width, jpeg.height)
            continue
        length = gambar.cached_file(context, jpeg).stat().st_size
        found.append(Rendition(name, jpeg.path, jpeg.width, jpeg.height, length, alt))
    return tuple(found)


def share_of(renditions: tuple[Rendition, ...], cfg: DistribusiConfig) -> Rendition | None:
    """The one rendition og:image, Twitter and feeds use (DISTRIBUSI_SHARE_RENDITION, else the first)."""
    return next((r for r in renditions if r.name == cfg.share_rendition), renditions[0] if renditions else None)
