"""Whole-build benchmark: the portal against stock Pelican (and Hugo) on the same text.

One corpus is written three times from the same ``Story`` records: as portal
content (newsroom metadata, people, photos), as the same Markdown for stock
Pelican (Title, Date, Category, Tags, Author, and Slug so that file names
match; photos not referenced) and as Hugo content with a minimal layout and
related content on. The corpus is either synthetic (portal.synthetic), mixed
from a JSONL news corpus (``make_corpus``, kept for ``invoke bench-build``),
or a given content folder (``copy_content``).

Every build runs in a fresh process (``python -m portal.bench_build run``):
the parent times its wall clock, takes its CPU time (its own and its
children's, e.g. the read-ahead workers and Pagefind) from ``wait4``, and
samples the peak memory (VmHWM) of every descendant from /proc while it
runs; the build process reports its own peak (RUSAGE_SELF), the largest
waited-for child (RUSAGE_CHILDREN), the pages written and its stage times
(portal.bench_stages). ``bench`` pairs the builds A/B/A/B and adds the warm
rebuilds; portal.bench_report writes the reports.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import synthetic
from .spare import spare_of

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024  # ru_maxrss and VmHWM are in KiB on Linux

STOCK_SETTINGS = """\
# Stock Pelican: no plugins, the default theme; only what the text needs.
AUTHOR = "Bench"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "Asia/Makassar"
DEFAULT_LANG = "id"
PLUGINS = []
DEFAULT_PAGINATION = 10
"""

HUGO_CONFIG = """\
# Hugo with related content on, the nearest equivalent of the portal's pages.
baseURL = "http://localhost/"
title = "Bench"
languageCode = "id"
timeZone = "Asia/Makassar"
disableKinds = ["RSS"]
# pager size: Hugo's default, 10 (the setting's name changed in 0.128; the default did not)
[taxonomies]
  category = "categories"
  tag = "tags"
  author = "authors"
[related]
  includeNewer = true
  threshold = 80
  toLower = true
  [[related.indices]]
    name = "tags"
    weight = 100
  [[related.indices]]
    name = "categories"
    weight = 50
  [[related.indices]]
    name = "date"
    weight = 10
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}'
                            '</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "_default/single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date }}</time>'
                            '{{ .Content }}</article>{{ with .Site.RegularPages.Related . | first 5 }}<ul>'
                            '{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
                            '{{ end }}{{ end }}\n',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<h2><a href="'
                          '{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}'
                          '{{ template "_internal/pagination.html" . }}{{ end }}\n',
    "_default/terms.html": '{{ define "main" }}<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="'
                           '{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


# --- corpora -------------------------------------------------------------------

def _stock_markdown(story: synthetic.Story) -> str:
    head = [f"Title: {story.title}", f"Slug: {story.slug}", f"Date: {story.date:%Y-%m-%d %H:%M}",
            f"Category: {story.rubrik}", f"Tags: {', '.join(story.tags)}", f"Author: {story.writer}"]
    return "\n".join(head) + "\n\n" + story.body + "\n"


def _hugo_markdown(story: synthetic.Story) -> str:
    head = {"title": story.title, "slug": story.slug, "date": f"{story.date:%Y-%m-%dT%H:%M:00}+08:00",
            "categories": [story.rubrik], "tags": story.tags, "authors": [story.writer]}
    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()) + \
        "\n---\n\n" + story.body + "\n"


def write_others(stories: list[synthetic.Story], target: Path) -> None:
    """TARGET/stock (content + pelicanconf.py) and TARGET/hugo (content, layouts, hugo.toml)."""
    stock, hugo = target / "stock" / "content", target / "hugo" / "content" / "berita"
    for folder in (stock, hugo):
        folder.mkdir(parents=True, exist_ok=True)
    for story in stories:
        (stock / f"{story.slug}.md").write_text(_stock_markdown(story), encoding="utf-8")
        (hugo / f"{story.slug}.md").write_text(_hugo_markdown(story), encoding="utf-8")
    (target / "stock" / "pelicanconf.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    (target / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = target / "hugo" / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _write_overrides(target: Path, overrides: dict) -> None:
    (target / "portal").mkdir(parents=True, exist_ok=True)
    (target / "portal" / "overrides.json").write_text(json.dumps(overrides, ensure_ascii=False), encoding="utf-8")


def make_synthetic(count: int, target: Path, seed: int = 7) -> dict:
    """The synthetic corpus of COUNT articles for all three builds."""
    stories = synthetic.make_stories(count, seed)
    synthetic.write_portal(stories, target / "portal" / "content")
    write_others(stories, target)
    _write_overrides(target, synthetic.portal_overrides())
    return {"kind": "synthetic", "seed": seed, "articles": count,
            "photos": sum(1 for s in stories if s.photo),
            "marked": sum(1 for s in stories if len(s.parts) > 1),
            "long": sum(1 for s in stories if len(s.body.split()) > 700 and len(s.parts) == 1)}


def make_corpus(corpus: str | Path, count: int, target: Path, seed: int = 7) -> dict:
    """COUNT articles mixed from a JSONL news corpus (``title``/``title_from_slug``, ``paragraphs``)."""
    # here, not at the top: it imports rekomendasi (numpy, scipy), 0.4 s that every timed build process
    # would pay, though a build skipped as unchanged never loads it
    from .bench_related import markdown_paragraph, read_corpus, title_of

    records = [r for r in read_corpus(corpus) if r.get("paragraphs")]
    rng = random.Random(seed)
    tags = [f"topik {number:03d}" for number in range(200)]
    rubrik = list(synthetic.RUBRIK)
    stories = []
    for number in range(count):
        record = records[number % len(records)]
        # A repeated record gets its own title and date, as a new story on the same subject would.
        title = title_of(record, 100) + (f" ({number // len(records) + 1})" if number >= len(records) else "")
        stories.append(synthetic.Story(
            number=number, slug=f"artikel-{number:05d}", title=title,
            date=synthetic.START + dt.timedelta(minutes=97 * number), rubrik=rubrik[rng.randrange(len(rubrik))],
            tags=rng.sample(tags, rng.randint(1, 4)), writer=synthetic.writer_name(rng.randrange(synthetic.WRITERS)),
            editor=synthetic.editor_name(rng.randrange(synthetic.EDITORS)), dateline="", highlight="",
            parts=[[markdown_paragraph(p) for p in record["paragraphs"] if p.strip()]]))
    synthetic.write_portal(stories, target / "portal" / "content")
    write_others(stories, target)
    _write_overrides(target, synthetic.portal_overrides())
    return {"kind": "jsonl", "corpus": str(corpus), "articles": count}


def copy_content(content: Path, target: Path) -> dict:
    """A given portal content folder, copied (the edited rebuild changes a file), with its
    articles converted for stock Pelican and Hugo through the newsroom schema's aliases."""
    from newsroom.schema import ARTICLE_FIELDS, alias_map

    names = alias_map(ARTICLE_FIELDS)
    shutil.copytree(content, target / "portal" / "content")
    stories = []
    for number, path in enumerate(sorted((content / "articles").rglob("*.md"))):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = {}
        for line in head.splitlines():
            key, _, value = line.partition(":")
            meta[names.get(key.strip().lower(), key.strip().lower())] = value.strip()
        if meta.get("status", "").lower() in ("draft", "draf") or "date" not in meta:
            continue
        stories.append(synthetic.Story(
            number=number, slug=meta.get("slug") or path.stem, title=meta.get("title", path.stem),
            date=dt.datetime.strptime(meta["date"][:16], "%Y-%m-%d %H:%M"), rubrik=meta.get("category", ""),
            tags=[t.strip() for t in meta.get("tags", "").split(",") if t.strip()], writer=meta.get("author", ""),
            editor=meta.get("editor", ""), dateline="", highlight="", parts=[[body.strip()]]))
    write_others(stories, target)
    _write_overrides(target, {})
    return {"kind": "folder", "content": str(content), "articles": len(stories)}


# --- one build, in the build's own process -------------------------------------

def _output_of(which: str, base: Path) -> Path:
    return base / ("public" if which == "hugo" else "output")


def measure(which: str, target: Path, fresh: bool = True) -> dict:
    """One build of TARGET/WHICH in this process; the figures only this process can see."""
    from .bench_stages import StageClock

    base = target / which
    output, cache = _output_of(which, base), base / "cache"
    if fresh:  # no output, no caches, and no last site but one (portal/spare.py) beside the output
        for folder in (output, cache, spare_of(output)):
            shutil.rmtree(folder, ignore_errors=True)
    clock = StageClock()
    clock.connect()
    rekomendasi = reused_rendered = None
    if which == "portal":
        from .build import build_site

        overrides = json.loads((base / "overrides.json").read_text(encoding="utf-8"))
        result = build_site(ROOT / "pelicanconf.py", output,
                            {**overrides, "PATH": str(base / "content"), "CACHE_PATH": str(cache)})
        engine = result.context.get("rekomendasi_build")
        rekomendasi = engine.seconds.get("total") if engine is not None else None
        reused_rendered = reuse_stats(result.context)
    else:
        from pelican import Pelican
        from pelican.settings import read_settings

        settings = read_settings(str(base / "pelicanconf.py"), override={
            "PATH": str(base / "content"), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)})
        Pelican(settings).run()
    end = time.perf_counter()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "build_seconds": round(end - clock.marks["start"], 3),
        "stages": clock.stages(end, rekomendasi),
        "peak_build_mib": round(own.ru_maxrss / MIB, 1),
        "rusage_children_maxrss_mib": round(children.ru_maxrss / MIB, 1),  # see ChildSampler: not the children's
        "cpu_build_process": round(own.ru_utime + own.ru_stime, 2),
        "cpu_children": round(children.ru_utime + children.ru_stime, 2),
        "pages": count_pages(output),
        # pages taken from the last build's output and pages rendered (newsroom.reuse), the portal's only
        **({"pages_reused": reused_rendered[0], "pages_rendered": reused_rendered[1]} if reused_rendered else {}),
    }


def reuse_stats(context) -> tuple[int, int] | None:
    try:
        from newsroom import reuse
    except ImportError:
        return None
    return reuse.stats(context)


def count_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))


# --- one build, seen from outside ----------------------------------------------

def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def _peak(pid: int) -> tuple[str, int] | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            fields = dict(line.split(":", 1) for line in handle if ":" in line)
    except OSError:
        return None
    hwm = fields.get("VmHWM", "0 kB").split()[0]
    return fields.get("Name", "?").strip(), int(hwm)


class ChildSampler(threading.Thread):
    """Peak memory (VmHWM) of PID and of every descendant, sampled from /proc every INTERVAL
    seconds; a process that lives shorter than that can be missed (Linux only).

    This, not RUSAGE_CHILDREN, is the children's memory: Linux folds the parent's
    peak into a child's ru_maxrss when the child execs after a (v)fork, as
    subprocess does for Pagefind, so that figure is never below the build's own.
    A forked worker's VmHWM counts the pages it shares with its parent."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self.root_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            root = _peak(self.pid)
            self.root_kib = max(self.root_kib, root[1] if root else 0)
            for child in _descendants(self.pid):
                seen = _peak(child)
                if seen and seen[1] >= self.peaks.get(child, ("", 0))[1]:
                    self.peaks[child] = seen
            self.done.wait(self.interval)

    def by_name(self) -> dict[str, dict]:
        names: dict[str, dict] = {}
        for name, kib in self.peaks.values():
            row = names.setdefault(name, {"processes": 0, "peak_mib": 0.0})
            row["processes"] += 1
            row["peak_mib"] = max(row["peak_mib"], round(kib / MIB, 1))
        return names


def timed(command: list[str], cwd: Path = ROOT) -> dict:
    """Run COMMAND; its wall time, CPU (with its waited-for children), peak memory and descendants' peaks."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = ChildSampler(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{errors[-3000:]}")
    return {"wall": round(wall, 2), "cpu": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_sampled_mib": round(sampler.root_kib / MIB, 1), "children": sampler.by_name()}


def run_build(which: str, target: Path, fresh: bool = True) -> dict:
    """One build of TARGET/WHICH in a fresh process: outside and inside figures together."""
    if which == "hugo":
        base = target / "hugo"
        if fresh:
            for folder in (base / "public", base / "resources", base / "cache"):
                shutil.rmtree(folder, ignore_errors=True)
        row = timed(["hugo", "--quiet", "--source", str(base), "--destination", str(base / "public"),
                     "--cacheDir", str(base / "cache")], cwd=base)
        row["peak_build_mib"] = row["peak_sampled_mib"]
        row["pages"] = count_pages(base / "public")
        return row
    report = target / f".{which}-measure.json"
    row = timed([sys.executable, "-m", "portal.bench_build", "run", which, str(target), str(report),
                 "fresh" if fresh else "warm"])
    row.update(json.loads(report.read_text(encoding="utf-8")))
    report.unlink()
    return row


# --- the benchmark ---------------------------------------------------------------

def hugo_version() -> str | None:
    if not shutil.which("hugo"):
        return None
    done = subprocess.run(["hugo", "version"], capture_output=True, text=True)
    return done.stdout.strip() or "hugo"


def _median(rows: list[dict], key: str) -> float:
    return round(statistics.median(r[key] for r in rows), 3)


def _summary(rows: list[dict]) -> dict:
    """Medians of the runs' figures, stage by stage too."""
    out = {key: _median(rows, key) for key in ("wall", "cpu", "peak_build_mib", "pages") if key in rows[0]}
    children: dict[str, float] = {}
    for row in rows:
        for name, seen in row.get("children", {}).items():
            children[name] = max(children.get(name, 0.0), seen["peak_mib"])
    out["peak_children_mib"] = children
    out["peak_largest_child_mib"] = max(children.values(), default=0.0)
    if "stages" in rows[0]:
        names = list(dict.fromkeys(n for r in rows for n in r["stages"]))
        out["stages"] = {n: round(statistics.median(r["stages"].get(n, 0.0) for r in rows), 3) for n in names}
    return out


def edited_article(content: Path) -> Path:
    """The article the edited rebuild changes: the middle one by name."""
    articles = sorted((content / "articles").rglob("*.md"))
    return articles[len(articles) // 2]


def append_sentence(path: Path, number: int) -> str:
    """Append a sentence to the article at PATH, as an editor's small correction; returns it."""
    sentence = f"Kalimat tambahan nomor {number} untuk uji build ulang."
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
    return sentence


def bench_one(target: Path, repeats: int, stock: bool = True, hugo: bool = True, log=print) -> dict:
    """Cold builds paired A/B(/C) REPEATS times, then warm rebuilds of the portal: unchanged, one edit."""
    kinds = ["portal"] + (["stock"] if stock else []) + (["hugo"] if hugo else [])
    cold: dict[str, list[dict]] = {kind: [] for kind in kinds}
    pairs = []
    for number in range(max(repeats, 1)):
        row = {}
        for kind in kinds:
            row[kind] = run_build(kind, target, fresh=True)
            cold[kind].append(row[kind])
            log(f"  cold {number + 1}/{repeats} {kind}: {row[kind]['wall']} s wall, {row[kind]['cpu']} s CPU")
        pair = {}
        for other in kinds[1:]:
            pair[f"portal/{other} wall"] = round(row["portal"]["wall"] / row[other]["wall"], 3)
            pair[f"portal/{other} cpu"] = round(row["portal"]["cpu"] / row[other]["cpu"], 3)
        pairs.append(pair)
    ratios = {key: round(statistics.median(p[key] for p in pairs), 3) for key in pairs[0]}
    result = {"cold": {kind: {"runs": runs, "median": _summary(runs)} for kind, runs in cold.items()}, "ratios": ratios}
    portal_cold = result["cold"]["portal"]["median"]["wall"]
    # Warm: the last cold build's output and caches stay; build_site into the same folder, as `invoke build`.
    unchanged = [run_build("portal", target, fresh=False) for _ in range(repeats)]
    log(f"  nothing changed: {[r['wall'] for r in unchanged]} s")
    content = target / "portal" / "content"
    path = edited_article(content)
    original, edited = path.read_text(encoding="utf-8"), []
    # Not measured: the first rebuild after a cold build into a new folder has no last site but one to
    # start from (portal/spare.py); an editor's rebuild always has one.
    append_sentence(path, 0)
    run_build("portal", target, fresh=False)
    for number in range(repeats):  # each rebuild sees one more sentence: one changed article each time
        sentence = append_sentence(path, number + 1)
        edited.append(run_build("portal", target, fresh=False))
    log(f"  one article edited: {[r['wall'] for r in edited]} s")
    for name, rows in (("unchanged", unchanged), ("one_edit", edited)):
        summary = _summary(rows)
        result[name] = {"runs": rows, "median": summary, "ratio_of_cold": round(summary["wall"] / portal_cold, 3)}
    result["one_edit"].update(article=str(path.relative_to(content)), sentence=sentence)
    path.write_text(original, encoding="utf-8")
    return result


def benchmark(sizes: list[int], repeats: int = 3, *, content: Path | None = None, corpus: Path | None = None,
              stock: bool = True, seed: int = 7, work: Path | None = None, log=print) -> dict:
    """The whole benchmark: per size (or the one content folder) a fresh corpus, the paired cold
    builds and the warm rebuilds; returns the report (portal.bench_report writes it)."""
    from .bench_report import machine

    hugo = hugo_version()
    log("Hugo: " + (hugo or "not on PATH, skipped"))
    report = {"date": dt.date.today().isoformat(), "machine": machine(), "repeats": repeats, "hugo": hugo,
              "results": []}
    work = work or ROOT / ".cache" / "bench"
    for size in [None] if content else sizes:
        target = work / ("content" if content else f"n{size}")
        shutil.rmtree(target, ignore_errors=True)
        if content:
            made = copy_content(Path(content), target)
        elif corpus:
            made = make_corpus(corpus, size, target, seed)
        else:
            made = make_synthetic(size, target, seed)
        log(f"{made['articles']} articles ({made['kind']}) in {target}")
        report["results"].append({"corpus": made, **bench_one(target, repeats, stock=stock, hugo=bool(hugo),
                                                               log=log)})
    return report


if __name__ == "__main__":  # python -m portal.bench_build run portal|stock TARGET REPORT fresh|warm
    command, which, folder, report, mode = sys.argv[1:6]
    if command != "run" or which not in ("portal", "stock") or mode not in ("fresh", "warm"):
        raise SystemExit("usage: python -m portal.bench_build run portal|stock TARGET REPORT fresh|warm")
    figures = measure(which, Path(folder), fresh=mode == "fresh")
    Path(report).write_text(json.dumps(figures), encoding="utf-8")
