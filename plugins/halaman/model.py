"""What templates and other plugins read as ``article.halaman``: the pages of
one article, their URLs, and the view of the page being written.

``article.content`` keeps the whole text (feeds, sitemaps and search need it
once); the pages hold their own HTML, rendered through ``View.content``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """Page ``number`` of an article; ``html`` still holds Pelican's
    ``{filename}`` link placeholders, resolved when the page is rendered.
    An article on one page has no HTML of its own: it is ``article.content``."""

    number: int
    html: str | None
    url: str
    save_as: str


class Halaman:
    """The pages of one article (one page when it is not split)."""

    def __init__(self, article, parts: list[Part], all_url: str, all_save_as: str):
        self.article = article
        self.parts = tuple(parts)
        self.all_url = all_url
        self.all_save_as = all_save_as

    @property
    def count(self) -> int:
        return len(self.parts)

    @property
    def is_split(self) -> bool:
        return self.count > 1

    @property
    def canonical_url(self) -> str:
        """Every page of a split article names the view-all page canonical."""
        return self.all_url if self.is_split else self.parts[0].url

    @property
    def first(self) -> View:
        return View(self, 1)

    @property
    def everything(self) -> View:
        return View(self, None)

    def view(self, number: int) -> View:
        return View(self, number)

    def part(self, number: int) -> Part:
        return self.parts[number - 1]

    def extra_views(self) -> list[View]:
        """The pages Pelican does not write itself: 2..N and view-all."""
        if not self.is_split:
            return []
        return [View(self, number) for number in range(2, self.count + 1)] + [self.everything]


@dataclass(frozen=True)
class View:
    """The page being written: part ``number``, or every part (``None``)."""

    halaman: Halaman
    number: int | None

    @property
    def is_all(self) -> bool:
        return self.number is None

    @property
    def opens_article(self) -> bool:
        """Byline, photo and "Laporan Wartawan" stand here."""
        return self.is_all or self.number == 1

    @property
    def ends_article(self) -> bool:
        """Sumber and Rekomendasi stand here."""
        return self.is_all or self.number == self.halaman.count

    @property
    def url(self) -> str:
        return self.halaman.all_url if self.is_all else self.halaman.part(self.number).url

    @property
    def save_as(self) -> str:
        return self.halaman.all_save_as if self.is_all else self.halaman.part(self.number).save_as

    @property
    def previous(self) -> Part | None:
        return None if self.is_all or self.number == 1 else self.halaman.part(self.number - 1)

    @property
    def next(self) -> Part | None:
        return None if self.is_all or self.number == self.halaman.count else self.halaman.part(self.number + 1)

    @property
    def content(self) -> str:
        article = self.halaman.article
        if self.is_all or not self.halaman.is_split:
            return article.content
        return article._update_content(self.halaman.part(self.number).html, article.get_siteurl())
