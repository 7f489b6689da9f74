"""Signal wiring: a ``picture`` Jinja global per build, renditions copied at the end."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .presets import DEFAULT_PRESETS, Preset
from .renditions import RenditionMaker

MAKER: RenditionMaker | None = None
PRESETS: dict[str, Preset] = dict(DEFAULT_PRESETS)


def picture(source: str, preset: str = "lead"):
    """Jinja global: the renditions of SOURCE for a named preset.

    A module-level function, not a closure: Pelican pickles its settings
    (which hold the Jinja globals) into the content cache.
    """
    return MAKER.picture(source, PRESETS[preset])


def picture_file(source: str, preset: Preset):
    """For other plugins: renditions of SOURCE (content-relative or absolute)
    for an ad-hoc preset, copied to the output like the templates' ones."""
    return MAKER.picture(source, preset)


def on_initialized(pelican) -> None:
    global MAKER
    settings = pelican.settings
    PRESETS.clear()
    PRESETS.update(DEFAULT_PRESETS)
    for name, preset in settings.get("GAMBAR_PRESETS", {}).items():
        PRESETS[name] = Preset(**preset) if isinstance(preset, dict) else preset
    MAKER = RenditionMaker(Path(settings["PATH"]), Path(settings["CACHE_PATH"]) / "gambar")
    settings.setdefault("JINJA_GLOBALS", {})["picture"] = picture


def copy_renditions(pelican) -> None:
    if MAKER is not None:
        MAKER.copy_used(Path(pelican.output_path))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(copy_renditions)
