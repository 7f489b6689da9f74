"""Crops of the lead photo in the aspect ratios Google and social networks ask
for (16:9, 4:3, 1:1), made with Pillow once per photo content and reused.

A crop is cached under CACHE_PATH by a hash of the photo's bytes and the crop
settings, so a rebuild (or CI with a restored cache) re-encodes nothing and a
replaced photo gets new file names, which no CDN or Facebook cache can serve
stale.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .config import DistribusiConfig

logger = logging.getLogger(__name__)

_VERSION = "1"  # bump when the crop or encode changes, to refresh every cache entry


@dataclass(frozen=True)
class Rendition:
    name: str  # "16x9"
    path: str  # in the output, e.g. images/sosial/gerai-16x9-1a2b3c4d5e.jpg
    width: int
    height: int
    length: int  # bytes, for feed enclosures
    cached: Path  # the encoded file in the cache, copied to the output at the end
    alt: str = ""
    mime_type: str = "image/jpeg"

    @property
    def url(self) -> str:
        return "/" + self.path

    @property
    def pixels(self) -> int:
        return self.width * self.height


def crop_box(size: tuple[int, int], ratio: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest centred box of RATIO inside an image of SIZE."""
    width, height = size
    rw, rh = ratio
    if width * rh > height * rw:  # too wide: trim the sides
        crop_w, crop_h = round(height * rw / rh), height
    else:  # too tall: trim top and bottom, keeping a little more of the top (faces)
        crop_w, crop_h = width, round(width * rh / rw)
    left = (width - crop_w) // 2
    top = (height - crop_h) // 3 if crop_h < height else 0
    return left, top, left + crop_w, top + crop_h


def target_size(box: tuple[int, int, int, int], ratio: tuple[int, int], max_width: int) -> tuple[int, int]:
    """Scale the crop down to MAX_WIDTH (never up), keeping the exact ratio."""
    crop_w = box[2] - box[0]
    width = min(crop_w, max_width)
    return width, round(width * ratio[1] / ratio[0])


def renditions_for(source: Path, alt: str, cfg: DistribusiConfig) -> tuple[Rendition, ...]:
    """Every configured rendition of the image at SOURCE, encoding only cache misses."""
    data = source.read_bytes()
    spec = repr((_VERSION, sorted(cfg.renditions.items()), cfg.rendition_max_width, cfg.rendition_quality))
    digest = hashlib.sha256(data + spec.encode()).hexdigest()
    cache = Path(cfg.cache_path) / "distribusi" / "renditions"
    stem = source.stem
    found: list[Rendition] = []
    image = None
    try:
        for name, ratio in cfg.renditions.items():
            cached = cache / f"{digest[:32]}-{name}.jpg"
            if not cached.is_file():
                if image is None:
                    image = ImageOps.exif_transpose(Image.open(source)).convert("RGB")
                _encode(image, ratio, cfg, cached)
            with Image.open(cached) as encoded:
                width, height = encoded.size
            if width * height < cfg.rendition_min_pixels:
                logger.warning("foto %s terlalu kecil untuk rasio %s (%dx%d piksel); rendisi ini dilewati",
                               source.name, name, width, height)
                continue
            path = f"{cfg.rendition_dir}/{stem}-{name}-{digest[:10]}.jpg"
            found.append(Rendition(name, path, width, height, cached.stat().st_size, cached, alt))
    finally:
        if image is not None:
            image.close()
    return tuple(found)


def _encode(image: Image.Image, ratio: tuple[int, int], cfg: DistribusiConfig, target: Path) -> None:
    box = crop_box(image.size, ratio)
    crop = image.crop(box).resize(target_size(box, ratio, cfg.rendition_max_width), Image.Resampling.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    crop.save(partial, "JPEG", quality=cfg.rendition_quality, optimize=True, progressive=True)
    partial.replace(target)  # a crash never leaves half a JPEG in the cache
