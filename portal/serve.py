"""Serving the built site locally: ``invoke serve`` and ``invoke livereload``.

Both answer a missing address with the site's own 404.html and status 404
(Pelican's handler sent an empty reply; the livereload package an English
"404: Not Found"), and print no English request log.

livereload is built here on the standard library, not on the livereload
package: that package injects an inline <script>, which the site's own
Content-Security-Policy (plugins/newsroom/csp.py) blocks, so the browser was
never told to reload. Here every HTML page gets one external script from the
server's own origin (/__portal/livereload.js, allowed by script-src 'self'),
which polls /__portal/status (connect-src 'self'):

- a new good build: the page reloads, and an error overlay goes with it;
- a failed build: the page keeps the last good site and shows an overlay
  with the very message the terminal printed (text nodes only, so nothing in
  it is read as markup). Fixing the file builds again and reloads the page.
"""

from __future__ import annotations

import errno
import http.server
import json
import os
import re
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

from pelican.server import ComplexHTTPRequestHandler

PREFIX = "/__portal/"
LOOPBACK = ("127.0.0.1", "localhost", "::1")  # the names a server bound to the editor's own machine answers to
SCRIPT = Path(__file__).with_name("livereload.js")
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
NOT_FOUND_FALLBACK = ("<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><title>Halaman tidak ditemukan"
                      "</title><h1>Halaman tidak ditemukan</h1><p>Alamat ini tidak ada di situs.</p></html>")


class LiveState:
    """What the browser asks livereload: the number of the last build and its error, if it failed."""

    def __init__(self):
        self._lock = threading.Lock()
        self.version = 0
        self.error = ""

    def built(self, error: str = "") -> None:
        with self._lock:
            self.version += 1
            self.error = error

    def snapshot(self) -> dict:
        with self._lock:
            return {"version": self.version, "error": self.error}


class SiteHandler(ComplexHTTPRequestHandler):
    """Pelican's handler (directory URLs, content types) with a real 404 and no English log.

    ``base_path`` is the served folder, ``live`` a LiveState when livereload runs.
    """

    base_path = "."
    live: LiveState | None = None
    protocol_version = "HTTP/1.0"

    def log_message(self, msg_format, *args):  # the terminal is the editor's: build messages only
        pass

    def get_path_that_exists(self, original_path):
        """Pelican's lookup of a directory URL, without its English "Unable to find" warning.

        Only a file inside the served folder counts, once every symlink is
        followed (a link in output/ to /etc must not serve /etc), and a folder
        only with its index.html (never the standard library's English listing).
        """
        trailing_slash = original_path.endswith("/")
        original_path = original_path.rstrip("/")
        root = os.path.realpath(self.base_path)
        for suffix in self.SUFFIXES:
            if not trailing_slash and suffix == "/":
                continue
            path = original_path + suffix
            local = os.path.realpath(self.translate_path(path))
            if local != root and not local.startswith(root + os.sep):
                continue
            if os.path.isfile(local) or os.path.isfile(os.path.join(local, "index.html")):
                return path
        return None

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _foreign_host(self) -> bool:
        """A request to a loopback server under another name (DNS rebinding: a web page whose
        name now points at 127.0.0.1 reading the local site and its build errors)."""
        if self.server.server_address[0] not in LOOPBACK or "Host" not in self.headers:
            return False  # served to the network on purpose (--host), or a client that names no host
        try:
            name = urlsplit("//" + self.headers["Host"]).hostname or ""
        except ValueError:
            return True
        return name not in LOOPBACK

    def _answer(self, head: bool) -> None:
        if self._foreign_host():
            self._send(403, "text/plain; charset=utf-8", b"Alamat host tidak dikenal: buka situs lewat "
                       b"http://127.0.0.1 atau http://localhost.\n", head)
            return
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if self.live is not None and path.startswith(PREFIX):
            self._live(path[len(PREFIX):], head)
            return
        found = self.get_path_that_exists(path)
        if found is None:
            page = Path(self.base_path) / "404.html"
            body = page.read_bytes() if page.is_file() else NOT_FOUND_FALLBACK.encode("utf-8")
            self._send(404, "text/html; charset=utf-8", self._inject(body), head)
            return
        self.path = found
        local = Path(self.translate_path(found))
        if self.live is not None and local.is_file() and local.suffix == ".html":
            self._send(200, "text/html; charset=utf-8", self._inject(local.read_bytes()), head)
            return
        if head:
            http.server.SimpleHTTPRequestHandler.do_HEAD(self)
        else:
            http.server.SimpleHTTPRequestHandler.do_GET(self)

    def _inject(self, body: bytes) -> bytes:
        if self.live is None:
            return body
        tag = f'<script src="{PREFIX}livereload.js" defer></script>'.encode("ascii")
        return HEAD_END.sub(lambda m: tag + m.group(0), body, count=1) if HEAD_END.search(body) else body + tag

    def _live(self, name: str, head: bool) -> None:
        if name == "livereload.js":
            self._send(200, "text/javascript; charset=utf-8", SCRIPT.read_bytes(), head)
        elif name == "status":
            self._send(200, "application/json", json.dumps(self.live.snapshot()).encode("utf-8"), head)
        else:
            self._send(404, "text/plain; charset=utf-8", b"tidak ada", head)

    def _send(self, status: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)


class ServeFailed(SystemExit):
    """The server cannot listen: the message says why and what to do (invoke prints it, exit code 1)."""


def make_server(folder: Path, host: str, port: int, live: LiveState | None = None) -> http.server.HTTPServer:
    """A threaded server of FOLDER (a handler class of its own, so two servers never share settings)."""
    handler = type("Handler", (SiteHandler,), {"base_path": str(folder), "live": live})

    class Server(http.server.ThreadingHTTPServer):
        allow_reuse_address = True
        daemon_threads = True

    try:
        return Server((host, int(port)), handler)
    except OSError as failed:
        why = (f"port {port} sudah dipakai program lain (mungkin serve atau livereload yang masih berjalan): "
               f"hentikan program itu dengan Ctrl+C, atau pakai port lain, mis. --port {int(port) + 1}"
               if failed.errno == errno.EADDRINUSE else f"{failed.strerror or failed}")
        raise ServeFailed(f"Situs tidak bisa disajikan di {host}:{port}: {why}.") from None


# --- watching ----------------------------------------------------------------------

def snapshot(roots: list[Path]) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file under ROOTS (a root may be a single file); hidden entries skipped."""
    seen: dict[str, tuple[int, int]] = {}
    for root in roots:
        if root.is_file():
            entries = [(str(root), root)]
        elif root.is_dir():
            entries = []
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
                entries += [(os.path.join(folder, f), None) for f in files if not f.startswith(".")]
        else:
            continue
        for name, _ in entries:
            try:
                info = os.stat(name)
            except OSError:
                continue
            seen[name] = (info.st_mtime_ns, info.st_size)
    return seen


def attempt(build) -> str:
    """BUILD()'s error text ("" for a good build). A build that raises instead of
    reporting (a typo in pelicanconf.py or a plugin, which livereload watches too)
    is an error like any other: shown, and livereload keeps serving."""
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 - anything but Ctrl+C: keep the server up
        text = "Build berhenti karena galat Python:\n" + "".join(traceback.format_exception_only(exc)).strip()
        print(text, file=sys.stderr, flush=True)
        return text


def run_livereload(build, folder: Path, roots: list[Path], host: str, port: int, *, interval: float = 0.5,
                   ready=None, stop: threading.Event | None = None) -> None:
    """Serve FOLDER with livereload; BUILD() runs a build and returns "" or the error text.

    Builds once, then again whenever a file under ROOTS changes, until STOP is
    set (or Ctrl+C). READY(url) is called once the server listens.
    """
    live = LiveState()
    server = make_server(folder, host, port, live)  # a busy port is said before the first (long) build
    live.built(attempt(build))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://{host}:{server.server_address[1]}/"
    if ready:
        ready(url)
    stop = stop or threading.Event()
    seen = snapshot(roots)
    try:
        while not stop.wait(interval):
            now = snapshot(roots)
            if now != seen:
                time.sleep(interval / 2)  # an editor's save may write in steps: let it settle
                seen = snapshot(roots)
                live.built(attempt(build))
    except KeyboardInterrupt:
        print("\nBerhenti.", file=sys.stderr)
    finally:
        server.shutdown()
        server.server_close()
