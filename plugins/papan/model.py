"""The two content types and what templates read of them (``item.papan``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pelican.contents import Content

from .instansi import Instansi


class PapanItem(Content):
    """A Pengumuman or an Agenda: a Pelican Content with its own URL settings
    (``PENGUMUMAN_URL``, ``AGENDA_URL`` …) and template, never an Article."""

    allowed_statuses = ("published", "hidden", "draft", "skip")
    default_status = "published"
    mandatory_properties = ("title",)
    jenis = ""

    @property
    def head_description(self) -> str:
        """The page's description for distribusi's head tags and JSON-LD: the Ringkasan, plain text."""
        papan = getattr(self, "papan", None)
        return papan.summary if papan is not None else ""

    @property
    def breadcrumb_parent(self) -> tuple[str, str]:
        """The list this item belongs to, for the JSON-LD breadcrumb: (name, site-relative URL)."""
        strings = self.settings.get("JINJA_GLOBALS", {}).get("T", {})  # theme/strings.toml
        return strings.get(f"{self.jenis}_title", self.jenis.capitalize()), f"{self.jenis}/"

    def structured_nodes(self, canonical: str, absolute, description: str) -> list[dict]:
        """The item's schema.org nodes for distribusi's JSON-LD graph."""
        from . import structured

        make = structured.event_nodes if self.jenis == "agenda" else structured.announcement_nodes
        return make(self, canonical, absolute, description)


class Pengumuman(PapanItem):
    default_template = "papan/pengumuman"
    jenis = "pengumuman"


class Agenda(PapanItem):
    default_template = "papan/agenda"
    jenis = "agenda"


@dataclass(frozen=True)
class Term:
    """A kategori or an instansi as a filter: its name and its list page."""

    name: str
    slug: str
    url: str  # site-relative, e.g. pengumuman/kategori/kepegawaian/


@dataclass(frozen=True)
class Lampiran:
    path: str  # relative to the content folder, also the published path: lampiran/x.pdf
    name: str  # the file's name, shown
    kind: str  # "PDF"
    mime: str
    size: int  # bytes

    @property
    def url(self) -> str:
        return self.path

    @property
    def size_text(self) -> str:
        """'245 KB', '1,2 MB' (Indonesian decimal comma), '812 byte'."""
        if self.size < 1024:
            return f"{self.size} byte"
        if self.size < 1024 * 1024:
            return f"{round(self.size / 1024)} KB"
        return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")


@dataclass(frozen=True)
class PengumumanData:
    summary: str
    nomor_surat: str
    instansi: Instansi
    instansi_term: Term
    kategori: Term
    valid_until: dt.datetime | None  # the first moment it no longer holds (aware, WITA)
    valid_until_shown: dt.date | dt.datetime | None  # as the editor wrote it: a day or a moment
    lampiran: tuple[Lampiran, ...]
    expired: bool  # at the build's "now"


@dataclass(frozen=True)
class Place:
    name: str
    address: str
    geo: tuple[float, float] | None


@dataclass(frozen=True)
class AgendaData:
    summary: str
    start: dt.datetime  # aware, WITA; 00:00 of the first day for an all-day event
    end: dt.datetime  # aware, WITA; exclusive: 00:00 after the last day for an all-day event
    all_day: bool
    place: Place
    penyelenggara: Instansi
    penyelenggara_term: Term
    kategori: Term
    status: str  # terjadwal, ditunda, dibatalkan, selesai
    liputan: object | None  # the related news article, once written
    sequence: int  # the calendar's SEQUENCE: minutes from Tanggal to Diperbarui
    upcoming: bool  # not over at the build's "now" (ongoing counts as upcoming)
    ongoing: bool

    @property
    def last_day(self) -> dt.date:
        return (self.end - dt.timedelta(days=1)).date() if self.all_day else self.end.date()

    @property
    def multi_day(self) -> bool:
        return self.last_day != self.start.date()

    def days(self) -> list[dt.date]:
        """Every day the event covers, for the month view."""
        day, out = self.start.date(), []
        while day <= self.last_day:
            out.append(day)
            day += dt.timedelta(days=1)
        return out
