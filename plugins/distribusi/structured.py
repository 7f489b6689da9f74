"""One schema.org JSON-LD ``@graph`` per page, built from the article model.

Every page names the publisher (a GovernmentOrganization with its logo) and
the WebSite with its SearchAction to ``/cari/?q=``; an article page adds its
WebPage, NewsArticle and BreadcrumbList; a list or static page adds its
WebPage and BreadcrumbList. Nodes refer to each other by ``@id``, so each
appears once per page.
"""

from __future__ import annotations

import json

from markupsafe import Markup
from newsroom.dates import iso

from .canonical import NOT_AN_ADDRESS
from .config import DistribusiConfig


def article_graph(article, canonical: str, images, cfg: DistribusiConfig, site: list[dict], description: str,
                  author_pages: set[str]) -> dict:
    """The graph of an article's pages (all of them name the same canonical URL).

    SITE is the publisher and WebSite nodes (the same on every page), IMAGES
    the article's social crops, AUTHOR_PAGES the slugs that have a penulis page.
    """
    nodes = [*site, *article_nodes(article, canonical, images, cfg, description, author_pages)]
    return {"@context": "https://schema.org", "@graph": nodes}


def page_graph(context, path: str, cfg: DistribusiConfig, site: list[dict], description: str = "") -> dict:
    """The graph of a page that is not an article (PATH: its canonical site-relative URL)."""
    home = cfg.absolute("")
    canonical = cfg.absolute(path)
    nodes = list(site)
    if path not in NOT_AN_ADDRESS:  # the 404 page stands for no address of its own
        name, kind, trail = _page_outline(context, canonical, cfg)
        page = {"@type": kind, "@id": canonical, "url": canonical, "name": name, "inLanguage": cfg.language,
                "isPartOf": {"@id": home + "#website"}}
        if description:
            page["description"] = description
        if trail:
            page["breadcrumb"] = {"@id": canonical + "#breadcrumb"}
            nodes.append(breadcrumbs(canonical, [(cfg.strings.get("home", "Beranda"), home), *trail]))
        nodes.append(page)
        own = getattr(context.get("page"), "structured_nodes", None)
        if own is not None:  # a content type of another plugin (papan's Event, Article)
            nodes.extend(own(canonical, cfg.absolute, description))
    return {"@context": "https://schema.org", "@graph": nodes}


def script_tag(data: dict) -> Markup:
    """The ``<script type="application/ld+json">``; "<" escaped so no text can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def organization(cfg: DistribusiConfig, logo) -> dict:
    home = cfg.absolute("")
    publisher = cfg.publisher
    node = {
        "@type": "GovernmentOrganization",
        "@id": home + "#organization",
        "name": publisher.get("name") or cfg.sitename,
        "url": home,
        "logo": {"@type": "ImageObject", "@id": home + "#logo", "url": cfg.absolute(logo.url),
                 "width": logo.width, "height": logo.height},
    }
    if publisher.get("short_name"):
        node["alternateName"] = publisher["short_name"]
    if publisher.get("address"):
        node["address"] = {"@type": "PostalAddress", "streetAddress": publisher["address"], "addressCountry": "ID"}
    if publisher.get("phone"):
        node["telephone"] = publisher["phone"]
    if publisher.get("email"):
        node["email"] = publisher["email"]
    if publisher.get("social"):
        node["sameAs"] = [url for _, url in publisher["social"]]
    return node


def website(cfg: DistribusiConfig) -> dict:
    home = cfg.absolute("")
    return {
        "@type": "WebSite",
        "@id": home + "#website",
        "url": home,
        "name": cfg.sitename,
        "description": cfg.subtitle,
        "inLanguage": cfg.language,
        "publisher": {"@id": home + "#organization"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": cfg.absolute(cfg.search_url) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(canonical: str, trail: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "@id": canonical + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_nodes(article, canonical: str, renditions, cfg: DistribusiConfig, description: str,
                  author_pages: set[str]) -> list[dict]:
    home = cfg.absolute("")
    newsroom = article.newsroom
    title = str(article.title)  # plain text: json.dumps escapes what JSON needs
    news = {
        "@type": "NewsArticle",
        "@id": canonical + "#article",
        "mainEntityOfPage": {"@id": canonical},
        "isPartOf": {"@id": home + "#website"},
        "headline": title,
        "description": description,
        "datePublished": iso(article.date),
        "dateModified": iso(getattr(article, "modified", None) or article.date),
        "author": [person(newsroom.author, cfg, author_pages)],
        "editor": person(newsroom.editor, cfg, author_pages),
        "publisher": {"@id": home + "#organization"},
        "articleSection": str(article.category),
        "keywords": [str(tag) for tag in getattr(article, "tags", ())],
        "wordCount": newsroom.words,
        "inLanguage": cfg.language,
        "isAccessibleForFree": True,
    }
    if renditions:
        news["image"] = [{"@type": "ImageObject", "url": cfg.absolute(r.url), "width": r.width, "height": r.height}
                         for r in renditions]
    if newsroom.dateline:
        news["locationCreated"] = {"@type": "Place", "name": newsroom.dateline.title()}
    page = {
        "@type": "WebPage",
        "@id": canonical,
        "url": canonical,
        "name": title,
        "inLanguage": cfg.language,
        "isPartOf": {"@id": home + "#website"},
        "breadcrumb": {"@id": canonical + "#breadcrumb"},
        "datePublished": news["datePublished"],
        "dateModified": news["dateModified"],
    }
    trail = [(cfg.strings.get("home", "Beranda"), home), (str(article.category), cfg.absolute(article.category.url)),
             (title, canonical)]
    return [page, news, breadcrumbs(canonical, trail)]


def person(who, cfg: DistribusiConfig, author_pages: set[str]) -> dict:
    """A Person; with ``url`` (their penulis page) whenever the site has one."""
    node = {"@type": "Person", "name": who.name}
    if who.slug in author_pages:
        node["url"] = cfg.absolute(cfg.author_path(who.slug))
    return node


def _page_outline(context, here: str, cfg: DistribusiConfig) -> tuple[str, str, list[tuple[str, str]]]:
    """(name, schema.org type, breadcrumb trail after Beranda) of a page that is
    not an article; HERE is its absolute canonical URL."""
    strings = cfg.strings
    if context.get("page") is not None:
        title = str(context["page"].title)
        parent = getattr(context["page"], "breadcrumb_parent", None)  # (name, site-relative URL): papan's items
        return title, "WebPage", [*([(parent[0], cfg.absolute(parent[1]))] if parent else []), (title, here)]
    if context.get("list_heading"):  # another plugin's list (papan: /pengumuman/, /agenda/, their filters)
        heading = str(context["list_heading"])
        return heading, "CollectionPage", [(heading, here)]
    if context.get("category") is not None:
        category = context["category"]
        return str(category), "CollectionPage", [(str(category), cfg.absolute(category.url))]
    if context.get("tag") is not None:
        tag = context["tag"]
        return str(tag), "CollectionPage", [(strings.get("tags", "Tag"), cfg.absolute(cfg.tags_url)),
                                            (str(tag), cfg.absolute(tag.url))]
    if context.get("author") is not None and context.get("articles_page") is not None:
        author = context["author"]
        return str(author), "ProfilePage", [
            (strings.get("authors", "Penulis"), cfg.absolute(cfg.authors_url)),
            (str(author), cfg.absolute(author.url))]
    return cfg.sitename, "CollectionPage" if context.get("articles_page") else "WebPage", []
