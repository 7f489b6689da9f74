"""The plugin's settings, read once per build with their defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .photos import DEFAULT_MAX_PIXELS
from .presets import DEFAULT_PRESETS, Preset

DEFAULTS = {
    "GAMBAR_PRESETS": {},  # extra or replaced presets: name -> Preset or its fields
    "GAMBAR_MAX_PIXELS": DEFAULT_MAX_PIXELS,  # larger photos are refused (decompression bombs)
    "GAMBAR_BODY_MAX_WIDTH": 1600,  # px; a body image's published copy is at most this wide
    # processes that encode photos ahead of the pages (ahead.py): 0 one per core, 1 none
    "GAMBAR_ENCODE_WORKERS": 0,
}
CACHE_FOLDER = "gambar"  # under CACHE_PATH


@dataclass(frozen=True)
class GambarConfig:
    content_path: Path
    cache_root: Path  # CACHE_PATH
    max_pixels: int
    body_max_width: int
    presets: dict[str, Preset] = field(default_factory=lambda: dict(DEFAULT_PRESETS))
    encode_workers: int = 0

    @property
    def cache_dir(self) -> Path:
        return self.cache_root / CACHE_FOLDER

    @classmethod
    def from_settings(cls, settings) -> GambarConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        presets = dict(DEFAULT_PRESETS)
        for name, preset in get("GAMBAR_PRESETS").items():
            presets[name] = Preset(**preset) if isinstance(preset, dict) else preset
        return cls(
            content_path=Path(settings.get("PATH") or "."),
            cache_root=Path(settings.get("CACHE_PATH") or "cache"),
            max_pixels=int(get("GAMBAR_MAX_PIXELS")),
            body_max_width=int(get("GAMBAR_BODY_MAX_WIDTH")),
            presets=presets,
            encode_workers=int(get("GAMBAR_ENCODE_WORKERS")),
        )
