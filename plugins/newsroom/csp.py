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
# Hemat data (issue 18, theme/static/js/luring.js does the rest): before the
# body is read, mark the page "1" (the reader's choice, else the browser's
# Save-Data) or "0", say whether service workers exist, and in Hemat data
# mode rewrite each picture as the parser adds it: the lead (eager) takes the
# smallest rendition, pictures below it (loading=lazy, so nothing was fetched
# yet) lose their addresses until tapped, keeping their box (no layout shift).
HEMAT_SCRIPT = (
    '(function(d,r){var h,c=navigator.connection;try{h=localStorage.getItem("hemat-data")}catch(e){}'
    'if(h!=="1"&&h!=="0")h=c&&c.saveData?"1":"0";r.setAttribute("data-hemat",h);'
    'if("serviceWorker"in navigator)r.setAttribute("data-sw","");'
    'if(h==="1")new MutationObserver(function(l){l.forEach(function(m){m.addedNodes.forEach(function(i){'
    'if(i.nodeName!=="IMG"||!i.hasAttribute("data-bytes"))return;'
    'var p=i.parentNode,s=p&&p.nodeName==="PICTURE"?[].slice.call(p.children):[i];'
    'if(i.loading==="lazy"){i.setAttribute("data-tunda","");'
    'i.style.aspectRatio=i.getAttribute("width")+"/"+i.getAttribute("height");'
    's.forEach(function(e){["srcset","src"].forEach(function(a){var v=e.getAttribute(a);'
    'if(v!==null){e.setAttribute("data-"+a,v);e.removeAttribute(a)}})})}'
    'else s.forEach(function(e){e.setAttribute("sizes","1px")})})})})'
    '.observe(d,{childList:true,subtree:true})})(document,document.documentElement)')
INLINE_SCRIPTS = {"text_size": TEXT_SIZE_SCRIPT, "hemat": HEMAT_SCRIPT}


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
        "worker-src 'self'",  # sw.js, registered by luring.js at the site's root (same origin only)
        "manifest-src 'self'",
    ])


def jinja_globals(embeds, siteurl: str = "") -> dict:
    """``INLINE_SCRIPTS.text_size`` (the script's text, already safe HTML) and
    ``CSP.page`` / ``CSP.search`` (the policies) for the templates."""
    return {
        "INLINE_SCRIPTS": {name: Markup(text) for name, text in INLINE_SCRIPTS.items()},
        "CSP": {"page": content_security_policy(embeds, siteurl=siteurl),
                "search": content_security_policy(embeds, search=True, siteurl=siteurl)},
    }
