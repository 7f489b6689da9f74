"""Where one build's time goes, read from Pelican's own signals.

A ``StageClock`` is connected in the build's process before the Pelican
object exists, so its receiver on each signal runs before any plugin's
(Pelican keeps receivers in connection order); from its ``initialized``
receiver (sent once the plugins have registered) it connects a second
receiver on each signal, which then runs after every plugin's. The time
between two such marks is a stage; a mark that never fires (stock Pelican has
no sitemaps) merges its stage into the next one. Two further marks come from
plugin log records: distribusi's "Peta situs" line (sitemaps written, search
indexing about to start) and rekomendasi's own timings (from the build
context, not from a mark).
"""

from __future__ import annotations

import logging
import time

from pelican import signals

SIGNALS = ("initialized", "article_generator_init", "article_generator_finalized", "all_generators_finalized",
           "article_writer_finalized", "page_writer_finalized", "finalized")
SITEMAP_LOGGER, SITEMAP_LINE = "distribusi.plugin", "Peta situs"

# (mark that ends the stage, stage name, what it includes), in build order.
CHAIN = (
    ("initialized:first", "start-up", "settings read, Pelican object made, plugins imported and registered"),
    ("article_generator_finalized:first", "read",
     "generators made, Markdown read (newsroom's forked read-ahead included), metadata checked, taxonomies built"),
    ("article_generator_finalized:last", "article data",
     "plugins at article_generator_finalized (newsroom URLs, people and term pages, list indexes, checks; gambar "
     "link checks) without rekomendasi"),
    ("all_generators_finalized:first", "pages read", "static pages and static files read"),
    ("all_generators_finalized:last", "page data",
     "plugins at all_generators_finalized: newsroom and gambar checks, halaman split, distribusi page data"),
    ("feed_written:last", "feeds", "Atom and RSS feeds (Pelican writes them before any page)"),
    ("article_writer_finalized:first", "render and write",
     "articles, home, rubrik, tag, penulis and archive pages rendered and written"),
    ("article_writer_finalized:last", "split pages", "halaman's /N/ and /semua/ pages rendered and written"),
    ("page_writer_finalized:last", "static pages", "static pages rendered and written"),
    ("sitemaps", "images and sitemaps", "photo renditions and share images published, sitemaps and robots.txt"),
    ("finalized:first", "search index",
     "the wait for the search index (a worker builds it beside the rendering, from all_generators_finalized)"),
    ("end", "publish", "plugins at finalized, permissions set, the new output swapped into place"),
)
# The coarse stages, as sums of the fine ones (rekomendasi is added apart).
GROUPS = {
    "read": ("start-up", "read"),
    "newsroom, halaman, page data": ("article data", "pages read", "page data"),
    "render and write": ("render and write", "split pages", "static pages"),
    "output finish": ("feeds", "images and sitemaps", "search index", "publish"),
}


class StageClock:
    """Timestamps of the build's signals; connect() before the Pelican object is made."""

    def __init__(self):
        self.marks: dict[str, float] = {}
        self._receivers = []  # blinker holds receivers weakly by default; they live here

    def _receiver(self, name: str, last: bool):
        def mark(*_args, **_kwargs):
            now = time.perf_counter()
            if last or name not in self.marks:
                self.marks[name] = now

        self._receivers.append(mark)
        return mark

    def connect(self) -> None:
        self.marks["start"] = time.perf_counter()
        for name in SIGNALS:
            getattr(signals, name).connect(self._receiver(f"{name}:first", last=False))
        signals.initialized.connect(self._connect_late)
        self._receivers.append(self._connect_late)
        signals.feed_written.connect(self._receiver("feed_written:last", last=True))
        logger = logging.getLogger(SITEMAP_LOGGER)
        logger.setLevel(logging.INFO)
        logger.addFilter(self._log_mark)

    def _connect_late(self, _pelican) -> None:
        for name in SIGNALS:
            getattr(signals, name).connect(self._receiver(f"{name}:last", last=True))

    def _log_mark(self, record: logging.LogRecord) -> bool:
        """Mark distribusi's sitemap line; let only warnings and errors on (the build collects those)."""
        if str(record.msg).startswith(SITEMAP_LINE):
            self.marks["sitemaps"] = time.perf_counter()
        return record.levelno >= logging.WARNING

    def stages(self, end: float, rekomendasi: float | None = None) -> dict[str, float]:
        """Seconds per stage, in build order; rekomendasi taken out of "article data"."""
        marks = {**self.marks, "end": end}
        stages, previous = {}, marks["start"]
        for mark, name, _ in CHAIN:
            if mark in marks and marks[mark] >= previous:
                stages[name] = marks[mark] - previous
                previous = marks[mark]
        if rekomendasi is not None and "article data" in stages:
            stages["article data"] -= rekomendasi
            stages["rekomendasi"] = rekomendasi
        return {name: round(seconds, 3) for name, seconds in stages.items()}


def grouped(stages: dict[str, float]) -> dict[str, float]:
    """The issue's coarse stages from the fine ones."""
    out = {group: round(sum(stages.get(name, 0.0) for name in names), 3) for group, names in GROUPS.items()}
    if "rekomendasi" in stages:
        out["rekomendasi"] = stages["rekomendasi"]
    return out
