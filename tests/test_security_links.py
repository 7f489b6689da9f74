"""Body links that would reach readers broken are refused with the file, the
line and the fix: a relative address to a file, ``{filename}`` to an image,
a name in the wrong case, a document under content/images. A draft's are
warnings. Links Pelican resolves (``{filename}`` to an article) keep working."""

from __future__ import annotations

import pytest
from gambar.linked import Link, links_in, spelled_on_disk  # noqa: E402

from portal.build import BuildFailed
from portal.check import check_content
from tests.conftest import SETTINGS

RELATIVE = ("memakai alamat relatif; pembaca membukanya dari alamat halaman (/berita/…/, halaman 2, feed), "
            "sehingga tautannya rusak")
DOCUMENT_FIX = "hapus tautan ini, atau unggah dokumennya ke situs resmi lain (mis. PPID) dan tautkan alamat https://-nya"

# (the body's link as the editor writes it, the message, the fix)
BROKEN = [
    ("![c](../images/foto/x.jpg)", f"tautan ../images/foto/x.jpg {RELATIVE}", "tulis {static}/images/foto/x.jpg"),
    ("![c](x.jpg)", f"tautan x.jpg {RELATIVE}", "simpan gambarnya di content/images/ dan tautkan dengan "
     "{static}/images/…"),
    ("![c](images/foto/x.jpg)", f"tautan images/foto/x.jpg {RELATIVE}", "tulis {static}/images/foto/x.jpg"),
    ("![e]({filename}/images/foto/x.jpg)", "tautan {filename}/images/foto/x.jpg memakai {filename}, yang hanya "
     "berlaku untuk artikel dan halaman: alamat gambarnya tidak akan terisi", "tulis {static}/images/foto/x.jpg"),
    ("[i](/IMAGES/foto/x.jpg)", "tautan /IMAGES/foto/x.jpg: huruf besar-kecilnya berbeda dengan nama berkasnya "
     "(images/foto/x.jpg), sehingga di server tautannya rusak", "tulis /images/foto/x.jpg"),
    ("![i]({static}/images/Foto/X.jpg)", "tautan {static}/images/Foto/X.jpg: huruf besar-kecilnya berbeda dengan "
     "nama berkasnya (images/foto/x.jpg), sehingga di server tautannya rusak", "tulis {static}/images/foto/x.jpg"),
    ("[d](/images/dok/catatan.txt)", "tautan /images/dok/catatan.txt bukan gambar: dokumen (PDF, teks, dll.) tidak "
     "diterbitkan dari content/images", DOCUMENT_FIX),
    ("[d]({static}/images/dok/surat.pdf)", "tautan {static}/images/dok/surat.pdf bukan gambar: dokumen (PDF, teks, "
     "dll.) tidak diterbitkan dari content/images", DOCUMENT_FIX),
    ("[l](lain.md)", f"tautan lain.md {RELATIVE}", "tulis {filename}/articles/lain.md"),
]


def with_files(content):
    content.article("lain")
    content.image("images/foto/x.jpg", (800, 600))
    (content.root / "images" / "dok").mkdir()
    (content.root / "images" / "dok" / "catatan.txt").write_text("catatan rapat", encoding="utf-8")
    (content.root / "images" / "dok" / "surat.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return content


def check(content):
    return check_content(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(content.root.parent / "c")})


# --- fast: which links name a file ------------------------------------------------
def test_links_that_name_a_file_are_found_and_the_rest_left_to_pelican(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "lain.md").write_text("x", encoding="utf-8")
    html = ('<img src="../images/a.jpg"><img src="{filename}/images/b.png"><a href="/IMAGES/c.jpg">'
            '<a href="lain.md"><a href="{filename}/articles/lain.md"><a href="{filename}lain.md"><img src="x">'
            '<a href="semua/"><a href="#catatan"><a href="mailto:humas@example.go.id"><a href="{tag}smart-city">'
            '<a href="/berita/2026/08/30/lain/"><a href="https://example.org/d.jpg"><a href="?q=1">'
            '<img src="foto%20baru.jpg"><a href="/images/e.jpg?v=1&amp;w=2">')
    assert links_in(html, "articles", tmp_path) == [
        Link("../images/a.jpg", "images/a.jpg", "relative"),
        Link("{filename}/images/b.png", "images/b.png", "filename"),
        Link("/IMAGES/c.jpg", "IMAGES/c.jpg", "site"),
        Link("lain.md", "articles/lain.md", "relative"),
        Link("foto%20baru.jpg", "articles/foto baru.jpg", "relative"),
        Link("/images/e.jpg?v=1&amp;w=2", "images/e.jpg", "site"),
    ]


def test_a_name_is_spelled_as_the_folder_spells_it(tmp_path):
    (tmp_path / "images" / "Foto").mkdir(parents=True)
    (tmp_path / "images" / "Foto" / "Rapat.JPG").write_bytes(b"x")
    assert spelled_on_disk(tmp_path, "IMAGES/foto/rapat.jpg") == "images/Foto/Rapat.JPG"
    assert spelled_on_disk(tmp_path, "images/Foto/Rapat.JPG") == "images/Foto/Rapat.JPG"
    assert spelled_on_disk(tmp_path, "images/foto") is None  # a folder, not a file
    assert spelled_on_disk(tmp_path, "images/foto/lain.jpg") is None


# --- builds -------------------------------------------------------------------------------
@pytest.mark.parametrize(("link", "message", "fix"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_body_link_of_a_published_article_is_an_error(content, build, link, message, fix):
    with_files(content)
    content.article("tautan", f"Paragraf pertama.\n\nLihat {link} ini.")
    expected = f"articles/tautan.md:10: Isi: {message}. Perbaikan: {fix}"
    errors, _ = check(content)
    assert errors == [expected]
    with pytest.raises(BuildFailed) as failed:
        build(content)
    assert failed.value.problems == [expected]


@pytest.mark.parametrize(("link", "message", "fix"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_body_link_of_a_draft_is_a_warning(content, build, link, message, fix):
    with_files(content)
    content.article("tautan", f"Paragraf pertama.\n\nLihat {link} ini.", Status="draft")
    errors, warnings = check(content)
    expected = f"draf articles/tautan.md:11: Isi: {message}. Perbaikan: {fix}"
    assert errors == [] and expected in warnings
    site = build(content)
    assert not any("dok" in p.parts or p.name == "x.jpg" for p in site.output.rglob("*"))


def test_a_broken_body_link_of_a_page_is_an_error(content, build):
    with_files(content)
    content.page("profil", "Profil", "Bagan organisasi:\n\n![Bagan](../images/foto/x.jpg)")
    errors, _ = check(content)
    assert errors == [f"pages/profil.md:6: Isi: tautan ../images/foto/x.jpg {RELATIVE}. "
                      "Perbaikan: tulis {static}/images/foto/x.jpg"]


def test_the_right_links_publish_and_a_filename_link_to_an_article_keeps_working(content, build):
    with_files(content)
    content.article("tautan", "Paragraf pertama.\n\n![a]({static}/images/foto/x.jpg) ![b](/images/foto/x.jpg)\n\n"
                    "Baca [berita lain]({filename}/articles/lain.md), [bagian]({filename}lain.md#isi), "
                    "[semua halaman](semua/) dan [catatan](#catatan).")
    errors, _ = check(content)
    assert errors == []
    site = build(content)
    body = site.soup("/berita/2026/08/30/tautan/")
    hrefs = [a["href"] for a in body.select("a[href*='lain']")]
    assert "/berita/2026/08/30/lain/" in hrefs and "/berita/2026/08/30/lain/#isi" in hrefs
    assert not [a for a in body.select("[href], [src]") if "{" in (a.get("href") or a.get("src"))]
    assert site.exists("/images/foto/x.jpg")
    assert not (site.output / "images" / "dok").exists()
