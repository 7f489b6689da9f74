"""Reading on a weak signal (issue 18): the service worker, the web app
manifest, the offline page, and what the theme needs for them.

- Every theme asset a page loads is addressed with a hash of its bytes
  (``asset()``: ``/theme/css/portal.css?v=1a2b3c4d5e``), so a new publish
  never pairs new HTML with a stale stylesheet, from any cache.
- ``sw.js`` is written at the site's root (a worker only controls the folder
  it is served from, and a static host cannot send Service-Worker-Allowed):
  the theme's ``js/sw.js`` with this build's settings in front of it, among
  them the shell version, a hash of everything the shell holds. A new
  version installs a new shell cache and clears the old ones.
- ``manifest.webmanifest`` names the portal, in Indonesian, with icons made
  from the LOGO setting (brand.py); start_url and scope are relative to it,
  so the portal installs under a sub-path as well as at a domain's root.
- The offline page (``luring/``, the theme's ``luring.html``) is shown when
  a page is neither on the network nor saved; theme/static/js/luring.js
  lists the articles saved on the phone there.

Addresses inside the worker and the manifest are the path of SITEURL (or
relative), never its origin: the worker must be same-origin anyway, and a
mirror of the site keeps working.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .config import DistribusiConfig

WORKER = "sw.js"  # at the site's root
MANIFEST = "manifest.webmanifest"
ICON_FOLDER = "images"
HEADER_LOGO = "images/logo-kepala.png"
WORKER_SOURCE = "js/sw.js"  # in the theme's static folder
VERSION_LENGTH = 10


@dataclass(frozen=True)
class WorkerSettings:
    """What the worker is told about this build (``self.LURING`` in sw.js)."""

    version: str
    base: str  # the site's path with a trailing slash: "/" or "/portal/"
    shell: tuple[str, ...]
    offline: str
    max_articles: int
    timeout_ms: int
    article_prefix: str  # "berita/"
    article_depth: int  # how many path segments name one article: 5

    def as_json(self) -> str:
        return json.dumps({"v": self.version, "base": self.base, "shell": list(self.shell), "offline": self.offline,
                           "max": self.max_articles, "timeout": self.timeout_ms, "article": self.article_prefix,
                           "depth": self.article_depth}, ensure_ascii=True, sort_keys=True)


def site_base(cfg: DistribusiConfig) -> str:
    """The site's path with a trailing slash, for same-origin addresses."""
    return f"{cfg.site_path}/"


def theme_static(cfg: DistribusiConfig) -> Path:
    return Path(cfg.theme_path) / "static"


def asset_versions(folder: Path) -> dict[str, str]:
    """Relative path (posix) of every file under FOLDER -> a short hash of its bytes."""
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:VERSION_LENGTH]
            for path in sorted(folder.rglob("*")) if path.is_file()}


def asset_url(cfg: DistribusiConfig, versions: dict[str, str], relative: str) -> str:
    """The address of a theme asset with its content hash: a new file, a new address."""
    relative = relative.lstrip("/")
    address = f"{cfg.siteurl}/{cfg.theme_static_dir}/{relative}"
    version = versions.get(relative)
    return f"{address}?v={version}" if version else address


def article_scope(article_url: str) -> tuple[str, int]:
    """ARTICLE_URL -> (the fixed folder every article is under, how many path
    segments name one article): "berita/{date:%Y}/{date:%m}/{date:%d}/{slug}/" -> ("berita/", 5)."""
    prefix = article_url.split("{", 1)[0]
    prefix = prefix[: prefix.rfind("/") + 1] if "/" in prefix else ""
    depth = len([part for part in article_url.split("/") if part])
    return prefix, depth


def shell_urls(cfg: DistribusiConfig, versions: dict[str, str], marks) -> tuple[str, ...]:
    """What the worker caches when it installs: the theme's CSS and the page
    script, the favicon, the header logo and icons, the manifest and the offline page."""
    base = site_base(cfg)
    theme = f"{base}{cfg.theme_static_dir}/"
    assets = [f"{theme}{path}?v={version}" for path, version in versions.items()
              if path.endswith((".css", ".svg")) or path in ("js/portal.js", "js/luring.js")]
    return (*assets, *(base + mark.path for mark in marks), base + MANIFEST, offline_url(cfg))


def offline_url(cfg: DistribusiConfig) -> str:
    return site_base(cfg) + cfg.offline_save_as.removesuffix("index.html")


def manifest(cfg: DistribusiConfig, icons) -> dict:
    """The web app manifest; addresses are relative to it (it lives at the site's root)."""
    return {
        "id": "./",
        "name": cfg.sitename,
        "short_name": cfg.manifest_short_name,
        "description": cfg.manifest_description,
        "lang": cfg.language,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": cfg.theme_color,
        "background_color": cfg.background_color,
        "categories": ["news"],
        "icons": [{"src": icon.path, "sizes": f"{icon.width}x{icon.height}", "type": "image/png",
                   "purpose": icon.purpose} for icon in icons],
    }


def manifest_text(cfg: DistribusiConfig, icons) -> str:
    return json.dumps(manifest(cfg, icons), ensure_ascii=False, indent=1) + "\n"


def shell_version(parts) -> str:
    """A short hash of every part (bytes or text) of the shell, in order."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:VERSION_LENGTH]


def worker_script(source: str, settings: WorkerSettings) -> str:
    """sw.js: this build's settings, then the theme's worker source."""
    return f"self.LURING={settings.as_json()};\n{source}"


def rendition_bytes(renditions, size_of) -> str:
    """"360:12034 640:30112": each rendition's width and file size in bytes,
    smallest first, for data-bytes (luring.js states what Hemat data saved)."""
    return " ".join(f"{r.width}:{size_of(r)}" for r in sorted(renditions, key=lambda r: r.width))


def write_offline(build, output: Path, writer) -> WorkerSettings | None:
    """Write the offline page (with WRITER, like every other page), the
    manifest and sw.js for BUILD (a DistribusiBuild) into OUTPUT; the header
    logo and icons join the build's images, published with the others."""
    cfg = build.cfg
    if not cfg.offline or build.templates is None:
        return None
    marks = (build.header_logo, *build.icons)
    writer.write_file(cfg.offline_save_as, build.templates.get_template("luring"), build.context,
                      url=offline_url(cfg).removeprefix(site_base(cfg)), page_name="luring")
    manifest_body = manifest_text(cfg, build.icons)
    (output / MANIFEST).write_text(manifest_body, encoding="utf-8")
    source = (theme_static(cfg) / WORKER_SOURCE).read_text(encoding="utf-8")
    versions = build.asset_versions
    prefix, depth = article_scope(cfg.article_url)
    version = shell_version([json.dumps(versions, sort_keys=True), source, manifest_body,
                             (output / cfg.offline_save_as).read_bytes(),
                             *(mark.cached.read_bytes() for mark in marks)])
    settings = WorkerSettings(version, site_base(cfg), shell_urls(cfg, versions, marks), offline_url(cfg),
                              cfg.offline_max_articles, cfg.offline_timeout_ms, prefix, depth)
    (output / WORKER).write_text(worker_script(source, settings), encoding="utf-8")
    return settings
