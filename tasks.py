"""Tasks for editors and operators: ``invoke --list`` shows them all.

Each task prints what it did and exits non-zero on failure, so CI and a
person at a terminal read the same thing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from portal.build import BuildFailed, build_site, load_settings  # noqa: E402

SETTINGS = {"base": ROOT / "pelicanconf.py", "publish": ROOT / "publishconf.py"}
HOST, PORT = "127.0.0.1", 8000


def _output(settings_file: Path) -> Path:
    return Path(load_settings(settings_file)["OUTPUT_PATH"])


def _build(settings_file: Path, overrides: dict | None = None) -> None:
    try:
        result = build_site(settings_file, overrides=overrides)
    except BuildFailed as failed:
        print(failed, file=sys.stderr)
        print("Situs lama di output/ tidak diubah.", file=sys.stderr)
        raise Exit(code=1) from None
    pages = sum(1 for _ in result.output_path.rglob("*.html"))
    print(f"Selesai: {pages} halaman HTML di {result.output_path} ({result.seconds:.1f} detik).")


@task
def build(c):
    """Build the site into output/ with pelicanconf.py (atomic: old output kept on failure)."""
    _build(SETTINGS["base"])


@task
def rebuild(c):
    """Build from scratch, ignoring the content cache."""
    _build(SETTINGS["base"], {"LOAD_CONTENT_CACHE": False})


@task
def preview(c):
    """Build the production version (publishconf.py: absolute URLs) into output/."""
    _build(SETTINGS["publish"])


@task
def clean(c):
    """Remove output/ and every cache under .cache/."""
    settings = load_settings(SETTINGS["base"])
    for folder in (Path(settings["OUTPUT_PATH"]), ROOT / ".cache"):
        if folder.exists():
            shutil.rmtree(folder)
            print(f"Dihapus: {folder}")
    print("Bersih.")


@task
def serve(c, host=HOST, port=PORT):
    """Serve output/ at http://127.0.0.1:8000/ (Ctrl+C to stop)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    output = _output(SETTINGS["base"])
    if not (output / "index.html").exists():
        raise Exit(f"{output} belum berisi situs: jalankan `invoke build` dulu.", code=1)

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(str(output), (host, int(port)), ComplexHTTPRequestHandler)
    print(f"Menyajikan {output} di http://{host}:{port}/ (Ctrl+C untuk berhenti)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nBerhenti.")


@task
def livereload(c, host=HOST, port=PORT):
    """Serve output/, rebuild on any change of content, theme, plugins or settings, reload the browser."""
    from livereload import Server

    def rebuild_quietly():
        try:
            result = build_site(SETTINGS["base"])
            print(f"Dibangun ulang dalam {result.seconds:.1f} detik.", flush=True)
        except BuildFailed as failed:  # keep serving the last good site
            print(failed, file=sys.stderr, flush=True)

    rebuild_quietly()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py", "portal/*.py"):
        server.watch(str(ROOT / pattern), rebuild_quietly)
    server.serve(host=host, port=int(port), root=str(_output(SETTINGS["base"])), open_url_delay=None)


@task
def publish(c, target=""):
    """Build with publishconf.py, then rsync output/ to TARGET (or $PORTAL_PUBLISH_TARGET)."""
    target = target or os.environ.get("PORTAL_PUBLISH_TARGET", "")
    if not target:
        raise Exit("Tujuan publikasi kosong: beri --target=user@host:/var/www/portal/ "
                   "atau set PORTAL_PUBLISH_TARGET.", code=2)
    _build(SETTINGS["publish"])
    output = _output(SETTINGS["publish"])
    command = ["rsync", "--recursive", "--links", "--times", "--checksum", "--delete", "--compress",
               f"{output}/", target]
    print("Menjalankan:", " ".join(command))
    if subprocess.run(command).returncode != 0:
        raise Exit("rsync gagal; situs di server tidak berubah sepenuhnya, ulangi publish.", code=1)
    print(f"Terbit ke {target}.")


@task
def test(c, k="", x=False):
    """Lint (ruff) and run the whole test suite (pytest)."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    args = [sys.executable, "-m", "pytest", "-q"]
    if k:
        args += ["-k", k]
    if x:
        args.append("-x")
    result = subprocess.run(args, cwd=ROOT)
    if result.returncode != 0:
        raise Exit(code=result.returncode)


@task(help={"path": "content folder to check (default: content/)"})
def check(c, path=""):
    """Validate all content without rendering anything; non-zero exit on any error."""
    from portal.check import check_content

    overrides = {"PATH": str(Path(path).resolve())} if path else {}
    errors, warnings = check_content(SETTINGS["base"], overrides)
    for warning in warnings:
        if warning.startswith("draf "):
            print(f"peringatan: {warning}")
    if errors:
        print(f"{len(errors)} masalah ditemukan:", file=sys.stderr)
        for error in errors:
            print(f"- {error}", file=sys.stderr)
        raise Exit(code=1)
    print("Konten valid: tidak ada masalah.")


@task(help={"title": "judul artikel", "rubrik": "nama rubrik", "penulis": "nama penulis", "editor": "nama editor"})
def new(c, title, rubrik="", penulis="", editor=""):
    """Scaffold content/articles/YYYY-MM-DD-slug.md as a draft with every field, dated now (WITA)."""
    from portal.scaffold import write_article

    path = write_article(ROOT / "content", title, rubrik=rubrik, penulis=penulis, editor=editor)
    print(path.relative_to(ROOT))


@task(help={"out": "folder for the PNG files (default reports/shots)"})
def shots(c, out="reports/shots"):
    """Build, then screenshot home and an article at 390×844 and 1366×900 for review."""
    from portal.browser import chromium, serve_folder

    _build(SETTINGS["base"])
    output = _output(SETTINGS["base"])
    article = sorted((output / "berita").glob("*/*/*/*/index.html"))[-1].parent.relative_to(output)
    targets = {"beranda": "/", "artikel": f"/{article.as_posix()}/"}
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    with serve_folder(output) as base, chromium() as browser:
        for width, height in ((390, 844), (1366, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, url in targets.items():
                page.goto(base + url)
                path = folder / f"{name}-{width}x{height}.png"
                page.screenshot(path=str(path), full_page=False)
                print(path.relative_to(ROOT))
            page.close()
