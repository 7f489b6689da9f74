"""The last site but one as the next build's folder (portal/spare.py), unit layer.

The spare folder is treated as a damaged cache: only the pages the last
build recorded, as the very files published (their inode), are kept; a
symlink out of the folder, a stray file, an older version of a page and
a folder left empty go. Site builds over a spare: tests/test_incremental.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from newsroom import reuse

from portal import spare


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _entry(path: Path) -> list:
    info = os.lstat(path)
    return ["key", [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino], {}]


def _published_and_spare(tmp_path: Path):
    """output/ (the published site), its record, and a spare that shares two of its pages."""
    output, outside = tmp_path / "output", tmp_path / "elsewhere"
    same = _write(output / "berita" / "sama" / "index.html", "<p>sama</p>")
    newer = _write(output / "berita" / "baru" / "index.html", "<p>versi baru</p>")
    listed = _write(output / "tag" / "a" / "index.html", "<p>tag</p>")
    record = {"berita/sama/index.html": _entry(same), "berita/baru/index.html": _entry(newer),
              "tag/a/index.html": _entry(listed), "feeds/semua.xml": ["key", [1, 1, 1, 1], {}]}
    secret = _write(outside / "rahasia.html", "jangan disentuh")
    room = tmp_path / ".output.spare"
    (room / "berita" / "sama").mkdir(parents=True)
    os.link(same, room / "berita" / "sama" / "index.html")  # the published file itself
    _write(room / "berita" / "baru" / "index.html", "<p>versi lama</p>")  # an older version: another inode
    (room / "tag" / "a").mkdir(parents=True)
    os.link(listed, room / "tag" / "a" / "index.html")
    _write(room / "feeds" / "semua.xml", "<rss/>")  # not a page: written again by every build
    _write(room / "liar.html", "dibuat tangan")  # not in the record
    (room / "keluar").symlink_to(outside, target_is_directory=True)  # out of the folder
    (room / "kosong" / "dalam").mkdir(parents=True)
    return output, record, room, secret


def test_claim_keeps_only_the_recorded_pages_that_are_the_published_files(tmp_path):
    output, record, room, secret = _published_and_spare(tmp_path)
    staging = tmp_path / ".output.build-1-abcdefgh"
    staging.mkdir()
    kept = spare.claim(output, staging, record)
    assert not room.exists()  # moved, not copied
    assert sorted(kept) == [str(staging / "berita" / "sama" / "index.html"), str(staging / "tag" / "a" / "index.html")]
    left = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*"))
    assert left == ["berita", "berita/sama", "berita/sama/index.html", "tag", "tag/a", "tag/a/index.html"]
    assert secret.read_text(encoding="utf-8") == "jangan disentuh"  # the symlink went, not what it points to
    page = Path("tag") / "a" / "index.html"
    assert os.path.samestat(os.lstat(staging / page), os.lstat(output / page))


def test_claim_without_a_usable_spare_keeps_nothing(tmp_path):
    output, record, room, _ = _published_and_spare(tmp_path)
    staging = tmp_path / ".output.build-1-abcdefgh"
    staging.mkdir()
    # a record made from other inputs (another theme, plugins or settings: maybe another writer)
    assert spare.claim(output, staging, None) == {}
    assert not room.exists() and not list(staging.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.build-1-abcdefgh", "elsewhere", "output"]
    assert spare.claim(output, staging, {}) == {}  # none at all
    (tmp_path / ".output.spare").symlink_to(tmp_path / "elsewhere")  # not a folder
    assert spare.claim(output, staging, {}) == {}
    assert not os.path.lexists(tmp_path / ".output.spare")
    assert staging.is_dir() and not list(staging.iterdir())


def _claimed(tmp_path: Path):
    """The published site, the claimed folder and the pages kept in it."""
    output, record, _, _ = _published_and_spare(tmp_path)
    staging = tmp_path / ".output.build-1-abcdefgh"
    staging.mkdir()
    return output, staging, spare.claim(output, staging, record)


def test_sweep_removes_pages_no_one_wrote_and_the_folders_left_empty(tmp_path):
    output, staging, kept = _claimed(tmp_path)
    rewritten = staging / "tag" / "a" / "index.html"
    rewritten.unlink()
    _write(rewritten, "<p>ditulis build ini, bukan halaman lama</p>")  # written by this build: stays
    spare.sweep(staging, output, kept)
    assert sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*")) == ["tag", "tag/a", "tag/a/index.html"]
    assert (output / "berita" / "sama" / "index.html").read_text(encoding="utf-8") == "<p>sama</p>"


def test_keep_never_replaces_another_builds_spare(tmp_path):
    output, old = tmp_path / "output", _write(tmp_path / ".output.build-1-abcdefgh" / "a.html", "lama").parent
    assert spare.keep(old, output) and (tmp_path / ".output.spare" / "a.html").exists()
    other = _write(tmp_path / ".output.build-2-abcdefgh" / "b.html", "lain").parent
    assert not spare.keep(other, output)  # the caller removes it
    assert sorted(p.name for p in (tmp_path / ".output.spare").iterdir()) == ["a.html"]
    spare.discard(output)
    assert not (tmp_path / ".output.spare").exists()


def test_a_kept_page_written_in_place_fails_the_build(tmp_path):
    """Something that wrote a kept page without unlinking it first wrote into the published site."""
    output, staging, kept = _claimed(tmp_path)
    through = staging / "berita" / "sama" / "index.html"
    info = through.stat()
    with open(through, "w", encoding="utf-8") as handle:
        handle.write("<p>ditulis lewat tautan</p>")
    os.utime(through, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    with pytest.raises(spare.WrittenThrough, match="berita/sama/index.html"):
        spare.sweep(staging, output, kept)


def test_the_record_gives_its_pages_only_to_a_build_of_the_same_output_and_inputs(tmp_path):
    """Another theme, plugin list or settings may mean another writer, which would write through
    a kept page: such a build gets no pages, and claim then removes the spare."""
    cache, output = tmp_path / "cache", tmp_path / "output"
    pages = {"index.html": ["key", [1, 2, 3, 4], {}]}
    reuse.write_record(cache, {"version": reuse.VERSION, "site": "s", "output": str(output), "inputs": "tema-a",
                               "valid_until": None}, iter(pages.items()))
    assert reuse.recorded_pages(cache, output, "tema-a") == pages
    assert reuse.recorded_pages(cache, output, "tema-b") is None
    assert reuse.recorded_pages(cache, tmp_path / "lain", "tema-a") is None
