"""Pictures in an article's or a page's body (``![alt]({static}/images/x.jpg)``)
get the box and the data-bytes of their published copy, like the theme's
pictures below the lead: no layout shift, and Hemat data holds them back.

Builds a real site from Markdown and compares the HTML with the published files."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import urljoin

from PIL import Image

from tests.test_html_valid import VNU

DAY = "/berita/2026/08/30/"

SPLIT = """
Pembuka berita tentang pasar "Renteng" & sekitarnya.

![Pedagang di Pasar Renteng]({static}/images/isi/pasar.jpg)

<!-- halaman -->

Halaman kedua, dengan gambar di tengah kalimat ![peta kecil]({static}/images/isi/peta.png) ini.

<p><img alt="Ukuran editor" src="{static}/images/isi/pasar.jpg" width="320"></p>
"""


def sized(site, page: str):
    """(alt, width, height, bytes) of each sized body picture of PAGE, checked against the published file."""
    found = []
    selector = ".article-body picture > img[data-bytes], article.page picture > img[data-bytes]"
    for img in site.soup(page).select(selector):
        assert img.parent.parent.name == "p"  # phrasing content, in its paragraph
        assert img["loading"] == "lazy" and img["decoding"] == "async"
        file = site.path(urljoin(page, img["src"]))
        with Image.open(file) as image:
            assert image.size == (int(img["width"]), int(img["height"]))
        assert img["data-bytes"] == f'{img["width"]}:{file.stat().st_size}'
        found.append(img["alt"])
    return found


def test_body_pictures_get_the_size_of_their_published_copy_on_every_page(content, build):
    content.image("images/isi/pasar.jpg", size=(2400, 1350))  # wider than GAMBAR_BODY_MAX_WIDTH
    (content.root / "images/isi").mkdir(parents=True, exist_ok=True)
    Image.new("RGBA", (300, 200), (10, 20, 30, 128)).save(content.root / "images/isi/peta.png", "PNG")
    content.article("pasar-renteng", SPLIT, Title='Pasar "Renteng" & Warga')
    content.page("tentang", "Tentang", "Kantor kami:\n\n![Kantor Diskominfo]({static}/images/isi/peta.png)")
    site = build(content)
    article = f"{DAY}pasar-renteng/"
    assert sized(site, article) == ["Pedagang di Pasar Renteng"]
    assert sized(site, article + "2/") == ["peta kecil"]
    assert sized(site, article + "semua/") == ["Pedagang di Pasar Renteng", "peta kecil"]
    first = site.soup(article).select_one(".article-body picture > img")
    assert (first["width"], first["height"]) == ("1600", "900")
    # The editor's own width stays as written: no picture, no data-bytes.
    for page in (article + "2/", article + "semua/"):
        own = site.soup(page).find("img", alt="Ukuran editor")
        assert own["width"] == "320" and own.parent.name == "p" and not own.has_attr("data-bytes")
    assert sized(site, "/tentang/") == ["Kantor Diskominfo"]
    # Nowhere in a body is a picture left as a bare <img alt src>.
    for page in (article, article + "2/", article + "semua/", "/tentang/"):
        for img in site.soup(page).select(".article-body img, article.page img"):
            assert img.has_attr("data-bytes") or img["alt"] == "Ukuran editor"
    # A <picture> is phrasing content: the pages stay valid HTML (the sample site has no body picture).
    files = [str(site.path(page)) for page in (article, article + "2/", article + "semua/", "/tentang/")]
    done = subprocess.run([shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
                           *files], capture_output=True, text=True, timeout=300)
    errors = [m for m in json.loads(done.stdout)["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]
    assert errors == []


def test_a_warm_build_sizes_the_pictures_from_its_own_copies(content, build, tmp_path):
    """The Body comes from the reader cache on the second build; the sizes do not."""
    content.image("images/isi/pasar.jpg", size=(1200, 800))
    content.article("pasar", "Teks pembuka.\n\n![Pasar]({static}/images/isi/pasar.jpg)")
    cold = build(content, output=tmp_path / "satu")
    assert sized(cold, f"{DAY}pasar/") == ["Pasar"]
    content.image("images/isi/pasar.jpg", size=(1000, 500))  # the photo changed, the Markdown did not
    warm = build(content, output=tmp_path / "dua")
    assert sized(warm, f"{DAY}pasar/") == ["Pasar"]
    img = warm.soup(f"{DAY}pasar/").select_one("picture > img")
    assert (img["width"], img["height"]) == ("1000", "500")
