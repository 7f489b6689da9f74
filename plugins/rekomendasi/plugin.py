"""Signal wiring: score every article once all articles are read.

The work happens at ``article_generator_finalized``: every article is read,
nothing is written yet. The text comes from each article's Body
(``newsroom.body``: lead paragraph and the rest apart), its headline and its
Sorotan; the "Baca juga" links go into the Body as inserts; newsroom
publishes the HTML, and plugins/halaman splits the Body, only later, at
``all_generators_finalized``. The plugin needs newsroom (``newsroom.order``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from newsroom import body, order, state
from pelican import signals

from . import tokenize
from .cache import TermCache
from .config import RekomendasiConfig
from .engine import Doc, Recommendations, run
from .explain import Recommendation
from .placement import BacaJuga, insert_links
from .tokenize import ArticleText

logger = logging.getLogger(__name__)


CONTEXT_KEY = "rekomendasi_build"


@dataclass
class RekomendasiBuild(state.BuildState):
    """One build's engine settings and, once it ran, its figures and result
    (for the benchmarks and ``invoke explain``): kept in the generators'
    shared context, so nothing outlives the build."""

    config: RekomendasiConfig
    seconds: dict[str, float] = field(default_factory=dict)
    tokenised: int = 0
    result: Recommendations | None = None
    slugs: list[str] = field(default_factory=list)


def build_of(generator) -> RekomendasiBuild:
    """Made for the build's first generator: a bad setting stops the build before any file is read."""
    return state.start(generator, CONTEXT_KEY,
                       lambda: RekomendasiBuild(RekomendasiConfig.from_settings(generator.settings)))


def on_initialized(pelican) -> None:
    order.require(pelican.settings, "rekomendasi", needs=("newsroom",))


def doc_of(article, searchable: bool) -> Doc:
    newsroom = getattr(article, "newsroom", None)
    pins = newsroom.related if newsroom is not None else tuple(article.metadata.get("related") or ())
    return Doc(slug=article.slug, timestamp=article.date.timestamp(),
               tags=frozenset(t.slug for t in getattr(article, "tags", ()) or ()),
               rubrik=str(getattr(article, "category", "")), pins=tuple(pins), searchable=searchable)


def text_of(article) -> ArticleText:
    """Headline, Sorotan, the lead (first paragraph of the article's own text) and the rest."""
    newsroom = getattr(article, "newsroom", None)
    highlight = newsroom.highlight if newsroom is not None else str(article.metadata.get("highlight") or "")
    blocks = body.of(article).blocks
    lead = next((n for n, b in enumerate(blocks) if b.kind == "paragraph" and b.plain), None)
    rest = " ".join(b.text for n, b in enumerate(blocks) if n != lead)
    return ArticleText(str(article.title), highlight or "", blocks[lead].text if lead is not None else "", rest)


def recommend(generator) -> None:
    build = build_of(generator)
    cfg, settings = build.config, generator.settings
    started = time.perf_counter()
    published, hidden = list(generator.articles), list(generator.hidden_articles)
    articles = published + hidden
    docs = [doc_of(a, True) for a in published] + [doc_of(a, False) for a in hidden]
    cache = TermCache(settings.get("CACHE_PATH"), cfg.stemming, load=settings.get("LOAD_CONTENT_CACHE", True))
    result = run(docs, [text_of(a) for a in articles], cfg, cache)  # saves the cache once it has the terms
    ranked = time.perf_counter()

    label = str(settings.get("JINJA_GLOBALS", {}).get("T", {}).get("baca_juga", "Baca juga"))
    site_url = settings.get("SITEURL", "")
    latest = published[: cfg.terkini_count + 1]  # Pelican keeps articles newest first
    # once per linked article (Article.url is recomputed on every access)
    baca_juga = BacaJuga(label, lambda n: f"{site_url}/{articles[n].url}", lambda n: articles[n].title)
    for number, (article, picks) in enumerate(zip(articles, result.picks, strict=True)):
        article.rekomendasi = [Recommendation(articles[p.index], p, result.model, number) for p in picks[: cfg.count]]
        article.rekomendasi_dropped = tuple((articles[j], articles[k], result.same_story[j][k])
                                            for j, k in result.dropped[number])  # mostly empty: no list
        article.terkini = [a for a in latest if a is not article][: cfg.terkini_count]
        links = [baca_juga(p.index) for p in picks[: cfg.baca_juga_count]]
        if links:  # inserts into the Body: newsroom publishes it once every plugin is done
            article.body = insert_links(body.of(article), links, cfg.baca_juga_after)
    placed = time.perf_counter()

    build.tokenised = result.tokenised
    build.result, build.slugs = result, [d.slug for d in docs]
    # placed: nothing the pages show needs the model's matrices or the word numbering (which only serves
    # the next tokenising) any more, and both would be held while every page is written
    result.model.release(keep_vectors=cfg.explain)
    tokenize.forget()
    build.seconds = {**result.seconds, "place": placed - ranked, "total": placed - started}
    logger.info("rekomendasi: %d articles in %.2f s (%d tokenised)", len(articles), placed - started,
                result.tokenised)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(build_of)
    signals.article_generator_finalized.connect(recommend)
