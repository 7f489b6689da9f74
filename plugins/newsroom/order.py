"""The order of the portal's plugins, declared in code.

Each plugin names the plugins whose work it builds on (``needs``); at
start-up it checks that PLUGINS lists every one of them before itself, so a
missing or misplaced plugin stops the build with a message that names it,
instead of a build that quietly publishes articles without a dateline or a
site without search.
"""

from __future__ import annotations


class PluginOrderError(ValueError):
    """PLUGINS lacks a plugin another one needs, or lists it too late."""


def _name(entry) -> str:
    """A PLUGINS entry's bare name: ``"newsroom"``, ``"plugins.newsroom"`` or a module."""
    text = entry if isinstance(entry, str) else getattr(entry, "__name__", str(entry))
    return text.rsplit(".", 1)[-1]


def require(settings, plugin: str, needs: tuple[str, ...]) -> None:
    """Raise PluginOrderError unless every plugin in NEEDS is listed before PLUGIN."""
    names = [_name(entry) for entry in settings.get("PLUGINS") or ()]
    here = names.index(plugin) if plugin in names else len(names)
    for needed in needs:
        if needed not in names:
            raise PluginOrderError(
                f"plugin '{plugin}' butuh plugin '{needed}': tambahkan '{needed}' ke PLUGINS di pelicanconf.py "
                f"sebelum '{plugin}' (plugin '{plugin}' needs '{needed}' in PLUGINS)")
        if names.index(needed) > here:
            raise PluginOrderError(
                f"plugin '{needed}' harus tercantum sebelum '{plugin}' di PLUGINS (pelicanconf.py); "
                f"urutan sekarang: {', '.join(names)} (plugin '{plugin}' needs '{needed}' listed first)")
