"""Holes found in a review of incremental rendering (plugins/newsroom/reuse.py).

Each test shows one way an incremental build gives a site that is NOT the
site a cold build gives (or writes where it must not). They fail until the
hole is closed; each docstring says how the hole is reached and what differs.
They reuse the helpers of tests/test_incremental.py (Builds, Md, assert_same_site).
"""

from __future__ import annotations

import pytest

from tests.test_incremental import Builds, assert_same_site

pytestmark = pytest.mark.site


def test_header_logo_survives_a_build_that_reuses_every_page(tmp_path):
    """With DISTRIBUSI_OFFLINE = False the header logo (images/logo-kepala.png, the
    <img> in every page's masthead) is published only because rendering a page
    calls the ``site_logo()`` Jinja global, whose DistribusiBuild.header_logo
    property adds it to ``build.images`` (plugins/distribusi/build.py). That is an
    effect of rendering that reuse.py does not record (only gambar's
    PictureEffects are): a build in which every page is reused (nothing changed
    that a page shows: a rebuild, a whitespace edit, the news sitemap's clock)
    publishes no header logo, and every page's logo is a broken image.
    (With the offline mode on, write_offline asks for the header logo anyway.)"""
    builds = Builds(tmp_path, DISTRIBUSI_OFFLINE=False)
    builds.build()
    builds.build()  # nothing changed: every page is linked from the last output
    cold, _ = builds.cold()
    assert (cold / "images" / "logo-kepala.png").is_file()
    assert_same_site(builds.output, cold, "a rebuild with DISTRIBUSI_OFFLINE = False")
