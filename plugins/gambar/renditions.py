"""Make (or reuse from the cache) resized, cropped WebP and JPEG renditions."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .presets import JPEG_QUALITY, WEBP_QUALITY, Preset

FORMATS = {"webp": ("WEBP", {"quality": WEBP_QUALITY, "method": 4}),
           "jpg": ("JPEG", {"quality": JPEG_QUALITY, "progressive": True, "optimize": True})}
OUTPUT_FOLDER = "images/r"


@dataclass(frozen=True)
class Rendition:
    path: str  # relative to the output folder
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """Everything a template needs for one <picture>."""

    webp: tuple[Rendition, ...]
    jpeg: tuple[Rendition, ...]
    sizes: str

    @property
    def fallback(self) -> Rendition:
        return self.jpeg[-1]

    @property
    def width(self) -> int:
        return self.fallback.width

    @property
    def height(self) -> int:
        return self.fallback.height

    def srcset(self, kind: str, siteurl: str = "") -> str:
        return ", ".join(f"{siteurl}/{r.path} {r.width}w" for r in getattr(self, kind))


def _crop_box(size: tuple[int, int], aspect: tuple[int, int] | None) -> tuple[int, int, int, int]:
    width, height = size
    if aspect is None:
        return (0, 0, width, height)
    want = aspect[0] / aspect[1]
    if width / height > want:  # too wide: trim the sides
        new_width = round(height * want)
        left = (width - new_width) // 2
        return (left, 0, left + new_width, height)
    new_height = round(width / want)
    top = (height - new_height) // 2
    return (0, top, width, top + new_height)


class RenditionMaker:
    """Renditions of source photos, cached in ``cache_dir`` by content hash."""

    def __init__(self, content_path: Path, cache_dir: Path):
        self.content_path = Path(content_path)
        self.cache_dir = Path(cache_dir)
        self.used: set[str] = set()  # rendition paths the templates asked for
        self._pictures: dict[tuple[str, Preset], Picture] = {}
        self.encoded = 0  # how many files this build had to encode (tests read it)

    def picture(self, source: str, preset: Preset) -> Picture:
        key = (source, preset)
        if key not in self._pictures:
            self._pictures[key] = self._make(source, preset)
        picture = self._pictures[key]
        self.used.update(r.path for r in picture.webp + picture.jpeg)
        return picture

    def _make(self, source: str, preset: Preset) -> Picture:
        file = self.content_path / source.lstrip("/")
        data = file.read_bytes()
        digest = hashlib.sha256(data + repr((preset.aspect, JPEG_QUALITY, WEBP_QUALITY)).encode()).hexdigest()[:10]
        with Image.open(file) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
        box = _crop_box(image.size, preset.aspect)
        cropped_width, cropped_height = box[2] - box[0], box[3] - box[1]
        widths = sorted({min(w, cropped_width) for w in preset.widths})
        made: dict[str, list[Rendition]] = {"webp": [], "jpg": []}
        for width in widths:
            height = round(cropped_height * width / cropped_width)
            for ext, (pil_format, options) in FORMATS.items():
                name = f"{OUTPUT_FOLDER}/{file.stem}-{digest}-{width}.{ext}"
                cached = self.cache_dir / name
                if not cached.exists():
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    resized = image.crop(box).resize((width, height), Image.Resampling.LANCZOS)
                    temporary = cached.with_suffix(".tmp")
                    resized.save(temporary, pil_format, **options)
                    temporary.replace(cached)  # never leave a half-written file in the cache
                    self.encoded += 1
                made[ext].append(Rendition(name, width, height))
        return Picture(tuple(made["webp"]), tuple(made["jpg"]), preset.sizes)

    def copy_used(self, output_path: Path) -> int:
        for name in sorted(self.used):
            target = Path(output_path) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.cache_dir / name, target)
        return len(self.used)
