"""The typed newsroom model that templates and other plugins read as
``article.newsroom``."""

from __future__ import annotations

from dataclasses import dataclass

from .people import Person


@dataclass(frozen=True)
class Photo:
    path: str  # relative to the content folder, e.g. images/foto/mpp.jpg
    caption: str
    credit: str
    width: int
    height: int

    @property
    def alt(self) -> str:
        return self.caption


@dataclass(frozen=True)
class Newsroom:
    author: Person
    editor: Person
    reporter: Person | None
    dateline: str
    photo: Photo | None
    highlight: str
    source: str
    related: tuple[str, ...]
    featured: bool
    words: int
    reading_minutes: int
    # Plain text, like every field: Ringkasan, or else the opening words of the
    # article's own text (set when every file is read; see plugin.finish_articles).
    summary: str = ""
    summary_is_whole_text: bool = False  # no Ringkasan and a text shorter than a summary
