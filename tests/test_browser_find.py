"""Which Chromium the browser tests drive: PORTAL_CHROMIUM, else chromium,
chromium-browser or google-chrome on PATH, else Debian's /usr/bin/chromium;
`make browser` accepts the same and installs Debian's chromium only without one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from portal.browser import find_chromium
from tests.conftest import ROOT


def fake_browsers(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        program = folder / name
        program.write_text("#!/bin/sh\nexit 0\n")
        program.chmod(0o755)
    return folder


def test_portal_chromium_comes_first(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_browsers(tmp_path / "bin", "chromium")))
    monkeypatch.setenv("PORTAL_CHROMIUM", "/opt/chrome/chrome")
    assert find_chromium() == "/opt/chrome/chrome"


@pytest.mark.parametrize("names, found", [
    (("chromium", "chromium-browser", "google-chrome"), "chromium"),
    (("chromium-browser", "google-chrome"), "chromium-browser"),
    (("google-chrome",), "google-chrome"),
])
def test_the_first_browser_on_path_is_used(tmp_path, monkeypatch, names, found):
    monkeypatch.setenv("PATH", str(fake_browsers(tmp_path / "bin", *names)))
    monkeypatch.setenv("PORTAL_CHROMIUM", " ")
    assert find_chromium() == str(tmp_path / "bin" / found)


def test_without_any_debians_path_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(fake_browsers(tmp_path / "bin")))
    monkeypatch.delenv("PORTAL_CHROMIUM", raising=False)
    assert find_chromium() == "/usr/bin/chromium"


def make_browser(path: Path, **env: str) -> subprocess.CompletedProcess:
    """`make browser` with only PATH (and ENV); installing would fail (SUDO=false)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    return subprocess.run([make, "-s", "browser", "SUDO=false"], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": str(path), **env})


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome"])
def test_make_browser_accepts_a_browser_on_path(tmp_path, name):
    done = make_browser(fake_browsers(tmp_path / "bin", name))
    assert done.returncode == 0 and "Installing" not in done.stdout


def test_make_browser_accepts_portal_chromium(tmp_path):
    chrome = fake_browsers(tmp_path / "opt", "chrome") / "chrome"
    done = make_browser(fake_browsers(tmp_path / "bin"), PORTAL_CHROMIUM=str(chrome))
    assert done.returncode == 0 and "Installing" not in done.stdout


@pytest.mark.skipif("ID=debian" not in (Path("/etc/os-release").read_text() if os.path.exists("/etc/os-release")
                                        else ""), reason="Debian's behaviour")
def test_make_browser_on_debian_without_one_installs_chromium(tmp_path):
    done = make_browser(fake_browsers(tmp_path / "bin"))
    assert "Installing Debian's chromium" in done.stdout and done.returncode != 0  # SUDO=false stopped it
