"""Rewrite Pagefind's bundle into one canonical form, so that two builds of the
same records give the same files, byte for byte.

Records reach Pagefind 1.5.2 through its service (``pagefind_service``) in URL
order, and it numbers them in that order, so its pages, word index and
fragments are already the same on every run. One thing is not, and no option
switches it off (``pagefind/src/index/mod.rs``): filter values are gathered in
a ``hashbrown::HashMap`` whose hasher is seeded at random in every run and
written in its iteration order (a ``TODO: Change filter indexes to BTree`` in
the source), so the rubrik filter file, and through its hash name the
``pf_meta`` file and ``pagefind-entry.json``, change on every run.

So, after Pagefind wrote a shard: the order of its pages is checked against
the order the records were sent, filter values are sorted, filters are ordered
by name, and every file whose bytes changed gets the name Pagefind would give
it (its SHA-1, as Pagefind prints it). Each file is decoded only when
re-encoding it gives the original bytes back, and the meta file is interpreted
only when it is exactly the one Pagefind 1.5.2 was seen to write
(``_check_meta``), so a format change in a new Pagefind fails the build
instead of corrupting the index. The files only a search *widget* needs (the
UI scripts and styles, the fallback ``wasm.unknown``) are removed: /cari/
uses Pagefind's JavaScript API.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"  # Pagefind's marker in front of each decompressed file
VERSION = "1.5.2"  # the version the meta file names, and the only layout understood below
SORT_KEYS = ("date",)  # the sort keys records carry (search.py): newest first on /cari/


class UnknownFormat(ValueError):
    pass


# --- the CBOR that Pagefind's minicbor writes: unsigned and negative integers,
# text strings and definite arrays, each in its shortest form. cbor2 (compiled)
# reads and writes it; a file is used only when cbor2 writes back its exact bytes.
def _refuse_map(decoder, value):
    raise UnknownFormat("a map, which Pagefind 1.5.2 does not write here")


def _refuse_tag(decoder, tag):
    raise UnknownFormat(f"CBOR tag {tag.tag}, which Pagefind 1.5.2 does not write")


def encode(value) -> bytes:
    return cbor2.dumps(value)


def decode(data: bytes):
    """DATA as Python lists, ints and strs; UnknownFormat unless it encodes back to DATA."""
    try:
        value = cbor2.loads(data, tag_hook=_refuse_tag, object_hook=_refuse_map)
    except UnknownFormat:
        raise
    except (cbor2.CBORDecodeError, ValueError, EOFError, IndexError) as broken:
        cause = broken.__cause__ if isinstance(broken.__cause__, UnknownFormat) else broken
        raise UnknownFormat(str(cause)) from broken
    if encode(value) != data:
        raise UnknownFormat("not in the encoding Pagefind 1.5 writes")
    return value


# --- files -------------------------------------------------------------------
def full_hash(data: bytes) -> str:
    """Pagefind's ``utils::full_hash``: SHA-1, each byte as hex without zero padding."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnknownFormat(f"{path.name}: no Pagefind signature")
    try:
        return decode(raw[len(SIGNATURE):])
    except UnknownFormat as unknown:
        raise UnknownFormat(f"{path.name}: {unknown}") from unknown


def _pack(value) -> tuple[bytes, bytes]:
    """(CBOR bytes, the gzip file holding them); gzip without a name or a time."""
    data = encode(value)
    return data, gzip.compress(SIGNATURE + data, compresslevel=6, mtime=0)


def _replace(old: Path, new: Path, packed: bytes) -> None:
    new.write_bytes(packed)
    if new != old:
        old.unlink()


def _chunk_name(language: str, data: bytes, taken: set[str]) -> str:
    """The name Pagefind gives an index or filter file, lengthened on a clash as it does."""
    full = f"{language}_{full_hash(data)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    taken.add(full[:length])
    return full[:length]


def _check_meta(meta, name: str) -> None:
    """Refuse a meta file unless it is laid out exactly as Pagefind 1.5.2 writes it:
    [version, pages, index chunks, filters, sorts, meta fields], the sorts being
    only the ones the records carry (``SORT_KEYS``), each a list of page numbers."""
    if not (isinstance(meta, list) and len(meta) == 6):
        raise UnknownFormat(f"{name}: unexpected layout")
    if meta[0] != VERSION:
        raise UnknownFormat(f"{name}: written by Pagefind {meta[0]!r}, only {VERSION} is understood")
    if not all(isinstance(part, list) for part in meta[1:6]):
        raise UnknownFormat(f"{name}: unexpected layout")
    unknown = [item for item in meta[4] if not (isinstance(item, list) and len(item) == 2 and item[0] in SORT_KEYS
                                                and isinstance(item[1], list))]
    if unknown:
        names = ", ".join(str(item[0]) if isinstance(item, list) and item else "?" for item in unknown)
        raise UnknownFormat(f"{name}: sort keys ({names}), which the records never carry")


def _fragment_url(bundle: Path, page_hash: str) -> str:
    raw = gzip.decompress((bundle / "fragment" / f"{page_hash}.pf_fragment").read_bytes())
    if not raw.startswith(SIGNATURE):
        raise UnknownFormat(f"{page_hash}.pf_fragment: no Pagefind signature")
    return json.loads(raw[len(SIGNATURE):])["url"]


def _normalise_language(bundle: Path, language: str, meta_hash: str, urls: list[str]) -> str:
    """Rewrite one language's index; return the new hash of its meta file."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    _check_meta(meta, meta_path.name)
    pages, filters = meta[1], meta[3]
    if [_fragment_url(bundle, page[0]) for page in pages] != urls:
        raise UnknownFormat(f"{meta_path.name}: pages are not numbered in the order the records were added")

    taken: set[str] = set()
    for item in sorted(filters, key=lambda f: f[0]):  # [name, hash]
        path = bundle / "filter" / f"{item[1]}.pf_filter"
        index = _read(path)  # [name, [[value, pages], …]]
        index[1] = sorted(([value, sorted(on), *rest] for value, on, *rest in index[1]),
                          key=lambda v: v[0].encode("utf-8"))
        data, packed = _pack(index)
        item[1] = _chunk_name(language, data, taken)
        _replace(path, bundle / "filter" / f"{item[1]}.pf_filter", packed)
    filters.sort(key=lambda f: f[0].encode("utf-8"))

    data, packed = _pack(meta)
    new_hash = f"{language}_{full_hash(data)[:len(language) + 8]}"
    _replace(meta_path, bundle / f"pagefind.{new_hash}.pf_meta", packed)
    return new_hash


# What Pagefind 1.5.2 writes for its ready-made search widgets, which /cari/ does not use.
WIDGET_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                "wasm.unknown.pagefind")


def normalise(bundle: Path, urls: list[str]) -> None:
    """Rewrite the Pagefind bundle in BUNDLE, made from records with URLS in this
    order, in place into its canonical form."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict) or len(languages) != 1:
        raise UnknownFormat("pagefind-entry.json: not one language")
    for language in languages:
        languages[language]["hash"] = _normalise_language(bundle, language, languages[language]["hash"], urls)
    # serde_json's compact form, non-ASCII characters as they are
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for name in WIDGET_FILES:
        (bundle / name).unlink(missing_ok=True)
