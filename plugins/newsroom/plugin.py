"""Signal wiring: read with aliases, check every file, stop before writing.

Problems are gathered over the whole build (every article and page) and
reported together at ``all_generators_finalized``, before any file is
written, so one run shows an editor every mistake at once.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import slugify

from . import body, cache, csp, dates, lists, memory, once, order, parallel, state, text, urls
from .articles import every_article, written_articles
from .config import DEFAULTS, NewsroomConfig
from .model import Newsroom
from .people import load_registry
from .person_pages import add_person_pages
from .problems import ContentInvalid, Problem
from .reader import NewsroomMarkdownReader
from .validate import MetadataCheck, check_collection

logger = logging.getLogger(__name__)

JINJA_FILTERS = {
    "tanggal_panjang": dates.tanggal_panjang,
    "tanggal": dates.tanggal,
    "tanggal_pendek": dates.tanggal_pendek,
    "iso": dates.iso,
}


CONTEXT_KEY = "newsroom_build"


class NewsroomBuild(state.BuildState):
    """What one build has learned so far: made with the build's shared
    generator context (``generator.context``), so no state outlives a build
    or leaks from one build into the next in the same process."""

    def __init__(self, settings):
        self.settings = settings
        self.cfg = NewsroomConfig.from_settings(settings)  # a bad setting stops the build here
        self._registry = None
        self._photos = None
        self.problems = []
        self.skipped_slugs: set[str] = set()
        self.person_pages = {}  # slug -> PersonPage, once the articles are read

    @property
    def photos(self):
        """The photo library of plugins/gambar, for these settings (GAMBAR_MAX_PIXELS, the cache)."""
        if self._photos is None:
            from gambar import photo_library  # imported here: PLUGINS loads newsroom before gambar

            self._photos = photo_library(self.settings)
        return self._photos

    @property
    def registry(self):
        if self._registry is None:
            self._registry = load_registry(self.cfg.content_path, self.cfg.people_file, self.photos)
            self.problems.extend(self._registry.problems)
        return self._registry



def build_of(generator) -> NewsroomBuild:
    """The newsroom state of the generator's build, kept in the context every generator shares."""
    return state.start(generator, CONTEXT_KEY, lambda: NewsroomBuild(generator.settings))


@pass_context
def person_page(context, someone):
    """Jinja global: the page of SOMEONE (a registry Person or Pelican Author), or None.

    A module-level function, not a closure: Pelican pickles its settings
    (which hold the Jinja globals) into the content cache. The pages are
    this build's, read from the template's context.
    """
    build = context.get(CONTEXT_KEY)
    return build.person_pages.get(getattr(someone, "slug", None)) if build is not None else None


def on_initialized(pelican) -> None:
    order.require(pelican.settings, "newsroom", needs=())
    # New dicts, never an update of Pelican's default ones: those outlive the build (and its process's next build).
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **JINJA_FILTERS}
    pelican.settings["JINJA_GLOBALS"] = {**pelican.settings.get("JINJA_GLOBALS", {}), "person_page": person_page}
    pelican.settings["JINJA_ENVIRONMENT"] = once.jinja_environment(pelican.settings.get("JINJA_ENVIRONMENT", {}))
    if not reader_cache_is_current(pelican.settings):
        pelican.settings["LOAD_CONTENT_CACHE"] = False  # re-read every file once, then cache again


def _stamp_file(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / "newsroom-reader.stamp"


def _reader_code_stamp() -> str:
    """Pelican's reader cache knows file contents, not the code that read them:
    a change of this plugin's code must invalidate what it cached."""
    code = b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
    return hashlib.sha256(code).hexdigest()


def _reader_stamp(settings) -> str:
    """The code's stamp and the body policy's settings: bodies cached under
    other NEWSROOM_EMBEDS must be read (and sanitised) again."""
    embeds = "\n".join(settings.get("NEWSROOM_EMBEDS", DEFAULTS["NEWSROOM_EMBEDS"])).encode("utf-8")
    return f"{_reader_code_stamp()} {hashlib.sha256(embeds).hexdigest()}"


def reader_cache_is_current(settings) -> bool:
    """Compared as bytes: a damaged stamp (any bytes at all) means "not current"."""
    stamp = _stamp_file(settings)
    try:
        written = stamp.read_bytes()
    except OSError:
        return False
    if not re.fullmatch(rb"[0-9a-f]{64} [0-9a-f]{64}", written):
        logger.warning("stempel cache %s rusak; semua berkas konten dibaca ulang dan stempelnya ditulis lagi", stamp)
    return written == _reader_stamp(settings).encode("ascii")


def remember_reader_code(pelican) -> None:
    """After a complete build the cache matches this code."""
    if pelican.settings.get("CACHE_CONTENT"):
        stamp = _stamp_file(pelican.settings)
        try:
            cache.write_atomically(stamp, _reader_stamp(pelican.settings).encode("ascii"))
        except OSError as exc:  # the site is built; the next build just reads every file again
            logger.warning("stempel cache %s tidak bisa ditulis (%s); build berikutnya membaca ulang semua berkas",
                           stamp, exc)


def start_build(generator) -> None:
    """The build's state and the templates' CSP strings, once, when the first generator is made."""
    if CONTEXT_KEY not in generator.context:
        build = build_of(generator)
        generator.context.update(csp.jinja_globals(build.cfg.embeds, generator.settings.get("SITEURL", "")))


def use_newsroom_reader(readers) -> None:
    for extension in NewsroomMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsroomMarkdownReader


def report_removed(metadata) -> None:
    """Warn about what the body policy removed, and the reader's notes (a body
    opening with lines like header keys); read from the metadata, so a body
    served by Pelican's reader cache warns on every build too."""
    source = metadata.get("newsroom_source", "")
    for line, message, fix in metadata.get("newsroom_removed", ()):
        logger.warning("%s", Problem(source, line, "Isi", message, fix))
    for line, message, fix in metadata.get("newsroom_notes", ()):
        logger.warning("%s", Problem(source, line, "Header", message, fix))


def check_article(generator, metadata) -> None:
    build = build_of(generator)
    report_removed(metadata)
    check = MetadataCheck(metadata, build.cfg, build.registry, build.photos)
    found = check.article()
    if check.problems and metadata.get("status") == "draft":
        # A draft in progress must not block today's news: its problems are
        # shown (invoke check, build log) but only as warnings.
        for problem in check.problems:
            logger.warning("draf %s", problem)
        metadata["status"] = "skip"
        return
    if check.problems or not build.registry.people:  # without people no byline can be built
        build.problems.extend(check.problems)
        build.skipped_slugs.add(metadata.get("slug") or slugify(str(metadata.get("title", ""))))
        metadata["status"] = "skip"  # Pelican drops it quietly; the problems are reported at the end
        return
    people = found["people"]
    metadata["author"].slug = people["author"].slug
    words = metadata.get("newsroom_words", 0)
    metadata["newsroom"] = Newsroom(
        author=people["author"],
        editor=people["editor"],
        reporter=people["reporter"],
        dateline=check.text("dateline").upper(),
        photo=found["photo"],
        highlight=check.text("highlight"),
        source=check.text("source"),
        related=tuple(metadata.get("related") or ()),
        featured=bool(metadata.get("featured")),
        words=words,
        reading_minutes=text.reading_minutes(words, build.cfg.words_per_minute),
        summary=check.text("summary"),
    )


def check_page(generator, metadata) -> None:
    build = build_of(generator)
    report_removed(metadata)
    check = MetadataCheck(metadata, build.cfg, build.registry, build.photos)
    check.page(build.cfg.taken_page_slugs)
    if check.problems:
        build.problems.extend(check.problems)
        metadata["status"] = "skip"


def freeze_article_urls(generator) -> None:
    """Every article is read and its slug, date and rubrik are final (see urls.py)."""
    urls.freeze(every_article(generator))


def give_term_pages(generator) -> None:
    """The rubrik and tags that have a page of their own, for the templates.

    A hidden article may carry a rubrik or tag no listed article has: it has
    no page, so no link. Sets made once, not a list rebuilt on every page.
    """
    generator.context["rubrik_with_page"] = frozenset(category.slug for category, _ in generator.categories)
    generator.context["tags_with_page"] = frozenset(tag.slug for tag, _ in generator.tags.items())


def finish_articles(generator) -> None:
    """The summary; the dateline and scrolling tables as edits to the Body
    (``article.body``), published with the rest at ``all_generators_finalized``."""
    for article in written_articles(generator):
        give_summary(article, generator.settings)
        edited = body.of(article)
        if getattr(article, "newsroom", None) and article.newsroom.dateline:
            edited = edited.with_dateline(article.newsroom.dateline)
        article.body = edited.with_table_label(build_of(generator).cfg.table_label)


def give_summary(article, settings) -> None:
    """Ringkasan, or the opening words of the article's own text, as plain text.

    Made from the body as read (the reader's opening words), never from the
    published HTML, so an automatic summary never reads "Baca juga: <another
    title>" nor starts with the dateline.
    ``article.summary`` (Pelican's) is set to the same plain text: templates
    escape it like any other field.
    """
    newsroom = getattr(article, "newsroom", None)
    summary = newsroom.summary if newsroom else str(article.metadata.get("summary") or "")
    whole = False
    if not summary:
        summary, cut = article.metadata.get("newsroom_opening") or \
            text.opening_words(article._content, settings.get("SUMMARY_MAX_LENGTH"))
        whole = not cut
        if cut:
            summary += settings.get("SUMMARY_END_SUFFIX", "…")
    if newsroom:
        article.newsroom = replace(newsroom, summary=summary, summary_is_whole_text=whole)
    article.metadata["summary"] = article._summary = summary


def _every_page(generator):
    return (*generator.pages, *generator.hidden_pages, *generator.translations, *generator.hidden_translations)


def finish_pages(generator) -> None:
    urls.freeze(_every_page(generator))
    for page in _every_page(generator):
        page.body = body.of(page).with_table_label(build_of(generator).cfg.table_label)


def publish_bodies(generators) -> None:
    """Write every article's and page's HTML once, from its Body with every
    edit made (``article_generator_finalized`` is over: the dateline, the
    tables, the "Baca juga" links of plugins/rekomendasi), before anything is
    written. plugins/halaman renders its pages from the same Body."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            contents = written_articles(generator)
        elif isinstance(generator, PagesGenerator):
            contents = _every_page(generator)
        else:
            continue
        for content in contents:
            body.publish(content)


def order_rubrik(generator) -> None:
    """Put the rubrik in RUBRIK's order ("in menu order"), not Pelican's alphabetical one.

    Sorted in place once, so every template that reads ``categories`` (the
    menu, the home page's rubrik blocks, the rubrik index) shows one order.
    """
    position = {name: number for number, name in enumerate(build_of(generator).cfg.rubrik)}
    generator.categories.sort(key=lambda item: (position.get(item[0].name, len(position)), item[0].name))
    generator.context["categories"] = generator.categories


def give_people_pages(generator) -> None:
    build = build_of(generator)
    build.person_pages = add_person_pages(generator, build.registry)


def check_articles_together(generator) -> None:
    every = list(every_article(generator))
    entries = [(a.metadata.get("newsroom_source", a.source_path), a.slug, a.metadata) for a in every]
    build = build_of(generator)
    known = {a.slug for a in (*generator.articles, *generator.hidden_articles)} | build.skipped_slugs
    lines = {a.metadata.get("newsroom_source"): a.metadata.get("newsroom_lines", {}) for a in every}
    build.problems.extend(check_collection(entries, known, lambda path, key: lines.get(path, {}).get(key)))


def list_scheduled(generator) -> None:
    """Name every article waiting for its time, with the time it appears.

    With WITH_FUTURE_DATES = False Pelican makes an article dated in the
    future a draft, silently; one that the editor did not mark as a draft is
    a scheduled one. Logged as a warning carrying ``scheduled_at``, which
    portal/build.py lists apart from the warnings and turns into the next-due
    time; the time is Pelican's own decision, so no second clock is read here.
    A scheduled ``Status: hidden`` article becomes hidden at its time, listed
    nowhere and reachable only by its URL: it is named "(tersembunyi)" so that
    nobody waits for it on the front page.
    """
    waiting = [a for a in (*generator.drafts, *generator.drafts_translations)
               if a.metadata.get("status", "published") != "draft"]
    for article in sorted(waiting, key=lambda a: a.date):
        kind = "terjadwal (tersembunyi)" if article.metadata.get("status") == "hidden" else "terjadwal"
        logger.warning("%s: %s — tayang %s", kind, article.title, dates.tanggal_panjang(article.date),
                       extra={"scheduled_at": article.date})


def report_problems(generator, problems) -> None:
    """Add PROBLEMS (another plugin's, e.g. plugins/papan) to this build's: reported
    with the articles' at ``all_generators_finalized``, before anything is written."""
    build_of(generator).problems.extend(problems)


def stop_on_problems(generators) -> None:
    build = generators[0].context.get(CONTEXT_KEY) if generators else None
    if build is None or not build.problems:
        return
    error = ContentInvalid(list(dict.fromkeys(build.problems)), first=build.cfg.people_file)
    for problem in error.problems:
        logger.error("%s", problem)
    raise error


def register() -> None:
    cache.install()  # before any generator loads Pelican's cache, also for a plain `pelican content`
    urls.install()
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(start_build)
    signals.readers_init.connect(use_newsroom_reader)
    signals.article_generator_init.connect(parallel.read_ahead)
    signals.article_generator_context.connect(check_article)
    signals.page_generator_context.connect(check_page)
    signals.article_generator_finalized.connect(memory.release_reader_cache)  # saved by now
    signals.article_generator_finalized.connect(freeze_article_urls)
    signals.article_generator_finalized.connect(give_term_pages)
    signals.article_generator_finalized.connect(finish_articles)
    signals.article_generator_finalized.connect(order_rubrik)
    signals.article_generator_finalized.connect(give_people_pages)
    signals.article_generator_finalized.connect(lists.index_lists)  # once the people pages are added
    signals.article_generator_finalized.connect(check_articles_together)
    signals.article_generator_finalized.connect(list_scheduled)
    signals.page_generator_finalized.connect(finish_pages)
    signals.all_generators_finalized.connect(stop_on_problems)
    signals.all_generators_finalized.connect(publish_bodies)
    signals.finalized.connect(remember_reader_code)
    memory.install()
    # between stages: after the articles' (reading, rekomendasi), before writing, before the search index
    signals.page_generator_finalized.connect(memory.settle)
    signals.get_writer.connect(memory.settle)
    signals.page_writer_finalized.connect(memory.settle)
    # the build's long-lived objects out of the garbage collector's walks, back in when the next build
    # starts in this process (not at the end: that costs the one full walk the freezing spared)
    signals.initialized.connect(memory.thaw)
    signals.article_generator_context.connect(memory.freeze_as_read)
    signals.article_generator_finalized.connect(memory.freeze)  # read: the articles live to the end
    signals.get_writer.connect(memory.freeze)  # page data made: it lives while every page is written
