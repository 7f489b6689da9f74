"""Checks of one article's metadata against the schema, the people registry,
the rubrik list and the photo files, and checks across all articles."""

from __future__ import annotations

import difflib
from collections import defaultdict

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from .config import NewsroomConfig
from .model import Photo
from .people import Registry
from .problems import Problem
from .schema import ARTICLE_FIELDS, LABELS
from .slugs import SLUG, suggest

_ROLE_FIELD = {"author": "penulis", "editor": "editor", "reporter": "wartawan"}


def suggest_rubrik(name: str, rubrik) -> str | None:
    """The configured rubrik closest to NAME, for a "did you mean" hint (the check's and ``invoke new``'s)."""
    names = list(rubrik)
    same = [n for n in names if n.lower() == name.lower()]
    close = same or difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    return close[0] if close else None


class MetadataCheck:
    """Collects the problems of one file's metadata; ``problem`` records one."""

    def __init__(self, metadata: dict, cfg: NewsroomConfig, registry: Registry, photos):
        self.metadata = metadata
        self.cfg = cfg
        self.photos = photos  # the build's gambar.PhotoLibrary
        self.registry = registry
        self.path = metadata.get("newsroom_source", "?")
        self.lines = metadata.get("newsroom_lines", {})
        self.written = metadata.get("newsroom_written", {})  # key -> as the editor wrote it
        recorded = metadata.get("newsroom_problems", [])
        self.reported = {key for key, *_ in recorded}  # keys the reader already complained about
        self.missing: set[str] = set()  # required keys the header lacks (set by article())
        self.problems = [Problem(self.path, line, label, message, fix) for _, line, label, message, fix in recorded]

    def problem(self, key: str, message: str, fix: str) -> None:
        label = self.written.get(key) or LABELS.get(key, key)
        self.problems.append(Problem(self.path, self.lines.get(key), label, message, fix))

    def text(self, key: str) -> str:
        value = self.metadata.get(key)
        return str(value).strip() if value is not None else ""

    # -- article ---------------------------------------------------------
    def article(self) -> dict:
        """Run every article check; return the people and photo found."""
        # The reader already reported a key whose value it could not parse;
        # "missing" would be a second, wrong message for the same line.
        # "Written" is what the header holds: Pelican fills some fields with
        # defaults (a missing Rubrik would become DEFAULT_CATEGORY).
        # A required key written empty ("Rubrik:") is empty, not missing: Pelican would
        # fill some of them with a default (DEFAULT_CATEGORY) that the editor never wrote.
        empty = set(self.metadata.get("newsroom_empty", ()))
        self.missing = {f.key for f in ARTICLE_FIELDS if f.required == "yes"
                        and (f.key not in self.written or f.key in empty or not self.text(f.key))}
        after_header = self.metadata.get("newsroom_after_header") or {}
        for f in ARTICLE_FIELDS:
            if f.key not in self.missing or f.key in self.reported or f.key in after_header:
                continue  # a key below a blank line: the reader's "header ended at line N" explains it
            name = f.alias or f.label
            if f.key in self.written and f.key in empty:
                choices = f": {', '.join(self.cfg.rubrik)}" if f.key == "category" and self.cfg.rubrik else ""
                self.problem(f.key, f"kosong: baris `{self.written[f.key]}:` ada tetapi nilainya tidak diisi",
                             f"tulis nilainya sesudah `{self.written[f.key]}:` ({f.rule}{choices})")
            else:
                self.problem(f.key, "wajib diisi tetapi tidak ada", f"tambahkan baris `{name}: …` ({f.rule}) di header")
        self._slug()
        title = self.text("title")
        if len(title) > self.cfg.title_max:
            self.problem("title", f"judul {len(title)} karakter, maksimum {self.cfg.title_max}",
                         "persingkat judul")
        date, modified = self.metadata.get("date"), self.metadata.get("modified")
        if date and modified and modified < date:
            self.problem("modified", f"Diperbarui ({modified:%Y-%m-%d %H:%M}) lebih awal dari Tanggal "
                         f"({date:%Y-%m-%d %H:%M})", "isi Diperbarui dengan waktu yang sama atau sesudah Tanggal")
        self._rubrik()
        self._tags()
        people = {key: self._person(key) for key in _ROLE_FIELD}
        author, editor = people["author"], people["editor"]
        if author and editor and author == editor and not self.cfg.editor_may_be_author:
            self.problem("editor", f"editor sama dengan penulis ({author.name})",
                         "minta editor lain memeriksa berita ini")
        return {"people": people, "photo": self._photo()}

    def _slug(self) -> None:
        slug = self.text("slug")
        if slug and not SLUG.match(slug) and "slug" not in self.reported:  # an invisible character, reported
            self.problem("slug", f"slug {slug!r} bukan huruf kecil, angka dan tanda hubung",
                         f"tulis Slug: {suggest(slug)}")

    def _rubrik(self) -> None:
        category = self.metadata.get("category")
        if "category" in self.missing | self.reported or not self.cfg.rubrik:
            return
        name = str(category)
        if name not in self.cfg.rubrik:
            close = suggest_rubrik(name, list(self.cfg.rubrik))
            hint = f"mungkin maksud Anda {close!r}? " if close else ""
            self.problem("category", f"rubrik {name!r} tidak terdaftar",
                         f"{hint}rubrik yang ada: {', '.join(self.cfg.rubrik)}")

    def _tags(self) -> None:
        """A tag whose slug comes out empty ("!!!", emoji alone) would link to /tag//."""
        if "tags" in self.reported:  # markup in the line is reported already, by the reader
            return
        for tag in self.metadata.get("tags") or ():
            if not getattr(tag, "slug", "x"):
                self.problem("tags", f"tag {str(tag)!r} tidak menghasilkan alamat halaman (slug kosong), "
                             "sehingga tautannya rusak", "pakai huruf atau angka dalam tag itu, atau hapus tag itu")

    def _person(self, key: str):
        value = self.metadata.get(key) if key not in self.missing | self.reported else None
        if not value or not self.registry.people:  # an unreadable registry is reported once, not per article
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
                             f"tambahkan `{LABELS[key]}: …` di header")
        size = self._image_size(path)
        if size is None:
            return None
        width, height = size
        if width < self.cfg.min_photo_width:
            self.problem("image", f"foto {path} hanya {width} px lebarnya, minimal {self.cfg.min_photo_width} px",
                         "gunakan foto yang lebih besar")
        return Photo(path.lstrip("/"), caption, credit, width, height)

    def _image_size(self, path: str):
        """The photo's upright size, if it is inside content/images, decodes
        in full and is within GAMBAR_MAX_PIXELS: the same test the build's
        renditions rely on (plugins/gambar), so check and build agree."""
        from gambar import PhotoProblem  # imported here: PLUGINS loads newsroom before gambar

        library = self.photos
        try:
            return library.inspect(library.find(path), path).size
        except PhotoProblem as problem:
            self.problem("image", problem.message, problem.fix)
            return None

    # -- page ------------------------------------------------------------
    def page(self, taken: dict[str, str]) -> None:
        """TAKEN maps the first URL segment the portal itself uses to what uses it."""
        if not self.text("title"):
            self.problem("title", "wajib diisi tetapi tidak ada", "tambahkan baris `Title: …` di header")
        self._slug()
        slug = self.text("slug") or slugify(self.text("title"), regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
        if slug in taken:
            key = "slug" if self.text("slug") else "title"
            self.problem(key, f"alamat /{slug}/ sudah dipakai {taken[slug]}",
                         "beri halaman ini Slug: lain, mis. " + f"Slug: {slug}-kami")
        self._template()

    def _template(self) -> None:
        """Pelican looks the name up as a file of the theme: only the theme's own page-level templates may be named."""
        if "template" not in self.metadata or "template" in self.reported:
            return
        name, allowed = self.text("template"), self.cfg.page_templates
        if name in allowed:
            return
        close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
        hint = f"mungkin maksud Anda {close[0]!r}? " if close else ""
        self.problem("template", f"template {name!r} tidak ada di tema atau bukan template halaman",
                     f"{hint}tulis salah satu nama ini: {', '.join(allowed)}; atau hapus baris ini agar halaman "
                     "memakai template page")


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
