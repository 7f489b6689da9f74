"""Make (or reuse from the cache) resized, cropped WebP and JPEG renditions,
and stripped copies of body images and the logo."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify
from PIL import Image

from . import cachefile
from .photos import PhotoLibrary, PhotoProblem, ceil_size, clean, scaled_box
from .presets import JPEG_QUALITY, WEBP_QUALITY, Preset

FORMATS = {"webp": ("WEBP", {"quality": WEBP_QUALITY, "method": 4}),
           "jpg": ("JPEG", {"quality": JPEG_QUALITY, "progressive": True, "optimize": True})}
OUTPUT_FOLDER = "images/r"
_HELD_PIXELS = 16_000_000  # a decoded photo up to this size is kept for the photo's next preset


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


# Stripped copies (body images, the publisher's logo) keep their file's type.
COPY_FORMATS = {".jpg": ("JPEG", {"quality": 85, "progressive": True, "optimize": True}),
                ".jpeg": ("JPEG", {"quality": 85, "progressive": True, "optimize": True}),
                ".png": ("PNG", {"optimize": True}),
                ".webp": ("WEBP", {"quality": 80, "method": 4})}


class RenditionMaker:
    """Renditions of source photos, cached in ``cache_dir`` by content hash.

    A cached file is used only when it matches its sidecar (cachefile); any
    other is encoded again, so a damaged cache heals instead of being published.
    """

    def __init__(self, content_path: Path, cache_dir: Path, library: PhotoLibrary | None = None):
        self.content_path = Path(content_path)
        self.cache_dir = Path(cache_dir)
        self.library = library or PhotoLibrary(self.content_path, self.cache_dir)
        self.used: dict[str, Path] = {}  # output path -> the cached file to copy there
        self._pictures: dict[tuple[str, Preset], Picture] = {}
        self._copies: dict[tuple[str, str, int | None], tuple[Rendition, Path]] = {}
        self._intact: set[Path] = set()  # cache files verified in this build
        self._decoded: tuple[Path, Image.Image] | None = None  # the last photo decoded
        self.encoded = 0  # how many files this build had to encode (tests read it)

    def picture(self, source: str | Path, preset: Preset, publish: bool = True) -> Picture:
        key = (source, preset)
        if key not in self._pictures:
            self._pictures[key] = self._make(source, preset)
        picture = self._pictures[key]
        if not publish:
            return picture
        for rendition in picture.webp + picture.jpeg:
            self.used[rendition.path] = self.cached_file(rendition)
        return picture

    def source_file(self, source: str | Path) -> Path:
        """A Path is a file the build itself made (a drawn card); a string is
        an editor's path, which must stay inside content/images."""
        return source if isinstance(source, Path) else self.library.find(source)

    def cached_file(self, rendition: Rendition) -> Path:
        return self.cache_dir / rendition.path

    def _fresh(self, cached: Path, expected: cachefile.Expected) -> bool:
        if cached in self._intact:
            return True
        if cachefile.is_intact(cached, expected):
            self._intact.add(cached)
            return True
        return False

    def _store(self, cached: Path, image: Image.Image, pil_format: str, options: dict) -> None:
        cachefile.write(cached, lambda temporary: clean(image).save(temporary, pil_format, **options),
                        self.cache_dir)
        self._intact.add(cached)
        self.encoded += 1

    def _make(self, source: str | Path, preset: Preset) -> Picture:
        file = self.source_file(source)
        facts = self.library.inspect(file)
        size = facts.size
        digest = hashlib.sha256(f"{facts.sha256}{preset.aspect}{JPEG_QUALITY}{WEBP_QUALITY}".encode()).hexdigest()[:10]
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
                if not self._fresh(cached, (pil_format, (width, height))):
                    if image is None:
                        image = self._cropped(file, size, box, widths[-1])
                    resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
                    self._store(cached, resized, pil_format, options)
                made[ext].append(Rendition(name, width, height))
        return Picture(tuple(made["webp"]), tuple(made["jpg"]), preset.sizes)

    def _cropped(self, file: Path, size: tuple[int, int], box, width: int) -> Image.Image:
        """The crop BOX of FILE at about twice WIDTH (never above the decoded
        size), from which every width of a preset is resized. The decoded photo is kept for the
        next preset of the same photo (lead, thumb, headline, social crops)."""
        scale = min(1.0, width / (box[2] - box[0]))  # the photo's size at which the crop is WIDTH wide
        needed = ceil_size((size[0] * scale, size[1] * scale))
        held = self._decoded
        if held is None or held[0] != file or held[1].width < min(size[0], needed[0]):
            held = (file, self.library.decode(file, needed))
        decoded = held[1]
        self._decoded = held if decoded.width * decoded.height <= _HELD_PIXELS else None
        inside = scaled_box(box, size, decoded.size)
        crop_width, crop_height = inside[2] - inside[0], inside[3] - inside[1]
        shrink = min(1.0, 2 * width / crop_width)
        return decoded.resize(ceil_size((crop_width * shrink, crop_height * shrink)), Image.Resampling.LANCZOS,
                              box=inside, reducing_gap=3.0)

    def copy(self, source: str | Path, target: str, max_width: int | None = None) -> Rendition:
        """A copy of SOURCE published at TARGET (in the output) in its own
        format, upright and stripped of every metadata, at most MAX_WIDTH
        pixels wide: what a body image or the publisher's logo becomes."""
        key = (source, target, max_width)
        if key not in self._copies:
            self._copies[key] = self._copy(source, target, max_width)
        rendition, cached = self._copies[key]
        self.used[rendition.path] = cached
        return rendition

    def _copy(self, source: str | Path, target: str, max_width: int | None) -> tuple[Rendition, Path]:
        suffix = Path(target).suffix.lower()
        if suffix not in COPY_FORMATS:
            raise PhotoProblem(f"gambar {source} berformat {suffix or 'tanpa ekstensi'}",
                               "simpan sebagai JPEG, PNG atau WebP")
        pil_format, options = COPY_FORMATS[suffix]
        file = self.source_file(source)
        facts = self.library.inspect(file)
        width, height = facts.size
        if max_width and width > max_width:
            width, height = max_width, max(1, round(height * max_width / width))
        recipe = f"{facts.sha256}{width}x{height}{pil_format}{options}"
        name = f"{hashlib.sha256(recipe.encode()).hexdigest()[:16]}{suffix}"
        cached = self.cache_dir / "salinan" / name
        if not self._fresh(cached, (pil_format, (width, height))):
            image = self.library.decode(file, (width, height), keep_alpha=pil_format != "JPEG")
            if image.size != (width, height):
                image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            self._store(cached, image, pil_format, options)
        return Rendition(target.lstrip("/"), width, height), cached

    def copy_bytes(self, source: str | Path, target: str, max_width: int | None = None) -> int:
        """The size in bytes of the file ``copy`` publishes (made by it first)."""
        return self._copies[(source, target, max_width)][1].stat().st_size

    def copy_used(self, output_path: Path) -> int:
        for name, cached in sorted(self.used.items()):
            cachefile.publish(cached, Path(output_path) / name)  # the verified regular file, never a symlink
        return len(self.used)
