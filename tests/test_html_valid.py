"""Every page of the sample site passes the Nu HTML Checker (vnu.jar, npm
``vnu-jar`` pinned in package-lock.json, run on Debian's Java): one Java run
over all files, zero errors. A known-bad page goes through the same run, so
a checker that silently checked nothing fails the test too."""

from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = "<!doctype html><html lang=id><head><title>x</title></head><body><p><div>x</div></p></body></html>"


def test_every_page_passes_the_nu_html_checker(sample_site, tmp_path):
    java = shutil.which("java")
    assert java, "java tidak ada: `make test` memasang default-jre-headless dari Debian"
    assert VNU.is_file(), "vnu.jar tidak ada: `make test` menjalankan `npm ci` (package-lock.json)"
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    pages = sample_site.html_files()
    assert len(pages) > 50
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
                           *map(str, pages), str(broken)], capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    on_site = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in errors
               if not m["url"].endswith("/broken.html")]
    assert on_site == [], "\n".join(on_site[:40])
    assert any(m["url"].endswith("/broken.html") for m in errors), "the checker did not check the known-bad page"
