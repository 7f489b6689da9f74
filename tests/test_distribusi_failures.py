"""A distribusi failure stops the build through one channel: it raises."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from pelican import Pelican

from portal.build import load_settings
from tests.conftest import SETTINGS


def test_a_failed_index_fails_a_plain_pelican_run(content, tmp_path, monkeypatch):
    """Without portal.build (``pelican content``) the failure raises too: Pelican's
    command line turns it into a non-zero exit instead of publishing a site without search."""
    content.article("berita-lama")
    search = sys.modules.get("distribusi.search") or importlib.import_module("distribusi.search")
    monkeypatch.setattr(search, "pagefind_binary", lambda: Path("/bin/false"))
    settings = load_settings(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"),
                                        "OUTPUT_PATH": str(tmp_path / "keluaran")})
    with pytest.raises(search.SearchIndexFailed, match="Pagefind gagal"):
        Pelican(settings).run()


def test_distribusi_names_a_missing_plugin_it_needs(content, tmp_path):
    from newsroom.order import PluginOrderError

    settings = load_settings(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"),
                                        "PLUGINS": ["newsroom", "halaman", "rekomendasi", "distribusi"]})
    with pytest.raises(PluginOrderError, match="butuh plugin 'gambar'"):
        Pelican(settings)
