"""The body policy (plugins/newsroom/policy.py) and the Content-Security-Policy
(plugins/newsroom/csp.py): hostile body HTML is removed and named to the editor
with its line, news markup passes unchanged, and no script runs in Chromium
that the policy did not allow."""

from __future__ import annotations

import base64
import hashlib
import re
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from newsroom.csp import HEMAT_SCRIPT, TEXT_SIZE_SCRIPT
from newsroom.policy import BodyPolicy, check_embeds

from portal.browser import watch
from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL, SETTINGS, Site, fast_build

YOUTUBE = "https://www.youtube-nocookie.com/embed/"
EMBEDS = (YOUTUBE, "https://www.youtube.com/embed/", "https://www.google.com/maps/embed?")
HEADER = "Title: Uji\nDate: 2026-08-30 14:05\n\n"


def render(body: str) -> str:
    """The body as the build's Markdown settings render it (pelicanconf.MARKDOWN)."""
    return markdown.Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.sane_lists"],
                             output_format="html5").convert(body)


def clean(body: str, embeds=EMBEDS):
    """(cleaned HTML, removals) for a Markdown BODY under a two-line header (body starts on line 4)."""
    source = HEADER + textwrap.dedent(body).strip() + "\n"
    return BodyPolicy(embeds).clean(render(source.split("\n\n", 1)[1]), source)


def lines_of(removals) -> list[int | None]:
    return [r.line for r in removals]


# --- What is removed ----------------------------------------------------------

def test_a_script_is_removed_with_its_content_and_named_with_its_line():
    html, removed = clean("""
        Paragraf pertama.

        <script>alert("x")</script>

        Paragraf kedua.
    """)
    assert "script" not in html and "alert" not in html
    assert "<p>Paragraf pertama.</p>" in html and "<p>Paragraf kedua.</p>" in html
    [only] = removed
    assert only.line == 6
    assert only.message.startswith("<script> dihapus dari isi berita")
    assert "NEWSROOM_EMBEDS" in only.fix


@pytest.mark.parametrize("raw, gone, what", [
    ("<style>p{display:none}</style>", "display", "<style>"),
    ('<svg onload="alert(1)"><circle r="4"/></svg>', "svg", "<svg>"),
    ('<form action="https://example.net/"><input name="nik"><button>Kirim</button></form>', "form", "<form>"),
    ('<object data="/x.swf"></object>', "object", "<object>"),
    ('<embed src="/x.swf">', "embed", "<embed>"),
    ('<iframe src="https://evil.example/x"></iframe>', "iframe", "<iframe> dari evil.example"),
    ('<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>', "iframe", "<iframe>"),
    ('<iframe src="https://www.youtube.com/embed/../../redirect?q=x"></iframe>', "iframe", "<iframe>"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', "<img", "<img>"),
    ('<img src="https://pelacak.example/p.gif" alt="x">', "<img", "<img>"),
    ("<noscript><p>x</p></noscript>", "noscript", "<noscript>"),
])
def test_refused_elements_are_removed_and_named(raw, gone, what):
    html, removed = clean(f"Pembuka.\n\n{raw}\n\nPenutup.")
    assert gone not in html
    assert "<p>Pembuka.</p>" in html and "<p>Penutup.</p>" in html
    assert len(removed) == 1, removed
    assert removed[0].message.startswith(what) and removed[0].line == 6


@pytest.mark.parametrize("raw, attribute, kept", [
    ('<p onclick="alert(1)">Teks.</p>', "onclick", "<p>Teks.</p>"),
    ('<img src="/images/foto/a.jpg" alt="a" onerror="alert(1)">', "onerror", '<img src="/images/foto/a.jpg" alt="a">'),
    ('<p style="position:fixed">Teks.</p>', "style", "<p>Teks.</p>"),
    ('<p lang="sas" class="skip">Teks.</p>', "class", '<p lang="sas">Teks.</p>'),
])
def test_refused_attributes_are_removed_and_the_element_kept(raw, attribute, kept):
    html, removed = clean(f"Pembuka.\n\n{raw}")
    assert kept in html
    [only] = removed
    assert only.line == 6
    assert only.message.startswith(f"atribut {attribute} pada <") or only.message.startswith("kelas 'skip'")


def test_text_that_looks_like_an_attribute_is_not_reported():
    html, removed = clean('<p>Tulis {: onmouseover="x" } di sini.</p>')
    assert removed == [] and "onmouseover" in html


def test_attributes_written_with_attr_list_are_removed_and_found():
    html, removed = clean("""
        Pembuka.

        Teks yang diklik.
        {: onclick="alert(1)" }
    """)
    assert "onclick" not in html and "<p>Teks yang diklik.</p>" in html
    assert lines_of(removed) == [7]


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PGI+eDwvYj4=",
                                  "vbscript:msgbox(1)"])
def test_links_to_code_or_data_lose_their_address(href):
    html, removed = clean(f"Pembuka.\n\nBaca [di sini]({href}) ya.")
    assert "<a>di sini</a>" in html and "href" not in html
    [only] = removed
    assert only.line == 6 and "pada <a> dihapus" in only.message


def test_each_removal_names_its_own_line():
    html, removed = clean("""
        Video resmi:

        <iframe src="https://www.youtube-nocookie.com/embed/resmi" title="Resmi"></iframe>

        Kode contoh: `<iframe src="x">` dan

        ```html
        <script>ini hanya contoh</script>
        ```

        <iframe src="https://evil.example/x"></iframe>

        <script>nyata()</script>

        [a](javascript:satu()) dan [b](javascript:dua())
    """)
    assert 'src="https://www.youtube-nocookie.com/embed/resmi"' in html
    assert "&lt;script&gt;ini hanya contoh&lt;/script&gt;" in html  # code is text, never removed
    assert [(r.line, r.message.split(" ")[0]) for r in removed] == [
        (14, "<iframe>"), (16, "<script>"), (18, "alamat"), (18, "alamat")]


def test_a_clean_body_reports_nothing():
    assert clean("Isi berita biasa dengan [tautan](https://lomboktengahkab.go.id/).")[1] == []


# --- What is kept -------------------------------------------------------------

NEWS_MARKDOWN = """
## Sub judul *miring*

### Bagian

Paragraf dengan **tebal**, _miring_, `kode`, [tautan luar](https://example.go.id/a?b=1&c=2 "Judul"),
[internal](/berita/2026/08/30/x/), [surat](mailto:ppid@lomboktengahkab.go.id), [telepon](tel:+62370654321)
dan "kutip" & ampersand < kurang > lebih — 🙂.
Baris setelah jeda.

![Warga antre di MPP](/images/foto/contoh.jpg "Antrean")

> Kutipan *Bupati*.
>
> Paragraf dua.

1. satu
2. dua
    - anak
    - anak lagi

3. tiga

| Kecamatan | Desa |
|-----------|------|
| Praya     | 12   |

SPBE dipakai di sini.

*[SPBE]: Sistem Pemerintahan Berbasis Elektronik

Istilah
:   Definisinya.

Air adalah H<sub>2</sub>O dan 10<sup>3</sup>.

<figure><img src="/images/foto/contoh.jpg" alt="Foto" width="600" height="400" loading="lazy">
<figcaption>Keterangan foto</figcaption></figure>

---

<!-- halaman -->

Lanjutan.
"""


def test_news_markup_is_kept_byte_for_byte():
    html = render(textwrap.dedent(NEWS_MARKDOWN))
    cleaned, removed = BodyPolicy(EMBEDS).clean(html, NEWS_MARKDOWN)
    assert removed == []
    assert cleaned == html


def test_footnotes_keep_their_ids_and_links():
    html = render("Kata[^1] dan kata lain[^dua].\n\n[^1]: Catatan satu.\n[^dua]: Catatan *dua*.")
    cleaned, removed = BodyPolicy(EMBEDS).clean(html)
    assert removed == []
    # Ammonia writes two character references as what they stand for; nothing else changes.
    assert cleaned == html.replace("&#160;", "&nbsp;").replace("&#8617;", "\u21a9")
    soup = BeautifulSoup(cleaned, "html.parser")
    assert [a["href"] for a in soup.select("a.footnote-ref")] == ["#fn:1", "#fn:dua"]
    assert [li["id"] for li in soup.select("div.footnote li")] == ["fn:1", "fn:dua"]
    assert [a["href"] for a in soup.select("a.footnote-backref")] == ["#fnref:1", "#fnref:dua"]


def test_fenced_code_keeps_its_language_class_and_text():
    html = render('```python\nprint("<halo>")\n```')
    cleaned, _ = BodyPolicy(EMBEDS).clean(html)
    assert cleaned == html.replace("&quot;", '"')  # the same text: ammonia leaves " unescaped in text


def test_aligned_columns_become_theme_classes_not_inline_styles():
    cleaned, removed = clean("| A | B | C |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert removed == [] and "style" not in cleaned
    assert '<th class="align-left">A</th>' in cleaned and '<td class="align-center">2</td>' in cleaned
    assert '<td class="align-right">3</td>' in cleaned


def test_a_trusted_embed_is_kept_with_a_fixed_set_of_attributes():
    html, removed = clean(f"""
        <iframe width="560" height="315" src="{YOUTUBE}abc123" title="Rapat paripurna" frameborder="0"
        allow="accelerometer; autoplay" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen
        onload="alert(1)">fallback</iframe>
    """)
    frame = BeautifulSoup(html, "html.parser").iframe
    assert frame.attrs == {"width": "560", "height": "315", "src": f"{YOUTUBE}abc123", "title": "Rapat paripurna",
                           "allowfullscreen": "", "loading": "lazy"}
    assert frame.string is None  # no content of its own
    assert [r.message.split(" ")[1] for r in removed] == ["onload"]  # the embed code's own extras are quiet


def test_only_configured_embeds_are_trusted():
    source = f'<iframe src="{YOUTUBE}abc" title="x"></iframe>\n\n<iframe src="https://video.go.id/e/1"></iframe>'
    html, removed = clean(source, embeds=("https://video.go.id/e/",))
    assert YOUTUBE not in html and 'src="https://video.go.id/e/1"' in html
    assert lines_of(removed) == [4] and "www.youtube-nocookie.com" in removed[0].message


def test_a_link_opening_a_new_tab_gets_noopener_and_others_keep_their_bytes():
    html, removed = clean('<a href="https://example.go.id/" target="_blank">baru</a> dan '
                          '<a href="/x/" target="_top">sama</a>')
    assert '<a href="https://example.go.id/" target="_blank" rel="noopener">baru</a>' in html
    assert '<a href="/x/">sama</a>' in html
    assert [r.message for r in removed] == ["atribut target pada <a> dihapus (tidak termasuk yang diizinkan)"]


@pytest.mark.parametrize("prefix", ["https://www.youtube.com", "http://www.youtube.com/embed/", "youtube.com/embed/",
                                    "javascript:alert(1)//"])
def test_an_embed_prefix_must_name_an_https_origin_and_a_path(prefix):
    with pytest.raises(ValueError, match="NEWSROOM_EMBEDS"):
        check_embeds([prefix])


# --- The whole site -----------------------------------------------------------

HOSTILE = """
Paragraf pembuka yang biasa saja untuk warga.

<script>alert("skrip")</script>

<iframe src="https://www.youtube-nocookie.com/embed/resmi123" title="Video resmi" allowfullscreen></iframe>

<iframe src="https://evil.example/x" title="Asing"></iframe>

<img src="/images/foto/contoh.jpg" alt="Foto" onerror="alert('img')">

Baca [tautan jahat](javascript:alert('tautan')) di sini.

<svg onload="alert('svg')"><circle r="3"/></svg>

Paragraf penutup.
"""


def _hostile_content(content):
    content.article("berita-jahat", HOSTILE)
    content.page("profil-uji", "Profil Uji", "Halaman.\n\n<script>alert('halaman')</script>")
    return content


def test_a_hostile_body_is_published_clean_with_warnings_naming_file_and_line(content, tmp_path, monkeypatch):
    # Two builds in one process (as livereload runs them): each reports every warning.
    _hostile_content(content)
    overrides = {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache")}
    result = fast_build(SETTINGS, tmp_path / "output", overrides)
    site = Site(result.output_path)
    html = site.path("/berita/2026/08/30/berita-jahat/").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").select_one(".article-body")
    assert body.find("script") is None and body.find("svg") is None
    assert [f["src"] for f in body.find_all("iframe")] == ["https://www.youtube-nocookie.com/embed/resmi123"]
    assert "alert" not in str(body) and "javascript:" not in str(body)
    assert "Paragraf penutup." in body.get_text()
    assert "alert" not in site.path("/profil-uji/").read_text(encoding="utf-8")
    expected = [
        "articles/berita-jahat.md:10: Isi: <script> dihapus",
        "articles/berita-jahat.md:14: Isi: <iframe> dari evil.example dihapus",
        "articles/berita-jahat.md:16: Isi: atribut onerror pada <img> dihapus",
        "articles/berita-jahat.md:18: Isi: alamat javascript: pada <a> dihapus",
        "articles/berita-jahat.md:20: Isi: <svg> dihapus",
        "pages/profil-uji.md:6: Isi: <script> dihapus",
    ]
    for start in expected:
        assert any(w.startswith(start) for w in result.warnings), (start, result.warnings)

    # Built again from Pelican's reader cache (the policy does not run again):
    # the same warnings, the same clean body.
    monkeypatch.setattr(sys.modules["newsroom.policy"].BodyPolicy, "clean", _must_not_run)
    again = fast_build(SETTINGS, tmp_path / "output", overrides)
    assert sorted(w for w in again.warnings if "Isi:" in w) == sorted(w for w in result.warnings if "Isi:" in w)
    assert site.path("/berita/2026/08/30/berita-jahat/").read_text(encoding="utf-8") == html


def _must_not_run(*args):
    raise AssertionError("the body was read again instead of from the reader cache")


def test_every_page_sends_the_policy_first_and_the_inline_script_matches_its_hash(sample_site):
    for url in ("/", "/cari/", "/profil/", "/404.html"):
        head = sample_site.soup(url).head
        first = head.find_all(True, recursive=False)[:2]
        assert first[0].get("charset") == "utf-8"
        assert first[1].get("http-equiv") == "Content-Security-Policy"
        policy = dict(d.strip().split(" ", 1) for d in first[1]["content"].split(";"))
        inline = [s.string for s in head.find_all("script") if not s.get("src") and not s.get("type")]
        assert inline == [HEMAT_SCRIPT, TEXT_SIZE_SCRIPT]  # Hemat data first: before the stylesheet (issue 18)
        for script in inline:
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"].split()
        assert "'unsafe-inline'" not in policy["script-src"] and policy["style-src"] == "'self'"
        assert policy["object-src"] == "'none'" and policy["default-src"] == "'self'"
        assert policy["frame-src"].split() == ["https://www.youtube-nocookie.com/embed/",
                                               "https://www.youtube.com/embed/", "https://www.google.com/maps/embed"]
        assert ("'wasm-unsafe-eval'" in policy["script-src"]) == (url == "/cari/")


def test_no_page_of_the_sample_site_has_inline_styles_or_handlers(sample_site):
    for file in sample_site.html_files():
        html = file.read_text(encoding="utf-8")
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html, re.IGNORECASE), file


# --- In Chromium -------------------------------------------------------------

def test_sample_pages_run_without_a_policy_violation(browser, sample_site, sample_server):
    article = next(sample_site.output.glob("berita/*/*/*/*/index.html"))
    page = browser.new_page()
    try:
        seen = watch(page)
        for url in ("/", sample_site.url_of(article)):
            page.goto(sample_server + url)
            page.wait_for_load_state("load")
        # JSON-LD is data, not script: the policy leaves it readable.
        data = page.evaluate("[...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
                             ".map(s => JSON.parse(s.textContent)['@type'])")
        assert data
        # The text-size control still works: its script is allowed by hash and portal.js by origin.
        page.get_by_role("button", name="Teks besar").click()
        assert page.evaluate("document.documentElement.getAttribute('data-size')") == "l"
        page.reload()
        assert page.evaluate("document.documentElement.getAttribute('data-size')") == "l"  # set by the inline script
        page.goto(f"{sample_server}/cari/?q=Lombok")
        page.wait_for_selector("#cari-hasil li a", timeout=15000)
        assert page.locator("#cari-hasil li a").count() > 0
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert seen == []


def test_search_works_on_the_main_thread_too(browser, sample_server):
    """Pagefind runs its WebAssembly in a worker, which the page's policy does
    not cover; where no worker can start it falls back to the page itself, and
    that needs 'wasm-unsafe-eval' (allowed on /cari/ only)."""
    page = browser.new_page()
    try:
        seen = watch(page)
        page.route("**/pagefind-worker.js", lambda route: route.abort())
        page.goto(f"{sample_server}/cari/?q=Lombok")
        page.wait_for_selector("#cari-hasil li a", timeout=15000)
    finally:
        page.close()
    assert not any("CSP" in s or "Content Security Policy" in s for s in seen), seen


def test_a_refused_script_never_runs_in_the_browser(browser, content, build, tmp_path):
    from portal.browser import serve_folder

    _hostile_content(content)
    site = build(content)
    page = browser.new_page()
    try:
        seen = watch(page)
        with serve_folder(site.output) as base:
            page.goto(base + "/berita/2026/08/30/berita-jahat/")
            page.wait_for_load_state("load")
            page.locator("a", has_text="tautan jahat").click()
            page.wait_for_timeout(300)
            assert page.locator("iframe[src^='https://www.youtube-nocookie.com/embed/']").count() == 1
    finally:
        page.close()
    assert not any(s.startswith(("dialog", "pageerror")) for s in seen), seen


def test_a_script_the_policy_missed_would_be_blocked_by_the_csp(browser, sample_site, tmp_path):
    """The CSP is the second wall: an inline script and handler on a built
    page (as if the sanitiser had let one through) do not run."""
    from portal.browser import serve_folder

    html = sample_site.path("/").read_text(encoding="utf-8")
    poisoned = html.replace("</main>", '<script>alert("lolos")</script><img src="/x.png" onerror="alert(2)"></main>')
    folder = tmp_path / "poisoned"
    folder.mkdir()
    (folder / "index.html").write_text(poisoned, encoding="utf-8")
    page = browser.new_page()
    try:
        seen = watch(page)
        with serve_folder(Path(folder)) as base:
            page.goto(base + "/")
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
    finally:
        page.close()
    assert not any(s.startswith("dialog") for s in seen), seen
    assert any("CSP violation: script-src" in s for s in seen), seen


def test_a_change_of_trusted_embeds_reaches_bodies_in_the_reader_cache(content, build):
    """Pelican's reader cache knows the file, not the settings it was cleaned under."""
    content.article("video", '<iframe src="https://video.lomboktengahkab.go.id/e/1" title="Rapat"></iframe>\n\nTeks.')
    page = "/berita/2026/08/30/video/"
    assert build(content).soup(page).select_one(".article-body iframe") is None
    trusted = build(content, NEWSROOM_EMBEDS=["https://video.lomboktengahkab.go.id/e/"])
    assert trusted.soup(page).select_one(".article-body iframe")["src"] == "https://video.lomboktengahkab.go.id/e/1"
    assert "frame-src https://video.lomboktengahkab.go.id/e/;" in trusted.path(page).read_text(encoding="utf-8")


def test_editor_notes_in_comments_are_not_published_but_page_markers_are():
    html = render("Paragraf satu.\n\n<!-- catatan: narasumber minta anonim, HP 0812-3456 -->\n\n"
                  "Paragraf dua.\n\n<!-- halaman -->\n\nParagraf tiga.\n\n<!--NextPage-->\n\nEmpat.")
    cleaned, removed = BodyPolicy(EMBEDS).clean(html)
    assert "0812" not in cleaned and "catatan" not in cleaned
    assert "<!-- halaman -->" in cleaned and "<!--NextPage-->" in cleaned
    assert removed == []  # an editor's note is expected to stay private: nothing to warn about


def test_markers_come_from_the_settings():
    html = render("Satu.\n\n<!-- halaman -->\n\nDua.\n\n<!-- potong -->\n\nTiga.")
    cleaned, _ = BodyPolicy(EMBEDS, markers=("potong",)).clean(html)
    assert "<!-- potong -->" in cleaned and "<!-- halaman -->" not in cleaned


def test_an_attribute_is_found_on_its_own_line_not_at_a_tag_of_the_same_name():
    cleaned, removed = clean("""
        <style>p { color: red }</style>

        Paragraf biasa.

        <p style="color:red">Paragraf bergaya.</p>
        """)
    assert "color" not in cleaned
    by_message = {r.message.split(" dihapus")[0]: r.line for r in removed}
    assert by_message == {"<style>": 4, "atribut style pada <p>": 8}, removed


# --- Characters a feed cannot hold (issue 11 review) ---------------------------

@pytest.mark.parametrize("character, says", [
    ("\x01", "karakter kontrol U+0001 yang tidak terlihat dihapus"),
    ("\x1b", "karakter kontrol U+001B yang tidak terlihat dihapus"),
    ("\x85", "karakter kontrol U+0085 yang tidak terlihat dihapus"),
    ("\ufffe", "karakter U+FFFE yang tidak sah dihapus"),
    ("\uffff", "karakter U+FFFF yang tidak sah dihapus"),
    ("\ud800", "karakter U+D800 yang tidak sah dihapus"),
    ("&#1;", "karakter kontrol U+0001 yang tidak terlihat dihapus"),
    ("&#xFFFE;", "karakter U+FFFE yang tidak sah dihapus"),
    ("\U0001FFFE", "karakter U+1FFFE yang tidak sah dihapus"),
    ("\U0010FFFF", "karakter U+10FFFF yang tidak sah dihapus"),
    ("&#x10FFFF;", "karakter U+10FFFF yang tidak sah dihapus"),
])
def test_characters_xml_cannot_hold_are_removed_and_named_with_their_line(character, says):
    html, removed = clean(f"Pembuka.\n\nWarga{character} antre di Praya.\n\nPenutup.")
    assert "<p>Warga antre di Praya.</p>" in html, html
    [only] = removed
    assert (only.line, only.message) == (6, says)
    assert only.fix == "hapus karakter itu; biasanya terbawa saat menyalin dari aplikasi lain"


def test_newlines_and_ordinary_unicode_are_kept():
    html, removed = clean("Pembuka dengan é, — dan 🎉\u00a0,\nbaris baru.\n\nPenutup.")
    assert removed == [] and "🎉&nbsp;,\nbaris" in html


def test_the_quick_search_for_bad_characters_finds_exactly_them():
    """The policy searches a wider, faster class and sifts it: every code point where the two could differ."""
    from newsroom import policy

    edges = [plane + low for plane in range(0, 0x110000, 0x10000) for low in (0, 1, 0xFFFD, 0xFFFE, 0xFFFF)]
    points = list(range(0x10000)) + edges + [0x1F389, 0x1F1EE, 0x20000, 0xE0001]
    text = "".join(map(chr, points))
    sifted = {c for c in policy._SUSPECT_CHARACTERS.findall(text) if ord(c) <= 0xFFFF or ord(c) & 0xFFFE == 0xFFFE}
    # C0 controls but tab, LF and CR; DEL and C1; surrogates; U+FDD0-FDEF; two noncharacters a plane
    assert sifted == set(policy._BAD_CHARACTERS.findall(text)) and len(sifted) == 29 + 33 + 2048 + 32 + 2 * 17


def test_a_body_with_control_characters_publishes_feeds_and_sitemaps_that_parse(content, build, tmp_path):
    from lxml import etree

    content.article("kendali", "Pembuka.\n\nWarga\x01 antre\ufffe di\uffff Praya\x85 hari\x0b ini.\n\nPenutup.")
    result = fast_build(SETTINGS, tmp_path / "output", {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "c"),
                                                        "CATEGORY_FEED_RSS": "feeds/rubrik/{slug}.rss.xml"})
    site = Site(result.output_path)
    feeds = sorted(site.output.glob("feeds/**/*.xml"))
    sitemaps = sorted(site.output.glob("sitemap*.xml"))
    assert {f.name for f in feeds} >= {"semua.atom.xml", "semua.rss.xml", "pemerintahan.atom.xml"}, feeds
    assert sitemaps
    for file in feeds + sitemaps:
        etree.parse(str(file), etree.XMLParser(recover=False))  # raises on an invalid character
    assert "Warga antre di Praya hari ini." in (site.output / "feeds" / "semua.atom.xml").read_text(encoding="utf-8")
    page = site.soup("/berita/2026/08/30/kendali/").select_one(".article-body").get_text()
    assert "Warga antre di Praya hari ini." in page
    for point in ("0001", "FFFE", "FFFF", "0085", "000B"):
        assert any(w.startswith("articles/kendali.md:10: Isi: ") and f"U+{point} " in w for w in result.warnings), \
            (point, result.warnings)


# --- Addresses browsers read differently (issue 11 review) ---------------------

@pytest.mark.parametrize("src", ["/\\evil.example/a.png", "\\\\evil.example\\a.png", "\\/evil.example/a.png",
                                 "/&#9;/evil.example/a.png", " //evil.example/a.png"])
def test_an_image_address_with_backslashes_is_another_site_and_removed(src):
    html, removed = clean(f'Pembuka.\n\n<img src="{src}" alt="piksel">\n\nPenutup.')
    assert "evil" not in html and "<img" not in html
    [only] = removed
    assert only.line == 6 and only.message.startswith("<img> dihapus dari isi berita")


def test_local_image_addresses_stay():
    html, removed = clean('<img src="/images/foto/a.jpg" alt="a"> <img src="images/b.png" alt="b">')
    assert removed == [] and html.count("<img") == 2


@pytest.mark.parametrize("path", ["%2e%2e/%2e%2e/redirect?q=https://evil.example", "%2E%2E/x", "a%2f..%2fb",
                                  "%5c..%5cx", "%252e%252e/x", "a//../x"])
def test_an_embed_path_hiding_dots_or_slashes_is_refused(path):
    html, removed = clean(f'Pembuka.\n\n<iframe src="{YOUTUBE}{path}"></iframe>\n\nPenutup.')
    assert "<iframe" not in html
    [only] = removed
    assert only.line == 6 and only.message.startswith("<iframe> dari www.youtube-nocookie.com dihapus")


def test_embed_queries_keep_their_percent_escapes():
    html, removed = clean('<iframe src="https://www.google.com/maps/embed?pb=!1m2%2F!2s0x2d%3A0x1"></iframe>')
    assert removed == [] and "pb=!1m2%2F!2s0x2d%3A0x1" in html


# --- Ids (issue 11 review): the theme's ids belong to the theme ----------------

def test_body_ids_are_dropped_so_none_can_take_one_of_the_theme():
    html, removed = clean("""
        <h2 id="rekomendasi-judul">Judul palsu</h2>

        <p id="isi">Landmark kedua.</p>

        ## Bagian {#bagian}

        Teks dengan catatan.[^1]

        [^1]: Catatan kaki.
    """)
    soup = BeautifulSoup(html, "html.parser")
    assert {tag["id"] for tag in soup.find_all(id=True)} == {"fnref:1", "fn:1"}
    assert [(r.line, r.message.split(" pada ")[0]) for r in removed] == [
        (4, "atribut id 'rekomendasi-judul'"), (6, "atribut id 'isi'"), (8, "atribut id 'bagian'")]


def test_a_body_id_never_duplicates_the_pages_landmark(content, build):
    content.article("bentrok", '<h2 id="rekomendasi-judul">Palsu</h2>\n\n<p id="isi">Warga Praya antre.</p>'
                    "\n\nCatatan.[^a]\n\n[^a]: Kaki.")
    soup = build(content).soup("/berita/2026/08/30/bentrok/")
    assert [tag.name for tag in soup.find_all(id="isi")] == ["main"]
    assert soup.find(id="rekomendasi-judul") is None  # no recommendation for a lone article
    assert [tag["id"] for tag in soup.select(".article-body [id]")] == ["fnref:a", "fn:a"]


# --- The policy of a published build (absolute SITEURL) ----------------------

def _policy_of(soup) -> dict[str, list[str]]:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return {d.strip().split(" ", 1)[0]: d.strip().split(" ")[1:] for d in meta["content"].split(";")}


def test_a_published_build_allows_its_own_origin_for_the_assets_it_addresses(published_site):
    for url in ("/", "/cari/"):
        soup = published_site.soup(url)
        assert soup.find("link", rel="stylesheet")["href"].startswith(PUBLISHED_SITEURL + "/")
        policy = _policy_of(soup)
        for directive in ("script-src", "style-src", "img-src", "connect-src", "form-action"):
            assert policy[directive][:2] == ["'self'", PUBLISHED_SITEURL], (url, directive, policy[directive])
        assert policy["default-src"] == ["'self'"] and policy["base-uri"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and "'unsafe-inline'" not in sum(policy.values(), [])


def test_a_relative_build_allows_only_self(sample_site):
    policy = _policy_of(sample_site.soup("/"))
    assert policy["style-src"] == policy["img-src"] == policy["connect-src"] == ["'self'"]


def test_a_published_build_served_from_another_origin_loads_every_asset(browser, content, build, tmp_path):
    """SITEURL names localhost, the copy is opened at 127.0.0.1 (another
    origin, as a preview, staging or a mirror is): no asset is blocked."""
    from portal.browser import free_port, serve_folder

    content.article("berfoto", "Warga Praya antre di loket.", Image="images/foto/contoh.jpg",
                    Image_caption="Warga antre.", Image_credit="DISKOMINFO LOTENG/SINTO")
    port = free_port()
    siteurl = f"http://localhost:{port}"
    site = build(content, settings_file=PUBLISH_SETTINGS, SITEURL=siteurl, FEED_DOMAIN=siteurl)
    assert site.soup("/").find("link", rel="stylesheet")["href"].startswith(siteurl + "/")
    page = browser.new_page()
    seen = watch(page)
    try:
        with serve_folder(site.output, port) as base:
            for url in ("/", "/berita/2026/08/30/berfoto/"):
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                assert page.evaluate("getComputedStyle(document.body).margin") == "0px"  # portal.css applied
            assert page.evaluate("document.querySelector('.article-lead img, figure img').naturalWidth") > 0
            page.get_by_role("button", name="Teks besar").click()  # portal.js ran
            assert page.evaluate("document.documentElement.getAttribute('data-size')") == "l"
    finally:
        page.close()
    assert not [s for s in seen if "CSP" in s or "Content Security Policy" in s], seen


def test_a_short_comment_hides_nothing_from_the_report():
    """"<!-->" is a whole comment to a browser: the tag after it is real, removed and named on its own line."""
    filler = "\n\n".join(f"Paragraf {n}." for n in range(1, 20))
    html, removed = clean(f'<img src="/a.png" onerror="x">\n\n{filler}\n\n<!--><img src=x onerror=alert(1)>-->\n\n'
                          "<!-- catatan <img src=y onclick=z> -->\n\nAkhir.")
    assert "onerror" not in html and "onclick" not in html
    assert [(r.line, r.message.split(" pada ")[0]) for r in removed] == [
        (4, "atribut onerror"), (44, "atribut onerror")], removed


def test_an_image_markdown_wrote_is_named_at_its_own_line():
    _html, removed = clean("""
        <svg><style><img src=x onerror=alert(1)></style></svg>

        ![gambar jahat](data:image/svg+xml,%3Csvg%3E)
    """)
    assert [(r.line, r.message.split(" ")[0]) for r in removed] == [(4, "<svg>"), (6, "<img>")], removed
