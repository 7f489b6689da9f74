"""What other plugins, tasks and tests call: renditions, stripped copies and
the photo library of a build, reached through its generator or template
context (``generator.context``, or the ``context`` a template or
``content_written`` hands over). Nothing here is module-level state."""

from __future__ import annotations

from pathlib import Path

from blinker import signal

from . import ahead
from .build import KEY, build_of
from .config import GambarConfig
from .photos import PhotoLibrary
from .presets import Preset
from .renditions import Picture, Rendition

# Sent once per build, after the renditions are copied into the output, with
# a ``Report`` (files encoded, files published): how tests and benchmarks
# learn what a build cost without reaching into the plugin.
finished = signal("gambar.finished")


def renditions_of(context, source: str | Path, preset: Preset | str, *, publish: bool = True) -> Picture:
    """The renditions of SOURCE (an editor's path under content/images, or a
    Path of a file the build drew) for a named or ad-hoc PRESET, made or
    taken from the cache, and copied into the output at the end of the build;
    with PUBLISH false only made (their names known ahead), copied only if a
    page asks for them too."""
    build = build_of(context)
    return build.maker.picture(source, build.cfg.presets[preset] if isinstance(preset, str) else preset, publish)


def encode_ahead(context, wanted) -> int:
    """Encode the (source, preset) renditions in WANTED that the cache lacks,
    on every core, before the pages ask for them (see ahead.py)."""
    build = build_of(context)
    presets = build.cfg.presets
    return ahead.encode_ahead(build.maker, [(source, presets[p] if isinstance(p, str) else p) for source, p in wanted],
                              build.cfg.encode_workers)


def published_copy(context, source: str | Path, target: str, max_width: int | None = None) -> Rendition:
    """A metadata-free copy of SOURCE, published at TARGET (relative to the output)."""
    return build_of(context).maker.copy(source, target, max_width)


def cached_file(context, rendition: Rendition) -> Path:
    """The verified cache file of a rendition or copy this build made (its
    size, or the file itself for a plugin that publishes it elsewhere)."""
    maker = build_of(context).maker
    return maker.used.get(rendition.path) or maker.cached_file(rendition)


def photo_library(settings) -> PhotoLibrary:
    """The photo library for SETTINGS: the build's own when SETTINGS is a
    generator context gambar has started, else a new one made from the
    settings (content folder, cache, GAMBAR_MAX_PIXELS), so newsroom's checks
    judge photos exactly as the renditions will."""
    if KEY in settings:
        return settings[KEY].library
    cfg = GambarConfig.from_settings(settings)
    return PhotoLibrary(cfg.content_path, cfg.cache_dir, cfg.max_pixels)
