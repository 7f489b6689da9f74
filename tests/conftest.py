"""Fixtures that build real sites from real Markdown into temporary folders."""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests import speed

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"

# The layers, build counts and shared caches live in tests/speed.py.
pytest_addoption = speed.pytest_addoption
pytest_configure = speed.pytest_configure
pytest_collection_modifyitems = speed.pytest_collection_modifyitems
pytest_runtest_protocol = speed.pytest_runtest_protocol
pytest_terminal_summary = speed.pytest_terminal_summary
pytest_sessionfinish = speed.pytest_sessionfinish
pytest_testnodedown = speed.pytest_testnodedown
fast_build = speed.fast_build

PEOPLE = """
[[person]]
name = "Lalu Ahmad Sinto"
slug = "sinto"
roles = ["penulis", "wartawan"]
bio = "Pewarta Diskominfo."

[[person]]
name = "Baiq Nurul Aini"
slug = "nurul-aini"
roles = ["editor", "penulis"]
bio = "Redaktur pelaksana."

[[person]]
name = "Muhammad Rizal Hakim"
slug = "rizal"
roles = ["editor"]
bio = "Redaktur."
"""


class Site:
    """A built site: where it is, and how to read its pages."""

    def __init__(self, output: Path, result=None):
        self.output = output
        self.result = result  # portal.build.BuildResult: warnings, articles, the plugins' build state

    def path(self, url: str) -> Path:
        """The file a directory URL like /berita/2026/08/30/x/ is served from."""
        relative = url.split("#")[0].split("?")[0].lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return self.output / relative

    def url_of(self, file: Path) -> str:
        """The URL a built file is served at (the inverse of ``path``)."""
        relative = file.relative_to(self.output).as_posix()
        return "/" + relative.removesuffix("index.html")

    def links(self, selector: str = "a[href]"):
        """(page URL, target path) of every link matching SELECTOR that stays on the site."""
        for file in self.html_files():
            page = self.url_of(file)
            for link in self.soup(page).select(selector):
                target = urlparse(urljoin(page, link["href"]))
                if target.scheme in ("", "http", "https") and not target.netloc and target.path:
                    yield page, target.path

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


class ContentFolder:
    """A small content tree written by a test: people, images, articles."""

    def __init__(self, root: Path):
        self.root = root
        (root / "articles").mkdir(parents=True)
        (root / "pages").mkdir()
        (root / "people.toml").write_text(PEOPLE, encoding="utf-8")
        self.image("images/foto/contoh.jpg")

    def image(self, relative: str, size=(1600, 900)) -> str:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (90, 120, 150)).save(path, "JPEG")
        return relative

    def article(self, name: str, body: str = "Isi berita yang cukup panjang untuk dibaca warga.", **fields) -> Path:
        """Write articles/NAME.md; fields become header lines (None drops a default)."""
        header = {
            "Title": name.replace("-", " ").title(),
            "Slug": name,
            "Date": "2026-08-30 14:05",
            "Category": "Pemerintahan",
            "Author": "Lalu Ahmad Sinto",
            "Editor": "Baiq Nurul Aini",
        }
        header.update(fields)
        lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
        path = self.root / "articles" / f"{name}.md"
        path.write_text("\n".join(lines) + "\n\n" + textwrap.dedent(body).strip() + "\n", encoding="utf-8")
        return path

    def page(self, slug: str, title: str, body: str = "Isi halaman.") -> Path:
        path = self.root / "pages" / f"{slug}.md"
        path.write_text(f"Title: {title}\nSlug: {slug}\n\n{body}\n", encoding="utf-8")
        return path


@pytest.fixture
def content(tmp_path) -> ContentFolder:
    return ContentFolder(tmp_path / "content")


@pytest.fixture
def build(tmp_path, request):
    """Build a content folder (with setting overrides) into a fresh temp output.

    The build starts from the session's shared renditions and drawn images
    (``@pytest.mark.fresh_cache`` for a test that needs a cold cache) and
    skips Pagefind (``@pytest.mark.search`` or DISTRIBUSI_PAGEFIND=True for a
    test that needs the search index): see tests/speed.py."""
    fresh = request.node.get_closest_marker("fresh_cache") is not None
    search = request.node.get_closest_marker("search") is not None

    def run(folder: ContentFolder | Path, output: Path | None = None, settings_file=SETTINGS, **overrides) -> Site:
        root = folder.root if isinstance(folder, ContentFolder) else Path(folder)
        output = output or tmp_path / "output"
        overrides = {"PATH": str(root), "CACHE_PATH": str(tmp_path / "cache"), **overrides}
        return Site(output, fast_build(settings_file, output, overrides, search=search,
                                       pool=None if fresh else "tests"))

    return run


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Site:
    """The real sample content of content/, built once for the whole session
    (once for all xdist workers), with its search index."""
    return Site(speed.built_once(tmp_path_factory, "sample", SETTINGS, {}, search=True))


@pytest.fixture(scope="session")
def sample_content() -> Path:
    return ROOT / "content"


def copy_content(target: Path) -> Path:
    """A writable copy of the sample content, for tests that break it."""
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.fixture(scope="session")
def sample_server(sample_site):
    """The sample site served over HTTP on 127.0.0.1 for the whole session."""
    from portal.browser import serve_folder

    with serve_folder(sample_site.output) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session (tests open their own pages)."""
    from portal.browser import chromium

    with chromium() as instance:
        yield instance


# --- Distribution (feeds, sitemaps, structured data, search) -------------------
PUBLISH_SETTINGS = ROOT / "publishconf.py"
PUBLISHED_SITEURL = "https://berita.lomboktengahkab.go.id"


def article_headers(folder: Path) -> list[dict]:
    """The header of every article under FOLDER/articles, keys in English
    (the schema's aliases resolved), read without the build: a test oracle."""
    from newsroom.schema import ARTICLE_FIELDS, alias_map

    names = alias_map(ARTICLE_FIELDS)
    found = []
    for path in sorted((folder / "articles").glob("*.md")):
        header = {"file": path.name, "status": "published"}
        for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines():
            key, _, value = line.partition(":")
            header[names.get(key.strip().lower(), key.strip().lower())] = value.strip()
        header["status"] = {"terbit": "published", "draf": "draft", "tersembunyi": "hidden"}.get(
            header["status"].lower(), header["status"].lower())
        header["url"] = "/berita/{}/{}/{}/{}/".format(*header["date"][:10].split("-"), header["slug"])
        found.append(header)
    return found


def canonical_path(site: Site, article_url: str) -> str:
    """Where an article's canonical page is, read from what the build wrote:
    the view-all page of an article split into pages (plugins/halaman), else
    the article's own URL."""
    return article_url + "semua/" if site.exists(article_url + "semua/") else article_url


def article_url_of(url: str) -> str | None:
    """``/berita/Y/M/D/slug/`` for any page of an article (page N, view-all), else None."""
    parts = url.strip("/").split("/")
    return "/" + "/".join(parts[:5]) + "/" if len(parts) >= 5 and parts[0] == "berita" else None


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, sample_site) -> Site:
    """The sample content built as CI publishes it (publishconf.py, absolute
    URLs), with "now" pinned one hour after the newest article, so the Google
    News sitemap's content is known. Built after sample_site, from its
    renditions (no search index: no test searches it)."""
    newest = max(h["date"] for h in article_headers(ROOT / "content") if h["status"] == "published")
    now = (datetime.fromisoformat(newest) + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    return Site(speed.built_once(tmp_path_factory, "published", PUBLISH_SETTINGS,
                                 {"SITEURL": PUBLISHED_SITEURL, "FEED_DOMAIN": PUBLISHED_SITEURL,
                                  "DISTRIBUSI_NOW": now}))
