"""The project's own wiring: every plugin the settings name is installed under its name."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_plugin_in_the_settings_is_an_installed_package():
    # A plugin missing from pyproject.toml imports only where plugins/ happens to be on
    # sys.path (Pelican's PLUGIN_PATHS), so its unit tests fail on a fresh machine.
    namespace: dict = {"__file__": str(ROOT / "pelicanconf.py")}
    exec(compile((ROOT / "pelicanconf.py").read_text(encoding="utf-8"), "pelicanconf.py", "exec"), namespace)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    for plugin in namespace["PLUGINS"]:
        assert plugin in project["packages"], f"{plugin}: add it to [tool.setuptools] packages in pyproject.toml"
        assert project["package-dir"].get(plugin) == f"plugins/{plugin}", plugin
