"""One build's state of a plugin, kept in the generators' shared context.

Pelican makes one context dict per build and hands it to every generator
(and, copied, to every template), so a plugin's per-build object lives there
under the plugin's key: made when the build's first generator is made, gone
with the build. No module-level state outlives a build or leaks into the next
one in the same process (livereload, the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class BuildState:
    """Base of a plugin's per-build object."""

    def __reduce__(self):
        """Never pickled with a cached article's context: a later build makes its own."""
        return (_gone, ())


def _gone():
    return None


def start(generator, key: str, make: Callable[[], T]) -> T:
    """The build's object under KEY, made by MAKE for the build's first generator."""
    context = generator.context
    if key not in context:
        context[key] = make()
    return context[key]


def of(context, key: str, plugin: str):
    """The build's object under KEY, from a generator or template context; a
    clear error when PLUGIN has not run for this build."""
    try:
        return context[key]
    except (KeyError, TypeError):
        raise LookupError(f"plugin '{plugin}' belum berjalan untuk build ini: tambahkan '{plugin}' ke PLUGINS "
                          f"(the {plugin} plugin is not loaded)") from None
