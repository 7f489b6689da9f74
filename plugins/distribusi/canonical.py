"""Which URL each written page stands for: the one place canonical URLs are decided.

The canonical tag, og:url, JSON-LD, the feeds' links, the sitemap and the
Pagefind marker all ask this module, so a page is either "the" page of its
content everywhere or nowhere.
"""

from __future__ import annotations

INDEX_FILE = "index.html"
# Pages a static host serves in place of other URLs: they name no canonical URL.
NOT_AN_ADDRESS = frozenset({"404.html"})


def canonical_path(article) -> str:
    """The site-relative URL search engines should index for ARTICLE.

    The canonical policy of plugins/halaman: every page of a split article,
    and its view-all page, name the view-all page (``…/slug/semua/``); an
    article of one page names itself. ``article.halaman`` is attached at
    ``all_generators_finalized``, before anything is written; without it
    (halaman not loaded) an article is its own canonical.
    """
    halaman = getattr(article, "halaman", None)
    return halaman.canonical_url if halaman is not None else article.url


def page_path(output_file: str) -> str:
    """The URL a written file is served at: ``x/index.html`` -> ``x/``."""
    path = str(output_file).replace("\\", "/").lstrip("/")
    if path == INDEX_FILE:
        return ""
    if path.endswith("/" + INDEX_FILE):
        return path[: -len(INDEX_FILE)]
    return path


def canonical_of(context) -> str:
    """The canonical site-relative URL of the page being rendered with CONTEXT."""
    article = context.get("article")
    if article is not None:
        return canonical_path(article)
    return page_path(context.get("output_file", ""))


def is_canonical(context) -> bool:
    """Whether the page being rendered is its content's canonical page."""
    return page_path(context.get("output_file", "")) == canonical_of(context)
