"""The editors' source photos: where they may be, whether they can be read,
and decoding them cheaply.

One library answers for ``invoke check`` (newsroom's photo checks, the people
registry, the logo, body images) and for the build's renditions, so the two
always agree on which photos are usable. A full decode is the only honest
readability test (a truncated JPEG has a perfect header), so its verdict is
cached by the photo's content hash and a second check costs one hash.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from . import cachefile

PHOTO_FOLDER = "images"  # under the content folder: the only place photos are read from
DEFAULT_MAX_PIXELS = 120_000_000
_DRAFT_GAP = 1.5  # decode a JPEG at least this much larger than needed; Lanczos does the rest
_ORIENTATION = 0x0112  # the EXIF tag saying how the camera held the photo
_VERDICT_VERSION = f"1-{Image.__version__}"  # a new Pillow may read what the old one could not
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_PUT_RIGHT = "simpan foto di content/images/ dan tulis path-nya relatif terhadap content/, mis. images/foto/nama.jpg"


class PhotoProblem(Exception):
    """A photo that cannot be used; ``message`` and ``fix`` are for the editor."""

    def __init__(self, message: str, fix: str):
        super().__init__(f"{message}. Perbaikan: {fix}")
        self.message = message
        self.fix = fix


class PhotoMissing(PhotoProblem):
    pass


class PhotoOutside(PhotoProblem):
    pass


class PhotoUnreadable(PhotoProblem):
    pass


class PhotoTooLarge(PhotoProblem):
    pass


@dataclass(frozen=True)
class Facts:
    sha256: str  # of the file's bytes
    size: tuple[int, int]  # upright, as the reader sees it
    format: str  # Pillow's name: JPEG, PNG, WEBP …


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}" if pixels >= 10_000_000 else f"{pixels / 1_000_000:.1f}"


class PhotoLibrary:
    """The photos under ``content/images``, checked once per build."""

    def __init__(self, content_path: Path, cache_dir: Path | None = None, max_pixels: int = DEFAULT_MAX_PIXELS):
        self.content_path = Path(content_path)
        self.cache_dir = Path(cache_dir) if cache_dir else None  # None: verdicts are not remembered
        self.max_pixels = int(max_pixels)
        self._facts: dict[tuple, Facts] = {}

    # -- where -------------------------------------------------------------
    def find(self, relative: str, what: str = "berkas foto") -> Path:
        """The file RELATIVE names: relative to content/ (a leading "/" too,
        as in Pelican's ``{static}/…``), and inside content/images once every
        symlink is followed."""
        relative = str(relative).strip()
        folder = self.content_path.absolute() / PHOTO_FOLDER
        written = Path(os.path.normpath(self.content_path.absolute() / relative.lstrip("/")))
        try:
            real = written.resolve()
            inside = real.is_relative_to(folder.resolve())
        except (OSError, RuntimeError):  # a symlink loop
            raise PhotoMissing(f"{what} {relative} tidak ditemukan", _PUT_RIGHT) from None
        if not inside and written.is_relative_to(folder):
            raise PhotoOutside(f"{what} {relative} adalah tautan (symlink) ke luar content/images",
                               "salin fotonya ke content/images/ alih-alih menautkannya")
        if not inside:
            raise PhotoOutside(f"{what} {relative} berada di luar content/images", _PUT_RIGHT)
        if not real.is_file():
            raise PhotoMissing(f"{what} {relative} tidak ditemukan", _PUT_RIGHT)
        return real

    # -- whether ---------------------------------------------------------------
    def inspect(self, file: Path, label: str | None = None) -> Facts:
        """Hash, upright size and format of FILE, after proving every pixel
        decodes and the photo is within the pixel limit."""
        file = Path(file)
        label = label or file.name
        stat = file.stat()
        key = (str(file), stat.st_size, stat.st_mtime_ns)
        if key not in self._facts:
            data = file.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            facts = self._remembered(digest)
            if facts is None or facts.size[0] * facts.size[1] > self.max_pixels:
                facts = self._examine(data, digest, label)
                self._remember(facts)
            self._facts[key] = facts
        return self._facts[key]

    def _verdict_file(self, digest: str) -> Path | None:
        return self.cache_dir / "periksa" / f"{digest}.json" if self.cache_dir else None

    def _remembered(self, digest: str) -> Facts | None:
        verdict = self._verdict_file(digest)
        data = cachefile.read_intact(verdict) if verdict else None
        try:
            found = json.loads(data) if data else None
            if found and found["version"] == _VERDICT_VERSION:
                return Facts(digest, (int(found["width"]), int(found["height"])), str(found["format"]))
        except (ValueError, KeyError, TypeError):
            pass
        return None

    def _remember(self, facts: Facts) -> None:
        verdict = self._verdict_file(facts.sha256)
        if verdict:
            record = {"version": _VERDICT_VERSION, "width": facts.size[0], "height": facts.size[1],
                      "format": facts.format}
            cachefile.write_bytes(verdict, json.dumps(record).encode(), self.cache_dir)

    def _examine(self, data: bytes, digest: str, label: str) -> Facts:
        with self.open(io.BytesIO(data), label) as image:
            size, form = upright_size(image), image.format
            if form == "JPEG":  # every DCT block is still read, at an eighth of the cost
                image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            try:
                image.load()
            except (OSError, SyntaxError, ValueError, EOFError) as exc:
                raise _unreadable(label, exc) from None
        return Facts(digest, size, form)

    def open(self, source, label: str) -> Image.Image:
        """Image.open with this library's pixel limit and an Indonesian message."""
        limit = Image.MAX_IMAGE_PIXELS
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                Image.MAX_IMAGE_PIXELS = None  # the limit below, from the settings, replaces Pillow's
                image = Image.open(source)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            raise _unreadable(label, exc) from None
        finally:
            Image.MAX_IMAGE_PIXELS = limit
        pixels = image.width * image.height
        if pixels > self.max_pixels:
            image.close()
            raise PhotoTooLarge(
                f"foto {label} berukuran {image.width}×{image.height} piksel ({megapixels(pixels)} megapiksel), "
                f"melebihi batas {megapixels(self.max_pixels)} megapiksel (GAMBAR_MAX_PIXELS)",
                "perkecil foto, mis. ke lebar 4000 piksel, lalu simpan ulang")
        return image

    # -- decoding --------------------------------------------------------------
    def decode(self, file: Path, needed: tuple[int, int] | None = None, keep_alpha: bool = False) -> Image.Image:
        """FILE upright in sRGB, without any metadata; a JPEG decoded at the
        smallest DCT scale that still gives 1.5 times NEEDED (upright width,
        height), so a 108-megapixel photo costs a fraction of a second."""
        label = file.name
        try:
            with self.open(file, label) as opened:
                if needed and opened.format == "JPEG":
                    sideways = opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8)
                    width, height = needed[::-1] if sideways else needed
                    opened.draft(opened.mode, ceil_size((_DRAFT_GAP * width, _DRAFT_GAP * height)))
                image = ImageOps.exif_transpose(opened)
                image.load()
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise _unreadable(label, exc) from None
        return clean(_in_srgb(image, keep_alpha))


def upright_size(image: Image.Image) -> tuple[int, int]:
    if image.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8):  # stored sideways
        return image.size[::-1]
    return image.size


def _unreadable(label: str, exc: Exception) -> PhotoUnreadable:
    text = str(exc)
    if "truncated" in text:
        why = "berkasnya terpotong, mungkin belum selesai diunggah atau disalin"
    elif isinstance(exc, UnidentifiedImageError) or "cannot identify" in text:
        why = "isinya bukan gambar yang dikenali"
    else:
        why = "isinya rusak"
    return PhotoUnreadable(f"berkas foto {label} tidak bisa dibaca: {why}",
                           "simpan ulang sebagai JPEG, PNG atau WebP lalu periksa lagi")


def _in_srgb(image: Image.Image, keep_alpha: bool) -> Image.Image:
    """8-bit RGB (or RGBA when KEEP_ALPHA) in sRGB: an embedded colour
    profile (a phone's Display P3, a print CMYK) is applied, then dropped,
    since every published image is sRGB and carries no profile."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale: scale to 8 bits, not clip
        image = image.point(lambda value: value / 256).convert("L")
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: use the pixels as they are
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        rgba = image.convert("RGBA")
        if keep_alpha:
            return rgba
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))  # transparency becomes white, not black
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def clean(image: Image.Image) -> Image.Image:
    """IMAGE without the metadata Pillow would carry to a saved file (EXIF
    with GPS and serials, XMP, IPTC, comments, the colour profile)."""
    image.info = {}
    return image


def scaled_box(box: tuple[int, int, int, int], full: tuple[int, int], decoded: tuple[int, int]):
    """BOX (in the photo's full upright size FULL) in an image decoded at DECODED."""
    fx, fy = decoded[0] / full[0], decoded[1] / full[1]
    return (box[0] * fx, box[1] * fy, min(decoded[0], box[2] * fx), min(decoded[1], box[3] * fy))


def ceil_size(size: tuple[float, float]) -> tuple[int, int]:
    return math.ceil(size[0]), math.ceil(size[1])
