"""An article's page data, made once before any page is written.

Every page of an article (pages 2..N and view-all too, see plugins/halaman)
names the same canonical URL, so one ``ArticleData`` per article serves its
head tags, its JSON-LD and its feed entries: ``article.distribusi``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .build import DistribusiBuild
from .canonical import canonical_path
from .head import PageMeta, article_meta
from .renditions import Rendition, share_of


@dataclass(frozen=True)
class ArticleData:
    canonical: str  # site-relative
    images: tuple[Rendition, ...]  # social crops of the lead photo (or of the site's card)
    share: Rendition | None  # the one og:image, Twitter card and feed image
    meta: PageMeta  # what partials/head_meta.html prints
    has_photo: bool = False  # a lead photo of its own, not the site's card

    @property
    def feed_photo(self) -> Rendition | None:
        """A feed shows only a real lead photo; the site's card would repeat in every entry."""
        return self.share if self.has_photo else None


def article_data(article, build: DistribusiBuild, author_pages: set[str]) -> ArticleData:
    """The page data of ARTICLE; AUTHOR_PAGES are the slugs that have a penulis page."""
    cfg = build.cfg
    images = build.social_images(article)
    share = share_of(images, cfg)
    path = canonical_path(article)
    meta = article_meta(article, path, images, share, cfg, build.site_nodes, build.logo_image, author_pages)
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
        from .build import build_of

        data = article.distribusi = article_data(article, build_of(context), author_pages_of(context))
    return data
