"""Finishing touches on the HTML of an article or a page, made once every file
is read: the dateline and the scrolling tables.

They run at ``article_generator_finalized`` (and ``page_generator_finalized``),
before plugins/halaman cuts an article into pages at its top-level blocks, so
what they add travels with the block it belongs to. Each edit is inserted into
the Markdown output as it is: nothing else in the text is re-serialised.
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Tag

_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)


def with_dateline(markup: str, dateline: str) -> str:
    """Open the first paragraph of the text with "PRAYA – ", as news agencies do.

    Only a top-level paragraph of the article's own text counts: a quote, a
    list item or a table cell holds someone else's words or a fragment, and a
    paragraph a plugin marked with a class (a "Baca juga" link) is not the
    text. Without any such paragraph the place stands alone on a line before
    the text, without the dash, which would point at a table or a quote as if
    it were a sentence.
    """
    label = f'<span class="dateline">{html.escape(dateline)}</span>'
    soup = BeautifulSoup(markup, "html.parser")
    first = next((p for p in soup.find_all("p", recursive=False)
                  if not p.get("class") and p.get_text(strip=True)), None)
    if first is None:
        return f'<p class="dateline-only">{label}</p>\n{markup}'
    at = _end_of_start_tag(markup, first)
    return f"{markup[:at]}{label} – {markup[at:]}"


def with_scrollable_tables(markup: str, label: str) -> str:
    """Wrap each table in a region that scrolls sideways on a narrow screen.

    ``<div class="table-scroll" role="region" tabindex="0" aria-label="…">``:
    a keyboard user can focus it to scroll, a screen reader names it. LABEL
    holds ``{n}``, the table's number in the text, so two regions on one page
    never share a name. A table inside another table is wrapped with it.
    """
    pieces, depth, done, number = [], 0, 0, 0
    for tag in _TABLE_TAG.finditer(markup):
        if not tag.group(1):  # <table …>
            if depth == 0:
                number += 1
                name = html.escape(label.format(n=number))
                pieces += [markup[done:tag.start()],
                           f'<div class="table-scroll" role="region" tabindex="0" aria-label="{name}">']
                done = tag.start()
            depth += 1
        elif depth:  # </table>
            depth -= 1
            if depth == 0:
                pieces += [markup[done:tag.end()], "</div>"]
                done = tag.end()
    if depth:  # a table left open: not ours to mend
        return markup
    return "".join(pieces) + markup[done:]


def _offset(markup: str, tag: Tag) -> int:
    """Where TAG's start tag begins in MARKUP (html.parser records line and column)."""
    lines_before = markup.split("\n")[: tag.sourceline - 1]
    return sum(len(line) + 1 for line in lines_before) + tag.sourcepos


def _end_of_start_tag(markup: str, tag: Tag) -> int:
    start = _offset(markup, tag)
    if not markup.startswith(f"<{tag.name}", start):  # cannot happen with html.parser; never guess
        raise ValueError(f"<{tag.name}> not found at line {tag.sourceline}, column {tag.sourcepos}")
    return markup.index(">", start) + 1
