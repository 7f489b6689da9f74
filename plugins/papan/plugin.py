"""Signal wiring: settings and template helpers at start-up, the generator."""

from __future__ import annotations

import datetime as dt

from newsroom.order import require
from pelican import signals

from . import generator
from .generator import KEY, PapanGenerator, ics_path, waktu_acara

URLS = {
    "PENGUMUMAN_URL": "pengumuman/{slug}/",
    "PENGUMUMAN_SAVE_AS": "pengumuman/{slug}/index.html",
    "PENGUMUMAN_LANG_URL": "pengumuman/{slug}/",
    "PENGUMUMAN_LANG_SAVE_AS": "",
    "AGENDA_URL": "agenda/{slug}/",
    "AGENDA_SAVE_AS": "agenda/{slug}/index.html",
    "AGENDA_LANG_URL": "agenda/{slug}/",
    "AGENDA_LANG_SAVE_AS": "",
}


def on_initialized(pelican) -> None:
    settings = pelican.settings
    require(settings, "papan", needs=("newsroom",))
    for key, value in URLS.items():
        settings.setdefault(key, value)
    # New dicts: Pelican's defaults outlive the build.
    settings["PAGINATED_TEMPLATES"] = {**settings.get("PAGINATED_TEMPLATES", {}), "papan_list": None}
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "waktu_acara": waktu_acara,
                                 "ics_path": ics_path}


def add_generator(pelican):
    return PapanGenerator


def stale_at(context) -> dt.datetime | None:
    """When the output of the build with this generator CONTEXT goes stale by the
    clock alone (an event starts or ends, an announcement expires), or None."""
    build = context.get(KEY) if context else None
    return build.stale_at() if build is not None else None


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(add_generator)


__all__ = ["register", "stale_at", "generator"]
