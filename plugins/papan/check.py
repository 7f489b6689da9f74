"""Checks of one Pengumuman's or Agenda's metadata, with newsroom's messages
(file, line, field, fix, in Bahasa Indonesia); each returns the item's data."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from newsroom.schema import AGENDA_FIELDS, PENGUMUMAN_FIELDS
from newsroom.slugs import suggest
from newsroom.validate import MetadataCheck
from pelican.utils import slugify

from .config import LAMPIRAN_TYPES, PapanConfig
from .instansi import Instansi, InstansiRegistry
from .model import AgendaData, Lampiran, PengumumanData, Place, Term

FIELDS = {"pengumuman": PENGUMUMAN_FIELDS, "agenda": AGENDA_FIELDS}
MIDNIGHT = dt.time(0, 0)
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # an attachment's name is its address: nothing to escape


def term(name: str, base: str) -> Term:
    slug = slugify(name, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")])
    return Term(name, slug, f"{base}/{slug}/")


class ItemCheck(MetadataCheck):
    """MetadataCheck for the papan types: the same problem records and messages."""

    def __init__(self, metadata: dict, cfg: PapanConfig, instansi: InstansiRegistry, articles: dict):
        super().__init__(metadata, None, None, None)
        self.papan = cfg
        self.instansi = instansi
        self.articles = articles  # slug -> published article, for Liputan

    def required(self, jenis: str) -> None:
        self.missing = {f.key for f in FIELDS[jenis] if f.required == "yes"
                        and (f.key not in self.written or not self.text(f.key))}
        for f in FIELDS[jenis]:
            if f.key in self.missing and f.key not in self.reported:
                self.problem(f.key, "wajib diisi tetapi tidak ada",
                             f"tambahkan baris `{f.alias or f.label}: …` ({f.rule}) di header")
        self._slug()
        title = self.text("title")
        if len(title) > 110:
            self.problem("title", f"judul {len(title)} karakter, maksimum 110", "persingkat judul")
        date, modified = self.metadata.get("date"), self.metadata.get("modified")
        if date and modified and modified < date:
            self.problem("modified", f"Diperbarui ({modified:%Y-%m-%d %H:%M}) lebih awal dari Tanggal "
                         f"({date:%Y-%m-%d %H:%M})", "isi Diperbarui dengan waktu yang sama atau sesudah Tanggal")

    def usable(self, key: str) -> bool:
        return key not in self.missing | self.reported and self.metadata.get(key) not in (None, "")

    # -- shared ----------------------------------------------------------
    def _kategori(self, allowed: tuple[str, ...], setting: str, base: str) -> Term | None:
        if not self.usable("kategori"):
            return None
        name = self.text("kategori")
        for known in allowed:
            if known.lower() == name.lower():
                return term(known, base)
        close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.5)
        hint = f"mungkin maksud Anda {close[0]!r}? " if close else ""
        self.problem("kategori", f"kategori {name!r} tidak terdaftar",
                     f"{hint}kategori yang ada: {', '.join(allowed)} ({setting})")
        return None

    def _instansi(self, key: str) -> Instansi | None:
        if not self.usable(key) or not self.instansi.entries:  # an unreadable registry is reported once
            return None
        name = self.text(key)
        found = self.instansi.find(name)
        if found is None:
            hint = self.instansi.suggest(name)
            fix = f"mungkin maksud Anda {hint!r}?" if hint else f"tambahkan {name} ke {self.instansi.source}"
            self.problem(key, f"{name!r} tidak ada di daftar instansi", fix)
        return found

    # -- pengumuman ------------------------------------------------------
    def pengumuman(self) -> PengumumanData | None:
        self.required("pengumuman")
        cfg = self.papan
        kategori = self._kategori(cfg.kategori_pengumuman, "PAPAN_KATEGORI_PENGUMUMAN", "pengumuman/kategori")
        instansi = self._instansi("instansi")
        valid_until, shown = self._valid_until()
        lampiran = self._lampiran()
        if self.problems or kategori is None or instansi is None:
            return None
        return PengumumanData(
            summary=self.text("summary"), nomor_surat=self.text("nomor_surat"), instansi=instansi,
            instansi_term=Term(instansi.label, instansi.slug, f"pengumuman/instansi/{instansi.slug}/"),
            kategori=kategori, valid_until=valid_until, valid_until_shown=shown, lampiran=tuple(lampiran),
            expired=valid_until is not None and valid_until <= cfg.now)

    def _valid_until(self):
        if not self.usable("berlaku_sampai"):
            return None, None
        value = self.metadata["berlaku_sampai"]
        zone = self.papan.timezone
        if isinstance(value, dt.datetime):
            until = value.replace(tzinfo=zone)
        else:  # a day: valid to the end of it
            until = dt.datetime.combine(value + dt.timedelta(days=1), MIDNIGHT, zone)
        date = self.metadata.get("date")
        if date is not None and until <= date:
            self.problem("berlaku_sampai", f"Berlaku_sampai ({value}) tidak sesudah Tanggal terbit "
                         f"({date:%Y-%m-%d %H:%M})", "isi Berlaku_sampai dengan hari terakhir pengumuman berlaku")
        return until, value

    def _lampiran(self) -> list[Lampiran]:
        found = []
        if not self.usable("lampiran"):
            return found
        root = Path(self.papan.content_path).resolve()
        folder = (root / self.papan.lampiran_dir).resolve()
        for written in self.metadata["lampiran"]:
            relative = written.strip().lstrip("/")
            path = (root / relative).resolve()
            if folder not in path.parents:
                self.problem("lampiran", f"{written!r} tidak berada di {self.papan.lampiran_dir}/",
                             f"simpan berkasnya di content/{self.papan.lampiran_dir}/ dan tulis "
                             f"{self.papan.lampiran_dir}/nama-berkas.pdf")
                continue
            if not FILE_NAME.match(path.name):
                better = suggest(path.stem) or "lampiran"
                self.problem("lampiran", f"nama berkas {path.name!r} memuat spasi atau tanda baca yang merusak "
                             "alamat unduhannya", f"ganti nama berkasnya, mis. {better}{path.suffix.lower()}")
                continue
            kind = LAMPIRAN_TYPES.get(path.suffix.lower())
            if kind is None:
                self.problem("lampiran", f"jenis berkas {path.suffix or '(tanpa akhiran)'} tidak diterima",
                             f"unggah sebagai {', '.join(k for k, _ in LAMPIRAN_TYPES.values())}")
                continue
            if not path.is_file() or (root / relative).is_symlink():
                names = [p.name for p in folder.glob("*")] if folder.is_dir() else []
                close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
                fix = (f"mungkin maksud Anda {self.papan.lampiran_dir}/{close[0]}?" if close
                       else f"salin berkasnya ke content/{relative}")
                self.problem("lampiran", f"berkas {relative} tidak ada", fix)
                continue
            size = path.stat().st_size
            if size > self.papan.max_lampiran_bytes:
                self.problem("lampiran", f"berkas {relative} berukuran {size // (1024 * 1024)} MB, maksimum "
                             f"{self.papan.max_lampiran_bytes // (1024 * 1024)} MB", "perkecil berkasnya atau bagi dua")
                continue
            if kind[0] == "PDF" and not path.read_bytes()[:5] == b"%PDF-":
                self.problem("lampiran", f"berkas {relative} bukan PDF", "unggah berkas PDF yang benar")
                continue
            found.append(Lampiran(path.relative_to(root).as_posix(), path.name, kind[0], kind[1], size))
        return found

    # -- agenda ----------------------------------------------------------
    def agenda(self) -> AgendaData | None:
        self.required("agenda")
        cfg = self.papan
        kategori = self._kategori(cfg.kategori_agenda, "PAPAN_KATEGORI_AGENDA", "agenda/kategori")
        penyelenggara = self._instansi("penyelenggara")
        times = self._times()
        geo = self._geo()
        status = self.metadata.get("status_acara") or "terjadwal"
        if status in ("ditunda", "dibatalkan") and "modified" not in self.written:
            self.problem("status_acara", f"acara {status} tetapi Diperbarui kosong",
                         "tambahkan `Diperbarui: …` (waktu perubahan) agar kalender pembaca ikut berubah")
        liputan = None
        if self.usable("liputan"):
            liputan = self.articles.get(self.text("liputan"))
            if liputan is None:
                close = difflib.get_close_matches(self.text("liputan"), list(self.articles), n=1, cutoff=0.6)
                self.problem("liputan", f"berita {self.text('liputan')!r} tidak ditemukan",
                             f"mungkin maksud Anda {close[0]!r}?" if close else "tulis slug berita yang sudah terbit")
        if self.problems or kategori is None or penyelenggara is None or times is None:
            return None
        start, end, all_day = times
        date, modified = self.metadata.get("date"), self.metadata.get("modified")
        sequence = int((modified - date).total_seconds() // 60) if date and modified else 0
        return AgendaData(
            summary=self.text("summary"), start=start, end=end, all_day=all_day,
            place=Place(self.text("lokasi"), self.text("alamat"), geo), penyelenggara=penyelenggara,
            penyelenggara_term=Term(penyelenggara.label, penyelenggara.slug,
                                    f"agenda/penyelenggara/{penyelenggara.slug}/"),
            kategori=kategori, status=status, liputan=liputan, sequence=sequence,
            upcoming=end > cfg.now, ongoing=start <= cfg.now < end)

    def _times(self):
        if not (self.usable("mulai") and self.usable("selesai")):
            return None
        start, end = self.metadata["mulai"], self.metadata["selesai"]
        zone = self.papan.timezone
        start_day = not isinstance(start, dt.datetime)
        end_day = not isinstance(end, dt.datetime)
        if start_day != end_day:
            self.problem("selesai", "Mulai dan Selesai harus sama-sama tanggal saja (acara sehari penuh) atau "
                         "sama-sama tanggal dengan jam", "tulis keduanya seperti 2027-01-14 atau keduanya seperti "
                         "2027-01-14 08:30")
            return None
        if start_day:
            if end < start:
                self.problem("selesai", f"Selesai ({end}) sebelum Mulai ({start})",
                             "isi Selesai dengan hari terakhir acara, sama atau sesudah Mulai")
                return None
            return (dt.datetime.combine(start, MIDNIGHT, zone),
                    dt.datetime.combine(end + dt.timedelta(days=1), MIDNIGHT, zone), True)
        if end <= start:
            self.problem("selesai", f"Selesai ({end:%Y-%m-%d %H:%M}) tidak sesudah Mulai ({start:%Y-%m-%d %H:%M})",
                         "isi Selesai dengan waktu acara berakhir")
            return None
        return start.replace(tzinfo=zone), end.replace(tzinfo=zone), False

    def _geo(self):
        if not self.usable("koordinat"):
            return None
        text = self.text("koordinat")
        try:
            lat, lon = (float(part) for part in text.split(","))
        except ValueError:
            self.problem("koordinat", f"koordinat {text!r} tidak terbaca",
                         "tulis lintang, bujur dalam derajat desimal, mis. -8.7053, 116.2707")
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problem("koordinat", f"koordinat {text!r} di luar bumi", "lintang -90..90, bujur -180..180")
            return None
        return (lat, lon)
