"""Signal wiring. ``register()`` only connects signals; the work is in the
modules named for what they make (feeds, sitemaps, structured, search, …),
and the build's state is a ``DistribusiBuild`` in the generator context.

Order within one build (distribusi needs newsroom and gambar, and halaman,
when it is used, before it: its canonical URLs):
1. ``initialized``: check the plugin order, expose ``head_meta()`` and
   ``search_indexed()`` to templates;
2. ``generator_init`` (the first generator): read the settings once;
3. ``all_generators_finalized``: in a build that writes (not ``invoke
   check``), make every written article's page data once, its social images
   included: ``article.distribusi`` (pagedata.py);
4. ``get_writer``: Pelican writes the feeds with ``FeedWriter``, from that data;
5. ``content_written``: every written page is recorded for the sitemap;
6. ``SiteOutput.generate_output`` (a generator Pelican runs after every page
   is written): write the offline page, the manifest and sw.js (offline.py),
   copy the logo and icons, write the sitemaps and robots.txt, then finish
   the sharded Pagefind index of the published articles' text (search.py). A failure raises: the build
   stops, with ``portal.build`` and with a plain ``pelican`` run alike.

The search index is started at 3., right after the page data: its records
need only what is known by then (text, canonical URLs, and the thumbnail
names, which gambar gives ahead without publishing them), and a worker
process builds it on the other core while the pages are rendered
(``search.BackgroundIndex``). At 6. the build waits for it; if a thumbnail
it assumed was not published after all (no page showed that card), the
index is built again at the end, as it would have been without the head
start, so its bytes never depend on the head start. ``stop`` ends the
workers of a build that failed elsewhere (``portal.build`` calls it).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

import gambar
from gambar import cachefile
from jinja2 import pass_context
from newsroom.articles import written_articles
from newsroom.order import require
from pelican import signals
from pelican.generators import ArticlesGenerator

from . import head, offline, search, sitemaps
from .build import KEY, DistribusiBuild, build_of, start
from .canonical import is_canonical
from .feeds import FeedWriter
from .pagedata import article_data, author_pages_of, page_meta_of
from .renditions import crop_presets

logger = logging.getLogger(__name__)


@pass_context
def head_meta(context):
    """Template global: the canonical URL, social tags and JSON-LD of the page
    being rendered; an article's from its page data, made before writing (``article.distribusi``),
    with its JSON-LD made now (pagedata.page_meta_of)."""
    article = context.get("article")
    if article is not None:
        return page_meta_of(article, context)
    build = build_of(context)
    return head.page_meta(context, build.cfg, build.site_nodes, build.logo_image)


@pass_context
def search_indexed(context) -> bool:
    """Template global: whether this page carries ``data-pagefind-body``: the
    canonical page of a published article (each article indexed once, hidden
    articles never)."""
    article = context.get("article")
    return is_canonical(context) and (article is None or article.status == "published")


@pass_context
def asset(context, relative: str) -> str:
    """Template global: a theme asset's address with a hash of its bytes (offline.py)."""
    build = build_of(context)
    return offline.asset_url(build.cfg, build.asset_versions, relative)


@pass_context
def site_logo(context):
    """Template global: the header's logo (path, width, height), from LOGO or drawn."""
    return build_of(context).header_logo


@pass_context
def image_bytes(context, picture) -> str:
    """Template global: "width:bytes …" of a gambar Picture's WebP renditions
    (JPEG when it has none), for Hemat data's statement of what it saved."""
    renditions = picture.webp or picture.jpeg
    return offline.rendition_bytes(renditions, lambda r: gambar.cached_file(context, r).stat().st_size)


def _plugin_names(settings) -> set[str]:
    return {str(getattr(entry, "__name__", entry)).rsplit(".", 1)[-1] for entry in settings.get("PLUGINS") or ()}


def on_initialized(pelican) -> None:
    settings = pelican.settings
    # halaman is optional (an article is then its own canonical), but when used it must split first
    optional = ("halaman",) if "halaman" in _plugin_names(settings) else ()
    require(settings, "distribusi", needs=("newsroom", "gambar", *optional))
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "head_meta": head_meta,
                                 "search_indexed": search_indexed, "asset": asset, "site_logo": site_logo,
                                 "image_bytes": image_bytes}


def start_build(generator) -> None:
    build = start(generator)
    # for cari.html: same-origin addresses of the search bundle
    generator.context.setdefault("SEARCH_BUNDLE", f"{build.cfg.site_path}/{search.BUNDLE_DIR}/{search.MANIFEST}")
    generator.context.setdefault("SEARCH_BASE", f"{build.cfg.site_path}/")
    # for base.html: the worker, the manifest and luring.js (offline.py)
    generator.context.setdefault("SITE_BASE", offline.site_base(build.cfg))
    generator.context.setdefault("OFFLINE", build.cfg.offline)
    generator.context.setdefault("OFFLINE_URL", offline.offline_url(build.cfg))
    generator.context.setdefault("THEME_COLOR", build.cfg.theme_color)


def prepare_pages(generators) -> None:
    """Every written article's page data, once, before any page or feed is
    written; only in a build that writes (``invoke check`` makes no images)."""
    if not any(isinstance(g, SiteOutput) for g in generators):
        return
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            build = build_of(generator.context)
            build.templates = generator  # its Jinja environment renders the offline page
            build.author_pages = author_pages_of(generator.context)
            photos = [a.newsroom.photo.path for a in written_articles(generator)
                      if getattr(a, "newsroom", None) is not None and a.newsroom.photo is not None]
            crops = crop_presets(build.cfg).values()
            gambar.encode_ahead(generator.context, [(photo, crop) for photo in photos for crop in crops])
            made = {}  # every article without a photo shares the site card's crops (0.4 s at 10,000)
            for article in written_articles(generator):
                article.distribusi = article_data(article, build, made)


def use_feed_writer(pelican):
    return FeedWriter


def record_page(path, context) -> None:
    build = build_of(context)
    entry = sitemaps.entry_for(context, build.cfg)
    if entry is not None:
        build.entries[entry.path] = entry


def finish_output(build: DistribusiBuild, output: Path) -> None:
    """Publish the logo and share images, write the sitemaps and robots.txt,
    and index the finished pages for search; raise when any of it fails."""
    cfg = build.cfg
    # the logos are among the images even if no page rendered in this build asked for them (the
    # pages linked from the last output, newsroom.reuse, show the header logo too)
    build.logo  # noqa: B018
    build.header_logo  # noqa: B018
    for relative, cached in build.images.items():
        cachefile.publish(cached, output / relative)  # the verified regular file, never a symlink

    entries = list(build.entries.values())
    written = sitemaps.write_sitemaps(entries, output, cfg)
    now = build.news_now = cfg.now or dt.datetime.now(cfg.timezone)
    fresh = sitemaps.news_entries(entries, now, cfg)
    sitemaps.write_news_sitemap(fresh, output, cfg)
    (output / cfg.robots).write_text(sitemaps.robots_txt([cfg.sitemap, cfg.news_sitemap], cfg), encoding="utf-8")
    logger.info("Peta situs: %d URL (%s); peta berita: %d artikel %d hari terakhir", len(entries),
                ", ".join(written), len(fresh), cfg.news_days)

    if cfg.pagefind:
        started = time.perf_counter()
        job, build.search_index = build.search_index, None
        try:
            report = None
            if job is not None:  # started before the pages were rendered
                try:
                    if all((output / path).is_file() for path in build.search_thumbnails.values()):
                        report = job.finish()
                    else:
                        logger.debug("Indeks pencarian dibuat ulang: ada gambar kecil yang tidak diterbitkan")
                finally:
                    job.close()
            if report is None:
                records = search.records_of(build.context.get("articles", ()), _thumbnails(build, output),
                                            build.context.get("search_records_extra", ()))  # plugins/papan
                report = search.build_index(output, cfg.pagefind_language, records,
                                            Path(cfg.cache_path) / search.CACHE_DIR)
        except search.SearchIndexFailed as failed:
            logger.error("%s", failed)  # the editor's message (portal.build collects it) ...
            raise  # ... and the build stops: no site is published without its search
        build.search_report = report
        logger.debug("%s\n%s", " ".join(report.command), report.log)
        logger.info("Indeks pencarian Pagefind selesai %.1f detik setelah halaman terakhir ditulis",
                    time.perf_counter() - started)


def start_search_index(generators) -> None:
    """Start the search index in a worker process while the pages are rendered
    (``search.BackgroundIndex``); only in a build that writes and indexes. Its
    records are the ones ``finish_output`` would make, thumbnails included:
    each published article's card thumbnail, named by gambar ahead
    (``publish=False``: published only when a page shows it, as before), and
    checked at the end."""
    site = next((g for g in generators if isinstance(g, SiteOutput)), None)
    if site is None:
        return
    build = build_of(site.context)
    cfg = build.cfg
    if not cfg.pagefind:
        return
    articles = build.context.get("articles", ())
    try:
        planned = _planned_thumbnails(build, articles)
    except Exception as problem:  # noqa: BLE001 — a photo the pages will report; the index is built at the end
        logger.debug("Indeks pencarian dibuat di akhir: %s", problem)
        return
    records = search.records_of(articles, lambda article: planned.get(id(article), ""),
                                build.context.get("search_records_extra", ()))  # plugins/papan
    job = search.BackgroundIndex(Path(site.output_path), cfg.pagefind_language, records,
                                 Path(cfg.cache_path) / search.CACHE_DIR)
    build.search_index, build.search_thumbnails = job, planned
    try:
        job.start()
    except BaseException as failed:
        build.search_index = None
        job.close()
        if isinstance(failed, search.SearchIndexFailed):
            logger.error("%s", failed)
        raise


def _planned_thumbnails(build: DistribusiBuild, articles) -> dict[int, str]:
    """id(article) -> the thumbnail path ``_thumbnails`` will give each published
    article with a lead photo, if a page publishes that thumbnail."""
    planned = {}
    for article in articles:
        photo = getattr(getattr(article, "newsroom", None), "photo", None)
        if article.status != "published" or photo is None:
            continue
        picture = gambar.renditions_of(build.context, photo.path, "thumb", publish=False)
        planned[id(article)] = (picture.webp or picture.jpeg)[0].path
    return planned


def stop(context) -> None:
    """Stop the search index's workers of the build with this generator CONTEXT
    if they still run: a build that failed before its end (an error elsewhere,
    Ctrl-C) leaves none behind, and none writes into a folder being removed."""
    build = context.get(KEY) if context else None
    job = getattr(build, "search_index", None)
    if job is not None:
        build.search_index = None
        job.close()


def _thumbnails(build: DistribusiBuild, output: Path):
    """THUMB(article) for the search records: the site-relative path of the smallest
    WebP of the lead photo's card thumbnail (the one the article's card on its rubrik
    page shows, so it is already published), or "" when it has none."""
    def thumb(article) -> str:
        photo = getattr(getattr(article, "newsroom", None), "photo", None)
        if photo is None:
            return ""
        picture = gambar.renditions_of(build.context, photo.path, "thumb")
        rendition = (picture.webp or picture.jpeg)[0]
        return rendition.path if (output / rendition.path).is_file() else ""
    return thumb


def stale_at(context) -> dt.datetime | None:
    """When the output of the build with this generator CONTEXT goes stale by
    the clock alone (an article leaves the news sitemap), or None."""
    build = context.get(KEY) if context else None
    if build is None:
        return None
    return sitemaps.news_window_changes(build.entries.values(), build.news_now, build.cfg)


class SiteOutput:
    """A Pelican generator with no pages of its own: Pelican runs it after
    the article, page and template generators have written every page."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.output_path = output_path

    def generate_output(self, writer) -> None:
        build = build_of(self.context)
        try:
            offline.write_offline(build, Path(self.output_path), writer)
            finish_output(build, Path(self.output_path))
        finally:
            stop(self.context)  # whatever failed here, the search index's workers are not left running


def add_generator(pelican):
    return SiteOutput


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(start_build)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(prepare_pages)
    signals.all_generators_finalized.connect(start_search_index)  # after the page data: forked encoders first
    signals.get_writer.connect(use_feed_writer)
    signals.content_written.connect(record_page)
