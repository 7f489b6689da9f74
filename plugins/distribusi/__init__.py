"""Distribution: how the portal is found and followed outside its own pages.

Writes, from the article model during the build: Atom/RSS feeds with full
text and the lead photo, ``sitemap.xml`` (an index above the URL limit), the
Google News sitemap, ``robots.txt``, social-image renditions and the
publisher logo, the data for ``partials/head_meta.html`` (canonical URL, Open
Graph, Twitter card, one JSON-LD ``@graph``), and finally a Pagefind index of
every article's canonical page for ``/cari/``.
"""

from .plugin import register, stale_at, stop

__all__ = ["register", "stale_at", "stop"]
