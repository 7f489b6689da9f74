"""The Rekomendasi benchmarks on a small labelled corpus: the real build, the figures, the ceiling."""

from __future__ import annotations

import json
import random

import pytest

from portal.bench_related import quality, write_content
from portal.label_ceiling import ceiling

TOPICS = {
    "topik-bola": ["sepak", "bola", "gol", "pelatih", "pemain", "liga", "stadion", "wasit", "penalti", "klub",
                   "suporter", "kiper", "striker", "turnamen", "juara"],
    "topik-tani": ["padi", "petani", "sawah", "pupuk", "panen", "irigasi", "benih", "gabah", "bendungan",
                   "hama", "traktor", "lumbung", "jagung", "kedelai", "penyuluh"],
}
SHARED = ["warga", "hari", "kabar", "tahun", "ketua", "rapat", "desa", "kota"]
SOURCES = ("sumber satu", "sumber dua")


def _corpus(per_topic: int = 8) -> list[dict]:
    rng = random.Random(11)
    records = []
    for label, vocabulary in TOPICS.items():
        for number in range(per_topic):
            words = rng.sample(vocabulary, 6) + SHARED  # each article its own part of the topic
            paragraphs = [" ".join(rng.choice(words) for _ in range(30)) for _ in range(3)]
            records.append({"id": f"{1480000000 + 86400 * len(records)}-{number}",
                            "title_from_slug": " ".join(rng.sample(vocabulary, 4)),
                            "paragraphs": paragraphs, "source": SOURCES[number % 2], "category": label})
    return records


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("korpus") / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _corpus()), encoding="utf-8")
    return path


def test_content_is_written_without_the_label(tmp_path):
    write_content(_corpus(), tmp_path / "content")
    texts = [f.read_text(encoding="utf-8") for f in (tmp_path / "content" / "articles").glob("*.md")]
    assert len(texts) == 16
    assert not [t for t in texts if "topik-" in t or "Tags:" in t]


def test_quality_scores_the_built_lists_against_the_withheld_labels(corpus_file, tmp_path):
    result = quality(str(corpus_file), "category", str(tmp_path / "hasil.json"))
    assert result["n_articles"] == 16
    # the two topics share no content word: every list stays inside its topic,
    # and a topic has 7 other articles, so three of ten places stay empty (misses)
    assert result["p_at_1"] == result["p_at_5"] == result["p_at_5_cross_source"] == 1.0
    assert result["p_at_10"] <= 0.7
    assert result["random_p_at_5"] == round(7 / 15, 4)
    # every article is among its seven topic-mates' top five, and none in more than seven lists
    assert result["coverage_at_5"] == 1.0 and 5 <= result["max_appearances_at_5"] <= 7
    assert result["engine_seconds"] > 0
    written = json.loads((tmp_path / "hasil.json").read_text(encoding="utf-8"))
    assert {"n_articles", "p_at_1", "p_at_5", "p_at_10", "p_at_5_cross_source", "random_p_at_5", "coverage_at_5",
            "max_lists_at_5", "engine_seconds", "build_seconds", "same_story"} <= written.keys()
    story = written["same_story"]
    assert story["pairs"] + story["skipped"] > 500 and 0 <= story["precision"] <= 1 and 0 <= story["recall"] <= 1


def test_the_in_process_benchmark_and_the_real_build_agree(corpus_file):
    """One engine: engine.run on the records gives the figures the built HTML gives."""
    from portal.bench_related import evaluate, read_corpus

    built = quality(str(corpus_file), "category")
    direct = evaluate(read_corpus(corpus_file), "category")
    for key in ("p_at_1", "p_at_5", "p_at_10", "coverage_at_5", "max_lists_at_5", "mean_list_length"):
        assert direct[key] == built[key], key


def test_a_label_field_may_hold_a_list_and_any_overlap_counts():
    from portal.bench_related import metrics

    labels = [frozenset({"a", "b"}), frozenset({"b"}), frozenset({"c"}), frozenset({"a"})]
    found = metrics(labels, [[1, 2], [0], [3], [2, 0]])
    assert found["p_at_1"] == (1 + 1 + 0 + 0) / 4
    assert found["coverage_at_5"] == 1.0 and found["max_lists_at_5"] == 2


def test_ceiling_separates_topics_that_share_no_word(corpus_file):
    result = ceiling(str(corpus_file), "category")
    assert result["n_articles"] == 16 and result["classes"] == 2
    assert result["accuracy"] == 1.0 and result["majority_share"] == 0.5 and result["converged"]


def test_ceiling_refuses_articles_with_several_labels(tmp_path):
    records = _corpus(3)
    records[0]["category"] = ["topik-bola", "topik-tani"]
    path = tmp_path / "banyak.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(ValueError, match="exactly one 'category'"):
        ceiling(str(path), "category")


def test_scale_times_the_engine_in_fresh_processes(corpus_file):
    from portal.bench_related import scale

    rows = scale(str(corpus_file), [40, 80], repeats=1)
    assert [r["n"] for r in rows] == [40, 80]
    for row in rows:
        assert row["engine_seconds"] > 0 and row["peak_mb"] >= 0 and row["nnz"] > 0
        parts = row["tokenise"] + row["index"] + row["same_story"] + row["rank"] + row["place"]
        assert 0 < parts <= row["engine_seconds"] + 0.003  # the parts (rounded to 1 ms) are inside the whole
    assert rows[0]["time_ratio"] == 1.0 and rows[1]["n_log_n_ratio"] > 2


@pytest.mark.site
def test_held_back_records_dates_and_label_lists_go_through(tmp_path):
    """Records as the held-back corpus has them: ``title``, ``date`` (any ISO form), a label list."""
    from portal.bench_related import date_of, evaluate

    records = _corpus(4)
    for n, record in enumerate(records):
        record["title"] = record.pop("title_from_slug")
        record["date"] = ("2025-03-04", "2025-03-04T10:00:00+08:00", "2025-03-04 10:00", "2025-03-04T02:00:00Z")[n % 4]
        record["topics"] = [record["category"], "umum"] if n % 3 == 0 else record["category"]
    assert date_of(records[1]).isoformat() == "2025-03-04T10:00:00"
    assert date_of({"id": "x", "date": "bukan tanggal"}).year == 2025
    found = evaluate(records, "topics")
    assert found["n_articles"] == 8 and 0 < found["p_at_5"] <= 1
    path = tmp_path / "held.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    built = quality(str(path), "topics")
    assert built["p_at_5"] == found["p_at_5"]
