"""The body policy: which HTML an article's or a page's body may hold.

The body is the only HTML the portal trusts, so it is cleaned once, when the
file is read, by ammonia (``nh3``) with an explicit allowlist: everything
python-markdown's ``extra`` and ``sane_lists`` write for news text, plus
iframes whose address starts with a trusted embed prefix from the settings
(``NEWSROOM_EMBEDS``). Whatever is refused is removed and named, with the line
of the Markdown source where the editor wrote it, so the editor gets a warning
while the cleaned article is still published.

Ammonia re-serialises the HTML: markup python-markdown wrote keeps its bytes
except character references (``&#160;`` becomes ``&nbsp;``, ``&#8617;`` the
character itself) and ``&quot;`` in text, which becomes ``"``. Table column
alignment, which Markdown writes as ``style="text-align: …;"`` and a strict
Content-Security-Policy would block, becomes the theme's ``align-…`` class.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = frozenset({
    *_HEADINGS, "p", "br", "hr", "div", "span",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "pre", "code", "kbd", "samp", "var",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "q", "cite", "abbr", "time",
    "sup", "sub", "a", "img", "figure", "figcaption", "iframe",
})
# Removed with everything inside them: their content is code or markup, not text.
_WITH_CONTENT = {"script", "style", "noscript", "template", "form", "textarea", "select"}
ATTRIBUTES = {
    "*": {"id", "lang", "dir"},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "class"},
    "td": {"colspan", "rowspan", "class"},
    "p": {"class"},
    "div": {"class"},
    "code": {"class"},
    "time": {"datetime"},
    "iframe": {"src", "title", "width", "height", "allowfullscreen"},
}
_ONLY_VALUES = {
    "a": {"target": {"_blank"}},
    "img": {"loading": {"lazy", "eager"}},
}
_ALWAYS = {"iframe": {"loading": "lazy"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Classes python-markdown writes (footnotes, fenced code), the theme's
# alignment classes, and an editor's own "Baca juga" line, which
# plugins/halaman keeps with the text before it.
_CLASSES = {
    "p": {"baca-juga"},
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
    "th": {"align-left", "align-center", "align-right"},
    "td": {"align-left", "align-center", "align-right"},
}
_CODE_CLASS = re.compile(r"language-[\w+#.-]+\Z")
_ALIGNED_CELL = re.compile(r'<(th|td) style="text-align: (left|center|right);">')
# Ammonia's output is normalised: lower-case names, double-quoted values with
# `"`, `<` and `>` escaped, so a start tag is matched exactly by these.
_START = r'(?:\s[a-z][^\s=>]*(?:="[^"]*")?)*'
_IFRAME = re.compile(rf"<iframe({_START})>.*?</iframe>", re.DOTALL)
_IMG = re.compile(rf"<img({_START})>")
_LINK = re.compile(rf"<a({_START})>")

# Characters XML 1.0 forbids (feeds would not parse) or HTML calls a parse
# error: C0 controls but tab, LF and CR; DEL and the C1 controls; lone
# surrogates; noncharacters. Invisible, and nearly always pasted by accident.
_NONCHARACTERS = "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
_BAD_CHARACTERS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
# The same characters and every character past U+FFFF (an emoji, say), sifted where they are found:
# a class of ranges is searched seven times faster than one that lists the 32 noncharacters
# past U+FFFF one by one (about 0.2 ms of every article's 1 ms of reading).
_SUSPECT_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                                 "\U00010000-\U0010ffff]")
# The ids python-markdown's footnotes write ("fn:1", "fnref:1", "fnref2:1"):
# the only ids a body keeps, so none can take one the theme's page relies on
# ("isi", "rekomendasi-judul", ...).
_FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:")
# In an embed's path these hide ".." or "/" from the prefix comparison
# ("%2e%2e/", "%252e") or are read as "/" by browsers ("%5c").
_HIDDEN_IN_PATH = re.compile(r"%(?:2e|2f|5c|25)", re.IGNORECASE)

EMBEDS_SETTING = "NEWSROOM_EMBEDS"
# Attributes of the embed code YouTube and Google Maps hand out: dropped
# without a warning, so pasting that code as it is gives none.
_QUIET = {"iframe": {"frameborder", "allow", "referrerpolicy", "style", "loading"}}


@dataclass(frozen=True)
class Removal:
    """One thing the policy took out of a body, and where the editor wrote it."""

    line: int | None  # in the Markdown source
    message: str
    fix: str


def check_embeds(prefixes) -> tuple[str, ...]:
    """The trusted embed prefixes, refused unless each names an https origin and a path.

    A prefix without a path ("https://www.youtube.com") would also match
    "https://www.youtube.com.example.net/…".
    """
    checked = []
    for prefix in prefixes:
        parts = urlsplit(str(prefix))
        if parts.scheme != "https" or not parts.hostname or not parts.path.startswith("/") or parts.fragment:
            raise ValueError(f"{EMBEDS_SETTING}: {prefix!r} bukan awalan alamat sematan yang sah; tulis alamat "
                             "https lengkap dengan jalurnya, mis. https://www.youtube-nocookie.com/embed/")
        checked.append(str(prefix))
    return tuple(checked)


def frame_sources(prefixes) -> list[str]:
    """The Content-Security-Policy sources (origin and path, no query) of the embed prefixes."""
    sources = []
    for prefix in prefixes:
        parts = urlsplit(prefix)
        source = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if source not in sources:
            sources.append(source)
    return sources


class BodyPolicy:
    """A reusable cleaner for one build's settings (one per reader)."""

    def __init__(self, embeds=(), markers=("halaman", "nextpage")):
        self.embeds = check_embeds(embeds)
        self.markers = frozenset(" ".join(m.split()).lower() for m in markers)
        self._cleaner = nh3.Cleaner(
            tags=set(TAGS), clean_content_tags=set(_WITH_CONTENT),
            attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
            tag_attribute_values={tag: {k: set(v) for k, v in values.items()} for tag, values in _ONLY_VALUES.items()},
            set_tag_attribute_values=_ALWAYS, attribute_filter=self._filter,
            url_schemes=set(URL_SCHEMES), link_rel=None,
            strip_comments=False,  # plugins/halaman's page markers are comments; the rest go in clean()
        )

    def trusted_embed(self, src: str) -> bool:
        if not any(src.startswith(prefix) for prefix in self.embeds) or re.search(r"[\s\\]|\.\.", src):
            return False
        path = urlsplit(src).path
        decoded = unquote(path)
        return not _HIDDEN_IN_PATH.search(path) and posixpath.normpath(decoded) == (decoded.rstrip("/") or "/")

    def _filter(self, tag: str, name: str, value: str) -> str | None:
        if name == "id":
            return value if _FOOTNOTE_ID.match(value) else None
        if name == "class":
            allowed = _CLASSES.get(tag, set())
            kept = [c for c in value.split() if c in allowed or (tag == "code" and _CODE_CLASS.match(c))]
            return " ".join(kept) or None
        if name == "src" and tag == "iframe":
            return value if self.trusted_embed(value) else None
        if name == "src" and tag == "img":
            return value if _is_local(value) else None  # the CSP allows images from this site only
        return value

    def clean(self, markup: str, source: str = "") -> tuple[str, list[Removal]]:
        """MARKUP cleaned, and what was removed (lines found in SOURCE, the Markdown file)."""
        markup = _ALIGNED_CELL.sub(r'<\1 class="align-\2">', markup)
        markup, characters = _without_bad_characters(markup, source)
        cleaned = self._cleaner.clean(markup)
        cleaned = _IFRAME.sub(_kept_iframe, cleaned)
        cleaned = _IMG.sub(lambda m: m.group(0) if ' src="' in m.group(1) else "", cleaned)
        cleaned = _LINK.sub(_opener_safe, cleaned)
        cleaned = _COMMENT.sub(self._marker_only, cleaned)
        # A character reference ("&#1;", "&#xFFFE;") becomes its character only now.
        cleaned, referenced = _without_bad_characters(cleaned, source)
        characters += [r for r in referenced if r not in characters]
        if cleaned == markup:
            return cleaned, characters
        removals = _Report(self, source).removals(_start_tags(markup), _start_tags(cleaned))
        return cleaned, sorted(characters + removals, key=lambda r: r.line or 0) if characters else removals

    def _marker_only(self, match: re.Match) -> str:
        """A page marker stays; any other comment is an editor's note, not for readers."""
        return match.group(0) if " ".join(match.group(1).split()).lower() in self.markers else ""


# In ammonia's output a "<" that is not markup is always "&lt;", so this finds comments only.
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def _is_local(url: str) -> bool:
    r"""Whether URL stays on this site. Browsers read "\" as "/" and drop tabs
    and newlines, so "/\evil.example/a.png" is another site's "//evil.example/a.png"."""
    url = re.sub(r"[\t\n\r]", "", url.strip()).replace("\\", "/")
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def _without_bad_characters(markup: str, source: str) -> tuple[str, list[Removal]]:
    """MARKUP without the characters a feed or a page cannot hold, and one
    Removal per character and line of SOURCE where it was written."""
    found = {c for c in _SUSPECT_CHARACTERS.findall(markup) if ord(c) <= 0xFFFF or ord(c) & 0xFFFE == 0xFFFE}
    if not found:
        return markup, []
    body = _body_of(source) if source else ""
    removals = []
    for character in sorted(found):
        point = ord(character)
        lines = _lines_of_character(body, point) or [None]
        kind = "karakter kontrol" if point < 0xA0 else "karakter"
        why = "yang tidak terlihat" if point < 0xA0 else "yang tidak sah"
        removals += [Removal(line, f"{kind} U+{point:04X} {why} dihapus",
                             "hapus karakter itu; biasanya terbawa saat menyalin dari aplikasi lain") for line in lines]
    return _BAD_CHARACTERS.sub("", markup), removals


def _lines_of_character(body: str, point: int) -> list[int]:
    """The lines of BODY holding the character POINT, as itself or as a numeric reference."""
    pattern = re.compile(rf"{re.escape(chr(point))}|&#(?:0*{point}|[xX]0*{point:x});?", re.IGNORECASE)
    return sorted({body.count("\n", 0, match.start()) + 1 for match in pattern.finditer(body)})


def _kept_iframe(match: re.Match) -> str:
    """An iframe stays only with its (trusted) src, and never with content of its own."""
    return f"<iframe{match.group(1)}></iframe>" if ' src="' in match.group(1) else ""


def _opener_safe(match: re.Match) -> str:
    """A link that opens a new tab gets rel="noopener"; other links keep their bytes."""
    if ' target="_blank"' not in match.group(1):
        return match.group(0)
    return f'<a{match.group(1)} rel="noopener">'


# --- What was removed, and where ---------------------------------------------

@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    parent: int | None  # index of the enclosing element


class _StartTags(HTMLParser):
    _VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[_Element] = []
        self._open: list[int] = []

    def handle_starttag(self, tag, attrs):
        values = {}
        for name, value in attrs:
            values.setdefault(name, value or "")  # the first of two equal names wins, as in browsers
        self.found.append(_Element(tag, values, self._open[-1] if self._open else None))
        if tag not in self._VOID:
            self._open.append(len(self.found) - 1)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self._VOID and self._open:
            self._open.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):
            if self.found[self._open[depth]].tag == tag:
                del self._open[depth:]
                return


# "<!-->" and "<!--->" are whole (empty) comments to a browser and to ammonia,
# but Python's HTMLParser reads on to the next "-->", hiding the tags between.
_SHORT_COMMENT = re.compile(r"<!---?>")
# A comment as a browser ends it, in the Markdown source.
_SOURCE_COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>)", re.DOTALL)


def _start_tags(markup: str) -> list[_Element]:
    parser = _StartTags()
    parser.feed(_SHORT_COMMENT.sub("<!---->", markup))
    parser.close()
    return parser.found


def _identity(element: _Element) -> tuple[str, str]:
    """What pairs an element before cleaning with itself after: its tag and,
    for an iframe or image (kept only with their address), the address."""
    return element.tag, element.attrs.get("src", "") if element.tag in ("iframe", "img") else ""


_CODE_TEXT = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)


def _body_of(source: str) -> str:
    """SOURCE with its header, code and comments blanked out (newlines kept):
    only the body's own markup is searched for a removed tag."""
    header = re.search(r"\n[ \t]*\n", source)
    end = header.end() if header else 0
    body = re.sub(r"[^\n]", " ", source[:end]) + source[end:]
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return _SOURCE_COMMENT.sub(blank, _CODE_TEXT.sub(blank, body))


class _Report:
    """Compares the start tags before and after cleaning and names each removal."""

    def __init__(self, policy: BodyPolicy, source: str):
        self.policy = policy
        self.body = _body_of(source)

    def removals(self, before: list[_Element], after: list[_Element]) -> list[Removal]:
        found: list[Removal] = []
        # What lies inside a tag removed with its content is gone with it: left
        # out of the comparison, so it cannot be paired with a kept element.
        gone_with: set[int] = set()
        for index, element in enumerate(before):
            parent = element.parent
            if parent is not None and (parent in gone_with or before[parent].tag in _WITH_CONTENT):
                gone_with.add(index)
        compared = [index for index in range(len(before)) if index not in gone_with]
        removed: set[int] = set()
        matcher = SequenceMatcher(None, [_identity(before[i]) for i in compared], [_identity(e) for e in after],
                                  autojunk=False)
        for op, b1, b2, a1, _a2 in matcher.get_opcodes():
            if op == "equal":
                for offset in range(b2 - b1):
                    found += self._attributes(before, compared[b1 + offset], after[a1 + offset])
            elif op in ("delete", "replace"):
                for index in compared[b1:b2]:
                    removed.add(index)
                    if before[index].parent not in removed:
                        found.append(self._tag(before, index))
        return found

    def _tag(self, before: list[_Element], index: int) -> Removal:
        element = before[index]
        line = self._line_of_tag(before, index)
        message, fix = _tag_reason(element, self.policy)
        return Removal(line, message, fix)

    def _attributes(self, before: list[_Element], index: int, kept: _Element) -> list[Removal]:
        element = before[index]
        found = []
        for name, value in element.attrs.items():
            if name in _QUIET.get(element.tag, ()):
                continue
            if name in kept.attrs and (name != "class" or kept.attrs[name] == value):
                continue
            if name == "class" and name in kept.attrs:
                value = " ".join(c for c in value.split() if c not in kept.attrs["class"].split())
            line = self._line_of_attribute(before, index, name, value)
            message, fix = _attribute_reason(element.tag, name, value)
            found.append(Removal(line, message, fix))
        return found

    def _line_of_tag(self, before: list[_Element], index: int) -> int | None:
        tag, src = before[index].tag, before[index].attrs.get("src", "")
        if tag in ("img", "iframe") and src:  # also found when Markdown wrote the tag: ![alt](src)
            nth = sum(1 for e in before[:index] if e.tag == tag and e.attrs.get("src") == src)
            line = self._nth_line(re.compile(re.escape(src)), nth)
            if line is not None:
                return line
        nth = sum(1 for e in before[:index] if e.tag == tag)
        return self._nth_line(re.compile(rf"<{re.escape(tag)}(?![\w-])", re.IGNORECASE), nth)

    def _line_of_attribute(self, before, index: int, name: str, value: str) -> int | None:
        if name in ("href", "src") and value:
            nth = sum(1 for e in before[:index] for v in e.attrs.values() if v == value)
            line = self._nth_line(re.compile(re.escape(value)), nth)
        elif name == "id" and value:  # written id="x" or, with attr_list, {#x}
            nth = sum(1 for e in before[:index] if e.attrs.get("id") == value)
            line = self._nth_line(re.compile(rf"(?:\bid\s*=\s*[\"']?|#){re.escape(value)}(?![\w-])", re.I), nth)
        else:
            nth = sum(1 for e in before[:index] if name in e.attrs)
            line = self._nth_line(re.compile(rf"(?<![\w</-]){re.escape(name)}(?=\s*[=\s/>}}])", re.IGNORECASE), nth)
        return line if line is not None else self._line_of_tag(before, index)

    def _nth_line(self, pattern: re.Pattern, nth: int) -> int | None:
        for number, match in enumerate(pattern.finditer(self.body)):
            if number == nth:
                return self.body.count("\n", 0, match.start()) + 1
        return None


# --- What the editor reads (Bahasa Indonesia) ----------------------------------

_NO_CODE = "kode tidak boleh dijalankan di halaman"
_EMBED_FIX = f"hapus tag ini, atau minta admin menambah sematan tepercaya di {EMBEDS_SETTING}"
_TAG_REASONS = {
    "script": (_NO_CODE, _EMBED_FIX),
    "noscript": (_NO_CODE, "hapus tag ini"),
    "template": (_NO_CODE, "hapus tag ini"),
    "style": ("tampilan diatur oleh tema", "hapus tag ini; gunakan Markdown untuk judul, tebal, miring dan tabel"),
    "link": ("tampilan diatur oleh tema", "hapus tag ini"),
    "form": ("formulir tidak boleh ada di isi berita", "hapus formulir ini dan tautkan ke halaman layanannya"),
    "object": ("objek sisipan tidak boleh ada di isi berita", _EMBED_FIX),
    "embed": ("objek sisipan tidak boleh ada di isi berita", _EMBED_FIX),
    "svg": ("gambar SVG sisipan dapat membawa kode", "simpan gambarnya sebagai berkas JPEG/PNG di content/images"),
    "math": ("rumus MathML tidak didukung", "tulis rumus sebagai teks biasa"),
}
for _tag in ("input", "button", "select", "textarea", "label", "option", "fieldset"):
    _TAG_REASONS[_tag] = _TAG_REASONS["form"]


def _tag_reason(element: _Element, policy: BodyPolicy) -> tuple[str, str]:
    tag = element.tag
    if tag == "iframe":
        src = element.attrs.get("src", "")
        host = urlsplit(src).hostname if src else None
        where = f"dari {host} " if host else "tanpa alamat https "
        return (f"<iframe> {where}dihapus dari isi berita (bukan sematan tepercaya)",
                f"hapus sematan ini, atau minta admin menambah alamatnya di {EMBEDS_SETTING}")
    if tag == "img":
        return ("<img> dihapus dari isi berita (hanya gambar dari situs ini yang boleh tampil)",
                "simpan fotonya di content/images dan tulis ![keterangan](/images/…)")
    reason, fix = _TAG_REASONS.get(tag, ("tag ini tidak termasuk yang diizinkan; teksnya tetap tampil",
                                         "hapus tag ini"))
    return f"<{tag}> dihapus dari isi berita ({reason})", fix


def _attribute_reason(tag: str, name: str, value: str) -> tuple[str, str]:
    what = f"atribut {name}"
    if name.startswith("on"):
        return f"{what} pada <{tag}> dihapus ({_NO_CODE})", "hapus atribut ini"
    if name in ("href", "src"):
        scheme = urlsplit(value.strip()).scheme or value.strip()[:20]
        return (f"alamat {scheme}: pada <{tag}> dihapus (hanya http, https, mailto, tel dan alamat di situs ini)",
                "ganti dengan alamat https yang benar, atau hapus tautan ini")
    if name == "style":
        return f"{what} pada <{tag}> dihapus (tampilan diatur oleh tema)", "hapus atribut ini"
    if name == "class":
        return f"kelas {value!r} pada <{tag}> dihapus (tampilan diatur oleh tema)", "hapus kelas ini"
    if name == "id":
        return (f"atribut id {value!r} pada <{tag}> dihapus (id di isi berita bisa bentrok dengan id halaman; "
                "hanya catatan kaki yang memakai id)", "hapus atribut id ini; untuk rujukan pakai catatan kaki [^1]")
    return f"{what} pada <{tag}> dihapus (tidak termasuk yang diizinkan)", "hapus atribut ini"
