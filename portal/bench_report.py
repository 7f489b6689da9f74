"""The build benchmark's report: the machine it ran on, a JSON file and a Markdown file.

The JSON holds every run; the Markdown holds the medians: one summary table
(the one ``invoke bench`` prints and the README keeps), then per size the
stages, the memory of every process and the warm rebuilds.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .bench_stages import CHAIN, grouped

ROOT = Path(__file__).resolve().parent.parent


def _proc_field(path: str, key: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                name, _, value = line.partition(":")
                if name.strip() == key:
                    return value.strip()
    except OSError:
        pass
    return ""


def machine() -> dict:
    """Cores, memory, CPU model, load, versions and the commit measured."""
    memory = _proc_field("/proc/meminfo", "MemTotal")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gib": round(int(memory.split()[0]) / 1024 / 1024, 1) if memory else None,
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor(),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "system": platform.platform(),
        "python": platform.python_version(),
        "pelican": metadata.version("pelican"),
        "commit": commit.stdout.strip() or None,
    }


def _s(value) -> str:
    return "—" if value is None else f"{value:,.1f} s" if isinstance(value, float | int) else str(value)


def _x(value) -> str:
    return "—" if value is None else f"{value:.2f}×"


def summary_table(report: dict) -> str:
    """One row per corpus size: cold builds, ratios, warm rebuilds, pages, peak memory."""
    lines = ["| articles | portal cold | stock Pelican cold | portal ÷ stock (wall, CPU) | Hugo cold | "
             "portal ÷ Hugo (wall, CPU) | nothing changed ÷ cold | one edit ÷ cold | pages (portal) | "
             "peak MiB: build process, largest other |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in report["results"]:
        cold, ratios = row["cold"], row["ratios"]
        portal, stock, hugo = cold["portal"]["median"], cold.get("stock", {}).get("median"), \
            cold.get("hugo", {}).get("median")
        lines.append(
            f"| {row['corpus']['articles']:,} | {_s(portal['wall'])} | {_s(stock and stock['wall'])} | "
            f"{_x(ratios.get('portal/stock wall'))}, {_x(ratios.get('portal/stock cpu'))} | "
            f"{_s(hugo and hugo['wall']) if hugo else report['hugo'] or 'not installed'} | "
            f"{_x(ratios.get('portal/hugo wall'))}, {_x(ratios.get('portal/hugo cpu'))} | "
            f"{_x(row['unchanged']['ratio_of_cold'])} ({_s(row['unchanged']['median']['wall'])}) | "
            f"{_x(row['one_edit']['ratio_of_cold'])} ({_s(row['one_edit']['median']['wall'])}) | "
            f"{portal['pages']:,.0f} | {portal['peak_build_mib']:,.0f}, {portal['peak_largest_child_mib']:,.0f} |")
    return "\n".join(lines)


def _stage_table(row: dict) -> list[str]:
    portal = row["cold"]["portal"]["median"]["stages"]
    stock = row["cold"].get("stock", {}).get("median", {}).get("stages", {})
    meaning = {name: text for _, name, text in CHAIN}
    meaning["rekomendasi"] = "the recommendation engine (its own timer: tokenise, index, rank, place)"
    lines = ["| stage | portal | stock Pelican | includes |", "|---|---|---|---|"]
    for name in portal:
        lines.append(f"| {name} | {_s(portal[name])} | {_s(stock.get(name))} | {meaning.get(name, '')} |")
    lines += ["", "| stage group | portal | stock Pelican |", "|---|---|---|"]
    stock_groups = grouped(stock) if stock else {}
    for name, seconds in grouped(portal).items():
        lines.append(f"| {name} | {_s(seconds)} | {_s(stock_groups.get(name)) if stock else '—'} |")
    return lines


def _memory_table(row: dict) -> list[str]:
    lines = ["| build | build process | every other process (sampled VmHWM, largest by name) |",
             "|---|---|---|"]
    for label, summary in [(f"{kind} cold", data["median"]) for kind, data in row["cold"].items()] + \
            [("portal, nothing changed", row["unchanged"]["median"]), ("portal, one edit", row["one_edit"]["median"])]:
        kids = ", ".join(f"{name} {mib:,.0f}" for name, mib in sorted(summary["peak_children_mib"].items())) or "—"
        lines.append(f"| {label} | {summary['peak_build_mib']:,.0f} MiB | {kids} |")
    return lines


def markdown(report: dict) -> str:
    m = report["machine"]
    out = [f"# Build benchmark, {report['date']}", "",
           f"Machine: {m['cores']} cores ({m['cores_usable']} usable), {m['ram_gib']} GiB RAM, {m['cpu']}; "
           f"{m['system']}; Python {m['python']}, Pelican {m['pelican']}, Hugo {report['hugo'] or 'not installed'}; "
           f"commit {m['commit']}; load average at start {m['load_average']}.", "",
           f"Each build in a fresh process; cold builds with output and caches removed, paired portal / stock"
           f"{' / Hugo' if report['hugo'] else ''} in turn, medians of {report['repeats']} "
           "(ratios: medians of the paired ratios). Warm rebuilds build into the same output with the caches "
           "of the last cold build, as `invoke build` does.", "", summary_table(report)]
    for row in report["results"]:
        corpus = row["corpus"]
        out += ["", f"## {corpus['articles']:,} articles ({corpus['kind']})", "",
                "Corpus: " + ", ".join(f"{k} {v}" for k, v in corpus.items() if k != "articles"), "",
                "### Where the portal's cold build goes (medians)", "", *_stage_table(row), "",
                "### Peak memory (MiB)", "", "The build process's own peak RSS (RUSAGE_SELF; Hugo: sampled); "
                "every other process sampled from /proc every 50 ms (a forked worker counts the pages it shares "
                "with the build process).", "", *_memory_table(row), "",
                f"One edit: `{row['one_edit']['article']}` gained a sentence before each rebuild.",
                *_one_edit(row)]
    return "\n".join(out) + "\n"


def _one_edit(row: dict) -> list[str]:
    """The rebuild after one edit: how many pages were rendered and linked, and its stages."""
    runs = row["one_edit"]["runs"]
    if not runs or "pages_rendered" not in runs[0]:
        return []
    rendered = sorted(r["pages_rendered"] for r in runs)
    reused = sorted(r["pages_reused"] for r in runs)
    stages = row["one_edit"]["median"].get("stages", {})
    lines = ["", f"Pages rendered in those rebuilds: {', '.join(map(str, rendered))}; linked from the last "
                 f"output (newsroom.reuse): {', '.join(map(str, reused))}.", "",
             "### Where the rebuild after one edit goes (medians)", "", "| stage | seconds |", "|---|---|"]
    lines += [f"| {name} | {_s(seconds)} |" for name, seconds in stages.items()]
    return lines


def write(report: dict, out: Path) -> tuple[Path, Path]:
    """OUT.json and OUT.md (OUT without a suffix)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    data, text = out.with_suffix(".json"), out.with_suffix(".md")
    data.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text.write_text(markdown(report), encoding="utf-8")
    return data, text
