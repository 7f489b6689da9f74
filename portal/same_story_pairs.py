"""Labelled pairs for the same-story detector, and its precision and recall on them.

portal/same_story_pairs.json lists pairs of articles, each ``same`` (one
story: a reworded press release, a follow-up that repeats the lead, a
correction, a shortened republication) or not (two different stories of the
same topic). An article is named, never copied:

- ``{"site": SLUG}``: an article of the sample site (content/articles);
- ``{"indosum": ID}``: an IndoSum article, read from ../shared/corpus (the
  pairs that need it are skipped, and counted, where the corpus is absent);
- ``{"derive": KIND, "of": REF, "seed": N, "with": REF}``: a version of REF
  made here, the same way on every machine: ``reword`` (synonyms, a sentence
  dropped, sentences swapped, the headline reordered), ``correction`` (a
  "Ralat" note, one figure changed, the last paragraph cut), ``follow-up``
  (the same lead, then the body of ``with``, another story), ``shortened``
  (the first half, another headline).

``make`` wrote the file (``python -m portal.same_story_pairs make``); the
different-story pairs of the site are every pair of one rubrik but the wifi
press release (the sample site was written as distinct stories; the pairs
the detector flags among them were read by hand); those of IndoSum are same-category articles
with the most similar words but at least three days apart.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from rekomendasi.tokenize import ArticleText

ROOT = Path(__file__).resolve().parent.parent
PAIRS = Path(__file__).with_name("same_story_pairs.json")
INDOSUM = ROOT.parent / "shared" / "corpus" / "indosum" / "articles.jsonl"
WIFI = ("wifi-gratis-terpasang-di-30-desa-lombok-tengah-tahap-pertama",
        "tahap-pertama-wifi-gratis-hadir-di-30-desa-lombok-tengah")

SYNONYMS = {
    "mengatakan": "menyampaikan", "menyampaikan": "mengatakan", "ujarnya": "katanya", "katanya": "ujarnya",
    "yakni": "yaitu", "yaitu": "yakni", "telah": "sudah", "sudah": "telah", "sebesar": "senilai",
    "menyelesaikan": "merampungkan", "untuk": "guna", "seperti": "misalnya", "masyarakat": "warga",
    "warga": "masyarakat", "melalui": "lewat", "kegiatan": "acara", "dilaksanakan": "digelar",
    "digelar": "diselenggarakan", "menjelaskan": "memaparkan", "agar": "supaya", "sangat": "amat",
    "meningkatkan": "menaikkan", "memberikan": "menyerahkan", "bersama": "beserta", "tersebut": "itu",
    "menurutnya": "menurut dia", "saat": "ketika", "namun": "akan tetapi", "karena": "sebab",
    "dalam": "di dalam", "kepada": "pada", "hingga": "sampai", "juga": "pun", "tahun": "thn",
    "menambahkan": "menimpali", "berharap": "mengharapkan", "memiliki": "mempunyai", "besar": "tinggi",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


# --- reading --------------------------------------------------------------------

def site_article(slug: str) -> dict:
    """A sample-site article as a record (title, highlight, paragraphs, date), read from its Markdown."""
    for path in (ROOT / "content" / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        meta = {}
        for line in header.splitlines():
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip()
        if meta.get("slug") == slug:
            paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip() and not p.startswith("<!--")]
            return {"title": meta.get("title") or meta.get("judul", ""),
                    "highlight": meta.get("highlight") or meta.get("sorotan", ""),
                    "paragraphs": paragraphs, "rubrik": meta.get("category") or meta.get("rubrik", "")}
    raise KeyError(f"no sample article with slug {slug!r}")


def site_slugs() -> list[str]:
    slugs = []
    for path in sorted((ROOT / "content" / "articles").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("slug:"):
                slugs.append(line.partition(":")[2].strip())
                break
    return slugs


_INDOSUM: dict[str, dict] | None = None


def indosum(record_id: str) -> dict | None:
    global _INDOSUM
    if _INDOSUM is None:
        _INDOSUM = {}
        if INDOSUM.is_file():
            with INDOSUM.open(encoding="utf-8") as handle:
                for line in handle:
                    r = json.loads(line)
                    _INDOSUM[r["id"]] = {"title": r["title_from_slug"], "highlight": "",
                                         "paragraphs": r["paragraphs"], "category": r["category"]}
    return _INDOSUM.get(record_id)


# --- deriving -------------------------------------------------------------------

def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph.strip()) if s]


def _swap_words(text: str, rng: random.Random, share: float = 0.8) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        other = SYNONYMS.get(word.lower())
        if other is None or rng.random() > share:
            return word
        return other.capitalize() if word[:1].isupper() else other
    return re.sub(r"[A-Za-z]+", swap, text)


def reword(record: dict, rng: random.Random) -> dict:
    paragraphs = []
    for paragraph in record["paragraphs"]:
        sentences = _sentences(paragraph)
        if len(sentences) > 2 and rng.random() < 0.35:
            del sentences[rng.randrange(1, len(sentences))]
        if len(sentences) > 1 and rng.random() < 0.3:
            k = rng.randrange(len(sentences) - 1)
            sentences[k], sentences[k + 1] = sentences[k + 1], sentences[k]
        paragraphs.append(_swap_words(" ".join(sentences), rng))
    words = record["title"].split()
    cut = max(1, len(words) // 2)
    title = _swap_words(" ".join(words[cut:] + words[:cut]), rng, 1.0)
    return {**record, "title": title[:1].upper() + title[1:], "highlight": _swap_words(record["highlight"], rng),
            "paragraphs": paragraphs}


def correction(record: dict, rng: random.Random) -> dict:
    paragraphs = list(record["paragraphs"])
    note = "Ralat: berita ini diperbaiki karena kekeliruan angka pada versi sebelumnya."
    for n, paragraph in enumerate(paragraphs):
        if re.search(r"\d", paragraph):
            paragraphs[n] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1 + rng.randrange(9)), paragraph, count=1)
            break
    body = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
    return {**record, "title": "Ralat: " + record["title"], "paragraphs": [*body, note]}


def follow_up(record: dict, other: dict, rng: random.Random) -> dict:
    lead = _swap_words(record["paragraphs"][0], rng, 0.3)
    return {**record, "title": "Lanjutan: " + other["title"], "highlight": "",
            "paragraphs": [lead, *other["paragraphs"][1:]]}


def shortened(record: dict, rng: random.Random) -> dict:
    half = max(2, (len(record["paragraphs"]) + 1) // 2)
    words = record["title"].split()
    return {**record, "title": " ".join(words[: max(3, len(words) - 2)]), "paragraphs": record["paragraphs"][:half]}


def resolve(ref: dict) -> dict | None:
    if "site" in ref:
        return site_article(ref["site"])
    if "indosum" in ref:
        return indosum(ref["indosum"])
    source = resolve(ref["of"])
    if source is None:
        return None
    rng = random.Random(ref.get("seed", 0))
    kind = ref["derive"]
    if kind == "follow-up":
        other = resolve(ref["with"])
        return None if other is None else follow_up(source, other, rng)
    return {"reword": reword, "correction": correction, "shortened": shortened}[kind](source, rng)


def text_of(record: dict) -> ArticleText:
    paragraphs = record["paragraphs"]
    return ArticleText(record["title"], record.get("highlight", ""), paragraphs[0] if paragraphs else "",
                       " ".join(paragraphs[1:]))


# --- scoring --------------------------------------------------------------------

def load(path: str | Path | None = None) -> dict:
    """{"pairs": [(text a, text b, same, kind)], "skipped": n}: the pairs whose articles can be read."""
    data = json.loads(Path(path or PAIRS).read_text(encoding="utf-8"))
    pairs, skipped = [], 0
    for pair in data["pairs"]:
        a, b = resolve(pair["a"]), resolve(pair["b"])
        if a is None or b is None:
            skipped += 1
            continue
        pairs.append((text_of(a), text_of(b), bool(pair["same"]), pair.get("kind", "")))
    return {"pairs": pairs, "skipped": skipped}


def decisions(pairs: list[tuple], threshold: float) -> list[bool]:
    """The detector's verdict on each pair, with every article of every pair in one collection
    (as on a site: what is common among them is boilerplate)."""
    from rekomendasi import samestory, tokenize

    texts, index = [], {}
    for a, b, _, _ in pairs:
        for t in (a, b):
            if t not in index:
                index[t] = len(texts)
                texts.append(t)
    terms = [tokenize.terms(t) for t in texts]
    same = samestory.find([t.shingles for t in terms], threshold, [t.lead for t in terms])
    return [index[b] in same.get(index[a], {}) for a, b, _, _ in pairs]


def score(labelled: dict, threshold: float) -> dict:
    pairs = labelled["pairs"]
    said = decisions(pairs, threshold)
    truth = [p[2] for p in pairs]
    hits = sum(1 for s, t in zip(said, truth, strict=True) if s and t)
    flagged, positives = sum(said), sum(truth)
    kinds: dict[str, list[int]] = {}
    for (_, _, same, kind), s in zip(pairs, said, strict=True):
        row = kinds.setdefault(kind, [0, 0])
        row[0] += 1
        row[1] += int(s == same)
    return {"pairs": len(pairs), "same_pairs": positives, "different_pairs": len(pairs) - positives,
            "skipped": labelled["skipped"], "threshold": threshold,
            "precision": round(hits / flagged, 4) if flagged else 1.0,
            "recall": round(hits / positives, 4) if positives else 1.0,
            "false_positive_rate": round((flagged - hits) / max(len(pairs) - positives, 1), 4),
            "correct_by_kind": {k: f"{v[1]}/{v[0]}" for k, v in sorted(kinds.items())}}


# --- making the file --------------------------------------------------------------

def make(path: Path = PAIRS, per_kind: int = 40, seed: int = 15) -> None:
    """Write the labelled pairs (run once; the file is committed)."""
    rng = random.Random(seed)
    pairs = [{"a": {"site": WIFI[0]}, "b": {"site": WIFI[1]}, "same": True, "kind": "reworded release (site)"}]
    slugs = site_slugs()
    records = {s: site_article(s) for s in slugs}
    for n, slug in enumerate(slugs):
        for kind in ("reword", "correction", "shortened"):
            pairs.append({"a": {"site": slug}, "b": {"derive": kind, "of": {"site": slug}, "seed": n},
                          "same": True, "kind": f"{kind} (site)"})
        same_rubrik = [s for s in slugs if s != slug and records[s]["rubrik"] == records[slug]["rubrik"]]
        if same_rubrik:
            other = same_rubrik[n % len(same_rubrik)]
            follow = {"derive": "follow-up", "of": {"site": slug}, "seed": n, "with": {"site": other}}
            pairs.append({"a": {"site": slug}, "b": follow, "same": True, "kind": "follow-up (site)"})
    for a_n, a in enumerate(slugs):
        for b in slugs[a_n + 1:]:
            if records[a]["rubrik"] == records[b]["rubrik"] and {a, b} != set(WIFI):
                pairs.append({"a": {"site": a}, "b": {"site": b}, "same": False,
                              "kind": "different, same rubrik (site)"})
    pairs += _indosum_pairs(rng, per_kind)
    path.write_text(json.dumps({"about": __doc__.split("\n\n")[0], "pairs": pairs}, indent=1, ensure_ascii=False)
                    + "\n", encoding="utf-8")


def _indosum_pairs(rng: random.Random, per_kind: int) -> list[dict]:
    import numpy as np
    from rekomendasi import tokenize
    from rekomendasi.config import RekomendasiConfig
    from rekomendasi.engine import bm25f

    from portal.bench_related import date_of, read_corpus

    records = [r for r in read_corpus(INDOSUM) if len(r.get("paragraphs") or ()) >= 3]
    chosen = rng.sample(records, per_kind * 5)
    out = []
    for n, r in enumerate(chosen[: per_kind * 4]):
        kind = ("reword", "correction", "shortened", "follow-up")[n % 4]
        ref = {"derive": kind, "of": {"indosum": r["id"]}, "seed": n}
        if kind == "follow-up":
            other = next(o for o in chosen[per_kind * 4:][n % per_kind:] + records if o["category"] == r["category"]
                         and o["id"] != r["id"])
            ref["with"] = {"indosum": other["id"]}
        out.append({"a": {"indosum": r["id"]}, "b": ref, "same": True, "kind": f"{kind} (indosum)"})
    # different stories of one topic: the most similar same-category article at least three days apart
    sample = chosen[per_kind * 4:] + rng.sample(records, per_kind * 3)
    terms = [tokenize.terms(text_of({"title": r["title_from_slug"], "paragraphs": r["paragraphs"]})) for r in records]
    vectors, _ = bm25f(terms, RekomendasiConfig())
    number = {r["id"]: k for k, r in enumerate(records)}
    days = np.array([date_of(r).timestamp() / 86400 for r in records])
    category = np.array([r["category"] for r in records])
    seen = set()
    for r in sample:
        i = number[r["id"]]
        sims = (vectors @ vectors[i].T).toarray().ravel()
        sims[(category != r["category"]) | (np.abs(days - days[i]) < 3)] = -1
        sims[i] = -1
        j = int(sims.argmax())
        if (min(i, j), max(i, j)) in seen:
            continue
        seen.add((min(i, j), max(i, j)))
        out.append({"a": {"indosum": r["id"]}, "b": {"indosum": records[j]["id"]}, "same": False,
                    "kind": "different, same category, nearest (indosum)"})
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["make"]:
        make()
    else:
        from rekomendasi.config import RekomendasiConfig

        print(json.dumps(score(load(), RekomendasiConfig().same_story), indent=1))
