"""Words of an article's text (not its HTML tags) and the reading time."""

from __future__ import annotations

import html
import math
import re

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

