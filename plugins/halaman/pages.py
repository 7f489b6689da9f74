"""From one article's Body to its ``Halaman``: plan the pages over its
blocks, give each page its footnotes and working anchors, name the URLs,
and have ``newsroom.body.render`` write each page."""

from __future__ import annotations

from newsroom import body as article_body

from . import anchors, blocks, split
from .config import HalamanConfig
from .model import Halaman, Part


class NotADirectoryUrl(ValueError):
    """Page N lives at ``{article url}N/``, which needs directory URLs."""


def paginate(article, config: HalamanConfig) -> tuple[Halaman, int]:
    """Split the article's Body; return its pages and how many markers were ignored."""
    url, save_as = article.url, article.save_as  # Content.url is recomputed on each access
    body = article_body.of(article)
    document = blocks.read(body)
    planned = split.plan(document, config)
    if len(planned) == 1:
        return Halaman(article, [Part(1, None, url, save_as)], "", ""), document.ignored_markers
    if not url.endswith("/") or not save_as.endswith("/index.html"):
        raise NotADirectoryUrl(
            f"{article.get_relative_source_path()}: halaman needs directory article URLs "
            f"(ARTICLE_URL ending in '/', ARTICLE_SAVE_AS in '/index.html'), got {url!r}")
    notes = anchors.footnotes_per_page(planned, body.footnotes)
    moved = anchors.link_across_pages(planned, notes, body.footnotes)
    html = [article_body.render(body, page, notes[n], moved[n]) for n, page in enumerate(planned)]
    folder = save_as[: -len("index.html")]
    parts = [Part(1, html[0], url, save_as)]
    parts += [Part(number, html[number - 1], f"{url}{number}/", f"{folder}{number}/index.html")
              for number in range(2, len(planned) + 1)]
    return (Halaman(article, parts, f"{url}{config.all_slug}/", f"{folder}{config.all_slug}/index.html"),
            document.ignored_markers)
