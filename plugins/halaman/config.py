"""The plugin's settings, read in one place with their defaults.

Every ``HALAMAN_*`` setting is documented in README.md ("Halaman").
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULTS = {
    "HALAMAN_AUTO": True,  # split long articles that have no editor's marker
    "HALAMAN_AUTO_THRESHOLD": 700,  # words; only longer unmarked articles are split automatically
    "HALAMAN_WORDS_PER_PAGE": 350,  # words; the size automatic splitting aims at
    "HALAMAN_MIN_WORDS": 150,  # words; automatic splitting never leaves a shorter page
    "HALAMAN_MARKERS": ("halaman", "nextpage"),  # <!-- halaman --> and WordPress's <!--nextpage-->
    "HALAMAN_ALL_SLUG": "semua",  # the view-all page lives at {article url}semua/
    "HALAMAN_WINDOW": 2,  # page numbers shown each side of the current one ("1 … 4 5 6 7 8 … 40")
}


class HalamanSettingsError(ValueError):
    """A HALAMAN_* setting that cannot work; raised before anything is written."""


@dataclass(frozen=True)
class HalamanConfig:
    auto: bool
    auto_threshold: int
    words_per_page: int
    min_words: int
    markers: frozenset[str]
    all_slug: str
    window: int

    @classmethod
    def from_settings(cls, settings) -> HalamanConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        config = cls(
            auto=bool(get("HALAMAN_AUTO")),
            auto_threshold=int(get("HALAMAN_AUTO_THRESHOLD")),
            words_per_page=int(get("HALAMAN_WORDS_PER_PAGE")),
            min_words=int(get("HALAMAN_MIN_WORDS")),
            markers=frozenset(str(m).strip().lower() for m in get("HALAMAN_MARKERS")),
            all_slug=str(get("HALAMAN_ALL_SLUG")).strip("/"),
            window=int(get("HALAMAN_WINDOW")),
        )
        config._check()
        return config

    def _check(self) -> None:
        if self.words_per_page < 1 or self.min_words < 0 or self.auto_threshold < 0:
            raise HalamanSettingsError(
                "HALAMAN_WORDS_PER_PAGE must be positive, HALAMAN_MIN_WORDS and HALAMAN_AUTO_THRESHOLD not negative")
        if not self.all_slug or self.all_slug.isdigit() or "/" in self.all_slug:
            raise HalamanSettingsError(
                f"HALAMAN_ALL_SLUG {self.all_slug!r} must be one path segment that is not a page number")
        if self.window < 0:
            raise HalamanSettingsError("HALAMAN_WINDOW must not be negative")
