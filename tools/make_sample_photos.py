"""Generate the sample photos used by the demo content, without downloading anything.

Run from the project root::

    python tools/make_sample_photos.py            # write missing or changed files
    python tools/make_sample_photos.py --check    # only report what is missing

The script reads the header of every Markdown file under ``content/`` (keys
``Image`` or ``Foto``) and the ``photo`` entries of ``content/people.toml``.
For each referenced path it draws a stylised illustration with Pillow:

* article photos: 1600x900 landscapes (hills and rice fields, a signal tower,
  the southern coast, a service-hall building, a control room with a video
  wall, a meeting hall, a river with a flood sensor), chosen from keywords in
  the file name and varied by a seed derived from the name;
* portraits: 600x600 stylised avatars.

Output is deterministic: the same name always gives the same bytes, and a file
is only rewritten when its bytes would change, so the script is idempotent.
JPEGs are saved with quality 82, progressive and optimised.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import sys
import tomllib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PEOPLE = CONTENT / "people.toml"

ARTICLE_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)
SUPERSAMPLE = 2  # draw at 2x and downscale for smooth edges
JPEG_OPTIONS = {"quality": 82, "progressive": True, "optimize": True}
MAX_BYTES = 150_000
IMAGE_KEYS = {"image", "foto"}

# Keyword -> scene. The first matching keyword in the file name wins.
SCENE_KEYWORDS = [
    ("perekaman-ektp-pelajar", "desk"),
    ("aktivasi", "desk"),
    ("adminduk", "desk"),
    ("sensor", "river"),
    ("banjir", "river"),
    ("bts", "tower"),
    ("menara", "tower"),
    ("blank-spot", "tower"),
    ("konektivitas", "tower"),
    ("server", "racks"),
    ("command", "control"),
    ("siber", "racks"),
    ("aduan", "control"),
    ("operator", "control"),
    ("pusat-data", "racks"),
    ("kuta", "coast"),
    ("mandalika", "coast"),
    ("pujut", "coast"),
    ("wifi", "village"),
    ("desa", "village"),
    ("lansia", "village"),
    ("mpp", "building"),
    ("gerai", "building"),
    ("antrean", "building"),
    ("pelayanan", "building"),
    ("rapat", "meeting"),
    ("forum", "meeting"),
    ("lokakarya", "meeting"),
    ("konsultasi", "meeting"),
    ("uji", "meeting"),
    ("pengumuman", "meeting"),
    ("penyerahan", "meeting"),
    ("literasi", "meeting"),
    ("perekaman", "desk"),
    ("survei", "building"),
    ("spbe", "control"),
]
SCENES = ["village", "tower", "coast", "building", "control", "meeting", "desk", "racks", "river"]

# Time-of-day palettes: sky top, sky bottom, sun, haze.
SKIES = [
    ((38, 92, 168), (150, 200, 235), (255, 244, 214), (220, 236, 245)),  # clear noon
    ((52, 74, 140), (246, 176, 120), (255, 214, 140), (250, 210, 180)),  # dusk
    ((70, 130, 190), (214, 232, 240), (255, 250, 230), (236, 242, 246)),  # morning
    ((28, 52, 104), (232, 134, 106), (255, 200, 120), (240, 180, 160)),  # sunset
    ((96, 150, 200), (200, 224, 228), (255, 255, 240), (228, 238, 236)),  # hazy
]


# --------------------------------------------------------------------------
# discovery
# --------------------------------------------------------------------------
def read_header(path: Path) -> dict[str, str]:
    """Return the ``Key: value`` header of a Pelican Markdown file (lowercase keys)."""
    meta: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                break
            if ":" not in line:
                break
            key, value = line.split(":", 1)
            meta[key.strip().lower()] = value.strip()
    return meta


def wanted_photos() -> tuple[list[Path], list[tuple[Path, str]]]:
    """List article photo paths and (portrait path, person name) pairs."""
    articles: dict[Path, None] = {}
    for md in sorted(CONTENT.rglob("*.md")):
        meta = read_header(md)
        for key in IMAGE_KEYS:
            if meta.get(key):
                articles[CONTENT / meta[key].lstrip("/")] = None
    portraits: list[tuple[Path, str]] = []
    if PEOPLE.exists():
        with PEOPLE.open("rb") as handle:
            data = tomllib.load(handle)
        for person in data.get("person", []):
            if person.get("photo"):
                portraits.append((CONTENT / person["photo"].lstrip("/"), person["name"]))
    return list(articles), portraits


# --------------------------------------------------------------------------
# drawing helpers
# --------------------------------------------------------------------------
def seed_for(name: str) -> int:
    """Stable 64-bit seed derived from a name."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")


def mix(a, b, t):
    """Blend two RGB colours; t=0 gives a, t=1 gives b."""
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b, strict=True))


def shade(color, factor):
    """Darken (factor < 1) or lighten (factor > 1) a colour."""
    return tuple(max(0, min(255, int(c * factor))) for c in color)


def vertical_gradient(size, top, bottom):
    """Return an RGB image fading from top colour to bottom colour."""
    w, h = size
    mask = Image.linear_gradient("L").resize((w, h))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def font(size):
    """Pillow's built-in font at the given size (no system fonts needed)."""
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def hill_points(rng, w, base, amplitude, step, phase):
    """Polygon points of a wavy ridge across the image width."""
    pts = [(0, base)]
    x = 0
    freq = rng.uniform(1.2, 2.6)
    while x <= w:
        y = base - amplitude * (0.55 + 0.45 * math.sin(phase + freq * x / w * math.pi * 2))
        y += rng.uniform(-amplitude * 0.08, amplitude * 0.08)
        pts.append((x, y))
        x += step
    pts.append((w, base))
    return pts


def draw_sky(img, rng, sky, S):
    """Paint the sky gradient, sun and clouds; return the sun position."""
    w, h = img.size
    top, bottom, sun, _ = sky
    img.paste(vertical_gradient((w, h), top, bottom))
    d = ImageDraw.Draw(img, "RGBA")
    sx, sy = rng.uniform(0.12, 0.88) * w, rng.uniform(0.12, 0.32) * h
    for r, a in ((150, 30), (105, 55), (70, 255)):
        d.ellipse([sx - r * S, sy - r * S, sx + r * S, sy + r * S], fill=sun + (a,))
    for _ in range(rng.randint(2, 5)):  # soft clouds
        cx, cy = rng.uniform(0, w), rng.uniform(0.08, 0.4) * h
        for _ in range(5):
            rx, ry = rng.uniform(60, 140) * S, rng.uniform(18, 36) * S
            ox, oy = rng.uniform(-110, 110) * S, rng.uniform(-14, 14) * S
            d.ellipse([cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry], fill=(255, 255, 255, 70))
    return sx, sy


def draw_mountain(d, rng, w, h, sky):
    """Rinjani-like volcano on the horizon."""
    peak_x = rng.uniform(0.3, 0.7) * w
    base = h * 0.62
    top = h * rng.uniform(0.2, 0.3)
    color = mix(sky[0], (90, 110, 130), 0.55)
    d.polygon(
        [
            (peak_x - w * 0.45, base),
            (peak_x - w * 0.05, top + h * 0.02),
            (peak_x, top),
            (peak_x + w * 0.05, top + h * 0.03),
            (peak_x + w * 0.5, base),
        ],
        fill=color,
    )
    snow = mix(color, (240, 240, 245), 0.35)
    d.polygon(
        [
            (peak_x - w * 0.05, top + h * 0.02),
            (peak_x, top),
            (peak_x + w * 0.05, top + h * 0.03),
            (peak_x + w * 0.02, top + h * 0.06),
            (peak_x - w * 0.02, top + h * 0.05),
        ],
        fill=snow,
    )


def draw_hills(d, rng, w, h, greens, start=0.55):
    """Layered hills from the back (first colour) to the front (last)."""
    n = len(greens)
    for i, g in enumerate(greens):
        base = h * (start + 0.45 * (i + 1) / n) + 4
        amp = h * rng.uniform(0.08, 0.16)
        pts = hill_points(rng, w, base + h * 0.2, amp + h * 0.2, w // 40, rng.uniform(0, 6))
        pts[0], pts[-1] = (0, h), (w, h)  # close the shape at the bottom edge: no sky gaps
        d.polygon(pts, fill=g)


def draw_terraces(d, rng, w, h, top, color):
    """Wavy lines suggesting terraced rice fields."""
    y = top
    k = 0
    while y < h:
        wave = rng.uniform(4, 14)
        pts = [(x, y + wave * math.sin(x / w * math.pi * 3 + k)) for x in range(0, w + 40, 40)]
        d.line(pts, fill=color, width=max(2, int(h / 300)))
        y += (h - top) / 9 * (0.5 + k / 12)
        k += 1


def draw_tree(d, x, y, s, color, trunk=(92, 64, 44)):
    """A round-crowned tree, trunk base at (x, y)."""
    d.rectangle([x - s * 0.06, y - s * 0.5, x + s * 0.06, y], fill=trunk)
    d.ellipse([x - s * 0.35, y - s * 1.1, x + s * 0.35, y - s * 0.4], fill=color)


def draw_palm(d, x, y, s, color):
    """A coconut palm, trunk base at (x, y)."""
    d.line([(x, y), (x + s * 0.12, y - s)], fill=(96, 72, 52), width=max(3, int(s / 14)))
    cx, cy = x + s * 0.12, y - s
    for ang in range(0, 360, 45):
        a = math.radians(ang)
        d.line(
            [(cx, cy), (cx + math.cos(a) * s * 0.45, cy + math.sin(a) * s * 0.25 + s * 0.08)],
            fill=color,
            width=max(3, int(s / 12)),
        )


def draw_house(d, x, y, s, wall, roof):
    """A small house with the steep Sasak-style thatched roof."""
    d.rectangle([x - s * 0.5, y - s * 0.55, x + s * 0.5, y], fill=wall)
    d.polygon([(x - s * 0.72, y - s * 0.45), (x, y - s * 1.25), (x + s * 0.72, y - s * 0.45)], fill=roof)
    d.rectangle([x - s * 0.1, y - s * 0.35, x + s * 0.1, y], fill=shade(wall, 0.55))


def draw_person(d, x, y, s, color):
    """Simple standing silhouette, feet at (x, y)."""
    d.ellipse([x - s * 0.11, y - s, x + s * 0.11, y - s * 0.78], fill=color)
    d.rounded_rectangle([x - s * 0.18, y - s * 0.76, x + s * 0.18, y - s * 0.3], radius=s * 0.08, fill=color)
    d.rectangle([x - s * 0.14, y - s * 0.32, x - s * 0.03, y], fill=color)
    d.rectangle([x + s * 0.03, y - s * 0.32, x + s * 0.14, y], fill=color)


def draw_seated(d, x, y, s, color):
    """Seated silhouette seen from behind (meeting rows)."""
    d.ellipse([x - s * 0.16, y - s * 0.95, x + s * 0.16, y - s * 0.63], fill=color)
    d.rounded_rectangle([x - s * 0.3, y - s * 0.62, x + s * 0.3, y], radius=s * 0.14, fill=color)


def draw_tower(d, x, base, height, S, color=(200, 60, 50), light=(255, 240, 240)):
    """A lattice telecom tower with antennas and signal arcs."""
    top = base - height
    half = height * 0.09
    d.line([(x - half, base), (x, top)], fill=color, width=5 * S)
    d.line([(x + half, base), (x, top)], fill=color, width=5 * S)
    steps = 9
    for i in range(1, steps):
        y1 = base - height * i / steps
        y0 = base - height * (i - 1) / steps
        w1 = half * (1 - i / steps)
        w0 = half * (1 - (i - 1) / steps)
        d.line([(x - w0, y0), (x + w1, y1)], fill=color, width=2 * S)
        d.line([(x + w0, y0), (x - w1, y1)], fill=color, width=2 * S)
        d.line([(x - w1, y1), (x + w1, y1)], fill=color, width=2 * S)
    for side in (-1, 1):  # antennas
        d.rectangle([x + side * 14 * S - 5 * S, top + 30 * S, x + side * 14 * S + 5 * S, top + 80 * S], fill=light)
    d.ellipse([x - 7 * S, top - 7 * S, x + 7 * S, top + 7 * S], fill=(255, 60, 60))
    for r in (60, 100, 140):  # signal arcs
        box = [x - r * S, top - r * S, x + r * S, top + r * S]
        d.arc(box, 200, 250, fill=(255, 255, 255, 170), width=4 * S)
        d.arc(box, 290, 340, fill=(255, 255, 255, 170), width=4 * S)


# --------------------------------------------------------------------------
# scenes (all drawn on an S-times larger canvas)
# --------------------------------------------------------------------------
def scene_village(img, rng, S, with_tower=False):
    """Rural Lombok: Rinjani, hills, rice terraces, houses and palms."""
    w, h = img.size
    sky = SKIES[rng.randrange(len(SKIES))]
    draw_sky(img, rng, sky, S)
    d = ImageDraw.Draw(img, "RGBA")
    draw_mountain(d, rng, w, h, sky)
    greens = [mix(sky[3], (70, 130, 80), t) for t in (0.45, 0.65, 0.85)] + [(74, 140, 62), (58, 118, 52)]
    draw_hills(d, rng, w, h, greens, start=0.5)
    draw_terraces(d, rng, w, h, h * 0.8, (120, 180, 90, 140))
    if with_tower:
        draw_tower(d, rng.uniform(0.62, 0.82) * w, h * 0.72, h * 0.55, S)
    roofs = [(120, 86, 60), (150, 110, 70), (96, 70, 52)]
    walls = [(236, 222, 196), (222, 206, 176), (244, 236, 220)]
    for _ in range(rng.randint(4, 7)):
        x = rng.uniform(0.05, 0.95) * w
        y = rng.uniform(0.74, 0.86) * h
        draw_house(d, x, y, rng.uniform(60, 95) * S, rng.choice(walls), rng.choice(roofs))
    for _ in range(rng.randint(6, 12)):
        x = rng.uniform(0, w)
        y = rng.uniform(0.72, 0.95) * h
        if rng.random() < 0.5:
            draw_palm(d, x, y, rng.uniform(90, 150) * S, (46, 110, 60))
        else:
            draw_tree(d, x, y, rng.uniform(70, 120) * S, (52, 120, 64))
    for _ in range(rng.randint(2, 5)):
        draw_person(d, rng.uniform(0.1, 0.9) * w, rng.uniform(0.9, 0.97) * h, rng.uniform(80, 110) * S, (40, 46, 58))


def scene_tower(img, rng, S):
    """The village scene with a signal tower."""
    scene_village(img, rng, S, with_tower=True)


def scene_coast(img, rng, S):
    """Southern coast: headlands, sea, beach, boats and palms."""
    w, h = img.size
    sky = SKIES[rng.randrange(len(SKIES))]
    draw_sky(img, rng, sky, S)
    d = ImageDraw.Draw(img, "RGBA")
    horizon = h * rng.uniform(0.5, 0.58)
    # headlands
    d.polygon(hill_points(rng, w // 2, horizon + 10, h * 0.14, w // 50, 1.0), fill=(70, 120, 90))
    pts = [(x + w * 0.6, y) for x, y in hill_points(rng, int(w * 0.4), horizon + 10, h * 0.18, w // 50, 2.0)]
    d.polygon(pts, fill=(62, 110, 84))
    sea = Image.new("RGB", (w, int(h - horizon)))
    sea.paste(vertical_gradient(sea.size, (40, 130, 170), (90, 200, 200)))
    img.paste(sea, (0, int(horizon)))
    d = ImageDraw.Draw(img, "RGBA")
    for i in range(14):
        y = horizon + (h - horizon) * (i / 14) ** 1.3
        for _ in range(rng.randint(2, 5)):
            x = rng.uniform(0, w)
            ln = rng.uniform(40, 160) * S
            d.line([(x, y), (x + ln, y)], fill=(255, 255, 255, 90), width=2 * S)
    beach_top = h * rng.uniform(0.78, 0.84)
    d.polygon(
        [(0, beach_top + 30 * S), (w * 0.4, beach_top), (w, beach_top + 40 * S), (w, h), (0, h)], fill=(238, 220, 180)
    )
    d.line(
        [(0, beach_top + 30 * S), (w * 0.4, beach_top), (w, beach_top + 40 * S)], fill=(255, 255, 255, 200), width=6 * S
    )
    for _ in range(rng.randint(3, 6)):
        draw_palm(d, rng.uniform(0, w), rng.uniform(0.86, 0.98) * h, rng.uniform(180, 260) * S, (40, 110, 70))
    for _ in range(rng.randint(2, 4)):  # fishing boats
        x, y = rng.uniform(0.1, 0.9) * w, horizon + (h - horizon) * rng.uniform(0.15, 0.45)
        s = rng.uniform(40, 70) * S
        d.polygon(
            [(x - s, y), (x + s, y), (x + s * 0.7, y + s * 0.25), (x - s * 0.7, y + s * 0.25)],
            fill=rng.choice([(200, 60, 50), (40, 90, 160), (230, 190, 60)]),
        )
    for _ in range(rng.randint(3, 6)):
        draw_person(d, rng.uniform(0.05, 0.95) * w, rng.uniform(0.9, 0.97) * h, rng.uniform(90, 120) * S, (50, 50, 62))


def scene_building(img, rng, S):
    """A public-service building with a Sasak-style roof and a queue."""
    w, h = img.size
    sky = SKIES[rng.randrange(len(SKIES))]
    draw_sky(img, rng, sky, S)
    d = ImageDraw.Draw(img, "RGBA")
    for _ in range(rng.randint(3, 6)):  # trees behind
        draw_tree(d, rng.uniform(0, w), h * 0.62, rng.uniform(160, 240) * S, (60, 120, 70))
    facade = rng.choice([(232, 228, 218), (240, 236, 226), (224, 230, 236), (236, 222, 200)])
    accent = rng.choice([(18, 110, 120), (160, 60, 40), (40, 90, 160), (190, 140, 40), (110, 60, 120)])
    glass = rng.choice([(120, 170, 200, 230), (110, 150, 150, 230), (150, 190, 215, 230), (90, 120, 150, 230)])
    floors = rng.randint(2, 3)
    center = w * rng.uniform(0.38, 0.62)
    half = w * rng.uniform(0.26, 0.36)
    left, right = center - half, center + half
    top, ground = h * (0.36 - 0.06 * floors), h * 0.78
    if rng.random() < 0.5:  # side wing
        wing = (right - 20 * S, ground - (ground - top) * 0.55, right + w * 0.14, ground)
        if rng.random() < 0.5:
            wing = (left - w * 0.14, ground - (ground - top) * 0.55, left + 20 * S, ground)
        d.rectangle(wing, fill=shade(facade, 0.9))
        for i in range(3):
            wx = wing[0] + 30 * S + i * (wing[2] - wing[0] - 40 * S) / 3
            d.rectangle([wx, wing[1] + 40 * S, wx + (wing[2] - wing[0]) / 3 - 40 * S, ground - 40 * S], fill=glass)
    d.rectangle([left, top, right, ground], fill=facade)
    # stepped Sasak-inspired roof
    d.polygon([(left - 40 * S, top), (center, top - h * 0.16), (right + 40 * S, top)], fill=shade(accent, 0.8))
    d.polygon(
        [(left + half * 0.5, top - h * 0.08), (center, top - h * 0.22), (right - half * 0.5, top - h * 0.08)],
        fill=accent,
    )
    cols = rng.randint(7, 12)
    cw = (right - left) / cols
    fh = (ground - top - 40 * S) / floors
    for f in range(floors):
        y0 = top + 30 * S + f * fh
        y1 = y0 + fh - 30 * S
        for c in range(cols):
            x0 = left + c * cw + 10 * S
            d.rectangle([x0, y0, x0 + cw - 20 * S, y1], fill=glass)
            d.line([(x0, y0), (x0 + cw - 20 * S, y1)], fill=(255, 255, 255, 60), width=3 * S)
    door = (center - 90 * S, ground - 170 * S, center + 90 * S, ground)
    d.rectangle(door, fill=(80, 110, 130))
    if rng.random() < 0.6:  # entrance canopy
        d.polygon(
            [
                (door[0] - 120 * S, door[1] - 10 * S),
                (door[2] + 120 * S, door[1] - 10 * S),
                (door[2] + 160 * S, door[1] + 30 * S),
                (door[0] - 160 * S, door[1] + 30 * S),
            ],
            fill=accent,
        )
    d.rectangle([door[0] - 160 * S, top + 12 * S, door[2] + 160 * S, top + 60 * S], fill=accent)
    d.rectangle([door[0] - 120 * S, top + 26 * S, door[2] + 120 * S, top + 44 * S], fill=(255, 255, 255, 170))
    d.rectangle([0, ground, w, h], fill=(196, 196, 190))
    for i in range(0, w, 120 * S):
        d.line([(i, ground), (i - 200 * S, h)], fill=(180, 180, 172), width=2 * S)
    if rng.random() < 0.6:  # flag pole
        fx = rng.choice([left - 120 * S, right + 120 * S])
        d.rectangle([fx - 5 * S, top - 80 * S, fx + 5 * S, ground + 40 * S], fill=(210, 210, 210))
        d.rectangle([fx + 5 * S, top - 80 * S, fx + 130 * S, top - 40 * S], fill=(200, 30, 40))
        d.rectangle([fx + 5 * S, top - 40 * S, fx + 130 * S, top], fill=(250, 250, 250))
    colors = [(44, 52, 70), (120, 50, 60), (30, 90, 110), (90, 70, 50), (60, 60, 90), (230, 230, 225)]
    queue_y = ground + (h - ground) * rng.uniform(0.45, 0.7)
    x = door[0] - rng.uniform(450, 700) * S
    for _ in range(rng.randint(5, 14)):
        draw_person(d, x, queue_y + rng.uniform(-8, 8) * S, rng.uniform(150, 180) * S, rng.choice(colors))
        x += rng.uniform(70, 120) * S
    for _ in range(rng.randint(0, 4)):  # parked motorbikes
        mx, my = rng.uniform(0.05, 0.95) * w, h * rng.uniform(0.93, 0.98)
        col = rng.choice([(30, 30, 36), (180, 30, 40), (40, 60, 140), (230, 230, 230)])
        for off in (-60, 60):
            d.ellipse(
                [mx + off * S - 30 * S, my - 30 * S, mx + off * S + 30 * S, my + 30 * S],
                outline=(20, 20, 20),
                width=8 * S,
            )
        d.polygon(
            [
                (mx - 60 * S, my - 10 * S),
                (mx - 20 * S, my - 70 * S),
                (mx + 50 * S, my - 60 * S),
                (mx + 60 * S, my - 10 * S),
            ],
            fill=col,
        )


def scene_control(img, rng, S):
    """A control room with a video wall and operators."""
    w, h = img.size
    dark = rng.choice([(16, 24, 40), (20, 28, 36), (26, 22, 44)])
    img.paste(vertical_gradient((w, h), dark, shade(dark, 1.8)))
    d = ImageDraw.Draw(img, "RGBA")
    rows, cols = rng.randint(2, 3), rng.randint(4, 6)
    wall_l, wall_r, wall_t, wall_b = w * 0.08, w * 0.92, h * 0.1, h * 0.58
    cw, ch = (wall_r - wall_l) / cols, (wall_b - wall_t) / rows
    for r in range(rows):
        for c in range(cols):
            x0, y0 = wall_l + c * cw + 8 * S, wall_t + r * ch + 8 * S
            x1, y1 = x0 + cw - 16 * S, y0 + ch - 16 * S
            base = rng.choice([(30, 80, 120), (40, 110, 90), (70, 60, 120), (100, 80, 50), (30, 100, 130)])
            d.rectangle([x0, y0, x1, y1], fill=base)
            kind = rng.randrange(4)
            if kind == 0:  # bar chart
                n = rng.randint(5, 9)
                bw = (x1 - x0) / (n * 1.6)
                for i in range(n):
                    bh = (y1 - y0) * rng.uniform(0.15, 0.8)
                    bx = x0 + bw * 0.6 + i * bw * 1.6
                    d.rectangle([bx, y1 - bh - 6 * S, bx + bw, y1 - 6 * S], fill=(120, 220, 200))
            elif kind == 1:  # line chart
                pts = [(x0 + (x1 - x0) * i / 10, y1 - (y1 - y0) * rng.uniform(0.2, 0.85)) for i in range(11)]
                d.line(pts, fill=(255, 210, 90), width=4 * S)
            elif kind == 2:  # street camera: road perspective
                d.polygon(
                    [
                        ((x0 + x1) / 2 - 10 * S, y0 + (y1 - y0) * 0.3),
                        ((x0 + x1) / 2 + 10 * S, y0 + (y1 - y0) * 0.3),
                        (x1, y1),
                        (x0, y1),
                    ],
                    fill=(70, 76, 84),
                )
                d.rectangle([x0, y0, x1, y0 + (y1 - y0) * 0.3], fill=(90, 140, 170))
                for _ in range(3):
                    cx = rng.uniform(x0 + 30 * S, x1 - 30 * S)
                    cy = rng.uniform(y0 + (y1 - y0) * 0.55, y1 - 20 * S)
                    d.rectangle(
                        [cx - 18 * S, cy - 10 * S, cx + 18 * S, cy + 10 * S],
                        fill=rng.choice([(220, 60, 60), (240, 240, 240), (60, 60, 200)]),
                    )
            else:  # map with dots
                for _ in range(14):
                    px, py = rng.uniform(x0, x1), rng.uniform(y0, y1)
                    d.ellipse(
                        [px - 5 * S, py - 5 * S, px + 5 * S, py + 5 * S],
                        fill=rng.choice([(255, 90, 90), (255, 220, 90), (120, 240, 140)]),
                    )
    glow = Image.new("RGB", (w, h), (0, 0, 0))
    ImageDraw.Draw(glow).rectangle([wall_l, wall_t, wall_r, wall_b], fill=(60, 120, 160))
    glow = glow.filter(ImageFilter.GaussianBlur(60 * S))
    img.paste(Image.blend(img, Image.composite(glow, img, glow.convert("L")), 0.25))
    d = ImageDraw.Draw(img, "RGBA")
    desk_y = h * 0.8
    d.rectangle([0, desk_y, w, h], fill=(34, 38, 48))
    d.rectangle([0, desk_y - 10 * S, w, desk_y + 8 * S], fill=(58, 64, 78))
    for i in range(rng.randint(3, 5)):
        x = w * (0.15 + 0.7 * i / 4) + rng.uniform(-40, 40) * S
        d.rectangle([x - 70 * S, desk_y - 110 * S, x + 70 * S, desk_y - 20 * S], fill=(60, 130, 170))
        draw_seated(d, x + rng.uniform(-30, 30) * S, h * 0.98, rng.uniform(230, 270) * S, (12, 14, 20))


def draw_chart(d, rng, box, accent):
    """Draw a bar, line or pie chart inside box."""
    x0, y0, x1, y1 = box
    kind = rng.randrange(3)
    if kind == 0:  # bars
        n = rng.randint(4, 7)
        for i in range(n):
            bh = (y1 - y0) * rng.uniform(0.2, 0.85)
            bx = x0 + (x1 - x0) * (0.08 + 0.84 * i / n)
            d.rectangle([bx, y1 - bh, bx + (x1 - x0) * 0.5 / n, y1], fill=accent)
    elif kind == 1:  # line
        pts = [(x0 + (x1 - x0) * i / 8, y1 - (y1 - y0) * rng.uniform(0.15, 0.9)) for i in range(9)]
        d.line(pts, fill=accent, width=max(4, int((y1 - y0) / 40)))
        for px, py in pts:
            r = (y1 - y0) / 40
            d.ellipse([px - r * 1.5, py - r * 1.5, px + r * 1.5, py + r * 1.5], fill=accent)
    else:  # pie
        r = min(x1 - x0, y1 - y0) / 2
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        start = 0
        for share, col in zip(
            (rng.uniform(0.3, 0.5), rng.uniform(0.2, 0.3), 1.0),
            (accent, shade(accent, 1.5), (200, 200, 200)),
            strict=True,
        ):
            end = min(360, start + share * 360)
            d.pieslice([cx - r, cy - r, cx + r, cy + r], start, end, fill=col)
            start = end


def scene_meeting(img, rng, S):
    """A meeting hall: screen or stage, speakers and rows of audience."""
    w, h = img.size
    wall = rng.choice([(226, 218, 204), (214, 222, 226), (232, 224, 214), (210, 214, 200), (236, 230, 236)])
    img.paste(vertical_gradient((w, h), shade(wall, 1.05), shade(wall, 0.82)))
    d = ImageDraw.Draw(img, "RGBA")
    accent = rng.choice([(18, 110, 120), (150, 50, 40), (40, 90, 160), (170, 120, 30), (110, 60, 130)])
    layout = rng.randrange(3)
    floor_y = h * rng.uniform(0.58, 0.64)
    if rng.random() < 0.7:  # banner
        d.rectangle([w * 0.1, h * 0.05, w * 0.9, h * 0.12], fill=accent)
        d.rectangle([w * 0.3, h * 0.075, w * 0.7, h * 0.095], fill=(255, 255, 255, 150))
    if layout == 0:  # centred screen, panel table
        scr = [w * 0.28, h * 0.17, w * 0.72, h * 0.5]
    elif layout == 1:  # screen on the left, lectern on the right
        scr = [w * 0.08, h * 0.17, w * 0.5, h * 0.52]
    else:  # stage with a big board and people standing
        scr = [w * 0.25, h * 0.16, w * 0.75, h * 0.42]
    d.rectangle(scr, fill=(245, 248, 250))
    d.rectangle([scr[0], scr[1], scr[2], scr[1] + 30 * S], fill=shade(accent, 1.2))
    pad = 50 * S
    draw_chart(d, rng, (scr[0] + pad, scr[1] + 30 * S + pad, scr[2] - pad, scr[3] - pad), accent)
    if layout == 0:
        d.rectangle([w * 0.34, floor_y - h * 0.08, w * 0.66, floor_y], fill=(120, 84, 56))
        for i in range(3):
            draw_seated(d, w * (0.4 + 0.1 * i), floor_y - h * 0.04, 120 * S, (70, 70, 86))
    elif layout == 1:
        lx = w * rng.uniform(0.62, 0.75)
        draw_person(d, lx, floor_y - 10 * S, 300 * S, (50, 50, 66))
        d.polygon(
            [
                (lx - 70 * S, floor_y - 150 * S),
                (lx + 70 * S, floor_y - 150 * S),
                (lx + 50 * S, floor_y),
                (lx - 50 * S, floor_y),
            ],
            fill=(120, 84, 56),
        )
        d.rectangle([w * 0.82, h * 0.2, w * 0.86, floor_y], fill=(200, 200, 200))  # flag pole
        d.rectangle([w * 0.86, h * 0.2, w * 0.94, h * 0.25], fill=(200, 30, 40))
        d.rectangle([w * 0.86, h * 0.25, w * 0.94, h * 0.3], fill=(250, 250, 250))
    else:
        d.rectangle([0, floor_y - 30 * S, w, floor_y], fill=shade(accent, 0.7))
        x = w * 0.16
        while x < w * 0.86:
            draw_person(
                d,
                x,
                floor_y - 30 * S,
                rng.uniform(330, 380) * S,
                rng.choice([(40, 44, 60), (240, 240, 240), (30, 80, 100), (90, 40, 60)]),
            )
            x += rng.uniform(90, 130) * S
        board = [w * 0.38, floor_y - 260 * S, w * 0.62, floor_y - 150 * S]
        d.rectangle(board, fill=(250, 250, 245), outline=accent, width=6 * S)
    if layout != 2:
        for x in (w * 0.04, w * 0.96):
            d.rectangle([x - 30 * S, floor_y - h * 0.1, x + 30 * S, floor_y], fill=(110, 80, 60))
            d.ellipse([x - 90 * S, floor_y - h * 0.28, x + 90 * S, floor_y - h * 0.08], fill=(60, 130, 80))
    d.rectangle([0, floor_y, w, h], fill=shade(wall, 0.62))
    colors = [(36, 42, 56), (60, 40, 50), (30, 70, 90), (80, 60, 40), (50, 50, 80), (240, 240, 240)]
    rows = rng.choice([(0.82, 0.96), (0.78, 0.9, 1.03), (0.9, 1.04)])
    for r, frac in enumerate(rows):
        y = h * frac
        s = (170 + r * 50) * S * (1.15 if len(rows) == 2 else 1)
        x = rng.uniform(-40, 40) * S + s * 0.4
        while x < w:
            if rng.random() < 0.9:
                color = rng.choice(colors)
                draw_seated(d, x, y, s, color)
                if rng.random() < 0.35:  # head cover
                    d.ellipse([x - s * 0.19, y - s * 0.98, x + s * 0.19, y - s * 0.66], fill=rng.choice(colors[:5]))
            x += s * rng.uniform(0.62, 0.85)


def scene_desk(img, rng, S):
    """Service counter close-up: officer, monitor, camera and a citizen seen from behind."""
    w, h = img.size
    wall = rng.choice([(230, 236, 238), (238, 232, 222), (226, 232, 224)])
    img.paste(vertical_gradient((w, h), wall, shade(wall, 0.85)))
    d = ImageDraw.Draw(img, "RGBA")
    accent = rng.choice([(18, 110, 120), (40, 90, 160), (170, 120, 30), (150, 50, 40)])
    d.rectangle([0, h * 0.08, w, h * 0.18], fill=accent)
    for i in range(rng.randint(2, 3)):  # numbered counters in the back
        bx = w * (0.08 + 0.3 * i)
        d.rectangle([bx, h * 0.22, bx + w * 0.22, h * 0.32], fill=(40, 44, 52))
        d.rectangle([bx + 20 * S, h * 0.24, bx + w * 0.08, h * 0.3], fill=(255, 90, 60))
    officer_x = w * rng.uniform(0.55, 0.7)
    d.ellipse([officer_x - 80 * S, h * 0.3, officer_x + 80 * S, h * 0.52], fill=(176, 128, 92))
    if rng.random() < 0.5:
        d.chord([officer_x - 95 * S, h * 0.27, officer_x + 95 * S, h * 0.56], 180, 360, fill=(40, 40, 60))
    else:
        d.rounded_rectangle(
            [officer_x - 84 * S, h * 0.26, officer_x + 84 * S, h * 0.36], radius=14 * S, fill=(25, 25, 30)
        )
    d.rounded_rectangle(
        [officer_x - 210 * S, h * 0.52, officer_x + 210 * S, h * 0.8],
        radius=90 * S,
        fill=rng.choice([(235, 235, 228), (60, 80, 110), (120, 110, 90)]),
    )
    # counter
    desk_y = h * 0.66
    d.rectangle([0, desk_y, w, h], fill=(150, 110, 78))
    d.rectangle([0, desk_y, w, desk_y + 24 * S], fill=(186, 146, 108))
    mon_x = officer_x - w * 0.26
    d.rectangle([mon_x - 170 * S, desk_y - 250 * S, mon_x + 170 * S, desk_y - 40 * S], fill=(30, 34, 40))
    d.rectangle([mon_x - 155 * S, desk_y - 235 * S, mon_x + 155 * S, desk_y - 55 * S], fill=(90, 160, 200))
    for i in range(5):
        d.rectangle(
            [
                mon_x - 130 * S,
                desk_y - 215 * S + i * 30 * S,
                mon_x + rng.uniform(0, 120) * S,
                desk_y - 200 * S + i * 30 * S,
            ],
            fill=(240, 250, 255, 200),
        )
    d.rectangle([mon_x - 20 * S, desk_y - 40 * S, mon_x + 20 * S, desk_y], fill=(30, 34, 40))
    # camera on tripod and fingerprint pad
    cam_x = officer_x + w * 0.2
    d.line([(cam_x, desk_y - 200 * S), (cam_x - 50 * S, desk_y)], fill=(40, 40, 40), width=6 * S)
    d.line([(cam_x, desk_y - 200 * S), (cam_x + 50 * S, desk_y)], fill=(40, 40, 40), width=6 * S)
    d.rounded_rectangle(
        [cam_x - 60 * S, desk_y - 260 * S, cam_x + 60 * S, desk_y - 190 * S], radius=10 * S, fill=(30, 30, 34)
    )
    d.ellipse([cam_x - 24 * S, desk_y - 248 * S, cam_x + 24 * S, desk_y - 200 * S], fill=(80, 120, 170))
    d.rounded_rectangle(
        [officer_x - 60 * S, desk_y - 30 * S, officer_x + 60 * S, desk_y + 6 * S], radius=8 * S, fill=(60, 200, 120)
    )
    # citizen seen from behind, bottom left
    cx = w * rng.uniform(0.18, 0.3)
    col = rng.choice([(60, 40, 80), (30, 90, 110), (150, 60, 70), (40, 44, 60)])
    d.ellipse([cx - 120 * S, h * 0.55, cx + 120 * S, h * 0.82], fill=col if rng.random() < 0.6 else (30, 26, 24))
    d.rounded_rectangle([cx - 260 * S, h * 0.76, cx + 260 * S, h * 1.2], radius=140 * S, fill=col)


def rack_edge(vx, vy, w, h, S, side, t):
    """Screen x, top y and bottom y of a rack row edge at depth t (0 far, 1 near)."""
    x = vx + side * (90 * S + (w * 0.55 - 90 * S) * t)
    top = vy - (vy - h * 0.02) * t - 120 * S * (1 - t)
    bot = vy + 60 * S + (h * 0.98 - vy - 60 * S) * t
    return x, top, bot


def scene_racks(img, rng, S):
    """Data-centre aisle: two rows of server racks in perspective with status lights."""
    w, h = img.size
    base = rng.choice([(18, 26, 38), (22, 30, 30), (28, 24, 40)])
    img.paste(vertical_gradient((w, h), base, shade(base, 2.2)))
    d = ImageDraw.Draw(img, "RGBA")
    vx, vy = w * rng.uniform(0.42, 0.58), h * 0.45  # vanishing point
    d.polygon([(0, h), (w, h), (vx + 60 * S, vy + 40 * S), (vx - 60 * S, vy + 40 * S)], fill=shade(base, 2.8))
    for i in range(0, 12):  # floor tiles
        t = (i / 12) ** 2
        y = vy + 40 * S + (h - vy - 40 * S) * t
        d.line([(0, y), (w, y)], fill=(255, 255, 255, 25), width=2 * S)
    d.rectangle([vx - 240 * S, 0, vx + 240 * S, 30 * S], fill=(240, 250, 255, 120))  # ceiling light
    led = [(80, 255, 120), (80, 180, 255), (255, 190, 60), (255, 80, 80)]
    for side in (-1, 1):
        n = 6
        for k in range(n, 0, -1):
            t0, t1 = (k - 1) / n, k / n
            xa, ta, ba = rack_edge(vx, vy, w, h, S, side, t0)
            xb, tb, bb = rack_edge(vx, vy, w, h, S, side, t1)
            face = shade((52, 58, 70), 0.7 + 0.6 * t1)
            d.polygon([(xa, ta), (xb, tb), (xb, bb), (xa, ba)], fill=face)
            d.line([(xb, tb), (xb, bb)], fill=(20, 20, 24), width=3 * S)
            rows = 14
            for r in range(rows):
                fy = r / rows
                ya, yb = ta + (ba - ta) * fy, tb + (bb - tb) * fy
                d.line([(xa, ya), (xb, yb)], fill=(30, 32, 38, 160), width=max(1, int(S * t1 * 2)))
                if rng.random() < 0.55:
                    lx = xa + (xb - xa) * rng.uniform(0.2, 0.8)
                    ly = ya + (yb - ya) * (lx - xa) / max(1, (xb - xa)) + 6 * S * t1
                    rr = max(2, 5 * S * t1)
                    d.ellipse([lx - rr, ly - rr, lx + rr, ly + rr], fill=rng.choice(led))
    if rng.random() < 0.7:
        draw_person(d, vx + rng.uniform(-80, 80) * S, h * 0.86, 420 * S, (14, 16, 22))


def scene_river(img, rng, S):
    """A river with a bridge and a solar-powered water-level sensor."""
    w, h = img.size
    sky = SKIES[rng.randrange(len(SKIES))]
    draw_sky(img, rng, sky, S)
    d = ImageDraw.Draw(img, "RGBA")
    draw_hills(d, rng, w, h, [mix(sky[3], (80, 130, 90), 0.6), (80, 140, 80)], start=0.45)
    river_top = h * 0.62
    d.polygon([(w * 0.38, river_top), (w * 0.52, river_top), (w * 0.95, h), (w * 0.05, h)], fill=(110, 150, 160))
    for _ in range(30):
        y = rng.uniform(river_top, h)
        t = (y - river_top) / (h - river_top)
        xl, xr = w * (0.38 - 0.33 * t), w * (0.52 + 0.43 * t)
        x = rng.uniform(xl, xr - 60 * S)
        d.line([(x, y), (x + 60 * S * (0.5 + t), y)], fill=(230, 240, 240, 120), width=2 * S)
    # bridge
    by = h * 0.7
    d.rectangle([0, by, w, by + 40 * S], fill=(150, 150, 150))
    d.rectangle([0, by - 50 * S, w, by - 40 * S], fill=(200, 200, 200))
    for x in range(0, w, 90 * S):
        d.rectangle([x, by - 50 * S, x + 10 * S, by], fill=(200, 200, 200))
    for px in (w * 0.3, w * 0.62):
        d.rectangle([px - 30 * S, by + 40 * S, px + 30 * S, h * 0.9], fill=(140, 140, 136))
    # sensor pole with solar panel
    sx = w * rng.uniform(0.55, 0.75)
    d.rectangle([sx - 6 * S, by - 320 * S, sx + 6 * S, by], fill=(90, 90, 96))
    d.polygon(
        [
            (sx - 80 * S, by - 330 * S),
            (sx + 80 * S, by - 360 * S),
            (sx + 80 * S, by - 300 * S),
            (sx - 80 * S, by - 280 * S),
        ],
        fill=(30, 60, 120),
    )
    d.rectangle([sx + 6 * S, by - 200 * S, sx + 60 * S, by - 140 * S], fill=(240, 240, 235))
    d.ellipse([sx + 24 * S, by - 180 * S, sx + 42 * S, by - 162 * S], fill=(60, 200, 90))
    for r in (40, 70):
        d.arc(
            [sx - r * S, by - 380 * S - r * S, sx + r * S, by - 380 * S + r * S],
            220,
            320,
            fill=(255, 255, 255, 180),
            width=4 * S,
        )
    for _ in range(2):
        draw_person(d, sx + rng.uniform(-220, -80) * S, by, 150 * S, (230, 120, 40))
    for _ in range(rng.randint(4, 8)):
        draw_tree(
            d,
            rng.choice([rng.uniform(0, w * 0.3), rng.uniform(w * 0.7, w)]),
            rng.uniform(0.8, 0.98) * h,
            rng.uniform(120, 180) * S,
            (50, 116, 60),
        )


SCENE_FUNCS = {
    "village": scene_village,
    "tower": scene_tower,
    "coast": scene_coast,
    "building": scene_building,
    "control": scene_control,
    "meeting": scene_meeting,
    "desk": scene_desk,
    "racks": scene_racks,
    "river": scene_river,
}


def pick_scene(stem: str, rng: random.Random) -> str:
    """Choose a scene from keywords in the file name, else by seed."""
    for keyword, scene in SCENE_KEYWORDS:
        if keyword in stem:
            return scene
    return rng.choice(SCENES)


def add_label(img: Image.Image, text: str) -> None:
    """Small, subtle caption strip in the bottom-left corner."""
    d = ImageDraw.Draw(img, "RGBA")
    f = font(max(14, img.width // 75))
    x0, y0 = int(img.width * 0.015), int(img.height * 0.95)
    box = d.textbbox((x0, y0), text, font=f)
    d.rectangle([box[0] - 8, box[1] - 5, box[2] + 8, box[3] + 5], fill=(0, 0, 0, 90))
    d.text((x0, y0), text, font=f, fill=(255, 255, 255, 200))


def render_article(path: Path) -> Image.Image:
    """Draw the 1600x900 illustration for an article photo path."""
    stem = path.stem
    rng = random.Random(seed_for(stem))
    scene = pick_scene(stem, rng)
    w, h = ARTICLE_SIZE
    img = Image.new("RGB", (w * SUPERSAMPLE, h * SUPERSAMPLE))
    SCENE_FUNCS[scene](img, rng, SUPERSAMPLE)
    img = img.resize(ARTICLE_SIZE, Image.LANCZOS)
    add_label(img, "ILUSTRASI · DISKOMINFO LOTENG · " + stem.replace("-", " "))
    return img


def render_portrait(path: Path, name: str) -> Image.Image:
    """Draw a 600x600 stylised avatar for a person."""
    rng = random.Random(seed_for(name))
    S = SUPERSAMPLE
    w, h = (PORTRAIT_SIZE[0] * S, PORTRAIT_SIZE[1] * S)
    palettes = [
        ((30, 110, 120), (150, 210, 200)),
        ((150, 70, 50), (240, 190, 150)),
        ((40, 70, 140), (160, 190, 235)),
        ((110, 80, 140), (215, 190, 230)),
        ((60, 110, 60), (190, 225, 170)),
    ]
    top, bottom = palettes[rng.randrange(len(palettes))]
    img = vertical_gradient((w, h), top, bottom)
    d = ImageDraw.Draw(img, "RGBA")
    for _ in range(6):  # soft bokeh circles
        r = rng.uniform(40, 120) * S
        cx, cy = rng.uniform(0, w), rng.uniform(0, h * 0.6)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 255, 255, 28))
    skin = rng.choice([(198, 150, 110), (176, 128, 92), (214, 168, 128), (160, 112, 80)])
    shirt = rng.choice([(30, 60, 100), (240, 240, 236), (120, 40, 50), (40, 90, 80), (70, 70, 80)])
    first = name.split()[0].lower()
    covered = first in {"baiq", "lale", "inaq", "hj."} or name.lower().endswith(("aini", "wahyuni", "fitriani"))
    cx = w / 2
    # shoulders
    d.rounded_rectangle([cx - 230 * S, h * 0.72, cx + 230 * S, h * 1.1], radius=150 * S, fill=shirt)
    d.rectangle([cx - 40 * S, h * 0.6, cx + 40 * S, h * 0.76], fill=shade(skin, 0.9))
    if covered:  # hijab
        hijab = rng.choice([(70, 40, 80), (30, 90, 110), (150, 110, 90), (180, 60, 80), (60, 60, 70)])
        d.ellipse([cx - 150 * S, h * 0.16, cx + 150 * S, h * 0.66], fill=hijab)
        d.polygon(
            [(cx - 150 * S, h * 0.45), (cx + 150 * S, h * 0.45), (cx + 200 * S, h * 0.85), (cx - 200 * S, h * 0.85)],
            fill=hijab,
        )
        d.ellipse([cx - 92 * S, h * 0.24, cx + 92 * S, h * 0.58], fill=skin)
    else:
        d.ellipse([cx - 100 * S, h * 0.2, cx + 100 * S, h * 0.6], fill=skin)
        hair = (34, 28, 26)
        if rng.random() < 0.5:  # peci (songkok)
            d.rounded_rectangle([cx - 104 * S, h * 0.13, cx + 104 * S, h * 0.3], radius=20 * S, fill=(25, 25, 30))
        else:
            d.chord([cx - 106 * S, h * 0.15, cx + 106 * S, h * 0.45], 180, 360, fill=hair)
        d.ellipse([cx - 118 * S, h * 0.36, cx - 92 * S, h * 0.45], fill=skin)
        d.ellipse([cx + 92 * S, h * 0.36, cx + 118 * S, h * 0.45], fill=skin)
    eye_y = h * 0.4
    for ex in (cx - 38 * S, cx + 38 * S):
        d.ellipse([ex - 9 * S, eye_y - 9 * S, ex + 9 * S, eye_y + 9 * S], fill=(40, 30, 30))
    d.arc([cx - 40 * S, h * 0.43, cx + 40 * S, h * 0.52], 20, 160, fill=(120, 60, 60), width=5 * S)
    if shirt != (240, 240, 236):  # collar
        d.polygon([(cx - 60 * S, h * 0.73), (cx, h * 0.82), (cx + 60 * S, h * 0.73)], fill=(245, 245, 240))
    img = img.resize(PORTRAIT_SIZE, Image.LANCZOS)
    add_label(img, "ILUSTRASI")
    return img


def encode(img: Image.Image) -> bytes:
    """Encode an image as a progressive, optimised JPEG."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", **JPEG_OPTIONS)
    return buf.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write data to path unless the file already has exactly these bytes."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list missing photos; exit 1 if any")
    args = parser.parse_args(argv)

    articles, portraits = wanted_photos()
    jobs = [(p, None) for p in articles] + portraits
    if args.check:
        missing = [p for p, _ in jobs if not p.exists()]
        for p in missing:
            print(f"missing: {p.relative_to(ROOT)}")
        return 1 if missing else 0

    written = 0
    for path, person in jobs:
        img = render_portrait(path, person) if person else render_article(path)
        data = encode(img)
        if len(data) > MAX_BYTES:
            print(f"warning: {path.relative_to(ROOT)} is {len(data) // 1024} KB", file=sys.stderr)
        if write_if_changed(path, data):
            written += 1
            print(f"wrote {path.relative_to(ROOT)} ({len(data) // 1024} KB)")
    print(f"{len(jobs)} photos checked, {written} written.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
