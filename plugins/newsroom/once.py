"""``{% once KEY, ... %}…{% endonce %}``: a template fragment rendered once per build.

Most of a page is the same on every page of the site (the header, the menu,
the footer) or on every page an article's card appears on. Jinja renders
all of it again for each of the tens of thousands of pages of a build; with
``once`` the body is rendered the first time its key is met and its text is
reused after that, for as long as the Jinja environment lives (Pelican makes
one per generator and build, so nothing outlives a build).

The key must name everything the body reads that is not the same on every
page of the build: ``SITEURL`` (a page's own with RELATIVE_URLS), the item
a card shows, the flags that change its markup; a list in the key stands
for its items. ``keep=false`` after the key renders the body on the page and
holds nothing: for the one kind of a fragment that no other page shows
(``{% once "card", …, keep=shared %}``), whose text would only take memory.
A body must not define a ``{% block %}``. The text is the body's own output,
so the page stays byte-for-byte what it was without ``once``. What rendering
the body did besides its text (a photo rendition asked for) is kept with it
and counted for every page that uses the text (reuse.py's record of a page).
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension

from . import reuse

NAME = __name__ + ".OnceExtension"  # for JINJA_ENVIRONMENT["extensions"] (settings are pickled: a name)
EVERY_TIME = __name__ + ".EveryTimeExtension"


class OnceExtension(Extension):
    tags = {"once"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(once_fragments={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        parts, keep = [parser.parse_expression()], nodes.Const(True)
        while parser.stream.skip_if("comma"):
            if parser.stream.current.test("name:keep") and parser.stream.look().test("assign"):
                next(parser.stream), next(parser.stream)
                keep = parser.parse_expression()
                break
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endonce",), drop_needle=True)
        key = nodes.Tuple(parts, "load", lineno=lineno)
        call = self.call_method("_fragment", [key, keep, nodes.ContextReference()])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, key, keep, context, caller):
        if not keep:  # a fragment no other page shows: rendered here, not held
            return caller()
        key = tuple(tuple(part) if isinstance(part, list) else part for part in key)  # a list: its items
        fragments = self.environment.once_fragments
        kept = fragments.get(key)
        pages = context.get(reuse.KEY)
        if kept is None:
            mark = pages.mark() if pages is not None else None
            text = caller()
            kept = fragments[key] = (text, pages.since(mark) if pages is not None else None)
        elif pages is not None and kept[1]:
            pages.add(kept[1])
        return kept[0]


class EveryTimeExtension(OnceExtension):
    """``once`` that renders its body on every page, as if the tag were not there: the
    tests build a site with each and compare (tests/test_render_once.py)."""

    def _fragment(self, key, keep, context, caller):
        return caller()


def jinja_environment(options: dict) -> dict:
    """Pelican's JINJA_ENVIRONMENT OPTIONS with ``once`` added (unless one of the two is
    there), and templates read once per build: the environment lives for one build, so
    checking each template file for changes on every include (Jinja's auto_reload) only
    costs time."""
    extensions = list(options.get("extensions", ()))
    if not any(extension in (NAME, EVERY_TIME, OnceExtension, EveryTimeExtension) for extension in extensions):
        extensions.append(NAME)
    return {"auto_reload": False, **options, "extensions": extensions}
