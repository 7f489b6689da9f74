"""Headless Chromium (Debian's /usr/bin/chromium, or the one PORTAL_CHROMIUM
names) driven by Playwright, and a local HTTP server for a built site. Never a
downloaded browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

# Ubuntu's apt "chromium" is a snap stub: there an installed Chrome or a
# chromium-browser serves instead. The Makefile's `browser` target accepts the same.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str:
    """PORTAL_CHROMIUM when set, else the first of BROWSER_NAMES on PATH, else Debian's path."""
    chosen = os.environ.get("PORTAL_CHROMIUM", "").strip()
    if chosen:
        return chosen
    return next(filter(None, map(shutil.which, BROWSER_NAMES)), "/usr/bin/chromium")


CHROMIUM = find_chromium()
# Flags the sandboxed machine needs: no background network, no GPU, fresh profile.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve_folder(folder: Path, port: int = 0):
    """Serve FOLDER on 127.0.0.1 (at a free port unless given); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser from Debian's package."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


_REPORT_CSP = ("document.addEventListener('securitypolicyviolation', e => console.error("
               "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')))")



# Init scripts of the Hemat data tests: Save-Data as the page code reads it
# (navigator.connection; Chromium has no switch for it), and the layout shift
# the page sees (CLS without shifts that follow a tap), kept in window.__cls.
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {get() { return {saveData: true}; }});"
MEASURE_CLS = """
window.__cls = 0; window.__shifts = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) {
  window.__cls += e.value;
  window.__shifts.push([e.value, e.sources.map(s => s.node && (s.node.className || s.node.nodeName) + ' '
                        + JSON.stringify(s.previousRect) + JSON.stringify(s.currentRect))]);
} }).observe({type: 'layout-shift', buffered: true});
"""

def watch(page, local=("http://127.0.0.1:", "http://localhost:"), keep_console=None) -> list[str]:
    """What PAGE does that a reader's page must not: dialogs, page errors,
    console errors (CSP violations among them). Requests to anything but the
    LOCAL address prefixes are aborted, never sent. KEEP_CONSOLE(message)
    decides which console messages count (default: errors)."""
    seen: list[str] = []
    keep = keep_console or (lambda message: message.type == "error")
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(tuple(local))
               else route.abort())
    page.add_init_script(_REPORT_CSP)
    page.on("console", lambda message: seen.append(
        f"console {message.type}: {message.text} ({message.location.get('url', '')})") if keep(message) else None)
    page.on("dialog", lambda dialog: (seen.append(f"dialog {dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.append(f"pageerror: {error}"))
    return seen
