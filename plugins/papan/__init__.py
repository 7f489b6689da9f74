"""Pengumuman (announcements) and Agenda (events) beside the news.

Files under ``content/pengumuman/`` and ``content/agenda/`` are read by
newsroom's reader (the folder gives the ``jenis``, the schema of
``newsroom.schema`` its fields and aliases), checked here against the
instansi registry (``content/instansi.toml``), the kategori lists and the
attachment files, and written by a generator of this plugin: their list
pages, one page per item, the filter pages, the agenda's month views, the
calendar files (``icalendar``) and one Atom feed per type. They are never
Pelican articles, so no news list, news feed, Rekomendasi or halaman split
ever sees them; distribusi gives them head tags, JSON-LD, sitemap entries
and search records through the generator context.
"""

from .plugin import register, stale_at

__all__ = ["register", "stale_at"]
