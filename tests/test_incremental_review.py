"""Holes found in a review of incremental rendering (plugins/newsroom/reuse.py).

Each test is one way an incremental build gave a site that was NOT the site a
cold build gives, kept so that it stays closed; each docstring says how the
hole was reached and what differed.
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
    PictureEffects are): a build in which every page was reused (nothing changed
    that a page shows: a rebuild, a whitespace edit, the news sitemap's clock)
    published no header logo, and every page's logo was a broken image (with the
    offline mode on, write_offline asks for it anyway). Closed: distribusi's
    finish_output publishes both logos whatever the pages asked."""
    builds = Builds(tmp_path, DISTRIBUSI_OFFLINE=False)
    builds.build()
    builds.build()  # nothing changed: every page is linked from the last output
    cold, _ = builds.cold()
    assert (cold / "images" / "logo-kepala.png").is_file()
    assert_same_site(builds.output, cold, "a rebuild with DISTRIBUSI_OFFLINE = False")


def test_header_logo_survives_a_whitespace_edit_with_the_default_skip(tmp_path):
    """The same hole with the real run's defaults (PORTAL_SKIP_UNCHANGED on): a blank
    line added at the end of one article changes the inputs, so the build runs, but no
    page shows anything new, so every page is reused and images/logo-kepala.png, which
    every page's masthead links, is missing from the published site."""
    builds = Builds(tmp_path, DISTRIBUSI_OFFLINE=False, PORTAL_SKIP_UNCHANGED=True)
    builds.build()
    article = sorted((builds.content / "articles").glob("*.md"))[5]
    article.write_text(article.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    builds.build()
    assert 'src="/images/logo-kepala.png"' in (builds.output / "index.html").read_text(encoding="utf-8")
    assert (builds.output / "images" / "logo-kepala.png").is_file(), \
        "every page links images/logo-kepala.png, which this build did not publish"
