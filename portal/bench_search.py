"""Search index benchmark: wall time and peak memory of the sharded Pagefind
index (plugins/distribusi/search.py) at N synthetic records, against the
former way (Pagefind's binary crawling one written HTML page per article).

    python -m portal.bench_search --records 10000 100000 --crawl 10000

The records are made from a seed: Indonesian-like words built from syllables,
drawn with Zipf frequencies from a shared vocabulary plus a topic vocabulary
per rubrik, 10 rubrik, about 350 words an article, dated over ten years.
Each measurement runs in a fresh Python process, so ``getrusage`` of its
children is the peak resident memory of the largest Pagefind process it ran,
and of itself the Python side's. After the cold index one old record is
edited and the index built again from the warm cache: only its shard is
rebuilt. The report is written as Markdown and JSON under reports/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRIK = ["Pemerintahan", "Pelayanan Publik", "Smart City", "Kependudukan", "Desa Digital", "Informasi Publik",
          "Ekonomi", "Pendidikan", "Kesehatan", "Pariwisata"]
_ONSETS = ["b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "ng", "ny", "p", "r", "s", "t", "w", "y", ""]
_VOWELS = ["a", "a", "i", "u", "e", "o"]
_CODAS = ["", "", "", "n", "ng", "k", "r", "t", "s", "h", "l", "m"]
_AFFIXES = ["", "", "", "me", "pe", "ber", "di", "ke", "ter"], ["", "", "", "kan", "an", "nya", "i"]


def _word(rnd: random.Random) -> str:
    stem = "".join(rnd.choice(_ONSETS) + rnd.choice(_VOWELS) + rnd.choice(_CODAS) for _ in range(rnd.randint(1, 3)))
    return rnd.choice(_AFFIXES[0]) + stem + rnd.choice(_AFFIXES[1])


def _zipf(words: list[str]) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


class SyntheticRecords(Sequence):
    """COUNT search records, the same for the same seed, each made when asked for (as the
    plugin's ``ArticleRecords`` makes them from articles), dated over about ten years."""

    def __init__(self, count: int, seed: int = 13, words_per_article: int = 350):
        rnd = random.Random(seed)
        self._count, self._seed, self._words = count, seed, words_per_article
        self._common = sorted({_word(rnd) for _ in range(40_000)})
        rnd.shuffle(self._common)
        self._common_weights = _zipf(self._common)
        self._topics = {}
        for name in RUBRIK:
            vocabulary = sorted({_word(rnd) for _ in range(600)})
            rnd.shuffle(vocabulary)
            self._topics[name] = (vocabulary, _zipf(vocabulary))
        self._per_day = max(4, -(-count // 3650))
        self._start = dt.date(2026, 12, 31) - dt.timedelta(days=count // self._per_day)
        self.edits: dict[int, str] = {}  # number -> text added to that record

    def __len__(self) -> int:
        return self._count

    def _date(self, number: int) -> dt.date:
        return self._start + dt.timedelta(days=number // self._per_day)

    def _url(self, number: int) -> str:
        return f"/berita/{self._date(number):%Y/%m/%d}/berita-{number:06d}/"

    def keys(self) -> list[tuple[str, str]]:
        return [(self._url(n), self._date(n).isoformat()) for n in range(self._count)]

    def __getitem__(self, number: int):
        from distribusi.search import Record

        if not 0 <= number < self._count:
            raise IndexError(number)
        rnd = random.Random(self._seed * 1_000_003 + number)
        rubrik = RUBRIK[rnd.randrange(len(RUBRIK))]
        vocabulary, weights = self._topics[rubrik]
        text = rnd.choices(self._common, cum_weights=self._common_weights, k=self._words * 4 // 5)
        text += rnd.choices(vocabulary, cum_weights=weights, k=self._words // 5)
        rnd.shuffle(text)
        title = " ".join(rnd.choices(vocabulary, cum_weights=weights, k=3) + text[:5]).capitalize()
        body = " ".join(text).capitalize() + "." + self.edits.get(number, "")
        return Record(self._url(number), title, body, rubrik, self._date(number).isoformat())


def _peaks() -> dict:
    """Peak resident memory in MiB of this process and of the largest child it waited for."""
    mib = 1024  # ru_maxrss is in KiB on Linux
    return {"python_peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / mib, 1),
            "pagefind_peak_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / mib, 1)}


def measure_sharded(count: int, work: Path) -> dict:
    """Cold index of COUNT records, then a warm one after one old record was edited."""
    from distribusi import search

    records = SyntheticRecords(count)
    started = time.perf_counter()
    cold = search.build_index(work / "site", "id", records, work / "cache")
    cold_s = time.perf_counter() - started
    peaks = _peaks()
    records.edits[count // 7] = " Ralat."
    started = time.perf_counter()
    warm = search.build_index(work / "site", "id", records, work / "cache")
    warm_s = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (work / "site").rglob("*") if p.is_file())
    return {"approach": "sharded records", "records": count, "shards": len(cold.built), "wall_s": round(cold_s, 1),
            **peaks, "warm_python_peak_mib": _peaks()["python_peak_mib"], "output_mib": round(size / 2**20, 1),
            "one_edit_wall_s": round(warm_s, 1), "one_edit_rebuilt": list(warm.built)}


_PAGE = ('<!doctype html><html lang="id"><head><title>{title}</title></head><body>'
         '<header><a href="/">Portal Berita</a><nav>Beranda Pemerintahan Ekonomi Kesehatan</nav></header>'
         '<main><article data-pagefind-body><p data-pagefind-filter="rubrik" data-pagefind-ignore>{rubrik}</p>'
         '<h1>{title}</h1><p>Penulis: Lalu Ahmad Sinto | Editor: Baiq Nurul Aini</p>'
         '<p>Bagikan: WhatsApp Facebook X Telegram Salin tautan</p><p>{text}</p></article>'
         '<aside>Berita Terkini</aside></main><footer>Ikuti kami di</footer></body></html>')


def measure_crawl(count: int, work: Path) -> dict:
    """The former way: one written page per article, crawled by ``pagefind --site``."""
    import html

    from distribusi.search import pagefind_binary

    site = work / "crawl"
    for record in SyntheticRecords(count):
        page = site / record.url.strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_PAGE.format(title=html.escape(record.title), rubrik=record.rubrik,
                                     text=html.escape(record.text)), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([str(pagefind_binary()), "--site", str(site), "--force-language", "id"], check=True,
                   capture_output=True)
    return {"approach": "crawl written pages (before)", "records": count, "shards": 1,
            "wall_s": round(time.perf_counter() - started, 1), **_peaks()}


def _worker(approach: str, count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        result = (measure_crawl if approach == "crawl" else measure_sharded)(count, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))


def _run(approach: str, count: int) -> dict:
    done = subprocess.run([sys.executable, "-m", "portal.bench_search", "--worker", approach, str(count)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{approach} {count}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(rows: list[dict], folder: Path) -> Path:
    from distribusi.search import SHARD_SIZE

    machine = f"{platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    lines = ["# Search index benchmark", "",
             f"Machine: {machine}. Shard size: {SHARD_SIZE} records. Peak memory is the largest resident set "
             f"of any Pagefind process (getrusage of children) and of the Python process.", "",
             "| approach | records | shards | wall s | Pagefind peak MiB | Python peak MiB "
             "| one edit: wall s, shards rebuilt |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        edit = (f"{row['one_edit_wall_s']} s, {len(row['one_edit_rebuilt'])}" if "one_edit_wall_s" in row else "–")
        lines.append(f"| {row['approach']} | {row['records']:,} | {row['shards']} | {row['wall_s']} | "
                     f"{row['pagefind_peak_mib']} | {row['python_peak_mib']} | {edit} |")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench-search.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=2) + "\n",
                                              encoding="utf-8")
    markdown = folder / "bench-search.md"
    markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return markdown


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--crawl", type=int, nargs="*", default=[10_000],
                        help="also measure the former crawl at these sizes")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker[0], int(args.worker[1]))
        return
    rows = []
    for count in args.records:
        rows.append(_run("sharded", count))
        print(json.dumps(rows[-1]), flush=True)
    for count in args.crawl:
        rows.append(_run("crawl", count))
        print(json.dumps(rows[-1]), flush=True)
    print(report(rows, args.reports).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
