"""Signal wiring: a ``picture`` Jinja global, body links checked, stripped
copies and renditions copied at the end. ``register()`` only connects
signals; the build's state is a ``GambarBuild`` in the generator context.

Order within one build (gambar needs no other plugin):
1. ``initialized``: expose ``picture()`` to templates;
2. ``generator_init`` (the first generator): read the settings once, make
   the photo library and the maker (``build.start``);
3. ``article/page_generator_finalized``: check every body's links (``invoke
   check`` stops here), remembering those of pages a reader can open;
4. ``all_generators_finalized``: stop before writing when a link is wrong;
5. ``static_generator_finalized`` (Pelican sends it before
   ``all_generators_finalized``, where newsroom publishes the bodies): keep
   Pelican from copying any image as it is, make the stripped copies that
   written pages link to, and give the bodies' pictures their size;
6. ``ImageOutput.generate_output`` (a generator Pelican runs after every
   page is written): copy every rendition and copy used into the output.
"""

from __future__ import annotations

import logging
from pathlib import Path

from newsroom.articles import written_articles
from newsroom.problems import ContentInvalid
from pelican import signals
from pelican.generators import ArticlesGenerator

from . import linked
from .api import encode_ahead, finished
from .build import Report, build_of, picture, start
from .photos import PhotoProblem

logger = logging.getLogger(__name__)


def on_initialized(pelican) -> None:
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}), "picture": picture}


def _examine(generator, everything, written) -> None:
    build = build_of(generator.context)
    found = build.findings
    before = len(found.problems), len(found.warnings)
    linked.examine(everything, {id(c) for c in written}, build.library, found)
    for problem in found.problems[before[0]:]:
        logger.error("%s", problem)
    for problem in found.warnings[before[1]:]:
        logger.warning("draf %s", problem)


def check_article_links(generator) -> None:
    written = list(written_articles(generator))
    _examine(generator, [*written, *generator.drafts, *generator.drafts_translations], written)


def check_page_links(generator) -> None:
    written = [*generator.pages, *generator.hidden_pages, *generator.translations, *generator.hidden_translations]
    _examine(generator, [*written, *generator.draft_pages, *generator.draft_translations], written)


def stop_on_link_problems(generators) -> None:
    problems = build_of(generators[0].context).findings.problems if generators else []
    if problems:
        raise ContentInvalid(problems)


def publish_linked_files(generator) -> None:
    """Pelican copies no image as it is; what written pages link to is
    published as a stripped copy at the URL Pelican's ``{static}`` gives it.
    The link check has refused what cannot be read, so a failure here is
    rare; it is logged (the editor's message) and raised (the build stops)."""
    build = build_of(generator.context)
    static_paths = generator.settings.get("STATIC_PATHS", ())
    generator.staticfiles[:] = [
        static for static in generator.staticfiles
        if linked.keep_static(static.relative_source_path, Path(generator.path), static_paths)]
    failed, copies = [], {}
    for path in sorted(build.findings.published):
        if linked.is_image(path):
            try:
                copy = build.maker.copy(path, path, build.cfg.body_max_width)
                copies[path] = (copy.width, copy.height, build.maker.copy_bytes(path, path, build.cfg.body_max_width))
            except PhotoProblem as problem:
                logger.error("%s: %s", path, problem)
                failed.append(problem)
    if failed:
        raise failed[0]
    linked.size_pictures(build.findings, copies)  # before newsroom publishes the bodies (all_generators_finalized)


def encode_photos_ahead(generators) -> None:
    """Each written article's lead photo as the article page (lead) and the
    lists (thumb) show it, encoded on every core before any page is written;
    only in a build that writes (``invoke check`` encodes nothing)."""
    if not any(isinstance(g, ImageOutput) for g in generators):
        return
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            photos = [a.newsroom.photo.path for a in written_articles(generator)
                      if getattr(a, "newsroom", None) is not None and a.newsroom.photo is not None]
            encode_ahead(generator.context, [(photo, preset) for photo in photos for preset in ("lead", "thumb")])


class ImageOutput:
    """A Pelican generator with no pages of its own: it runs after the
    article, page and template generators have written every page, and
    copies the renditions those pages used."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.output_path = output_path

    def generate_output(self, writer) -> None:
        maker = build_of(self.context).maker
        published = maker.copy_used(Path(self.output_path))
        finished.send(Report(maker.encoded, published))


def add_generator(pelican):
    return ImageOutput


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(start)
    signals.get_generators.connect(add_generator)
    signals.article_generator_finalized.connect(check_article_links)
    signals.page_generator_finalized.connect(check_page_links)
    signals.all_generators_finalized.connect(stop_on_link_problems)
    signals.all_generators_finalized.connect(encode_photos_ahead)
    signals.static_generator_finalized.connect(publish_linked_files)
