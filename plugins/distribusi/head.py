"""What ``partials/head_meta.html`` prints: canonical URL, feed links, Open
Graph and Twitter card tags, and the JSON-LD graph, for the page being
rendered. Computed here so the template stays a plain list of tags."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from newsroom.dates import iso

from . import structured
from .canonical import NOT_AN_ADDRESS, page_path
from .config import DistribusiConfig

DESCRIPTION_MAX = 160
NO_JSON_LD = Markup("")  # an article's head as kept: its JSON-LD is made per page (article_json_ld)


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


def article_meta(article, canonical_path: str, images, share, cfg: DistribusiConfig, logo_image: Image,
                 feeds: tuple[Feed, ...]) -> PageMeta:
    """The head of every page of ARTICLE (its pages 2..N and view-all name the same canonical URL),
    but its JSON-LD (``json_ld`` is empty): ``article_json_ld`` makes that when a page is rendered.

    IMAGES are its social crops and SHARE the one of them og:image shows;
    LOGO_IMAGE stands in when it has none. FEEDS: those of its rubrik
    (``feeds_of``, kept once per rubrik by the caller)."""
    canonical = cfg.absolute(canonical_path)
    image = Image(cfg.absolute(share.url), share.width, share.height, share.alt) if share else logo_image
    return PageMeta(
        canonical=canonical,
        og_type="article",
        title=str(article.title),
        description=article_description(article),
        image=image,
        json_ld=NO_JSON_LD,
        published=iso(article.date),
        modified=iso(getattr(article, "modified", None) or article.date),
        section=str(article.category),
        tags=tuple(str(tag) for tag in getattr(article, "tags", ())),
        feeds=feeds,
    )


def article_json_ld(article, meta: PageMeta, images, cfg: DistribusiConfig, site: list[dict],
                    author_pages: set[str]) -> Markup:
    """The JSON-LD of ARTICLE's pages, from its head META (canonical URL,
    description). Several KB per article: made when a page is rendered and
    not kept (see pagedata.json_ld_of)."""
    return structured.script_tag(
        structured.article_graph(article, meta.canonical, images, cfg, site, meta.description, author_pages))


def page_meta(context, cfg: DistribusiConfig, site: list[dict], logo_image: Image) -> PageMeta:
    """The head of a page that is not an article (lists, static pages, 404), rendered with CONTEXT."""
    path = page_path(context.get("output_file", ""))
    canonical = "" if path in NOT_AN_ADDRESS else cfg.absolute(path)
    category = context.get("category")
    page = context.get("page")
    # plugins/papan's items describe themselves (their Ringkasan) and add their own nodes (Event, Article)
    own = truncate(" ".join(str(getattr(page, "head_description", "") or "").split()), DESCRIPTION_MAX)
    description = own or page_description(category, cfg)
    json_ld = structured.script_tag(structured.page_graph(context, path, cfg, site, description))
    title = str(page.title) if page is not None else str(context.get("list_heading") or cfg.sitename)
    return PageMeta(canonical, "website", title, description, logo_image, json_ld, feeds=tuple(feeds_of(category, cfg)))


def article_description(article) -> str:
    """The page's one description: meta description, Open Graph, Twitter and JSON-LD.

    Plain text (Sorotan, else the summary: Ringkasan or the article's own
    opening words, see newsroom), escaped by the template or by JSON.
    """
    text = (newsroom_text(article, "highlight") or newsroom_text(article, "summary")
            or str(getattr(article, "summary", "") or ""))
    return truncate(" ".join(str(text).split()), DESCRIPTION_MAX)


def page_description(category, cfg: DistribusiConfig) -> str:
    """A rubrik page's description (its RUBRIK text), else the site's subtitle."""
    text = (cfg.rubrik.get(category.name, "") or cfg.subtitle) if category is not None else cfg.subtitle
    return truncate(" ".join(str(text).split()), DESCRIPTION_MAX)


def newsroom_text(article, field_name: str) -> str:
    """A plain-text field of ``article.newsroom`` ("" without the newsroom plugin)."""
    newsroom = getattr(article, "newsroom", None)
    return str(getattr(newsroom, field_name, "") or "") if newsroom is not None else ""


def truncate(text: str, limit: int) -> str:
    """TEXT cut at the last whole word that fits LIMIT characters with its "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def feeds_of(category, cfg: DistribusiConfig):
    """The feeds a page names in its head: the RSS feed of everything, and
    the rubrik's feeds on a rubrik or article page (the all-articles Atom
    feed is in base.html)."""
    rss = cfg.strings.get("feed_rss", "RSS")
    if cfg.feed_all_rss:
        yield Feed(f"{cfg.sitename} – {rss}", "application/rss+xml", f"{cfg.feed_domain}/{cfg.feed_all_rss}")
    if category is None:
        return
    name = f"{cfg.sitename} – {cfg.strings.get('rubrik', 'Rubrik')} {category.name}"
    if cfg.category_feed_atom:
        yield Feed(name, "application/atom+xml",
                   f"{cfg.feed_domain}/{cfg.category_feed_atom.format(slug=category.slug)}")
    if cfg.category_feed_rss:
        yield Feed(f"{name} ({rss})", "application/rss+xml",
                   f"{cfg.feed_domain}/{cfg.category_feed_rss.format(slug=category.slug)}")
