"""The people registry (penulis, editor, wartawan) read from one TOML file."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import encoding, slugs
from .plaintext import character_problem, markup_problem
from .problems import Problem

ROLES = ("penulis", "editor", "wartawan")


@dataclass(frozen=True)
class Person:
    name: str
    slug: str
    roles: tuple[str, ...]
    bio: str = ""
    photo: str | None = None  # path relative to the content folder

    def has_role(self, role: str) -> bool:
        return role in self.roles


@dataclass
class Registry:
    source: str
    people: dict[str, Person] = field(default_factory=dict)  # by lower-case name
    problems: list[Problem] = field(default_factory=list)

    def find(self, name: str) -> Person | None:
        return self.people.get(" ".join(name.split()).lower())

    def suggest(self, name: str, role: str | None = None) -> str | None:
        """The closest registered name, for a "did you mean" hint."""
        names = {p.name.lower(): p.name for p in self.people.values() if role is None or p.has_role(role)}
        match = difflib.get_close_matches(name.lower(), list(names), n=1, cutoff=0.6)
        if not match:  # a first or last name alone ("Sinto") still deserves a hint
            match = [n for n in names if name.lower() in n.split()][:1]
        return names[match[0]] if match else None


def load_registry(content_path: str | Path, relative_file: str, photos) -> Registry:
    """Read the registry; problems in the file itself are kept, not raised.
    PHOTOS (a gambar.PhotoLibrary) judges the portraits."""
    path = Path(content_path) / relative_file
    registry = Registry(source=relative_file)

    def problem(message: str, fix: str, field_name: str = "person") -> None:
        registry.problems.append(Problem(relative_file, None, field_name, message, fix))

    try:
        text, not_utf8 = encoding.decode(path.read_bytes())
        if not_utf8:
            registry.problems.append(Problem(relative_file, not_utf8.line, "Berkas", not_utf8.message, encoding.FIX))
            return registry
        data = tomllib.loads(text)
    except FileNotFoundError:
        problem("berkas daftar orang tidak ada", f"buat {relative_file} berisi tabel [[person]]")
        return registry
    except tomllib.TOMLDecodeError as exc:
        problem(f"TOML tidak valid ({exc})", "perbaiki sintaks TOML pada baris yang disebut")
        return registry

    taken: set[str] = set()
    for index, entry in enumerate(data.get("person", []), start=1):
        label = f"person #{index}"
        name = " ".join(str(entry.get("name", "")).split())
        slug = str(entry.get("slug", "")).strip()
        roles = tuple(entry.get("roles", ()))
        if not name or not slug:
            problem(f"{label} tanpa name atau slug", "isi name dan slug")
            continue
        if not slugs.SLUG.match(slug):  # it is the address /penulis/SLUG/: nothing but one plain segment
            better = slugs.suggest(slug) or slugs.suggest(name)
            registry.problems.append(Problem(
                relative_file, _key_line(text, index, "slug"), "slug",
                f"{_printable(name)}: slug {slug!r} bukan huruf kecil, angka dan tanda hubung",
                f'tulis slug = "{better}"' if better else "tulis slug dari huruf kecil, angka dan tanda hubung"))
            continue
        bad_roles = [r for r in roles if r not in ROLES]
        if not roles or bad_roles:
            problem(f"{name}: peran tidak dikenal {bad_roles or '[]'}", f"gunakan salah satu dari {', '.join(ROLES)}",
                    "roles")
            continue
        if slug in taken:
            problem(f"slug {slug!r} dipakai dua orang", "beri setiap orang slug yang berbeda", "slug")
            continue
        photo = entry.get("photo")
        if photo:
            trouble = _portrait_problem(photos, str(photo))
            if trouble is not None:
                line = _line_of(text, f'"{photo}"') or _line_of(text, str(photo))
                registry.problems.append(Problem(relative_file, line, "photo", f"{name}: {trouble.message}",
                                                 trouble.fix))
                photo = None
        bio = str(entry.get("bio", "")).strip()
        for key, value in (("name", name), ("bio", bio)):  # plain text, like article fields
            found = character_problem(value) or markup_problem(value)
            if found:
                registry.problems.append(Problem(relative_file, _key_line(text, index, key), key,
                                                 f"{_printable(name)}: {key} {found[0]}", found[1]))
        taken.add(slug)
        registry.people[name.lower()] = Person(name, slug, roles, bio, photo)
    return registry


def _portrait_problem(library, photo: str):
    """Why a portrait cannot be used (outside content/images, missing,
    unreadable, too large), as plugins/gambar judges every photo; or None."""
    from gambar import PhotoProblem  # imported here: PLUGINS loads newsroom before gambar

    try:
        library.inspect(library.find(photo, "foto"), photo)
    except PhotoProblem as problem:
        return problem
    return None


def _key_line(text: str, index: int, key: str) -> int | None:
    """The line of ``KEY =`` in the INDEX-th (from 1) ``[[person]]`` table;
    found by the key, as the value may be written with a TOML escape."""
    tables = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"\s*\[\[\s*person\s*\]\]", line):
            tables += 1
        elif tables == index and re.match(rf"\s*{key}\s*=", line):
            return number
    return None


def _printable(name: str) -> str:
    """NAME without the characters its own problem is about, fit for a message."""
    return name if character_problem(name) is None else ascii(name)


def _line_of(text: str, value: str) -> int | None:
    """The first line of the registry that holds VALUE."""
    for number, line in enumerate(text.splitlines(), start=1):
        if value in line:
            return number
    return None
