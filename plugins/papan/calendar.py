"""The agenda as iCalendar (RFC 5545), made with the ``icalendar`` library:
one ``.ics`` per event ("Tambahkan ke kalender") and ``agenda/kalender.ics``
with every published event.

- UID: ``agenda-<slug>@<host>``, the event's address, so a subscribed
  calendar updates the same entry from build to build (an editor must not
  change a published event's Slug).
- SEQUENCE: whole minutes from the event's Tanggal to its Diperbarui (0
  without one). It grows whenever the editor records a change, is read from
  the file itself (so it survives clean CI builds and stays reproducible),
  and ``check`` demands Diperbarui once an event is postponed or cancelled.
- DTSTAMP and LAST-MODIFIED: Diperbarui, else Tanggal (never the build's
  clock: the same content gives the same bytes).
- Times carry TZID=Asia/Makassar with its VTIMEZONE; an all-day event is a
  DATE with an exclusive DTEND, as RFC 5545 asks.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event

PRODID = "-//Diskominfo Lombok Tengah//Warta Lombok Tengah//ID"
STATUS = {"terjadwal": "CONFIRMED", "selesai": "CONFIRMED", "ditunda": "TENTATIVE", "dibatalkan": "CANCELLED"}


def uid_of(item, public_siteurl: str) -> str:
    host = urlsplit(public_siteurl).hostname or "localhost"
    return f"agenda-{item.slug}@{host}"


def event_of(item, public_siteurl: str, strings: dict) -> Event:
    data = item.papan
    event = Event()
    event.add("uid", uid_of(item, public_siteurl))
    changed = getattr(item, "modified", None) or item.date
    event.add("dtstamp", changed.astimezone(dt.UTC))
    event.add("created", item.date.astimezone(dt.UTC))
    event.add("last-modified", changed.astimezone(dt.UTC))
    event.add("sequence", data.sequence)
    title = str(item.title)
    if data.status == "dibatalkan":
        title = f"{strings.get('agenda_status_dibatalkan', 'Dibatalkan')}: {title}"
    elif data.status == "ditunda":
        title = f"{strings.get('agenda_status_ditunda', 'Ditunda')}: {title}"
    event.add("summary", title)
    if data.all_day:
        event.add("dtstart", data.start.date())
        event.add("dtend", data.end.date())
    else:
        event.add("dtstart", data.start)
        event.add("dtend", data.end)
    event.add("status", STATUS[data.status])
    event.add("transp", "TRANSPARENT" if data.all_day else "OPAQUE")
    location = ", ".join(part for part in (data.place.name, data.place.address) if part)
    event.add("location", location)
    if data.place.geo:
        event.add("geo", data.place.geo)
    url = f"{public_siteurl}/{item.url}"
    event.add("url", url)
    organizer = strings.get("agenda_penyelenggara", "Penyelenggara")
    event.add("description", f"{data.summary}\n\n{organizer}: {data.penyelenggara.name}\n{url}")
    event.add("categories", [data.kategori.name])
    return event


def calendar_of(items, public_siteurl: str, strings: dict, name: str) -> bytes:
    """One VCALENDAR holding ITEMS (in the order given), with the VTIMEZONE its times need."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Makassar")
    for item in items:
        calendar.add_component(event_of(item, public_siteurl, strings))
    calendar.add_missing_timezones()
    return calendar.to_ical()
