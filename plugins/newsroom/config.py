"""The plugin's settings, read in one place with their defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .policy import check_embeds

DEFAULTS = {
    "NEWSROOM_PEOPLE_FILE": "people.toml",  # relative to the content folder (PATH)
    "NEWSROOM_MIN_PHOTO_WIDTH": 1200,  # px; narrower lead photos are an error
    "NEWSROOM_EDITOR_MAY_BE_AUTHOR": False,
    "NEWSROOM_WORDS_PER_MINUTE": 200,
    "NEWSROOM_TITLE_MAX": 110,
    # URL segments a static page may not take beyond those the settings already
    # use (article, rubrik, tag, penulis, list pages, template pages, feeds, static).
    # images/: renditions and the stripped copies of body photos (plugins/gambar)
    # luring: the offline page (distribusi); pengumuman, agenda, lampiran: plugins/papan
    "NEWSROOM_RESERVED_PAGE_SLUGS": ["pagefind", "images", "luring", "pengumuman", "agenda", "lampiran"],
    "RUBRIK": {},  # rubrik name -> one-line description; the only rubrik allowed
    # Address prefixes of the only iframes a body may hold (plugins/newsroom/policy.py);
    # each also becomes a frame-src of the Content-Security-Policy.
    "NEWSROOM_EMBEDS": [
        "https://www.youtube-nocookie.com/embed/",
        "https://www.youtube.com/embed/",
        "https://www.google.com/maps/embed?",
    ],
}
# UI text comes from the theme's strings (JINJA_GLOBALS["T"], theme/strings.toml).
TABLE_LABEL_KEY = "table_scroll"


@dataclass(frozen=True)
class NewsroomConfig:
    people_file: str
    min_photo_width: int
    editor_may_be_author: bool
    words_per_minute: int
    title_max: int
    taken_page_slugs: dict[str, str]  # first URL segment -> what the portal uses it for
    rubrik: dict[str, str]
    content_path: str
    table_label: str  # the name of a scrolling table's region, with {n}
    embeds: tuple[str, ...]  # trusted iframe address prefixes
    page_templates: tuple[str, ...]  # the names a page's Template: may hold

    @classmethod
    def from_settings(cls, settings) -> NewsroomConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        return cls(
            people_file=get("NEWSROOM_PEOPLE_FILE"),
            min_photo_width=int(get("NEWSROOM_MIN_PHOTO_WIDTH")),
            editor_may_be_author=bool(get("NEWSROOM_EDITOR_MAY_BE_AUTHOR")),
            words_per_minute=int(get("NEWSROOM_WORDS_PER_MINUTE")),
            title_max=int(get("NEWSROOM_TITLE_MAX")),
            taken_page_slugs=taken_url_segments(settings, get("NEWSROOM_RESERVED_PAGE_SLUGS")),
            rubrik=dict(get("RUBRIK")),
            content_path=settings["PATH"],
            table_label=settings.get("JINJA_GLOBALS", {}).get("T", {}).get(TABLE_LABEL_KEY, "Tabel {n}"),
            embeds=check_embeds(get("NEWSROOM_EMBEDS")),
            page_templates=theme_templates(settings),
        )


def theme_templates(settings) -> tuple[str, ...]:
    """The templates a page may name: the ``.html`` files at the top of the
    theme's templates folder (and of THEME_TEMPLATES_OVERRIDES), without the
    extension. Nothing in a subfolder, so no name holds a "/" or "..".

    Not ``article`` nor a paginated list's template (index, tag, category,
    author): Pelican renders those with an article or a list a page does not
    have, and the build would fail on an undefined variable."""
    folders = [*settings.get("THEME_TEMPLATES_OVERRIDES", ()), os.path.join(settings.get("THEME") or "", "templates")]
    found = {file.stem for folder in folders for file in Path(folder).expanduser().glob("*.html") if file.is_file()}
    return tuple(sorted(found - {"article", *settings.get("PAGINATED_TEMPLATES", {})}))


def _first_segment(path: str) -> str:
    return path.strip("/").split("/", 1)[0].split("{", 1)[0]


def taken_url_segments(settings, extra) -> dict[str, str]:
    """The top-level URL folders the portal writes itself, read from the
    settings, so a static page can never overwrite one of them."""
    taken = {}
    for setting in ("ARTICLE_URL", "CATEGORY_URL", "TAG_URL", "AUTHOR_URL", "ARCHIVES_URL", "CATEGORIES_URL",
                    "TAGS_URL", "AUTHORS_URL", "FEED_ALL_ATOM", "FEED_ALL_RSS", "CATEGORY_FEED_ATOM"):
        segment = _first_segment(settings.get(setting) or "")
        if segment:
            taken.setdefault(segment, setting)
    for rule in settings.get("PAGINATION_PATTERNS", ()):
        segment = _first_segment(rule[1].replace("{base_name}", ""))
        if segment and segment != "{url}":
            taken.setdefault(segment, "PAGINATION_PATTERNS")
    for name in settings.get("DIRECT_TEMPLATES", ()):
        segment = _first_segment(settings.get(f"{name.upper()}_SAVE_AS") or "")
        if "/" in (settings.get(f"{name.upper()}_SAVE_AS") or ""):
            taken.setdefault(segment, f"{name.upper()}_SAVE_AS")
    for target in settings.get("TEMPLATE_PAGES", {}).values():
        taken.setdefault(_first_segment(target), "TEMPLATE_PAGES")
    for folder in (*settings.get("STATIC_PATHS", ()), settings.get("THEME_STATIC_DIR", "theme")):
        taken.setdefault(_first_segment(folder), "STATIC_PATHS")
    for segment in extra:
        taken.setdefault(segment, "NEWSROOM_RESERVED_PAGE_SLUGS")
    taken.pop("", None)
    return taken
