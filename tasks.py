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

from newsroom import reuse  # noqa: E402

from portal import spare  # noqa: E402
from portal.build import BuildFailed, Scheduled, build_site, load_settings  # noqa: E402

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
    _print_warnings(result.warnings)
    pages = sum(1 for _ in result.output_path.rglob("*.html"))
    print(f"Selesai: {pages} halaman HTML di {result.output_path} ({result.seconds:.1f} detik).")
    reused, rendered = reuse.stats(result.context)
    if reused:
        print(f"{rendered} halaman dibuat ulang; {reused} halaman lain tidak berubah, diambil dari build sebelumnya.")


def _print_warnings(warnings: list[str]) -> None:
    """Pelican's own log lines scroll past; the warnings are repeated at the end,
    then the articles waiting for their time ("terjadwal: …"), on stdout."""
    for warning in dict.fromkeys(warnings):
        if not isinstance(warning, Scheduled):
            print(f"peringatan: {warning}", file=sys.stderr)
    for line in dict.fromkeys(w for w in warnings if isinstance(w, Scheduled)):
        print(line)


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
    """Remove output/, the last site but one kept beside it, and every cache under .cache/."""
    settings = load_settings(SETTINGS["base"])
    output = Path(settings["OUTPUT_PATH"])
    for folder in (output, spare.spare_of(output), ROOT / ".cache"):
        if folder.is_symlink() or folder.is_file():  # a file left where the folder belongs
            folder.unlink()
            print(f"Dihapus: {folder}")
        elif folder.exists():
            try:
                shutil.rmtree(folder)
            except OSError as exc:
                raise Exit(f"{folder} tidak bisa dihapus ({exc.strerror or exc}): periksa izin tulis folder itu "
                           "atau apakah disknya hanya-baca.", code=1) from None
            print(f"Dihapus: {folder}")
    print("Bersih.")


@task
def serve(c, host=HOST, port=PORT):
    """Serve output/ at http://127.0.0.1:8000/ (Ctrl+C to stop); a missing address gets 404.html."""
    from portal.serve import make_server

    output = _output(SETTINGS["base"])
    if not (output / "index.html").exists():
        raise Exit(f"{output} belum berisi situs: jalankan `invoke build` dulu.", code=1)
    server = make_server(output, host, int(port))
    print(f"Menyajikan {output} di http://{host}:{port}/ (Ctrl+C untuk berhenti)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nBerhenti.")
    finally:
        server.server_close()


@task(help={"path": "folder konten (default: content/)", "output": "folder hasil build (default: output/)",
            "cache": "folder cache build (default: .cache/)"})
def livereload(c, host=HOST, port=PORT, path="", output="", cache=""):
    """Serve output/, rebuild on any change of content, theme, plugins or settings, reload the browser.

    A failed rebuild keeps the last good site and shows its error over the page (and in the terminal)."""
    from portal.serve import run_livereload

    overrides = {"PATH": str(Path(path).resolve())} if path else {}
    if output:
        overrides["OUTPUT_PATH"] = str(Path(output).resolve())
    if cache:
        overrides["CACHE_PATH"] = str(Path(cache).resolve())
    settings = load_settings(SETTINGS["base"], overrides)

    def rebuild() -> str:
        try:
            result = build_site(SETTINGS["base"], overrides=overrides)
        except BuildFailed as failed:  # keep serving the last good site
            print(failed, file=sys.stderr, flush=True)
            print("Situs lama tetap disajikan; perbaiki lalu simpan, build berjalan lagi sendiri.",
                  file=sys.stderr, flush=True)
            return str(failed)
        _print_warnings(result.warnings)
        print(f"Dibangun ulang dalam {result.seconds:.1f} detik.", flush=True)
        return ""

    roots = [Path(settings["PATH"]), ROOT / "theme", ROOT / "plugins", ROOT / "portal", SETTINGS["base"]]
    run_livereload(rebuild, Path(settings["OUTPUT_PATH"]), roots, host, int(port),
                   ready=lambda url: print(f"Livereload di {url} (Ctrl+C untuk berhenti)", flush=True))


def _publish_options():
    """Target checks live in portal/publish.py; here only the options and what is printed."""
    from portal import publish as releases

    settings = load_settings(SETTINGS["publish"])
    return releases, settings, os.environ.get("PORTAL_PUBLISH_SSH", "ssh")


@task(help={"target": "folder web (/var/www/portal) atau user@host:/var/www/portal; default $PORTAL_PUBLISH_TARGET",
            "init": "siapkan TARGET sebagai folder web portal (buat folder, tulis penanda .portal-web-root)",
            "no_build": "terbitkan output/ yang sudah ada (dari `invoke preview`) tanpa build ulang",
            "dry_run": "tampilkan apa yang akan berubah tanpa mengubah apa pun",
            "force": "terbitkan walau jumlah halaman turun melebihi batas",
            "max_shrink": "batas turunnya jumlah halaman, 0..1 (default PUBLISH_MAX_SHRINK atau 0.2)",
            "keep": "jumlah rilis yang disimpan (default PUBLISH_KEEP_RELEASES atau 5)"})
def publish(c, target="", init=False, no_build=False, dry_run=False, force=False, max_shrink="", keep=""):
    """Build with publishconf.py (unless --no-build), then publish output/ as a new release under TARGET."""
    releases, settings, ssh = _publish_options()
    target = target or os.environ.get("PORTAL_PUBLISH_TARGET", "")
    try:
        if init:
            place = releases.init_target(target, ROOT, ssh)
            print(f"Siap: {place.label} ditandai sebagai folder web portal. Arahkan document root web server ke "
                  f"{place.label}/{releases.CURRENT}.")
            return
        result, report = releases.build_and_publish(
            SETTINGS["publish"], target, ROOT, ssh=ssh, build=not no_build, dry_run=dry_run, force=force,
            max_shrink=float(max_shrink or settings.get("PUBLISH_MAX_SHRINK", releases.MAX_SHRINK)),
            keep=int(keep or settings.get("PUBLISH_KEEP_RELEASES", releases.KEEP_RELEASES)))
    except BuildFailed as failed:
        print(failed, file=sys.stderr)
        raise Exit("Tidak ada yang diterbitkan: build gagal, situs yang tayang tidak berubah.", code=1) from None
    except releases.PublishRefused as refused:
        raise Exit(str(refused), code=1) from None
    if result is not None:
        _print_warnings(result.warnings)
    for what in report.forced:
        print(f"PERINGATAN --force: {what}; tetap diterbitkan karena --force.", file=sys.stderr)
    live = "belum ada" if report.live_pages is None else report.live_pages
    print(f"{report.pages} halaman HTML (yang tayang: {live}). Perubahan: {report.changes.summary()}.")
    if report.release is None:
        for label, paths in (("baru", report.changes.added), ("berubah", report.changes.updated),
                             ("dihapus", report.changes.deleted)):
            for path in paths[:20]:
                print(f"  {label}: {path}")
            if len(paths) > 20:
                print(f"  … dan {len(paths) - 20} berkas {label} lainnya")
        print("Uji coba (--dry-run): tidak ada yang diubah.")
        return
    for old in report.pruned:
        print(f"Rilis lama dihapus: {old}")
    print(f"Terbit ke {target}: rilis {report.release} kini tayang"
          + (f" (sebelumnya {report.previous}; `invoke rollback` mengembalikannya)." if report.previous else "."))


@task(help={"target": "folder web atau user@host:/path; default $PORTAL_PUBLISH_TARGET",
            "to": "nama rilis tujuan (default: rilis sebelum yang tayang)"})
def rollback(c, target="", to=""):
    """Point TARGET/current back at the previous release (one atomic symlink switch)."""
    releases, _settings, ssh = _publish_options()
    target = target or os.environ.get("PORTAL_PUBLISH_TARGET", "")
    try:
        was, now = releases.rollback(target, ROOT, ssh, to=to)
    except releases.PublishRefused as refused:
        raise Exit(str(refused), code=1) from None
    print(f"Rollback di {target}: rilis {now} kini tayang (sebelumnya {was or 'tidak ada'}).")


@task(help={"fast": "only the unit layer: tests that build no site (under a minute)",
            "k": "only tests whose name matches this pytest -k expression",
            "x": "stop at the first failure",
            "jobs": "test processes (default: one per core, at most 4, for the whole suite; else 1)"})
def test(c, k="", x=False, fast=False, jobs=0):
    """Lint (ruff) and run the test suite (pytest): every test, or with --fast the unit layer."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    args = [sys.executable, "-m", "pytest", "-q"]
    if fast:
        args += ["-m", "unit"]
    if k:
        args += ["-k", k]
    if x:
        args.append("-x")
    # The whole suite runs in one process per core; a chosen few tests in one.
    workers = jobs or (1 if fast or k else min(os.cpu_count() or 1, 4))
    if workers > 1:  # a file's tests stay in one process, with its module fixtures
        args += ["-n", str(workers), "--dist", "loadfile"]
    result = subprocess.run(args, cwd=ROOT)
    if result.returncode != 0:
        raise Exit(code=result.returncode)


@task(help={"path": "content folder to check (default: content/)"})
def check(c, path=""):
    """Validate all content without rendering anything; non-zero exit on any error."""
    from portal.check import check_content

    overrides = {"PATH": str(Path(path).resolve())} if path else {}
    errors, warnings = check_content(SETTINGS["base"], overrides)
    _print_warnings(warnings)
    if errors:
        print(f"{len(errors)} masalah ditemukan:", file=sys.stderr)
        for error in errors:
            print(f"- {error}", file=sys.stderr)
        raise Exit(code=1)
    print("Konten valid: tidak ada masalah.")


@task(help={"title": "judul artikel, di antara tanda kutip", "rubrik": "nama rubrik (RUBRIK di pelicanconf.py)",
            "penulis": "nama penulis di content/people.toml", "editor": "nama editor di content/people.toml",
            "jenis": "berita (bawaan), pengumuman atau agenda"})
def new(c, title, rubrik="", penulis="", editor="", jenis="berita"):
    """Scaffold content/articles/YYYY-MM-DD-slug.md as a draft with every field, dated now (WITA);
    --jenis pengumuman|agenda writes content/pengumuman/ or content/agenda/ instead."""
    # invoke hands any word to a missing positional argument, flags too: `invoke new --help`
    # arrives here as the title "--help". It is answered with the help, never written.
    if title in ("-h", "--help"):
        subprocess.run([sys.executable, "-m", "invoke", "--help", "new"], cwd=ROOT, check=False)
        return
    if jenis not in ("berita", "pengumuman", "agenda"):
        raise Exit(f"--jenis {jenis!r} tidak dikenal: gunakan berita, pengumuman atau agenda.", code=1)
    from newsroom.people import load_registry

    from portal.scaffold import ScaffoldRefused, write_article

    settings = load_settings(SETTINGS["base"])
    content = Path(settings["PATH"])
    try:
        if jenis != "berita":
            if rubrik or penulis or editor:
                raise ScaffoldRefused(f"--rubrik, --penulis dan --editor hanya untuk berita: {jenis} tidak "
                                      "memakainya. Isi Instansi/Penyelenggara langsung di berkasnya.")
            from portal.scaffold_papan import write_agenda, write_pengumuman

            path = (write_pengumuman if jenis == "pengumuman" else write_agenda)(content, title)
        else:
            registry = None
            if penulis.strip() or editor.strip():
                from gambar import photo_library

                registry = load_registry(content, settings.get("NEWSROOM_PEOPLE_FILE", "people.toml"),
                                         photo_library(settings))
            path = write_article(content, title, rubrik=rubrik, penulis=penulis, editor=editor,
                                 rubrik_names=list(settings.get("RUBRIK", {})), registry=registry)
    except ScaffoldRefused as refused:
        raise Exit(str(refused), code=1) from None
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


@task(help={"out": "folder for the PNG files (default reports/shots)"})
def shots(c, out="reports/shots"):
    """Build, then screenshot home, an article, /cari/ with results and 404 at 390×844 and 1366×900 for review."""
    from portal.browser import chromium, serve_folder

    _build(SETTINGS["base"])
    output = _output(SETTINGS["base"])
    article = sorted((output / "berita").glob("*/*/*/*/index.html"))[-1].parent.relative_to(output)
    targets = {"beranda": "/", "artikel": f"/{article.as_posix()}/", "cari": "/cari/?q=lombok", "404": "/404.html"}
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    with serve_folder(output) as base, chromium() as browser:
        for width, height in ((390, 844), (1366, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, url in targets.items():
                page.goto(base + url, wait_until="networkidle")  # /cari/ fetches its results
                path = folder / f"{name}-{width}x{height}.png"
                page.screenshot(path=str(path), full_page=False)
                print(path.relative_to(ROOT))
            page.close()


@task(help={"out": "report folder (default reports/)"})
def weight(c, out="reports"):
    """Build, then report the gzip weight of home and an article (HTML+CSS+JS) against the budgets."""
    import json

    from portal.weight import ASSET_BUDGETS, offline_js, page_weight, theme_asset_totals

    _build(SETTINGS["base"])
    output = _output(SETTINGS["base"])
    longest = max((output / "berita").glob("*/*/*/*/index.html"), key=lambda p: p.stat().st_size)
    pages = {"home": ("/", 40_000),
             "article": ("/" + longest.parent.relative_to(output).as_posix() + "/", 30_000)}
    report = {"pages": {}, "assets": theme_asset_totals(ROOT / "theme" / "static")}
    for name, (url, budget) in pages.items():
        report["pages"][name] = {**page_weight(output, url), "budget_gzip": budget}
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "weight.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    failed = False
    for name, row in report["pages"].items():
        ok = row["gzip"] <= row["budget_gzip"]
        failed |= not ok
        print(f"{name:8} {row['url']}: {row['gzip'] / 1000:.1f} KB gzip (raw {row['raw'] / 1000:.1f} KB), "
              f"budget {row['budget_gzip'] / 1000:.0f} KB {'OK' if ok else 'OVER'}")
    for kind, budget in ASSET_BUDGETS.items():
        size = report["assets"][kind]
        failed |= size > budget
        verdict = "OK" if size <= budget else "OVER"
        print(f"{kind:9} {size / 1000:.1f} KB uncompressed, budget {budget / 1000:.0f} KB {verdict}")
    offline = report["offline_js"] = offline_js(ROOT / "theme" / "static")
    failed |= offline["page_gzip"] > offline["budget_gzip"]
    print(f"luring   {offline['page_gzip'] / 1000:.1f} KB gzip JS per halaman (budget "
          f"{offline['budget_gzip'] / 1000:.0f} KB), service worker {offline['worker_gzip'] / 1000:.1f} KB gzip")
    (folder / "weight.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"Laporan: {(folder / 'weight.json').relative_to(ROOT)}")
    if failed:
        raise Exit(code=1)


LIGHTHOUSE_VERSION = "12.2.3"  # 13.x needs Node 22; the machines have Node 20


@task(help={"out": "report folder (default reports/)"})
def lighthouse(c, out="reports"):
    """Build the published site for a local address, serve it, run Lighthouse on home and an article."""
    import json

    from portal.browser import CHROMIUM, CHROMIUM_ARGS, free_port, serve_folder

    tool_dir = ROOT / ".cache" / f"lighthouse-{LIGHTHOUSE_VERSION}"
    binary = tool_dir / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print(f"Memasang lighthouse@{LIGHTHOUSE_VERSION} (npm) di {tool_dir.relative_to(ROOT)} ...")
        tool_dir.mkdir(parents=True, exist_ok=True)
        c.run(f"npm install --no-audit --no-fund --loglevel=error --prefix {tool_dir} lighthouse@{LIGHTHOUSE_VERSION}")
    # The production build (absolute canonical URLs, feeds…), with SITEURL set
    # to where Lighthouse will load it from, so nothing points off the machine.
    port = free_port()
    os.environ["PORTAL_SITEURL"] = f"http://127.0.0.1:{port}"
    output = ROOT / ".cache" / "lighthouse-site"
    try:
        build_site(SETTINGS["publish"], output)
    except BuildFailed as failed:
        raise Exit(str(failed), code=1) from None
    article = sorted((output / "berita").glob("*/*/*/*/index.html"))[-1].parent.relative_to(output).as_posix()
    folder = ROOT / out
    folder.mkdir(parents=True, exist_ok=True)
    flags = " ".join(a for a in CHROMIUM_ARGS) + " --headless=new"
    summary = {}
    with serve_folder(output, port) as base:
        for name, url in (("beranda", "/"), ("artikel", f"/{article}/")):
            report = folder / f"lighthouse-{name}.json"
            c.run(f'{binary} {base}{url} --quiet --output=json --output-path={report} '
                  f'--only-categories=performance,accessibility,best-practices,seo --chrome-flags="{flags}"',
                  env={"CHROME_PATH": CHROMIUM})
            data = json.loads(report.read_text(encoding="utf-8"))
            summary[name] = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            print(name, summary[name])
    (folder / "lighthouse-summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    targets = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
    missed = [(n, k, s) for n, scores in summary.items() for k, s in scores.items() if s < targets[k]]
    if missed:
        print("Di bawah target:", missed)
        raise Exit(code=1)
    print("Semua skor memenuhi target.")


@task(help={"slug": "slug artikel yang ingin dijelaskan rekomendasinya"})
def explain(c, slug):
    """Build the site, then print SLUG's recommendations with their scores and reasons."""
    import tempfile

    from rekomendasi.explain import report

    with tempfile.TemporaryDirectory(prefix="explain-") as tmp:
        try:
            built = build_site(SETTINGS["base"], Path(tmp) / "output", {"REKOMENDASI_EXPLAIN": True})
        except BuildFailed as failed:
            raise Exit(str(failed), code=1) from None
    articles = built.articles
    article = articles.get(slug)
    if article is None:
        known = ", ".join(sorted(articles)[:5])
        raise Exit(f"Artikel {slug!r} tidak ada (terbit atau tersembunyi). Contoh slug: {known} …", code=1)
    print(report(article, article.rekomendasi))
    picks = [line for line in article._content.splitlines() if 'class="baca-juga"' in line]
    print(f"Baca juga di badan berita: {len(picks)}")
    for line in picks:
        print("  " + line)


@task(help={"corpus": "JSONL corpus (id, title/title_from_slug, paragraphs, source, label)",
            "label_field": "field holding the label(s) a hit must share",
            "json": "also write the figures to this JSON file",
            "setting": "a build setting to compare, KEY=VALUE (Python literal), repeatable"},
      iterable=["setting"])
def bench_related(c, corpus, label_field, json="", setting=None):
    """Quality of the Rekomendasi lists on a labelled corpus, through the real build."""
    import ast
    import json as json_module

    from portal.bench_related import quality

    settings = {}
    for item in setting or []:
        key, _, value = item.partition("=")
        try:
            settings[key.strip()] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            settings[key.strip()] = value.strip()
    result = quality(corpus, label_field, json or None, settings=settings)
    for key, value in result.items():
        print(f"{key:24s} {value}")
    if json:
        print(f"Ditulis: {json}")
    print(json_module.dumps(result))


@task(help={"corpus": "JSONL corpus (id, title/title_from_slug, paragraphs, one label each)",
            "label_field": "field holding the label", "json": "also write the figures to this JSON file"})
def bench_related_ceiling(c, corpus, label_field, json=""):
    """How well the labels follow the words: 5-fold accuracy of a classifier trained on them."""
    import json as json_module

    from portal.label_ceiling import ceiling

    result = ceiling(corpus, label_field)
    for key, value in result.items():
        print(f"{key:24s} {value}")
    if json:
        Path(json).write_text(json_module.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"Ditulis: {json}")


@task(help={"corpus": "JSONL corpus to mix articles from", "sizes": "comma-separated article counts",
            "repeats": "runs per size (the median is reported)", "json": "also write the rows to this file"})
def bench_related_scale(c, corpus, sizes="2500,5000,10000", repeats=3, json=""):
    """Engine time and peak memory at growing sizes, each run in a fresh process."""
    import json as json_module

    from portal.bench_related import scale

    rows = scale(corpus, [int(s) for s in sizes.split(",")], int(repeats))
    print(f"{'n':>6} {'engine s':>9} {'cpu s':>7} {'tokenise':>9} {'index':>6} {'same':>6} {'rank':>6} "
          f"{'place':>6} {'peak MB':>8} {'time ×':>7} {'n log n ×':>10}")
    for r in rows:
        print(f"{r['n']:>6} {r['engine_seconds']:>9} {r['engine_cpu_seconds']:>7} {r['tokenise']:>9} {r['index']:>6} "
              f"{r['same_story']:>6} {r['rank']:>6} {r['place']:>6} {r['peak_mb']:>8} {r['time_ratio']:>7} "
              f"{r['n_log_n_ratio']:>10}")
    if json:
        Path(json).write_text(json_module.dumps(rows, indent=2) + "\n", encoding="utf-8")


def _bench(sizes: list[int], repeats: int, out: str, **options) -> None:
    import datetime as dt

    from portal.bench_build import benchmark
    from portal.bench_report import summary_table, write

    try:
        report = benchmark(sizes, repeats, **options)
    except RuntimeError as failed:  # a build failed: its error output is in the message
        raise Exit(str(failed), code=1) from None
    target = Path(out) if out else ROOT / "reports" / f"bench-{dt.date.today().isoformat()}"
    data, text = write(report, target)
    print(summary_table(report))
    print(f"Laporan: {data} dan {text}")


@task(help={"sizes": "comma-separated article counts of the synthetic corpus (default 1000,5000,10000)",
            "count": "one article count instead of --sizes",
            "repeats": "cold builds per size (medians are reported; warm rebuilds repeat as often)",
            "content": "build this content folder (a copy of it) instead of the synthetic corpus",
            "stock": "also build with stock Pelican, paired (default on; --no-stock to skip)",
            "seed": "seed of the synthetic corpus",
            "out": "report path without suffix (default reports/bench-DATE: .json and .md)",
            "work": "where corpora, outputs and caches go (default .cache/bench)"})
def bench(c, sizes="1000,5000,10000", count=0, repeats=3, content="", stock=True, seed=7, out="", work=""):
    """Build speed and memory: the portal's cold build against stock Pelican (and Hugo), warm rebuilds."""
    _bench([int(count)] if int(count) else [int(s) for s in sizes.split(",")], int(repeats), out,
           content=Path(content).resolve() if content else None, stock=stock, seed=int(seed),
           work=Path(work).resolve() if work else None)


@task(help={"corpus": "JSONL corpus to take article text from (default ../shared/corpus/indosum/articles.jsonl)",
            "count": "number of articles", "repeats": "paired runs (the median is reported)",
            "out": "report path without suffix (default reports/bench-build-COUNT)"})
def bench_build(c, count=1000, repeats=3, corpus="", out=""):
    """`invoke bench` on text mixed from a JSONL news corpus instead of the synthetic corpus."""
    corpus = corpus or str(ROOT.parent / "shared" / "corpus" / "indosum" / "articles.jsonl")
    _bench([int(count)], int(repeats), out or str(ROOT / "reports" / f"bench-build-{count}"), corpus=Path(corpus))
