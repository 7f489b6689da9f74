"""A deterministic synthetic newsroom corpus for the build benchmark.

Same seed and count, same bytes: every choice comes from one seeded
``random.Random``, the photos are drawn by Pillow from numbers only, and the
files are written in one order. The text is Indonesian-like: sentences made
from the word lists below (written for this benchmark, not taken from any
news source), with topic clusters (each topic has its own nouns and ten tags,
and belongs to one rubrik), so the recommendation engine finds real structure.

``make_stories`` returns plain ``Story`` records; ``write_portal`` writes them
as the portal's content folder (people.toml in the portal's people format,
newsroom metadata with the Indonesian aliases, some photos). The stock
Pelican and Hugo copies are written by portal.bench_build from the same
records.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

START = dt.datetime(2022, 1, 3, 7, 0)  # every article is in the past (WITH_FUTURE_DATES is off)
WRITERS, EDITORS = 30, 8
PHOTO_SHARE, PHOTO_SIZE = 0.05, (1600, 900)
LONG_SHARE, MARKED_SHARE = 0.08, 0.04  # over the halaman auto threshold; with <!-- halaman --> markers
LONG_WORDS = (800, 1600)  # the auto threshold is 700 words
MARKER = "<!-- halaman -->"

# rubrik -> topics; topic -> (nouns, tag words). Ten rubrik, twenty topics, ten tags each: 200 tags.
RUBRIK = {
    "Pemerintahan": "Kebijakan, program dan kegiatan pemerintah kabupaten.",
    "Pelayanan Publik": "Layanan bagi warga: perizinan, pengaduan dan mal pelayanan publik.",
    "Smart City": "Kota cerdas, SPBE dan transformasi digital pemerintahan.",
    "Kependudukan": "Administrasi kependudukan: KTP elektronik, akta dan kartu keluarga.",
    "Desa Digital": "Internet desa, layanan desa daring dan literasi digital warga.",
    "Informasi Publik": "Keterbukaan informasi publik dan layanan PPID.",
    "Ekonomi": "Pasar, usaha kecil, koperasi dan harga kebutuhan pokok.",
    "Pendidikan": "Sekolah, guru, beasiswa dan pelatihan.",
    "Kesehatan": "Puskesmas, posyandu, gizi dan layanan kesehatan warga.",
    "Pariwisata": "Destinasi, festival, homestay dan pemandu wisata.",
}
TOPICS = {
    "anggaran daerah": ("Pemerintahan", "anggaran belanja pendapatan rancangan perda fraksi paripurna defisit "
                        "realisasi pagu silpa", "apbd perda anggaran pendapatan-daerah belanja-modal dprd paripurna "
                        "silpa pajak-daerah retribusi"),
    "aparatur": ("Pemerintahan", "pegawai aparatur jabatan mutasi kinerja disiplin apel lelang formasi honorer",
                 "asn pppk mutasi-jabatan kinerja-pegawai disiplin-asn apel-pagi seleksi-jabatan formasi honorer "
                 "reformasi-birokrasi"),
    "perizinan": ("Pelayanan Publik", "izin berkas loket pemohon antrean verifikasi sertifikat usaha bangunan "
                  "persetujuan", "perizinan oss izin-usaha pbg loket-layanan antrean-daring verifikasi-berkas "
                  "sertifikat-halal nib mal-layanan"),
    "pengaduan": ("Pelayanan Publik", "aduan laporan keluhan tanggapan petugas kanal survei kepuasan ombudsman "
                  "tindak", "pengaduan aduan-warga sapa-warga survei-kepuasan ombudsman kanal-aduan "
                  "tindak-lanjut layanan-prima standar-pelayanan maklumat"),
    "data dan aplikasi": ("Smart City", "aplikasi server pusat integrasi arsitektur interoperabilitas platform "
                          "basis portal sistem", "spbe pusat-data satu-data interoperabilitas arsitektur-spbe "
                          "aplikasi-umum integrasi-layanan tata-kelola-data portal-data server"),
    "keamanan siber": ("Smart City", "insiden serangan sandi kerentanan patch audit cadangan jaringan akun "
                       "perangkat", "keamanan-siber csirt insiden-siber audit-tik kata-sandi cadangan-data "
                       "kerentanan jaringan-pemerintah persandian tanda-tangan-elektronik"),
    "adminduk": ("Kependudukan", "blangko perekaman kartu akta kelahiran dokumen nik biodata keluarga "
                 "domisili", "e-ktp ikd akta-kelahiran kartu-keluarga perekaman jemput-bola nik blangko "
                 "kartu-identitas-anak disdukcapil"),
    "statistik penduduk": ("Kependudukan", "penduduk sensus migrasi usia kelahiran kematian rumah tangga angka "
                           "sebaran", "data-penduduk sensus migrasi angka-kelahiran piramida-penduduk "
                           "rumah-tangga kepadatan bonus-demografi registrasi statistik"),
    "internet desa": ("Desa Digital", "menara sinyal jaringan wifi titik kuota pemancar operator kabel akses",
                      "internet-desa wifi-gratis blank-spot bts fiber-optik akses-internet titik-wifi "
                      "sinyal-seluler jaringan-desa bakti"),
    "layanan desa": ("Desa Digital", "surat kantor kades musyawarah dana profil website sistem operator "
                     "perangkat", "sistem-informasi-desa dana-desa website-desa musdes kantor-desa surat-daring "
                     "profil-desa bumdes operator-desa kades"),
    "keterbukaan": ("Informasi Publik", "dokumen daftar permohonan keberatan sengketa komisi uji konsekuensi "
                    "ppid pejabat", "ppid keterbukaan-informasi daftar-informasi uji-konsekuensi komisi-informasi "
                    "sengketa-informasi permohonan-informasi informasi-berkala monev-kip ppid-pembantu"),
    "literasi digital": ("Informasi Publik", "hoaks pelajar kelas pelatihan media sosial relawan konten berita "
                         "cek", "literasi-digital hoaks cek-fakta media-sosial relawan-tik pelajar "
                         "konten-kreatif etika-digital kelas-digital disinformasi"),
    "pasar": ("Ekonomi", "harga cabai beras bawang stok pedagang kios operasi distribusi timbangan",
              "harga-pangan pasar-tradisional operasi-pasar inflasi stok-beras cabai pedagang revitalisasi-pasar "
              "distribusi-pangan tera-ulang"),
    "umkm": ("Ekonomi", "usaha produk kemasan modal koperasi kredit pameran penjualan merek pengrajin",
             "umkm koperasi kredit-usaha pameran-produk kemasan merek-dagang pengrajin tenun gerabah "
             "pemasaran-daring"),
    "sekolah": ("Pendidikan", "sekolah murid guru ruang kelas kurikulum ujian rapor perpustakaan bangunan",
                "sekolah-dasar smp guru-honorer kurikulum ruang-kelas ujian perpustakaan-sekolah zonasi "
                "rehab-sekolah dapodik"),
    "beasiswa": ("Pendidikan", "beasiswa mahasiswa kampus pendaftaran seleksi pelatihan kursus sertifikat "
                 "kompetensi lulusan", "beasiswa mahasiswa pelatihan-kerja balai-latihan kursus sertifikasi "
                 "kompetensi lulusan magang vokasi"),
    "puskesmas": ("Kesehatan", "puskesmas dokter bidan pasien obat rawat ambulans klinik jadwal vaksin",
                  "puskesmas bpjs-kesehatan ambulans vaksinasi rawat-inap bidan-desa obat dokter klinik "
                  "layanan-darurat"),
    "gizi": ("Kesehatan", "posyandu balita gizi stunting timbang kader makanan ibu hamil tablet",
             "stunting posyandu gizi-balita kader ibu-hamil makanan-tambahan tablet-darah sanitasi "
             "air-bersih bkb"),
    "destinasi": ("Pariwisata", "pantai bukit air terjun jalur wisatawan homestay pemandu tiket kunjungan "
                  "tenda", "pantai air-terjun homestay pemandu-wisata wisatawan desa-wisata jalur-pendakian "
                  "kunjungan tiket-masuk ekowisata"),
    "festival": ("Pariwisata", "festival panggung tari kuliner lomba peserta budaya perahu kostum parade",
                 "festival budaya tari-tradisional kuliner lomba-perahu parade kalender-event sanggar "
                 "seni-pertunjukan panggung-rakyat"),
}

SUBJECTS = ("Pemerintah kabupaten", "Dinas terkait", "Bupati", "Wakil bupati", "Sekretaris daerah",
            "Kepala dinas", "Camat setempat", "Kepala desa", "Tim gabungan", "Petugas lapangan",
            "Warga setempat", "Para kader", "Pengurus koperasi", "Panitia kegiatan", "Dewan perwakilan")
VERBS = ("meninjau", "menyiapkan", "meresmikan", "membahas", "memperluas", "memperbaiki", "menambah",
         "mengevaluasi", "mendata", "menyalurkan", "mengawasi", "memantau", "menjelaskan", "mengusulkan",
         "menargetkan", "mempercepat", "menyusun", "memperkenalkan", "mendampingi", "menertibkan")
LINKS = ("Selain itu,", "Sementara itu,", "Menurut dia,", "Dalam kesempatan itu,", "Di sisi lain,",
         "Hingga pekan ini,", "Sebelumnya,", "Tahun depan,", "Untuk itu,", "Meski begitu,")
QUALIFIERS = ("secara bertahap", "mulai bulan depan", "sejak awal tahun", "bersama perangkat daerah",
              "tanpa dipungut biaya", "di seluruh kecamatan", "dengan anggaran terbatas", "lebih cepat dari jadwal",
              "sesuai aturan yang berlaku", "dengan melibatkan warga")
SAYING = ("ujarnya", "katanya", "tuturnya", "jelasnya", "tambahnya", "ungkapnya")
ADJECTIVES = ("baru", "terpadu", "daring", "terbuka", "cepat", "murah", "aman", "lengkap", "utama", "bersama")
SYLLABLES = ("ba", "ru", "se", "ka", "lo", "pe", "ta", "ri", "ne", "gu", "ma", "ko", "sa", "di", "we", "ja")


@dataclass
class Story:
    """One article, as every copy of the corpus writes it."""

    number: int
    slug: str
    title: str
    date: dt.datetime
    rubrik: str
    tags: list[str]
    writer: str
    editor: str
    dateline: str
    highlight: str
    parts: list[list[str]]  # pages (several only with editor's markers) of Markdown blocks
    photo: str = ""  # path under content/, or ""
    caption: str = ""
    credit: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The Markdown body, the editor's markers between the parts."""
        return f"\n\n{MARKER}\n\n".join("\n\n".join(blocks) for blocks in self.parts)


def writer_name(number: int) -> str:
    return f"Penulis {number:02d}"


def editor_name(number: int) -> str:
    return f"Editor {number:02d}"


def people_toml() -> str:
    """30 writers (also reporters) and 8 editors, in content/people.toml's format."""
    rows = ["# Orang redaksi korpus sintetis untuk benchmark build.\n"]
    for number in range(WRITERS):
        rows.append(f'[[person]]\nname = "{writer_name(number)}"\nslug = "penulis-{number:02d}"\n'
                    f'roles = ["penulis", "wartawan"]\nbio = "Pewarta nomor {number} di korpus uji."\n')
    for number in range(EDITORS):
        rows.append(f'[[person]]\nname = "{editor_name(number)}"\nslug = "editor-{number:02d}"\n'
                    f'roles = ["editor"]\nbio = "Redaktur nomor {number} di korpus uji."\n')
    return "\n".join(rows)


def all_tags() -> list[str]:
    """The 200 tags, topic by topic."""
    return [t.replace("-", " ") for _, _, tags in TOPICS.values() for t in tags.split()]


class _Writer:
    """Sentences and titles from the word lists, for one topic at a time."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.places = sorted({self._place() for _ in range(60)})

    def _place(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def sentence(self, nouns: list[str]) -> str:
        r = self.rng
        noun, other = r.sample(nouns, 2)
        shape = r.randrange(5)
        if shape == 0:
            text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {noun} {r.choice(ADJECTIVES)} di {r.choice(self.places)}"
        elif shape == 1:
            text = (f"{r.choice(LINKS)} {r.choice(SUBJECTS).lower()} {r.choice(VERBS)} {noun} dan {other} "
                    f"{r.choice(QUALIFIERS)}")
        elif shape == 2:
            text = f"Sebanyak {r.randint(3, 900)} {noun} tercatat di {r.randint(2, 40)} desa {r.choice(QUALIFIERS)}"
        elif shape == 3:
            text = (f'"Kami {r.choice(VERBS)} {noun} agar {other} lebih {r.choice(ADJECTIVES)}," '
                    f"{r.choice(SAYING)}")
        else:
            text = (f"Program {noun} {r.choice(ADJECTIVES)} di Kecamatan {r.choice(self.places)} "
                    f"{r.choice(VERBS)} {other} {r.choice(QUALIFIERS)}")
        return text[0].upper() + text[1:] + "."

    def paragraph(self, nouns: list[str]) -> str:
        return " ".join(self.sentence(nouns) for _ in range(self.rng.randint(3, 6)))

    def title(self, topic: str, nouns: list[str]) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(nouns)} {topic} di {r.choice(self.places)}"
        return " ".join(word[:1].upper() + word[1:] for word in text.split())


def _blocks(writer: _Writer, nouns: list[str], words: int) -> list[str]:
    """Markdown blocks (paragraphs, now and then a subheading or a quote) of about WORDS words."""
    blocks, count = [], 0
    while count < words:
        roll = writer.rng.random()
        if blocks and roll < 0.06:
            block = "## " + writer.rng.choice(nouns).capitalize() + " " + writer.rng.choice(ADJECTIVES)
        elif blocks and roll < 0.10:
            block = "> " + writer.sentence(nouns)
        else:
            block = writer.paragraph(nouns)
        blocks.append(block)
        count += len(block.split())
    return blocks


def make_stories(count: int, seed: int = 7) -> list[Story]:
    """COUNT stories, the same for the same SEED."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    topics = list(TOPICS)
    every_tag = all_tags()
    stories = []
    for number in range(count):
        topic = topics[rng.randrange(len(topics))]
        rubrik, nouns_text, tags_text = TOPICS[topic]
        nouns = nouns_text.split()
        own_tags = [t.replace("-", " ") for t in tags_text.split()]
        tags = rng.sample(own_tags, rng.randint(1, 3))
        if rng.random() < 0.3:  # now and then a tag from another topic
            tags.append(every_tag[rng.randrange(len(every_tag))])
        roll = rng.random()
        if roll < MARKED_SHARE:
            parts = [_blocks(writer, nouns, rng.randint(180, 320)) for _ in range(rng.randint(2, 4))]
        elif roll < MARKED_SHARE + LONG_SHARE:
            parts = [_blocks(writer, nouns, rng.randint(*LONG_WORDS))]
        else:
            parts = [_blocks(writer, nouns, rng.randint(220, 600))]
        title = writer.title(topic, nouns)[:100]
        story = Story(
            number=number, slug=f"artikel-{number:05d}", title=title,
            date=START + dt.timedelta(minutes=97 * number + rng.randrange(60)),
            rubrik=rubrik, tags=list(dict.fromkeys(tags)),
            writer=writer_name(rng.randrange(WRITERS)), editor=editor_name(rng.randrange(EDITORS)),
            dateline=rng.choice(writer.places).upper(), highlight=writer.sentence(nouns), parts=parts)
        if rng.random() < PHOTO_SHARE:
            story.photo = f"images/foto/{story.slug}.jpg"
            story.caption = writer.sentence(nouns)
            story.credit = f"DISKOMINFO/{story.writer.upper()}"
        stories.append(story)
    return stories


def draw_photo(number: int, path: Path) -> None:
    """A 1600×900 JPEG made of numbers only: a two-colour gradient and a few shapes."""
    from PIL import Image, ImageDraw

    rng = random.Random(number)
    width, height = PHOTO_SIZE
    colour = lambda: tuple(rng.randrange(256) for _ in range(3))  # noqa: E731
    start, end = colour(), colour()
    ramp = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize((width, height))
    image = Image.composite(Image.new("RGB", (width, height), end), Image.new("RGB", (width, height), start), ramp)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 8)):
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randint(80, 500), rng.randint(80, 400)
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour(), outline=colour(), width=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85, optimize=False, progressive=False)


def portal_markdown(story: Story) -> str:
    """The article as an editor writes it for the portal (Indonesian aliases)."""
    head = [f"Judul: {story.title}", f"Slug: {story.slug}", f"Tanggal: {story.date:%Y-%m-%d %H:%M}",
            f"Rubrik: {story.rubrik}", f"Tag: {', '.join(story.tags)}", f"Penulis: {story.writer}",
            f"Editor: {story.editor}"]
    head += [f"Dateline: {story.dateline}"] * bool(story.dateline)
    head += [f"Sorotan: {story.highlight}"] * bool(story.highlight)
    if story.photo:
        head += [f"Foto: {story.photo}", f"Keterangan_foto: {story.caption}", f"Kredit_foto: {story.credit}"]
    return "\n".join(head) + "\n\n" + story.body + "\n"


def write_portal(stories: list[Story], content: Path) -> None:
    """The portal's content folder: articles/, pages/, images/foto/, people.toml."""
    for folder in (content / "articles", content / "pages"):
        folder.mkdir(parents=True, exist_ok=True)
    (content / "people.toml").write_text(people_toml(), encoding="utf-8")
    (content / "pages" / "kontak.md").write_text(
        "Judul: Kontak\nSlug: kontak\n\nAlamat redaksi korpus uji.\n", encoding="utf-8")
    for story in stories:
        (content / "articles" / f"{story.slug}.md").write_text(portal_markdown(story), encoding="utf-8")
        if story.photo:
            draw_photo(story.number, content / story.photo)


def portal_overrides() -> dict:
    """The settings the synthetic corpus needs on top of pelicanconf.py: its ten rubrik."""
    return {"RUBRIK": dict(RUBRIK)}
