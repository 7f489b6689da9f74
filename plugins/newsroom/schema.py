"""The article metadata schema: one table that the reader, the validator,
the scaffold (``invoke new``) and the README all read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str  # lower-case English key, as Pelican stores it
    label: str  # how editors write it in English
    alias: str | None  # the Indonesian alias editors may write instead
    required: str  # "yes", "no" or "with Image"
    rule: str  # one line for editors (README table and error hints)
    example: str = ""
    # Free text shown to readers: plain text, escaped on output; markup in it
    # is refused (plaintext.py). Other fields are parsed (dates, names, paths).
    plain: bool = False
    links: bool = False  # plain text that may name http(s) addresses, shown as links


ARTICLE_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "Judul", "yes", "judul berita, paling panjang 110 karakter",
          "Pemkab Lombok Tengah Resmikan Layanan Baru", plain=True),
    Field("slug", "Slug", None, "no", "huruf kecil, angka dan tanda hubung; dibuat dari judul bila kosong",
          "pemkab-resmikan-layanan-baru"),
    Field("date", "Date", "Tanggal", "yes", "`YYYY-MM-DD HH:MM`, dibaca sebagai WITA", "2026-08-30 14:05"),
    Field("modified", "Modified", "Diperbarui", "no", "format sama dengan Date, tidak boleh sebelum Date",
          "2026-08-30 16:20"),
    Field("category", "Category", "Rubrik", "yes", "salah satu rubrik yang terdaftar (RUBRIK)", "Pelayanan Publik"),
    Field("tags", "Tags", "Tag", "no", "dipisah koma", "mal pelayanan publik, e-ktp", plain=True),
    Field("author", "Author", "Penulis", "yes", "nama di content/people.toml dengan peran penulis", ""),
    Field("editor", "Editor", None, "yes", "nama di content/people.toml dengan peran editor", ""),
    Field("reporter", "Reporter", "Wartawan", "no", "nama dengan peran wartawan: baris \"Laporan Wartawan …\"", ""),
    Field("dateline", "Dateline", None, "no", "tempat berita, huruf kapital: tampil \"PRAYA –\"", "PRAYA",
          plain=True),
    Field("image", "Image", "Foto", "no", "berkas di content/images/, lebar minimal NEWSROOM_MIN_PHOTO_WIDTH px",
          "images/foto/contoh.jpg"),
    Field("image_caption", "Image_caption", "Keterangan_foto", "with Image", "kalimat keterangan foto", "",
          plain=True),
    Field("image_credit", "Image_credit", "Kredit_foto", "with Image", "kredit foto, huruf kapital",
          "DISKOMINFO LOTENG/SINTO", plain=True),
    Field("highlight", "Highlight", "Sorotan", "no", "kalimat pengantar di bawah judul", "", plain=True),
    Field("summary", "Summary", "Ringkasan", "no", "ringkasan untuk daftar dan feed; dari isi bila kosong", "",
          plain=True),
    Field("source", "Source", "Sumber", "no", "sumber berita: tampil \"Sumber: …\"", "", plain=True,
          links=True),
    Field("related", "Related", "Terkait", "no", "slug artikel lain yang dipasang editor, dipisah koma; harus ada", ""),
    Field("status", "Status", None, "no", "published/terbit (bawaan), draft/draf, atau hidden/tersembunyi", "draft"),
    Field("featured", "Featured", "Utama", "no", "`yes` menjadikan berita utama di beranda", "yes"),
)

PAGE_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "Judul", "yes", "judul halaman", plain=True),
    Field("slug", "Slug", None, "no", "alamat halaman, mis. `profil` untuk /profil/"),
    Field("date", "Date", "Tanggal", "no", "`YYYY-MM-DD HH:MM`"),
    Field("modified", "Modified", "Diperbarui", "no", "`YYYY-MM-DD HH:MM`"),
    Field("summary", "Summary", "Ringkasan", "no", "ringkasan halaman", plain=True),
    Field("status", "Status", None, "no", "published, draft, atau hidden"),
    Field("template", "Template", None, "no", "nama template tema, mis. `page`"),
)

# Pengumuman (announcements) and Agenda (events): files under content/pengumuman/
# and content/agenda/ (the folder names the type, "jenis"), read by the same
# reader and written by plugins/papan, never listed among the news.
PENGUMUMAN_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "Judul", "yes", "judul pengumuman, paling panjang 110 karakter",
          "Pengumuman Hasil Seleksi Administrasi PPPK 2026", plain=True),
    Field("slug", "Slug", None, "no", "huruf kecil, angka dan tanda hubung; dibuat dari judul bila kosong",
          "hasil-seleksi-administrasi-pppk-2026"),
    Field("nomor_surat", "Nomor_surat", None, "no", "nomor surat resmi pengumuman", "800/123/BKPSDM/2026",
          plain=True),
    Field("date", "Date", "Tanggal", "yes", "tanggal terbit `YYYY-MM-DD HH:MM` (atau `YYYY-MM-DD`), WITA",
          "2026-11-20 09:00"),
    Field("modified", "Modified", "Diperbarui", "no", "format sama dengan Tanggal, tidak boleh sebelum Tanggal",
          "2026-11-21 10:00"),
    Field("berlaku_sampai", "Berlaku_sampai", None, "no",
          "hari terakhir pengumuman berlaku, `YYYY-MM-DD` (sampai akhir hari itu) atau `YYYY-MM-DD HH:MM`",
          "2026-12-31"),
    Field("instansi", "Instansi", None, "yes", "nama atau singkatan instansi/OPD di content/instansi.toml",
          "BKPSDM"),
    Field("kategori", "Kategori", None, "yes", "salah satu kategori pengumuman (PAPAN_KATEGORI_PENGUMUMAN)",
          "Kepegawaian"),
    Field("summary", "Summary", "Ringkasan", "yes", "satu atau dua kalimat untuk daftar, feed dan mesin pencari",
          "", plain=True),
    Field("lampiran", "Lampiran", None, "no",
          "berkas di content/lampiran/, dipisah koma; mis. lampiran/hasil-seleksi.pdf", "lampiran/contoh.pdf"),
    Field("status", "Status", None, "no", "published/terbit (bawaan), draft/draf, atau hidden/tersembunyi", "draft"),
)

AGENDA_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "Judul", "yes", "nama acara, paling panjang 110 karakter",
          "Musrenbang Kecamatan Praya 2027", plain=True),
    Field("slug", "Slug", None, "no", "huruf kecil, angka dan tanda hubung; dibuat dari judul bila kosong",
          "musrenbang-kecamatan-praya-2027"),
    Field("date", "Date", "Tanggal", "yes", "tanggal agenda diumumkan `YYYY-MM-DD HH:MM`, WITA", "2026-11-20 09:00"),
    Field("modified", "Modified", "Diperbarui", "no",
          "isi setiap kali waktu, tempat atau status acara berubah; tidak boleh sebelum Tanggal",
          "2026-11-25 08:00"),
    Field("mulai", "Mulai", None, "yes", "`YYYY-MM-DD HH:MM` (WITA), atau `YYYY-MM-DD` untuk acara sehari penuh",
          "2027-01-14 08:30"),
    Field("selesai", "Selesai", None, "yes",
          "`YYYY-MM-DD HH:MM`, atau `YYYY-MM-DD` (hari terakhir) untuk acara sehari penuh; tidak sebelum Mulai",
          "2027-01-14 12:00"),
    Field("lokasi", "Lokasi", None, "yes", "nama tempat", "Aula Kantor Camat Praya", plain=True),
    Field("alamat", "Alamat", None, "no", "alamat tempat", "Jalan Gajah Mada No. 12, Praya", plain=True),
    Field("koordinat", "Koordinat", None, "no", "lintang, bujur dalam derajat desimal",
          "-8.7053, 116.2707"),
    Field("penyelenggara", "Penyelenggara", None, "yes",
          "nama atau singkatan instansi/OPD di content/instansi.toml", "Bappeda"),
    Field("kategori", "Kategori", None, "yes", "salah satu kategori agenda (PAPAN_KATEGORI_AGENDA)",
          "Musrenbang"),
    Field("status_acara", "Status_acara", None, "no",
          "terjadwal (bawaan), ditunda, dibatalkan, atau selesai", "terjadwal"),
    Field("liputan", "Liputan", None, "no", "slug berita tentang acara ini, setelah acara berlangsung",
          "musrenbang-praya-sepakati-20-usulan"),
    Field("summary", "Summary", "Ringkasan", "yes", "satu atau dua kalimat untuk daftar, kalender dan feed",
          "", plain=True),
    Field("status", "Status", None, "no", "published/terbit (bawaan), draft/draf, atau hidden/tersembunyi", "draft"),
)

# The folder under the content folder -> (jenis, its fields).
JENIS_FOLDERS: dict[str, tuple[str, tuple[Field, ...]]] = {
    "pengumuman": ("pengumuman", PENGUMUMAN_FIELDS),
    "agenda": ("agenda", AGENDA_FIELDS),
}
EVENT_STATUS_VALUES = {"terjadwal": "terjadwal", "dijadwalkan": "terjadwal", "ditunda": "ditunda",
                       "dibatalkan": "dibatalkan", "batal": "dibatalkan", "selesai": "selesai"}

# How a field is named in messages when the editor did not write it: the alias.
LABELS = {f.key: f.alias or f.label for f in PENGUMUMAN_FIELDS + AGENDA_FIELDS + ARTICLE_FIELDS + PAGE_FIELDS}
STATUS_VALUES = {"published": "published", "terbit": "published", "draft": "draft", "draf": "draft",
                 "hidden": "hidden", "tersembunyi": "hidden"}
TRUE_WORDS = {"yes", "ya", "true", "1"}
FALSE_WORDS = {"no", "tidak", "false", "0", ""}


def alias_map(fields: tuple[Field, ...]) -> dict[str, str]:
    """Every spelling an editor may use (lower case) -> canonical key."""
    names: dict[str, str] = {}
    for f in fields:
        names[f.key] = f.key
        if f.alias:
            names[f.alias.lower()] = f.key
    return names
