"""One build's distribution state, kept in Pelican's shared generator context
(never in a module global, never in the settings, which Pelican pickles):
its settings read once, the publisher's logo and share card, the sitemap
entries gathered as pages are written, and the images to publish.

Every generator of a build shares one context dict and every page is
rendered with a copy of it, so the signal handlers, the feed writer and the
Jinja globals reach the same object; the next build starts with a new one.
"""

from __future__ import annotations

from pathlib import Path

from newsroom import state

from . import head, offline, sitemaps, structured
from .brand import Mark, app_icons, default_share_image, header_logo, publisher_logo
from .config import DistribusiConfig
from .head import Image
from .renditions import Rendition, renditions_for

KEY = "distribusi_build"  # the generator context's key


class DistribusiBuild(state.BuildState):
    def __init__(self, cfg: DistribusiConfig, context):
        self.cfg = cfg
        self.context = context  # the generator context: gambar makes renditions through it
        self.entries: dict[str, sitemaps.Entry] = {}
        self.images: dict[str, Path] = {}  # output path -> cached file to copy there
        self.news_now = None  # the "now" the news sitemap was written for
        self._logo = None
        self._card: Path | None = None
        self._site_nodes: list[dict] | None = None
        self._header_logo: Mark | None = None
        self._icons: tuple[Mark, ...] | None = None
        self._asset_versions: dict[str, str] | None = None
        self.templates = None  # a generator that loads the theme's templates (the offline page)
        self.author_pages: set[str] | None = None  # slugs with a penulis page (pagedata.author_pages_of)
        self.last_json_ld = None  # (article, its JSON-LD): the one article's kept (pagedata.json_ld_of)
        self._feeds: dict[str, tuple] = {}
        self.search_index = None  # search.BackgroundIndex from all_generators_finalized until the end
        self.search_thumbnails: dict[int, str] = {}  # id(article) -> thumbnail it assumed
        self.search_report = None  # search.IndexReport of this build's index

    @property
    def logo(self):
        if self._logo is None:
            self._logo = publisher_logo(self.cfg, self.context)
            if self._logo.cached is not None:
                self.images[self._logo.path] = self._logo.cached
        return self._logo

    @property
    def header_logo(self) -> Mark:
        """The logo in every page's header (the office's, or the drawn monogram)."""
        if self._header_logo is None:
            self._header_logo = header_logo(self.cfg, self.logo, offline.HEADER_LOGO)
            self.images[self._header_logo.path] = self._header_logo.cached
        return self._header_logo

    @property
    def icons(self) -> tuple[Mark, ...]:
        """The web app manifest's icons, made from the same logo."""
        if self._icons is None:
            self._icons = app_icons(self.cfg, self.logo, offline.ICON_FOLDER)
            self.images.update({icon.path: icon.cached for icon in self._icons})
        return self._icons

    @property
    def asset_versions(self) -> dict[str, str]:
        """Theme static file -> a hash of its bytes, read once per build."""
        if self._asset_versions is None:
            self._asset_versions = offline.asset_versions(offline.theme_static(self.cfg))
        return self._asset_versions

    @property
    def logo_image(self) -> Image:
        """The logo as the image of a page that has no photo of its own."""
        logo = self.logo
        return Image(self.cfg.absolute(logo.url), logo.width, logo.height,
                     self.cfg.publisher.get("name", self.cfg.sitename))

    @property
    def site_nodes(self) -> list[dict]:
        """The JSON-LD nodes every page repeats: the publisher and the WebSite."""
        if self._site_nodes is None:
            self._site_nodes = [structured.organization(self.cfg, self.logo), structured.website(self.cfg)]
        return self._site_nodes

    def feeds_for(self, article) -> tuple:
        """The feeds an article page names in its head (head.feeds_of), one tuple per rubrik."""
        category = getattr(article, "category", None)
        key = "" if category is None else category.name
        if key not in self._feeds:
            self._feeds[key] = tuple(head.feeds_of(category, self.cfg))
        return self._feeds[key]

    def social_images(self, article, made: dict | None = None) -> tuple[Rendition, ...]:
        """The crops of an article's lead photo, or of the site's card when it
        has none, so search results and chat previews always show an image.
        MADE: the crops made so far, by photo and caption, when no page is being
        rendered (a page's own call must ask gambar, which records what it publishes)."""
        newsroom = getattr(article, "newsroom", None)
        if newsroom is None:
            return ()
        if newsroom.photo is not None:
            source, alt = newsroom.photo.path, newsroom.photo.caption
        else:
            if self._card is None:
                self._card = default_share_image(self.cfg)
            source, alt = self._card, self.cfg.sitename
        key = (type(source), str(source), alt)
        found = made.get(key) if made is not None else None
        if found is None:
            found = renditions_for(source, alt, self.cfg, self.context)
            if made is not None:
                made[key] = found
        return found


def build_of(context) -> DistribusiBuild:
    """The build's DistribusiBuild, from a generator or template context."""
    return state.of(context, KEY, "distribusi")


def start(generator) -> DistribusiBuild:
    """Read the settings once, when the build's first generator is made; later ones share it."""
    return state.start(generator, KEY,
                       lambda: DistribusiBuild(DistribusiConfig.from_settings(generator.settings), generator.context))
