"""`invoke bench`: the synthetic corpus is deterministic and valid, and the tool runs end to end."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from portal import synthetic
from portal.bench_stages import CHAIN, grouped
from portal.check import check_content

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        synthetic.write_portal(synthetic.make_stories(60, seed), tmp_path / name)
    a, b, c = (_files(tmp_path / n) for n in "abc")
    assert a == b
    assert any(name.endswith(".jpg") for name in a)
    assert a["articles/artikel-00000.md"] != c["articles/artikel-00000.md"]


def test_synthetic_corpus_has_what_the_issue_asks_and_passes_the_content_check(tmp_path):
    stories = synthetic.make_stories(60)
    content = tmp_path / "content"
    synthetic.write_portal(stories, content)

    people = tomllib.loads((content / "people.toml").read_text(encoding="utf-8"))["person"]
    assert sum("penulis" in p["roles"] for p in people) == 30
    assert sum(p["roles"] == ["editor"] for p in people) == 8
    assert len(set(synthetic.all_tags())) == 200
    assert {s.rubrik for s in stories} <= set(synthetic.RUBRIK)
    marked = [s for s in stories if len(s.parts) > 1]
    assert marked and synthetic.MARKER in (content / "articles" / f"{marked[0].slug}.md").read_text(encoding="utf-8")
    assert any(len(s.body.split()) > 700 and len(s.parts) == 1 for s in stories)  # over halaman's auto threshold
    photo = next(s for s in stories if s.photo)
    with Image.open(content / photo.photo) as image:
        assert (image.format, image.size) == ("JPEG", synthetic.PHOTO_SIZE)

    errors, _ = check_content(ROOT / "pelicanconf.py", {**synthetic.portal_overrides(), "PATH": str(content),
                                                          "CACHE_PATH": str(tmp_path / "cache")})
    assert errors == []


def test_grouped_stages_sum_the_fine_ones():
    fine = {name: 1.0 for _, name, _ in CHAIN} | {"rekomendasi": 0.5}
    groups = grouped(fine)
    assert groups["rekomendasi"] == 0.5
    assert sum(groups.values()) == pytest.approx(sum(fine.values()))


def test_invoke_bench_end_to_end_at_a_tiny_size(tmp_path):
    out = tmp_path / "report" / "bench"
    done = subprocess.run([sys.executable, "-m", "invoke", "bench", "--count", "30", "--repeats", "1",
                           "--out", str(out), "--work", str(tmp_path / "work")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "| articles | portal cold |" in done.stdout  # the summary table is printed

    report = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert {"cores", "ram_gib", "cpu", "python", "pelican"} <= set(report["machine"])
    assert report["hugo"] is None or "hugo" in report["hugo"].lower()
    (row,) = report["results"]
    assert row["corpus"]["articles"] == 30
    portal, stock = row["cold"]["portal"]["median"], row["cold"]["stock"]["median"]
    assert portal["wall"] > 0 and portal["cpu"] > 0 and stock["wall"] > 0
    assert portal["pages"] > 30 and stock["pages"] > 30
    assert portal["peak_build_mib"] > 20
    assert "pagefind" in portal["peak_children_mib"]  # every child's memory, the search indexer's too
    for stage in ("read", "page data", "render and write", "split pages", "search index", "rekomendasi"):
        assert stage in portal["stages"]
    run = row["cold"]["portal"]["runs"][0]
    # The stages cover the build without gaps or overlaps.
    assert sum(run["stages"].values()) == pytest.approx(run["build_seconds"], abs=0.01)
    assert set(row["ratios"]) >= {"portal/stock wall", "portal/stock cpu"}
    for name in ("unchanged", "one_edit"):
        assert row[name]["ratio_of_cold"] > 0

    # The edited article was rebuilt with the new sentence; the corpus got its text back.
    sentence = row["one_edit"]["sentence"]
    output = tmp_path / "work" / "n30" / "portal" / "output"
    assert any(sentence in p.read_text(encoding="utf-8") for p in output.glob("berita/*/*/*/*/index.html"))
    source = tmp_path / "work" / "n30" / "portal" / "content" / row["one_edit"]["article"]
    assert "Kalimat tambahan" not in source.read_text(encoding="utf-8")

    text = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| stage | portal | stock Pelican | includes |" in text and "Hugo" in text
