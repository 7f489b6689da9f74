"""The publisher's drawn images: its logo, and the share image of an article
that has no photo.

Google wants the publisher of a NewsArticle with a logo, and an image for
every article; WhatsApp and Facebook show a blank box without one. Until the
office supplies its own logo (DISTRIBUSI_LOGO, a file under content/images/,
published re-encoded as a PNG without its metadata at DISTRIBUSI_LOGO_SAVE_AS),
both are drawn with Pillow's bundled font from PUBLISHER["short_name"] and
SITENAME, so the build never fetches anything. Drawings are cached under
CACHE_PATH by a hash of what they show, verified when read (gambar's
cachefile) and drawn again when damaged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import gambar
from gambar import cachefile
from PIL import Image, ImageDraw, ImageFont

from .config import DistribusiConfig

LOGO_SIZE = 512  # px, square: above Google's 112 x 112 minimum, fine for every social card
SHARE_SIZE = (1600, 1200)  # 4:3, so every rendition (16:9, 4:3, 1:1) crops from it at full width
BACKGROUND = (14, 59, 110)
FIRST_LINE = (255, 255, 255)
SECOND_LINE = (255, 204, 0)


@dataclass(frozen=True)
class Logo:
    path: str  # in the output
    width: int
    height: int
    cached: Path | None  # the cached file (drawn, or the office's logo stripped), copied to the output

    @property
    def url(self) -> str:
        return "/" + self.path


def publisher_logo(cfg: DistribusiConfig, context) -> Logo:
    """The logo of the build whose generator CONTEXT is given (gambar makes the office's copy)."""
    if cfg.logo:  # checked when the settings were read (config.py)
        copy = gambar.published_copy(context, cfg.logo, cfg.logo_save_as)
        return Logo(copy.path, copy.width, copy.height, gambar.cached_file(context, copy))
    lines = two_lines(cfg.publisher.get("short_name") or cfg.sitename)
    cached = _drawn(cfg, "logo", (LOGO_SIZE, LOGO_SIZE), lines)
    return Logo(cfg.logo_save_as, LOGO_SIZE, LOGO_SIZE, cached)


def default_share_image(cfg: DistribusiConfig) -> Path:
    """A plain card with the site's name: the source of the renditions of an article without a photo."""
    return _drawn(cfg, "berita", SHARE_SIZE, (cfg.sitename.upper(), cfg.publisher.get("short_name", "").upper()))


def two_lines(name: str) -> tuple[str, str]:
    """"Diskominfo Lombok Tengah" -> ("DISKOMINFO", "LOMBOK TENGAH")."""
    first, _, rest = name.upper().strip().partition(" ")
    return first, rest


def _drawn(cfg: DistribusiConfig, kind: str, size: tuple[int, int], lines: tuple[str, str]) -> Path:
    key = hashlib.sha256(repr((lines, size, BACKGROUND, FIRST_LINE, SECOND_LINE)).encode()).hexdigest()[:24]
    cached = Path(cfg.cache_path) / "distribusi" / f"{kind}-{key}.png"
    if not cachefile.is_intact(cached, ("PNG", size)):  # missing, or damaged since: draw it again
        _draw(size, lines, cached, Path(cfg.cache_path))
    return cached


def _draw(size: tuple[int, int], lines: tuple[str, str], target: Path, cache_root: Path | None = None) -> None:
    width, height = size
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    for text, colour, y in ((lines[0], FIRST_LINE, height * 0.42), (lines[1], SECOND_LINE, height * 0.6)):
        if text:
            draw.text((width / 2, y), text, font=_fitting_font(draw, text, width, height), fill=colour, anchor="mm")
    # with the cache's root, a file left where the distribusi folder belongs is cleared, as gambar's are
    cachefile.write(target, lambda temporary: image.save(temporary, "PNG", optimize=True), cache_root)


def _fitting_font(draw: ImageDraw.ImageDraw, text: str, width: int, height: int) -> ImageFont.FreeTypeFont:
    size = max(12, height // 6)
    while size > 12:
        font = ImageFont.load_default(size=size)
        if draw.textlength(text, font=font) <= width * 0.84:
            return font
        size -= 4
    return ImageFont.load_default(size=size)
