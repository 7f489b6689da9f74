"""The plugin's settings, read in one place with their defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DEFAULTS = {
    "PAPAN_INSTANSI_FILE": "instansi.toml",  # relative to the content folder (PATH)
    "PAPAN_LAMPIRAN_DIR": "lampiran",  # attachments live here, published at the same path
    # The only kategori an item may name, in menu order.
    "PAPAN_KATEGORI_PENGUMUMAN": ["Kepegawaian", "Pengadaan", "Layanan Publik", "Informasi Publik", "Umum"],
    "PAPAN_KATEGORI_AGENDA": ["Pemerintahan", "Musrenbang", "Kesehatan", "Ekonomi", "Sosial Budaya"],
    "PAPAN_HOME_ITEMS": 5,  # items in each home block
    "PAPAN_PER_PAGE": 10,  # items per list page
    "PAPAN_FEED_ITEMS": 50,
    # "now" for upcoming/past and valid/expired: a datetime or "YYYY-MM-DD HH:MM"
    # (WITA), else the clock Pelican reads to hold back scheduled articles.
    "PAPAN_NOW": None,
    "PAPAN_MAX_LAMPIRAN_BYTES": 20 * 1024 * 1024,
}

# Attachment types a reader's phone opens; anything else is refused by check.
LAMPIRAN_TYPES = {
    ".pdf": ("PDF", "application/pdf"),
    ".docx": ("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".jpg": ("JPG", "image/jpeg"),
    ".png": ("PNG", "image/png"),
    ".zip": ("ZIP", "application/zip"),
}


@dataclass(frozen=True)
class PapanConfig:
    content_path: str
    instansi_file: str
    lampiran_dir: str
    kategori_pengumuman: tuple[str, ...]
    kategori_agenda: tuple[str, ...]
    home_items: int
    per_page: int
    feed_items: int
    now: dt.datetime
    timezone: ZoneInfo
    public_siteurl: str
    max_lampiran_bytes: int

    @classmethod
    def from_settings(cls, settings) -> PapanConfig:
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        zone = ZoneInfo(settings.get("TIMEZONE") or "Asia/Makassar")
        return cls(
            content_path=settings["PATH"],
            instansi_file=get("PAPAN_INSTANSI_FILE"),
            lampiran_dir=str(get("PAPAN_LAMPIRAN_DIR")).strip("/"),
            kategori_pengumuman=tuple(get("PAPAN_KATEGORI_PENGUMUMAN")),
            kategori_agenda=tuple(get("PAPAN_KATEGORI_AGENDA")),
            home_items=int(get("PAPAN_HOME_ITEMS")),
            per_page=int(get("PAPAN_PER_PAGE")),
            feed_items=int(get("PAPAN_FEED_ITEMS")),
            now=build_now(get("PAPAN_NOW"), zone),
            timezone=zone,
            public_siteurl=str(settings.get("PUBLIC_SITEURL") or settings.get("SITEURL") or "").rstrip("/"),
            max_lampiran_bytes=int(get("PAPAN_MAX_LAMPIRAN_BYTES")),
        )


def build_now(value, zone: ZoneInfo) -> dt.datetime:
    """PAPAN_NOW, else the clock Pelican itself reads (``pelican.contents``) when
    it holds back an article dated in the future: one clock for the build, and
    tests that freeze it move both."""
    if value not in (None, ""):
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    import pelican.contents

    return pelican.contents.datetime.datetime.now(zone)
