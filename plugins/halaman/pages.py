"""From one article's final HTML to its ``Halaman``: read the blocks, plan
the pages, give each page its footnotes and working anchors, name the URLs."""

from __future__ import annotations

from bs4 import PageElement, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from . import anchors, blocks, split
from .config import HalamanConfig
from .model import Halaman, Part


class NotADirectoryUrl(ValueError):
    """Page N lives at ``{article url}N/``, which needs directory URLs."""


def paginate(article, config: HalamanConfig) -> tuple[Halaman, int]:
    """Split ``article._content``; return its pages and how many markers were ignored."""
    url, save_as = article.url, article.save_as  # Content.url is recomputed on each access
    document = blocks.read(article._content, config.markers)
    planned = split.plan(document, config)
    if len(planned) == 1:
        return Halaman(article, [Part(1, article._content, url, save_as)], "", ""), document.ignored_markers
    if not url.endswith("/") or not save_as.endswith("/index.html"):
        raise NotADirectoryUrl(
            f"{article.get_relative_source_path()}: halaman needs directory article URLs "
            f"(ARTICLE_URL ending in '/', ARTICLE_SAVE_AS in '/index.html'), got {url!r}")
    pages: list[list[PageElement]] = [[node for block in page for node in block.nodes] for page in planned]
    anchors.footnotes_per_page(pages, document.footnotes, document.soup)
    anchors.link_across_pages(pages)
    folder = save_as[: -len("index.html")]
    parts = [Part(1, _html(pages[0]), url, save_as)]
    parts += [Part(number, _html(nodes), f"{url}{number}/", f"{folder}{number}/index.html")
              for number, nodes in enumerate(pages[1:], start=2)]
    return (Halaman(article, parts, f"{url}{config.all_slug}/", f"{folder}{config.all_slug}/index.html"),
            document.ignored_markers)


# Escape only what must be escaped (&, <, >) and write void elements as
# HTML5 does (<br>): the pages read like the Markdown output they came from.
_FORMATTER = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=None)


def _html(nodes: list[PageElement]) -> str:
    return "\n".join(node.decode(formatter=_FORMATTER) if isinstance(node, Tag) else node.output_ready(_FORMATTER)
                     for node in nodes)
