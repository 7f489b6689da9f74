"""Fast unit tests of offline reading, the manifest, the logo and icons, and
Hemat data's inline script (plugins/distribusi/offline.py, brand.py,
plugins/newsroom/csp.py): no site is built."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from distribusi import brand, offline
from distribusi.brand import Logo
from newsroom import csp
from PIL import Image

from tests.test_unit_distribusi import config


def test_article_scope_reads_the_fixed_folder_and_depth_of_article_url():
    assert offline.article_scope("berita/{date:%Y}/{date:%m}/{date:%d}/{slug}/") == ("berita/", 5)
    assert offline.article_scope("kabar/{slug}/") == ("kabar/", 2)
    assert offline.article_scope("{slug}/") == ("", 1)
    assert offline.article_scope("arsip/berita-{slug}/") == ("arsip/", 2)


def test_asset_versions_change_with_the_bytes_and_only_then(tmp_path):
    (tmp_path / "css").mkdir()
    css = tmp_path / "css" / "portal.css"
    css.write_text("a{color:red}")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    first = offline.asset_versions(tmp_path)
    assert set(first) == {"css/portal.css", "favicon.svg"}
    assert all(len(v) == offline.VERSION_LENGTH for v in first.values())
    assert offline.asset_versions(tmp_path) == first
    css.write_text("a{color:blue}")
    second = offline.asset_versions(tmp_path)
    assert second["css/portal.css"] != first["css/portal.css"] and second["favicon.svg"] == first["favicon.svg"]
    assert offline.asset_versions(tmp_path / "tidak-ada") == {}


def test_asset_urls_carry_the_hash_under_siteurl(tmp_path):
    cfg = config(tmp_path, SITEURL="https://x.go.id/portal/", THEME_STATIC_DIR="theme")
    versions = {"css/portal.css": "abc123def0"}
    assert offline.asset_url(cfg, versions, "css/portal.css") == "https://x.go.id/portal/theme/css/portal.css?v=abc123def0"
    assert offline.asset_url(cfg, versions, "/js/baru.js") == "https://x.go.id/portal/theme/js/baru.js"
    assert offline.site_base(cfg) == "/portal/"
    assert offline.site_base(config(tmp_path, SITEURL="")) == "/"


def _marks():
    return (brand.Mark("images/logo-kepala.png", 96, 96, Path("x")),
            brand.Mark("images/ikon-192.png", 192, 192, Path("y")),
            brand.Mark("images/ikon-maskable-512.png", 512, 512, Path("z"), "maskable"))


def test_the_shell_is_addressed_under_the_sub_path(tmp_path):
    cfg = config(tmp_path, SITEURL="https://x.go.id/portal", THEME_STATIC_DIR="theme")
    versions = {"css/portal.css": "1111111111", "js/portal.js": "2222222222", "js/luring.js": "3333333333",
                "js/cari.js": "4444444444", "js/sw.js": "5555555555", "favicon.svg": "6666666666"}
    shell = offline.shell_urls(cfg, versions, _marks())
    assert shell == ("/portal/theme/css/portal.css?v=1111111111", "/portal/theme/js/portal.js?v=2222222222",
                     "/portal/theme/js/luring.js?v=3333333333", "/portal/theme/favicon.svg?v=6666666666",
                     "/portal/images/logo-kepala.png", "/portal/images/ikon-192.png",
                     "/portal/images/ikon-maskable-512.png", "/portal/manifest.webmanifest", "/portal/luring/")


def test_the_manifest_has_the_required_members_relative_to_itself(tmp_path):
    cfg = config(tmp_path, SITENAME='Warta "Loteng" & <Praya> 🌄', SITESUBTITLE="Berita resmi Lombok Tengah",
                 DISTRIBUSI_MANIFEST_SHORT_NAME="Warta")
    text = offline.manifest_text(cfg, _marks()[1:])
    manifest = json.loads(text)
    assert manifest["name"] == 'Warta "Loteng" & <Praya> 🌄'  # JSON escapes it; nothing else to escape
    assert manifest["short_name"] == "Warta" and manifest["description"] == "Berita resmi Lombok Tengah"
    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == "./"
    assert manifest["lang"] == "id" and manifest["display"] == "standalone"
    assert manifest["icons"] == [
        {"src": "images/ikon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": "images/ikon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"}]
    assert json.loads(offline.manifest_text(config(tmp_path), ()))["short_name"] == "Portal Loteng"


def test_the_shell_version_follows_every_part():
    parts = ["css", b"logo", "page"]
    assert offline.shell_version(parts) == offline.shell_version(list(parts))
    assert offline.shell_version(parts) != offline.shell_version(["css", b"logo", "page!"])
    assert offline.shell_version(["ab", "c"]) != offline.shell_version(["a", "bc"])  # parts are delimited


def test_the_worker_script_starts_with_the_builds_settings():
    settings = offline.WorkerSettings("abc", "/portal/", ("/portal/luring/",), "/portal/luring/", 30, 3000,
                                      "berita/", 5)
    script = offline.worker_script("var L = self.LURING;", settings)
    first, rest = script.split("\n", 1)
    assert rest == "var L = self.LURING;"
    told = json.loads(first.removeprefix("self.LURING=").removesuffix(";"))
    assert told == {"v": "abc", "base": "/portal/", "shell": ["/portal/luring/"], "offline": "/portal/luring/",
                    "max": 30, "timeout": 3000, "article": "berita/", "depth": 5}


def test_rendition_bytes_lists_widths_smallest_first():
    renditions = [SimpleNamespace(width=640, path="b"), SimpleNamespace(width=360, path="a")]
    sizes = {"a": 1000, "b": 2500}
    assert offline.rendition_bytes(renditions, lambda r: sizes[r.path]) == "360:1000 640:2500"
    assert offline.rendition_bytes([], len) == ""


def test_offline_settings_are_checked(tmp_path, caplog):
    cfg = config(tmp_path)
    assert (cfg.offline, cfg.offline_max_articles, cfg.offline_timeout_ms) == (True, 30, 3000)
    assert cfg.offline_save_as == "luring/index.html" and cfg.theme_color == "#0b5cad"
    with caplog.at_level(logging.ERROR):
        bad = config(tmp_path, DISTRIBUSI_OFFLINE_MAX_ARTICLES="banyak", DISTRIBUSI_THEME_COLOR="biru",
                     DISTRIBUSI_OFFLINE_TIMEOUT_MS=0)
    assert (bad.offline_max_articles, bad.offline_timeout_ms, bad.theme_color) == (30, 3000, "#0b5cad")
    messages = [r.getMessage() for r in caplog.records]
    assert any("DISTRIBUSI_OFFLINE_MAX_ARTICLES='banyak' bukan bilangan bulat positif" in m for m in messages)
    assert any("DISTRIBUSI_OFFLINE_TIMEOUT_MS=0 bukan bilangan bulat positif" in m for m in messages)
    assert any("DISTRIBUSI_THEME_COLOR='biru' bukan warna" in m for m in messages)
    assert config(tmp_path, DISTRIBUSI_THEME_COLOR="#ABC").theme_color == "#abc"


def test_logo_is_the_setting_and_distribusi_logo_its_older_name(tmp_path, caplog):
    (tmp_path / "images").mkdir()
    Image.new("RGB", (300, 100), (200, 30, 30)).save(tmp_path / "images" / "logo.png")
    cache = str(tmp_path / "cache")  # the photo library's own checks are cached there
    assert config(tmp_path, LOGO="images/logo.png", CACHE_PATH=cache).logo == "images/logo.png"
    assert config(tmp_path, DISTRIBUSI_LOGO="images/logo.png", CACHE_PATH=cache).logo == "images/logo.png"
    with caplog.at_level(logging.ERROR):
        assert config(tmp_path, LOGO="images/tidak-ada.png", CACHE_PATH=cache).logo is None
    assert any(r.getMessage().startswith("pelicanconf.py: LOGO: ") for r in caplog.records)


@pytest.mark.parametrize(("name", "expected"), [("Warta Lombok Tengah", "WLT"), ("Kominfo", "K"),
                                                ("Satu Dua Tiga Empat", "SDT"), ("  ", "?"), ("« Warta »", "W")])
def test_initials(name, expected):
    assert brand.initials(name) == expected


def test_drawn_header_logo_and_icons_without_a_logo(tmp_path):
    cfg = config(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    drawn = Logo("images/logo-penerbit.png", 512, 512, None)
    mark = brand.header_logo(cfg, drawn, "images/logo-kepala.png")
    assert (mark.path, mark.width, mark.height) == ("images/logo-kepala.png", 96, 96)
    icons = brand.app_icons(cfg, drawn, "images")
    assert [(i.path, i.width, i.purpose) for i in icons] == [
        ("images/ikon-192.png", 192, "any"), ("images/ikon-512.png", 512, "any"),
        ("images/ikon-maskable-512.png", 512, "maskable")]
    for icon in icons:
        with Image.open(icon.cached) as image:
            assert image.format == "PNG" and image.size == (icon.width, icon.height)
            assert image.convert("RGB").getpixel((0, 0)) == brand.BACKGROUND  # full bleed: maskable-safe
    again = brand.app_icons(cfg, drawn, "images")
    assert [i.cached for i in again] == [i.cached for i in icons]  # cached by what they show


def test_icons_and_header_logo_from_the_offices_logo(tmp_path):
    cfg = config(tmp_path, CACHE_PATH=str(tmp_path / "cache"))
    cfg = type(cfg)(**{**cfg.__dict__, "logo": "images/logo.png"})
    wide = tmp_path / "logo-salinan.png"
    Image.new("RGBA", (400, 100), (200, 30, 30, 255)).save(wide)
    logo = Logo("images/logo-penerbit.png", 400, 100, wide)
    mark = brand.header_logo(cfg, logo, "images/logo-kepala.png")
    assert (mark.width, mark.height) == (384, 96)  # its own proportions, 96 px tall
    icons = {i.purpose + str(i.width): i for i in brand.app_icons(cfg, logo, "images")}
    with Image.open(icons["maskable512"].cached) as maskable, Image.open(icons["any512"].cached) as plain:
        assert maskable.size == plain.size == (512, 512)
        # white around the logo; the maskable one keeps it inside the middle 60 %
        assert maskable.getpixel((0, 0)) == plain.getpixel((0, 0)) == brand.ICON_BACKGROUND
        red = [x for x in range(512) if maskable.getpixel((x, 256)) == (200, 30, 30)]
        assert red[0] >= 512 * 0.2 - 1 and red[-1] <= 512 * 0.8 + 1
        red = [x for x in range(512) if plain.getpixel((x, 256)) == (200, 30, 30)]
        assert red[-1] - red[0] > 512 * 0.75  # the plain icon: 84 % of the width


def test_the_hemat_script_is_allowed_by_its_hash_and_the_worker_and_manifest_by_self():
    policy = csp.content_security_policy(())
    assert csp.script_hash(csp.HEMAT_SCRIPT) in policy and csp.script_hash(csp.TEXT_SIZE_SCRIPT) in policy
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
    assert "</script" not in csp.HEMAT_SCRIPT.lower()
    assert 'localStorage.getItem("hemat-data")' in csp.HEMAT_SCRIPT and "saveData" in csp.HEMAT_SCRIPT


@pytest.mark.parametrize(("value", "said"), [
    ("images/teks.png", "pelicanconf.py: LOGO: berkas foto images/teks.png tidak bisa dibaca"),
    ("../rahasia.png", "pelicanconf.py: LOGO: berkas logo ../rahasia.png berada di luar content/images"),
    ("/etc/passwd", "pelicanconf.py: LOGO: berkas logo /etc/passwd berada di luar content/images"),
    ("images/", "pelicanconf.py: LOGO: berkas logo images/ tidak ditemukan"),
])
def test_a_logo_that_cannot_be_used_is_named_with_its_fix(tmp_path, caplog, value, said):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "teks.png").write_text("bukan gambar", encoding="utf-8")
    Image.new("RGB", (300, 100)).save(tmp_path.parent / "rahasia.png")
    with caplog.at_level(logging.ERROR):
        assert config(tmp_path, LOGO=value, CACHE_PATH=str(tmp_path / "cache")).logo is None
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(said) and "Perbaikan: " in m for m in messages), messages
