"""The work a cold build spreads over forked workers (Markdown read ahead,
photos encoded ahead) gives the same site as the build doing it alone, and
the workers really did it.

Each build runs in a child process of its own: forked workers are used only
in a process with no other thread, and pytest-xdist's test processes have
one, so in-process builds here would never fork and could not fail.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SETTINGS, ContentFolder

pytestmark = pytest.mark.site

BUILD = """
import json, os, sys
from pathlib import Path
import gambar
from newsroom import parallel
from newsroom.reader import NewsroomMarkdownReader
from portal.build import build_site

parallel.MIN_FILES_PER_WORKER = 2  # a small site, yet worth workers here
main, read_here, encoded = os.getpid(), [], []
original = NewsroomMarkdownReader.read

def counting(self, path):
    if os.getpid() == main and "/articles/" in str(path):
        read_here.append(path)
    return original(self, path)

NewsroomMarkdownReader.read = counting
gambar.finished.connect(lambda report: encoded.append(report.encoded), weak=False)
content, output, cache, workers = sys.argv[1:5]
build_site({settings!r}, Path(output), {{"PATH": content, "CACHE_PATH": cache, "NEWSROOM_READ_WORKERS": int(workers),
           "GAMBAR_ENCODE_WORKERS": int(workers), "DISTRIBUSI_PAGEFIND": False, "PORTAL_SKIP_UNCHANGED": False}})
print(json.dumps({{"read_here": len(read_here), "encoded_here": encoded[-1]}}))
"""


def build_in_a_child(content, tmp_path, workers: int) -> tuple[dict, dict]:
    output = tmp_path / f"output-{workers}"
    command = [sys.executable, "-c", BUILD.format(settings=str(SETTINGS)), str(content.root), str(output),
               str(tmp_path / f"cache-{workers}"), str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    files = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    return files, json.loads(done.stdout.strip().splitlines()[-1])


def test_workers_read_the_markdown_and_encode_the_photos_and_the_site_is_the_same(tmp_path):
    content = ContentFolder(tmp_path / "content")
    for number in range(10):
        photo = content.image(f"images/foto/foto-{number}.jpg", size=(1600 + number * 8, 900))
        content.article(f"berita-{number}", body=f"Warga desa {number} \"antre\" & menunggu < 5 menit.",
                        Image=photo, Image_caption=f"Foto {number}.", Image_credit="DISKOMINFO LOTENG",
                        Date=f"2026-08-{10 + number} 09:00")
    alone, alone_counts = build_in_a_child(content, tmp_path, 1)
    spread, spread_counts = build_in_a_child(content, tmp_path, 2)
    assert spread == alone  # byte for byte, renditions included
    assert sum(1 for path in spread if path.parts[:2] == ("images", "r")) >= 10 * 4
    assert alone_counts["read_here"] == 10 and spread_counts["read_here"] == 0  # the workers read every article
    assert spread_counts["encoded_here"] < alone_counts["encoded_here"] / 2  # ... and encoded the photos
