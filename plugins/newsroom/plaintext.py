"""The plain-text rule: what an editor may write in a field that is shown as text.

Every metadata field is plain text, escaped wherever it is printed, so
``Harga < Rp5.000 & gratis`` shows as written. What is refused is text that
only makes sense as markup: an HTML tag, comment or declaration, or a
character entity, which would show literally (``<b>``, ``&amp;``) rather than
do what the editor meant. Sumber may name web addresses, but only http(s):
another scheme (``javascript:``, ``data:``…) is never a link a reader should
follow. The rules read the text as an HTML tokenizer would: ``<`` opens a tag
only before a letter, ``/``, ``!`` or ``?``. Such a ``<`` is refused even
without its ``>``: a feed reader that shows titles as HTML would close the tag
with the next ``>`` it meets, its own.

Every metadata value, plain text or not, must also be text that XML can
carry and that reads as written (``character_problem``): no control
characters, surrogates or noncharacters (an Atom or RSS feed holding them is
broken), and no bidi overrides, embeddings or isolates, which reverse what a
reader sees (``\u202e`` spoofs a title; a tag of it alone would take the slug
of another tag). Arabic and Hebrew letters and the marks U+200E/U+200F stay.
"""

from __future__ import annotations

import html
import re
from html.entities import html5

# <b>, <img src=x onerror=…>, </span>: a name right after "<" or "</", then the rest up to ">".
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:[\s/][^>]*)?>")
_COMMENT = re.compile(r"<!--|<![A-Za-z\[]|<\?[A-Za-z]")
# What a tokenizer reads as the start of a tag, comment or declaration, with or without its ">".
_OPEN = re.compile(r"<[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# A scheme, then an address: "https://…", "javascript:alert(1)", "data:text/html,…".
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
# Schemes that are addresses even without "//" after them.
_KNOWN_SCHEMES = frozenset(
    "javascript vbscript livescript data file blob about filesystem mailto tel sms ftp ftps ws wss "
    "intent market view-source jar ms-settings".split())
_WEB = frozenset({"http", "https"})

EXAMPLE = "Harga < Rp5.000 & gratis"


# Outside XML 1.0's Char (C0 controls but tab, LF and CR; surrogates; U+FFFE, U+FFFF), plus what XML
# discourages (DEL, C1 controls, noncharacters), plus the bidi overrides, embeddings and isolates.
_CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_NOT_TEXT = r"\ud800-\udfff\ufdd0-\ufdef" + "".join(  # and the last two code points of every plane
    rf"\U{plane:04x}fffe\U{plane:04x}ffff" for plane in range(17))
_BAD_CHARACTER = re.compile(f"[{_CONTROL}{_BIDI}{_NOT_TEXT}]")
_IS_CONTROL, _IS_BIDI = re.compile(f"[{_CONTROL}]"), re.compile(f"[{_BIDI}]")
_FIX_PASTED = "hapus karakter itu; biasanya terbawa saat menyalin dari aplikasi lain"


def character_problem(value: str) -> tuple[str, str] | None:
    """(message, fix) in Indonesian when VALUE holds a character that is not
    text a reader sees as written (checked in every metadata field), else None.

    The message names the code point and the text before it: the character
    itself is invisible.
    """
    found = _BAD_CHARACTER.search(value)
    if not found:
        return None
    char, before = found.group(), _BAD_CHARACTER.sub("", value[: found.start()])
    where = f"setelah `{_short(before[-30:])}`" if before.strip() else "di awal"
    point = f"U+{ord(char):04X}"
    if _IS_CONTROL.match(char):
        return f"berisi karakter kontrol {point} yang tidak terlihat ({where})", _FIX_PASTED
    if _IS_BIDI.match(char):
        return (f"berisi karakter pengatur arah teks {point} yang tidak terlihat ({where}); karakter ini membalik "
                "urutan teks sehingga tampil lain dari yang tertulis",
                "hapus karakter itu; huruf Arab atau Ibrani boleh ditulis langsung, tanpa karakter pengatur arah")
    return f"berisi kode {point} yang bukan karakter teks ({where}) dan merusak feed RSS/Atom", _FIX_PASTED


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
    opened = _OPEN.search(value)
    if opened:
        return (f"berisi awal tag HTML `{_short(value[opened.start():], 40)}` (tanda < langsung diikuti huruf, /, ! "
                "atau ?), yang dibaca sebagai tag oleh aplikasi pembaca feed",
                f"tulis spasi setelah tanda <, atau hapus bagian itu; mis. `{EXAMPLE}`")
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
