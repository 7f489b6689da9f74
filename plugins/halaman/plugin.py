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
from functools import partial

from newsroom import order
from newsroom.articles import written_articles
from pelican import signals
from pelican.generators import ArticlesGenerator

from .config import HalamanConfig
from .pages import paginate
from .window import page_window

logger = logging.getLogger(__name__)


def on_initialized(pelican) -> None:
    order.require(pelican.settings, "halaman", needs=("newsroom",))
    config = HalamanConfig.from_settings(pelican.settings)  # a bad setting stops the build here
    filters = pelican.settings.setdefault("JINJA_FILTERS", {})
    # A partial of a module function, not a lambda: Pelican's cache pickles the settings.
    filters["page_window"] = partial(page_window, around=config.window)


def split_articles(generators) -> None:
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        config = HalamanConfig.from_settings(generator.settings)
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
    signals.all_generators_finalized.connect(split_articles)
    signals.article_writer_finalized.connect(write_extra_pages)
