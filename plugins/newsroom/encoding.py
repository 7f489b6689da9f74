"""Reading a content file as UTF-8, and saying exactly where it is not.

Python's ``UnicodeDecodeError`` names a byte offset in English; an editor
needs the line and column of the bad character and the fix. A file that is
not UTF-8 is still read (as Windows-1252, what an editor on Windows most
likely saved it as) so every other check of the build still runs, but it is
reported as a problem and never published.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

FIX = ("simpan ulang berkas sebagai UTF-8 (di editor teks: Simpan Sebagai/Save As, pilih Encoding UTF-8), "
       "lalu periksa huruf di baris itu")


@dataclass(frozen=True)
class NotUtf8:
    """Where the first byte that is not UTF-8 is (line and column from 1, byte offset from 0)."""

    line: int
    column: int
    offset: int
    byte: int

    @property
    def message(self) -> str:
        guess = bytes([self.byte]).decode("cp1252", errors="replace")
        readable = guess.isprintable() and guess != "\ufffd"
        maybe = f", mungkin huruf {guess!r} dari pengodean lain (Latin-1/Windows-1252)" if readable else ""
        return (f"bukan teks UTF-8: byte 0x{self.byte:02X} di baris {self.line}, kolom {self.column} "
                f"(byte ke-{self.offset + 1}) tidak terbaca{maybe}")


def decode(raw: bytes) -> tuple[str, NotUtf8 | None]:
    """The text of RAW (a leading BOM dropped) and, if it is not UTF-8, where it first fails."""
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    body = raw[bom:]
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        start = exc.start
    line_start = body.rfind(b"\n", 0, start) + 1
    where = NotUtf8(line=body.count(b"\n", 0, start) + 1,
                    column=len(body[line_start:start].decode("utf-8")) + 1,
                    offset=bom + start, byte=body[start])
    return body.decode("cp1252", errors="replace"), where
