"""The schema.org nodes of a Pengumuman or Agenda page, added by distribusi
to the page's JSON-LD graph (``item.structured_nodes``).

An event is an ``Event`` with eventStatus, eventAttendanceMode, location (a
Place with its PostalAddress and GeoCoordinates), organizer, startDate and
endDate, as Google's event documentation asks. An announcement is an
``Article`` (Google's SpecialAnnouncement is for COVID-19 notices only, and
is deprecated): headline, datePublished, dateModified, author and publisher
the regency's office, with ``expires`` when it has a validity end.
"""

from __future__ import annotations

from newsroom.dates import iso

EVENT_STATUS = {"terjadwal": "https://schema.org/EventScheduled", "selesai": "https://schema.org/EventScheduled",
                "ditunda": "https://schema.org/EventPostponed", "dibatalkan": "https://schema.org/EventCancelled"}


def _org(instansi, absolute) -> dict:
    node = {"@type": "GovernmentOrganization", "name": instansi.name}
    if instansi.url:
        node["url"] = instansi.url
    if instansi.short:
        node["alternateName"] = instansi.short
    return node


def event_nodes(item, canonical: str, absolute, description: str) -> list[dict]:
    data = item.papan
    place = {"@type": "Place", "name": data.place.name,
             "address": {"@type": "PostalAddress", "streetAddress": data.place.address or data.place.name,
                         "addressRegion": "Nusa Tenggara Barat", "addressCountry": "ID"}}
    if data.place.geo:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": data.place.geo[0], "longitude": data.place.geo[1]}
    start = data.start.date().isoformat() if data.all_day else iso(data.start)
    end = data.last_day.isoformat() if data.all_day else iso(data.end)
    event = {
        "@type": "Event",
        "@id": canonical + "#event",
        "name": str(item.title),
        "description": description,
        "startDate": start,
        "endDate": end,
        "eventStatus": EVENT_STATUS[data.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": _org(data.penyelenggara, absolute),
        "url": canonical,
        "inLanguage": "id",
        "isAccessibleForFree": True,
        "mainEntityOfPage": {"@id": canonical},
    }
    if data.liputan is not None:
        event["subjectOf"] = {"@type": "NewsArticle", "url": absolute(data.liputan.url),
                              "headline": str(data.liputan.title)}
    return [event]


def announcement_nodes(item, canonical: str, absolute, description: str) -> list[dict]:
    data = item.papan
    home = absolute("")
    article = {
        "@type": "Article",
        "@id": canonical + "#pengumuman",
        "mainEntityOfPage": {"@id": canonical},
        "headline": str(item.title),
        "description": description,
        "datePublished": iso(item.date),
        "dateModified": iso(getattr(item, "modified", None) or item.date),
        "author": _org(data.instansi, absolute),
        "publisher": {"@id": home + "#organization"},
        "articleSection": data.kategori.name,
        "inLanguage": "id",
        "isAccessibleForFree": True,
    }
    if data.valid_until is not None:
        article["expires"] = iso(data.valid_until)
    if data.nomor_surat:
        article["identifier"] = data.nomor_surat
    if data.lampiran:
        article["associatedMedia"] = [{"@type": "MediaObject", "name": f.name, "contentUrl": absolute(f.url),
                                       "encodingFormat": f.mime, "contentSize": f"{f.size} B"}
                                      for f in data.lampiran]
    return [article]
