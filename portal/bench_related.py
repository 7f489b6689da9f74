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

from rekomendasi.tokenize import ArticleText

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
        text = str(record["date"]).strip().replace("Z", "+00:00")
        for candidate in (text, text[:19], text[:10]):
            try:
                return dt.datetime.fromisoformat(candidate).replace(tzinfo=None)
            except ValueError:
                continue
    found = re.match(r"\d{9,}", str(record["id"]))
    if found:
        return dt.datetime.fromtimestamp(int(found.group()), WITA).replace(tzinfo=None)
    return dt.datetime(2025, 1, 1)  # no usable date: all the same day (recency then says nothing)


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


def record_text(record: dict, title: str | None = None) -> ArticleText:
    """A corpus record as the engine's fields: headline, Sorotan, lead (first paragraph) and the rest."""
    paragraphs = [" ".join(p.split()) for p in record.get("paragraphs") or () if p.strip()]
    return ArticleText(title_of(record) if title is None else title, str(record.get("highlight") or ""),
                       paragraphs[0] if paragraphs else "", " ".join(paragraphs[1:]))


def metrics(labels: list[frozenset], lists: list[list[int]], sources: list | None = None) -> dict:
    """P@1/5/10 (a missing item is a miss), P@5 over other sources, coverage@5, most lists at 5."""
    rows = [(labels[i], [labels[j] for j in picks]) for i, picks in enumerate(lists)]
    shown = Counter(j for picks in lists for j in picks[:5])
    out = {"n_articles": len(rows), "p_at_1": round(precision(rows, 1), 4), "p_at_5": round(precision(rows, 5), 4),
           "p_at_10": round(precision(rows, 10), 4)}
    if sources is not None:
        cross = [bool(labels[i] & labels[j]) for i, picks in enumerate(lists) for j in picks[:5]
                 if sources[j] != sources[i]]
        out["p_at_5_cross_source"] = round(sum(cross) / max(len(cross), 1), 4)
        out["cross_source_share"] = round(len(cross) / max(5 * len(rows), 1), 3)
    out.update({"random_p_at_5": round(random_precision(labels), 4),
                "mean_list_length": round(sum(len(p) for p in lists) / max(len(lists), 1), 2),
                # how evenly the lists spread over the site: a ranking that favours a few
                # "typical" articles can gain precision while readers see the same ones everywhere
                "coverage_at_5": round(len(shown) / max(len(rows), 1), 4),
                "max_lists_at_5": max(shown.values(), default=0)})
    return out


def docs_of(records: list[dict]) -> list:
    from rekomendasi.engine import Doc

    return [Doc(slug_of(r), date_of(r).replace(tzinfo=WITA).timestamp(), frozenset(), RUBRIK) for r in records]


def evaluate(records: list[dict], label_field: str, settings: dict | None = None, titles: list[str] | None = None,
             texts=None) -> dict:
    """The engine's lists of a corpus, in this process (engine.run, no site build), scored as ``quality`` does."""
    from rekomendasi.engine import run

    records = [r for r in records if r.get("paragraphs")]
    texts = texts or [record_text(r, None if titles is None else titles[n]) for n, r in enumerate(records)]
    result = run(docs_of(records), texts, {"REKOMENDASI_COUNT": 10, **(settings or {})})
    lists = [[p.index for p in picks] for picks in result.picks]
    return metrics([labels_of(r, label_field) for r in records], lists, [r.get("source") for r in records])


def quality(corpus: str, label_field: str, json_path: str | None = None, workdir: str | None = None,
            settings: dict | None = None, pairs: str | None = None) -> dict:
    """Build the corpus with the real build and score its Rekomendasi lists.

    ``settings`` overrides build settings (e.g. REKOMENDASI_STEMMING) to
    compare variants on the same corpus. The same-story figures come from
    the labelled pairs (``pairs``, default portal/same_story_pairs.json).
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
        order = list(by_slug)
        number = {slug: n for n, slug in enumerate(order)}
        lists = []
        for slug, record in by_slug.items():
            slugs = recommended_slugs(base / "output", slug, date_of(record))
            lists.append([number[s] for s in slugs if s in number])
    records = list(by_slug.values())
    result = metrics([labels_of(r, label_field) for r in records], lists, [r.get("source") for r in records])
    result["max_appearances_at_5"] = result["max_lists_at_5"]
    result.update({
        "engine_seconds": round(engine.seconds.get("total", float("nan")), 3),
        "build_seconds": round(build_seconds, 1),
        "engine_parts": {k: round(v, 3) for k, v in engine.seconds.items()},
        "same_story": same_story_rate(pairs, settings),
        "settings": dict(settings or {}),
    })
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def same_story_rate(pairs: str | None = None, settings: dict | None = None) -> dict:
    """Precision and recall of the same-story detector on the labelled pairs."""
    from rekomendasi.config import RekomendasiConfig

    from portal import same_story_pairs

    cfg = RekomendasiConfig.from_settings(settings or {})
    labelled = same_story_pairs.load(pairs)
    return same_story_pairs.score(labelled, cfg.same_story)


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
    """Run the engine (engine.run, with a cold term cache) and the Baca juga placement on n articles."""
    import numpy as np  # noqa: F401  (imported before the measurement starts)
    import scipy.sparse  # noqa: F401
    from newsroom import body as article_body
    from rekomendasi import tokenize
    from rekomendasi.cache import TermCache
    from rekomendasi.config import RekomendasiConfig
    from rekomendasi.engine import Doc, run
    from rekomendasi.placement import BacaJuga, insert_links

    made = synthetic_articles(read_corpus(corpus), n)
    bodies = [article_body.read(html) for _, html, _ in made]  # read once, as the reader does
    cfg = RekomendasiConfig.from_settings({})
    tokenize.stopwords()
    run([Doc("a", 0.0), Doc("b", 0.0)], [ArticleText("warm up", "", "warm up", "")] * 2, cfg)  # imports, not timed
    before = _rss_mb()
    exact_peak = _reset_peak()
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp:
        from rekomendasi.plugin import text_of

        class _Article:  # what text_of reads of a pelican Article
            def __init__(self, title, body):
                self.title, self.body, self.metadata = title, body, {}

        texts = [text_of(_Article(title, b)) for (title, _, _), b in zip(made, bodies, strict=True)]
        docs = [Doc(f"a{i}", stamp, frozenset(), RUBRIK) for i, (_, _, stamp) in enumerate(made)]
        cache = TermCache(tmp, cfg.stemming)  # cold: nothing to load
        result = run(docs, texts, cfg, cache)  # saves the cache
        t3 = time.perf_counter()
        baca_juga = BacaJuga("Baca juga", lambda j: f"/berita/{j}/", lambda j: made[j][0])
        for b, picks in zip(bodies, result.picks, strict=True):
            insert_links(b, [baca_juga(p.index) for p in picks[:2]], cfg.baca_juga_after)
    t4, cpu4 = time.perf_counter(), _cpu_seconds()
    peak = _peak_mb() - before
    parts = result.seconds
    return {"n": n, "tokenise": round(parts["tokenise"], 3), "index": round(parts["index"], 3),
            "same_story": round(parts["same_story"], 3), "rank": round(parts["rank"], 3),
            "place": round(t4 - t3, 3), "engine_seconds": round(t4 - t0, 3),
            "engine_cpu_seconds": round(cpu4 - cpu0, 3), "peak_mb": round(peak, 1), "peak_exact": exact_peak,
            "nnz": int(result.model.vectors.nnz)}


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
