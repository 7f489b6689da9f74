"""The editor's tools without traps: invoke new, the check's messages, Bahasa
Indonesia instead of Pelican's English, serve's 404 and livereload's error overlay."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from portal.scaffold import SLUG_MAX, ScaffoldRefused, check_options, check_title, cut_slug, make_slug, write_article
from tests.conftest import ROOT, SETTINGS

ENGLISH = re.compile(r"Done: Processed|Feeds generated|There are \d+|Unable to find|Could not process|"
                     r"skipping|Not Found|\b(?:the|with|and|items)\b")


# --- invoke new: unit layer ------------------------------------------------------

def test_slug_is_cut_after_a_whole_word_within_the_limit():
    title = ("Bupati Lombok Tengah Resmikan Jaringan Internet Desa di Seluruh Kecamatan Pujut "
             "dan Praya Timur Tahun Ini")
    slug = make_slug(title)
    assert len(slug) <= SLUG_MAX
    assert slug == "bupati-lombok-tengah-resmikan-jaringan-internet-desa-di-seluruh"
    whole = make_slug(title, limit=200)
    assert whole.startswith(slug + "-")  # cut between two words, not inside one


def test_slug_cut_edges():
    assert cut_slug("abc-def", 7) == "abc-def"  # fits
    assert cut_slug("abc-def-ghi", 7) == "abc-def"  # the hyphen right after the limit: "def" is whole
    assert cut_slug("abc-defgh", 7) == "abc"
    assert cut_slug("a" * 90, 70) == "a" * 70  # one word longer than the limit: nowhere else to cut


@pytest.mark.parametrize("title", ["--help", "-h", "--ruang", "-x", "  --rubrik Pemerintahan"])
def test_a_flag_is_never_a_title(title, tmp_path):
    with pytest.raises(ScaffoldRefused) as refused:
        write_article(tmp_path, title)
    assert "diawali tanda '-'" in str(refused.value) and "tidak ada berkas yang dibuat" in str(refused.value)
    assert not (tmp_path / "articles").exists()


def test_an_empty_or_wordless_title_is_refused():
    for title in ("", "   ", "!!! ???"):
        with pytest.raises(ScaffoldRefused):
            check_title(title)
    assert check_title("  Bupati   Tinjau  Pasar ") == "Bupati Tinjau Pasar"


def _registry():
    from newsroom.people import Person, Registry

    people = [Person("Lalu Ahmad Sinto", "sinto", ("penulis", "wartawan")),
              Person("Baiq Nurul Aini", "nurul-aini", ("editor", "penulis"))]
    return Registry("people.toml", {p.name.lower(): p for p in people})


RUBRIK = ["Pemerintahan", "Pelayanan Publik", "Smart City"]


def test_options_are_checked_against_the_registries_with_did_you_mean():
    values, problems = check_options(rubrik="Pemerintahn", penulis="Sinto", editor="Lalu Ahmad Sinto",
                                     rubrik_names=RUBRIK, registry=_registry())
    assert values == {}
    assert len(problems) == 3
    assert problems[0].startswith("--rubrik: rubrik 'Pemerintahn' tidak terdaftar. Mungkin maksud Anda 'Pemerintahan'?")
    assert problems[1].startswith("--penulis: 'Sinto' tidak ada di daftar orang")
    assert "Mungkin maksud Anda 'Lalu Ahmad Sinto'?" in problems[1]
    assert problems[2].startswith("--editor: Lalu Ahmad Sinto tidak terdaftar sebagai editor")


def test_good_options_are_written_as_registered(tmp_path):
    values, problems = check_options(rubrik="smart city", penulis="lalu ahmad  sinto", editor="Baiq Nurul Aini",
                                     rubrik_names=RUBRIK, registry=_registry())
    assert problems == []
    assert values == {"category": "Smart City", "author": "Lalu Ahmad Sinto", "editor": "Baiq Nurul Aini"}
    path = write_article(tmp_path, "Uji Coba", rubrik="smart city", penulis="lalu ahmad sinto",
                         rubrik_names=RUBRIK, registry=_registry())
    text = path.read_text(encoding="utf-8")
    assert "Rubrik: Smart City\n" in text and "Penulis: Lalu Ahmad Sinto\n" in text and "Editor:\n" in text


def test_a_refused_option_writes_nothing(tmp_path):
    with pytest.raises(ScaffoldRefused) as refused:
        write_article(tmp_path, "Uji Coba", rubrik="Olahraga", rubrik_names=RUBRIK, registry=_registry())
    assert "Tidak ada berkas yang dibuat" in str(refused.value)
    assert not (tmp_path / "articles").exists()


def test_scaffold_and_check_share_one_did_you_mean():
    """The rubrik hint of invoke new is the check's own function, not a twin of it."""
    import inspect

    from newsroom import validate

    from portal import scaffold

    assert scaffold.suggest_rubrik is validate.suggest_rubrik
    assert "suggest_rubrik(" in inspect.getsource(validate.MetadataCheck._rubrik)
    assert validate.suggest_rubrik("pelayanan", RUBRIK) == "Pelayanan Publik"


def _articles() -> set[str]:
    return set(os.listdir(ROOT / "content" / "articles"))


def test_invoke_new_help_prints_help_and_writes_no_file():
    before = _articles()
    for args in (["new", "--help"], ["new", "-h"]):
        run = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert "--rubrik" in run.stdout and "--penulis" in run.stdout
    run = subprocess.run([sys.executable, "-m", "invoke", "new", "--ruang"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    assert "diawali tanda '-'" in run.stderr
    assert not ENGLISH.search(run.stderr), run.stderr
    assert _articles() == before


def test_make_wraps_new_check_and_livereload_after_setup():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("new", "check", "livereload"):
        assert re.search(rf"^{target}: setup$", makefile, re.MULTILINE), target
    recipe = makefile.split("\nnew: setup\n", 1)[1].split("\n\n", 1)[0]
    # the title reaches invoke through the environment, quoted by the shell: quotes in it stay text
    assert '$(INV) new "$$JUDUL" --rubrik "$$RUBRIK" --penulis "$$PENULIS" --editor "$$EDITOR"' in recipe
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    opening = readme.split("\n## ", 1)[0]
    assert "PANDUAN-REDAKSI.md" in opening and "`.venv/bin/invoke TASK`" in opening
    assert readme.count(".venv/bin/invoke TASK") == 1  # said once, at the top


# --- Pelican's log lines: unit layer ----------------------------------------------

def _record(msg, *args, name="pelican.contents", level=logging.WARNING, **extra):
    record = logging.LogRecord(name, level, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


def test_pelican_lines_are_translated_or_dropped():
    from portal.pelican_log import Indonesian

    keep = Indonesian()
    assert not keep.filter(_record("Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid"))
    assert not keep.filter(_record('There are %s items "%s" with lang %s: \n%s\n%s', 2, "sama", "id", "a.md", "b.md"))
    assert not keep.filter(_record("There are %s original (not translated) items %s", 3, 'with slug "sama"'))
    broken = _record("Unable to find '%s', skipping url replacement.", "{filename}/x.md")
    assert keep.filter(broken)
    assert broken.getMessage().startswith("tautan internal '{filename}/x.md' tidak menemukan berkasnya")
    alt = _record("Empty alt attribute for image %s in %s", "a.jpg", "articles/x.md")
    assert keep.filter(alt) and alt.getMessage() == "gambar a.jpg di articles/x.md tanpa teks alternatif (alt)"
    unknown = _record("Some new warning %s", "x")
    assert keep.filter(unknown) and unknown.getMessage() == "Some new warning x"  # a real warning stays visible


def test_the_filter_sits_on_pelicans_loggers():
    from portal.build import load_settings
    from portal.pelican_log import Indonesian

    load_settings(SETTINGS)
    for name in ("pelican", "pelican.settings", "pelican.contents", "pelican.utils", "pelican.generators"):
        assert any(isinstance(f, Indonesian) for f in logging.getLogger(name).filters), name


# --- check messages ---------------------------------------------------------------

def _problems(content):
    from portal.check import check_content

    errors, _ = check_content(SETTINGS, {"PATH": str(content.root), "CACHE_PATH": str(content.root.parent / "c")})
    return errors


def test_an_empty_rubrik_is_reported_as_empty(content):
    content.article("rubrik-kosong", Category="")
    content.article("rubrik-kosong-alias", Category=None, Rubrik="")
    errors = _problems(content)
    assert len(errors) == 2, errors
    assert errors[0].startswith("articles/rubrik-kosong-alias.md:6: Rubrik: kosong: baris `Rubrik:` ada tetapi "
                                "nilainya tidak diisi")
    assert errors[1].startswith("articles/rubrik-kosong.md:4: Category: kosong")
    assert "Pemerintahan" in errors[0]  # the rubrik to choose from
    assert not any("misc" in e or "tidak terdaftar" in e for e in errors)


def test_a_blank_line_in_the_header_says_where_the_header_ended(content):
    path = content.root / "articles" / "baris-kosong.md"
    path.write_text("Judul: Baris Kosong\nTanggal: 2026-08-30 14:05\nRubrik: Pemerintahan\n\n"
                    "Penulis: Lalu Ahmad Sinto\nEditor: Baiq Nurul Aini\n\nIsi berita.\n", encoding="utf-8")
    content.article("catatan", body="Catatan: paragraf pertama yang diawali kata dan titik dua.\n\nLagi.")
    errors = _problems(content)
    assert len(errors) == 1, errors
    assert errors[0].startswith("articles/baris-kosong.md:4: Header: baris 4 kosong, sehingga header berakhir di "
                                "baris 4 dan `Penulis:` (baris 5), `Editor:` (baris 6) sesudahnya terbaca sebagai "
                                "isi berita")
    assert "hapus baris kosong di baris 4" in errors[0]


def test_a_body_that_opens_like_optional_header_keys_is_published_with_a_warning(content, build):
    # News text often opens with "Wartawan: …" or "Sumber: …" (the corpus the related-article
    # benchmark reads has such articles): with every required key in the header it is body text.
    content.article("sumber-di-isi", body="Sumber: Humas Pemkab\nWartawan: Lalu Ahmad Sinto\n\nIsi berita.")
    from portal.check import check_content

    errors, warnings = check_content(SETTINGS, {"PATH": str(content.root),
                                                "CACHE_PATH": str(content.root.parent / "c")})
    assert errors == []
    assert any("sumber-di-isi.md" in w and "terbaca sebagai isi berita" in w and "abaikan" in w for w in warnings), \
        warnings
    site = build(content)
    page = site.soup("/berita/2026/08/30/sumber-di-isi/")
    assert "Sumber: Humas Pemkab" in page.select_one(".article-body").get_text()


def test_duplicate_slugs_are_ours_with_file_names_not_pelicans(content):
    for name in ("sama-a", "sama-b", "sama-c"):
        content.article(name, Slug="sama")
    run = subprocess.run([sys.executable, "-m", "invoke", "check", "--path", str(content.root)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "3 masalah ditemukan" in run.stderr
    assert "articles/sama-a.md:2: Slug: slug 'sama' juga dipakai" in run.stderr
    assert not ENGLISH.search(run.stdout + run.stderr), run.stdout + run.stderr


@pytest.mark.site  # builds the sample site (in a child process, which the unit guard cannot see)
def test_check_and_build_of_the_sample_site_print_no_english(sample_content, tmp_path):
    check = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "Konten valid: tidak ada masalah." and check.stderr == ""
    script = ("import sys; sys.argv[1:] = []; from tasks import _build, SETTINGS; "
              f"_build(SETTINGS['base'], {{'OUTPUT_PATH': {str(tmp_path / 'out')!r}, "
              f"'CACHE_PATH': {str(tmp_path / 'cache')!r}, 'DISTRIBUSI_PAGEFIND': False, "
              "'PORTAL_SKIP_UNCHANGED': False})")
    build = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert build.stdout.startswith("Selesai: ")
    assert not ENGLISH.search(build.stdout + build.stderr), build.stdout + build.stderr
    # built again (not skipped): the pages taken from the last build are counted, in Indonesian
    # (the same settings as the first: a setting changed would render every page)
    again = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert re.search(r"^0 halaman dibuat ulang; \d+ halaman lain tidak berubah", again.stdout, re.M), again.stdout
    assert not ENGLISH.search(again.stdout + again.stderr), again.stdout + again.stderr


# --- serve and livereload ---------------------------------------------------------

def _get(url: str, method: str = "GET"):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def test_serve_answers_a_missing_address_with_404_html(content, build):
    from portal.serve import make_server

    content.article("ada")
    site = build(content)
    server = make_server(site.output, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, body, headers = _get(base + "/berita/2026/08/30/tidak-ada/")
        assert status == 404
        assert body == (site.output / "404.html").read_bytes()
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"Halaman tidak ditemukan" in body and b"Not Found" not in body
        assert _get(base + "/tidak-ada.css", "HEAD")[0] == 404
        status, body, _ = _get(base + "/berita/2026/08/30/ada/")
        assert status == 200 and b"__portal" not in body  # serve injects nothing
    finally:
        server.shutdown()
        server.server_close()


def _raw_get(port: int, path: str) -> tuple[int, bytes]:
    """GET PATH exactly as written (urllib would tidy away the '..' an attacker sends)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.parametrize("live", [False, True], ids=["serve", "livereload"])
def test_serve_never_leaves_the_output_folder(tmp_path, live):
    """'..' in any spelling, and a symlink inside output/ that points out of it, get 404.html;
    a folder without index.html gets 404.html too, not an English listing of its files."""
    from portal.serve import LiveState, make_server

    outside = tmp_path / "rahasia"
    outside.mkdir()
    (outside / "kunci.txt").write_text("RAHASIA-DI-LUAR", encoding="utf-8")
    site = tmp_path / "output"
    (site / "theme" / "css").mkdir(parents=True)
    (site / "index.html").write_text("<html><head></head><body>beranda</body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><head></head><body>Halaman tidak ditemukan</body></html>",
                                   encoding="utf-8")
    (site / "theme" / "css" / "portal.css").write_text("body{}", encoding="utf-8")
    (site / "berkas.txt").symlink_to(outside / "kunci.txt")
    (site / "luar").symlink_to(outside, target_is_directory=True)
    (site / "sendiri.css").symlink_to(site / "theme" / "css" / "portal.css")  # inside output/: fine
    live_state = LiveState() if live else None
    server = make_server(site, "127.0.0.1", 0, live_state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        for path in ("/../rahasia/kunci.txt", "/%2e%2e/rahasia/kunci.txt", "/..%2frahasia%2fkunci.txt",
                     "/berkas.txt", "/luar/kunci.txt", "/luar/", "/theme/", "/theme/css/"):
            status, body = _raw_get(port, path)
            assert status == 404 and b"Halaman tidak ditemukan" in body, (path, status, body[:200])
            assert b"RAHASIA" not in body and b"Directory listing" not in body, path
        assert _raw_get(port, "/sendiri.css") == (200, b"body{}")
        assert _raw_get(port, "/theme/css/portal.css") == (200, b"body{}")
        status, body = _raw_get(port, "/")
        assert status == 200 and b"beranda" in body
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("live", [False, True], ids=["serve", "livereload"])
def test_a_loopback_server_answers_only_its_own_host_names(tmp_path, live):
    """DNS rebinding: a web page whose name is made to point at 127.0.0.1 must not read the
    editor's local site (drafts) or livereload's build errors. A server on 127.0.0.1 answers
    only requests addressed to 127.0.0.1, localhost or ::1."""
    import socket

    from portal.serve import LiveState, make_server

    site = tmp_path / "output"
    site.mkdir()
    (site / "index.html").write_text("<html><head></head><body>draf rahasia</body></html>", encoding="utf-8")
    live_state = LiveState() if live else None
    if live_state:
        live_state.built("articles/x.md:1: galat")
    server = make_server(site, "127.0.0.1", 0, live_state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]

    def get(path: str, host: str) -> tuple[int, bytes]:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode("ascii"))
            data = b""
            while chunk := connection.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), body

    try:
        for host in (f"penyerang.example:{port}", "penyerang.example", f"127.0.0.1.nip.io:{port}"):
            for path in ("/", "/__portal/status"):
                status, body = get(path, host)
                assert status == 403 and b"rahasia" not in body and b"galat" not in body, (host, path, status)
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
            status, body = get("/", host)
            assert status == 200 and b"draf rahasia" in body, host
        if live:
            assert get("/__portal/status", f"127.0.0.1:{port}")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_livereload_survives_a_build_that_raises(tmp_path):
    """A typo in pelicanconf.py (watched) makes the build raise SyntaxError, not BuildFailed: livereload
    keeps serving, shows the error, and builds again once the file is fixed (it used to die)."""
    import json

    from portal.serve import run_livereload

    site = tmp_path / "out"
    site.mkdir()
    (site / "index.html").write_text("<html><head></head><body>ok</body></html>", encoding="utf-8")
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'Warta'\n", encoding="utf-8")

    def build() -> str:
        compile(settings.read_text(encoding="utf-8"), str(settings), "exec")
        return ""

    ready: list[str] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def run():
        try:
            run_livereload(build, site, [settings], "127.0.0.1", 0, interval=0.05, ready=ready.append, stop=stop)
        except BaseException as error:  # noqa: BLE001 - the test reports it
            failures.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def status_when(condition) -> dict:
        deadline = time.monotonic() + 30
        while True:
            assert not failures, failures
            if ready:
                state = json.loads(_get(ready[0] + "__portal/status")[1])
                if condition(state):
                    return state
            assert time.monotonic() < deadline, "livereload never reached the expected state"
            time.sleep(0.05)

    try:
        first = status_when(lambda s: s["version"] >= 1)
        assert first["error"] == ""
        settings.write_text("SITENAME = ('Warta'\n", encoding="utf-8")
        broken = status_when(lambda s: s["version"] > first["version"])
        assert "SyntaxError" in broken["error"] and "pelicanconf.py" in broken["error"], broken
        assert _get(ready[0])[0] == 200  # still serving the last good site
        settings.write_text("SITENAME = 'Warta Baru'\n", encoding="utf-8")
        fixed = status_when(lambda s: s["version"] > broken["version"])
        assert fixed["error"] == ""
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not failures and not thread.is_alive()


def test_a_busy_port_is_said_in_indonesian_before_any_build(tmp_path):
    """`make livereload` twice: the second says the port is taken and what to do, before a
    long first build, instead of Python's English "Address already in use" traceback."""
    import socket

    from portal.serve import make_server, run_livereload

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as refused:
            make_server(tmp_path, "127.0.0.1", port)
        message = str(refused.value)
        assert f"port {port} sudah dipakai" in message and f"--port {port + 1}" in message, message
        assert not ENGLISH.search(message), message
        builds = []
        with pytest.raises(SystemExit):
            run_livereload(lambda: builds.append(1) or "", tmp_path, [], "127.0.0.1", port)
        assert builds == []


def _start_livereload(content_root, tmp_path):
    from portal.browser import free_port

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--path", str(content_root), "--output", str(tmp_path / "out"),
         "--cache", str(tmp_path / "cache"), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: [lines.append(line) for line in process.stdout], daemon=True).start()
    deadline = time.monotonic() + 120
    while not any("Livereload di" in line for line in lines):
        assert process.poll() is None and time.monotonic() < deadline, "".join(lines)
        time.sleep(0.2)
    return process, f"http://127.0.0.1:{port}", lines


def test_livereload_shows_the_build_error_over_the_page_and_clears_it(content, browser, tmp_path):
    article = content.article("berita-hidup", Title="Berita Hidup")
    process, base, lines = _start_livereload(content.root, tmp_path)
    page = browser.new_page()
    try:
        assert page.goto(base + "/berita/2026/08/30/berita-hidup/").status == 200
        assert page.locator("h1").inner_text() == "Berita Hidup"
        overlay = page.locator("#portal-livereload-error")
        assert overlay.count() == 0
        good = article.read_text(encoding="utf-8")
        article.write_text(good.replace("Category: Pemerintahan", 'Category: <b>Olahraga</b> & "Bola"'),
                           encoding="utf-8")
        overlay.wait_for(state="visible", timeout=60_000)
        text = overlay.inner_text()
        assert "Build gagal" in text
        assert "articles/berita-hidup.md:4: Category: rubrik '<b>Olahraga</b> & \"Bola\"' tidak terdaftar" in text
        assert overlay.locator("b").count() == 0  # the message is text, not markup
        assert "tidak terdaftar" in "".join(lines)  # the terminal printed the same message
        assert page.locator("h1").inner_text() == "Berita Hidup"  # the last good site is still served
        article.write_text(good.replace("Title: Berita Hidup", "Title: Berita Hidup Lagi"), encoding="utf-8")
        page.locator("h1", has_text="Berita Hidup Lagi").wait_for(timeout=60_000)
        assert overlay.count() == 0
        missing = page.goto(base + "/tidak-ada/")
        assert missing.status == 404
        assert page.locator("h1").inner_text().startswith("Halaman tidak ditemukan")
        assert "Not Found" not in page.content()
    finally:
        page.close()
        process.terminate()
        process.wait(timeout=20)
