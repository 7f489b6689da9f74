"""Halaman: long articles across pages, and windowed page lists.

An editor ends a page with a marker line (``<!-- halaman -->`` or WordPress's
``<!--nextpage-->``); a long article without markers is split automatically
at top-level boundaries. Page 1 stays at the article URL, page N is written
at ``…/slug/N/`` and the whole article at ``…/slug/semua/``, which every page
names canonical. Templates read ``article.halaman`` and the ``page_window``
filter; ``article.content`` keeps the whole text for feeds and search.
"""

from .plugin import register

__all__ = ["register"]
