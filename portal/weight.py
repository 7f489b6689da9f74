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
        files[asset] = (output / asset.lstrip("/")).read_bytes()
    return {
        "url": url,
        "raw": sum(len(d) for d in files.values()),
        "gzip": sum(gzipped(d) for d in files.values()),
        "parts": {name: {"raw": len(d), "gzip": gzipped(d)} for name, d in files.items()},
    }


def theme_asset_totals(theme_static: Path) -> dict:
    """Uncompressed totals of the theme's CSS and JS (budgets: 15 KB and 5 KB)."""
    return {kind: sum(p.stat().st_size for p in theme_static.rglob(f"*.{kind}")) for kind in ("css", "js")}
