"""The plugin's settings, read in one place with their defaults."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
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
    "DISTRIBUSI_SITEMAP_EXCLUDE": ["404.html", "cari/", "luring/"],  # output URLs never listed
    "DISTRIBUSI_NEWS_SITEMAP": "sitemap-berita.xml",
    "DISTRIBUSI_NEWS_DAYS": 2,  # Google News only wants the last two days
    "DISTRIBUSI_NEWS_MAX": 1_000,  # and at most 1,000 articles
    "DISTRIBUSI_ROBOTS": "robots.txt",
    # Social/structured-data renditions of the lead photo: name -> aspect ratio.
    "DISTRIBUSI_RENDITIONS": {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)},
    "DISTRIBUSI_RENDITION_MAX_WIDTH": 1200,  # px; larger crops are scaled down, never up
    "DISTRIBUSI_RENDITION_MIN_PIXELS": 50_000,  # Google's minimum for article images
    "DISTRIBUSI_SHARE_RENDITION": "16x9",  # the one og:image, feeds and Twitter use
    # The office's logo (header, app icons, publisher): LOGO, a file under
    # content/images/; DISTRIBUSI_LOGO is its older name. Unset: drawn.
    # The publisher's logo: a file under content/images/ (re-encoded without its
    # metadata, published at DISTRIBUSI_LOGO_SAVE_AS), or None to draw one from
    # PUBLISHER["short_name"] until the office supplies its real logo.
    "DISTRIBUSI_LOGO": None,
    "DISTRIBUSI_LOGO_SAVE_AS": "images/logo-penerbit.png",
    # Offline reading and the installable portal (offline.py, issue 18): how
    # many articles a reader opened are kept on the phone (those saved with
    # "Simpan untuk dibaca nanti" are kept besides), how long a page waits for
    # the network before the saved copy is shown, the offline page's address,
    # and the web app manifest's short name (default: SITENAME), description
    # (default: SITESUBTITLE) and colours.
    "DISTRIBUSI_OFFLINE": True,
    "DISTRIBUSI_OFFLINE_MAX_ARTICLES": 30,
    "DISTRIBUSI_OFFLINE_TIMEOUT_MS": 3000,
    "DISTRIBUSI_OFFLINE_SAVE_AS": "luring/index.html",
    "DISTRIBUSI_MANIFEST_SHORT_NAME": None,
    "DISTRIBUSI_MANIFEST_DESCRIPTION": None,
    "DISTRIBUSI_THEME_COLOR": "#0b5cad",
    "DISTRIBUSI_BACKGROUND_COLOR": "#ffffff",
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
    offline: bool
    offline_max_articles: int
    offline_timeout_ms: int
    offline_save_as: str
    manifest_short_name: str
    manifest_description: str
    theme_color: str
    background_color: str
    theme_path: str
    theme_static_dir: str
    article_url: str
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
            logo=(_logo(settings.get("LOGO"), settings, "LOGO") if settings.get("LOGO")
                  else _logo(get("DISTRIBUSI_LOGO"), settings)),
            logo_save_as=get("DISTRIBUSI_LOGO_SAVE_AS").lstrip("/"),
            offline=bool(get("DISTRIBUSI_OFFLINE")),
            offline_max_articles=_positive(get("DISTRIBUSI_OFFLINE_MAX_ARTICLES"), "DISTRIBUSI_OFFLINE_MAX_ARTICLES",
                                           30),
            offline_timeout_ms=_positive(get("DISTRIBUSI_OFFLINE_TIMEOUT_MS"), "DISTRIBUSI_OFFLINE_TIMEOUT_MS", 3000),
            offline_save_as=str(get("DISTRIBUSI_OFFLINE_SAVE_AS")).lstrip("/"),
            manifest_short_name=str(get("DISTRIBUSI_MANIFEST_SHORT_NAME") or settings.get("SITENAME", "")),
            manifest_description=str(get("DISTRIBUSI_MANIFEST_DESCRIPTION") or settings.get("SITESUBTITLE") or ""),
            theme_color=_colour(get("DISTRIBUSI_THEME_COLOR"), "DISTRIBUSI_THEME_COLOR", "#0b5cad"),
            background_color=_colour(get("DISTRIBUSI_BACKGROUND_COLOR"), "DISTRIBUSI_BACKGROUND_COLOR", "#ffffff"),
            theme_path=str(settings.get("THEME") or ""),
            theme_static_dir=str(settings.get("THEME_STATIC_DIR") or "theme").strip("/"),
            article_url=str(settings.get("ARTICLE_URL") or "{slug}.html"),
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


def _positive(value, name: str, fallback: int) -> int:
    """VALUE as a whole number above zero; else the error is logged (the build
    fails on it) and FALLBACK stands in."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0 or isinstance(value, bool):
        logger.error("pelicanconf.py: %s=%r bukan bilangan bulat positif. Perbaikan: isi dengan angka di atas 0, "
                     "mis. %d.", name, value, fallback)
        return fallback
    return number


def _colour(value, name: str, fallback: str) -> str:
    """VALUE when it is a CSS hex colour (#rgb or #rrggbb); else the error is logged and FALLBACK stands in."""
    text = str(value or "").strip()
    if re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", text):
        return text.lower()
    logger.error("pelicanconf.py: %s=%r bukan warna. Perbaikan: tulis warna heksadesimal, mis. %s.",
                 name, value, fallback)
    return fallback


def _logo(value, settings, name: str = "DISTRIBUSI_LOGO") -> str | None:
    """DISTRIBUSI_LOGO when it is a usable photo inside content/images; else
    the error is logged (the build and ``invoke check`` fail on it) and the
    drawn logo stands in."""
    if not value:
        return None
    library = photo_library(settings)
    try:
        library.inspect(library.find(str(value), "berkas logo"), str(value))
    except PhotoProblem as problem:
        logger.error("pelicanconf.py: %s: %s. Perbaikan: %s", name, problem.message, problem.fix)
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
