"""Settings for the published site (``invoke preview``, ``invoke publish``, CI).

Everything from pelicanconf.py, plus absolute URLs for feeds, sitemaps and
share links. Set PORTAL_SITEURL to publish somewhere else.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405  (from pelicanconf, PORTAL_SITEURL overrides)
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False

# invoke publish (portal/publish.py): refuse a build with more than this share
# fewer HTML pages than the live release, and keep this many releases for rollback.
PUBLISH_MAX_SHRINK = 0.2
PUBLISH_KEEP_RELEASES = 5
