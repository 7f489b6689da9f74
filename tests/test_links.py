"""Every internal link of a built site resolves: at a domain's root and under a sub-path.

The checker reads the built files only (no server): a URL under SITEURL maps
to a file in the output folder (``x/`` -> ``x/index.html``), and a
``#fragment`` must name an element id on the page it points to. It covers
``href``/``src``/``srcset``/``action`` and the social and canonical URLs of
every HTML page, the JSON-LD URLs, the feeds (their links, enclosures and
the links inside entries), the sitemaps' ``<loc>``s and robots.txt. The
sub-path build is also opened in Chromium: a search on /berita/cari/ returns
results whose links resolve.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from portal.browser import free_port, serve_folder
from tests.conftest import PUBLISH_SETTINGS, fast_build

# A local build has SITEURL "": its root-relative links are read as if served here.
LOCAL_ORIGIN = "http://localhost.invalid"
SUB_PATH = "berita"
# (selector, attribute) of every HTML reference that must resolve.
HTML_REFERENCES = [
    ("a[href]", "href"), ("link[href]", "href"), ("area[href]", "href"),
    ("img[src]", "src"), ("script[src]", "src"), ("source[src]", "src"), ("iframe[src]", "src"),
    ("form[action]", "action"),
    ("meta[property='og:url']", "content"), ("meta[property='og:image']", "content"),
    ("meta[name='twitter:image']", "content"),
]
SRCSET = ["img[srcset]", "source[srcset]"]
# Where 404.html is read from: a static host serves it for any missing path,
# so a relative link in it would break under a deep URL.
DEEP_MISSING_URL = "/tidak/ada/di/sini/"
NOT_FETCHED = ("mailto", "tel", "javascript", "data", "sms", "whatsapp")


class LinkChecker:
    """Resolve URLs of a site published at SITEURL against its OUTPUT folder."""

    def __init__(self, output: Path, siteurl: str):
        self.output = output
        self.siteurl = (siteurl or LOCAL_ORIGIN).rstrip("/")
        parts = urlsplit(self.siteurl)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.prefix = parts.path.rstrip("/") + "/"
        self.problems: list[str] = []
        self.checked = 0

    # --- where things are -------------------------------------------------------
    def url_of(self, file: Path) -> str:
        relative = file.relative_to(self.output).as_posix()
        return self.siteurl + "/" + relative.removesuffix("index.html")

    def file_of(self, url: str) -> Path | None:
        """The output file a same-site URL is served from; None if it points outside the site."""
        path = unquote(urlsplit(url).path)
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            return None
        relative = path[len(self.prefix):]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return self.output / relative

    @cache  # noqa: B019 — one checker per test, the page set is fixed
    def ids(self, file: Path) -> frozenset[str]:
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        return frozenset([*(e["id"] for e in soup.select("[id]")), *(e["name"] for e in soup.select("a[name]"))])

    # --- checking ---------------------------------------------------------------
    def check(self, where: str, base: str, reference: str, anchors: bool = True, page: Path | None = None) -> None:
        """Record a problem if REFERENCE (as written on WHERE, relative to BASE) is broken.

        A bare ``#id`` is a same-document reference, whatever URL the page is
        served at: it is looked up on PAGE itself when given.
        """
        reference = reference.strip()
        if not reference or reference.split(":", 1)[0].lower() in NOT_FETCHED:
            return
        if reference.startswith("#") and page is not None:
            self.checked += 1
            if unquote(reference[1:]) not in self.ids(page):
                self.problems.append(f"{where}: {reference} -> no such id on this page")
            return
        url = urljoin(base, reference)
        self.checked += 1
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != self.origin:
            return  # another site: not ours to check
        target = self.file_of(url)
        if target is None:
            self.problems.append(f"{where}: {reference} is outside the site ({self.siteurl}/)")
        elif not target.is_file():
            hint = " (a folder: the link needs a trailing /)" if target.is_dir() else ""
            self.problems.append(f"{where}: {reference} -> no file {target.relative_to(self.output)}{hint}")
        elif anchors and parts.fragment and target.suffix == ".html" \
                and unquote(parts.fragment) not in self.ids(target):
            self.problems.append(f"{where}: {reference} -> no id {parts.fragment!r} on that page")

    def check_html(self, file: Path) -> None:
        page = self.url_of(file)
        if file == self.output / "404.html":
            page = self.siteurl + DEEP_MISSING_URL  # a host serves it in place of any missing URL
        where = file.relative_to(self.output).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        base = soup.select_one("base[href]")
        base = urljoin(page, base["href"]) if base else page
        for selector, attribute in HTML_REFERENCES:
            for element in soup.select(selector):
                self.check(where, base, element[attribute], page=file)
        for selector in SRCSET:
            for element in soup.select(selector):
                for candidate in element["srcset"].split(","):
                    if candidate.strip():
                        self.check(where, base, candidate.split()[0])
        for script in soup.select("script[type='application/ld+json']"):
            for value in _strings(json.loads(script.string)):
                if value.startswith(self.siteurl + "/"):
                    # "@id": ".../#organization" names a node, not an element: no anchor check.
                    self.check(where + " (JSON-LD)", page, value.split("?")[0], anchors=False)

    def check_xml(self, file: Path) -> None:
        """A feed or sitemap: every URL attribute and <link>/<loc> text, and links inside entries."""
        where = file.relative_to(self.output).as_posix()
        for element in ElementTree.parse(file).iter():
            tag = element.tag.rsplit("}", 1)[-1]
            for attribute in ("href", "url"):
                if element.get(attribute):
                    self.check(where, self.siteurl + "/", element.get(attribute))
            if tag in ("loc", "link") and (element.text or "").strip():
                self.check(where, self.siteurl + "/", element.text)
            if tag in ("content", "summary", "description", "encoded") and "<" in (element.text or ""):
                for link in BeautifulSoup(element.text, "lxml").select("[href], [src]"):
                    self.check(where + " (entry text)", self.siteurl + "/", link.get("href") or link["src"])

    def check_site(self) -> list[str]:
        for file in sorted(self.output.rglob("*.html")):
            self.check_html(file)
        for file in sorted(self.output.rglob("*.xml")):
            self.check_xml(file)
        robots = self.output / "robots.txt"
        if robots.is_file():
            for line in robots.read_text(encoding="utf-8").splitlines():
                if line.lower().startswith("sitemap:"):
                    self.check("robots.txt", self.siteurl + "/", line.split(":", 1)[1])
        return self.problems


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- the checker itself -------------------------------------------------------------
def _tiny_site(root: Path) -> Path:
    (root / "a").mkdir(parents=True)
    (root / "img").mkdir()
    (root / "img" / "x.jpg").write_bytes(b"jpeg")
    (root / "a" / "index.html").write_text('<h2 id="here">A</h2>', encoding="utf-8")
    return root


@pytest.mark.parametrize(("siteurl", "reference", "broken"), [
    ("", "/a/", False),
    ("", "/a/#here", False),
    ("", "/a/#nowhere", True),
    ("", "/a", True),  # a folder without its trailing slash
    ("", "/b/", True),
    ("", "img/x.jpg", False),
    ("", "https://example.org/b/", False),  # another site
    ("", "mailto:x@example.org", False),
    ("https://host.example/berita", "/a/", True),  # escapes the sub-path
    ("https://host.example/berita", "/berita/a/", False),
    ("https://host.example/berita", "https://host.example/berita/img/x.jpg", False),
    ("https://host.example/berita", "https://host.example/img/x.jpg", True),
])
def test_checker_finds_what_is_broken(tmp_path, siteurl, reference, broken):
    checker = LinkChecker(_tiny_site(tmp_path / "out"), siteurl)
    checker.check("index.html", checker.siteurl + "/", reference)
    assert bool(checker.problems) is broken, checker.problems


def test_checker_reads_srcset_feeds_and_sitemaps(tmp_path):
    output = _tiny_site(tmp_path / "out")
    site = "https://host.example/berita"
    (output / "index.html").write_text(
        '<img src="/berita/img/x.jpg" srcset="/berita/img/x.jpg 1x, /berita/img/y.jpg 2x" alt="">', encoding="utf-8")
    (output / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://host.example/a/</loc></url>'
        '</urlset>', encoding="utf-8")
    (output / "feed.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;a href="/berita/c/"&gt;c&lt;/a&gt;'
        '</content></entry></feed>', encoding="utf-8")
    problems = LinkChecker(output, site).check_site()
    assert len(problems) == 3, problems
    assert any("img/y.jpg" in p for p in problems)
    assert any(p.startswith("sitemap.xml") for p in problems)
    assert any(p.startswith("feed.xml (entry text)") for p in problems)


# --- real builds ---------------------------------------------------------------------
@pytest.mark.skipif(not os.environ.get("PORTAL_CHECK_SITE"), reason="set PORTAL_CHECK_SITE=output (CI does)")
def test_built_output_has_no_broken_link():
    """The site CI is about to deploy: PORTAL_CHECK_SITE is its folder and
    PORTAL_SITEURL the address it was built for (publishconf.py reads it too)."""
    from tests.conftest import ROOT

    output = (ROOT / os.environ["PORTAL_CHECK_SITE"]).resolve()
    assert (output / "index.html").is_file(), f"{output} holds no built site"
    checker = LinkChecker(output, os.environ.get("PORTAL_SITEURL", ""))
    problems = checker.check_site()
    assert not problems, "\n".join(problems[:40])


def test_404_page_is_read_as_if_served_at_a_deep_missing_url(tmp_path):
    output = _tiny_site(tmp_path / "out")
    (output / "404.html").write_text('<a href="a/">relative</a> <a href="/a/">root</a> <a href="#top">top</a>'
                                     '<b id="top"></b>', encoding="utf-8")
    problems = LinkChecker(output, "").check_site()
    assert problems == ["404.html: a/ -> no file tidak/ada/di/sini/a/index.html"]


def test_no_broken_link_at_the_root(sample_site):
    checker = LinkChecker(sample_site.output, "")
    problems = checker.check_site()
    assert not problems, "\n".join(problems[:40])
    assert checker.checked > 5_000  # every page's links were read, not a handful


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """The sample content built with publishconf.py for http://127.0.0.1:PORT/berita,
    its output placed at ROOT/berita so that a server of ROOT serves it there."""
    base = tmp_path_factory.mktemp("subpath")
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/{SUB_PATH}"
    output = base / "root" / SUB_PATH
    output.parent.mkdir()
    fast_build(PUBLISH_SETTINGS, output, {"CACHE_PATH": str(base / "cache"), "SITEURL": siteurl,
                                          "FEED_DOMAIN": siteurl}, search=True, pool="sample")
    return output, siteurl, port


def test_no_broken_link_under_a_sub_path(sub_path_site):
    output, siteurl, _ = sub_path_site
    checker = LinkChecker(output, siteurl)
    problems = checker.check_site()
    assert not problems, "\n".join(problems[:40])
    assert checker.checked > 5_000


def test_sub_path_build_never_links_to_the_domain_root(sub_path_site):
    """No root-relative URL that skips the sub-path, in any text file (HTML, JS, XML, JSON)."""
    output, siteurl, _ = sub_path_site
    escaping = re.compile(rf"""(?:href|src|action|content|data-[a-z]+)=["']/(?!/|{SUB_PATH}/)""")
    found = [f"{file.relative_to(output)}: {match.group(0)}"
             for file in output.rglob("*") if file.suffix in (".html", ".xml", ".txt")
             for match in escaping.finditer(file.read_text(encoding="utf-8"))]
    assert not found, found[:20]


def test_search_under_a_sub_path_finds_articles_whose_links_resolve(sub_path_site, browser):
    output, siteurl, port = sub_path_site
    checker = LinkChecker(output, siteurl)
    with serve_folder(output.parent, port=port) as origin:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(f"{origin}/{SUB_PATH}/cari/?q=pelayanan")
        page.wait_for_selector("#cari-hasil li a", timeout=20_000)
        links = page.eval_on_selector_all("#cari-hasil li a", "links => links.map(a => a.href)")
        page.close()
    assert not errors, errors
    assert links
    for link in links:
        assert link.startswith(siteurl + "/"), link
        checker.check("cari (hasil)", siteurl + "/cari/", link)
    assert not checker.problems, checker.problems
