"""Newsroom metadata: every validation rule, triggered by a real Markdown file,
and a complete article rendering every field."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from portal.build import BuildFailed
from portal.check import check_content
from portal.scaffold import write_article
from tests.conftest import ROOT, SETTINGS


def problems_of(content) -> list[str]:
    errors, _ = check_content(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(content.root.parent / "c")})
    return errors


def only_problem(content) -> str:
    errors = problems_of(content)
    assert len(errors) == 1, errors
    return errors[0]


def test_valid_article_has_no_problem(content):
    content.article("berita-sah")
    assert problems_of(content) == []


def test_missing_required_field(content):
    content.article("tanpa-penulis", Author=None)
    message = only_problem(content)
    assert message.startswith("articles/tanpa-penulis.md: Penulis: wajib diisi")
    assert "tambahkan baris `Penulis: …`" in message


def test_unknown_key_is_not_silently_dropped(content):
    content.article("salah-ketik", Author=None, Penulls="Lalu Ahmad Sinto")
    errors = problems_of(content)
    typo = next(e for e in errors if "Penulls" in e)
    assert "articles/salah-ketik.md:6: Penulls: kunci 'Penulls' tidak dikenal" in typo
    assert "mungkin maksud Anda Penulis?" in typo


def test_unknown_rubrik_suggests_the_closest(content):
    content.article("rubrik-salah", Category="Pemerintahn")
    message = only_problem(content)
    assert "articles/rubrik-salah.md:4: Category: rubrik 'Pemerintahn' tidak terdaftar" in message
    assert "mungkin maksud Anda 'Pemerintahan'?" in message


def test_unknown_person_did_you_mean(content):
    content.article("penulis-typo", Author="Lalu Ahmad Sintu")
    message = only_problem(content)
    assert "Author: 'Lalu Ahmad Sintu' tidak ada di daftar orang" in message
    assert "mungkin maksud Anda 'Lalu Ahmad Sinto'?" in message


def test_person_in_the_wrong_role(content):
    content.article("editor-bukan-editor", Editor="Lalu Ahmad Sinto", Author="Baiq Nurul Aini")
    assert "Lalu Ahmad Sinto tidak terdaftar sebagai editor" in only_problem(content)


@pytest.mark.parametrize(("value", "reason"), [
    ("30-08-2026 14:05", "format tidak dikenali"),
    ("kemarin sore", "format tidak dikenali"),
    ("2026-02-30 10:00", "tanggal tidak ada di kalender"),
])
def test_bad_or_impossible_date(content, value, reason):
    content.article("tanggal-salah", Date=value)
    message = only_problem(content)
    assert f"articles/tanggal-salah.md:3: Date: tanggal '{value}' tidak valid ({reason})" in message
    assert "2026-08-30 14:05" in message  # the fix shows the right format


def test_modified_before_date(content):
    content.article("mundur", Modified="2026-08-29 09:00")
    assert "Diperbarui (2026-08-29 09:00) lebih awal dari Tanggal (2026-08-30 14:05)" in only_problem(content)


def test_photo_missing(content):
    content.article("foto-hilang", Image="images/foto/tidak-ada.jpg", Image_caption="Warga antre.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    assert "Image: berkas foto images/foto/tidak-ada.jpg tidak ditemukan" in only_problem(content)


def test_photo_unreadable(content):
    (content.root / "images" / "foto" / "rusak.jpg").write_bytes(b"bukan gambar")
    content.article("foto-rusak", Image="images/foto/rusak.jpg", Image_caption="Warga antre.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    assert "berkas foto images/foto/rusak.jpg tidak bisa dibaca" in only_problem(content)


def test_photo_without_caption_or_credit(content):
    content.article("foto-polos", Image="images/foto/contoh.jpg")
    errors = problems_of(content)
    assert len(errors) == 2
    assert any("Keterangan_foto: foto tanpa keterangan" in e for e in errors)
    assert any("Kredit_foto: foto tanpa kredit" in e for e in errors)


def test_photo_too_narrow(content):
    content.image("images/foto/kecil.jpg", size=(640, 360))
    content.article("foto-kecil", Image="images/foto/kecil.jpg", Image_caption="Warga antre.",
                    Image_credit="DISKOMINFO LOTENG/SINTO")
    assert "foto images/foto/kecil.jpg hanya 640 px lebarnya, minimal 1200 px" in only_problem(content)


def test_pinned_related_slug_must_exist(content):
    content.article("berita-lama")
    content.article("berita-baru", Related="berita-lama, berita-lamaa, tidak-pernah-ada")
    errors = problems_of(content)
    assert len(errors) == 2, errors
    assert any("Terkait: slug 'berita-lamaa' tidak ditemukan. Perbaikan: mungkin maksud Anda 'berita-lama'?" in e
               for e in errors)
    assert any("slug 'tidak-pernah-ada' tidak ditemukan" in e for e in errors)


def test_duplicate_slug(content):
    content.article("kembar")
    content.article("kembar-lain", Slug="kembar", Date="2026-09-01 08:00")
    errors = problems_of(content)
    assert len(errors) == 2
    assert all("slug 'kembar' juga dipakai" in e for e in errors)


def test_empty_body(content):
    content.article("kosong", body="")
    assert "articles/kosong.md: Body: isi berita kosong" in only_problem(content)


def write_five_mistakes(content) -> None:
    """Five articles, each with a different mistake an editor makes in a hurry."""
    content.article("satu", Author=None)
    content.article("dua", Category="Olahraga")
    content.article("tiga", Date="2026-13-01 10:00")
    content.article("empat", Judull="Salah ketik")
    content.article("lima", body="")


def test_every_problem_of_a_run_is_reported_together(content):
    write_five_mistakes(content)
    errors = problems_of(content)
    assert len(errors) == 5, errors
    assert [e.split(":")[0] for e in errors] == [
        "articles/dua.md", "articles/empat.md", "articles/lima.md", "articles/satu.md", "articles/tiga.md"]


def test_build_fails_on_problems(content, build):
    content.article("dua", Category="Olahraga")
    with pytest.raises(BuildFailed) as failed:
        build(content)
    assert "articles/dua.md:4: Category: rubrik 'Olahraga' tidak terdaftar" in str(failed.value)


def test_draft_problems_are_warnings_not_failures(content, build):
    content.article("terbit")
    content.article("draf-belum-jadi", Status="draft", Author="")
    errors, warnings = check_content(SETTINGS, {"PATH": str(content.root)})
    assert errors == []
    # Written empty: named as the editor wrote it, and said to be empty
    assert any("draf-belum-jadi.md" in w and "Author: kosong" in w for w in warnings)
    site = build(content)
    assert site.exists("/")


def test_indonesian_aliases_read_like_english_keys(content, build):
    path = content.root / "articles" / "alias.md"
    path.write_text(
        "Judul: Warga Praya Antusias Rekam e-KTP\nTanggal: 2026-09-02 08:30\nRubrik: Kependudukan\n"
        "Tag: e-ktp, adminduk\nPenulis: Baiq Nurul Aini\nEditor: Muhammad Rizal Hakim\n"
        "Wartawan: Lalu Ahmad Sinto\nSorotan: Antrean mengular sejak pagi.\nSumber: Disdukcapil Lombok Tengah\n"
        "Foto: images/foto/contoh.jpg\nKeterangan_foto: Warga antre merekam e-KTP di Praya.\n"
        "Kredit_foto: DISKOMINFO LOTENG/SINTO\nDateline: praya\nUtama: ya\n\n"
        "Ratusan warga mendatangi kantor Disdukcapil.\n\nPetugas menambah loket.\n",
        encoding="utf-8")
    site = build(content)
    page = site.soup("/berita/2026/09/02/warga-praya-antusias-rekam-e-ktp/")
    assert page.h1.get_text() == "Warga Praya Antusias Rekam e-KTP"
    byline = page.select_one(".byline").get_text(" ", strip=True)
    assert "Penulis: Baiq Nurul Aini | Editor: Muhammad Rizal Hakim" in byline
    assert page.select_one(".byline a[rel=author]")["href"] == "/penulis/nurul-aini/"
    assert "Rabu, 2 September 2026 08:30 WITA" in byline
    assert page.select_one("time")["datetime"] == "2026-09-02T08:30:00+08:00"
    assert page.select_one(".highlight").get_text() == "Antrean mengular sejak pagi."
    figure = page.select_one("figure.lead-photo")
    assert figure.img["alt"] == "Warga antre merekam e-KTP di Praya."
    assert "DISKOMINFO LOTENG/SINTO" in figure.figcaption.get_text()
    assert (figure.img["width"], figure.img["height"]) == ("1280", "720")  # largest rendition, 16:9 kept
    assert figure.img.get("fetchpriority") == "high"
    assert site.exists(figure.img["src"])
    for candidate in figure.select_one("source[type='image/webp']")["srcset"].split(", "):
        assert site.exists(candidate.split()[0]), candidate
    assert "Laporan Wartawan" in page.select_one(".laporan").get_text()
    assert "Lalu Ahmad Sinto" in page.select_one(".laporan").get_text()
    first = page.select_one(".article-body p")
    assert first.get_text().startswith("PRAYA – Ratusan warga")
    assert page.select_one(".sumber").get_text() == "Sumber: Disdukcapil Lombok Tengah"
    assert [a.get_text() for a in page.select(".tags a")] == ["e-ktp", "adminduk"]
    assert site.exists("/tag/e-ktp/")


def test_reading_time_counts_words_of_the_text_not_the_markup(content, build):
    words = " ".join(["kata"] * 450)
    link_heavy = " ".join(f'[tautan](https://contoh.go.id/{"x" * 40}/{i} "judul panjang sekali")' for i in range(50))
    content.article("panjang", body=f"{words}\n\n{link_heavy}")
    site = build(content)
    byline = site.soup("/berita/2026/08/30/panjang/").select_one(".byline").get_text()
    assert "3 menit baca" in byline  # 500 words at 200 words a minute; tags would make it more


def test_author_page_shows_the_bio(content, build):
    content.article("berita-sinto")
    site = build(content)
    page = site.soup("/penulis/sinto/")
    assert "Pewarta Diskominfo." in page.select_one(".bio").get_text()
    assert page.h1.get_text(strip=True).endswith("Lalu Ahmad Sinto")


def test_sample_content_passes_the_check(sample_content):
    errors, _ = check_content(SETTINGS)
    assert errors == []


def test_scaffold_writes_a_draft_with_every_field(content, build):
    now = dt.datetime(2026, 11, 28, 19, 5, tzinfo=ZoneInfo("UTC"))
    path = write_article(content.root, "Bupati Resmikan Gerai Baru di MPP!", rubrik="Pelayanan Publik", now=now)
    assert path.name == "2026-11-29-bupati-resmikan-gerai-baru-di-mpp.md"
    text = path.read_text(encoding="utf-8")
    for key in ("Judul:", "Slug: bupati-resmikan-gerai-baru-di-mpp", "Tanggal: 2026-11-29 03:05",
                "Rubrik: Pelayanan Publik", "Penulis:", "Editor:", "Foto:", "Keterangan_foto:",
                "Kredit_foto:", "Wartawan:", "Sumber:", "Terkait:", "Status: draft"):
        assert key in text
    with pytest.raises(SystemExit):
        write_article(content.root, "Bupati Resmikan Gerai Baru di MPP!", now=now)
    content.article("berita-lain")
    site = build(content)  # the fresh draft does not break the build
    assert "Bupati Resmikan" not in "".join(p.read_text() for p in site.html_files())


def test_readme_documents_every_schema_field():

    from newsroom.schema import ARTICLE_FIELDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for field in ARTICLE_FIELDS:
        alias = f"`{field.alias}`" if field.alias else "—"
        assert f"| `{field.label}` | {alias} | {field.required} | {field.rule} |" in readme, field.label


def test_invoke_check_reports_five_mistakes_in_one_run(content):
    import subprocess
    import sys

    write_five_mistakes(content)
    run = subprocess.run([sys.executable, "-m", "invoke", "check", "--path", str(content.root)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert "5 masalah ditemukan" in run.stderr
    assert len([line for line in run.stderr.splitlines() if line.startswith("- articles/")]) == 5


def test_invoke_check_passes_on_valid_content(content):
    import subprocess
    import sys

    content.article("baik")
    run = subprocess.run([sys.executable, "-m", "invoke", "check", "--path", str(content.root)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Konten valid" in run.stdout


def test_a_header_line_without_colon_is_reported_not_published(content):
    path = content.root / "articles" / "tanpa-titik-dua.md"
    path.write_text("Title: Tanpa Titik Dua\nDate: 2026-08-30 14:05\nCategory: Pemerintahan\n"
                    "Author: Lalu Ahmad Sinto\nEditor: Baiq Nurul Aini\nTag smart city, e-ktp\n"
                    "Source: Diskominfo\n\nIsi berita.\n", encoding="utf-8")
    message = only_problem(content)
    assert message.startswith("articles/tanpa-titik-dua.md:6: Header: baris 6 bukan `Kunci: nilai`")
    assert "tambahkan titik dua" in message


def test_an_empty_optional_field_counts_as_absent(content, build):
    content.article("ringkasan-kosong", Summary="", Highlight="", body="Warga Praya antre sejak pagi.")
    site = build(content)
    description = site.soup("/berita/2026/08/30/ringkasan-kosong/").select_one("meta[name=description]")
    assert "Warga Praya antre sejak pagi" in description["content"]


def test_slug_must_be_lowercase_words_and_hyphens(content):
    content.article("slug-aneh", Slug="Rapat Koordinasi SPBE!")
    message = only_problem(content)
    assert "Slug: slug 'Rapat Koordinasi SPBE!' bukan huruf kecil, angka dan tanda hubung" in message
    assert "tulis Slug: rapat-koordinasi-spbe" in message


def test_the_suggested_slug_follows_the_rule_itself(content):
    content.article("slug-garis-bawah", Slug="rapat_koordinasi__spbe")  # Pelican's slugify keeps "_"
    assert "Perbaikan: tulis Slug: rapat-koordinasi-spbe" in only_problem(content)


def test_missing_rubrik_is_missing_not_a_folder_name(content):
    content.article("tanpa-rubrik", Category=None)
    message = only_problem(content)
    assert message.startswith("articles/tanpa-rubrik.md: Rubrik: wajib diisi")


def test_featured_accepts_yes_or_no_only(content):
    content.article("utama-typo", Featured="iya dong")
    assert "Featured: nilai 'iya dong' tidak dikenal" in only_problem(content)


def test_static_page_cannot_take_a_portal_address(content):
    content.article("berita")
    content.page("cari", "Cari")  # /cari/ is the search page
    (content.root / "pages" / "rubrik.md").write_text("Title: Rubrik\n\nDaftar rubrik.\n", encoding="utf-8")
    errors = problems_of(content)
    assert len(errors) == 2, errors
    assert any(e.startswith("pages/cari.md:2: Slug: alamat /cari/ sudah dipakai CARI_SAVE_AS") for e in errors)
    assert any(e.startswith("pages/rubrik.md:1: Title: alamat /rubrik/ sudah dipakai CATEGORY_URL") for e in errors)


def test_missing_people_registry_is_reported_once(content):
    (content.root / "people.toml").unlink()
    content.article("satu")
    content.article("dua")
    assert only_problem(content).startswith("people.toml: person: berkas daftar orang tidak ada")


def _article_body(site, slug: str):
    return site.soup(f"/berita/2026/08/30/{slug}/").select_one(".article-body")


def test_dateline_opens_the_first_top_level_paragraph(content, build):
    """A quote, list or table before the first paragraph keeps its own words:
    the dateline goes into the first paragraph of the article's own text."""
    content.article("kutipan-dulu", Dateline="praya", body="""
        > "Kami siap melayani warga," kata kepala dinas.

        Ratusan warga mendatangi kantor Disdukcapil.

        Petugas menambah loket.
        """)
    content.article("daftar-dulu", Dateline="PUJUT", body="""
        ## Jadwal Layanan

        - Senin: Desa Kuta
        - Selasa: Desa Sengkol

        Petugas datang ke desa sesuai jadwal.
        """)
    site = build(content)

    body = _article_body(site, "kutipan-dulu")
    assert body.blockquote.get_text(strip=True).startswith('"Kami siap')
    assert body.blockquote.select_one(".dateline") is None
    assert len(body.select(".dateline")) == 1
    first = body.find("p", recursive=False)
    assert first.get_text().startswith("PRAYA – Ratusan warga")

    body = _article_body(site, "daftar-dulu")
    assert body.select_one("ul .dateline") is None and body.h2.select_one(".dateline") is None
    assert body.find("p", recursive=False).get_text().startswith("PUJUT – Petugas datang")


def test_dateline_without_any_paragraph_stands_alone_without_a_dash(content, build):
    """An article that is only a table (or a quote) gets the place on a line of
    its own before it, without a dash that would point at nothing."""
    content.article("hanya-tabel", Dateline="JONGGAT", body="""
        | Desa | Titik wifi |
        |---|---|
        | Bonjeruk | 4 |
        """)
    content.article("hanya-kutipan", Dateline="PRAYA", body="""
        > Layanan tetap buka selama libur.
        """)
    site = build(content)
    for slug, place in (("hanya-tabel", "JONGGAT"), ("hanya-kutipan", "PRAYA")):
        body = _article_body(site, slug)
        first = body.find(True, recursive=False)
        assert first.name == "p" and first["class"] == ["dateline-only"]
        assert first.get_text(strip=True) == place
        assert len(body.select(".dateline")) == 1
    assert _article_body(site, "hanya-kutipan").blockquote.get_text(strip=True) == "Layanan tetap buka selama libur."
