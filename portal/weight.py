"""Page weight of the built site as a reader's phone receives it: the HTML of
a page plus the CSS and JS it loads, each gzip-compressed (images excluded)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

_ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def page_weight(output: Path, url: str) -> dict:
    """Bytes of one page and its same-site CSS/JS, raw and gzip-compressed."""
    html_path = output / url.lstrip("/") / "index.html" if not url.endswith(".html") else output / url.lstrip("/")
    html = html_path.read_bytes()
    files = {"html": html}
    for asset in _ASSET.findall(html.decode("utf-8")):
        if asset.startswith(("http://", "https://", "//")):
            raise ValueError(f"{url} loads a third-party asset: {asset}")
        files[asset] = (output / asset.split("?", 1)[0].lstrip("/")).read_bytes()  # "?v=hash": the file is the same
    return {
        "url": url,
        "raw": sum(len(d) for d in files.values()),
        "gzip": sum(gzipped(d) for d in files.values()),
        "parts": {name: {"raw": len(d), "gzip": gzipped(d)} for name, d in files.items()},
    }


# Offline reading and Hemat data (issue 18) have a budget of their own: at
# most 5 KB gzip of JS added to a page (luring.js and the Hemat data inline
# script); sw.js runs in the worker, not in the page, and is reported beside it.
OFFLINE_SCRIPTS = ("js/luring.js", "js/sw.js")
OFFLINE_PAGE_BUDGET_GZIP = 5_000


# The search page's own script loads on /cari/ only (beside Pagefind's 45 KB): a budget of its own.
SEARCH_SCRIPT = "js/cari.js"
# Uncompressed budgets of theme_asset_totals' kinds.
ASSET_BUDGETS = {"css": 15_000, "js": 5_000, "search_js": 10_000}


def theme_asset_totals(theme_static: Path) -> dict:
    """Uncompressed totals of the theme's CSS, of the JS every page may load, and of the
    search page's script (budgets: ASSET_BUDGETS); the offline scripts have their own (offline_js)."""
    apart = {*OFFLINE_SCRIPTS, SEARCH_SCRIPT}
    totals = {kind: sum(p.stat().st_size for p in theme_static.rglob(f"*.{kind}")
                        if p.relative_to(theme_static).as_posix() not in apart) for kind in ("css", "js")}
    return {**totals, "search_js": (theme_static / SEARCH_SCRIPT).stat().st_size}


def offline_js(theme_static: Path) -> dict:
    """Gzip bytes of what offline reading and Hemat data add: on every page
    (luring.js and the inline Hemat data script), and the worker's source."""
    from newsroom.csp import HEMAT_SCRIPT

    page = gzipped((theme_static / "js" / "luring.js").read_bytes()) + gzipped(HEMAT_SCRIPT.encode("utf-8"))
    return {"page_gzip": page, "worker_gzip": gzipped((theme_static / "js" / "sw.js").read_bytes()),
            "budget_gzip": OFFLINE_PAGE_BUDGET_GZIP}
