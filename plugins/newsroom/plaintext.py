"""The plain-text rule: what an editor may write in a field that is shown as text.

Every metadata field is plain text, escaped wherever it is printed, so
``Harga < Rp5.000 & gratis`` shows as written. What is refused is text that
only makes sense as markup: an HTML tag, comment or declaration, or a
character entity, which would show literally (``<b>``, ``&amp;``) rather than
do what the editor meant. Sumber may name web addresses, but only http(s):
another scheme (``javascript:``, ``data:``…) is never a link a reader should
follow. The rules read the text as an HTML tokenizer would: ``<`` opens a tag
only before a letter, ``/``, ``!`` or ``?``, and a tag needs its ``>``.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

# <b>, <img src=x onerror=…>, </span>: a name right after "<" or "</", then the rest up to ">".
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^>]*)?>")
_COMMENT = re.compile(r"<!--|<![A-Za-z\[]|<\?[A-Za-z]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# A scheme, then an address: "https://…", "javascript:alert(1)", "data:text/html,…".
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
# Schemes that are addresses even without "//" after them.
_KNOWN_SCHEMES = frozenset(
    "javascript vbscript livescript data file blob about filesystem mailto tel sms ftp ftps ws wss "
    "intent market view-source jar ms-settings".split())
_WEB = frozenset({"http", "https"})

EXAMPLE = "Harga < Rp5.000 & gratis"


def markup_problem(value: str) -> tuple[str, str] | None:
    """(message, fix) in Indonesian when VALUE holds markup, else None."""
    tag = _TAG.search(value)
    if tag:
        return (f"berisi tag HTML `{_short(tag.group())}`, padahal kolom ini teks biasa",
                f"hapus tag itu dan tulis teksnya saja; tanda < dan & sebagai teks tetap boleh, mis. `{EXAMPLE}`")
    comment = _COMMENT.search(value)
    if comment:
        return (f"berisi komentar atau deklarasi HTML `{_short(value[comment.start():])}`, padahal kolom ini "
                "teks biasa", "hapus bagian itu dan tulis teksnya saja")
    for entity in _ENTITY.finditer(value):
        decoded = html.unescape(entity.group())
        if entity.group()[1] == "#" or entity.group()[1:] in html5:
            return (f"berisi kode entitas HTML `{entity.group()}`, yang akan tampil apa adanya",
                    f"tulis karakternya langsung: `{decoded}`")
    return None


def link_problem(value: str) -> tuple[str, str] | None:
    """(message, fix) when VALUE names an address whose scheme is not http(s)."""
    for match in _SCHEME.finditer(value):
        scheme = match.group(1).lower()
        if scheme in _WEB:
            continue
        if scheme in _KNOWN_SCHEMES or value.startswith("//", match.end()):
            address = value[match.start():].split()[0]
            return (f"berisi alamat `{_short(address)}`; hanya alamat http:// atau https:// yang boleh",
                    "tulis alamat lengkap yang diawali https://, atau hapus alamat itu")
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
