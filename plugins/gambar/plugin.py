"""Signal wiring: a ``picture`` Jinja global per build, body links checked,
stripped copies and renditions copied at the end.

Order within one build:
1. ``initialized``: read the settings, make the photo library and the maker;
2. ``article/page_generator_finalized``: check every body's links (``invoke
   check`` stops here), remembering those of pages a reader can open;
3. ``all_generators_finalized``: stop before writing when a link is wrong;
4. ``static_generator_finalized``: keep Pelican from copying any image as it
   is, and make the stripped copies that written pages link to;
5. ``finalized``: copy every rendition and copy used into the output.
"""

from __future__ import annotations

import logging
from pathlib import Path

from newsroom.articles import written_articles
from newsroom.problems import ContentInvalid
from pelican import signals

from . import cachefile, linked
from .photos import DEFAULT_MAX_PIXELS, PhotoLibrary, PhotoProblem
from .presets import DEFAULT_PRESETS, Preset
from .renditions import RenditionMaker

logger = logging.getLogger(__name__)

DEFAULTS = {
    "GAMBAR_PRESETS": {},  # extra or replaced presets: name -> Preset or its fields
    "GAMBAR_MAX_PIXELS": DEFAULT_MAX_PIXELS,  # larger photos are refused (decompression bombs)
    "GAMBAR_BODY_MAX_WIDTH": 1600,  # px; a body image's published copy is at most this wide
}

MAKER: RenditionMaker | None = None
PRESETS: dict[str, Preset] = dict(DEFAULT_PRESETS)


class _BuildState:
    """What one build has learned about body links; reset when Pelican starts."""

    def __init__(self, settings=None):
        self.settings = settings or {}
        self.findings = linked.Findings(set(), [], [])

    def setting(self, key: str):
        return self.settings.get(key, DEFAULTS[key])


STATE = _BuildState()


def picture(source: str, preset: str = "lead"):
    """Jinja global: the renditions of SOURCE for a named preset.

    A module-level function, not a closure: Pelican pickles its settings
    (which hold the Jinja globals) into the content cache.
    """
    return MAKER.picture(source, PRESETS[preset])


def picture_file(source: str | Path, preset: Preset):
    """For other plugins: renditions of SOURCE (an editor's path, or a Path
    the build drew) for an ad-hoc preset, copied to the output like the
    templates' ones."""
    return MAKER.picture(source, preset)


def published_copy(source: str, target: str, max_width: int | None = None):
    """For other plugins: a metadata-free copy of SOURCE published at TARGET."""
    return MAKER.copy(source, target, max_width)


def photo_library(content_path: str | Path | None = None) -> PhotoLibrary:
    """The build's photo library (for newsroom's checks of photos and
    portraits); a fresh one for another content folder or without a build."""
    if MAKER is not None and (content_path is None or Path(content_path) == MAKER.content_path):
        return MAKER.library
    return PhotoLibrary(Path(content_path or STATE.settings.get("PATH", ".")))


def on_initialized(pelican) -> None:
    global MAKER
    settings = pelican.settings
    STATE.__init__(settings)
    PRESETS.clear()
    PRESETS.update(DEFAULT_PRESETS)
    for name, preset in STATE.setting("GAMBAR_PRESETS").items():
        PRESETS[name] = Preset(**preset) if isinstance(preset, dict) else preset
    cache = Path(settings["CACHE_PATH"]) / "gambar"
    try:
        cachefile.make_folder(cache, Path(settings["CACHE_PATH"]))  # a file in its place is removed
    except OSError:
        pass  # CACHE_PATH itself is unusable: the first write names it (portal/build.py checks it first)
    library = PhotoLibrary(Path(settings["PATH"]), cache, int(STATE.setting("GAMBAR_MAX_PIXELS")))
    MAKER = RenditionMaker(Path(settings["PATH"]), cache, library)
    settings.setdefault("JINJA_GLOBALS", {})["picture"] = picture


def _examine(everything, written) -> None:
    found = STATE.findings
    before = len(found.problems), len(found.warnings)
    linked.examine(everything, {id(c) for c in written}, MAKER.library, found)
    for problem in found.problems[before[0]:]:
        logger.error("%s", problem)
    for problem in found.warnings[before[1]:]:
        logger.warning("draf %s", problem)


def check_article_links(generator) -> None:
    written = list(written_articles(generator))
    _examine([*written, *generator.drafts, *generator.drafts_translations], written)


def check_page_links(generator) -> None:
    written = [*generator.pages, *generator.hidden_pages, *generator.translations, *generator.hidden_translations]
    _examine([*written, *generator.draft_pages, *generator.draft_translations], written)


def stop_on_link_problems(generators) -> None:
    if STATE.findings.problems:
        raise ContentInvalid(STATE.findings.problems)


def publish_linked_files(generator) -> None:
    """Pelican copies no image as it is; what written pages link to is
    published as a stripped copy at the URL Pelican's ``{static}`` gives it."""
    published = STATE.findings.published
    static_paths = generator.settings.get("STATIC_PATHS", ())
    generator.staticfiles[:] = [
        static for static in generator.staticfiles
        if linked.keep_static(static.relative_source_path, Path(generator.path), static_paths)]
    width = int(STATE.setting("GAMBAR_BODY_MAX_WIDTH"))
    for path in sorted(published):
        if linked.is_image(path):
            try:
                MAKER.copy(path, path, width)
            except PhotoProblem as problem:
                logger.error("%s: %s", path, problem)


def copy_renditions(pelican) -> None:
    if MAKER is not None:
        MAKER.copy_used(Path(pelican.output_path))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.article_generator_finalized.connect(check_article_links)
    signals.page_generator_finalized.connect(check_page_links)
    signals.all_generators_finalized.connect(stop_on_link_problems)
    signals.static_generator_finalized.connect(publish_linked_files)
    signals.finalized.connect(copy_renditions)
