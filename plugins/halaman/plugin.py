"""Signal wiring: split late, write the extra pages after the articles.

The split happens at ``all_generators_finalized``, after every plugin has
edited the article's Body at ``article_generator_finalized`` (the newsroom
dateline and tables, the "Baca juga" inserts of plugins/rekomendasi), so
their additions land on the right page. The plugin needs newsroom
(``newsroom.order``). Pelican writes page 1 at the article URL as usual;
pages 2..N and the view-all page are written at ``article_writer_finalized``.
"""

from __future__ import annotations

import logging

from jinja2 import pass_context
from newsroom import order, state
from newsroom.articles import written_articles
from pelican import signals
from pelican.generators import ArticlesGenerator

from .config import HalamanConfig
from .pages import paginate
from .window import page_window

logger = logging.getLogger(__name__)


CONTEXT_KEY = "halaman_config"


def on_initialized(pelican) -> None:
    order.require(pelican.settings, "halaman", needs=("newsroom",))
    # A module function, not a closure: Pelican's cache pickles the settings. A new dict, not
    # an update of Pelican's default one, which would outlive the build.
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), "page_window": windowed}


def config_of(generator) -> HalamanConfig:
    """The settings, read once per build into the generators' shared context."""
    # a bad setting stops the build here, before any file is read
    return state.start(generator, CONTEXT_KEY, lambda: HalamanConfig.from_settings(generator.settings))


@pass_context
def windowed(context, current: int, total: int) -> list[int | None]:
    """Jinja filter: ``page_window`` with this build's HALAMAN_WINDOW."""
    config = context.get(CONTEXT_KEY)
    return page_window(current, total, around=config.window) if config else page_window(current, total)


def split_articles(generators) -> None:
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        config = config_of(generator)
        for article in written_articles(generator):
            article.halaman, ignored = paginate(article, config)
            if ignored:
                logger.warning(
                    "%s: %d penanda halaman di dalam daftar, kutipan atau paragraf diabaikan; "
                    "tulis penanda sendirian pada satu baris di antara paragraf",
                    article.get_relative_source_path(), ignored)


def write_extra_pages(generator: ArticlesGenerator, writer) -> None:
    """Pages 2..N and the view-all page, with the article's own template."""
    for article in written_articles(generator):
        halaman = getattr(article, "halaman", None)
        if halaman is None:
            continue
        template = generator.get_template(article.template)
        for view in halaman.extra_views():
            writer.write_file(
                view.save_as, template, generator.context, relative_urls=generator.settings["RELATIVE_URLS"],
                article=article, category=getattr(article, "category", None), halaman_view=view,
                url=view.url, blog=True,
            )


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(config_of)
    signals.all_generators_finalized.connect(split_articles)
    signals.article_writer_finalized.connect(write_extra_pages)
