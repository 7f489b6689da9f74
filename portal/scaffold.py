"""``invoke new``: a new article file with every field of the schema.

What the editor typed is checked before anything is written: a title that
looks like a command-line flag is refused (``invoke new --help`` once wrote
``--help.md``), and the rubrik and people are looked up in the same
registries, with the same "did you mean" hints, as ``invoke check``.
A kind of article (``Kind``) holds what differs between kinds: the extra
header values and the body the editor starts from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.schema import ARTICLE_FIELDS, LABELS
from newsroom.slugs import suggest as slug_of
from newsroom.validate import suggest_rubrik

WITA = ZoneInfo("Asia/Makassar")
SLUG_MAX = 70  # characters; longer titles are cut at the last whole word within it

_ROLE = {"author": "penulis", "editor": "editor"}


class ScaffoldRefused(SystemExit):
    """``invoke new`` wrote nothing: the message says why and what to type instead."""


@dataclass(frozen=True)
class Kind:
    """What one kind of article starts with (``invoke new`` writes the ordinary news kind)."""

    name: str
    body: str
    values: dict[str, str] = field(default_factory=dict)  # header values beyond the editor's options


BERITA = Kind("berita", (
    "Tulis paragraf pertama di sini: siapa, apa, kapan, di mana, mengapa, bagaimana.\n\n"
    "Paragraf berikutnya. Penanda halaman baru ditulis sendirian pada satu baris di antara "
    "paragraf (lihat README).\n"))
KINDS = {BERITA.name: BERITA}


def cut_slug(slug: str, limit: int = SLUG_MAX) -> str:
    """SLUG no longer than LIMIT, cut after the last whole word that fits
    (a single word longer than LIMIT is cut inside it: there is no other place)."""
    if len(slug) <= limit:
        return slug
    head = slug[:limit + 1]  # a hyphen right after the limit means the word before it is whole
    cut = head.rfind("-")
    return (head[:cut] if cut > 0 else slug[:limit]).strip("-")


def make_slug(title: str, limit: int = SLUG_MAX) -> str:
    """The slug of TITLE as the check's slug rule wants it, within LIMIT at a word boundary."""
    return cut_slug(slug_of(title), limit)


def check_title(title: str) -> str:
    """The title with its spaces tidied; refused when empty or when it starts with "-"."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldRefused('Judul kosong: tulis judul artikel, mis. invoke new "Judul artikel" '
                              '(atau make new JUDUL="Judul artikel").')
    if title.startswith("-"):
        raise ScaffoldRefused(
            f"Judul {title!r} diawali tanda '-', jadi terbaca sebagai pilihan perintah, bukan judul: tidak ada "
            "berkas yang dibuat. Tulis judul di antara tanda kutip, mis. invoke new \"Judul artikel\" --rubrik "
            "\"Pemerintahan\"; lihat pilihannya dengan invoke new --help. Judul yang memang diawali '-': buat "
            "berkasnya dengan judul lain, lalu ubah baris Judul: di berkas itu.")
    if not slug_of(title):
        raise ScaffoldRefused(f"Judul {title!r} tidak berisi huruf atau angka, sehingga tidak bisa menjadi alamat "
                              "artikel: tulis judul dengan kata-kata.")
    return title


def check_options(*, rubrik: str = "", penulis: str = "", editor: str = "", rubrik_names=(), registry=None
                  ) -> tuple[dict[str, str], list[str]]:
    """The options as they will be written (names as registered) and the problems found.

    RUBRIK_NAMES are the configured rubrik (RUBRIK); REGISTRY is the people
    registry (newsroom.people.Registry). An empty option is left for the editor to fill.
    """
    values: dict[str, str] = {}
    problems: list[str] = []
    rubrik = " ".join(rubrik.split())
    if rubrik:
        names = list(rubrik_names)
        same = next((n for n in names if n.lower() == rubrik.lower()), None)
        if same is not None:
            values["category"] = same
        else:
            hint = suggest_rubrik(rubrik, names)
            problems.append(f"--rubrik: rubrik {rubrik!r} tidak terdaftar. "
                            + (f"Mungkin maksud Anda {hint!r}? " if hint else "")
                            + f"Rubrik yang ada: {', '.join(names) or '(belum ada: isi RUBRIK di pelicanconf.py)'}.")
    for key, option, given in (("author", "--penulis", penulis), ("editor", "--editor", editor)):
        name = " ".join(given.split())
        if not name:
            continue
        role = _ROLE[key]
        if registry is None or not registry.people:
            problems.append(f"{option}: daftar orang tidak bisa dibaca, jadi {name!r} tidak bisa diperiksa. "
                            "Jalankan invoke check untuk melihat masalahnya.")
            continue
        person = registry.find(name)
        if person is None:
            hint = registry.suggest(name, role)
            problems.append(f"{option}: {name!r} tidak ada di daftar orang ({registry.source}). "
                            + (f"Mungkin maksud Anda {hint!r}?" if hint else
                               f"Tambahkan dulu orang itu ke {registry.source} dengan peran {role}."))
        elif not person.has_role(role):
            problems.append(f"{option}: {person.name} tidak terdaftar sebagai {role}. Tambahkan \"{role}\" pada "
                            f"roles {person.name} di {registry.source}, atau pilih orang lain.")
        else:
            values[key] = person.name
    return values, problems


def article_text(title: str, slug: str, now: dt.datetime, values: dict[str, str], kind: Kind = BERITA) -> str:
    """The file's text: every field of the schema in its order (the alias
    where there is one), the given values filled in, then the kind's body."""
    filled = {"title": title, "slug": slug, "date": f"{now:%Y-%m-%d %H:%M}", "status": "draft",
              **kind.values, **values}
    return "\n".join(header_lines(ARTICLE_FIELDS, filled, lambda item: LABELS[item.key])) + "\n\n" + kind.body


def header_lines(fields, filled: dict, label=lambda item: item.alias or item.label) -> list[str]:
    """A scaffold's header: every field of FIELDS (a schema table) in its order,
    named by LABEL, with its FILLED value or empty for the editor to fill."""
    lines = []
    for item in fields:
        if item.key == "modified":
            continue  # set it when the content changes after publication
        value = filled.get(item.key)
        lines.append(f"{label(item)}: {value}".rstrip() if value else f"{label(item)}:")
    return lines


def write_article(content: Path, title: str, *, rubrik: str = "", penulis: str = "", editor: str = "",
                  now: dt.datetime | None = None, rubrik_names=None, registry=None, kind: Kind = BERITA) -> Path:
    """Write the scaffold and return its path; never overwrite an existing file.

    With RUBRIK_NAMES and REGISTRY the options are checked against them first
    (ScaffoldRefused lists every problem); without them they are written as given.
    """
    title = check_title(title)
    if rubrik_names is not None or registry is not None:
        values, problems = check_options(rubrik=rubrik, penulis=penulis, editor=editor,
                                         rubrik_names=rubrik_names or (), registry=registry)
        if problems:
            raise ScaffoldRefused("Tidak ada berkas yang dibuat:\n" + "\n".join(f"- {p}" for p in problems))
    else:
        values = {k: v for k, v in (("category", rubrik), ("author", penulis), ("editor", editor)) if v}
    now = (now or dt.datetime.now(WITA)).astimezone(WITA)
    slug = make_slug(title)
    path = content / "articles" / f"{now:%Y-%m-%d}-{slug}.md"
    if path.exists():
        raise ScaffoldRefused(f"{path} sudah ada: pilih judul lain atau sunting berkas itu.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text(title, slug, now, values, kind), encoding="utf-8")
    return path
