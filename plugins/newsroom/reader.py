"""A Markdown reader that understands the Indonesian aliases of the schema.

It runs before Pelican interprets any field, so ``Tanggal:`` becomes a real
date and ``Penulis:`` a real author. It never raises for an editor's mistake:
it records the problem (with the header line) in the metadata, which the
plugin reports together with every other problem of the build. Everything it
records depends on the file alone, so Pelican's reader cache may keep it.
"""

from __future__ import annotations

import difflib
import os
import re

from markdown import Markdown
from pelican.readers import MarkdownReader

from . import body, dates, encoding, plaintext, text
from .config import NewsroomConfig
from .policy import BodyPolicy
from .schema import (
    ARTICLE_FIELDS,
    EVENT_STATUS_VALUES,
    FALSE_WORDS,
    JENIS_FOLDERS,
    LABELS,
    PAGE_FIELDS,
    STATUS_VALUES,
    TRUE_WORDS,
    alias_map,
)

_ARTICLE_NAMES = alias_map(ARTICLE_FIELDS)
_PAGE_NAMES = alias_map(PAGE_FIELDS)
_ARTICLE_PLAIN = {f.key: f for f in ARTICLE_FIELDS if f.plain}
_PAGE_PLAIN = {f.key: f for f in PAGE_FIELDS if f.plain}
# Pengumuman and Agenda: their names and plain-text fields, by jenis.
_JENIS_NAMES = {jenis: alias_map(fields) for jenis, fields in JENIS_FOLDERS.values()}
_JENIS_PLAIN = {jenis: {f.key: f for f in fields if f.plain} for jenis, fields in JENIS_FOLDERS.values()}
_JENIS_FIELDS = dict(JENIS_FOLDERS.values())
_DATE_KEYS = {"date", "modified"}
# Dates where a day alone means the whole day (an all-day event, the last day of validity): kept as a date.
_DAY_KEYS = {"mulai", "selesai", "berlaku_sampai"}


def jenis_of(relative_path: str) -> str | None:
    """"pengumuman" or "agenda" for a file under content/pengumuman/ or content/agenda/, else None."""
    first = relative_path.replace(os.sep, "/").split("/", 1)[0]
    entry = JENIS_FOLDERS.get(first) if "/" in relative_path.replace(os.sep, "/") else None
    return entry[0] if entry else None


_KEY_LINE = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")  # as python-markdown's meta extension reads it
_MORE_LINE = re.compile(r"^[ ]{4,}\S")
_FENCE = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


def scan_header(source: str) -> tuple[dict[str, int], int | None]:
    """Line number of each ``Key:`` of the header (lower-case key), and the
    number of the first line that silently ends it.

    Markdown's meta extension stops at the first line that is neither
    ``Key: value`` nor an indented continuation and reads everything after it
    as body text, so a forgotten colon would publish the rest of the header as
    the first paragraph. Such a line is reported instead.
    """
    lines: dict[str, int] = {}
    # Lines as Markdown splits them: str.splitlines() would also break at \x1c, \x85, U+2028…
    markdown_lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(markdown_lines, start=1):
        if not line.strip() or (number > 1 and _FENCE.match(line)):
            return lines, None
        if number == 1 and _FENCE.match(line):
            continue
        key = _KEY_LINE.match(line)
        if key:
            lines.setdefault(key.group(1).lower(), number)
        elif not (lines and _MORE_LINE.match(line)):
            return lines, number
    return lines, None


def keys_after_header(source: str, names) -> tuple[int | None, dict[str, int]]:
    """The blank line that ended the header, and the ``Key:`` lines of NAMES
    (lower-case spellings) right after it, by canonical key.

    A blank line inside the header ends it there: the keys below it become
    the first paragraph of the body. Reported only when that whole paragraph
    is ``Key: value`` lines of the schema, so a body that merely opens with
    "Catatan: …" is left alone.
    """
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    end = next((n for n, line in enumerate(lines, start=1) if not line.strip()), None)
    if end is None or end == 1:
        return None, {}
    found: dict[str, int] = {}
    number = end
    while number < len(lines) and not lines[number].strip():
        number += 1  # more blank lines
    while number < len(lines) and lines[number].strip():
        key = _KEY_LINE.match(lines[number])
        if key is None or key.group(1).lower() not in names:
            return None, {}
        found.setdefault(names[key.group(1).lower()], number + 1)
        number += 1
    return (end, found) if found else (None, {})


class NewsroomMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader plus alias mapping and per-file checks."""

    def read(self, source_path):
        self._problems = []  # (key, line, label, message, fix)
        self._written = {}
        with open(source_path, "rb") as handle:
            source, not_utf8 = encoding.decode(handle.read())
        if not_utf8:
            self._problems.append(("encoding", not_utf8.line, "Berkas", not_utf8.message, encoding.FIX))
        self._lines, broken = scan_header(source)
        if broken:
            self._problems.append(("header", broken, "Header", f"baris {broken} bukan `Kunci: nilai`, sehingga header "
                                   "berhenti di sini dan baris-baris berikutnya terbaca sebagai isi berita",
                                   "tambahkan titik dua setelah nama kunci, gabungkan baris itu dengan baris "
                                   "sebelumnya, atau beri satu baris kosong sebelum isi berita"))
        self._is_page = self._in_page_paths(source_path)
        self._jenis = jenis_of(os.path.relpath(source_path, self.settings["PATH"]))
        blank, after = keys_after_header(source, _JENIS_NAMES[self._jenis] if self._jenis
                                         else _PAGE_NAMES if self._is_page else _ARTICLE_NAMES)
        content, metadata = self._read_text(source_path, source)
        notes = []  # warnings: shown on every build, never blocking it
        if after:
            shown = ", ".join(f"`{LABELS.get(k, k.capitalize())}:` (baris {n})" for k, n in after.items())
            message = (f"baris {blank} kosong, sehingga header berakhir di baris {blank} dan {shown} sesudahnya "
                       "terbaca sebagai isi berita, bukan header")
            fix = (f"hapus baris kosong di baris {blank}: baris kosong hanya dipakai satu kali, di antara header "
                   "dan isi berita")
            if set(after) & (self._required() - set(metadata)):
                self._problems.append(("header", blank, "Header", message, fix))
            else:
                # Only optional keys, or keys the header already has: a body may well open with
                # "Sumber: …" or "Foto: …" as text. Said, in case a key was meant for the header.
                notes.append((blank, message, fix + " (bila baris itu memang isi berita, abaikan pesan ini)"))
                after = {}
        metadata["newsroom_after_header"] = after
        metadata["newsroom_notes"] = notes
        # Sanitised once here, so the reader cache and every plugin see only the clean body.
        content, removed = self._body_policy().clean(content, source)
        metadata["newsroom_removed"] = [(r.line, r.message, r.fix) for r in removed]
        # Read into blocks once here too: kept by the reader cache, so a warm build reads no HTML.
        metadata["newsroom_body"] = body.read(content, self._markers())
        # The automatic summary's words depend on this file alone: made here, kept by the reader cache.
        metadata["newsroom_opening"] = text.opening_words(content, self.settings.get("SUMMARY_MAX_LENGTH"))
        words = text.count_words(content)
        if self._jenis:
            metadata["jenis"] = self._jenis
        elif not self._is_page and words == 0:
            self._note("body", "isi berita kosong", "tulis isi berita setelah baris kosong di bawah header")
        metadata["newsroom_words"] = words
        metadata["newsroom_lines"] = {k: self._lines.get(k) for k in (*metadata, *getattr(self, "_empty", ()))
                                      if k in self._lines}
        metadata["newsroom_problems"] = self._problems
        metadata["newsroom_written"] = self._written
        metadata["newsroom_empty"] = sorted(getattr(self, "_empty", ()))
        metadata["newsroom_source"] = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        return content, metadata

    def _required(self) -> set[str]:
        """The keys this file's schema requires (articles, pages, or its jenis)."""
        fields = (_JENIS_FIELDS[self._jenis] if self._jenis
                  else PAGE_FIELDS if self._is_page else ARTICLE_FIELDS)
        return {f.key for f in fields if f.required == "yes"}

    def _read_text(self, source_path: str, source: str):
        """Pelican's MarkdownReader.read, on text already decoded (Pelican's opens
        the file as UTF-8 or raises), with one Markdown instance per reader."""
        self._source_path = source_path
        self._md = self._markdown()
        content = self._md.convert(source)
        return content, self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}

    _reused: Markdown | None = None
    _META_PRIORITY = 27  # markdown.extensions.meta registers its preprocessor at 27

    def _markdown(self) -> Markdown:
        """A Markdown instance, reset, as Python-Markdown allows for the next text.

        Pelican makes a new one for every file: loading the extensions again
        each time is a measurable share of reading. Pelican's _parse_metadata
        deregisters the "meta" preprocessor (so a Summary is not read as a
        header); it is registered again for the next file.
        """
        md = self._reused
        if md is None:
            md = self._reused = Markdown(**self.settings["MARKDOWN"])
            self._meta = md.preprocessors["meta"] if "meta" in md.preprocessors else None
            return md
        md.reset()
        if self._meta is not None and "meta" not in md.preprocessors:
            md.preprocessors.register(self._meta, "meta", self._META_PRIORITY)
        return md

    _policy: BodyPolicy | None = None  # made once per reader, from the settings

    def _body_policy(self) -> BodyPolicy:
        if self._policy is None:
            # plugins/halaman's markers are the only comments a reader may receive
            self._policy = BodyPolicy(NewsroomConfig.from_settings(self.settings).embeds, self._markers())
        return self._policy

    def _markers(self):
        return self.settings.get("HALAMAN_MARKERS", body.DEFAULT_MARKERS)

    def _in_page_paths(self, source_path: str) -> bool:
        relative = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
        return any(relative.startswith(p.rstrip("/") + "/") for p in self.settings["PAGE_PATHS"])

    def _note(self, key: str, message: str, fix: str, line: int | None = None) -> None:
        label = LABELS.get(key, key.capitalize())
        self._problems.append((key, line, label, message, fix))

    def _parse_metadata(self, meta):
        names = _JENIS_NAMES[self._jenis] if self._jenis else _PAGE_NAMES if self._is_page else _ARTICLE_NAMES
        output = {}
        self._empty: set[str] = set()
        seen_as: dict[str, str] = {}
        for written, values in meta.items():
            written = written.lower()
            line = self._lines.get(written)
            key = names.get(written)
            if key is None:
                hint = difflib.get_close_matches(written, list(names), n=1, cutoff=0.6)
                fix = (f"mungkin maksud Anda {hint[0].capitalize()}?" if hint
                       else "hapus baris ini atau gunakan kunci dari tabel skema di README")
                label = written.capitalize()
                self._problems.append((written, line, label, f"kunci {label!r} tidak dikenal", fix))
                continue
            if key in seen_as:
                self._problems.append((key, line, written.capitalize(),
                                       f"ditulis dua kali (juga sebagai {seen_as[key].capitalize()})",
                                       "hapus salah satu"))
                continue
            seen_as[key] = written
            self._lines.setdefault(key, line)
            value = "\n".join(values) if len(values) > 1 else values[0]
            if not value.strip():
                self._empty.add(key)  # a required field written empty is reported as empty
                continue  # "Ringkasan:" left empty by the scaffold means "none", not ""
            reported = self._check_text(key, value, written, line)
            try:
                output[key] = self._process(key, value)
            except ValueError as exc:
                if not reported:  # one problem a line: the invisible character explains the rest
                    self._problems.append((key, line, written.capitalize(), str(exc), _fix_for(key)))
        self._written = {key: written.capitalize() for key, written in seen_as.items()}
        return output

    @property
    def _plain_fields(self) -> dict:
        if self._jenis:
            return _JENIS_PLAIN[self._jenis]
        return _PAGE_PLAIN if self._is_page else _ARTICLE_PLAIN

    def _check_text(self, key: str, value: str, written: str, line: int | None) -> bool:
        """Report a character that is not text in any field, markup in a
        plain-text field and a non-http(s) address where links are allowed;
        True when reported. The value is kept, the file is not published."""
        found = plaintext.character_problem(value)
        field = self._plain_fields.get(key)
        if not found and field is not None:
            found = plaintext.markup_problem(value) or (plaintext.link_problem(value) if field.links else None)
        if found:
            self._problems.append((key, line, written.capitalize(), *found))
        return bool(found)

    def _process(self, key: str, value: str):
        value = value.strip()
        if key in _DATE_KEYS or key in _DAY_KEYS:
            try:
                moment = dates.parse_strict(value)
            except ValueError as exc:  # its text is the Indonesian reason
                raise ValueError(f"tanggal {value!r} tidak valid ({exc})") from None
            return moment if key in _DATE_KEYS or len(value) > 10 else moment.date()
        if key == "status_acara":
            status = EVENT_STATUS_VALUES.get(value.lower())
            if status is None:
                raise ValueError(f"status acara {value!r} tidak dikenal")
            return status
        if key == "lampiran":
            return [s.strip() for s in value.replace("\n", ",").split(",") if s.strip()]
        if key in ("instansi", "penyelenggara", "kategori", "nomor_surat", "koordinat", "liputan"):
            return value  # plain text, checked against the registry and lists by plugins/papan
        if key == "status":
            status = STATUS_VALUES.get(value.lower())
            if status is None:
                raise ValueError(f"status {value!r} tidak dikenal")
            return status
        if key == "featured":
            word = value.lower()
            if word not in TRUE_WORDS | FALSE_WORDS:
                raise ValueError(f"nilai {value!r} tidak dikenal")
            return word in TRUE_WORDS
        if key == "related":
            return [s.strip() for s in value.replace("\n", ",").split(",") if s.strip()]
        # Our plain-text fields (Ringkasan too) are never read as Markdown: they are text, escaped on output.
        if key in self.settings["FORMATTED_FIELDS"] and key not in self._plain_fields:
            self._md.preprocessors.deregister("meta") if "meta" in self._md.preprocessors else None
            self._md.reset()
            value = self._md.convert(value)
        return self.process_metadata(key, value)


def _fix_for(key: str) -> str:
    if key in _DAY_KEYS:
        return "tulis seperti 2026-08-30 14:05 (WITA), atau 2026-08-30 saja untuk sehari penuh"
    if key == "status_acara":
        return "gunakan terjadwal, ditunda, dibatalkan, atau selesai"
    if key in _DATE_KEYS:
        return "tulis seperti 2026-08-30 14:05 (tahun-bulan-tanggal jam:menit, WITA)"
    if key == "status":
        return "gunakan published, draft, atau hidden"
    if key == "featured":
        return "tulis yes (ya) atau no (tidak)"
    return "periksa nilai kunci ini"
