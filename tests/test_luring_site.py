"""Offline reading, the manifest, the logo slot and Hemat data's markup
(issue 18), checked on real builds: the sample site, and small sites with
the LOGO, sub-path and switch-off settings."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from PIL import Image

from tests.conftest import PUBLISH_SETTINGS, ROOT


def _worker_settings(output: Path) -> dict:
    first = (output / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    return json.loads(re.fullmatch(r"self\.LURING=(\{.*\});", first).group(1))


def _in_output(output: Path, address: str, base: str = "/") -> Path:
    relative = address.split("?", 1)[0].removeprefix(base)
    return output / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def test_every_page_links_the_manifest_the_worker_script_and_versioned_assets(sample_site):
    versions = {name: hashlib.sha256((ROOT / "theme" / "static" / name).read_bytes()).hexdigest()[:10]
                for name in ("css/portal.css", "js/portal.js", "js/luring.js")}
    for file in sample_site.html_files():
        soup = sample_site.soup(sample_site.url_of(file))
        where = file.relative_to(sample_site.output)
        assert soup.find("link", rel="manifest")["href"] == "/manifest.webmanifest", where
        assert soup.find("meta", attrs={"name": "theme-color"})["content"] == "#0b5cad", where
        assert soup.find("link", rel="stylesheet")["href"] == f"/theme/css/portal.css?v={versions['css/portal.css']}"
        scripts = {s["src"]: s for s in soup.find_all("script", src=True)}
        assert f"/theme/js/portal.js?v={versions['js/portal.js']}" in scripts, where
        luring = scripts[f"/theme/js/luring.js?v={versions['js/luring.js']}"]
        assert luring["data-base"] == "/" and luring.has_attr("data-sw") and luring.has_attr("defer")
        logo = soup.select_one("header .brand img.logo")
        assert logo["alt"] == "" and (logo["width"], logo["height"]) == ("96", "96"), where
        assert soup.select_one(".hemat-bar .hemat-toggle")["aria-pressed"] == "false"
    with Image.open(sample_site.output / "images" / "logo-kepala.png") as logo:
        assert logo.size == (96, 96)


def test_the_worker_knows_its_shell_and_every_shell_file_exists(sample_site):
    told = _worker_settings(sample_site.output)
    assert told["base"] == "/" and told["offline"] == "/luring/" and told["max"] == 30
    assert told["article"] == "berita/" and told["depth"] == 5 and told["timeout"] == 3000
    for address in told["shell"]:
        assert _in_output(sample_site.output, address).is_file(), address
    assert any(a.startswith("/theme/css/portal.css?v=") for a in told["shell"])
    assert "/manifest.webmanifest" in told["shell"] and "/images/ikon-512.png" in told["shell"]
    manifest = json.loads((sample_site.output / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Warta Lombok Tengah" and manifest["start_url"] == "./"
    for icon in manifest["icons"]:
        with Image.open(sample_site.output / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_the_offline_page_is_indonesian_unlisted_and_not_indexed(sample_site):
    soup = sample_site.soup("/luring/")
    assert soup.h1.get_text() == "Anda sedang luring"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.select_one(".daftar-luring")["data-none"].startswith("Belum ada berita tersimpan")
    assert "/luring/" not in (sample_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert not soup.find(attrs={"data-pagefind-body": True})


def test_pictures_carry_the_byte_size_of_each_rendition(sample_site):
    checked = 0
    for url in ("/", next(sample_site.url_of(p) for p in (sample_site.output / "berita").glob("*/*/*/*/index.html")
                         if "lead-photo" in p.read_text(encoding="utf-8"))):
        for img in sample_site.soup(url).select("picture img"):
            webp = img.find_previous_sibling("source", type="image/webp")
            candidates = [c.split() for c in webp["srcset"].split(", ")]
            widths = {int(w.removesuffix("w")): address for address, w in candidates}
            listed = dict(pair.split(":") for pair in img["data-bytes"].split())
            assert [int(w) for w in listed] == sorted(widths), url
            for width, size in listed.items():
                assert int(size) == sample_site.path(widths[int(width)]).stat().st_size
                checked += 1
    assert checked > 10


def test_simpan_names_every_page_of_a_split_article(sample_site):
    split = sorted(p.parent.parent for p in (sample_site.output / "berita").glob("*/*/*/*/2/index.html"))[0]
    url = sample_site.url_of(split / "index.html")
    pages = sample_site.soup(url).select_one("button.simpan")["data-pages"].split()
    count = len([p for p in split.iterdir() if p.is_dir() and p.name.isdigit()]) + 1
    assert pages == [url] + [f"{url}{n}/" for n in range(2, count + 1)] + [f"{url}semua/"]
    assert all(sample_site.exists(page) for page in pages)
    assert sample_site.soup(url + "2/").select_one("button.simpan")["data-pages"].split() == pages
    whole = next(p for p in (sample_site.output / "berita").glob("*/*/*/*/index.html")
                 if not (p.parent / "2").exists())
    assert sample_site.soup(sample_site.url_of(whole)).select_one("button.simpan")["data-pages"] == \
        sample_site.url_of(whole)


def test_the_help_page_explains_offline_reading_and_hemat_data(sample_site):
    soup = sample_site.soup("/bantuan/")
    text = soup.select_one("main").get_text(" ")
    for words in ("Simpan", "simpan untuk dibaca nanti", "Hemat data", "Anda sedang luring", "Tambahkan ke layar utama",
                  "30 berita"):
        assert words in text, words
    assert soup.select_one('footer a[href="/bantuan/"]')


def test_the_offices_logo_makes_the_header_logo_and_the_icons(content, build):
    Image.new("RGB", (600, 200), (200, 30, 30)).save(content.root / "images" / "logo-kantor.png")
    content.article("kabar")
    site = build(content, LOGO="images/logo-kantor.png")
    logo = site.soup("/").select_one("header .brand img.logo")
    assert (logo["width"], logo["height"]) == ("288", "96")
    with Image.open(site.path(logo["src"])) as header:
        assert header.size == (288, 96) and header.convert("RGB").getpixel((144, 48)) == (200, 30, 30)
    for name in ("ikon-192.png", "ikon-512.png", "ikon-maskable-512.png"):
        with Image.open(site.output / "images" / name) as icon:
            size = icon.width
            assert icon.convert("RGB").getpixel((size // 2, size // 2)) == (200, 30, 30), name
            assert icon.convert("RGB").getpixel((0, 0)) == (255, 255, 255), name
    with Image.open(site.output / "images" / "logo-penerbit.png") as publisher:
        assert publisher.size == (600, 200)  # the same logo for Google's publisher


def test_a_huge_banner_logo_is_published_small_and_keeps_the_header_in_bounds(content, build):
    """LOGO = a 3000 x 10 px banner: the header's logo stays within four times its height (it was
    28800 px wide, the header as wide as that), and the publisher's copy is not published full size."""
    Image.new("RGB", (3000, 10), (200, 30, 30)).save(content.root / "images" / "spanduk.png")
    content.article("kabar")
    site = build(content, LOGO="images/spanduk.png")
    logo = site.soup("/").select_one("header .brand img.logo")
    assert (logo["width"], logo["height"]) == ("384", "96")
    with Image.open(site.path(logo["src"])) as header:
        assert header.size == (384, 96)
        column = [header.convert("RGBA").getpixel((192, y)) for y in range(96)]
        assert (200, 30, 30, 255) in column  # the banner, fitted across the middle
        assert column[0][3] == column[-1][3] == 0  # transparent above and below it
    with Image.open(site.output / "images" / "logo-penerbit.png") as publisher:
        assert publisher.width <= 1200


def test_under_a_sub_path_everything_is_addressed_below_it(content, build):
    content.article("kabar", Image="images/foto/contoh.jpg", Image_caption="Keterangan.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    site = build(content, settings_file=PUBLISH_SETTINGS, SITEURL="https://x.go.id/portal",
                 FEED_DOMAIN="https://x.go.id/portal")
    soup = site.soup("/")
    assert soup.find("link", rel="manifest")["href"] == "/portal/manifest.webmanifest"
    assert soup.find("script", attrs={"data-base": True})["data-base"] == "/portal/"
    assert soup.find("link", rel="stylesheet")["href"].startswith("https://x.go.id/portal/theme/css/portal.css?v=")
    told = _worker_settings(site.output)
    assert told["base"] == "/portal/" and told["offline"] == "/portal/luring/"
    assert all(a.startswith("/portal/") for a in told["shell"])
    for address in told["shell"]:
        assert _in_output(site.output, address, "/portal/").is_file(), address
    article = next(site.output.glob("berita/*/*/*/kabar/index.html"))
    pages = site.soup(site.url_of(article)).select_one("button.simpan")["data-pages"].split()
    assert pages == ["https://x.go.id/portal/" + article.parent.relative_to(site.output).as_posix() + "/"]


def test_offline_reading_can_be_switched_off(content, build):
    content.article("kabar")
    site = build(content, DISTRIBUSI_OFFLINE=False)
    soup = site.soup("/")
    assert not soup.find("link", rel="manifest") and not soup.find("meta", attrs={"name": "theme-color"})
    assert not soup.find("script", attrs={"data-sw": True})
    assert not (site.output / "sw.js").exists() and not (site.output / "manifest.webmanifest").exists()
    assert not site.exists("/luring/")
    article = next(site.output.glob("berita/*/*/*/kabar/index.html"))
    assert not site.soup(site.url_of(article)).select_one("button.simpan")
    assert soup.select_one(".hemat-bar")  # Hemat data needs no worker


def test_hostile_names_stay_text_in_the_manifest_and_the_header(content, build):
    name = 'Warta "Loteng" & <b>Praya</b> 🌄'
    content.article("kabar")
    site = build(content, SITENAME=name, SITESUBTITLE="Kabar <script>alert(1)</script> & warga")
    manifest = json.loads((site.output / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == manifest["short_name"] == name
    assert manifest["description"] == "Kabar <script>alert(1)</script> & warga"
    soup = site.soup("/")
    assert soup.select_one("header .brand").get_text() == name and not soup.select_one("header .brand b")
    assert soup.select_one(".hemat-bar")["data-info"] == "± {kb} KB dihemat di halaman ini."
    # the offline page the worker keeps in its shell
    offline = site.soup("/luring/")
    assert offline.title.get_text() == f"Anda sedang luring – {name}"
    assert offline.select_one(".tagline").get_text() == "Kabar <script>alert(1)</script> & warga"
    inline = [s for s in offline.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
    assert len(inline) == 2 and not any("alert" in s.get_text() for s in inline)  # Hemat data and text size only
    assert all("<" not in s.get_text() for s in offline.find_all("script", type="application/ld+json"))
    assert not offline.select("header b, .tagline script")
