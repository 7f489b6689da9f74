"""The generator of Pengumuman and Agenda: reads and checks their files
(``generate_context``, so ``invoke check`` runs the same checks), then writes
their pages, calendars and feeds (``generate_output``)."""

from __future__ import annotations

import calendar as monthcal
import datetime as dt
import logging
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newsroom import body, dates, report_problems, state
from newsroom import problems as newsroom_problems
from pelican.generators import Generator

from . import calendar, feeds
from .check import ItemCheck
from .config import PapanConfig
from .instansi import load_instansi
from .model import Agenda, Pengumuman

logger = logging.getLogger(__name__)
KEY = "papan_build"
FOLDERS = {"pengumuman": Pengumuman, "agenda": Agenda}


@dataclass
class Month:
    year: int
    month: int

    @property
    def url(self) -> str:
        return f"agenda/bulan/{self.year:04d}/{self.month:02d}/"

    @property
    def name(self) -> str:
        return f"{dates.BULAN[self.month - 1]} {self.year}"

    def shift(self, by: int) -> Month:
        number = self.year * 12 + self.month - 1 + by
        return Month(number // 12, number % 12 + 1)


@dataclass
class PapanBuild(state.BuildState):
    cfg: PapanConfig
    pengumuman: list = field(default_factory=list)  # published, newest first
    agenda: list = field(default_factory=list)  # published, by start
    hidden: list = field(default_factory=list)  # written, listed nowhere
    problems: list = field(default_factory=list)

    # -- lists ---------------------------------------------------------------
    @property
    def pengumuman_aktif(self) -> list:
        return [p for p in self.pengumuman if not p.papan.expired]

    @property
    def pengumuman_lama(self) -> list:
        return [p for p in self.pengumuman if p.papan.expired]

    @property
    def agenda_mendatang(self) -> list:
        return sorted((a for a in self.agenda if a.papan.upcoming), key=lambda a: (a.papan.start, a.slug))

    @property
    def agenda_lalu(self) -> list:
        return sorted((a for a in self.agenda if not a.papan.upcoming), key=lambda a: (a.papan.start, a.slug),
                      reverse=True)

    @property
    def empty(self) -> bool:
        return not (self.pengumuman or self.agenda or self.hidden)

    def has_feed(self, jenis: str) -> bool:
        """Whether feeds/jenis/JENIS.atom.xml is written (an empty feed is not)."""
        return bool(self.pengumuman_aktif if jenis == "pengumuman" else self.agenda)

    def home(self):
        n = self.cfg.home_items
        return {"pengumuman": self.pengumuman_aktif[:n], "agenda": self.agenda_mendatang[:n]}

    def stale_at(self) -> dt.datetime | None:
        """The next moment the clock alone changes the output: an event starts
        or ends, an announcement expires."""
        now = self.cfg.now
        moments = [m for a in self.agenda for m in (a.papan.start, a.papan.end) if m > now]
        moments += [p.papan.valid_until for p in self.pengumuman
                    if p.papan.valid_until is not None and p.papan.valid_until > now]
        return min(moments, default=None)


def build_of(context) -> PapanBuild:
    return state.of(context, KEY, "papan")


class PapanGenerator(Generator):
    """Reads content/pengumuman/ and content/agenda/; writes their pages."""

    def generate_context(self) -> None:
        cfg = PapanConfig.from_settings(self.settings)
        build = state.start(self, KEY, lambda: PapanBuild(cfg))
        files = {folder: sorted(self.get_files(folder, extensions=("md",))) for folder in FOLDERS
                 if os.path.isdir(os.path.join(self.path, folder))}
        # A site without announcements or events needs no registry of instansi.
        registry = load_instansi(cfg.content_path, cfg.instansi_file) if any(files.values()) else None
        problems = list(registry.problems) if registry else []
        articles = {a.slug: a for a in self.context.get("articles", ())}
        seen: dict[tuple[str, str], str] = {}
        for folder, klass in FOLDERS.items():
            for path in files.get(folder, ()):
                item = self.readers.read_file(base_path=self.path, path=path, content_class=klass,
                                              context=self.context)
                found = self._check(item, folder, cfg, registry, articles)
                body.publish(item)
                if item.status == "draft":
                    for problem in found:
                        logger.warning("draf %s", problem)
                    continue
                problems.extend(found)
                if found or getattr(item, "papan", None) is None:  # None: the registry's own problem is reported
                    continue
                source = item.metadata.get("newsroom_source", path)
                other = seen.setdefault((folder, item.slug), source)
                if other != source:
                    problems.append(newsroom_problems.Problem(
                        source, item.metadata.get("newsroom_lines", {}).get("slug"), "Slug",
                        f"slug {item.slug!r} juga dipakai {other}", "beri salah satu slug lain (baris Slug:)"))
                    continue
                if item.date > cfg.now:
                    logger.warning("terjadwal: %s %s — tayang %s", folder, item.title,
                                   dates.tanggal_panjang(item.date), extra={"scheduled_at": item.date})
                    continue
                if item.status == "hidden":
                    build.hidden.append(item)
                elif folder == "pengumuman":
                    build.pengumuman.append(item)
                else:
                    build.agenda.append(item)
        build.pengumuman.sort(key=lambda p: (p.date, p.slug), reverse=True)
        build.agenda.sort(key=lambda a: (a.papan.start, a.slug))
        build.problems = problems
        report_problems(self, problems)
        self.context["papan"] = build
        if not build.empty:  # a site without announcements and events shows no blocks and writes no pages
            self.context["papan_home"] = build.home()
        if build.agenda:  # before any page is written: /agenda/ links this month's calendar
            self.context["papan_month_now"] = Month(cfg.now.year, cfg.now.month)
        self.context["search_records_extra"] = [record_of(i) for i in (*build.pengumuman, *build.agenda)]

    def _check(self, item, jenis, cfg, registry, articles) -> list:
        metadata = dict(item.metadata)
        for key in ("date", "modified"):  # compared as the aware times Pelican made of them
            if hasattr(item, key):
                metadata[key] = getattr(item, key)
        check = ItemCheck(metadata, cfg, registry, articles)
        data = check.pengumuman() if jenis == "pengumuman" else check.agenda()
        if data is not None:
            item.papan = data
        return check.problems

    # -- output ----------------------------------------------------------------
    def generate_output(self, writer) -> None:
        build = build_of(self.context)
        if build.problems or build.empty:
            return
        T = self.settings.get("JINJA_GLOBALS", {}).get("T", {})
        output = Path(self.output_path)
        published = (*build.pengumuman, *build.agenda, *build.hidden)
        for item in published:
            writer.write_file(item.save_as, self.get_template(item.template), self.context, page=item, item=item,
                              relative_urls=self.settings["RELATIVE_URLS"])
        self._lists(writer, build, T)
        self._months(writer, build, T)
        self._lampiran(build, output)
        self._calendars(build, output, T)
        self._feeds(build, output, T)

    def _list(self, writer, url: str, items, heading: str, jenis: str, **extra) -> None:
        build = build_of(self.context)
        items = list(items)
        every = build.pengumuman if jenis == "pengumuman" else build.agenda
        writer.write_file(url + "index.html", self.get_template("papan/list"), self.context,
                          paginated={"articles": items}, template_name="papan_list", url=url,
                          relative_urls=self.settings["RELATIVE_URLS"], list_heading=heading, jenis=jenis,
                          page_lastmod=changed(items) or changed(every), **extra)

    def _lists(self, writer, build: PapanBuild, T) -> None:
        self._list(writer, "pengumuman/", build.pengumuman_aktif, T["pengumuman_title"], "pengumuman",
                   other_link=("pengumuman/tidak-berlaku/", T["pengumuman_expired_list"]))
        self._list(writer, "pengumuman/tidak-berlaku/", build.pengumuman_lama, T["pengumuman_expired_list"],
                   "pengumuman", other_link=("pengumuman/", T["pengumuman_title"]))
        self._list(writer, "agenda/", build.agenda_mendatang, T["agenda_title"], "agenda",
                   other_link=("agenda/lalu/", T["agenda_past_list"]))
        self._list(writer, "agenda/lalu/", build.agenda_lalu, T["agenda_past_list"], "agenda",
                   other_link=("agenda/", T["agenda_upcoming_list"]))
        for jenis, items, facets in (
                ("pengumuman", build.pengumuman, (("kategori", "kategori"), ("instansi", "instansi_term"))),
                ("agenda", build.agenda_mendatang + build.agenda_lalu,
                 (("kategori", "kategori"), ("penyelenggara", "penyelenggara_term")))):
            for _facet, attribute in facets:
                groups = defaultdict(list)
                for item in items:
                    groups[getattr(item.papan, attribute)].append(item)
                for term, members in sorted(groups.items(), key=lambda kv: kv[0].name):
                    self._list(writer, term.url, members, f"{T[jenis + '_title']}: {term.name}", jenis,
                               other_link=(f"{jenis}/", T[jenis + "_title"]))

    def _months(self, writer, build: PapanBuild, T) -> None:
        if not build.agenda:
            return
        first = Month(build.agenda[0].papan.start.year, build.agenda[0].papan.start.month)
        last_day = max(a.papan.last_day for a in build.agenda)
        now = build.cfg.now
        last = max(Month(last_day.year, last_day.month), Month(now.year, now.month),
                   key=lambda m: (m.year, m.month))
        first = min(first, Month(now.year, now.month), key=lambda m: (m.year, m.month))
        month = first
        while (month.year, month.month) <= (last.year, last.month):
            by_day = defaultdict(list)
            for item in build.agenda:
                for day in item.papan.days():
                    if (day.year, day.month) == (month.year, month.month):
                        by_day[day].append(item)
            weeks = monthcal.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
            previous = month.shift(-1)
            following = month.shift(1)
            writer.write_file(month.url + "index.html", self.get_template("papan/agenda_bulan"), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], month=month, weeks=weeks,
                              by_day=dict(sorted(by_day.items())), today=now.date(),
                              previous_month=previous if (previous.year, previous.month) >= (first.year, first.month)
                              else None,
                              next_month=following if (following.year, following.month) <= (last.year, last.month)
                              else None, hari=dates.HARI,
                              # the sitemap dates the page by its events (else by the whole agenda), not by the news
                              page_lastmod=changed(list(dict.fromkeys(i for v in by_day.values() for i in v)))
                              or changed(build.agenda))
            month = following

    def _lampiran(self, build: PapanBuild, output: Path) -> None:
        """Attachments are published as they are (PDFs are not re-encoded), only those a written page lists."""
        root = Path(build.cfg.content_path)
        for item in (*build.pengumuman, *build.hidden):
            for file in getattr(item.papan, "lampiran", ()):
                target = output / file.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / file.path, target)

    def _calendars(self, build: PapanBuild, output: Path, T) -> None:
        site = build.cfg.public_siteurl
        for item in (*build.agenda, *(h for h in build.hidden if h.jenis == "agenda")):
            target = output / ics_path(item)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(calendar.calendar_of([item], site, T, str(item.title)))
        (output / "agenda").mkdir(parents=True, exist_ok=True)
        name = f"{self.settings.get('SITENAME', '')} – {T['agenda_title']}"
        (output / "agenda" / "kalender.ics").write_bytes(calendar.calendar_of(build.agenda, site, T, name))

    def _feeds(self, build: PapanBuild, output: Path, T) -> None:
        domain = self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL", "")
        sitename = self.settings.get("SITENAME", "")
        n = build.cfg.feed_items  # an empty feed is not written: its <updated> would be the clock
        newest = sorted(build.pengumuman_aktif, key=lambda p: (p.date, p.slug), reverse=True)[:n]
        feeds.write_feed(output / feeds.path_of("pengumuman"), newest, f"{sitename} – {T['pengumuman_title']}",
                         f"{domain}/pengumuman/", domain, lambda p: p.papan.summary)
        announced = sorted(build.agenda, key=lambda a: (a.date, a.slug), reverse=True)[:n]
        feeds.write_feed(output / feeds.path_of("agenda"), announced, f"{sitename} – {T['agenda_title']}",
                         f"{domain}/agenda/", domain,
                         lambda a: f"{waktu_acara(a)} · {a.papan.place.name}. {a.papan.summary}")


def changed(items) -> dt.datetime | None:
    """The latest Diperbarui (else Tanggal) of ITEMS: a list page's date in the sitemap; None for none."""
    return max((getattr(i, "modified", None) or i.date for i in items), default=None)


def ics_path(item) -> str:
    return f"{item.url}{item.slug}.ics"


def waktu_acara(item) -> str:
    """'Kamis, 14 Januari 2027 08:30–12:00 WITA', '14–16 Januari 2027 (sepanjang hari)' …: plain text."""
    data = item.papan
    start, end = data.start, data.end
    if data.all_day:
        first, last = start.date(), data.last_day
        if first == last:
            return f"{dates.HARI[first.weekday()]}, {dates.tanggal(first)}"
        return f"{dates.tanggal(first)} – {dates.tanggal(last)}"
    if start.date() == end.date():
        return f"{dates.tanggal_panjang(start).rsplit(' ', 1)[0]}–{end:%H:%M} WITA"
    return f"{dates.tanggal_panjang(start)} – {dates.tanggal_panjang(end)}"


def record_of(item) -> dict:
    """The search record of an item (plugins/distribusi feeds it to Pagefind), with its jenis."""
    data = item.papan
    label = {"pengumuman": "Pengumuman", "agenda": "Agenda"}[item.jenis]
    text = " ".join(" ".join(part.split()) for part in (data.summary, _body_text(item)) if part)
    return {"url": f"/{item.url}", "title": str(item.title), "text": text, "rubrik": data.kategori.name,
            "date": item.date.date().isoformat(), "jenis": label}


def _body_text(item) -> str:
    return body.of(item).text
