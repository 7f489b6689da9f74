"""Words of an article's text (not its HTML tags) and the reading time."""

from __future__ import annotations

import html
import math
import re
from html.parser import HTMLParser

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+(?:[-']\w+)*")


def plain_text(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def words_in(text: str) -> int:
    """Words of plain text (hyphenated and apostrophe words count once)."""
    return len(_WORD.findall(text))


def count_words(markup: str) -> int:
    return words_in(plain_text(markup))


def reading_minutes(words: int, words_per_minute: int) -> int:
    """At least one minute; editors expect "1 menit baca" for a short note."""
    return max(1, math.ceil(words / max(1, words_per_minute)))



# Text that is not the article's running prose: code, media, tables, captions
# and footnote markers stay out of an automatic summary.
_NOT_PROSE = frozenset("script style template noscript svg math iframe object figure table pre sup".split())
_BLOCKS = frozenset("p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 blockquote br hr section article aside header "
                    "footer".split())


class _OpeningWords(HTMLParser):
    """Collects the prose text of an HTML fragment, block boundaries as spaces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _NOT_PROSE:
            self._skipping.append(tag)
        elif tag in _BLOCKS:
            self.pieces.append(" ")

    def handle_endtag(self, tag):
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag in _BLOCKS:
            self.pieces.append(" ")

    def handle_data(self, data):
        if not self._skipping:
            self.pieces.append(data)

    def words(self) -> list[str]:
        return "".join(self.pieces).split()


def opening_words(markup: str, limit: int | None) -> tuple[str, bool]:
    """The first LIMIT words of the article's own prose as plain text, and
    whether that cut the text: the automatic summary (meta description,
    feeds, JSON-LD).

    Read from the body before other plugins add to it ("Baca juga" links, the
    dateline), so it is always the article's own words. Only as much of the
    body is parsed as the words need.
    """
    parser = _OpeningWords()
    chunk = 4096
    for start in range(0, len(markup or ""), chunk):
        parser.feed(markup[start:start + chunk])
        if limit is not None and len(parser.words()) > limit:
            break
    parser.close()
    words = parser.words()
    if limit is not None and len(words) > limit:
        return " ".join(words[:limit]), True
    return " ".join(words), False
