"""Signal wiring. ``register()`` only connects signals; the work is in the
modules named for what they make (feeds, sitemaps, structured, search, …).

Order within one build:
1. ``initialized``: read the settings, expose ``head_meta()`` to templates;
2. ``get_writer``: Pelican writes the feeds with ``FeedWriter``; social image
   crops are made (or taken from the cache) when a page or feed first needs them;
3. ``content_written``: every written page is recorded for the sitemap;
4. ``all_generators_finalized``: remember the articles for the search index;
5. ``finalized``: copy the logo, write the sitemaps and robots.txt, then build
   the sharded Pagefind index from the published articles' text (search.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from gambar import cachefile
from jinja2 import pass_context
from pelican import signals

from . import head, search, sitemaps
from .brand import publisher_logo
from .canonical import is_canonical
from .config import DistribusiConfig
from .feeds import FeedWriter

logger = logging.getLogger(__name__)


class _BuildState:
    """What one build has gathered so far; reset when Pelican starts."""

    def __init__(self):
        self.cfg: DistribusiConfig | None = None
        self._logo = None
        self.entries: dict[str, sitemaps.Entry] = {}
        self.images: dict[str, Path] = {}  # output path -> cached file to copy there
        self.articles: list = []  # every article read (search.records_of picks the published ones)

    def start(self, settings) -> None:
        self.__init__()
        self.cfg = DistribusiConfig.from_settings(settings)

    @property
    def logo(self):
        if self._logo is None:
            self._logo = publisher_logo(self.cfg)
            if self._logo.cached is not None:
                self.images[self._logo.path] = self._logo.cached
        return self._logo


BUILD = _BuildState()


@pass_context
def head_meta(context):
    """Template global: the canonical URL, social tags and JSON-LD of the page being rendered."""
    return head.page_meta(context, BUILD.cfg, BUILD.logo)


@pass_context
def search_indexed(context) -> bool:
    """Template global: whether this page carries ``data-pagefind-body``: the
    canonical page of a published article (each article indexed once, hidden
    articles never)."""
    article = context.get("article")
    return is_canonical(context) and (article is None or article.status == "published")


def on_initialized(pelican) -> None:
    BUILD.start(pelican.settings)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update({
        "head_meta": head_meta,
        "search_indexed": search_indexed,
        "SEARCH_BUNDLE": f"{BUILD.cfg.site_path}/{search.BUNDLE_DIR}/{search.MANIFEST}",
        "SEARCH_BASE": f"{BUILD.cfg.site_path}/",
    })


def use_feed_writer(pelican):
    return FeedWriter


def record_page(path, context) -> None:
    entry = sitemaps.entry_for(context, BUILD.cfg)
    if entry is not None:
        BUILD.entries[entry.path] = entry


# --- search records (owned by the search index; see search.py) ----------------------
def remember_articles(generators) -> None:
    """Keep the articles for the search index, once halaman attached their canonical pages."""
    BUILD.articles = [article for generator in generators for article in getattr(generator, "articles", ())]


def finish_output(pelican) -> None:
    cfg = BUILD.cfg
    output = Path(pelican.output_path)
    BUILD.logo  # noqa: B018 — make sure the logo is among the images even if no page asked for it
    for relative, cached in BUILD.images.items():
        cachefile.publish(cached, output / relative)  # the verified regular file, never a symlink

    entries = list(BUILD.entries.values())
    written = sitemaps.write_sitemaps(entries, output, cfg)
    now = cfg.now or dt.datetime.now(cfg.timezone)
    fresh = sitemaps.news_entries(entries, now, cfg)
    sitemaps.write_news_sitemap(fresh, output, cfg)
    (output / cfg.robots).write_text(sitemaps.robots_txt([cfg.sitemap, cfg.news_sitemap], cfg), encoding="utf-8")
    logger.info("Peta situs: %d URL (%s); peta berita: %d artikel %d hari terakhir", len(entries),
                ", ".join(written), len(fresh), cfg.news_days)

    if cfg.pagefind:
        started = time.perf_counter()
        try:
            records = search.records_of(BUILD.articles)
            cache = Path(pelican.settings["CACHE_PATH"]) / search.CACHE_DIR
            report = search.build_index(output, cfg.pagefind_language, records, cache)
        except search.SearchIndexFailed as failed:
            logger.error("%s", failed)
            return
        logger.debug("%s\n%s", " ".join(report.command), report.log)
        logger.info("Indeks pencarian Pagefind dibuat dalam %.1f detik", time.perf_counter() - started)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_writer.connect(use_feed_writer)
    signals.content_written.connect(record_page)
    signals.all_generators_finalized.connect(remember_articles)
    signals.finalized.connect(finish_output)
