"""An article's page data, made once before any page is written.

Every page of an article (pages 2..N and view-all too, see plugins/halaman)
names the same canonical URL, so one ``ArticleData`` per article serves its
head tags and its feed entries: ``article.distribusi``. Its JSON-LD (a few
KB, held for every article at once it was the largest part of the build's
memory) is made when a page is rendered, from that data: ``page_meta_of``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from .build import DistribusiBuild, build_of
from .canonical import canonical_path
from .head import PageMeta, article_json_ld, article_meta
from .renditions import Rendition, share_of


@dataclass(frozen=True)
class ArticleData:
    canonical: str  # site-relative
    images: tuple[Rendition, ...]  # social crops of the lead photo (or of the site's card)
    share: Rendition | None  # the one og:image, Twitter card and feed image
    meta: PageMeta  # what partials/head_meta.html prints, but the JSON-LD (see page_meta_of)
    has_photo: bool = False  # a lead photo of its own, not the site's card

    @property
    def feed_photo(self) -> Rendition | None:
        """A feed shows only a real lead photo; the site's card would repeat in every entry."""
        return self.share if self.has_photo else None


def article_data(article, build: DistribusiBuild, made: dict | None = None) -> ArticleData:
    """The page data of ARTICLE (MADE: see ``social_images``)."""
    cfg = build.cfg
    images = build.social_images(article, made)
    share = share_of(images, cfg)
    path = canonical_path(article)
    meta = article_meta(article, path, images, share, cfg, build.logo_image, build.feeds_for(article))
    newsroom = getattr(article, "newsroom", None)
    return ArticleData(path, images, share, meta, has_photo=bool(newsroom and newsroom.photo))


def author_pages_of(context) -> set[str]:
    """The slugs of the authors with a page of their own (Pelican's ``authors`` of the build)."""
    return {author.slug for author, _ in context.get("authors", ())}


def data_of(article, context) -> ArticleData:
    """``article.distribusi``; made here if the article was not among those
    prepared before writing (CONTEXT: the build's generator or template context)."""
    data = getattr(article, "distribusi", None)
    if data is None:
        data = article.distribusi = article_data(article, build_of(context))
    return data


def page_meta_of(article, context) -> PageMeta:
    """What partials/head_meta.html prints on a page of ARTICLE: its page data with its JSON-LD."""
    data = data_of(article, context)
    return replace(data.meta, json_ld=json_ld_of(article, data, build_of(context), context))


def json_ld_of(article, data: ArticleData, build: DistribusiBuild, context) -> Markup:
    """ARTICLE's JSON-LD, made now; the last one made is kept, for the pages
    2..N and view-all of a split article, which plugins/halaman writes one
    after another (its page 1 is written earlier, with the other articles)."""
    last = build.last_json_ld
    if last is not None and last[0] is article:
        return last[1]
    if build.author_pages is None:
        build.author_pages = author_pages_of(context)
    markup = article_json_ld(article, data.meta, data.images, build.cfg, build.site_nodes, build.author_pages)
    build.last_json_ld = (article, markup)
    return markup
