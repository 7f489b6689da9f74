"""Cache files that are written atomically and verified when read.

Every cached image (renditions, stripped copies, drawn cards, photo verdicts)
has a small sidecar, ``.<name>.sum``, holding the file's size and SHA-256.
The file is written first and the sidecar after it, each through a temporary
file with a name of its own (``os.replace`` is atomic on one filesystem), so
a killed build, two builds at once or a damaged disk can leave at worst an
entry whose sidecar does not match: it is then made again, never published.
Hashing a cached rendition costs far less than encoding it, and a warm build
reads each file once anyway to copy it.

Only a regular file is trusted: a symlink (to /etc/hostname, say) or any
other kind of entry reads as damaged and is made again, and files are opened
without following a symlink. A cached image is also opened (Pillow reads only
its header) to see that it has the format and pixel size of the rendition it
stands for. CACHE_PATH is still trusted build state: never restore it from an
untrusted source.

A cache may also be deleted or damaged in part at any time: where a folder
of the cache should be and a file or a broken symlink is found instead, the
entry is removed with a warning and the folder made (``make_folder``).
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

from PIL import Image

logger = logging.getLogger(__name__)

# (Pillow format, (width, height)) a cached image must have, or None for any file.
Expected = tuple[str, tuple[int, int]] | None


def sidecar(path: Path) -> Path:
    return path.with_name(f".{path.name}.sum")


def _summary(data: bytes) -> str:
    return f"{len(data)} {hashlib.sha256(data).hexdigest()}\n"


# (path, expected) -> the stat of the file and of its sidecar when their hash
# last matched. A damaged or replaced file has another size, mtime or inode,
# so it is checked again; an untouched one once per process, not once per page.
_VERIFIED: dict[tuple[Path, Expected], tuple] = {}
_VERIFIED_FILE: dict[Path, tuple] = {}  # path -> size, mtime and inode of the file last verified there


def _regular(info: os.stat_result, path: Path) -> os.stat_result:
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"{path} is not a regular file")
    return info


def _file_stamp(info: os.stat_result) -> tuple:
    return info.st_size, info.st_mtime_ns, info.st_ino


def _stamp(path: Path) -> tuple:
    """Size, mtime and inode of PATH and of its sidecar; an OSError unless both are regular files."""
    return (*_file_stamp(_regular(os.lstat(path), path)), *_file_stamp(_regular(os.lstat(sidecar(path)), path)))


def _read(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file PATH (never through a symlink), and its stat."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(descriptor, "rb") as handle:
        info = _regular(os.fstat(handle.fileno()), path)
        return handle.read(), info


def _looks_right(data: bytes, expected: Expected) -> bool:
    """Whether DATA is an image of the EXPECTED format and size (the header is enough)."""
    if expected is None:
        return True
    pil_format, size = expected
    try:
        with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
            return image.format == pil_format and image.size == tuple(size)
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def is_intact(path: Path, expected: Expected = None) -> bool:
    """Whether PATH is a regular file that matches the size and hash its
    sidecar recorded and, when EXPECTED is given, is an image of that format and size."""
    try:
        stamp = _stamp(path)
        if _VERIFIED.get((path, expected)) == stamp:
            return True
        recorded = _read(sidecar(path))[0].decode("ascii")
        size = int(recorded.split(" ", 1)[0])
        if stamp[0] != size:  # cheap: most damage changes the size
            return False
        data, info = _read(path)
        if recorded != _summary(data) or _file_stamp(info) != stamp[:3] or not _looks_right(data, expected):
            return False
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    _VERIFIED[(path, expected)] = stamp
    _VERIFIED_FILE[path] = stamp[:3]
    return True


def read_intact(path: Path) -> bytes | None:
    """PATH's bytes when they match the sidecar, else None."""
    try:
        data = _read(path)[0]
        return data if _read(sidecar(path))[0].decode("ascii") == _summary(data) else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None


class ChangedDuringBuild(OSError):
    """A cache file verified earlier in this build no longer matches its sidecar."""


def publish(path: Path, target: Path) -> None:
    """Copy the cache file PATH to TARGET, only as the regular file that was
    verified (same size, mtime and inode, or the same hash as its sidecar)."""
    data, info = _read(path)
    if _VERIFIED_FILE.get(path) != _file_stamp(info) and read_intact(path) != data:
        raise ChangedDuringBuild(f"berkas cache {path} berubah atau rusak selama build; jalankan build sekali lagi")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _temporary(target: Path) -> Path:
    """A name no other build can pick: pid-free, so a forked worker is safe too."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")


def make_folder(folder: Path, root: Path) -> None:
    """Make FOLDER, a folder of the cache whose own folder is ROOT: any entry
    strictly below ROOT on the way that is not a folder (a file, a symlink to
    one, a broken symlink) is removed with a warning. ROOT itself is never
    removed: when it is not a folder, the OSError names it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError):
        pass
    if not root.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "bukan folder", str(root))
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if os.path.lexists(current) and not current.is_dir():
            logger.warning("cache: %s seharusnya folder tetapi berupa berkas; berkas itu dihapus dan isinya "
                           "dibuat ulang", current)
            current.unlink()
    folder.mkdir(parents=True, exist_ok=True)


def write(path: Path, save: Callable[[Path], None], root: Path | None = None) -> None:
    """Make PATH by calling SAVE with a temporary path, then record its sidecar.

    With ROOT (the cache's own folder), a file in the way of PATH's folder is
    removed first (``make_folder``)."""
    if root is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        make_folder(path.parent, root)
    made, note = _temporary(path), _temporary(sidecar(path))
    try:
        save(made)
        note.write_text(_summary(made.read_bytes()), encoding="ascii")
        os.replace(made, path)
        os.replace(note, sidecar(path))  # last: until now the entry reads as damaged
        _VERIFIED_FILE[path] = _file_stamp(os.lstat(path))  # publish() copies it without hashing it again
    finally:
        made.unlink(missing_ok=True)
        note.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes, root: Path | None = None) -> None:
    write(path, lambda temporary: temporary.write_bytes(data), root)
