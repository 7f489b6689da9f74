"""The Content-Security-Policy every page sends, and the inline script it allows.

A ``<meta http-equiv>`` policy (static hosting sends no headers we control):
scripts, styles, images and requests only from the site itself, frames only
from the trusted embed prefixes (``NEWSROOM_EMBEDS``). The one inline script
(the text size, set before the first paint) is allowed by its hash, computed
here from the very text the template writes, so the two can never drift.
``frame-ancestors`` would be ignored in a ``<meta>`` and is left out.

With an absolute SITEURL (publishconf.py) the theme's CSS, JS, favicon and
images, and the search form, are addressed at SITEURL's origin. That origin
is allowed besides 'self', so a copy served from elsewhere (``invoke
preview``, staging, a mirror) still loads its assets. FEED_DOMAIN and
PUBLIC_SITEURL only make links (feeds, share buttons), which the policy does
not govern.
"""

from __future__ import annotations

import base64
import hashlib
from urllib.parse import urlsplit

from markupsafe import Markup

from .policy import frame_sources

# Reads the reader's saved text size before the page is painted (portal.js
# keeps it up to date); a private window without localStorage gets "m".
TEXT_SIZE_SCRIPT = ('try{document.documentElement.setAttribute("data-size",'
                    'localStorage.getItem("ukuran-teks")||"m")}catch(e){}')
INLINE_SCRIPTS = {"text_size": TEXT_SIZE_SCRIPT}


def script_hash(text: str) -> str:
    """The CSP source that allows an inline <script> holding exactly TEXT."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def site_origin(siteurl: str) -> str | None:
    """The origin of an absolute http(s) SITEURL ("https://host[:port]"), else None."""
    parts = urlsplit(str(siteurl or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2].lower()}"


def content_security_policy(embeds, *, search: bool = False, siteurl: str = "") -> str:
    """The policy for one page; SEARCH adds what Pagefind's WebAssembly needs
    (/cari/ only); an absolute SITEURL's origin is allowed where the theme
    addresses it (scripts, styles, images, the search form's and Pagefind's requests)."""
    site = ["'self'"]
    origin = site_origin(siteurl)
    if origin:
        site.append(origin)
    scripts = [*site, *(script_hash(text) for text in INLINE_SCRIPTS.values())]
    if search:
        scripts.append("'wasm-unsafe-eval'")
    frames = frame_sources(embeds) or ["'none'"]
    own = " ".join(site)
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        f"style-src {own}",
        f"img-src {own}",
        "frame-src " + " ".join(frames),
        "object-src 'none'",
        "base-uri 'self'",
        f"form-action {own}",
        f"connect-src {own}",
    ])


def jinja_globals(embeds, siteurl: str = "") -> dict:
    """``INLINE_SCRIPTS.text_size`` (the script's text, already safe HTML) and
    ``CSP.page`` / ``CSP.search`` (the policies) for the templates."""
    return {
        "INLINE_SCRIPTS": {name: Markup(text) for name, text in INLINE_SCRIPTS.items()},
        "CSP": {"page": content_security_policy(embeds, siteurl=siteurl),
                "search": content_security_policy(embeds, search=True, siteurl=siteurl)},
    }
