"""Settings for the published site (``invoke preview``, ``invoke publish``, CI).

Everything from pelicanconf.py, plus absolute URLs for feeds, sitemaps and
share links. Set PORTAL_SITEURL to publish somewhere else.
"""

import runpy
from pathlib import Path

# pelicanconf.py read by its path (Pelican loads this file by path too, so
# "import pelicanconf" would depend on the working directory).
globals().update({name: value for name, value in runpy.run_path(str(Path(__file__).with_name("pelicanconf.py"))).items()
                  if name.isupper()})

SITEURL = PUBLIC_SITEURL  # noqa: F821  (from pelicanconf, PORTAL_SITEURL overrides)
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False

# invoke publish (portal/publish.py): refuse a build with more than this share
# fewer HTML pages than the live release, and keep this many releases for rollback.
PUBLISH_MAX_SHRINK = 0.2
PUBLISH_KEEP_RELEASES = 5
