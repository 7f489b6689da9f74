"""Make (or reuse from the cache) resized, cropped WebP and JPEG renditions."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify
from PIL import Image, ImageOps

from .presets import JPEG_QUALITY, WEBP_QUALITY, Preset

FORMATS = {"webp": ("WEBP", {"quality": WEBP_QUALITY, "method": 4}),
           "jpg": ("JPEG", {"quality": JPEG_QUALITY, "progressive": True, "optimize": True})}
OUTPUT_FOLDER = "images/r"
_ORIENTATION = 0x0112  # the EXIF tag saying how the camera held the photo


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
        """The largest JPEG: the <img src>, and the file for feeds and social cards."""
        return self.jpeg[-1]

    @property
    def width(self) -> int:
        return self.fallback.width

    @property
    def height(self) -> int:
        return self.fallback.height

    def srcset(self, kind: str, siteurl: str = "") -> str:
        return ", ".join(f"{siteurl}/{r.path} {r.width}w" for r in getattr(self, kind))


def crop_box(size: tuple[int, int], aspect: tuple[int, int] | None) -> tuple[int, int, int, int]:
    """The largest box of ASPECT inside an image of SIZE, centred across and a
    third from the top down (where faces usually are)."""
    width, height = size
    if aspect is None:
        return (0, 0, width, height)
    rw, rh = aspect
    if width * rh > height * rw:  # too wide: trim the sides
        crop_w, crop_h = round(height * rw / rh), height
    else:  # too tall: trim top and bottom, keeping a little more of the top
        crop_w, crop_h = width, round(width * rh / rw)
    left = (width - crop_w) // 2
    top = (height - crop_h) // 3 if crop_h < height else 0
    return left, top, left + crop_w, top + crop_h


class PhotoUnreadable(Exception):
    """A photo whose header looked fine but whose pixels cannot be decoded."""


def _decode(file: Path) -> Image.Image:
    """The photo upright, as 8-bit RGB; transparency becomes white, not black."""
    try:
        with Image.open(file) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, SyntaxError) as exc:
        raise PhotoUnreadable(f"foto {file.name} tidak bisa dibaca ({exc}): simpan ulang sebagai JPEG atau PNG "
                              "lalu bangun lagi") from None
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale: scale to 8 bits, not clip
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


class RenditionMaker:
    """Renditions of source photos, cached in ``cache_dir`` by content hash."""

    def __init__(self, content_path: Path, cache_dir: Path):
        self.content_path = Path(content_path)
        self.cache_dir = Path(cache_dir)
        self.used: set[str] = set()  # rendition paths the templates asked for
        self._pictures: dict[tuple[str, Preset], Picture] = {}
        self._facts: dict[tuple, tuple[str, tuple[int, int]]] = {}
        self.encoded = 0  # how many files this build had to encode (tests read it)

    def picture(self, source: str, preset: Preset) -> Picture:
        key = (source, preset)
        if key not in self._pictures:
            self._pictures[key] = self._make(source, preset)
        picture = self._pictures[key]
        self.used.update(r.path for r in picture.webp + picture.jpeg)
        return picture

    def _source_facts(self, file: Path) -> tuple[str, tuple[int, int]]:
        """Hash and upright size of a photo, read once per build whatever the presets."""
        stat = file.stat()
        key = (str(file), stat.st_size, stat.st_mtime_ns)
        if key not in self._facts:
            with Image.open(file) as opened:  # reads the header only
                size = opened.size
                if opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):  # stored sideways
                    size = size[::-1]
            self._facts[key] = (hashlib.sha256(file.read_bytes()).hexdigest(), size)
        return self._facts[key]

    def cached_file(self, rendition: Rendition) -> Path:
        return self.cache_dir / rendition.path

    def _make(self, source: str, preset: Preset) -> Picture:
        """SOURCE is relative to the content folder, or absolute (an image the build drew)."""
        file = Path(source) if Path(source).is_absolute() else self.content_path / source.lstrip("/")
        source_hash, size = self._source_facts(file)
        digest = hashlib.sha256(f"{source_hash}{preset.aspect}{JPEG_QUALITY}{WEBP_QUALITY}".encode()).hexdigest()[:10]
        # Phones' file names ("WhatsApp Image 2026-06-04 at 09.30.12.jpeg") would break srcset.
        stem = slugify(file.stem, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]) or "foto"
        image = None  # decoded only on a cache miss
        box = crop_box(size, preset.aspect)
        cropped_width, cropped_height = box[2] - box[0], box[3] - box[1]
        widths = sorted({min(w, cropped_width) for w in preset.widths})
        made: dict[str, list[Rendition]] = {"webp": [], "jpg": []}
        for width in widths:
            height = round(cropped_height * width / cropped_width)
            for ext in preset.formats:
                pil_format, options = FORMATS[ext]
                shape = f"-{preset.aspect[0]}x{preset.aspect[1]}" if preset.aspect else ""
                name = f"{OUTPUT_FOLDER}/{stem}{shape}-{digest}-{width}.{ext}"
                cached = self.cache_dir / name
                if not cached.exists():
                    if image is None:
                        image = _decode(file)
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
