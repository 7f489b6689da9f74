"""Metadata is plain text everywhere: a site whose every plain-text field holds
quotes, ampersands, "<" as text ("< /script>", "<5"), attribute break-outs,
emoji and Arabic shows each value exactly as written, in HTML text and
attributes, meta/OG/Twitter tags, JSON-LD, feeds and sitemaps, and no element
or attribute of a field reaches the DOM. Values that only make sense as markup
(a tag, even half-open, a comment, an entity, a ``javascript:`` Sumber, a tag
without a slug) and characters that are not text (controls, noncharacters,
bidi overrides) are refused by ``check`` and the build with the file, the line and the fix.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import feedparser
import lxml.html
import pytest
from bs4 import BeautifulSoup

from portal.build import BuildFailed
from portal.check import check_content
from tests.conftest import PEOPLE, ROOT, SETTINGS, ContentFolder, Site, fast_build

SITENAME = 'Warta "Loteng" & Kabar <3'
TITLE = 'Bupati: "Internet Desa Bukan untuk Judi Daring" & Harga <5 ribu < /script> 🎉'
HIGHLIGHT = 'Sorotan " onmouseover="alert(1)" & < img src=x onerror=alert(1) tanpa penutup'
SUMMARY = "Ringkasan < script> & 'kutip' \u200fمرحبا بكم في لومبوك\u200f 🙂"
CAPTION = "Warga antre di \"MPP\" ' onmouseover='alert(2)' & loket < 5"
CREDIT = "DISKOMINFO LOTENG/SINTO < /span>"
DATELINE = 'PRAYA & "SEKITARNYA"'
SOURCE = 'Humas & Protokol "Setda" < Loteng >, lihat https://setda.lomboktengahkab.go.id/siaran?a=1&b=2'
TAGS = ['Desa "Digital"', "a < b & c", "مرحبا desa", "🎉 pesta"]
PERSON = "Lalu \"Sinto\" & Ahmad <3 مرحبا"
BIO = "Pewarta \" onmouseover=\"alert(3)\" & < img src=x tanpa penutup 🎉"
NOW = "2026-08-30 15:00"
TRICKY_URL = "/berita/2026/08/30/tricky/"
OTHER_URL = "/berita/2026/08/30/pemberi-rekomendasi/"

TRICKY_PEOPLE = PEOPLE + f"""
[[person]]
name = {json.dumps(PERSON, ensure_ascii=False)}
slug = "sinto-tricky"
roles = ["penulis", "wartawan"]
bio = {json.dumps(BIO, ensure_ascii=False)}
"""

OTHER_BODY = """
Warga Praya antre sejak pagi di loket desa.

Petugas melayani dengan sabar.

Paragraf ketiga menjelaskan jadwal layanan internet desa bagi warga yang datang ke kantor desa setiap hari.

Paragraf keempat menutup berita tentang internet desa dan layanan digital di Lombok Tengah.
"""


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Site:
    """One article with a tricky value in every plain-text field, and one that recommends it."""
    base = tmp_path_factory.mktemp("tricky")
    content = ContentFolder(base / "content")
    (content.root / "people.toml").write_text(TRICKY_PEOPLE, encoding="utf-8")
    content.article("tricky", body="Isi berita tentang internet desa dan layanan digital warga desa.\n\n"
                    "Paragraf kedua tentang internet desa.",
                    Title=TITLE, Highlight=HIGHLIGHT, Summary=SUMMARY, Image="images/foto/contoh.jpg",
                    Image_caption=CAPTION, Image_credit=CREDIT, Dateline=DATELINE, Source=SOURCE,
                    Tags=", ".join(TAGS), Author=PERSON, Reporter=PERSON)
    content.article("pemberi-rekomendasi", body=OTHER_BODY, Title="Warga Antre Internet Desa", Related="tricky",
                    Tags="internet desa")
    content.page("profil", 'Profil "Diskominfo" & Tugas <5')
    output = base / "output"
    fast_build(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(base / "cache"),
                                  "SITENAME": SITENAME, "DISTRIBUSI_NOW": NOW}, search=True)
    return Site(output)


def _pages(site: Site) -> dict[str, list[str]]:
    """Every page a field of the tricky article shows on: the article, lists, and its recommender."""
    tag_pages = [a["href"] for a in site.soup(TRICKY_URL).select("ul.tags a")]
    assert len(tag_pages) == len(TAGS)
    return {"article": [TRICKY_URL], "home": ["/"], "rubrik": ["/rubrik/pemerintahan/"],
            "penulis": ["/penulis/sinto-tricky/"], "recommender": [OTHER_URL], "archives": ["/arsip/"],
            "tag pages": tag_pages}


def _meta(tree, attribute: str, name: str) -> list[str]:
    return [element.get("content") for element in tree.xpath(f'//meta[@{attribute}="{name}"]')]


def test_meta_og_and_twitter_values_parse_back_to_the_exact_text(tricky):
    tree = lxml.html.fromstring(tricky.path(TRICKY_URL).read_bytes())
    assert tree.findtext(".//title") == f"{TITLE} – {SITENAME}"
    assert _meta(tree, "property", "og:title") == [TITLE]
    assert _meta(tree, "name", "twitter:title") == [TITLE]
    assert _meta(tree, "name", "description") == [HIGHLIGHT]
    assert _meta(tree, "property", "og:description") == [HIGHLIGHT]
    assert _meta(tree, "name", "twitter:description") == [HIGHLIGHT]
    assert _meta(tree, "property", "og:image:alt") == [CAPTION]
    assert _meta(tree, "name", "twitter:image:alt") == [CAPTION]
    assert _meta(tree, "property", "og:site_name") == [SITENAME]
    assert _meta(tree, "property", "article:tag") == TAGS
    page = lxml.html.fromstring(tricky.path("/profil/").read_bytes())
    assert _meta(page, "property", "og:title") == ['Profil "Diskominfo" & Tugas <5']


def test_the_article_shows_every_field_as_text(tricky):
    page = tricky.soup(TRICKY_URL)
    article = page.select_one("article.article")
    assert article.h1.get_text() == TITLE
    assert article.select_one(".highlight").get_text() == HIGHLIGHT
    assert article.select_one(".lead-photo img")["alt"] == CAPTION
    caption = article.select_one(".lead-photo figcaption").get_text()
    assert CAPTION in caption and CREDIT in caption
    assert article.select_one(".dateline").get_text() == DATELINE
    assert PERSON in article.select_one(".byline").get_text() and PERSON in article.select_one(".laporan").get_text()
    assert [li.get_text() for li in article.select("ul.tags li")] == TAGS
    assert all(a["href"].startswith("/tag/") and not a["href"].startswith("/tag//") for a in article.select(".tags a"))
    sumber = article.select_one(".sumber")
    assert sumber.get_text() == f"Sumber: {SOURCE}"
    assert [a["href"] for a in sumber.select("a")] == ["https://setda.lomboktengahkab.go.id/siaran?a=1&b=2"]
    whatsapp = parse_qs(urlparse(page.select_one(".share-wa")["href"]).query)["text"]
    assert whatsapp == [f"{TITLE} https://berita.lomboktengahkab.go.id{TRICKY_URL}"]
    assert parse_qs(urlparse(page.select_one(".share-x")["href"]).query)["text"] == [TITLE]
    person = tricky.soup("/penulis/sinto-tricky/")
    assert person.h1.get_text().endswith(PERSON) and person.select_one(".bio").get_text() == BIO


@pytest.mark.parametrize("name", ["article", "home", "rubrik", "penulis", "recommender", "archives",
                                  "tag pages"])
def test_no_element_or_attribute_of_a_field_reaches_the_dom(tricky, name):
    for url in _pages(tricky)[name]:
        page = tricky.soup(url)
        for element in page.find_all(True):
            handlers = [attr for attr in element.attrs if attr.lower().startswith("on")]
            assert not handlers, (url, element.name, handlers)
            assert element.name not in {"img", "source"} or element.get("src", "/") != "x", url
        for script in page.find_all("script"):
            assert script.get("src", "/").startswith("/"), url
            if script.get("type") != "application/ld+json":  # JSON-LD holds the text as JSON data
                assert "alert" not in script.get_text(), url
        # The title is shown wherever the article is, as its exact text.
        assert TITLE in [link.get_text() for link in page.select("a")] + [page.h1.get_text()], url


def test_json_ld_parses_and_holds_the_exact_text(tricky):
    page = tricky.soup(TRICKY_URL)
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    assert "<" not in scripts[0].string  # each "<" of TITLE is \u003c: no "</script" could end the element
    nodes = {node["@type"]: node for node in json.loads(scripts[0].string)["@graph"]}
    news = nodes["NewsArticle"]
    assert news["headline"] == TITLE and nodes["WebPage"]["name"] == TITLE
    assert news["description"] == HIGHLIGHT
    assert news["keywords"] == TAGS
    assert news["author"][0]["name"] == PERSON
    assert nodes["BreadcrumbList"]["itemListElement"][-1]["name"] == TITLE
    assert nodes["WebSite"]["name"] == SITENAME


def _entry(path, link_end: str):
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return next(e for e in parsed.entries if e.link.endswith(link_end)), parsed


@pytest.mark.parametrize("feed", ["semua.atom.xml", "semua.rss.xml"])
def test_feeds_parse_and_hold_the_exact_text(tricky, feed):
    entry, parsed = _entry(tricky.output / "feeds" / feed, TRICKY_URL)
    assert parsed.feed.title == SITENAME
    assert entry.title == TITLE
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == SUMMARY
    assert entry.author == PERSON
    assert [t.term for t in entry.tags] == ["Pemerintahan", *TAGS]
    tree = ET.parse(tricky.output / "feeds" / feed)
    media = "{http://search.yahoo.com/mrss/}"
    for item in tree.iter():
        if item.tag.endswith("}entry") or item.tag == "item":
            if any((link.get("href") or link.text or "").endswith(TRICKY_URL) for link in item.iter()
                   if link.tag.endswith("link")):
                assert item.find(f".//{media}credit").text == CREDIT
                assert item.find(f".//{media}description").text == CAPTION
                break
    else:
        pytest.fail("the tricky entry has no media:content")


def test_the_news_sitemap_holds_the_exact_title(tricky):
    tree = ET.parse(tricky.output / "sitemap-berita.xml")
    titles = [t.text for t in tree.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert TITLE in titles
    names = {t.text for t in tree.iter("{http://www.google.com/schemas/sitemap-news/0.9}name")}
    assert names == {SITENAME}


def _pagefind_records(site: Site) -> dict[str, dict]:
    """Pagefind's page records: gzip, a "pagefind_dcd" signature, then JSON."""
    records = {}
    for fragment in (site.output / "pagefind").glob("*/fragment/*.pf_fragment"):  # every shard
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def test_the_search_index_holds_the_exact_text(tricky):
    record = _pagefind_records(tricky)[TRICKY_URL]
    assert record["meta"]["title"] == TITLE  # cari.js shows it with textContent
    assert record["filters"] == {"rubrik": ["Pemerintahan"], "jenis": ["Berita"]}
    # (records carry only title and date meta since the index is fed records, not crawled pages)
    assert HIGHLIGHT in record["content"] and CAPTION in record["content"]
    # "Baca juga" links carry data-pagefind-ignore: another article's title is not this one's text.
    assert TITLE not in _pagefind_records(tricky)[OTHER_URL]["content"]


# --- The automatic summary -------------------------------------------------

def test_an_article_without_ringkasan_is_described_by_its_own_words_not_baca_juga(tricky):
    page = tricky.soup(OTHER_URL)
    assert page.select(".baca-juga"), "the test needs a Baca juga link in the first 40 words"
    own = "Warga Praya antre sejak pagi di loket desa. Petugas melayani dengan sabar. Paragraf ketiga"
    for selector in ('meta[name="description"]', 'meta[property="og:description"]',
                     'meta[name="twitter:description"]'):
        assert page.select_one(selector)["content"].startswith(own), selector
        assert "Baca juga" not in page.select_one(selector)["content"], selector
    news = next(n for n in json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"]
                if n["@type"] == "NewsArticle")
    assert news["description"].startswith(own) and "Baca juga" not in news["description"]
    for feed in ("semua.atom.xml", "semua.rss.xml"):
        entry, _ = _entry(tricky.output / "feeds" / feed, OTHER_URL)
        summary = BeautifulSoup(entry.summary, "html.parser").get_text()
        assert summary.startswith(own) and "Baca juga" not in summary, feed


# --- check and build refuse markup ------------------------------------------

def _errors(content: ContentFolder) -> list[str]:
    errors, _ = check_content(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(content.root.parent / "c")})
    return errors


PHOTO = {"Foto": "images/foto/contoh.jpg", "Keterangan_foto": "Warga antre.", "Kredit_foto": "DISKOMINFO"}


@pytest.mark.parametrize(("fields", "line", "expected"), [
    ({"Judul": "Bupati <img src=x onerror=alert(1)>", "Title": None}, 6,
     "Judul: berisi tag HTML `<img src=x onerror=alert(1)>`"),
    ({"Sorotan": "<script>alert(1)</script>"}, 7, "Sorotan: berisi tag HTML `<script>`"),
    ({**PHOTO, "Kredit_foto": "</span><script>alert(1)</script>"}, 9, "Kredit_foto: berisi tag HTML `</span>`"),
    ({**PHOTO, "Keterangan_foto": "Warga <b>antre</b>"}, 8, "Keterangan_foto: berisi tag HTML `<b>`"),
    ({"Ringkasan": "Ringkasan <!-- catatan -->"}, 7, "Ringkasan: berisi komentar atau deklarasi HTML `<!--"),
    ({"Dateline": "PRAYA &ndash;"}, 7, "Dateline: berisi kode entitas HTML `&ndash;`"),
    ({"Tag": "smart city, <script>"}, 7, "Tag: berisi tag HTML `<script>`"),
    ({"Judul": "Bupati <img src=x onerror=alert(1)//", "Title": None}, 6,
     "Judul: berisi awal tag HTML `<img src=x onerror=alert(1)//`"),
    ({"Sorotan": "Sorotan <svg/onload=alert(1)//"}, 7, "Sorotan: berisi awal tag HTML `<svg/onload=alert(1)//`"),
    ({"Dateline": "PRAYA </script"}, 7, "Dateline: berisi awal tag HTML `</script`"),
    ({"Tag": "desa, a<b"}, 7, "Tag: berisi awal tag HTML `<b`"),
    ({"Tag": "smart city, !!!"}, 7, "Tag: tag '!!!' tidak menghasilkan alamat halaman (slug kosong)"),
    ({"Sumber": "javascript:alert(1)"}, 7, "Sumber: berisi alamat `javascript:alert(1)`; hanya alamat http://"),
    ({"Sumber": "Humas, data:text/html;base64,PHNjcmlwdD4="}, 7, "Sumber: berisi alamat `data:text/html"),
    ({"Sumber": "VBScript:msgbox(1)"}, 7, "Sumber: berisi alamat `VBScript:msgbox(1)`"),
])
def test_check_refuses_markup_with_file_line_field_and_fix(content, fields, line, expected):
    content.article("berbahaya", **fields)
    errors = _errors(content)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"articles/berbahaya.md:{line}: {expected}"), errors[0]
    assert "Perbaikan: " in errors[0]


@pytest.mark.parametrize("value", ['Bupati: "Internet Desa Bukan untuk Judi Daring"', "Harga < Rp5.000 & gratis",
                                   "Tom & Jerry; R&D <3", "a < /script> b", "Tarif <5 Ribu", "مرحبا بكم 🎉",
                                   "Lihat https://lomboktengahkab.go.id dan http://ppid.go.id/x?a=1&b=2"])
def test_ordinary_text_with_lt_and_amp_passes(content, value):
    content.article("biasa", Title=value[:100], Highlight=value, Summary=value, Source=value, **PHOTO | {
        "Keterangan_foto": value, "Kredit_foto": value})
    assert _errors(content) == []


def test_markup_in_a_page_title_and_in_the_people_registry_is_refused(content):
    content.page("profil", "Profil <i>Dinas</i>")
    (content.root / "people.toml").write_text(PEOPLE.replace('bio = "Redaktur."', 'bio = "Redaktur <b>senior</b>"'),
                                              encoding="utf-8")
    content.article("baik")
    errors = _errors(content)
    assert any(e.startswith("pages/profil.md:1: Title: berisi tag HTML `<i>`") for e in errors), errors
    line = PEOPLE.splitlines().index('bio = "Redaktur."') + 1
    assert any(e.startswith(f"people.toml:{line}: bio: Muhammad Rizal Hakim: bio berisi tag HTML `<b>`")
               for e in errors), errors


def test_the_build_fails_and_invoke_check_reports_it(content, build):
    content.article("berbahaya", Sorotan='<img src=x onerror="alert(1)">')
    with pytest.raises(BuildFailed) as failed:
        build(content)
    assert any("Sorotan: berisi tag HTML" in p for p in failed.value.problems)
    run = subprocess.run([sys.executable, "-m", "invoke", "check", "--path", str(content.root)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0
    assert "articles/berbahaya.md:7: Sorotan: berisi tag HTML `<img src=x onerror=\"alert(1)\">`" in \
        run.stdout + run.stderr


def test_a_draft_with_markup_is_a_warning_not_a_failure(content):
    content.article("draf", Sorotan="<b>tebal</b>", Status="draft")
    errors, warnings = check_content(SETTINGS, {"PATH": str(content.root)})
    assert errors == []
    assert any("Sorotan: berisi tag HTML `<b>`" in w for w in warnings)


# --- check and build refuse characters that are not text ----------------------

ESC, RLO, PDF, LRI, PDI = "\x1b", "\u202e", "\u202c", "\u2066", "\u2069"
CONTROL_FIX = "Perbaikan: hapus karakter itu; biasanya terbawa saat menyalin dari aplikasi lain"


@pytest.mark.parametrize(("fields", "line", "expected"), [
    ({"Judul": "Bupati \x01Resmikan", "Title": None}, 6, "Judul: berisi karakter kontrol U+0001 yang tidak terlihat "
     "(setelah `Bupati`)"),
    ({"Judul": f"Bupati{ESC}[31m Resmikan", "Title": None}, 6, "Judul: berisi karakter kontrol U+001B"),
    ({"Ringkasan": "Ringkasan \ufffe rusak"}, 7, "Ringkasan: berisi kode U+FFFE yang bukan karakter teks"),
    ({"Sorotan": "Sorotan \uffff"}, 7, "Sorotan: berisi kode U+FFFF yang bukan karakter teks"),
    ({"Sorotan": "Sorotan \U0001fffe"}, 7, "Sorotan: berisi kode U+1FFFE yang bukan karakter teks"),
    ({**PHOTO, "Keterangan_foto": "Warga \ufdd0antre"}, 8, "Keterangan_foto: berisi kode U+FDD0"),
    ({**PHOTO, "Kredit_foto": "DISKOMINFO \x85SINTO"}, 9, "Kredit_foto: berisi karakter kontrol U+0085"),
    ({"Dateline": "PRAYA\x7f"}, 7, "Dateline: berisi karakter kontrol U+007F"),
    ({"Sumber": "Humas \x08Setda"}, 7, "Sumber: berisi karakter kontrol U+0008"),
    ({"Slug": f"berita{ESC}"}, 2, "Slug: berisi karakter kontrol U+001B"),
    ({"Penulis": f"Lalu Ahmad Sinto{ESC}", "Author": None}, 6, "Penulis: berisi karakter kontrol U+001B"),
    ({"Tanggal": f"2026-08-30 14:05{ESC}", "Date": None}, 6, "Tanggal: berisi karakter kontrol U+001B"),
    ({"Rubrik": f"Pemerintahan{ESC}", "Category": None}, 6, "Rubrik: berisi karakter kontrol U+001B"),
    # Bidi overrides, embeddings and isolates: the text shows other than written.
    ({"Judul": f"Bupati {RLO}nakimseR{PDF} Gedung", "Title": None}, 6,
     "Judul: berisi karakter pengatur arah teks U+202E yang tidak terlihat (setelah `Bupati`)"),
    ({"Tag": f"smart city, {RLO}tag"}, 7, "Tag: berisi karakter pengatur arah teks U+202E"),
    ({"Sorotan": f"Sorotan {LRI}x{PDI}"}, 7, "Sorotan: berisi karakter pengatur arah teks U+2066"),
    ({"Ringkasan": "Ringkasan \u202aembed\u202c"}, 7, "Ringkasan: berisi karakter pengatur arah teks U+202A"),
])
def test_check_refuses_invisible_characters_with_file_line_field_and_fix(content, fields, line, expected):
    content.article("tak-terlihat", **fields)
    errors = _errors(content)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"articles/tak-terlihat.md:{line}: {expected}"), errors[0]
    assert "Perbaikan: hapus karakter itu" in errors[0]


def test_a_control_character_in_terkait_is_refused_too(content):
    content.article("tujuan")
    content.article("penaut", Terkait=f"tujuan{ESC}")
    assert any(e.startswith("articles/penaut.md:7: Terkait: berisi karakter kontrol U+001B") for e in _errors(content))


def test_a_bidi_override_tag_does_not_pass_as_another_tag(content):
    content.article("pertama", Tag="tag")
    content.article("kedua", Tag=f"{RLO}tag")  # its slug would be "tag": the same page, another name
    errors = _errors(content)
    assert [e.split(" (")[0] for e in errors] == [
        "articles/kedua.md:7: Tag: berisi karakter pengatur arah teks U+202E yang tidak terlihat"], errors


def test_the_build_refuses_a_control_character_with_the_line_not_an_xml_error(content, build):
    content.article("kontrol", Title=f"Bupati{ESC}[31m Resmikan")
    content.article("feed-rusak", Ringkasan="Ringkasan \ufffe untuk feed")
    with pytest.raises(BuildFailed) as failed:
        build(content)
    problems = failed.value.problems
    assert any(p.startswith("articles/kontrol.md:1: Title: berisi karakter kontrol U+001B") and CONTROL_FIX in p
               for p in problems), problems
    assert any(p.startswith("articles/feed-rusak.md:7: Ringkasan: berisi kode U+FFFE") for p in problems), problems
    assert not any("XML" in p or "Unserializable" in p for p in problems), problems


def test_a_line_separator_in_a_value_does_not_end_the_header_or_shift_its_lines(content):
    # str.splitlines() breaks at U+2028 and \x1e too; Markdown does not: the line numbers follow Markdown.
    content.article("pemisah", Title="Bupati\u2028Resmikan Gedung", Ringkasan="Ringkasan\x1erusak")
    [error] = _errors(content)
    assert error.startswith("articles/pemisah.md:7: Ringkasan: berisi karakter kontrol U+001E"), error


def test_rtl_text_marks_tabs_and_joined_emoji_stay_allowed(content):
    value = "مرحبا \u200fبكم\u200f — שלום \u200eKuta\u200e 👨\u200d👩\u200d👧 ze\u200bro"
    content.article("rtl", Title=value, Sorotan=value, Ringkasan=value + "\tkolom", Tag=f"{value}, laut",
                    Dateline="كوتا")
    assert _errors(content) == []


def test_invisible_characters_in_the_people_registry_are_refused_with_the_line(content):
    people = PEOPLE.replace('bio = "Redaktur."', 'bio = "Redaktur \\u001b[31m senior"').replace(
        'name = "Baiq Nurul Aini"', 'name = "Baiq \\u202eNurul Aini"')
    (content.root / "people.toml").write_text(people, encoding="utf-8")
    content.article("baik", Editor="Muhammad Rizal Hakim")
    errors = _errors(content)
    line_of = {text: number for number, text in enumerate(people.splitlines(), start=1)}
    bio_line, name_line = line_of['bio = "Redaktur \\u001b[31m senior"'], line_of['name = "Baiq \\u202eNurul Aini"']
    assert any(e.startswith(f"people.toml:{bio_line}: bio: Muhammad Rizal Hakim: bio berisi karakter kontrol U+001B")
               for e in errors), errors
    assert any(e.startswith(f"people.toml:{name_line}: name: 'Baiq \\u202eNurul Aini': name berisi karakter "
                            "pengatur arah teks U+202E") for e in errors), errors


@pytest.mark.parametrize(("value", "shown"), [
    ("Judul \x01", "karakter kontrol U+0001"), ("\x1b[31m", "karakter kontrol U+001B yang tidak terlihat (di awal)"),
    ("a\x00", "U+0000"), ("a\x0b", "U+000B"), ("a\x0c", "U+000C"), ("a\x1f", "U+001F"), ("a\x80", "U+0080"),
    ("a\x9f", "U+009F"), ("a\ud800", "kode U+D800"), ("a\udfff", "kode U+DFFF"), ("a\ufdef", "kode U+FDEF"),
    ("a\U0010ffff", "kode U+10FFFF"), ("a\U0002fffe", "kode U+2FFFE"), ("a\u202b", "arah teks U+202B"),
    ("a\u202d", "arah teks U+202D"), ("a\u2069", "arah teks U+2069"),
])
def test_character_rule_names_the_code_point(value, shown):
    from newsroom.plaintext import character_problem

    message, fix = character_problem(value)
    assert shown in message and fix.startswith("hapus karakter itu")


@pytest.mark.parametrize("value", ["tab\tdan\nbaris\r", "مرحبا \u200f", "\u200eKuta", "👩🏽\u200d💻", "\ufeffBOM?",
                                   "\ufffd", "\U0001f389", "\ue000 privat", "\u2028", "\ufdcf \ufdf0"])
def test_character_rule_allows_text(value):
    from newsroom.plaintext import character_problem

    assert character_problem(value) is None


# --- Unit: the plain-text rule and the automatic summary --------------------

@pytest.mark.parametrize("value", ["Harga < Rp5.000 & gratis", '"Internet Desa"', "a <5 b", "x < y > z", "<3",
                                   "<5 ribu", "a < b", "a < /script b", "< img src=x tanpa penutup", "<<", "a <- b",
                                   "<= 10", "<é", "<", "R&D; Tom &foo; Jerry", "&copy 2026", "Pukul 12:30 WITA",
                                   "Humas:Kominfo", "مرحبا 🎉"])
def test_plain_text_allows_ordinary_text(value):
    from newsroom.plaintext import link_problem, markup_problem

    assert markup_problem(value) is None
    assert link_problem(value) is None


@pytest.mark.parametrize(("value", "shown"), [
    ("<b>tebal</b>", "<b>"), ("Bupati <img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ("</span><script>", "</span>"), ("<script>alert(1)</script>", "<script>"), ("a <br/> b", "<br/>"),
    ("teks <!-- catatan -->", "<!-- catatan -->"), ("<!DOCTYPE html>", "<!DOCTYPE html>"),
    ("Tom &amp; Jerry", "&amp;"), ("&#60;script", "&#60;"), ("&#x3C;b", "&#x3C;"), ("PRAYA &ndash;", "&ndash;"),
    # Half-open: a feed reader that renders the title as HTML closes the tag with its own ">".
    ("Judul <img src=x onerror=alert(1)//", "<img src=x onerror=alert(1)//"),
    ("<svg/onload=alert(1)//", "<svg/onload=alert(1)//"), ("a </script b", "</script b"),
    ("<img src=x tanpa penutup", "<img src=x tanpa penutup"), ("a<b", "<b"), ("x </ y", "</ y"), ("<!x", "<!x"),
    ("<?php", "<?php"), ("a </", "</"), ("R&D <Loteng", "<Loteng"),
])
def test_plain_text_refuses_markup(value, shown):
    from newsroom.plaintext import markup_problem

    message, fix = markup_problem(value)
    assert f"`{shown}`" in message and fix


def test_a_half_open_tag_is_shown_with_the_fix_of_a_space_after_lt():
    from newsroom.plaintext import markup_problem

    message, fix = markup_problem("Judul <img src=x onerror=alert(1)//")
    assert message.startswith("berisi awal tag HTML `<img src=x onerror=alert(1)//`")
    assert fix.startswith("tulis spasi setelah tanda <, atau hapus bagian itu")


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JavaScript:void(0)", "Humas data:text/html,<b>x",
                                   "vbscript:msgbox", "lihat ftp://files.example.org", "mailto:humas@x.go.id",
                                   "file:///etc/passwd"])
def test_sumber_refuses_addresses_that_are_not_http(value):
    from newsroom.plaintext import link_problem

    assert "hanya alamat http:// atau https://" in link_problem(value)[0]


def test_opening_words_are_prose_text_cut_at_the_limit():
    from newsroom.text import opening_words

    body = ('<p>Satu <b>dua</b> &amp; &lt;tiga&gt;</p><figure><img alt="x"><figcaption>Foto</figcaption></figure>'
            "<table><tr><td>sel</td></tr></table><p>empat<sup>1</sup> lima</p><script>alert(1)</script><p>enam</p>")
    assert opening_words(body, None) == ("Satu dua & <tiga> empat lima enam", False)
    assert opening_words(body, 7) == ("Satu dua & <tiga> empat lima enam", False)
    assert opening_words(body, 4) == ("Satu dua & <tiga>", True)
    assert opening_words("<p>" + "kata " * 5000 + "</p>", 3) == ("kata kata kata", True)
