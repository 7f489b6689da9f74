"""Pengumuman and Agenda (plugins/papan), from the outside: the sample
content built with a frozen clock, and small hostile or broken content
folders. Expected values come from the Markdown headers (read here without
the build) and the attachment files, never from the build's own code."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import types
from pathlib import Path
from zoneinfo import ZoneInfo

import extruct
import feedparser
import icalendar
import pelican.contents
import pytest

from portal.check import check_content
from tests.conftest import PUBLISH_SETTINGS, PUBLISHED_SITEURL, ROOT, SETTINGS, ContentFolder, Site, fast_build

WITA = ZoneInfo("Asia/Makassar")
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=WITA)  # the frozen build clock
HOST = "berita.lomboktengahkab.go.id"


# --- oracle: the headers as written --------------------------------------------
def headers(folder: Path, jenis: str) -> list[dict]:
    found = []
    for path in sorted((folder / jenis).glob("*.md")):
        header = {"file": path.name}
        for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines():
            key, _, value = line.partition(":")
            header[key.strip().lower()] = value.strip()
        found.append(header)
    return found


def moment(text: str, end_of_day: bool = False) -> dt.datetime:
    if len(text) == 10:
        day = dt.date.fromisoformat(text) + dt.timedelta(days=1 if end_of_day else 0)
        return dt.datetime.combine(day, dt.time(0, 0), WITA)
    return dt.datetime.fromisoformat(text).replace(tzinfo=WITA)


def upcoming(header: dict) -> bool:
    return moment(header["selesai"], end_of_day=True) > NOW


def expired(header: dict) -> bool:
    return "berlaku_sampai" in header and moment(header["berlaku_sampai"], end_of_day=True) <= NOW


def slugs_listed(site: Site, url: str) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in site.soup(url).select("main .card-title a")]


def freeze(monkeypatch, when: dt.datetime) -> None:
    """Freeze the clock where Pelican reads it (as tests/test_scheduled.py does)."""
    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return when.astimezone(tz) if tz else when.astimezone(WITA).replace(tzinfo=None)

    monkeypatch.setattr(pelican.contents, "datetime", types.SimpleNamespace(datetime=Frozen, UTC=dt.UTC))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The sample content as CI publishes it, built at NOW (the clock frozen where Pelican reads it)."""
    root = tmp_path_factory.mktemp("papan-sample")
    output = root / "output"
    with pytest.MonkeyPatch.context() as patch:
        freeze(patch, NOW)
        result = fast_build(PUBLISH_SETTINGS, output, {
            "PATH": str(ROOT / "content"), "CACHE_PATH": str(root / "cache"), "SITEURL": PUBLISHED_SITEURL,
            "FEED_DOMAIN": PUBLISHED_SITEURL, "DISTRIBUSI_NOW": NOW.strftime("%Y-%m-%d %H:%M"),
            "REKOMENDASI_HELPER": False}, pool="sample")
    return Site(output, result)


@pytest.fixture(scope="module")
def agenda():
    return [h for h in headers(ROOT / "content", "agenda") if h.get("status", "terbit") in ("terbit", "published")]


@pytest.fixture(scope="module")
def pengumuman():
    return [h for h in headers(ROOT / "content", "pengumuman")
            if h.get("status", "terbit") in ("terbit", "published")]


# --- sample content as the issue asks for it --------------------------------------
def test_the_sample_content_covers_every_case(agenda, pengumuman):
    assert len(pengumuman) >= 8 and len(agenda) >= 10
    assert sum(expired(h) for h in pengumuman) >= 2
    assert sum(1 for h in pengumuman if ".pdf" in h.get("lampiran", "")) >= 3
    assert any(upcoming(h) for h in agenda) and any(not upcoming(h) for h in agenda)
    assert any(len(h["mulai"]) == 10 for h in agenda)  # all-day
    assert any(h["mulai"][:10] != h["selesai"][:10] for h in agenda)  # multi-day
    assert {"ditunda", "dibatalkan"} <= {h.get("status_acara") for h in agenda}


# --- agenda: upcoming and past around the build time ------------------------------
def test_upcoming_and_past_events_are_placed_and_sorted_around_the_build_time(site, agenda):
    coming = sorted((h for h in agenda if upcoming(h)), key=lambda h: (moment(h["mulai"]), h["slug"]))
    past = sorted((h for h in agenda if not upcoming(h)), key=lambda h: (moment(h["mulai"]), h["slug"]),
                  reverse=True)
    assert slugs_listed(site, "/agenda/") == [h["slug"] for h in coming][:10]
    assert slugs_listed(site, "/agenda/lalu/") == [h["slug"] for h in past][:10]
    # /agenda/ links this month's calendar and the subscription (the month known before any page is written)
    links = {a.get_text(strip=True): a["href"] for a in site.soup("/agenda/").select("main a")}
    assert links["Kalender bulan ini"].endswith(f"/agenda/bulan/{NOW.year:04d}/{NOW.month:02d}/")
    assert links["Langganan kalender agenda (.ics)"].endswith("/agenda/kalender.ics")
    home = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in site.soup("/").select("#agenda-mendatang ~ ul a")]
    assert home == [h["slug"] for h in coming][:5]
    for h in agenda:
        badges = [b.get_text(strip=True) for b in site.soup(f"/agenda/{h['slug']}/").select("main .papan-badge")]
        if h.get("status_acara") == "dibatalkan":
            assert badges == ["Dibatalkan"]
        elif h.get("status_acara") == "ditunda":
            assert badges == ["Ditunda"]
        elif not upcoming(h):
            assert badges == ["Sudah berlangsung"]
        elif moment(h["mulai"]) <= NOW:
            assert badges == ["Sedang berlangsung"]
        else:
            assert badges == []


def test_a_past_event_links_its_news_and_an_event_at_its_month(site, agenda):
    for h in agenda:
        page = site.soup(f"/agenda/{h['slug']}/")
        liputan = page.select_one(".papan-liputan a")
        if h.get("liputan") and not upcoming(h):
            assert liputan is not None and f"/{h['liputan']}/" in liputan["href"]
            assert site.exists(liputan["href"].replace(PUBLISHED_SITEURL, ""))
        else:
            assert liputan is None
        start = moment(h["mulai"])
        month = site.soup(f"/agenda/bulan/{start:%Y}/{start:%m}/")
        day = month.select_one(f"#hari-{start.date().isoformat()}")
        assert day is not None and h["judul"] in day.get_text()
        assert month.select_one(f'td.has-event a[href="#hari-{start.date().isoformat()}"]') is not None


def test_the_scheduled_rebuild_knows_when_an_event_turns_past(site, agenda, pengumuman):
    """portal.build records when the output goes stale by the clock (portal/unchanged.py skips nothing after it)."""
    from portal.build import papan_stale_at

    moments = [m for h in agenda for m in (moment(h["mulai"]), moment(h["selesai"], end_of_day=True)) if m > NOW]
    moments += [m for h in pengumuman if "berlaku_sampai" in h
                for m in [moment(h["berlaku_sampai"], end_of_day=True)] if m > NOW]
    assert papan_stale_at(site.result.context) == min(moments)


# --- pengumuman: expiry and attachments -------------------------------------------
def test_an_expired_announcement_stays_at_its_url_marked_and_leaves_the_latest_lists(site, pengumuman):
    active = {h["slug"] for h in pengumuman if not expired(h)}
    old = {h["slug"] for h in pengumuman if expired(h)}
    assert set(slugs_listed(site, "/pengumuman/")) == active
    assert set(slugs_listed(site, "/pengumuman/tidak-berlaku/")) == old
    home = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in site.soup("/").select("#pengumuman-terbaru ~ ul a")}
    assert home and home <= active
    for h in pengumuman:
        notice = site.soup(f"/pengumuman/{h['slug']}/").select_one("main .papan-notice")
        if h["slug"] in old:
            day = dt.date.fromisoformat(h["berlaku_sampai"][:10]) + dt.timedelta(days=1)
            assert "Sudah tidak berlaku" in notice.get_text()
            assert notice.time["datetime"].startswith(day.isoformat())
        else:
            assert notice is None
    feed = feedparser.parse(site.path("/feeds/jenis/pengumuman.atom.xml").read_bytes())
    assert not feed.bozo and {e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries} == active


def test_attachments_are_listed_with_type_and_size_and_published_as_they_are(site, pengumuman):
    seen = 0
    for h in pengumuman:
        files = [f.strip() for f in h.get("lampiran", "").split(",") if f.strip()]
        items = site.soup(f"/pengumuman/{h['slug']}/").select(".lampiran li")
        assert len(items) == len(files)
        for relative, item in zip(files, items, strict=True):
            source = ROOT / "content" / relative
            size = source.stat().st_size
            expected = f"{size} byte" if size < 1024 else f"{round(size / 1024)} KB"
            assert item.a["href"] == f"{PUBLISHED_SITEURL}/{relative}"
            assert f"(PDF, {expected})" in item.get_text()
            assert site.path("/" + relative).read_bytes() == source.read_bytes()
            seen += 1
    assert seen >= 3
    published = {p.name for p in (site.output / "lampiran").iterdir()}
    assert published == {Path(f).name for h in pengumuman for f in h.get("lampiran", "").split(",") if f.strip()}


# --- calendars --------------------------------------------------------------------
def _unfolded(raw: bytes) -> list[str]:
    """A second, minimal reading of RFC 5545: content lines, unfolded."""
    return raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def test_calendar_files_parse_with_wita_and_utc_times_stable_uids_and_statuses(site, agenda):
    whole = icalendar.Calendar.from_ical(site.path("/agenda/kalender.ics").read_bytes())
    assert [tz["TZID"] for tz in whole.walk("VTIMEZONE")] == ["Asia/Makassar"]
    events = {str(e["UID"]): e for e in whole.walk("VEVENT")}
    assert len(events) == len(agenda)
    for h in agenda:
        uid = f"agenda-{h['slug']}@{HOST}"
        event = events[uid]
        page = site.soup(f"/agenda/{h['slug']}/")
        link = page.select_one("a[download]")
        assert link.get_text(strip=True) == "Tambahkan ke kalender"
        own_raw = site.path(link["href"].replace(PUBLISHED_SITEURL, "")).read_bytes()
        (own,) = icalendar.Calendar.from_ical(own_raw).walk("VEVENT")
        assert str(own["UID"]) == uid and own.to_ical() == event.to_ical()
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if len(h["mulai"]) == 10:
            assert start == dt.date.fromisoformat(h["mulai"]) and not isinstance(start, dt.datetime)
            assert end == dt.date.fromisoformat(h["selesai"]) + dt.timedelta(days=1)
            assert f"DTSTART;VALUE=DATE:{h['mulai'].replace('-', '')}" in _unfolded(own_raw)
        else:
            wita = dt.datetime.fromisoformat(h["mulai"])
            assert start.utcoffset() == dt.timedelta(hours=8) and start.replace(tzinfo=None) == wita
            assert start.astimezone(dt.UTC).replace(tzinfo=None) == wita - dt.timedelta(hours=8)
            assert end.replace(tzinfo=None) == dt.datetime.fromisoformat(h["selesai"])
            assert f"DTSTART;TZID=Asia/Makassar:{wita:%Y%m%dT%H%M%S}" in _unfolded(own_raw)
        status = {"dibatalkan": "CANCELLED", "ditunda": "TENTATIVE"}.get(h.get("status_acara"), "CONFIRMED")
        assert str(event["STATUS"]) == status
        if "diperbarui" in h:
            minutes = (dt.datetime.fromisoformat(h["diperbarui"]) - dt.datetime.fromisoformat(h["tanggal"]))
            assert int(event["SEQUENCE"]) == minutes.total_seconds() // 60 > 0
        else:
            assert int(event["SEQUENCE"]) == 0
    lines = _unfolded(site.path("/agenda/kalender.ics").read_bytes())
    cancelled = [line for line in lines if line == "STATUS:CANCELLED"]
    assert len(cancelled) == sum(h.get("status_acara") == "dibatalkan" for h in agenda)


def test_a_second_parser_reads_the_same_calendar(site, agenda):
    """ics.py (its own grammar, not icalendar's) agrees on times in UTC, all-day days, UIDs and status."""
    import ics

    events = {e.uid: e for e in ics.Calendar(site.path("/agenda/kalender.ics").read_text(encoding="utf-8")).events}
    assert len(events) == len(agenda)
    for h in agenda:
        event = events[f"agenda-{h['slug']}@{HOST}"]
        if len(h["mulai"]) == 10:
            assert event.all_day and event.begin.date() == dt.date.fromisoformat(h["mulai"])
        else:
            start = dt.datetime.fromisoformat(h["mulai"]).replace(tzinfo=WITA)
            assert not event.all_day and event.begin.datetime == start
            assert event.begin.to("UTC").datetime.replace(tzinfo=None) == start.astimezone(dt.UTC).replace(tzinfo=None)
            assert event.end.datetime == dt.datetime.fromisoformat(h["selesai"]).replace(tzinfo=WITA)
        assert (event.status == "CANCELLED") == (h.get("status_acara") == "dibatalkan")
        assert event.location.startswith(h["lokasi"])


# --- distribution -----------------------------------------------------------------
def _graph(site: Site, url: str) -> dict:
    html = site.path(url).read_text(encoding="utf-8")
    (found,) = extruct.extract(html, base_url=PUBLISHED_SITEURL + url, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return {node["@type"]: node for node in found["@graph"]}


def test_event_json_ld_has_googles_required_and_recommended_fields(site, agenda):
    statuses = {"dibatalkan": "EventCancelled", "ditunda": "EventPostponed"}
    for h in agenda:
        event = _graph(site, f"/agenda/{h['slug']}/")["Event"]
        assert event["name"] == h["judul"]
        assert event["startDate"].startswith(h["mulai"].replace(" ", "T"))
        assert event["endDate"].startswith(h["selesai"].replace(" ", "T"))
        if len(h["mulai"]) > 10:
            assert event["startDate"].endswith("+08:00")
        assert event["location"]["@type"] == "Place" and event["location"]["name"] == h["lokasi"]
        assert event["location"]["address"]["@type"] == "PostalAddress"
        assert event["eventStatus"] == "https://schema.org/" + statuses.get(h.get("status_acara"), "EventScheduled")
        assert event["organizer"]["name"] and event["description"] == h["ringkasan"]
        assert event["url"] == f"{PUBLISHED_SITEURL}/agenda/{h['slug']}/"
        if "koordinat" in h:
            lat = float(h["koordinat"].split(",")[0])
            assert event["location"]["geo"]["latitude"] == lat


def test_announcements_are_articles_with_expiry_in_json_ld(site, pengumuman):
    for h in pengumuman:
        node = _graph(site, f"/pengumuman/{h['slug']}/")["Article"]
        assert node["headline"] == h["judul"] and node["datePublished"].startswith(h["tanggal"][:10])
        assert ("expires" in node) == ("berlaku_sampai" in h)


def test_feeds_sitemap_and_search_records_carry_both_types(site, agenda):
    feed = feedparser.parse(site.path("/feeds/jenis/agenda.atom.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == len(agenda)
    sitemap = site.path("/sitemap.xml").read_text(encoding="utf-8")
    for h in agenda:
        assert f"<loc>{PUBLISHED_SITEURL}/agenda/{h['slug']}/</loc>" in sitemap
    assert f"<loc>{PUBLISHED_SITEURL}/pengumuman/</loc>" in sitemap
    records = site.result.context["search_records_extra"]
    assert {r["jenis"] for r in records} == {"Pengumuman", "Agenda"}
    from distribusi.search import records_of

    every = records_of(site.result.context["articles"], extra=records)
    kinds = {every[i].jenis for i in range(len(every))}
    assert kinds == {"Berita", "Pengumuman", "Agenda"}


def test_news_lists_and_feeds_never_show_announcements_or_events(site):
    for url in ("/", "/feeds/semua.atom.xml", "/arsip/"):
        text = site.path(url).read_text(encoding="utf-8")
        cards = re.findall(r'class="card-title"><a href="([^"]+)"', text)
        assert not [c for c in cards if "/pengumuman/" in c or "/agenda/" in c]
    feed = feedparser.parse(site.path("/feeds/semua.atom.xml").read_bytes())
    assert all("/berita/" in e.link for e in feed.entries)


def test_pagination_is_windowed_with_directory_urls(content, build, tmp_path):
    folder = tiny(content)
    for n in range(23):
        write(folder, "pengumuman", f"p{n:02d}", Judul=f"Pengumuman nomor {n}", Tanggal=f"2026-11-{n + 1:02d} 09:00")
    site = build(content, PAPAN_NOW="2026-12-07 12:00")
    assert site.exists("/pengumuman/halaman/2/") and site.exists("/pengumuman/halaman/3/")
    nav = site.soup("/pengumuman/halaman/2/").select_one("nav.pagination")
    assert nav.select_one('[aria-current="page"]').get_text() == "2"


# --- hostile input and bad input ----------------------------------------------------
HOSTILE = 'Rapat "Uji" & <5 warga < /script> 🚀🇮🇩'
INSTANSI = """
[[instansi]]
name = "Dinas \\"Kominfo\\" & Sandi 🚀"
short = "Kominfo & Co"
slug = "kominfo"
"""


def tiny(content: ContentFolder) -> Path:
    root = content.root
    (root / "instansi.toml").write_text(INSTANSI, encoding="utf-8")
    (root / "lampiran").mkdir(exist_ok=True)
    (root / "lampiran" / "surat.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 3000 + b"\n%%EOF\n")
    content.article("liputan-rapat", Title="Liputan rapat uji")
    return root


PENGUMUMAN = {"Judul": "Pengumuman", "Tanggal": "2026-11-30 10:00", "Instansi": "Kominfo & Co",
              "Kategori": "Umum", "Ringkasan": "Ringkasan pengumuman."}
AGENDA = {"Judul": "Acara", "Tanggal": "2026-11-30 10:00", "Mulai": "2026-12-20 09:00", "Selesai": "2026-12-20 11:00",
          "Lokasi": "Aula", "Penyelenggara": "kominfo & co", "Kategori": "Pemerintahan",
          "Ringkasan": "Ringkasan acara."}


def write(root: Path, jenis: str, slug: str, body: str = "Isi.", **fields) -> Path:
    header = {**(PENGUMUMAN if jenis == "pengumuman" else AGENDA), "Slug": slug, **fields}
    path = root / jenis / f"{slug}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(f"{k}: {v}" for k, v in header.items() if v is not None) + f"\n\n{body}\n",
                    encoding="utf-8")
    return path


def test_hostile_text_in_every_new_field_is_escaped_in_html_json_ld_ics_and_feeds(content, build):
    root = tiny(content)
    write(root, "pengumuman", "hostile", Judul=HOSTILE, Nomor_surat=HOSTILE, Ringkasan=HOSTILE,
          Lampiran="lampiran/surat.pdf", body="<script>alert(1)</script> Isi & <b onclick=x>teks</b>")
    write(root, "agenda", "hostile-acara", Judul=HOSTILE, Lokasi=HOSTILE, Alamat=HOSTILE, Ringkasan=HOSTILE,
          Status_acara="dibatalkan", Diperbarui="2026-12-01 10:00", Liputan="liputan-rapat",
          Mulai="2026-12-01 09:00", Selesai="2026-12-01 10:00", body="<img src=x onerror=alert(1)> Isi.")
    site = build(content, PAPAN_NOW="2026-12-07 12:00")
    for url in ("/pengumuman/hostile/", "/agenda/hostile-acara/", "/pengumuman/", "/agenda/lalu/", "/",
                "/agenda/bulan/2026/12/"):
        html = site.path(url).read_text(encoding="utf-8")
        assert "<5 warga" not in html and "< /script>" not in html and 'onerror' not in html
        assert "onclick" not in html and "alert(1)" not in html.replace("\\u003c", "")
        soup = site.soup(url)
        assert [s.get("type") for s in soup.find_all("script") if s.get("type") != "application/ld+json"
                and s.get("src") is None] == [None, None]  # the theme's inline scripts (text size, Hemat data)
        assert HOSTILE in soup.get_text() or url in ("/", "/pengumuman/")
    page = site.soup("/agenda/hostile-acara/")
    assert page.h1.get_text() == HOSTILE
    assert 'Dinas "Kominfo" & Sandi 🚀' in page.select_one(".papan-facts").get_text()
    event = _graph(site, "/agenda/hostile-acara/")["Event"]
    assert event["name"] == HOSTILE and event["location"]["name"] == HOSTILE
    assert event["location"]["address"]["streetAddress"] == HOSTILE
    assert "<" not in re.sub(r"<script[^>]*>|</script>", "",
                             site.path("/agenda/hostile-acara/").read_text(encoding="utf-8").split(
                                 'application/ld+json">', 1)[1].split("</script>", 1)[0])
    article = _graph(site, "/pengumuman/hostile/")["Article"]
    assert article["headline"] == HOSTILE and article["identifier"] == HOSTILE
    (vevent,) = icalendar.Calendar.from_ical(
        site.path("/agenda/hostile-acara/hostile-acara.ics").read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Dibatalkan: " + HOSTILE
    assert str(vevent["LOCATION"]).startswith(HOSTILE + ", " + HOSTILE)
    assert str(vevent["STATUS"]) == "CANCELLED"
    for name in ("pengumuman", "agenda"):
        feed = feedparser.parse(site.path(f"/feeds/jenis/{name}.atom.xml").read_bytes())
        if name == "agenda":
            assert not feed.bozo and feed.entries[0].title == HOSTILE
    assert site.soup("/agenda/hostile-acara/").select_one(".papan-liputan a")["href"].endswith("/liputan-rapat/")


def _errors(root: Path) -> list[str]:
    errors, _ = check_content(SETTINGS, {"PATH": str(root), "PAPAN_NOW": "2026-12-07 12:00"})
    return errors


@pytest.mark.parametrize(("jenis", "fields", "needle"), [
    ("agenda", {"Mulai": None}, "Mulai: wajib diisi tetapi tidak ada. Perbaikan: tambahkan baris `Mulai: …`"),
    ("agenda", {"Selesai": "2026-12-20 08:00"}, "Selesai: Selesai (2026-12-20 08:00) tidak sesudah Mulai"),
    ("agenda", {"Selesai": "2026-12-21"}, "Selesai: Mulai dan Selesai harus sama-sama tanggal saja"),
    ("agenda", {"Mulai": "20-12-2026 09:00"}, "Mulai: tanggal '20-12-2026 09:00' tidak valid"),
    ("agenda", {"Kategori": "Musrembang"}, "Kategori: kategori 'Musrembang' tidak terdaftar. Perbaikan: mungkin "
                                          "maksud Anda 'Musrenbang'?"),
    ("agenda", {"Penyelenggara": "Kominfo & C"}, "Penyelenggara: 'Kominfo & C' tidak ada di daftar instansi. "
                                                 "Perbaikan: mungkin maksud Anda 'Kominfo & Co'?"),
    ("agenda", {"Status_acara": "batal total"}, "Status_acara: status acara 'batal total' tidak dikenal"),
    ("agenda", {"Status_acara": "dibatalkan"}, "Status_acara: acara dibatalkan tetapi Diperbarui kosong"),
    ("agenda", {"Koordinat": "utara"}, "Koordinat: koordinat 'utara' tidak terbaca"),
    ("agenda", {"Liputan": "liputan-rapt"}, "Liputan: berita 'liputan-rapt' tidak ditemukan. Perbaikan: mungkin "
                                            "maksud Anda 'liputan-rapat'?"),
    ("agenda", {"Tempat": "Aula"}, "Tempat: kunci 'Tempat' tidak dikenal"),
    ("agenda", {"Lokasi": "Aula <script>x</script>"}, "Lokasi: berisi tag HTML"),
    ("pengumuman", {"Lampiran": "lampiran/surta.pdf"}, "Lampiran: berkas lampiran/surta.pdf tidak ada. Perbaikan: "
                                                       "mungkin maksud Anda lampiran/surat.pdf?"),
    ("pengumuman", {"Lampiran": "people.toml"}, "Lampiran: 'people.toml' tidak berada di lampiran/"),
    ("pengumuman", {"Lampiran": "lampiran/virus.exe"}, "Lampiran: jenis berkas .exe tidak diterima"),
    ("pengumuman", {"Lampiran": 'lampiran/Surat "Resmi" & <b>.pdf'}, "Perbaikan: ganti nama berkasnya, mis. "
                                                                      "surat-resmi.pdf"),
    ("pengumuman", {"Berlaku_sampai": "2026-11-01"}, "Berlaku_sampai: Berlaku_sampai (2026-11-01) tidak sesudah"),
    ("pengumuman", {"Instansi": None}, "Instansi: wajib diisi tetapi tidak ada"),
    ("pengumuman", {"Ringkasan": 'Teks &amp; "kutip"'}, "Ringkasan: berisi kode entitas HTML `&amp;`"),
])
def test_bad_input_gives_a_clear_check_error_naming_file_field_and_fix(content, jenis, fields, needle):
    root = tiny(content)
    (root / "lampiran" / "virus.exe").write_bytes(b"MZ")
    path = write(root, jenis, "salah", **fields)
    errors = _errors(root)
    relative = path.relative_to(root).as_posix()
    assert any(e.startswith(relative) and needle in e and "Perbaikan:" in e for e in errors), errors


def test_a_draft_with_problems_only_warns_and_valid_content_passes(content):
    root = tiny(content)
    write(root, "agenda", "baik")
    write(root, "pengumuman", "baik")
    assert _errors(root) == []
    write(root, "agenda", "draf", Status="draf", Mulai=None)
    errors, warnings = check_content(SETTINGS, {"PATH": str(root), "PAPAN_NOW": "2026-12-07 12:00"})
    assert errors == [] and any("agenda/draf.md" in w and "Mulai" in w for w in warnings)


def test_duplicate_slugs_and_a_broken_registry_are_reported(content):
    root = tiny(content)
    write(root, "agenda", "satu", Slug="sama")
    write(root, "agenda", "dua", Slug="sama")
    assert any("agenda/" in e and "slug 'sama' juga dipakai" in e for e in _errors(root))
    (root / "instansi.toml").write_text('[[instansi]]\nname = "Tanpa slug"\n', encoding="utf-8")
    assert any(e.startswith("instansi.toml") and "tanpa name atau slug" in e for e in _errors(root))


def test_changing_an_event_bumps_its_sequence_and_keeps_its_uid(content, build, tmp_path):
    root = tiny(content)
    write(root, "agenda", "acara")
    first = build(content, tmp_path / "satu", PAPAN_NOW="2026-12-07 12:00")
    write(root, "agenda", "acara", Selesai="2026-12-20 12:00", Diperbarui="2026-12-02 08:00")
    second = build(content, tmp_path / "dua", PAPAN_NOW="2026-12-07 12:00")
    (a,) = icalendar.Calendar.from_ical(first.path("/agenda/kalender.ics").read_bytes()).walk("VEVENT")
    (b,) = icalendar.Calendar.from_ical(second.path("/agenda/kalender.ics").read_bytes()).walk("VEVENT")
    assert a["UID"] == b["UID"] and int(b["SEQUENCE"]) > int(a["SEQUENCE"]) == 0
    assert b.decoded("DTEND").hour == 12


def test_without_papan_now_the_build_reads_the_clock_pelican_reads(content, build, monkeypatch):
    root = tiny(content)
    write(root, "agenda", "acara")  # 2026-12-20 09:00–11:00
    freeze(monkeypatch, dt.datetime(2026, 12, 20, 11, 0, tzinfo=WITA))
    site = build(content)
    assert slugs_listed(site, "/agenda/lalu/") == ["acara"] and slugs_listed(site, "/agenda/") == []
    shutil.rmtree(site.output)
    freeze(monkeypatch, dt.datetime(2026, 12, 20, 10, 59, tzinfo=WITA))
    site = build(content)
    assert slugs_listed(site, "/agenda/") == ["acara"]


def test_invoke_new_scaffolds_drafts_that_check_accepts_once_filled(content):
    from portal.scaffold_papan import write_agenda, write_pengumuman

    root = tiny(content)
    when = dt.datetime(2026, 12, 7, 9, 0, tzinfo=WITA)
    announcement = write_pengumuman(root, "Pengumuman \"uji\" & coba", instansi="Kominfo & Co", now=when)
    event = write_agenda(root, "Rapat uji", penyelenggara="kominfo", now=when)
    assert announcement == root / "pengumuman" / "pengumuman-uji-coba.md"
    text = event.read_text(encoding="utf-8")
    assert "Status: draf" in text and "Mulai: 2026-12-14 09:00" in text and "Penyelenggara: kominfo" in text
    errors, warnings = check_content(SETTINGS, {"PATH": str(root), "PAPAN_NOW": "2026-12-07 12:00"})
    assert errors == [] and any("pengumuman/pengumuman-uji-coba.md" in w and "Kategori" in w for w in warnings)
    filled = announcement.read_text(encoding="utf-8").replace("Kategori:", "Kategori: Umum").replace(
        "Ringkasan:", "Ringkasan: Uji.").replace("Status: draf", "Status: terbit")
    announcement.write_text(filled, encoding="utf-8")
    assert _errors(root) == []
    with pytest.raises(SystemExit):
        write_pengumuman(root, "Pengumuman \"uji\" & coba", now=when)


def test_an_announcement_dated_in_the_future_waits_like_a_scheduled_article(content, build, tmp_path):
    from portal.build import Scheduled

    root = tiny(content)
    write(root, "pengumuman", "nanti", Tanggal="2026-12-08 08:00", Lampiran="lampiran/surat.pdf")
    write(root, "pengumuman", "kemarin", Tanggal="2026-12-07 08:00")
    before = build(content, tmp_path / "sebelum", PAPAN_NOW="2026-12-08 07:59")
    assert not before.exists("/pengumuman/nanti/") and not before.exists("/lampiran/surat.pdf")
    assert "nanti" not in before.path("/pengumuman/").read_text(encoding="utf-8")
    due = [w.due for w in before.result.warnings if isinstance(w, Scheduled)]
    assert dt.datetime(2026, 12, 8, 8, 0, tzinfo=WITA) in due
    after = build(content, tmp_path / "sesudah", PAPAN_NOW="2026-12-08 08:00")
    assert after.exists("/pengumuman/nanti/") and after.exists("/lampiran/surat.pdf")


def test_items_and_lists_name_themselves_in_the_head_and_breadcrumb(site, agenda):
    h = agenda[0]
    graph = _graph(site, f"/agenda/{h['slug']}/")
    trail = [item["name"] for item in graph["BreadcrumbList"]["itemListElement"]]
    assert trail == ["Beranda", "Agenda", h["judul"]]
    head = site.soup(f"/agenda/{h['slug']}/")
    assert head.select_one('meta[property="og:title"]')["content"] == h["judul"]
    assert head.select_one('meta[name="description"]')["content"] == h["ringkasan"]
    listing = site.soup("/agenda/lalu/")
    assert listing.select_one('meta[property="og:title"]')["content"] == "Agenda yang sudah berlangsung"
    assert _graph(site, "/agenda/lalu/")["CollectionPage"]["name"] == "Agenda yang sudah berlangsung"


def test_sitemap_dates_a_month_view_by_its_own_events(site, agenda):
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in ET.parse(site.path("/sitemap.xml")).getroot().findall("s:url", ns)}
    for h in agenda:
        start = moment(h["mulai"])
        lastmod = entries[f"{PUBLISHED_SITEURL}/agenda/bulan/{start:%Y}/{start:%m}/"]
        in_month = [g for g in agenda if moment(g["mulai"]).strftime("%Y%m") == f"{start:%Y%m}"]
        assert lastmod[:16] == max(g.get("diperbarui", g["tanggal"]) for g in in_month).replace(" ", "T")
