"""``sitemap.xml`` (split behind a sitemap index above the URL limit) and the
Google News sitemap, from what the build wrote.

Each page Pelican writes is recorded with the context it was rendered from
(``content_written``), so the list is exactly the written pages, dated from
the articles on them: an article at its canonical URL only (once, even when
it is split into pages), static and list pages by the newest article they
show. Hidden articles and pages, the 404 page and the search page are left
out.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from newsroom.dates import iso

from .canonical import canonical_path, page_path
from .config import DistribusiConfig

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Entry:
    path: str  # site-relative URL
    lastmod: dt.datetime | None
    published: dt.datetime | None = None  # articles only: for the news sitemap
    title: str = ""


def entry_for(context, cfg: DistribusiConfig) -> Entry | None:
    """The sitemap entry of a page written with CONTEXT, or None if it is not listed."""
    path = page_path(context.get("output_file", ""))
    if not path.endswith(("/", ".html")) and path != "":
        return None
    if path in cfg.sitemap_exclude:
        return None
    article = context.get("article")
    if article is not None:
        if article.status != "published" or path != canonical_path(article):
            return None
        return Entry(path, _changed(article), article.date, str(article.title))  # plain text, escaped on write
    page = context.get("page")
    if page is not None:
        if page.status != "published":
            return None
        # A page without Date/Diperbarui has no lastmod (it is optional): a file
        # time would be the checkout time in CI, git history is not always there.
        return Entry(path, getattr(page, "modified", None) or getattr(page, "date", None))
    if context.get("page_lastmod") is not None:  # a list of another plugin's items (papan), dated by them
        return Entry(path, context["page_lastmod"])
    paginated = context.get("articles_page")
    shown = paginated.object_list if paginated is not None else context.get("articles") or ()
    return Entry(path, max((_changed(a) for a in shown), default=None))


def _changed(content) -> dt.datetime:
    return getattr(content, "modified", None) or content.date


def write_sitemaps(entries: list[Entry], output: Path, cfg: DistribusiConfig) -> list[str]:
    """Write sitemap.xml (and its parts when needed); return the files written."""
    entries = sorted(entries, key=lambda e: e.path)
    size = max(1, cfg.sitemap_max_urls)
    if len(entries) <= size:
        _write(output / cfg.sitemap, _urlset(entries, cfg))
        return [cfg.sitemap]
    stem, suffix = Path(cfg.sitemap).stem, Path(cfg.sitemap).suffix
    parts = []
    for number, start in enumerate(range(0, len(entries), size), start=1):
        name = str(Path(cfg.sitemap).with_name(f"{stem}-{number}{suffix}"))
        chunk = entries[start:start + size]
        _write(output / name, _urlset(chunk, cfg))
        parts.append((name, max((e.lastmod for e in chunk if e.lastmod), default=None)))
    lines = [f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for name, lastmod in parts:
        lines.append(f"<sitemap><loc>{escape(cfg.absolute(name))}</loc>"
                     + (f"<lastmod>{iso(lastmod)}</lastmod>" if lastmod else "") + "</sitemap>")
    lines.append("</sitemapindex>")
    _write(output / cfg.sitemap, lines)
    return [cfg.sitemap, *(name for name, _ in parts)]


def news_entries(entries: list[Entry], now: dt.datetime, cfg: DistribusiConfig) -> list[Entry]:
    """Articles published in the last NEWS_DAYS before NOW, newest first, at most NEWS_MAX."""
    since = now - dt.timedelta(days=cfg.news_days)
    fresh = [e for e in entries if e.published is not None and since <= e.published <= now]
    fresh.sort(key=lambda e: (e.published, e.path), reverse=True)
    return fresh[: cfg.news_max]


def news_window_changes(entries, now: dt.datetime | None, cfg: DistribusiConfig) -> dt.datetime | None:
    """When the news sitemap written at NOW would change by the clock alone:
    the moment its oldest article leaves the window. None when "now" is fixed
    (DISTRIBUSI_NOW, SOURCE_DATE_EPOCH) or no article will leave it."""
    if cfg.now is not None or now is None:
        return None
    window = dt.timedelta(days=cfg.news_days)
    return min((e.published + window for e in entries if e.published is not None and e.published + window > now),
               default=None)


def write_news_sitemap(entries: list[Entry], output: Path, cfg: DistribusiConfig) -> None:
    """The Google News sitemap; written even when empty, so the URL given to
    Search Console never turns into a 404 on a quiet weekend."""
    lines = [f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">']
    name, language = escape(cfg.sitename), escape(cfg.language)
    for e in entries:
        lines.append(
            f"<url><loc>{escape(cfg.absolute(e.path))}</loc><news:news><news:publication>"
            f"<news:name>{name}</news:name><news:language>{language}</news:language></news:publication>"
            f"<news:publication_date>{iso(e.published)}</news:publication_date>"
            f"<news:title>{escape(e.title)}</news:title></news:news></url>"
        )
    lines.append("</urlset>")
    _write(output / cfg.news_sitemap, lines)


def _urlset(entries: list[Entry], cfg: DistribusiConfig) -> list[str]:
    lines = [f'<urlset xmlns="{SITEMAP_NS}">']
    for e in entries:
        lastmod = f"<lastmod>{iso(e.lastmod)}</lastmod>" if e.lastmod else ""
        lines.append(f"<url><loc>{escape(cfg.absolute(e.path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return lines


def _write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n", encoding="utf-8")


def robots_txt(sitemaps: list[str], cfg: DistribusiConfig) -> str:
    """Everything may be crawled; the sitemaps are named with absolute URLs."""
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {cfg.absolute(name)}" for name in sitemaps]
    return "\n".join(lines) + "\n"
