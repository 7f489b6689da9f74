"""The Content-Security-Policy every page sends, and the inline script it allows.

A ``<meta http-equiv>`` policy (static hosting sends no headers we control):
scripts, styles, images and requests only from the site itself, frames only
from the trusted embed prefixes (``NEWSROOM_EMBEDS``). The one inline script
(the text size, set before the first paint) is allowed by its hash, computed
here from the very text the template writes, so the two can never drift.
``frame-ancestors`` would be ignored in a ``<meta>`` and is left out.
"""

from __future__ import annotations

import base64
import hashlib

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


def content_security_policy(embeds, *, search: bool = False) -> str:
    """The policy for one page; SEARCH adds what Pagefind's WebAssembly needs (/cari/ only)."""
    scripts = ["'self'", *(script_hash(text) for text in INLINE_SCRIPTS.values())]
    if search:
        scripts.append("'wasm-unsafe-eval'")
    frames = frame_sources(embeds) or ["'none'"]
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "style-src 'self'",
        "img-src 'self'",
        "frame-src " + " ".join(frames),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "connect-src 'self'",
    ])


def jinja_globals(embeds) -> dict:
    """``INLINE_SCRIPTS.text_size`` (the script's text, already safe HTML) and
    ``CSP.page`` / ``CSP.search`` (the policies) for the templates."""
    return {
        "INLINE_SCRIPTS": {name: Markup(text) for name, text in INLINE_SCRIPTS.items()},
        "CSP": {"page": content_security_policy(embeds), "search": content_security_policy(embeds, search=True)},
    }
