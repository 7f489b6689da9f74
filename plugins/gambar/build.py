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
from newsroom import state

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


def build_of(context) -> GambarBuild:
    """The build's GambarBuild, from a generator or template context."""
    return state.of(context, KEY, "gambar")


def start(generator) -> GambarBuild:
    """Make the build's GambarBuild when its first generator is made; later ones share it."""
    return state.start(generator, KEY, lambda: GambarBuild(GambarConfig.from_settings(generator.settings)))


@pass_context
def picture(context, source: str, preset: str = "lead"):
    """Jinja global: the renditions of SOURCE for a named preset.

    A module-level function (Pelican pickles its settings, which hold the
    Jinja globals, into the content cache) that finds this build's maker in
    the template context.
    """
    build = build_of(context)
    return build.maker.picture(source, build.cfg.presets[preset])


@dataclass(frozen=True)
class Report:
    """What one build did with images, sent with ``gambar.finished``."""

    encoded: int  # files encoded (cache misses)
    published: int  # renditions and copies copied into the output
