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
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsroom.problems import Problem

from .photos import PHOTO_FOLDER, PhotoLibrary, PhotoProblem
from .renditions import COPY_FORMATS

_URL = re.compile(r"""\b(?:src|href)\s*=\s*(["'])(?P<url>.*?)\1""", re.S)
_INTRASITE = re.compile(r"^[{|](?P<what>static|attach)[|}](?P<path>.*)$")
# Files a browser shows as a picture; only the COPY_FORMATS ones can be published.
IMAGE_SUFFIXES = {*COPY_FORMATS, ".gif", ".tif", ".tiff", ".bmp", ".svg", ".heic", ".heif", ".avif", ".jfif"}
BODY_FIELD = "Isi"  # the body, as the editor knows it


@dataclass(frozen=True)
class Link:
    written: str  # as the body's HTML holds it, e.g. "{static}/images/x.jpg"
    path: str  # relative to the content folder, normalised: "images/x.jpg"
    attach: bool = False


def links_in(html: str, relative_dir: str) -> list[Link]:
    """Every ``{static}``/``{attach}`` link and root-relative ``/images/`` link in HTML."""
    found = []
    for match in _URL.finditer(html or ""):
        written = match.group("url").strip()
        intrasite = _INTRASITE.match(written)
        if intrasite:
            target = unquote(urlsplit(intrasite.group("path")).path)
            base = "" if target.startswith("/") else relative_dir
            path = posixpath.normpath(posixpath.join(base, target.lstrip("/"))) if target else ""
            found.append(Link(written, path, intrasite.group("what") == "attach"))
        elif written.startswith(f"/{PHOTO_FOLDER}/"):
            found.append(Link(written, posixpath.normpath(unquote(urlsplit(written).path).lstrip("/"))))
    return found


def is_image(path: str) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def line_of(source: Path, written: str) -> int | None:
    """The line of the Markdown file where the link is written, if it can be found."""
    wanted = [written, written.replace("{static}", "|static|"), unquote(written)]
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if any(text and text in line for text in wanted):
            return number
    return None


def check_link(link: Link, library: PhotoLibrary) -> PhotoProblem | None:
    """Why LINK cannot be published, or None."""
    try:
        if link.attach:
            raise PhotoProblem(f"tautan {link.written} memakai {{attach}}",
                               f"tulis {{static}}/{link.path} agar gambar diterbitkan tanpa metadata")
        if not link.path or link.path.startswith(".."):
            raise PhotoProblem(f"tautan {link.written} menunjuk ke luar folder content/",
                               "simpan berkasnya di content/images/ dan tautkan dengan {static}/images/…")
        file = library.find(link.path, "berkas")
        if is_image(link.path):
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


def examine(contents, written_ids: set[int], library: PhotoLibrary, found: Findings) -> None:
    """Check the links of CONTENTS (articles or pages); those whose id is in
    WRITTEN_IDS are read by the public, so their links are published."""
    for content in contents:
        relative = Path(content.relative_source_path).as_posix()
        source_label = content.metadata.get("newsroom_source") or relative
        relative_dir = posixpath.dirname(relative)
        draft = str(content.metadata.get("status", "")).lower() == "draft"
        for link in links_in(getattr(content, "_content", ""), relative_dir):
            problem = check_link(link, library)
            if problem is not None:
                line = line_of(Path(content.source_path), link.written)
                (found.warnings if draft else found.problems).append(
                    Problem(source_label, line, BODY_FIELD, problem.message, problem.fix))
            elif id(content) in written_ids:
                found.published.add(link.path)


def keep_static(relative: str, content_path: Path, static_paths, published: set[str]) -> bool:
    """Whether Pelican may copy the static file RELATIVE as it is: never an
    image (a stripped copy is published instead), never anything outside
    content/, and otherwise only what STATIC_PATHS lists or a written page links."""
    relative = Path(relative).as_posix()
    content = Path(content_path).resolve()
    if is_image(relative) or not Path(os.path.realpath(content / relative)).is_relative_to(content):
        return False
    listed = any(relative == p.strip("/") or relative.startswith(p.strip("/") + "/") for p in static_paths)
    return listed or relative in published
