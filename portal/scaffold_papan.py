"""``invoke new --jenis pengumuman|agenda``: a new Pengumuman or Agenda file
with every field of its schema (newsroom.schema), as a draft dated now (WITA)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.schema import AGENDA_FIELDS, PENGUMUMAN_FIELDS

from portal.scaffold import ScaffoldRefused, check_title, header_lines, make_slug

WITA = ZoneInfo("Asia/Makassar")
BODY = {
    "pengumuman": "Tulis isi pengumuman di sini: apa yang diumumkan, untuk siapa, dan apa yang harus dilakukan "
                  "warga.\n",
    "agenda": "Tulis keterangan acara di sini: untuk siapa, apa yang perlu dibawa, dan cara mendaftar bila ada.\n",
}


def _write(content: Path, jenis: str, fields, title: str, values: dict, now: dt.datetime) -> Path:
    title = check_title(title)  # the same rules as an article's: never a flag, never empty, cut at a word
    slug = make_slug(title)
    values = {"title": title, "slug": slug, "date": f"{now:%Y-%m-%d %H:%M}", "status": "draf", **values}
    lines = header_lines(fields, values)
    path = content / jenis / f"{slug}.md"
    if path.exists():
        raise ScaffoldRefused(f"{path} sudah ada: pilih judul lain atau sunting berkas itu.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + BODY[jenis], encoding="utf-8")
    return path


def write_pengumuman(content: Path, title: str, *, instansi: str = "", now: dt.datetime | None = None) -> Path:
    """Write content/pengumuman/SLUG.md; never overwrite an existing file."""
    now = (now or dt.datetime.now(WITA)).astimezone(WITA)
    return _write(content, "pengumuman", PENGUMUMAN_FIELDS, title, {"instansi": instansi}, now)


def write_agenda(content: Path, title: str, *, penyelenggara: str = "", now: dt.datetime | None = None) -> Path:
    """Write content/agenda/SLUG.md (Mulai/Selesai a week from now, 09:00–12:00 WITA, to be edited)."""
    now = (now or dt.datetime.now(WITA)).astimezone(WITA)
    day = (now + dt.timedelta(days=7)).date()
    return _write(content, "agenda", AGENDA_FIELDS, title, {
        "penyelenggara": penyelenggara, "mulai": f"{day} 09:00", "selesai": f"{day} 12:00",
        "status_acara": "terjadwal"}, now)
