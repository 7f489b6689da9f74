"""Rewrite Pagefind's bundle into one canonical form, so that two builds of the
same pages give the same files, byte for byte.

Pagefind 1.5.2 (``pagefind/src/index/mod.rs``, ``lib.rs``) is not
deterministic in two ways, and neither can be switched off by an option:

- filter values are gathered in a ``hashbrown::HashMap`` whose hasher is
  seeded at random in every run and written in its iteration order (a
  ``TODO: Change filter indexes to BTree`` in the source), so the rubrik
  filter file, and through its hash name the ``pf_meta`` file and
  ``pagefind-entry.json``, change on every run (the order of several filters
  in the meta file too);
- pages are numbered in the order the site folder is walked, which is the
  file system's ``readdir`` order: the same output on another machine, file
  system or creation order numbers the pages differently, which changes
  every word index, filter and the meta file.

So, after Pagefind ran: pages are renumbered by URL, filter values and page
lists are sorted, filters and sort keys are ordered by name, and every file
whose bytes changed gets the name Pagefind would give it (its SHA-1, as
Pagefind prints it). Each file is decoded only when re-encoding it gives the
original bytes back, and its structure is interpreted only when it is exactly
the one Pagefind 1.5.2 was seen to write (``_check_meta``, ``_check_words``),
so a format change in a new Pagefind fails the build instead of corrupting the
index. Sort keys (``data-pagefind-sort``) are refused: Pagefind lists pages
with equal sort values in its walk order, which no rewrite here can recover.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"  # Pagefind's marker in front of each decompressed file
VERSION = "1.5.2"  # the version the meta file names, and the only layout understood below


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


def _renumbered(pages: list[int], new_of: list[int]) -> list[int]:
    return sorted(new_of[page] for page in pages)


def _word_pages(entries: list, new_of: list[int]) -> list:
    """A word's pages ([page, locations, …]; page numbers stored as deltas) renumbered."""
    absolute, page = [], 0
    for entry in entries:
        page += entry[0]
        if not 0 <= page < len(new_of) or (absolute and page <= absolute[-1][0]):
            raise UnknownFormat("word index page numbers are not ascending deltas")
        absolute.append([page, *entry[1:]])
    renumbered = sorted(([new_of[p], *rest] for p, *rest in absolute), key=lambda e: e[0])
    previous = 0
    for entry in renumbered:
        entry[0], previous = entry[0] - previous, entry[0]
    return renumbered


def _renumber_word(word: list, new_of: list[int]) -> None:
    """[word, pages, [[form, pages], …]]: the pages of the word and of each variant renumbered."""
    word[1] = _word_pages(word[1], new_of)
    for variant in word[2]:
        variant[1] = _word_pages(variant[1], new_of)


def _check_meta(meta, name: str) -> None:
    """Refuse a meta file unless it is laid out exactly as Pagefind 1.5.2 writes it:
    [version, pages, index chunks, filters, sorts (empty), meta fields]."""
    if not (isinstance(meta, list) and len(meta) == 6):
        raise UnknownFormat(f"{name}: unexpected layout")
    if meta[0] != VERSION:
        raise UnknownFormat(f"{name}: written by Pagefind {meta[0]!r}, only {VERSION} is understood")
    if not all(isinstance(part, list) for part in meta[1:6]):
        raise UnknownFormat(f"{name}: unexpected layout")
    if meta[4] != []:
        names = ", ".join(str(item[0]) if isinstance(item, list) and item else "?" for item in meta[4])
        raise UnknownFormat(
            f"{name}: data-pagefind-sort ({names}) is not supported: Pagefind 1.5.2 lists pages "
            f"with equal sort values in the order it walked the folder, so the index would not be "
            f"reproducible; remove data-pagefind-sort from the templates")


def _check_words(index, name: str) -> None:
    """Refuse a word index unless each word is [word, pages, variants] as Pagefind
    1.5.2 writes it, a variant being [form, pages] (a form with diacritics, "kafé"
    beside "kafe"), whose pages are numbered like the word's own."""
    if not (isinstance(index, list) and index and isinstance(index[0], list)):
        raise UnknownFormat(f"{name}: unexpected layout")
    for word in index[0]:
        if not (isinstance(word, list) and len(word) == 3 and isinstance(word[0], str)
                and isinstance(word[1], list) and isinstance(word[2], list)
                and all(isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], list)
                        for v in word[2])):
            raise UnknownFormat(f"{name}: unexpected word entry {str(word)[:80]}")


def _normalise_language(bundle: Path, language: str, meta_hash: str) -> str:
    """Rewrite one language's index; return the new hash of its meta file."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    _check_meta(meta, meta_path.name)
    pages, chunks, filters = meta[1], meta[2], meta[3]

    urls = [json.loads(gzip.decompress((bundle / "fragment" / f"{h}.pf_fragment").read_bytes())
                       [len(SIGNATURE):])["url"] for h, *_ in pages]
    order = sorted(range(len(pages)), key=lambda old: (urls[old], pages[old][0]))
    new_of = [0] * len(pages)
    for new, old in enumerate(order):
        new_of[old] = new
    meta[1] = [pages[old] for old in order]

    taken: set[str] = set()
    for chunk in chunks:  # [from, to, hash]
        path = bundle / "index" / f"{chunk[2]}.pf_index"
        index = _read(path)
        _check_words(index, path.name)
        for word in index[0]:
            _renumber_word(word, new_of)
        data, packed = _pack(index)
        chunk[2] = _chunk_name(language, data, taken)
        _replace(path, bundle / "index" / f"{chunk[2]}.pf_index", packed)

    taken = set()
    for item in sorted(filters, key=lambda f: f[0]):  # [name, hash]
        path = bundle / "filter" / f"{item[1]}.pf_filter"
        index = _read(path)  # [name, [[value, pages], …]]
        index[1] = sorted(([value, _renumbered(on, new_of), *rest] for value, on, *rest in index[1]),
                          key=lambda v: v[0].encode("utf-8"))
        data, packed = _pack(index)
        item[1] = _chunk_name(language, data, taken)
        _replace(path, bundle / "filter" / f"{item[1]}.pf_filter", packed)
    filters.sort(key=lambda f: f[0].encode("utf-8"))

    data, packed = _pack(meta)
    new_hash = f"{language}_{full_hash(data)[:len(language) + 8]}"
    _replace(meta_path, bundle / f"pagefind.{new_hash}.pf_meta", packed)
    return new_hash


def normalise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle in BUNDLE in place into its canonical form."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = entry.get("languages")
    if not isinstance(languages, dict):
        raise UnknownFormat("pagefind-entry.json: no languages")
    for language in sorted(languages):
        languages[language]["hash"] = _normalise_language(bundle, language, languages[language]["hash"])
    entry["languages"] = dict(sorted(languages.items()))
    # serde_json's compact form, non-ASCII characters as they are
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
