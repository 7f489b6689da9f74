"""The plugin's settings, read in one place with their defaults."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from gambar import PhotoProblem, photo_library

logger = logging.getLogger(__name__)

DEFAULTS = {
    # "now" for the Google News sitemap; None = the SOURCE_DATE_EPOCH environment
    # variable when it is set (reproducible builds), else the build's clock. A
    # datetime or "YYYY-MM-DD HH:MM" (read in TIMEZONE), so tests pin it.
    "DISTRIBUSI_NOW": None,
    "DISTRIBUSI_SITEMAP": "sitemap.xml",
    "DISTRIBUSI_SITEMAP_MAX_URLS": 50_000,  # above it sitemap.xml becomes an index of sitemap-N.xml
    "DISTRIBUSI_SITEMAP_EXCLUDE": ["404.html", "cari/"],  # output URLs never listed
    "DISTRIBUSI_NEWS_SITEMAP": "sitemap-berita.xml",
    "DISTRIBUSI_NEWS_DAYS": 2,  # Google News only wants the last two days
    "DISTRIBUSI_NEWS_MAX": 1_000,  # and at most 1,000 articles
    "DISTRIBUSI_ROBOTS": "robots.txt",
    # Social/structured-data renditions of the lead photo: name -> aspect ratio.
    "DISTRIBUSI_RENDITIONS": {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)},
    "DISTRIBUSI_RENDITION_MAX_WIDTH": 1200,  # px; larger crops are scaled down, never up
    "DISTRIBUSI_RENDITION_MIN_PIXELS": 50_000,  # Google's minimum for article images
    "DISTRIBUSI_SHARE_RENDITION": "16x9",  # the one og:image, feeds and Twitter use
    # The publisher's logo: a file under content/images/ (re-encoded without its
    # metadata, published at DISTRIBUSI_LOGO_SAVE_AS), or None to draw one from
    # PUBLISHER["short_name"] until the office supplies its real logo.
    "DISTRIBUSI_LOGO": None,
    "DISTRIBUSI_LOGO_SAVE_AS": "images/logo-penerbit.png",
    "DISTRIBUSI_PAGEFIND": True,  # build the /cari/ index at the end of the build
    "DISTRIBUSI_PAGEFIND_LANGUAGE": "id",  # one index, Indonesian stemming
}


@dataclass(frozen=True)
class DistribusiConfig:
    siteurl: str
    sitename: str
    subtitle: str
    language: str
    timezone: ZoneInfo
    publisher: dict
    rubrik: dict
    search_url: str
    now: dt.datetime | None
    sitemap: str
    sitemap_max_urls: int
    sitemap_exclude: tuple[str, ...]
    news_sitemap: str
    news_days: int
    news_max: int
    robots: str
    renditions: dict[str, tuple[int, int]]
    rendition_max_width: int
    rendition_min_pixels: int
    share_rendition: str
    logo: str | None
    logo_save_as: str
    pagefind: bool
    pagefind_language: str
    content_path: str
    cache_path: str
    strings: dict  # the theme's UI text (JINJA_GLOBALS["T"], theme/strings.toml)
    author_url: str  # Pelican's AUTHOR_URL pattern, e.g. "penulis/{slug}/"
    authors_url: str
    tags_url: str
    feed_domain: str
    feed_all_rss: str | None
    category_feed_atom: str | None
    category_feed_rss: str | None

    @classmethod
    def from_settings(cls, settings) -> DistribusiConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
        return cls(
            siteurl=str(settings.get("SITEURL") or "").rstrip("/"),
            sitename=settings.get("SITENAME", ""),
            subtitle=settings.get("SITESUBTITLE") or "",
            language=settings.get("DEFAULT_LANG", "id"),
            timezone=zone,
            publisher=dict(settings.get("PUBLISHER") or {}),
            rubrik=dict(settings.get("RUBRIK") or {}),
            search_url=settings.get("CARI_URL", "cari/"),
            now=_moment(get("DISTRIBUSI_NOW"), zone) or source_date_epoch(zone),
            sitemap=get("DISTRIBUSI_SITEMAP"),
            sitemap_max_urls=int(get("DISTRIBUSI_SITEMAP_MAX_URLS")),
            sitemap_exclude=tuple(get("DISTRIBUSI_SITEMAP_EXCLUDE")),
            news_sitemap=get("DISTRIBUSI_NEWS_SITEMAP"),
            news_days=int(get("DISTRIBUSI_NEWS_DAYS")),
            news_max=int(get("DISTRIBUSI_NEWS_MAX")),
            robots=get("DISTRIBUSI_ROBOTS"),
            renditions={name: tuple(ratio) for name, ratio in get("DISTRIBUSI_RENDITIONS").items()},
            rendition_max_width=int(get("DISTRIBUSI_RENDITION_MAX_WIDTH")),
            rendition_min_pixels=int(get("DISTRIBUSI_RENDITION_MIN_PIXELS")),
            share_rendition=get("DISTRIBUSI_SHARE_RENDITION"),
            logo=_logo(get("DISTRIBUSI_LOGO"), settings),
            logo_save_as=get("DISTRIBUSI_LOGO_SAVE_AS").lstrip("/"),
            pagefind=bool(get("DISTRIBUSI_PAGEFIND")),
            pagefind_language=get("DISTRIBUSI_PAGEFIND_LANGUAGE"),
            content_path=settings["PATH"],
            cache_path=settings.get("CACHE_PATH") or "cache",
            strings=dict((settings.get("JINJA_GLOBALS") or {}).get("T") or {}),
            author_url=settings.get("AUTHOR_URL") or "author/{slug}.html",
            authors_url=settings.get("AUTHORS_URL", "penulis/"),
            tags_url=settings.get("TAGS_URL", "tag/"),
            feed_domain=settings.get("FEED_DOMAIN", ""),
            feed_all_rss=settings.get("FEED_ALL_RSS"),
            category_feed_atom=settings.get("CATEGORY_FEED_ATOM"),
            category_feed_rss=settings.get("CATEGORY_FEED_RSS"),
        )

    @property
    def site_path(self) -> str:
        """The path part of SITEURL ("" at a domain's root), for same-origin fetches."""
        return urlsplit(self.siteurl).path.rstrip("/")

    def author_path(self, slug: str) -> str:
        """The site-relative URL of the penulis page of SLUG, as AUTHOR_URL writes it."""
        return self.author_url.format(slug=slug)

    def absolute(self, path: str) -> str:
        """SITEURL + path; root-relative in a local build where SITEURL is empty."""
        return f"{self.siteurl}/{str(path).lstrip('/')}"


def _logo(value, settings) -> str | None:
    """DISTRIBUSI_LOGO when it is a usable photo inside content/images; else
    the error is logged (the build and ``invoke check`` fail on it) and the
    drawn logo stands in."""
    if not value:
        return None
    library = photo_library(settings)
    try:
        library.inspect(library.find(str(value), "berkas logo"), str(value))
    except PhotoProblem as problem:
        logger.error("pelicanconf.py: DISTRIBUSI_LOGO: %s. Perbaikan: %s", problem.message, problem.fix)
        return None
    return str(value)


def source_date_epoch(zone: ZoneInfo) -> dt.datetime | None:
    """The build time fixed by SOURCE_DATE_EPOCH (reproducible-builds.org), or None.

    A value that is not a whole number of seconds is an error (the build fails
    on it) rather than a silent fall back to the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC).astimezone(zone)
    except (ValueError, OverflowError, OSError):
        logger.error("Variabel lingkungan SOURCE_DATE_EPOCH=%r bukan waktu. Perbaikan: isi dengan jumlah detik "
                     "sejak 1970-01-01 UTC (mis. `git log -1 --format=%%ct`) atau kosongkan.", value)
        return None


def _moment(value, zone: ZoneInfo) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value
