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
LOGO_MAX_WIDTH = 1200  # px: the office's logo is published at most this wide (a 6000 px scan was 100 MB)
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
        copy = gambar.published_copy(context, cfg.logo, cfg.logo_save_as, LOGO_MAX_WIDTH)
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


# --- The header's logo and the app icons (issue 18): from the office's logo
# (LOGO) when it is set, else a monogram of SITENAME drawn here -------------
HEADER_LOGO_HEIGHT = 96  # px: shown 48 px tall (portal.css), sharp on 2x screens
HEADER_LOGO_MAX_WIDTH = 4 * HEADER_LOGO_HEIGHT  # a wider logo (a banner) is fitted inside, on transparency
ICON_SIZES = (192, 512)  # the two sizes Android asks of an installable site
MASKABLE_SIZE = 512
MASKABLE_SAFE = 0.6  # a maskable icon's mark stays inside the middle 60% (the safe circle is 80%)
ICON_BACKGROUND = (255, 255, 255)  # behind the office's own logo


@dataclass(frozen=True)
class Mark:
    """One square app icon or the header's logo, drawn or fitted, as published."""

    path: str  # in the output
    width: int
    height: int
    cached: Path
    purpose: str = "any"  # a manifest icon's purpose: "any" or "maskable"


def initials(name: str) -> str:
    """"Warta Lombok Tengah" -> "WLT": the first letter of up to three words."""
    letters = [word[0] for word in str(name).split() if word[:1].isalnum()]
    return "".join(letters[:3]).upper() or "?"


def header_logo(cfg: DistribusiConfig, logo: Logo, target: str) -> Mark:
    """The logo beside the site's name in every page's header, HEADER_LOGO_HEIGHT px tall."""
    if cfg.logo and logo.cached is not None:
        with Image.open(logo.cached) as source:
            natural = source.width * HEADER_LOGO_HEIGHT / source.height
        width = min(HEADER_LOGO_MAX_WIDTH, max(1, round(natural)))
        size = (width, HEADER_LOGO_HEIGHT)
        cached = _made(cfg, "kepala", size, _file_key(logo.cached),
                       lambda: _fit(logo.cached, size, size, (0, 0, 0, 0)))
    else:
        size = (HEADER_LOGO_HEIGHT, HEADER_LOGO_HEIGHT)
        text = initials(cfg.sitename)
        cached = _made(cfg, "kepala", size, text, lambda: _monogram(size[0], 0.8, text))
    return Mark(target, size[0], size[1], cached)


def app_icons(cfg: DistribusiConfig, logo: Logo, folder: str) -> tuple[Mark, ...]:
    """The manifest's icons (ICON_SIZES, and one maskable), published under FOLDER."""
    wanted = [(size, "any", 0.84 if cfg.logo else 0.8) for size in ICON_SIZES]
    wanted.append((MASKABLE_SIZE, "maskable", MASKABLE_SAFE))
    icons = []
    for size, purpose, share in wanted:
        name = f"ikon-{purpose}-{size}.png" if purpose != "any" else f"ikon-{size}.png"
        if cfg.logo and logo.cached is not None:
            box = (round(size * share), round(size * share))
            cached = _made(cfg, f"ikon-{purpose}", (size, size), _file_key(logo.cached) + str(share),
                           lambda size=size, box=box: _fit(logo.cached, (size, size), box, ICON_BACKGROUND + (255,)))
        else:
            text = initials(cfg.sitename)
            cached = _made(cfg, f"ikon-{purpose}", (size, size), text + str(share),
                           lambda size=size, share=share, text=text: _monogram(size, share, text))
        icons.append(Mark(f"{folder.strip('/')}/{name}", size, size, cached, purpose))
    return tuple(icons)


def _file_key(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _made(cfg: DistribusiConfig, kind: str, size: tuple[int, int], what: str, make) -> Path:
    """The cached PNG of KIND at SIZE showing WHAT, made by MAKE() when missing or damaged."""
    key = hashlib.sha256(repr((what, size, BACKGROUND, FIRST_LINE, SECOND_LINE, ICON_BACKGROUND)).encode()).hexdigest()
    cached = Path(cfg.cache_path) / "distribusi" / f"{kind}-{key[:24]}.png"
    if not cachefile.is_intact(cached, ("PNG", size)):
        image = make()
        cachefile.write(cached, lambda temporary: image.save(temporary, "PNG", optimize=True), Path(cfg.cache_path))
    return cached


def _fit(source: Path, size: tuple[int, int], box: tuple[int, int], background) -> Image.Image:
    """SOURCE scaled to fit BOX, centred on a canvas of SIZE filled with BACKGROUND (RGBA)."""
    with Image.open(source) as opened:
        mark = opened.convert("RGBA")
    mark.thumbnail(box, Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", size, background)
    canvas.alpha_composite(mark, ((size[0] - mark.width) // 2, (size[1] - mark.height) // 2))
    return canvas if background[3] == 0 else canvas.convert("RGB")


def _monogram(size: int, share: float, text: str) -> Image.Image:
    """TEXT in white on the publisher's blue, with a yellow rule under it, inside the middle SHARE of the square."""
    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    inner = size * share
    font_size = max(8, round(inner * 0.5))
    font = ImageFont.load_default(size=font_size)
    while font_size > 8 and draw.textlength(text, font=font) > inner * 0.9:
        font_size -= 2
        font = ImageFont.load_default(size=font_size)
    draw.text((size / 2, size * 0.47), text, font=font, fill=FIRST_LINE, anchor="mm")
    rule = max(2, round(size * 0.035))
    left, right = size / 2 - inner * 0.32, size / 2 + inner * 0.32
    top = size / 2 + inner * 0.3
    draw.rectangle((left, top, right, top + rule), fill=SECOND_LINE)
    return image
