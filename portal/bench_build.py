"""Whole-build benchmark: the portal against stock Pelican on the same text.

``make_corpus`` writes N articles mixed from a JSONL news corpus (``title`` or
``title_from_slug``, ``paragraphs``) twice: as portal content (newsroom
metadata: 10 rubrik, 200 tags, 30 writers, 8 editors, no photos) and as the
same Markdown for stock Pelican (Title, Date, Category, Tags, Author only).
``run`` builds one of them cold (caches and output removed first) in its own
process, so a timer outside (``/usr/bin/time -v``, a paired runner) sees the
whole build, its CPU and its peak memory. ``invoke bench-build`` pairs the two
runs in turn and writes a report of medians and paired ratios.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .bench_related import markdown_paragraph, read_corpus, title_of

ROOT = Path(__file__).resolve().parent.parent
RUBRIK = ["Pemerintahan", "Pelayanan Publik", "Smart City", "Kependudukan", "Desa Digital", "Informasi Publik",
          "Ekonomi", "Pendidikan", "Kesehatan", "Pariwisata"]
WRITERS, EDITORS, TAGS = 30, 8, 200
START = dt.datetime(2024, 1, 1, 7, 0)

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


def _people() -> str:
    rows = []
    for number in range(WRITERS):
        rows.append(f'[[person]]\nname = "Penulis {number:02d}"\nslug = "penulis-{number:02d}"\n'
                    f'roles = ["penulis", "wartawan"]\nbio = "Pewarta nomor {number}."\n')
    for number in range(EDITORS):
        rows.append(f'[[person]]\nname = "Editor {number:02d}"\nslug = "editor-{number:02d}"\n'
                    f'roles = ["editor"]\nbio = "Redaktur nomor {number}."\n')
    return "\n".join(rows)


def make_corpus(corpus: str | Path, count: int, target: Path, seed: int = 7) -> dict:
    """Write TARGET/portal (content + settings overrides) and TARGET/stock; return what was made."""
    records = [r for r in read_corpus(corpus) if r.get("paragraphs")]
    rng = random.Random(seed)
    portal, stock = target / "portal" / "content", target / "stock" / "content"
    for folder in (portal / "articles", portal / "pages", stock):
        folder.mkdir(parents=True, exist_ok=True)
    (portal / "people.toml").write_text(_people(), encoding="utf-8")
    tags = [f"topik {number:03d}" for number in range(TAGS)]
    for number in range(count):
        record = records[number % len(records)]
        # A repeated record gets its own title and date, as a new story on the same subject would.
        title = title_of(record, 100) + (f" ({number // len(records) + 1})" if number >= len(records) else "")
        date = START + dt.timedelta(minutes=97 * number)
        slug = f"artikel-{number:05d}"
        rubrik = RUBRIK[rng.randrange(len(RUBRIK))]
        chosen = ", ".join(rng.sample(tags, rng.randint(1, 4)))
        writer, editor = f"Penulis {rng.randrange(WRITERS):02d}", f"Editor {rng.randrange(EDITORS):02d}"
        body = "\n\n".join(markdown_paragraph(p) for p in record["paragraphs"] if p.strip())
        common = [f"Title: {title}", f"Slug: {slug}", f"Date: {date:%Y-%m-%d %H:%M}", f"Category: {rubrik}",
                  f"Tags: {chosen}", f"Author: {writer}"]
        (portal / "articles" / f"{slug}.md").write_text(
            "\n".join([*common, f"Editor: {editor}"]) + "\n\n" + body + "\n", encoding="utf-8")
        (stock / f"{slug}.md").write_text("\n".join(common) + "\n\n" + body + "\n", encoding="utf-8")
    (target / "stock" / "pelicanconf.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    overrides = {"RUBRIK": {name: f"Berita {name.lower()}." for name in RUBRIK}}
    (target / "portal" / "overrides.json").write_text(json.dumps(overrides), encoding="utf-8")
    return {"articles": count, "portal": str(portal), "stock": str(stock)}


def run(which: str, target: Path) -> float:
    """One cold build of TARGET/WHICH into TARGET/WHICH/output; returns its seconds."""
    base = target / which
    output, cache = base / "output", base / "cache"
    for folder in (output, cache):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    if which == "portal":
        from .build import build_site

        overrides = json.loads((base / "overrides.json").read_text(encoding="utf-8"))
        build_site(ROOT / "pelicanconf.py", output,
                   {**overrides, "PATH": str(base / "content"), "CACHE_PATH": str(cache)})
    else:
        from pelican import Pelican
        from pelican.settings import read_settings

        settings = read_settings(str(base / "pelicanconf.py"), override={
            "PATH": str(base / "content"), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)})
        Pelican(settings).run()
    return time.perf_counter() - started


def paired(target: Path, repeats: int) -> dict:
    """Portal and stock built in turn, each in a fresh process; medians and paired ratios."""
    rows = []
    for _ in range(repeats):
        row = {}
        for which in ("portal", "stock"):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "portal.bench_build", "run", which, str(target)], cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            row[which] = {"wall": round(wall, 2), "cpu": round(cpu, 2)}
        row["ratio_wall"] = round(row["portal"]["wall"] / row["stock"]["wall"], 3)
        row["ratio_cpu"] = round(row["portal"]["cpu"] / row["stock"]["cpu"], 3)
        rows.append(row)
    return {
        "runs": rows,
        "median": {
            "portal_wall": statistics.median(r["portal"]["wall"] for r in rows),
            "stock_wall": statistics.median(r["stock"]["wall"] for r in rows),
            "ratio_wall": statistics.median(r["ratio_wall"] for r in rows),
            "ratio_cpu": statistics.median(r["ratio_cpu"] for r in rows),
        },
    }


if __name__ == "__main__":  # python -m portal.bench_build run portal|stock TARGET
    command, which, folder = sys.argv[1:4]
    if command != "run" or which not in ("portal", "stock"):
        raise SystemExit("usage: python -m portal.bench_build run portal|stock TARGET")
    print(f"{which}: {run(which, Path(folder)):.1f} s")
