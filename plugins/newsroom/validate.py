"""Checks of one article's metadata against the schema, the people registry,
the rubrik list and the photo files, and checks across all articles."""

from __future__ import annotations

import difflib
from collections import defaultdict
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .config import NewsroomConfig
from .model import Photo
from .people import Registry
from .problems import Problem
from .schema import ARTICLE_FIELDS, PAGE_FIELDS

_LABEL = {f.key: f.alias or f.label for f in ARTICLE_FIELDS + PAGE_FIELDS}
_ROLE_FIELD = {"author": "penulis", "editor": "editor", "reporter": "wartawan"}


class MetadataCheck:
    """Collects the problems of one file's metadata; ``problem`` records one."""

    def __init__(self, metadata: dict, cfg: NewsroomConfig, registry: Registry):
        self.metadata = metadata
        self.cfg = cfg
        self.registry = registry
        self.path = metadata.get("newsroom_source", "?")
        self.lines = metadata.get("newsroom_lines", {})
        self.written = metadata.get("newsroom_written", {})  # key -> as the editor wrote it
        recorded = metadata.get("newsroom_problems", [])
        self.reported = {key for key, *_ in recorded}  # keys the reader already complained about
        self.problems = [Problem(self.path, line, label, message, fix) for _, line, label, message, fix in recorded]

    def problem(self, key: str, message: str, fix: str) -> None:
        label = self.written.get(key) or _LABEL.get(key, key)
        self.problems.append(Problem(self.path, self.lines.get(key), label, message, fix))

    def text(self, key: str) -> str:
        value = self.metadata.get(key)
        return str(value).strip() if value is not None else ""

    # -- article ---------------------------------------------------------
    def article(self) -> dict:
        """Run every article check; return the people and photo found."""
        # The reader already reported a key whose value it could not parse;
        # "missing" would be a second, wrong message for the same line.
        for f in ARTICLE_FIELDS:
            if f.required == "yes" and not self.text(f.key) and f.key not in self.reported:
                self.problem(f.key, "wajib diisi tetapi tidak ada",
                             f"tambahkan baris `{f.alias or f.label}: …` ({f.rule}) di header")
        title = self.text("title")
        if len(title) > self.cfg.title_max:
            self.problem("title", f"judul {len(title)} karakter, maksimum {self.cfg.title_max}",
                         "persingkat judul")
        date, modified = self.metadata.get("date"), self.metadata.get("modified")
        if date and modified and modified < date:
            self.problem("modified", f"Diperbarui ({modified:%Y-%m-%d %H:%M}) lebih awal dari Tanggal "
                         f"({date:%Y-%m-%d %H:%M})", "isi Diperbarui dengan waktu yang sama atau sesudah Tanggal")
        self._rubrik()
        people = {key: self._person(key) for key in _ROLE_FIELD}
        author, editor = people["author"], people["editor"]
        if author and editor and author == editor and not self.cfg.editor_may_be_author:
            self.problem("editor", f"editor sama dengan penulis ({author.name})",
                         "minta editor lain memeriksa berita ini")
        return {"people": people, "photo": self._photo()}

    def _rubrik(self) -> None:
        category = self.metadata.get("category")
        if not category or not self.cfg.rubrik:
            return
        name = str(category)
        if name not in self.cfg.rubrik:
            close = difflib.get_close_matches(name, list(self.cfg.rubrik), n=1, cutoff=0.5)
            hint = f"mungkin maksud Anda {close[0]!r}? " if close else ""
            self.problem("category", f"rubrik {name!r} tidak terdaftar",
                         f"{hint}rubrik yang ada: {', '.join(self.cfg.rubrik)}")

    def _person(self, key: str):
        value = self.metadata.get(key)
        if not value:
            return None
        name = str(value).strip()
        role = _ROLE_FIELD[key]
        person = self.registry.find(name)
        if person is None:
            hint = self.registry.suggest(name, role)
            fix = f"mungkin maksud Anda {hint!r}?" if hint else f"tambahkan {name} ke {self.registry.source}"
            self.problem(key, f"{name!r} tidak ada di daftar orang", fix)
            return None
        if not person.has_role(role):
            self.problem(key, f"{person.name} tidak terdaftar sebagai {role}",
                         f"tambahkan \"{role}\" pada roles {person.name} di {self.registry.source}")
        return person

    def _photo(self) -> Photo | None:
        path = self.text("image")
        caption, credit = self.text("image_caption"), self.text("image_credit")
        if not path:
            for key, value in (("image_caption", caption), ("image_credit", credit)):
                if value:
                    self.problem(key, "diisi tetapi tidak ada Foto", "tambahkan Foto atau hapus baris ini")
            return None
        for key, value in (("image_caption", caption), ("image_credit", credit)):
            if not value:
                self.problem(key, "foto tanpa " + ("keterangan" if key == "image_caption" else "kredit"),
                             f"tambahkan `{_LABEL[key]}: …` di header")
        size = self._image_size(path)
        if size is None:
            return None
        width, height = size
        if width < self.cfg.min_photo_width:
            self.problem("image", f"foto {path} hanya {width} px lebarnya, minimal {self.cfg.min_photo_width} px",
                         "gunakan foto yang lebih besar")
        return Photo(path.lstrip("/"), caption, credit, width, height)

    def _image_size(self, path: str):
        file = Path(self.cfg.content_path) / path.lstrip("/")
        if not file.is_file():
            self.problem("image", f"berkas foto {path} tidak ditemukan",
                         "simpan foto di content/images/ dan tulis path-nya relatif terhadap content/, "
                         "mis. images/foto/nama.jpg")
            return None
        try:
            with Image.open(file) as image:
                return image.size
        except (UnidentifiedImageError, OSError) as exc:
            self.problem("image", f"berkas foto {path} tidak bisa dibaca ({exc.__class__.__name__})",
                         "simpan ulang sebagai JPEG, PNG atau WebP")
            return None

    # -- page ------------------------------------------------------------
    def page(self) -> None:
        if not self.text("title"):
            self.problem("title", "wajib diisi tetapi tidak ada", "tambahkan baris `Title: …` di header")
        slug = self.text("slug")
        if slug in self.cfg.reserved_page_slugs:
            self.problem("slug", f"slug {slug!r} dipakai oleh bagian lain portal",
                         "pilih slug lain untuk halaman ini")


def check_collection(entries: list[tuple[str, str, dict]], known_slugs: set[str], lines_of) -> list[Problem]:
    """Problems across articles: duplicate slugs and pinned slugs that do not exist.

    ``entries`` holds (source path, slug, metadata) of every article read,
    published or not, so a pin to a draft is reported as such.
    """
    problems: list[Problem] = []
    by_slug: dict[str, list[str]] = defaultdict(list)
    for path, slug, _ in entries:
        by_slug[slug].append(path)
    for slug, paths in by_slug.items():
        if len(paths) > 1:
            for path in paths:
                others = ", ".join(p for p in paths if p != path)
                problems.append(Problem(path, lines_of(path, "slug"), "Slug", f"slug {slug!r} juga dipakai {others}",
                                        "beri salah satu artikel slug lain (baris Slug:)"))
    for path, slug, metadata in entries:
        for pinned in metadata.get("related") or ():
            if pinned == slug:
                problems.append(Problem(path, lines_of(path, "related"), "Terkait",
                                        "artikel menautkan dirinya sendiri", "hapus slug artikel ini dari Terkait"))
            elif pinned not in known_slugs:
                close = difflib.get_close_matches(pinned, list(known_slugs), n=1, cutoff=0.6)
                fix = f"mungkin maksud Anda {close[0]!r}?" if close else "tulis slug artikel yang sudah terbit"
                problems.append(Problem(path, lines_of(path, "related"), "Terkait",
                                        f"slug {pinned!r} tidak ditemukan", fix))
    return problems
