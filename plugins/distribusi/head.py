"""What ``partials/head_meta.html`` prints: canonical URL, feed links, Open
Graph and Twitter card tags, and the JSON-LD graph, for the page being
rendered. Computed here so the template stays a plain list of tags."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from newsroom.dates import iso

from . import structured
from .canonical import NOT_AN_ADDRESS, canonical_of
from .config import DistribusiConfig
from .feeds import share_rendition

DESCRIPTION_MAX = 160


@dataclass(frozen=True)
class Image:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Feed:
    title: str
    type: str
    url: str


@dataclass(frozen=True)
class PageMeta:
    canonical: str  # "" on the 404 page, which stands in for any missing URL
    og_type: str  # "article" or "website"
    title: str  # plain text, like every field here but json_ld: the template escapes them
    description: str
    image: Image | None
    json_ld: Markup
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    feeds: tuple[Feed, ...] = field(default_factory=tuple)


def page_meta(context, cfg: DistribusiConfig, logo) -> PageMeta:
    article = context.get("article")
    path = canonical_of(context)
    canonical = "" if path in NOT_AN_ADDRESS else cfg.absolute(path)
    description = _description(context, cfg)
    json_ld = structured.script_tag(structured.graph(context, cfg, logo, description))
    feeds = tuple(_feeds(context))
    if article is None:
        page = context.get("page")
        title = str(page.title) if page is not None else cfg.sitename
        image = Image(cfg.absolute(logo.url), logo.width, logo.height, cfg.publisher.get("name", cfg.sitename))
        return PageMeta(canonical, "website", title, description, image, json_ld, feeds=feeds)
    photo = share_rendition(article, cfg)
    image = Image(cfg.absolute(photo.url), photo.width, photo.height, photo.alt) if photo else \
        Image(cfg.absolute(logo.url), logo.width, logo.height, cfg.publisher.get("name", cfg.sitename))
    return PageMeta(
        canonical=canonical,
        og_type="article",
        title=str(article.title),
        description=description,
        image=image,
        json_ld=json_ld,
        published=iso(article.date),
        modified=iso(getattr(article, "modified", None) or article.date),
        section=str(article.category),
        tags=tuple(str(tag) for tag in getattr(article, "tags", ())),
        feeds=feeds,
    )


def _description(context, cfg: DistribusiConfig) -> str:
    """The page's one description: meta description, Open Graph, Twitter and JSON-LD.

    Plain text (Sorotan, else the summary: Ringkasan or the article's own
    opening words, see newsroom), escaped by the template or by JSON.
    """
    article = context.get("article")
    if article is not None:
        text = (newsroom_text(article, "highlight") or newsroom_text(article, "summary")
                or str(getattr(article, "summary", "") or ""))
    elif context.get("category") is not None:
        text = cfg.rubrik.get(context["category"].name, "") or cfg.subtitle
    else:
        text = cfg.subtitle
    return _truncate(" ".join(str(text).split()), DESCRIPTION_MAX)


def newsroom_text(article, field_name: str) -> str:
    """A plain-text field of ``article.newsroom`` ("" without the newsroom plugin)."""
    newsroom = getattr(article, "newsroom", None)
    return str(getattr(newsroom, field_name, "") or "") if newsroom is not None else ""


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _feeds(context):
    """The rubrik feeds of the rubrik being shown (the all-articles feed is in base.html)."""
    domain = context.get("FEED_DOMAIN", "")
    strings = context.get("T", {})
    category = context.get("category")
    if context.get("FEED_ALL_RSS"):
        yield Feed(f"{context['SITENAME']} – {strings.get('feed_rss', 'RSS')}", "application/rss+xml",
                   f"{domain}/{context['FEED_ALL_RSS']}")
    if category is None:
        return
    name = f"{context['SITENAME']} – {strings.get('rubrik', 'Rubrik')} {category.name}"
    if context.get("CATEGORY_FEED_ATOM"):
        yield Feed(name, "application/atom+xml", f"{domain}/{context['CATEGORY_FEED_ATOM'].format(slug=category.slug)}")
    if context.get("CATEGORY_FEED_RSS"):
        yield Feed(f"{name} ({strings.get('feed_rss', 'RSS')})", "application/rss+xml",
                   f"{domain}/{context['CATEGORY_FEED_RSS'].format(slug=category.slug)}")
