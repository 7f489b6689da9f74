"""Quality and speed benchmarks of plugins/rekomendasi on a labelled corpus.

``quality`` turns a JSONL corpus (``id``, ``title`` or ``title_from_slug``,
``paragraphs``, optional ``source`` and ``date``, and a label field) into a
temporary content folder WITHOUT the label (one rubrik, no tags, one penulis
and one editor), runs the project's real build (portal.build.build_site),
reads each article's "Rekomendasi untuk Anda" links from the built HTML and
scores them against the withheld labels. ``scale`` times the engine alone on
2.5k/5k/10k articles made by mixing corpus articles, each size in a fresh
process so its peak memory is its own.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WITA = dt.timezone(dt.timedelta(hours=8))
RUBRIK = "Berita"
PEOPLE = """[[person]]
name = "Penulis Uji"
slug = "penulis-uji"
roles = ["penulis"]

[[person]]
name = "Editor Uji"
slug = "editor-uji"
roles = ["editor"]
"""
_MARKDOWN_START = re.compile(r"^(\s*)([#>*+\-=|]|\d+[.)])")
_CARD_LINK = re.compile(r'class="card-title"><a href="([^"]+)"')


def read_corpus(path: str | os.PathLike) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def labels_of(record: dict, field: str) -> frozenset[str]:
    value = record.get(field)
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


def slug_of(record: dict) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(record["id"]).lower()).strip("-")[:80]


def date_of(record: dict) -> dt.datetime:
    """``date`` if given, else the Unix time that prefixes the id, in WITA."""
    if record.get("date"):
        return dt.datetime.fromisoformat(str(record["date"])).replace(tzinfo=None)
    seconds = int(re.match(r"\d+", str(record["id"])).group())
    return dt.datetime.fromtimestamp(seconds, WITA).replace(tzinfo=None)


def title_of(record: dict, limit: int = 110) -> str:
    title = " ".join(str(record.get("title") or record.get("title_from_slug") or record["id"]).split())
    title = title[:1].upper() + title[1:]
    return title if len(title) <= limit else title[:limit].rsplit(" ", 1)[0]


def markdown_paragraph(text: str) -> str:
    """One corpus paragraph as a Markdown paragraph that stays a paragraph."""
    text = " ".join(text.split()).replace("<", "&lt;")
    return _MARKDOWN_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def write_content(records: list[dict], folder: Path) -> dict[str, dict]:
    """Write articles without their labels; return the records by slug."""
    (folder / "articles").mkdir(parents=True)
    (folder / "pages").mkdir()
    (folder / "people.toml").write_text(PEOPLE, encoding="utf-8")
    by_slug = {}
    for record in records:
        slug = slug_of(record)
        if slug in by_slug or not record.get("paragraphs"):
            continue
        by_slug[slug] = record
        header = [f"Title: {title_of(record)}", f"Slug: {slug}", f"Date: {date_of(record):%Y-%m-%d %H:%M}",
                  f"Category: {RUBRIK}", "Author: Penulis Uji", "Editor: Editor Uji"]
        body = "\n\n".join(markdown_paragraph(p) for p in record["paragraphs"] if p.strip())
        (folder / "articles" / f"{slug}.md").write_text("\n".join(header) + "\n\n" + body + "\n", encoding="utf-8")
    return by_slug


def build_overrides(content: Path, cache: Path, count: int) -> dict:
    return {
        "PATH": str(content), "CACHE_PATH": str(cache), "LOAD_CONTENT_CACHE": False,
        "RUBRIK": {RUBRIK: "Semua berita korpus uji."},
        "REKOMENDASI_COUNT": count,  # P@10 needs ten
        "HALAMAN_AUTO": False,  # one page per article: its Rekomendasi block is on it
    }


def recommended_slugs(output: Path, slug: str, date: dt.datetime) -> list[str]:
    page = output / f"berita/{date:%Y/%m/%d}/{slug}/index.html"
    markup = page.read_text(encoding="utf-8")
    start = markup.find('<section id="rekomendasi"')
    if start == -1:
        return []
    section = markup[start:markup.find("</section>", start)]
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in _CARD_LINK.findall(section)]


def precision(rows: list[tuple[frozenset, list[frozenset]]], k: int) -> float:
    """Mean share of the first k recommendations that share a label (missing ones count as misses)."""
    return sum(sum(1 for other in recs[:k] if labels & other) / k for labels, recs in rows) / max(len(rows), 1)


def random_precision(labels: list[frozenset]) -> float:
    """Expected P@k of recommending other articles at random (the same for every k)."""
    n = len(labels)
    if n < 2:
        return 0.0
    single = all(len(x) == 1 for x in labels)
    if single:
        counts = Counter(next(iter(x)) for x in labels)
        return sum((counts[next(iter(x))] - 1) / (n - 1) for x in labels) / n
    return sum(sum(1 for j, y in enumerate(labels) if j != i and x & y) / (n - 1)
               for i, x in enumerate(labels)) / n


def quality(corpus: str, label_field: str, json_path: str | None = None, workdir: str | None = None,
            settings: dict | None = None) -> dict:
    """Build the corpus with the real build and score its Rekomendasi lists.

    ``settings`` overrides build settings (e.g. REKOMENDASI_STEMMING) to
    compare variants on the same corpus.
    """
    from rekomendasi.plugin import CONTEXT_KEY

    from portal.build import build_site

    records = read_corpus(corpus)
    with tempfile.TemporaryDirectory(prefix="bench-related-", dir=workdir) as tmp:
        base = Path(tmp)
        by_slug = write_content(records, base / "content")
        started = time.perf_counter()
        overrides = {**build_overrides(base / "content", base / "cache", 10), **(settings or {})}
        built = build_site(ROOT / "pelicanconf.py", base / "output", overrides)
        build_seconds = time.perf_counter() - started
        engine = built.context[CONTEXT_KEY]
        engine_seconds = engine.seconds.get("total", float("nan"))
        parts = dict(engine.seconds)
        rows, cross, shown = [], [], Counter()
        for slug, record in by_slug.items():
            labels = labels_of(record, label_field)
            slugs = [s for s in recommended_slugs(base / "output", slug, date_of(record)) if s in by_slug]
            shown.update(slugs[:5])
            recs = [by_slug[s] for s in slugs]
            rows.append((labels, [labels_of(r, label_field) for r in recs]))
            for other in recs[:5]:
                if other.get("source") != record.get("source"):
                    cross.append(bool(labels & labels_of(other, label_field)))
    result = {
        "n_articles": len(rows),
        "p_at_1": round(precision(rows, 1), 4),
        "p_at_5": round(precision(rows, 5), 4),
        "p_at_10": round(precision(rows, 10), 4),
        "p_at_5_cross_source": round(sum(cross) / max(len(cross), 1), 4),
        "random_p_at_5": round(random_precision([r[0] for r in rows]), 4),
        "engine_seconds": round(engine_seconds, 3),
        "build_seconds": round(build_seconds, 1),
        "cross_source_share": round(len(cross) / max(5 * len(rows), 1), 3),
        "mean_list_length": round(sum(len(r[1]) for r in rows) / max(len(rows), 1), 2),
        # how evenly the lists spread over the site: a ranking that favours a few
        # "typical" articles can gain precision while readers see the same ones everywhere
        "coverage_at_5": round(len(shown) / max(len(rows), 1), 4),
        "max_appearances_at_5": max(shown.values(), default=0),
        "engine_parts": {k: round(v, 3) for k, v in parts.items()},
        "settings": dict(settings or {}),
    }
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


# --- scale -----------------------------------------------------------------

def synthetic_articles(records: list[dict], n: int, seed: int = 7) -> list[tuple[str, str, float]]:
    """N (title, body html, timestamp): halves of two corpus articles, 10% of words dropped.

    Mixing keeps the corpus's vocabulary and length while making every
    article new, so the larger sizes are not full of exact duplicates.
    """
    rng = random.Random(seed)
    usable = [r for r in records if r.get("paragraphs")]
    out = []
    for number in range(n):
        a, b = usable[number % len(usable)], rng.choice(usable)
        paragraphs = a["paragraphs"][: max(1, len(a["paragraphs"]) // 2)] + b["paragraphs"][len(b["paragraphs"]) // 2:]
        body = "".join("<p>" + " ".join(w for w in p.split() if rng.random() > 0.1) + "</p>" for p in paragraphs)
        stamp = date_of(a).replace(tzinfo=WITA).timestamp() + rng.uniform(-3e7, 3e7)
        out.append((title_of(a), body, stamp))
    return out


def _status_mb(field: str) -> float | None:
    """A size from /proc/self/status (Linux), in MB; None where there is none."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _rss_mb() -> float:
    return _status_mb("VmRSS") or 0.0


def _reset_peak() -> bool:
    try:  # Linux: "5" resets the peak resident size (VmHWM) of this process
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the engine's forked helpers)."""
    times = os.times()
    return time.process_time() + times.children_user + times.children_system


def engine_once(corpus: str, n: int) -> dict:
    """Run the engine (tokenise, index, rank, place) on n articles; time and memory."""
    import numpy as np  # noqa: F401  (imported before the measurement starts)
    import scipy.sparse  # noqa: F401
    from newsroom import body as article_body
    from rekomendasi import tokenize
    from rekomendasi.cache import TermCache
    from rekomendasi.config import RekomendasiConfig
    from rekomendasi.gcpause import collector_paused
    from rekomendasi.index import build_index
    from rekomendasi.placement import BacaJuga, insert_links
    from rekomendasi.score import Doc, rank_all

    articles = [(title, article_body.read(html), stamp)
                for title, html, stamp in synthetic_articles(read_corpus(corpus), n)]  # read once, as the reader does
    cfg = RekomendasiConfig.from_settings({})
    tokenize.stopwords()
    build_index([{"warm": 1, "up": 1}, {"warm": 1}], [True, True], cfg)  # imports and BLAS set-up, not timed
    before = _rss_mb()
    exact_peak = _reset_peak()
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    with collector_paused():  # as plugin.recommend runs the engine
        cache = TermCache(None, cfg.fingerprint())
        counts = cache.terms_of_all([(title, body) for title, body, _ in articles], cfg.title_weight, cfg.stemming,
                                    cfg.helper)
        t1 = time.perf_counter()
        docs = [Doc(f"a{i}", stamp, frozenset(), RUBRIK, (), True) for i, (_, _, stamp) in enumerate(articles)]
        index = build_index(counts, [True] * n, cfg)
        t2 = time.perf_counter()
        ranked = rank_all(docs, index, cfg)
        t3 = time.perf_counter()
        baca_juga = BacaJuga("Baca juga", lambda j: f"/berita/{j}/", lambda j: articles[j][0])
        for (_, body, _), picks in zip(articles, ranked, strict=True):
            insert_links(body, [baca_juga(p.index) for p in picks[:2]], cfg.baca_juga_after)
    t4, cpu4 = time.perf_counter(), _cpu_seconds()
    peak = _peak_mb() - before
    return {"n": n, "tokenise": round(t1 - t0, 3), "index": round(t2 - t1, 3), "rank": round(t3 - t2, 3),
            "place": round(t4 - t3, 3), "engine_seconds": round(t4 - t0, 3),
            "engine_cpu_seconds": round(cpu4 - cpu0, 3),
            "engine_without_tokenise": round(t4 - t1, 3), "peak_mb": round(peak, 1),
            "peak_exact": exact_peak, "nnz": int(index.vectors.nnz),
            "helper_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}


def scale(corpus: str, sizes: list[int], repeats: int = 3) -> list[dict]:
    """Each size ``repeats`` times in fresh processes; the medians."""
    results = []
    for n in sizes:
        runs = []
        for _ in range(repeats):
            out = subprocess.run([sys.executable, "-m", "portal.bench_related", "engine-once", corpus, str(n)],
                                 cwd=ROOT, capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        median = {key: sorted(r[key] for r in runs)[len(runs) // 2] for key in runs[0] if key != "peak_exact"}
        median["runs"] = repeats
        results.append(median)
    first = results[0]
    for row in results:
        growth = row["n"] * math.log(row["n"]) / (first["n"] * math.log(first["n"]))
        row["time_ratio"] = round(row["engine_seconds"] / first["engine_seconds"], 2)
        row["n_log_n_ratio"] = round(growth, 2)
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "engine-once":
        print(json.dumps(engine_once(sys.argv[2], int(sys.argv[3]))))
    else:
        sys.exit("usage: python -m portal.bench_related engine-once CORPUS N")
