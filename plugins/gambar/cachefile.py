"""Cache files that are written atomically and verified when read.

Every cached image (renditions, stripped copies, drawn cards, photo verdicts)
has a small sidecar, ``.<name>.sum``, holding the file's size and SHA-256.
The file is written first and the sidecar after it, each through a temporary
file with a name of its own (``os.replace`` is atomic on one filesystem), so
a killed build, two builds at once or a damaged disk can leave at worst an
entry whose sidecar does not match: it is then made again, never published.
Hashing a cached rendition costs far less than encoding it, and a warm build
reads each file once anyway to copy it.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path


def sidecar(path: Path) -> Path:
    return path.with_name(f".{path.name}.sum")


def _summary(data: bytes) -> str:
    return f"{len(data)} {hashlib.sha256(data).hexdigest()}\n"


# path -> the stat of the file and of its sidecar when their hash last matched.
# A damaged or replaced file has another size, mtime or inode, so it is hashed
# again; an untouched one is hashed once per process, not once per page.
_VERIFIED: dict[Path, tuple] = {}


def _stamp(path: Path) -> tuple:
    file, note = path.stat(), sidecar(path).stat()
    return (file.st_size, file.st_mtime_ns, file.st_ino, note.st_size, note.st_mtime_ns, note.st_ino)


def is_intact(path: Path) -> bool:
    """Whether PATH exists and matches the size and hash its sidecar recorded."""
    try:
        stamp = _stamp(path)
        if _VERIFIED.get(path) == stamp:
            return True
        recorded = sidecar(path).read_text(encoding="ascii")
        size = int(recorded.split(" ", 1)[0])
        if stamp[0] != size:  # cheap: most damage changes the size
            return False
        if recorded != _summary(path.read_bytes()):
            return False
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    _VERIFIED[path] = stamp
    return True


def read_intact(path: Path) -> bytes | None:
    """PATH's bytes when they match the sidecar, else None."""
    try:
        data = path.read_bytes()
        return data if sidecar(path).read_text(encoding="ascii") == _summary(data) else None
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _temporary(target: Path) -> Path:
    """A name no other build can pick: pid-free, so a forked worker is safe too."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")


def write(path: Path, save: Callable[[Path], None]) -> None:
    """Make PATH by calling SAVE with a temporary path, then record its sidecar."""
    path.parent.mkdir(parents=True, exist_ok=True)
    made, note = _temporary(path), _temporary(sidecar(path))
    try:
        save(made)
        note.write_text(_summary(made.read_bytes()), encoding="ascii")
        os.replace(made, path)
        os.replace(note, sidecar(path))  # last: until now the entry reads as damaged
    finally:
        made.unlink(missing_ok=True)
        note.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    write(path, lambda temporary: temporary.write_bytes(data))
