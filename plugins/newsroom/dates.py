"""Indonesian date and time rendering that needs no installed locale."""

from __future__ import annotations

import datetime as dt
import re

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
ZONE_NAMES = {8 * 3600: "WITA", 7 * 3600: "WIB", 9 * 3600: "WIT"}

DATE_FORMAT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$")


def parse_strict(value: str) -> dt.datetime:
    """Parse ``YYYY-MM-DD HH:MM``; anything looser is an editor's mistake.

    Pelican's own parser guesses (``30-08-2023`` may become March 8), which
    is how wrong dates reach readers; here a guess is an error.

    The ValueError's text says in Indonesian what is impossible: the format,
    the time of day (``25:00``), or the day (``2026-02-30``).
    """
    match = DATE_FORMAT.match(value.strip())
    if not match:
        raise ValueError("format tidak dikenali")
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    for name, number, limit in (("jam", hour, 23), ("menit", minute, 59), ("detik", second, 59)):
        if number > limit:
            seconds = ", detik 00–59" if name == "detik" else ""
            raise ValueError(f"{name} {number:02d} tidak ada; jam 00–23, menit 00–59{seconds}")
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:  # 2026-02-30, month 13, day 00
        raise ValueError("tanggal tidak ada di kalender") from None


def zone_name(moment: dt.datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    return ZONE_NAMES.get(int(offset.total_seconds()), moment.strftime("UTC%z"))


def tanggal_panjang(moment: dt.datetime) -> str:
    """'Rabu, 30 Agustus 2023 14:05 WITA'."""
    # numbers, not strftime: Pelican's SafeDatetime.strftime is slow, and this runs on every card
    text = f"{HARI[moment.weekday()]}, {moment.day} {BULAN[moment.month - 1]} {moment.year} " \
           f"{moment.hour:02d}:{moment.minute:02d}"
    zone = zone_name(moment)
    return f"{text} {zone}" if zone else text


def tanggal(moment: dt.datetime) -> str:
    """'30 Agustus 2023'."""
    return f"{moment.day} {BULAN[moment.month - 1]} {moment.year}"


def tanggal_pendek(moment: dt.datetime) -> str:
    """'30/08/2023', the short form used in lists."""
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year:04d}"


def iso(moment: dt.datetime) -> str:
    """'2023-08-30T14:05:00+08:00' for <time datetime> and structured data."""
    return moment.isoformat(timespec="seconds")
