"""Atom and RSS feeds built from the newsroom model.

Pelican decides which feeds exist and which articles go in each
(FEED_ALL_ATOM, CATEGORY_FEED_ATOM, FEED_ALL_RSS, …, FEED_MAX_ITEMS); this
module decides what an entry says. Pelican's own entries lack what feed
readers and aggregators show: the author's page, the lead photo
(``media:content`` and an enclosure), absolute links inside the text, and one
id per feed. The entry carries the whole ``article.content`` once, so a
multi-page article is read in full in a feed reader, and links to the
article's own address (its first page, as the portal shows it; that page's
canonical tag names the view-all page). Ids come from that URL and the date,
which never move when an article is later split into pages.
"""

from __future__ import annotations

import html
import re

from feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, get_tag_uri
from newsroom.reuse import ReusingWriter

from .build import build_of
from .config import DistribusiConfig
from .pagedata import data_of

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"

# href="/x" and src="/x" (root-relative, not protocol-relative "//host").
_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])/(?!/)""")


def absolute_links(markup: str, siteurl: str) -> str:
    """Make root-relative links absolute: a feed is read away from the site."""
    if not markup or not siteurl:
        return markup
    return _ROOT_RELATIVE.sub(lambda m: f"{m.group(1)}{m.group(2)}{siteurl}/", markup)


def _add_media(handler, item) -> None:
    media = item.get("media")
    if not media:
        return
    handler.startElement("media:content", {
        "url": media["url"], "medium": "image", "type": media["type"],
        "width": str(media["width"]), "height": str(media["height"]), "fileSize": str(media["length"]),
    })
    if media.get("caption"):
        handler.addQuickElement("media:description", media["caption"], {"type": "plain"})
    if media.get("credit"):
        handler.addQuickElement("media:credit", media["credit"])
    handler.endElement("media:content")


class NewsAtomFeed(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_media(handler, item)


class NewsRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS, "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["content"]:  # RSS has no content element: the full text goes in content:encoded
            handler.addQuickElement("content:encoded", item["content"])
        _add_media(handler, item)


def entry(article, site_url: str, photo, rss: bool = False) -> dict:
    """The keyword arguments of ``feed.add_item`` for one article; PHOTO is
    its lead photo's share rendition (``article.distribusi.feed_photo``) or None."""

    def absolute(path: str) -> str:
        return f"{site_url}/{str(path).lstrip('/')}"

    newsroom = getattr(article, "newsroom", None)
    address = absolute(article.url)
    content = absolute_links(article.get_content(site_url), site_url)
    # Both feed formats read the description as HTML: the plain-text summary
    # (see newsroom) escaped once, so a reader shows its exact text.
    summary = html.escape(newsroom.summary if newsroom and newsroom.summary else str(article.summary or ""),
                          quote=False)
    fields = {
        "title": str(article.title),  # plain text: feedgenerator escapes it for XML
        "link": address,
        "unique_id": get_tag_uri(address, article.date),
        # RSS has one description: the summary; the full text goes in content:encoded.
        # Atom leaves it out when it would only repeat a short text.
        "description": summary if rss or not (newsroom and newsroom.summary_is_whole_text) else None,
        "content": content,
        "categories": [str(article.category), *(str(tag) for tag in getattr(article, "tags", ()))],
        "author_name": newsroom.author.name if newsroom else str(article.author),
        "author_link": absolute(article.author.url),
        "pubdate": article.date,
        "updateddate": getattr(article, "modified", None) or article.date,
    }
    if rss:
        fields["unique_id_is_permalink"] = False
    if photo is not None:
        fields["enclosures"] = [Enclosure(absolute(photo.url), str(photo.length), photo.mime_type)]
        fields["media"] = {
            "url": absolute(photo.url), "type": photo.mime_type, "width": photo.width, "height": photo.height,
            "length": photo.length, "caption": newsroom.photo.caption if newsroom and newsroom.photo else "",
            "credit": newsroom.photo.credit if newsroom and newsroom.photo else "",
        }
    return fields


class FeedWriter(ReusingWriter):
    """Pelican's Writer, with feed entries built by ``entry``; pages as newsroom.reuse writes them."""

    context = None  # the generator context of the feed being written

    def _create_new_feed(self, feed_type, feed_title, context):
        self.context = context
        cfg: DistribusiConfig = build_of(context).cfg
        feed_class = NewsRssFeed if feed_type == "rss" else NewsAtomFeed
        title = cfg.sitename + (f" – {feed_title}" if feed_title else "")
        return feed_class(
            title=title,
            link=self.site_url + "/",
            feed_url=self.feed_url,
            description=cfg.subtitle,
            subtitle=cfg.subtitle or None,
            language=cfg.language,
            feed_guid=self.feed_url,  # Pelican gives every feed the site's URL as its id
        )

    def _add_item_to_the_feed(self, feed, item):
        photo = data_of(item, self.context).feed_photo
        feed.add_item(**entry(item, self.site_url, photo, rss=isinstance(feed, Rss201rev2Feed)))
