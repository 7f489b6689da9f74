"""The plugin's settings, read in one place with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULTS = {
    "NEWSROOM_PEOPLE_FILE": "people.toml",  # relative to the content folder (PATH)
    "NEWSROOM_MIN_PHOTO_WIDTH": 1200,  # px; narrower lead photos are an error
    "NEWSROOM_EDITOR_MAY_BE_AUTHOR": False,
    "NEWSROOM_WORDS_PER_MINUTE": 200,
    "NEWSROOM_TITLE_MAX": 110,
    "NEWSROOM_RESERVED_PAGE_SLUGS": ["berita", "rubrik", "tag", "penulis", "halaman", "cari", "feeds",
                                     "arsip", "images", "theme", "pagefind"],
    "RUBRIK": {},  # rubrik name -> one-line description; the only rubrik allowed
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
    reserved_page_slugs: tuple[str, ...]
    rubrik: dict[str, str]
    content_path: str
    table_label: str  # the name of a scrolling table's region, with {n}

    @classmethod
    def from_settings(cls, settings) -> NewsroomConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        return cls(
            people_file=get("NEWSROOM_PEOPLE_FILE"),
            min_photo_width=int(get("NEWSROOM_MIN_PHOTO_WIDTH")),
            editor_may_be_author=bool(get("NEWSROOM_EDITOR_MAY_BE_AUTHOR")),
            words_per_minute=int(get("NEWSROOM_WORDS_PER_MINUTE")),
            title_max=int(get("NEWSROOM_TITLE_MAX")),
            reserved_page_slugs=tuple(get("NEWSROOM_RESERVED_PAGE_SLUGS")),
            rubrik=dict(get("RUBRIK")),
            content_path=settings["PATH"],
            table_label=settings.get("JINJA_GLOBALS", {}).get("T", {}).get(TABLE_LABEL_KEY, "Tabel {n}"),
        )
