"""Files that an article's or a page's body links to: checked, and
published only when a page a reader can open links them.

An editor puts a picture in a body with ``![alt]({static}/images/x.jpg)``
(Pelican replaces ``{static}`` with the file's URL) or with a root-relative
``![alt](/images/x.jpg)``. Pelican copies every ``{static}`` target, drafts'
and embargoed articles' included, as it is, EXIF and all; here each link is
checked like a lead photo (inside content/images, readable, within the pixel
limit), and the plugin publishes a stripped copy at the same URL, only for
links from written pages (published or hidden, never drafts or articles
dated in the future).

Links that would reach readers broken are refused too: a relative address to
a file (``../images/x.jpg``: a body is read at several URLs, pages 2..N,
"semua", feeds), ``{filename}`` to an image (Pelican resolves it only for
articles and pages, and leaves ``{filename}`` in the page), a name whose
upper and lower case differ from the file's, and documents (PDF, text) under
content/images: only pictures are published from there.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsroom import body
from newsroom.problems import Problem

from .photos import PHOTO_FOLDER, PhotoLibrary, PhotoProblem
from .renditions import COPY_FORMATS

_URL = re.compile(r"""\b(?:src|href)\s*=\s*(["'])(?P<url>.*?)\1""", re.S)
_INTRASITE = re.compile(r"^[{|](?P<what>\w+)[|}](?P<path>.*)$")  # Pelican's INTRASITE_LINK_REGEX, and the rest
# Files a browser shows as a picture; only the COPY_FORMATS ones can be published.
IMAGE_SUFFIXES = {*COPY_FORMATS, ".gif", ".tif", ".tiff", ".bmp", ".svg", ".heic", ".heif", ".avif", ".jfif"}
BODY_FIELD = "Isi"  # the body, as the editor knows it
_DOCUMENTS_FIX = ("hapus tautan ini, atau unggah dokumennya ke situs resmi lain (mis. PPID) dan tautkan alamat "
                  "https://-nya")


@dataclass(frozen=True)
class Link:
    written: str  # as the body's HTML holds it, e.g. "{static}/images/x.jpg"
    path: str  # relative to the content folder, normalised: "images/x.jpg"
    kind: str = "static"  # static, attach, filename (an image), site ("/images/…") or relative (to a file)


def _content_path(target: str, relative_dir: str) -> str:
    """TARGET (a URL path, "/" meaning content/) relative to the content folder, normalised."""
    target = unquote(target)
    base = "" if target.startswith("/") else relative_dir
    return posixpath.normpath(posixpath.join(base, target.lstrip("/"))) if target else ""


def _in_photo_folder(path: str) -> bool:
    return path.split("/", 1)[0].lower() == PHOTO_FOLDER


def links_in(html: str, relative_dir: str, content_path: Path | None = None) -> list[Link]:
    """Every link of HTML that names a file of the content folder: ``{static}``
    and ``{attach}``, ``{filename}`` to an image, a root-relative ``/images/…``
    (in any case), and a relative address to an image or to a file that exists
    under CONTENT_PATH. Other links (to pages, other sites, anchors) are not files."""
    found = []
    for match in _URL.finditer(html or ""):
        written = match.group("url").strip()
        address = unescape(written)
        intrasite = _INTRASITE.match(address)
        if intrasite:
            what, path = intrasite.group("what"), _content_path(urlsplit(intrasite.group("path")).path, relative_dir)
            if what in ("static", "attach") or (what == "filename" and (is_image(path) or _in_photo_folder(path))):
                found.append(Link(written, path, what))
            continue
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # another site, mailto:, an anchor
        path = _content_path(parts.path, relative_dir)
        if parts.path.startswith("/"):
            if _in_photo_folder(path):
                found.append(Link(written, path, "site"))
        elif is_image(path) or _in_photo_folder(path) or (
                content_path is not None and not path.startswith("..") and (Path(content_path) / path).is_file()):
            found.append(Link(written, path, "relative"))
    return found


def is_image(path: str) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def line_of(source: Path, written: str) -> int | None:
    """The line of the Markdown file where the link is written, if it can be found."""
    wanted = [written, written.replace("{static}", "|static|"), unquote(written), unescape(written)]
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if any(text and text in line for text in wanted):
            return number
    return None


def spelled_on_disk(content_path: Path, relative: str) -> str | None:
    """RELATIVE as the content folder spells it, when one file matches it
    ignoring upper and lower case; else None."""
    current, spelled = Path(content_path), []
    for part in relative.split("/"):
        try:
            names = os.listdir(current)
        except OSError:
            return None
        matches = [part] if part in names else [name for name in names if name.casefold() == part.casefold()]
        if len(matches) != 1:
            return None
        spelled.append(matches[0])
        current = current / matches[0]
    return "/".join(spelled) if current.is_file() else None


def _find(link: Link, library: PhotoLibrary) -> Path:
    """The linked file; a file whose name differs only in case is a problem of its own:
    the web server, unlike some laptops, tells upper from lower case."""
    try:
        return library.find(link.path, "berkas")
    except PhotoProblem:
        spelled = spelled_on_disk(library.content_path, link.path)
        if spelled is None or spelled == link.path:
            raise
        prefix = "/" if link.kind == "site" else "{static}/"
        raise PhotoProblem(f"tautan {link.written}: huruf besar-kecilnya berbeda dengan nama berkasnya ({spelled}), "
                           "sehingga di server tautannya rusak", f"tulis {prefix}{spelled}") from None


def _meant_photo(link: Link) -> str | None:
    """The content/images path a relative link most likely means: where it
    leads from the article's folder, or, as ``Foto:`` is written,
    ``images/foto/x.jpg`` read from content/."""
    written = re.sub(r"^(?:\.\./)+", "", posixpath.normpath(unquote(urlsplit(unescape(link.written)).path)))
    return next((path for path in (link.path, written) if _in_photo_folder(path)), None)


def check_link(link: Link, library: PhotoLibrary) -> PhotoProblem | None:
    """Why LINK cannot be published, or None."""
    try:
        if link.kind == "attach":
            raise PhotoProblem(f"tautan {link.written} memakai {{attach}}",
                               f"tulis {{static}}/{link.path} agar gambar diterbitkan tanpa metadata")
        if link.kind == "filename":
            raise PhotoProblem(f"tautan {link.written} memakai {{filename}}, yang hanya berlaku untuk artikel dan "
                               "halaman: alamat gambarnya tidak akan terisi", f"tulis {{static}}/{link.path}")
        if link.kind == "relative":
            meant = _meant_photo(link)
            fix = (f"tulis {{filename}}/{link.path}" if Path(link.path).suffix.lower() == ".md" else
                   _DOCUMENTS_FIX if not is_image(link.path) else
                   f"tulis {{static}}/{meant}" if meant else
                   "simpan gambarnya di content/images/ dan tautkan dengan {static}/images/…")
            raise PhotoProblem(f"tautan {link.written} memakai alamat relatif; pembaca membukanya dari alamat "
                               "halaman (/berita/…/, halaman 2, feed), sehingga tautannya rusak", fix)
        if not link.path or link.path.startswith(".."):
            raise PhotoProblem(f"tautan {link.written} menunjuk ke luar folder content/",
                               "simpan berkasnya di content/images/ dan tautkan dengan {static}/images/…")
        if not is_image(link.path):
            raise PhotoProblem(f"tautan {link.written} bukan gambar: dokumen (PDF, teks, dll.) tidak diterbitkan "
                               "dari content/images", _DOCUMENTS_FIX)
        file = _find(link, library)
        if Path(link.path).suffix.lower() not in COPY_FORMATS:
            raise PhotoProblem(f"gambar {link.path} berformat {Path(link.path).suffix.lower()}",
                               "simpan ulang sebagai JPEG, PNG atau WebP")
        library.inspect(file, link.path)
    except PhotoProblem as problem:
        return problem
    return None


@dataclass
class Findings:
    """What the bodies of one build link to."""

    published: set[str]  # content-relative paths linked from written pages and usable
    problems: list[Problem]  # of every page, drafts' included
    warnings: list[Problem]  # drafts' problems: shown, never blocking
    # each written page and its usable image links, for the sizes of its pictures (``size_pictures``)
    bodies: list[tuple[object, list[Link]]] = field(default_factory=list)


def examine(contents, written_ids: set[int], library: PhotoLibrary, found: Findings) -> None:
    """Check the links of CONTENTS (articles or pages); those whose id is in
    WRITTEN_IDS are read by the public, so their links are published."""
    for content in contents:
        relative = Path(content.relative_source_path).as_posix()
        source_label = content.metadata.get("newsroom_source") or relative
        relative_dir = posixpath.dirname(relative)
        draft = str(content.metadata.get("status", "")).lower() == "draft"
        usable = []
        for link in links_in(getattr(content, "_content", ""), relative_dir, library.content_path):
            problem = check_link(link, library)
            if problem is not None:
                line = line_of(Path(content.source_path), link.written)
                (found.warnings if draft else found.problems).append(
                    Problem(source_label, line, BODY_FIELD, problem.message, problem.fix))
            elif id(content) in written_ids:
                found.published.add(link.path)
                usable.append(link)
        if usable:
            found.bodies.append((content, usable))


def size_pictures(found: Findings, copies: dict[str, tuple[int, int, int]]) -> None:
    """Give each written page's body the (width, height, bytes) of the
    copies (content path -> size) its pictures link to: ``Body.with_pictures``
    holds them back like the theme's pictures below the lead, in their box."""
    for content, links in found.bodies:
        sizes = {link.written: copies[link.path] for link in links if link.path in copies}
        if sizes:
            content.body = body.of(content).with_pictures(sizes)


def keep_static(relative: str, content_path: Path, static_paths) -> bool:
    """Whether Pelican may copy the static file RELATIVE as it is: never an
    image (a stripped copy is published instead), never anything outside
    content/, and otherwise only what STATIC_PATHS lists (a body links no
    other file: see ``check_link``)."""
    relative = Path(relative).as_posix()
    content = Path(content_path).resolve()
    if is_image(relative) or not Path(os.path.realpath(content / relative)).is_relative_to(content):
        return False
    return any(relative == p.strip("/") or relative.startswith(p.strip("/") + "/") for p in static_paths)
