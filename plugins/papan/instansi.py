"""The registry of instansi (the regency's offices, OPD) read from one TOML
file, like newsroom's people registry: an announcement's Instansi and an
event's Penyelenggara must name one of them, by name or short name."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from newsroom import problems as newsroom_problems
from newsroom.plaintext import character_problem, markup_problem
from newsroom.slugs import SLUG, suggest

Problem = newsroom_problems.Problem


@dataclass(frozen=True)
class Instansi:
    name: str  # "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    slug: str  # "bkpsdm": /pengumuman/instansi/bkpsdm/
    short: str  # "BKPSDM"; "" when it has none
    url: str = ""  # the office's own website, https only
    address: str = ""

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass
class InstansiRegistry:
    source: str
    entries: dict[str, Instansi] = field(default_factory=dict)  # by lower-case name and short name
    problems: list[Problem] = field(default_factory=list)

    def find(self, name: str) -> Instansi | None:
        return self.entries.get(" ".join(name.split()).lower())

    def suggest(self, name: str) -> str | None:
        names = {key: entry.short or entry.name for key, entry in self.entries.items()}
        match = difflib.get_close_matches(name.lower(), list(names), n=1, cutoff=0.6)
        return names[match[0]] if match else None

    def all(self) -> list[Instansi]:
        return sorted({entry.slug: entry for entry in self.entries.values()}.values(), key=lambda e: e.label)


def load_instansi(content_path: str | Path, relative_file: str) -> InstansiRegistry:
    """Read the registry; its problems are kept (reported with the content's), not raised."""
    registry = InstansiRegistry(source=relative_file)

    def problem(message: str, fix: str, label: str = "instansi") -> None:
        registry.problems.append(Problem(relative_file, None, label, message, fix))

    try:
        data = tomllib.loads((Path(content_path) / relative_file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        problem("berkas daftar instansi tidak ada", f"buat {relative_file} berisi tabel [[instansi]]")
        return registry
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problem(f"TOML tidak valid ({exc})", "perbaiki sintaks TOML pada baris yang disebut")
        return registry
    taken: set[str] = set()
    for number, entry in enumerate(data.get("instansi", []), start=1):
        name = " ".join(str(entry.get("name", "")).split())
        slug = str(entry.get("slug", "")).strip()
        short = " ".join(str(entry.get("short", "")).split())
        url = str(entry.get("url", "")).strip()
        address = " ".join(str(entry.get("address", "")).split())
        if not name or not slug:
            problem(f"instansi #{number} tanpa name atau slug", "isi name dan slug")
            continue
        if not SLUG.match(slug):
            problem(f"{name}: slug {slug!r} bukan huruf kecil, angka dan tanda hubung",
                    f'tulis slug = "{suggest(slug) or suggest(name)}"', "slug")
            continue
        if slug in taken:
            problem(f"slug {slug!r} dipakai dua instansi", "beri setiap instansi slug yang berbeda", "slug")
            continue
        if url and not url.startswith("https://"):
            problem(f"{name}: url {url!r} bukan alamat https://", "tulis alamat lengkap yang diawali https://", "url")
            url = ""
        bad = False
        for key, value in (("name", name), ("short", short), ("address", address), ("url", url)):
            found = character_problem(value) or markup_problem(value)
            if found:
                problem(f"{name!a}: {key} {found[0]}", found[1], key)
                bad = True
        if bad:
            continue
        taken.add(slug)
        item = Instansi(name, slug, short, url, address)
        registry.entries[name.lower()] = item
        if short:
            registry.entries[short.lower()] = item
    return registry
