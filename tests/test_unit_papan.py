"""plugins/papan's logic without a site build: sizes, times in words, the
clock window, calendar events, the instansi registry."""

from __future__ import annotations

import datetime as dt
import types
from zoneinfo import ZoneInfo

import icalendar
import pelican.contents
from papan import calendar
from papan.config import build_now
from papan.generator import Month, PapanBuild, waktu_acara
from papan.instansi import Instansi, load_instansi
from papan.model import AgendaData, Lampiran, PengumumanData, Place, Term

WITA = ZoneInfo("Asia/Makassar")
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=WITA)
ORG = Instansi("Dinas Komunikasi dan Informatika", "diskominfo", "Diskominfo")
TERM = Term("Pemerintahan", "pemerintahan", "agenda/kategori/pemerintahan/")


def event(start, end, all_day=False, status="terjadwal", slug="acara", sequence=0):
    data = AgendaData(summary="Ringkas; dengan koma, & titik.", start=start, end=end, all_day=all_day,
                      place=Place("Aula", "Jalan A", (-8.7, 116.27)), penyelenggara=ORG, penyelenggara_term=TERM,
                      kategori=TERM, status=status, liputan=None, sequence=sequence, upcoming=end > NOW,
                      ongoing=start <= NOW < end)
    return types.SimpleNamespace(papan=data, title="Rapat", slug=slug, url=f"agenda/{slug}/", jenis="agenda",
                                 date=dt.datetime(2026, 12, 1, 9, 0, tzinfo=WITA), modified=None)


def test_attachment_sizes_read_as_people_say_them():
    size = lambda n: Lampiran("lampiran/x.pdf", "x.pdf", "PDF", "application/pdf", n).size_text  # noqa: E731
    assert [size(812), size(5221), size(250_000), size(1_300_000)] == ["812 byte", "5 KB", "244 KB", "1,2 MB"]


def test_event_times_in_words():
    timed = event(dt.datetime(2027, 1, 14, 8, 30, tzinfo=WITA), dt.datetime(2027, 1, 14, 13, 0, tzinfo=WITA))
    assert waktu_acara(timed) == "Kamis, 14 Januari 2027 08:30–13:00 WITA"
    day = dt.datetime(2026, 12, 14, tzinfo=WITA)
    multi = event(day, day + dt.timedelta(days=3), all_day=True)
    assert waktu_acara(multi) == "14 Desember 2026 – 16 Desember 2026"
    assert multi.papan.days()[-1] == dt.date(2026, 12, 16) and multi.papan.multi_day
    single = event(day, day + dt.timedelta(days=1), all_day=True)
    assert waktu_acara(single) == "Senin, 14 Desember 2026" and not single.papan.multi_day


def test_the_clock_window_is_the_next_start_end_or_expiry():
    build = PapanBuild(cfg=types.SimpleNamespace(now=NOW, home_items=5))
    build.agenda = [event(NOW - dt.timedelta(days=2), NOW - dt.timedelta(days=1)),
                    event(NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=3)),
                    event(NOW + dt.timedelta(hours=2), NOW + dt.timedelta(hours=4))]
    assert build.stale_at() == NOW + dt.timedelta(hours=2)
    notice = types.SimpleNamespace(papan=PengumumanData("", "", ORG, TERM, TERM, NOW + dt.timedelta(hours=1),
                                                        None, (), False))
    build.pengumuman = [notice]
    assert build.stale_at() == NOW + dt.timedelta(hours=1)
    assert [a.papan.start for a in build.agenda_mendatang] == [NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=2)]
    build.agenda, build.pengumuman = [], []
    assert build.stale_at() is None and build.empty


def test_a_calendar_event_is_escaped_zoned_and_cancellable():
    item = event(dt.datetime(2026, 12, 12, 8, 0, tzinfo=WITA), dt.datetime(2026, 12, 12, 15, 0, tzinfo=WITA),
                 status="dibatalkan", sequence=7)
    raw = calendar.calendar_of([item], "https://warta.example", {"agenda_status_dibatalkan": "Dibatalkan"}, "Kal")
    (parsed,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(parsed["UID"]) == "agenda-acara@warta.example" and int(parsed["SEQUENCE"]) == 7
    assert str(parsed["STATUS"]) == "CANCELLED" and str(parsed["SUMMARY"]) == "Dibatalkan: Rapat"
    assert parsed.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2026, 12, 12, 0, 0, tzinfo=dt.UTC)
    assert b"DTSTART;TZID=Asia/Makassar:20261212T080000" in raw and b"BEGIN:VTIMEZONE" in raw
    assert b"Ringkas\\; dengan koma\\, & titik." in raw
    # no clock in it: the same item gives the same bytes
    assert raw == calendar.calendar_of([item], "https://warta.example", {"agenda_status_dibatalkan": "Dibatalkan"},
                                       "Kal")


def test_build_now_is_papan_now_else_the_clock_pelican_reads(monkeypatch):
    assert build_now("2026-12-07 12:00", WITA) == NOW
    frozen = dt.datetime(2027, 1, 1, 0, 0, tzinfo=WITA)

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return frozen.astimezone(tz)

    monkeypatch.setattr(pelican.contents, "datetime", types.SimpleNamespace(datetime=Frozen, UTC=dt.UTC))
    assert build_now(None, WITA) == frozen


def test_months_step_across_years():
    assert Month(2026, 12).shift(1) == Month(2027, 1) and Month(2027, 1).shift(-1) == Month(2026, 12)
    assert Month(2027, 1).url == "agenda/bulan/2027/01/" and Month(2027, 1).name == "Januari 2027"


def test_the_instansi_registry_finds_by_name_or_short_name_and_reports_mistakes(tmp_path):
    (tmp_path / "instansi.toml").write_text(
        '[[instansi]]\nname = "Dinas Kesehatan"\nshort = "Dikes"\nslug = "dikes"\n'
        '[[instansi]]\nname = "Dinas Lain"\nslug = "Bukan Slug"\n'
        '[[instansi]]\nname = "Dinas Tautan"\nslug = "tautan"\nurl = "http://tidak-aman.example"\n',
        encoding="utf-8")
    registry = load_instansi(tmp_path, "instansi.toml")
    assert registry.find("dikes") is registry.find("Dinas  Kesehatan") is not None
    assert registry.suggest("Dinas Keseatan") == "Dikes"
    messages = [p.message for p in registry.problems]
    assert any("slug 'Bukan Slug'" in m for m in messages) and any("bukan alamat https://" in m for m in messages)
    assert load_instansi(tmp_path / "tidak-ada", "instansi.toml").problems[0].message == \
        "berkas daftar instansi tidak ada"
