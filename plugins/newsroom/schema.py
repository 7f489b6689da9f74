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

# How a field is named in messages when the editor did not write it: the alias.
LABELS = {f.key: f.alias or f.label for f in ARTICLE_FIELDS + PAGE_FIELDS}
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
