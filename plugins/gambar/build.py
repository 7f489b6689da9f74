"""One build's image work: its settings, photo library, rendition maker and
what the bodies link to, kept in Pelican's shared generator context (never
in a module global and never in the settings, which Pelican pickles).

Every generator of a build shares one context dict, and every template is
rendered with a copy of it, so signal handlers (``build_of(generator.context)``)
and the ``picture`` Jinja global (through its template context) reach the
same object, and the next build starts with a new one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from jinja2 import pass_context
from newsroom import reuse, state

from . import cachefile, linked
from .config import GambarConfig
from .photos import PhotoLibrary
from .renditions import RenditionMaker

logger = logging.getLogger(__name__)

KEY = "gambar_build"  # the generator context's key


class GambarBuild(state.BuildState):
    """The photo library and rendition maker of one build."""

    def __init__(self, cfg: GambarConfig):
        self.cfg = cfg
        try:
            cachefile.make_folder(cfg.cache_dir, cfg.cache_root)  # a file in its place is removed
        except OSError:
            pass  # CACHE_PATH itself is unusable: the first write names it (portal/build.py checks it first)
        self.library = PhotoLibrary(cfg.content_path, cfg.cache_dir, cfg.max_pixels)
        self.maker = RenditionMaker(cfg.content_path, cfg.cache_dir, self.library)
        self.findings = linked.Findings(set(), [], [])
        # [source, preset] of each picture the page being rendered asks for (None: one
        # that cannot be asked again by name), while newsroom.reuse records a page
        self.recording: list | None = None


class PictureEffects:
    """The renditions a page asks gambar to publish, recorded with the page so
    that a page reused from the last build asks for them again (newsroom.reuse)."""

    def __init__(self, build: GambarBuild):
        self.build = build

    def begin(self) -> None:
        self.build.recording = []

    def end(self) -> list | None:
        asked, self.build.recording = self.build.recording, None
        if asked is None:
            return []
        if any(item is None for item in asked):
            return None
        return [list(item) for item in dict.fromkeys(tuple(item) for item in asked)]

    def mark(self) -> int | None:
        return len(self.build.recording) if self.build.recording is not None else None

    def since(self, mark: int | None) -> list:
        asked = self.build.recording
        return list(asked[mark:]) if asked is not None and mark is not None else []

    def add(self, data: list) -> None:
        if self.build.recording is not None:
            self.build.recording.extend(data)

    def replay(self, data) -> None:
        """Ask again (DATA comes from a file in the cache: checked first)."""
        if not isinstance(data, list) or not all(
                isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item)
                for item in data):
            raise ValueError("not a list of [source, preset]")
        presets = self.build.cfg.presets
        for source, preset in data:
            self.build.maker.picture(source, presets[preset])


def build_of(context) -> GambarBuild:
    """The build's GambarBuild, from a generator or template context."""
    return state.of(context, KEY, "gambar")


def start(generator) -> GambarBuild:
    """Make the build's GambarBuild when its first generator is made; later ones share it."""
    build = state.start(generator, KEY, lambda: GambarBuild(GambarConfig.from_settings(generator.settings)))
    reuse.register_effects(generator.context, "gambar", PictureEffects(build))
    return build


@pass_context
def picture(context, source: str, preset: str = "lead"):
    """Jinja global: the renditions of SOURCE for a named preset.

    A module-level function (Pelican pickles its settings, which hold the
    Jinja globals, into the content cache) that finds this build's maker in
    the template context.
    """
    build = build_of(context)
    if build.recording is not None:
        build.recording.append([source, preset] if isinstance(source, str) and isinstance(preset, str) else None)
    return build.maker.picture(source, build.cfg.presets[preset])


@dataclass(frozen=True)
class Report:
    """What one build did with images, sent with ``gambar.finished``."""

    encoded: int  # files encoded (cache misses)
    published: int  # renditions and copies copied into the output
