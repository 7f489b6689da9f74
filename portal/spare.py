"""The last site but one, kept as the next build's folder instead of removed.

Every build writes a whole new site into a folder of its own and swaps it in
(build.py). After one edit almost every page is the last output's file,
hard-linked into the new folder (newsroom.reuse), and the swap hands back
the old site, whose pages are mostly the very same files. Making the
folders and links of a new tree and removing the old one took about 6 of
the 24 seconds of a rebuild after one edit at 10,000 articles. So the old
site is kept next to the output (``.NAME.spare``) and becomes the next
build's folder: a page whose file there is still the published one needs no
folder and no link.

The spare folder is checked as a damaged cache would be (``claim``): it
keeps only regular ``.html`` files that the last build's record lists as its
pages, with the recorded inode on the output's device (that is, the
published file itself); everything else (feeds, the search index, images,
older versions of re-rendered pages, symlinks, anything put there by hand)
is removed before Pelican starts, with the folders left empty.

A kept file shares its inode with the published page, so nothing may write
through it: newsroom.reuse's writer takes a kept page as linked when it
reuses that very file, and unlinks it before it writes or links anything
else there. Only the writer writes pages, and the spare is only claimed
when the theme, plugins and settings are the last build's (the inputs
digest, ``PORTAL_REUSE``), so no other part of the build writes at a page's
path. Kept pages that the build did not write (an article deleted) are
removed before the swap (``sweep``): the folder then holds exactly what a
cold build writes.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

SUFFIX = "spare"


def spare_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.{SUFFIX}")


def new_build_folder(target: Path) -> Path:
    """A new empty folder beside TARGET, named as a build's (``.NAME.build-PID-XXXXXXXX``), so
    that build.remove_leftovers removes it if this process is killed before it does."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.build-{os.getpid()}-", dir=target.parent))


def _a_folder(spare: Path) -> bool:
    """Whether SPARE is a real folder; anything else at its name (a file, a symlink) is removed."""
    if spare.is_symlink() or (os.path.lexists(spare) and not spare.is_dir()):
        spare.unlink(missing_ok=True)
        return False
    return spare.is_dir()


def claim(target: Path, staging: Path, pages: dict | None) -> dict[str, int]:
    """Move TARGET's spare folder onto STAGING (an empty folder: rename replaces it) and
    clean it; return the pages kept: absolute path -> mtime (ns). PAGES: the last build's
    record (output file -> [key, [size, mtime, ctime, inode], effects]), None when it was
    made from other inputs (another writer may write here: nothing is kept, the spare goes).
    No spare: nothing kept. A folder that cannot be listed or emptied raises OSError: the
    caller starts from a new folder."""
    if pages is None:
        discard(target)
        return {}
    spare = spare_of(target)
    if not _a_folder(spare):
        return {}
    try:
        os.rename(spare, staging)
    except OSError:  # none (or another build took it): a fresh folder, as before
        return {}
    os.chmod(staging, 0o700)  # as mkdtemp made it, until the build is published
    device = os.lstat(staging).st_dev
    prefix, kept = str(staging) + os.sep, {}
    survivors: set[str] = set()  # folders that still hold something

    def unreadable(error: OSError) -> None:
        raise error

    for folder, folders, files in os.walk(staging, topdown=False, onerror=unreadable):
        held = False
        for name in files + [f for f in folders if os.path.join(folder, f) not in survivors]:
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue
            if stat.S_ISDIR(info.st_mode):
                continue  # an emptied folder: removed below, with its parent's turn
            entry = pages.get(path[len(prefix):]) if name.endswith(".html") else None
            if (stat.S_ISREG(info.st_mode) and isinstance(entry, list) and len(entry) == 3
                    and isinstance(entry[1], list) and len(entry[1]) == 4
                    and info.st_ino == entry[1][3] and info.st_dev == device):
                kept[path] = info.st_mtime_ns  # one int: 16,000 of them are held while pages are written
                held = True
            else:
                os.unlink(path)
        held = held or any(os.path.join(folder, f) in survivors for f in folders)
        if held:
            survivors.add(folder)
        elif folder != str(staging):
            os.rmdir(folder)
    return kept


class WrittenThrough(Exception):
    """A kept page was written in place by something other than the writer: through its
    link, into the published site. Never expected; the build fails, naming the file."""


def sweep(staging: Path, target: Path, leftovers: dict[str, int]) -> None:
    """Remove the kept pages the build did not write, and the folders that leaves empty.

    A leftover that is another file than when kept was written at its path by this build
    and stays; one that is still the published page but no longer as it was kept was written
    through its link into the published site (WrittenThrough)."""
    top = str(staging)
    for path, mtime in sorted(leftovers.items(), reverse=True):
        try:
            info = os.lstat(path)
        except OSError:
            continue
        try:
            published = os.lstat(os.path.join(target, path[len(top) + 1:]))
        except OSError:
            published = None
        if published is not None and os.path.samestat(info, published):
            if info.st_mtime_ns != mtime:
                raise WrittenThrough(path[len(top) + 1:])
        elif info.st_mtime_ns != mtime:
            continue  # written here by this build
        os.unlink(path)
        folder = os.path.dirname(path)
        while folder != top and folder.startswith(top + os.sep):
            try:
                os.rmdir(folder)
            except OSError:  # not empty
                break
            folder = os.path.dirname(folder)


def keep(old_site: Path, target: Path) -> bool:
    """Keep OLD_SITE (just swapped out of TARGET) as the next build's folder; False if it
    cannot be (another build's spare is there): the caller removes it."""
    try:
        os.rename(old_site, spare_of(target))
    except OSError:
        return False
    return True


def discard(target: Path) -> None:
    """Remove TARGET's spare folder: first moved to a name of this process's own, so that a
    build that claims it at the same moment gets all of it or nothing."""
    spare = spare_of(target)
    if not _a_folder(spare):
        return
    try:
        gone = new_build_folder(target)
    except OSError:
        return
    try:
        os.rename(spare, gone)
    except OSError:
        pass
    shutil.rmtree(gone, ignore_errors=True)
