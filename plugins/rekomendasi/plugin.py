"""Signal wiring: score every article once all articles are read.

The work happens at ``article_generator_finalized``: every article is read,
nothing is written yet. Terms come from the text of each article's Body
(``newsroom.body``) and the "Baca juga" links go into it as inserts; newsroom
publishes the HTML, and plugins/halaman splits the Body, only later, at
``all_generators_finalized``. The plugin needs newsroom (``newsroom.order``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from newsroom import body, order, state
from pelican import signals

from .cache import TermCache
from .config import RekomendasiConfig
from .explain import Recommendation
from .gcpause import collector_paused
from .index import build_index
from .placement import BacaJuga, insert_links
from .score import Doc, rank_all

logger = logging.getLogger(__name__)


CONTEXT_KEY = "rekomendasi_build"


@dataclass
class RekomendasiBuild(state.BuildState):
    """One build's engine settings and, once it ran, its figures (for the
    benchmarks and ``invoke explain``): kept in the generators' shared
    context, so nothing outlives the build."""

    config: RekomendasiConfig
    seconds: dict[str, float] = field(default_factory=dict)
    tokenised: int = 0



def build_of(generator) -> RekomendasiBuild:
    """Made for the build's first generator: a bad setting stops the build before any file is read."""
    return state.start(generator, CONTEXT_KEY,
                       lambda: RekomendasiBuild(RekomendasiConfig.from_settings(generator.settings)))


def on_initialized(pelican) -> None:
    order.require(pelican.settings, "rekomendasi", needs=("newsroom",))


def _doc(article, searchable: bool) -> Doc:
    newsroom = getattr(article, "newsroom", None)
    pins = newsroom.related if newsroom is not None else tuple(article.metadata.get("related") or ())
    return Doc(slug=article.slug, timestamp=article.date.timestamp(),
               tags=frozenset(t.slug for t in getattr(article, "tags", ()) or ()),
               rubrik=str(getattr(article, "category", "")), pins=tuple(pins), searchable=searchable)


def recommend(generator) -> None:
    with collector_paused():  # see gcpause.py: the engine makes many containers and no cycles
        _recommend(generator)


def _recommend(generator) -> None:
    build = build_of(generator)
    cfg, settings = build.config, generator.settings
    started = time.perf_counter()
    published, hidden = list(generator.articles), list(generator.hidden_articles)
    articles = published + hidden
    docs = [_doc(a, True) for a in published] + [_doc(a, False) for a in hidden]

    cache = TermCache(settings.get("CACHE_PATH"), cfg.fingerprint(), load=settings.get("LOAD_CONTENT_CACHE", True))
    counts = cache.terms_of_all([(a.title, body.of(a)) for a in articles], cfg.title_weight, cfg.stemming,
                                cfg.helper)
    cache.save()
    tokenised = time.perf_counter()

    index = build_index(counts, [d.searchable for d in docs], cfg)
    indexed = time.perf_counter()
    ranked = rank_all(docs, index, cfg, max(cfg.count, cfg.baca_juga_count))
    # The raw counts served the near-duplicate check; what outlives the engine (explain's shared
    # words) needs only the vectors. Dropped: a few KB per article, held to the end of the build.
    index.terms = None
    scored = time.perf_counter()

    label = str(settings.get("JINJA_GLOBALS", {}).get("T", {}).get("baca_juga", "Baca juga"))
    site_url = settings.get("SITEURL", "")
    latest = published[: cfg.terkini_count + 1]  # Pelican keeps articles newest first
    # once per linked article (Article.url is recomputed on every access)
    baca_juga = BacaJuga(label, lambda n: f"{site_url}/{articles[n].url}", lambda n: articles[n].title)

    for number, (article, picks) in enumerate(zip(articles, ranked, strict=True)):
        recommendations = [Recommendation(articles[p.index], p, index, number) for p in picks]
        article.rekomendasi = recommendations[: cfg.count]
        article.terkini = [a for a in latest if a is not article][: cfg.terkini_count]
        links = [baca_juga(p.index) for p in picks[: cfg.baca_juga_count]]
        if links:  # inserts into the Body: newsroom publishes it once every plugin is done
            article.body = insert_links(body.of(article), links, cfg.baca_juga_after)
    placed = time.perf_counter()

    build.tokenised = cache.tokenised
    build.seconds = {"tokenise": tokenised - started, "index": indexed - tokenised, "rank": scored - indexed,
                     "place": placed - scored, "total": placed - started}
    logger.info("rekomendasi: %d articles in %.2f s (%d tokenised)", len(articles), placed - started,
                cache.tokenised)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(build_of)
    signals.article_generator_finalized.connect(recommend)
