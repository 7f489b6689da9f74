"""plugins/rekomendasi: who is recommended, in which order, where the
"Baca juga" links go, and that a rebuild re-tokenises only what changed."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from bs4 import BeautifulSoup
from newsroom.body import read, render
from rekomendasi import placement  # noqa: E402
from rekomendasi.config import RekomendasiConfig, RekomendasiSettingsError  # noqa: E402
from rekomendasi.engine import Doc, Model, rank, run  # noqa: E402
from rekomendasi.plugin import CONTEXT_KEY  # noqa: E402
from rekomendasi.tokenize import ArticleText  # noqa: E402

# Three stories about one matter (MPP weekend service), written differently.
MPP = [
    """Mal Pelayanan Publik Praya membuka layanan hari Sabtu selama Desember. Gerai kependudukan,
    pajak kendaraan, perizinan berusaha dan imigrasi melayani warga dengan antrean daring.""",
    """Antrean daring Mal Pelayanan Publik Praya kini dibuka untuk layanan Sabtu. Warga memesan nomor
    gerai kependudukan dan pajak kendaraan dari rumah sebelum datang ke mal pelayanan.""",
    """Pengunjung Mal Pelayanan Publik Praya melonjak menjelang akhir tahun. Gerai perizinan, imigrasi
    dan kependudukan menambah petugas, antrean daring dianjurkan bagi warga yang datang Sabtu.""",
]
FARMING = """Petani tembakau di Janapria memanen daun lebih awal karena kemarau panjang. Harga tembakau
kering di gudang pembeli turun, sementara pupuk bersubsidi masih sulit didapat kelompok tani."""


def url_of(slug: str, date: str = "2026-08-30") -> str:
    return f"/berita/{date.replace('-', '/')}/{slug}/"


def rekomendasi_links(site, url: str) -> list[str]:
    section = site.soup(url).select_one("section#rekomendasi")
    return [a["href"] for a in section.select(".card-title a")] if section else []


def slugs(hrefs: list[str]) -> list[str]:
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def test_never_itself_a_draft_a_hidden_or_a_future_article(content, build):
    content.article("mpp-sabtu", MPP[0])
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00")
    content.article("mpp-draf", MPP[2], Status="draft")
    content.article("mpp-tersembunyi", MPP[2] + " Catatan redaksi.", Status="hidden")
    content.article("mpp-besok", MPP[2] + " Jadwal lanjutan.", Date="2099-01-01 08:00")
    content.article("tembakau", FARMING)
    site = build(content)

    assert slugs(rekomendasi_links(site, url_of("mpp-sabtu"))) == ["mpp-antrean"]
    # A hidden article is written and gets recommendations, but is never one.
    assert sorted(slugs(rekomendasi_links(site, url_of("mpp-tersembunyi")))) == ["mpp-antrean", "mpp-sabtu"]
    assert not site.exists(url_of("mpp-besok", "2099-01-01"))
    # Nothing shares enough with the farming story: no block rather than unrelated links.
    assert site.soup(url_of("tembakau")).select_one("section#rekomendasi") is None


def test_block_shows_heading_thumbnail_title_and_date_in_rank_order(content, build):
    content.article("mpp-sabtu", MPP[0])
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00", Image="images/foto/contoh.jpg",
                    Image_caption="Antrean di MPP.", Image_credit="DISKOMINFO LOTENG/SINTO")
    content.article("mpp-ramai", MPP[2], Date="2026-08-28 09:00")
    site = build(content)
    page = site.soup(url_of("mpp-sabtu"))
    section = page.select_one("section#rekomendasi")
    heading = page.find(id=section["aria-labelledby"])
    assert heading.get_text(strip=True) == "Rekomendasi untuk Anda"
    items = section.select("li")
    assert [slugs([li.select_one(".card-title a")["href"]])[0] for li in items] == [
        r.article.slug for r in site.result.articles["mpp-sabtu"].rekomendasi]
    with_photo = next(li for li in items if "mpp-antrean" in li.select_one(".card-title a")["href"])
    image = with_photo.select_one("img")
    assert image["loading"] == "lazy" and image["width"] and image["height"] and image.has_attr("alt")
    assert with_photo.select_one("time")["datetime"].startswith("2026-08-29T09:00")
    assert with_photo.select_one("time").get_text() == "29/08/2026"


def test_editor_pins_come_first_in_their_order(content, build):
    content.article("mpp-sabtu", MPP[0], Related="tembakau, mpp-ramai")
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00")
    content.article("mpp-ramai", MPP[2], Date="2026-08-28 09:00")
    content.article("tembakau", FARMING)
    site = build(content)
    assert slugs(rekomendasi_links(site, url_of("mpp-sabtu"))) == ["tembakau", "mpp-ramai", "mpp-antrean"]
    pins = [r.pinned for r in site.result.articles["mpp-sabtu"].rekomendasi]
    assert pins == [True, True, False]


def test_a_republished_press_release_is_suppressed(content, build):
    content.article("rilis-mpp", MPP[0] + "\n\n" + MPP[2])
    content.article("rilis-mpp-ulang", MPP[0] + "\n\n" + MPP[2] + " (rilis)", Date="2026-08-30 16:00")
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00")
    site = build(content)
    # Not the copy of itself ...
    assert slugs(rekomendasi_links(site, url_of("rilis-mpp"))) == ["mpp-antrean"]
    # ... and, elsewhere, only one of the two copies.
    shown = slugs(rekomendasi_links(site, url_of("mpp-antrean", "2026-08-29")))
    assert len(shown) == 1 and shown[0] in {"rilis-mpp", "rilis-mpp-ulang"}


def test_minimum_score_gives_fewer_items_not_unrelated_ones(content, build):
    content.article("mpp-sabtu", MPP[0])
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00")
    content.article("mpp-ramai", MPP[2], Date="2026-08-28 09:00")
    content.article("tembakau", FARMING)
    site = build(content)
    assert len(rekomendasi_links(site, url_of("mpp-sabtu"))) == 2
    scores = [r.score for r in site.result.articles["mpp-sabtu"].rekomendasi]
    site = build(content, REKOMENDASI_MIN_SCORE=(scores[0] + scores[1]) / 2, REKOMENDASI_TAG_WEIGHT=0.0)
    assert len(rekomendasi_links(site, url_of("mpp-sabtu"))) == 1


def _model(scores: list[float]) -> Model:
    """A hand-made model: article 0's word cosine to article k is scores[k - 1] (2-D unit vectors)."""
    angles = [0.0] + [float(np.arccos(c)) for c in scores]
    rows = np.array([[np.cos(a), np.sin(a)] for a in angles]).reshape(-1, 2)
    vectors = sp.csr_matrix(rows)
    return Model(vectors, ["x", "y"], None, vectors, vectors)


def test_order_is_score_then_newer_date_then_slug():
    cfg = RekomendasiConfig.from_settings({"REKOMENDASI_RECENCY_WEIGHT": 0.0, "REKOMENDASI_MIN_SCORE": 0.0})
    day = 86400.0
    docs = [Doc("a", 10 * day, frozenset(), "R", (), True),
            Doc("zeta", 5 * day, frozenset(), "R", (), True),   # same score, newer
            Doc("beta", 3 * day, frozenset(), "R", (), True),   # same score, older, slug b
            Doc("alfa", 3 * day, frozenset(), "R", (), True),   # same score and date, slug a
            Doc("best", 1 * day, frozenset(), "R", (), True)]   # highest score, oldest
    picks = rank(docs, _model([0.5, 0.5, 0.5, 0.7]), {}, cfg, 6)[0][0]
    assert [docs[p.index].slug for p in picks] == ["best", "zeta", "alfa", "beta"]
    assert rank(list(docs), _model([0.5, 0.5, 0.5, 0.7]), {}, cfg, 6)[0][0] == picks


def test_unpublished_candidates_are_skipped_by_the_ranking_too():
    cfg = RekomendasiConfig.from_settings({})
    docs = [Doc("a", 0.0, frozenset(), "R", ("hidden",), True), Doc("hidden", 0.0, frozenset(), "R", (), False),
            Doc("shown", 0.0, frozenset(), "R", (), True)]
    picks = rank(docs, _model([0.9, 0.4]), {}, cfg, 6)[0][0]
    assert [docs[p.index].slug for p in picks] == ["shown"]


def test_ranking_in_blocks_of_rows_gives_the_whole_sites_lists():
    """The ranking scores a block of rows at a time to bound its memory; a row's list must not depend on which
    block it falls in, its pins, same-story drops and hidden articles included."""
    from rekomendasi.engine import fit

    rng = np.random.default_rng(3)
    topics = [[f"kata{t}x{k}" for k in range(30)] for t in range(6)]  # six topics of their own words
    texts = [ArticleText(*(" ".join(rng.choice(topics[n % 6], size)) for size in (4, 6, 12, 30))) for n in range(60)]
    from rekomendasi import tokenize

    terms = tokenize.terms_of_many(texts, False)
    docs = [Doc(f"s{n:02d}", 86400.0 * int(rng.integers(0, 400)), frozenset(rng.choice(["a", "b", "c", "d"], 2)),
                "R" if n % 3 else "S", (f"s{(n * 7) % 60:02d}", "nope") if n % 9 == 0 else (), n % 13 != 5)
            for n in range(60)]
    cfg = RekomendasiConfig.from_settings({"REKOMENDASI_CANDIDATES": 10, "REKOMENDASI_TOPIC_DIMENSIONS": 4,
                                      "REKOMENDASI_MIN_SCORE": 0.0})
    model = fit(terms, cfg, [d.searchable for d in docs])
    same = {1: {2: 0.9}, 2: {1: 0.9}, 10: {11: 0.5}, 11: {10: 0.5}}
    whole = rank(docs, model, same, cfg, 6, block=len(docs))
    assert sum(len(p) for p in whole[0]) > 200 and any(p.pinned for row in whole[0] for p in row)
    for block in (1, 7, 59):
        assert rank(docs, model, same, cfg, 6, block=block) == whole


def test_bad_settings_stop_the_build_early():
    with pytest.raises(RekomendasiSettingsError):
        RekomendasiConfig.from_settings({"REKOMENDASI_RECENCY_WEIGHT": 2})
    with pytest.raises(RekomendasiSettingsError):
        RekomendasiConfig.from_settings({"REKOMENDASI_BACA_JUGA_AFTER": (0, 3)})


BODY = """
<p>Satu.</p>
<ul><li><p>Butir.</p></li><li>Butir dua.</li></ul>
<p>Dua.</p>
<blockquote><p>Kutipan.</p><p>Kutipan dua.</p></blockquote>
<p>Tiga.</p>
<p>Empat.</p>
<table><tr><td><p>Sel.</p></td></tr></table>
<p>Lima.</p>
<p>Enam.</p>
"""


def test_baca_juga_goes_only_between_top_level_paragraphs():
    links = [placement.baca_juga_html("Baca juga", f"/berita/{n}/", f"Judul {n}") for n in (1, 2)]
    out = BeautifulSoup(render(placement.insert_links(read(BODY), links, (1, 4))), "html.parser")
    top = [node for node in out.contents if getattr(node, "name", None)]
    found = [n for n, node in enumerate(top) if "baca-juga" in (node.get("class") or [])]
    assert len(found) == 2
    for n in found:
        assert 0 < n < len(top) - 1
        assert top[n - 1].name == "p" and top[n + 1].name == "p"
        assert "baca-juga" not in (top[n - 1].get("class") or []) + (top[n + 1].get("class") or [])
    assert [top[n].a["href"] for n in found] == ["/berita/1/", "/berita/2/"]
    assert [top[n - 1].get_text() for n in found] == ["Tiga.", "Lima."]
    assert not out.select("ul .baca-juga, blockquote .baca-juga, table .baca-juga")


def test_baca_juga_needs_a_gap_and_escapes_the_title():
    link = placement.baca_juga_html("Baca juga", "/berita/x/", "Sabtu & Minggu <buka>")
    assert "Sabtu &amp; Minggu &lt;buka&gt;" in link
    assert render(placement.insert_links(read("<p>Hanya satu.</p>"), [link], (1,))) == "<p>Hanya satu.</p>"
    once = render(placement.insert_links(read("<p>A</p><p>B</p>"), [link, link], (1, 1)))
    assert once.count("baca-juga") == 1


def test_baca_juga_in_a_built_article(content, build):
    body = "\n\n".join([MPP[0], "- butir satu\n- butir dua", MPP[1], "> kutipan warga", MPP[2],
                        "Paragraf penutup tentang layanan.", "Paragraf terakhir."])
    content.article("mpp-panjang", body)
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00")
    content.article("mpp-ramai", MPP[2], Date="2026-08-28 09:00")
    site = build(content)
    article_body = site.soup(url_of("mpp-panjang")).select_one(".article-body")
    links = article_body.select("p.baca-juga")
    assert 1 <= len(links) <= 2
    assert len({p.a["href"] for p in links}) == len(links)
    for p in links:
        assert p.parent is article_body
        assert p.get_text().startswith("Baca juga: ")
        assert p.has_attr("data-pagefind-ignore")  # another article's title is not this one's search text
        assert p.find_previous_sibling() is not None and p.find_previous_sibling().name == "p"
        assert site.exists(p.a["href"])


def test_terkini_lists_the_latest_others(content, build):
    for day in range(1, 8):
        content.article(f"berita-{day}", f"Kabar nomor {day} dari desa.", Date=f"2026-08-0{day} 08:00")
    site = build(content, REKOMENDASI_TERKINI_COUNT=3)
    sidebar = site.soup(url_of("berita-7", "2026-08-07")).select_one("section.terkini")
    assert sidebar.h2.get_text() == "Berita Terkini"
    assert slugs([a["href"] for a in sidebar.select("a")]) == ["berita-6", "berita-5", "berita-4"]
    other = site.soup(url_of("berita-2", "2026-08-02")).select_one("section.terkini")
    assert slugs([a["href"] for a in other.select("a")]) == ["berita-7", "berita-6", "berita-5"]


def test_rebuild_after_one_edit_tokenises_one_article(content, build, tmp_path):
    for n, text in enumerate(MPP):
        content.article(f"mpp-{n}", text)
    content.article("tembakau", FARMING)
    site = build(content)
    assert site.result.context[CONTEXT_KEY].tokenised == 4
    site = build(content, output=tmp_path / "again")
    assert site.result.context[CONTEXT_KEY].tokenised == 0
    content.article("mpp-1", MPP[1] + " Ditambah satu kalimat.")
    site = build(content, output=tmp_path / "edited")
    assert site.result.context[CONTEXT_KEY].tokenised == 1
    assert rekomendasi_links(site, url_of("mpp-1"))


def test_a_damaged_or_foreign_cache_file_only_costs_a_full_tokenising(content, build, tmp_path):
    from rekomendasi.cache import FILE_NAME

    for n, text in enumerate(MPP):
        content.article(f"mpp-{n}", text)
    build(content)
    cache_file = tmp_path / "cache" / FILE_NAME
    good = cache_file.read_bytes()
    for number, damaged in enumerate((good[:100], good[:-40] + bytes(40))):  # cut short; zeros written over
        cache_file.write_bytes(damaged)
        site = build(content, output=tmp_path / f"damaged-{number}")
        assert site.result.context[CONTEXT_KEY].tokenised == 3 and rekomendasi_links(site, url_of("mpp-1"))
    site = build(content, output=tmp_path / "repaired")
    assert site.result.context[CONTEXT_KEY].tokenised == 0  # the damaged file was replaced by a good one
    assert cache_file.read_bytes() == good
    cache_file.write_bytes(good.replace(b"rekomendasi-terms 6\n", b"rekomendasi-terms 5\n", 1))  # an older version
    site = build(content, output=tmp_path / "foreign")
    assert site.result.context[CONTEXT_KEY].tokenised == 3


def test_explain_reports_scores_and_reasons(content, build):
    from rekomendasi import tokenize
    from rekomendasi.explain import report

    content.article("mpp-sabtu", MPP[0], Tags="mpp, antrean daring", Related="tembakau")
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00", Tags="mpp")
    content.article("tembakau", FARMING, Category="Desa Digital")
    plain = build(content)  # a build that does not explain lets go of the vectors and the word numbering
    assert plain.result.articles["mpp-sabtu"].rekomendasi[1].shared_terms == []
    assert tokenize.words_by_number() == []
    site = build(content, output=content.root.parent / "explained", REKOMENDASI_EXPLAIN=True)
    text = report(site.result.articles["mpp-sabtu"], site.result.articles["mpp-sabtu"].rekomendasi)
    assert "1. tembakau" in text and "dipasang editor (Terkait)" in text
    assert "2. mpp-antrean" in text and "tag sama: mpp" in text and "rubrik sama" in text
    shared = site.result.articles["mpp-sabtu"].rekomendasi[1].shared_terms
    assert shared and all(word in text for word, _ in shared)  # the shared words are named
    assert {word for word, _ in shared} <= {"mal", "pelayanan", "publik", "gerai", "kependudukan", "pajak",
                                             "kendaraan", "warga", "antrean", "daring", "layanan", "sabtu", "mpp"}
    assert "faktor kebaruan" in text


def test_sample_site_blocks_exist_and_every_link_resolves(sample_site):
    articles = sorted((sample_site.output / "berita").glob("*/*/*/*/index.html"))
    with_block = with_baca_juga = 0
    for path in articles:
        url = sample_site.url_of(path)
        whole = url + "semua/"  # a split article shows its blocks on the last page and here
        page = sample_site.soup(whole if sample_site.exists(whole) else url)
        section = page.select_one("section#rekomendasi")
        if section is not None:
            with_block += 1
            hrefs = [a["href"] for a in section.select(".card-title a")]
            assert 1 <= len(hrefs) <= 6 and len(set(hrefs)) == len(hrefs)
            assert url not in hrefs
            assert all(sample_site.exists(h) for h in hrefs), hrefs
        for p in page.select(".article-body p.baca-juga"):
            with_baca_juga += 1
            assert p.parent.get("class") == ["article-body"]
            assert sample_site.exists(p.a["href"]) and p.a["href"] != url
        terkini = page.select_one("section.terkini")
        assert terkini is not None and all(sample_site.exists(a["href"]) for a in terkini.select("a"))
    assert with_block >= len(articles) * 3 // 4
    assert with_baca_juga >= len(articles) // 2


def test_tokens_skip_stopwords_numbers_dateline_and_baca_juga():
    from rekomendasi import tokenize

    # The dateline and the "Baca juga" line are edits and inserts of the Body, not its text.
    body = read("<p>Pemkab Lombok Tengah dan warga membahas 2026 e-KTP.</p><p>Lain.</p>").with_dateline("PRAYA")
    body = placement.insert_links(body, [placement.baca_juga_html("Baca juga", "/x/", "Judul lain")], (1,))
    assert 'class="dateline">PRAYA</span>' in render(body) and "Judul lain" in render(body)
    terms = tokenize.terms(ArticleText("Warga dan e-KTP", "", "", body.text))
    assert terms.fields == ({"warga": 1, "e-ktp": 1}, {}, {}, {"warga": 1, "membahas": 1, "e-ktp": 1})
    assert tokenize.terms(ArticleText("", "", "", "Pelayanan dan melayani"), stem=True).fields[3] == {"layan": 2}


def test_a_one_article_site_ranks_to_an_empty_list():
    docs = [Doc("sendiri", 0.0, frozenset({"t"}), "R", ("sendiri",), True)]
    assert run(docs, [ArticleText("Judul", "", MPP[0], "")], {}).picks == [[]]
    assert run([], [], {}).picks == []


def test_an_article_without_words_is_cached_too(tmp_path):
    from rekomendasi.cache import TermCache

    texts = [ArticleText("2026", "", "Dan yang 17.", ""), ArticleText("Pupuk subsidi", "", "Petani menebus pupuk.", "")]
    first = TermCache(tmp_path)
    found = first.terms_of_all(texts, False)
    assert [t.fields for t in found] == [({}, {}, {}, {}), ({"pupuk": 1, "subsidi": 1}, {}, {"petani": 1, "menebus": 1,
                                                                                             "pupuk": 1}, {})]
    first.save()
    again = TermCache(tmp_path)
    cached = again.terms_of_all(texts, False)
    assert [(t.fields, t.shingles.tolist(), t.lead.tolist()) for t in cached] == [
        (t.fields, t.shingles.tolist(), t.lead.tolist()) for t in found]
    assert again.tokenised == 0


def _term_file(words, entries: dict, header: dict | None = None, lengths=None) -> bytes:
    """A term cache file of format 6 with these WORDS and ENTRIES (key -> [ids, counts, ends,
    shingles, leads]), well formed whatever the values say; HEADER overrides header fields,
    LENGTHS the entries' recorded lengths."""
    import hashlib
    import json

    from rekomendasi.cache import FORMAT

    parts, given_lengths = list(entries.values()), lengths
    lengths = np.array([(len(e[0]), len(e[3]), len(e[4])) for e in parts], dtype="<u4").reshape(-1, 3)
    head = {"words": words.split(" ") if isinstance(words, str) else words, "keys": "".join(entries),
            "entries": len(parts), "ids": int(lengths[:, 0].sum()),
            "shingles": int(lengths[:, 1].sum()), "leads": int(lengths[:, 2].sum()), **(header or {})}
    lengths = lengths if given_lengths is None else np.array(given_lengths, dtype="<u4")
    head_bytes = json.dumps(head).encode()

    def joined(column, dtype):
        return np.concatenate([np.array(e[column], dtype=dtype) for e in parts] or [np.zeros(0, dtype)]).tobytes()

    payload = b"".join([len(head_bytes).to_bytes(8, "little"), head_bytes, lengths.tobytes(),
                        np.array([e[2] for e in parts], dtype="<u4").tobytes(), joined(0, "<u4"), joined(1, "<i4"),
                        joined(3, "<u8"), joined(4, "<u8")])
    return FORMAT + hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("stem", [False, True])
def test_the_term_cache_gives_back_exactly_what_the_tokeniser_gave(stem):
    """Every array and type, for texts with quotes, &, <, emoji, accents (Sastrawi stems "naïve" to
    "na ve": a word with a space) and none at all."""
    from rekomendasi import cache, tokenize

    texts = [ArticleText("Kafe naïve di Bali & <Lombok> \"Praya\" 🙂", "Sorotan straße",
                         "Presiden meresmikan jembatan.", "Warga menyambut peresmian jembatan gantung di desa itu."),
             ArticleText("", "", "", ""), ArticleText("2026", "", "Dan yang 17.", ""),
             ArticleText("Jembatan baru", "", "Presiden meresmikan jembatan baru.", "Pelayanan " * 50)]
    made = tokenize.terms_of_many(texts, stem)
    keys = [f"{n:064x}" for n in range(len(made))]
    back = cache.decode(b"".join(cache.encode(dict(zip(keys, made, strict=True)))))
    assert list(back) == keys
    for original, read_back in zip(made, back.values(), strict=True):
        assert read_back.fields == original.fields and read_back.ends == original.ends
        for name in ("ids", "counts", "shingles", "lead"):
            a, b = getattr(original, name), getattr(read_back, name)
            assert a.dtype == b.dtype and a.tolist() == b.tolist(), name


def test_after_the_numbering_is_forgotten_the_same_text_and_the_cache_give_the_same_terms():
    """The build lets go of the word numbering once Rekomendasi is placed; the next build in the same
    process (make serve) numbers anew, from the texts and from the cache file written before."""
    from rekomendasi import cache, tokenize

    texts = [ArticleText("Jembatan gantung \"Praya\" & <desa> 🙂", "Sorotan", "Presiden meresmikan jembatan gantung.",
                         "Warga menyambut peresmian jembatan gantung di desa itu bersama bupati."),
             ArticleText("Pupuk subsidi", "", "Petani menebus pupuk subsidi di kios.", "Kios resmi melayani petani.")]
    made = tokenize.terms_of_many(texts, False)
    before = [(t.fields, t.shingles.tolist(), t.lead.tolist()) for t in made]
    payload = b"".join(cache.encode({f"{n:064x}": t for n, t in enumerate(made)}))
    tokenize.forget()
    assert tokenize.words_by_number() == []
    assert tokenize.words("gunung rinjani meletus", False) == ["gunung", "rinjani", "meletus"]  # the old numbers
    for terms in (tokenize.terms_of_many(texts, False), list(cache.decode(payload).values())):
        assert [(t.fields, t.shingles.tolist(), t.lead.tolist()) for t in terms] == before


def test_a_well_formed_cache_with_wrong_entries_is_not_trusted(tmp_path):
    """The file is untrusted: a valid checksum over entries of the wrong shape costs a re-tokenising of
    those entries (the others are used), and a header that does not fit the data costs the whole file."""
    from rekomendasi.cache import FILE_NAME, TermCache

    texts = [ArticleText("Pupuk subsidi", "", "Petani menebus pupuk.", ""),
             ArticleText("MPP buka \"Sabtu\" & <Minggu> 🙂", "", "Layanan perizinan dibuka.", "")]
    keys = [TermCache(tmp_path).key(t) for t in texts]
    good = [[1, 0], [1, 1], [2, 2, 2, 2], [], []]  # "pupuk subsidi" against the words "subsidi pupuk"

    def load(data: bytes):
        (tmp_path / FILE_NAME).write_bytes(data)
        cache = TermCache(tmp_path)
        return cache.terms_of_all(texts, False), cache.tokenised

    found, tokenised = load(_term_file("subsidi pupuk", {keys[0]: good}))
    assert tokenised == 1 and found[0].fields == ({"pupuk": 1, "subsidi": 1}, {}, {}, {})  # a good entry is used
    for entry in ([[0, 1], [1, 1], [2, 1, 2, 2], [], []],  # ends out of order
                  [[0, 1], [1, 1], [1, 1, 1, 1], [], []],  # ends short of the words
                  [[0, 2], [1, 1], [2, 2, 2, 2], [], []],  # a word number past the word list
                  [[0, 1], [1, 0], [2, 2, 2, 2], [], []],  # a count of 0
                  [[0, 1], [1, -3], [2, 2, 2, 2], [], []],  # negative
                  [[0, 1], [1, 1], [2, 2, 2, 2], [2 ** 60], []],  # a shingle over 53 bits
                  [[0, 1], [1, 1], [2, 2, 2, 2], [], [2 ** 53]]):  # a lead shingle too
        found, tokenised = load(_term_file("subsidi pupuk", {keys[0]: entry, keys[1]: good}))
        assert tokenised == 1, entry  # the wrong entry only; the good one (under the other key) is used
        assert found[0].fields[0] == {"pupuk": 1, "subsidi": 1} and found[1].fields[0] == {"pupuk": 1, "subsidi": 1}
    for data in (_term_file(["subsidi", "", "pupuk"], {keys[0]: good}),  # an empty word
                 _term_file(["subsidi", 3], {keys[0]: good}),  # a word that is not a text
                 _term_file("subsidi pupuk", {keys[0]: good}, {"ids": 3}),  # counts that do not add up
                 _term_file("subsidi pupuk", {keys[0]: good}, {"entries": 2}),  # more entries than keys
                 _term_file("subsidi pupuk", {"Z" * 64: good}),  # a key that is no hex digest
                 _term_file("subsidi pupuk", {keys[0]: good}, {"words": "subsidi pupuk"}),  # words not a list
                 _term_file("subsidi pupuk", {keys[0]: good}, {"shingles": -1}),
                 _term_file("subsidi pupuk", {keys[0]: good}, lengths=[[1, 1, 0]])):  # lengths that do not add up
        found, tokenised = load(data)
        assert tokenised == 2 and found[0].fields[0] == {"pupuk": 1, "subsidi": 1}


def _bm25f_cosines(texts: list[ArticleText], **settings) -> np.ndarray:
    from rekomendasi import tokenize
    from rekomendasi.engine import bm25f

    vectors, _ = bm25f([tokenize.terms(t) for t in texts], RekomendasiConfig.from_settings(settings))
    return (vectors @ vectors.T).toarray()


def test_a_heavier_headline_field_makes_a_shared_headline_word_count_more():
    common = "jembatan aspal kontraktor"
    texts = [ArticleText("Bendungan Pandanduri", "", common, "sawah"),
             ArticleText("Bendungan baru", "", common, "sawah"),  # "bendungan" in the headline too
             ArticleText("Kabar baru", "", common, "sawah bendungan"),  # the same word, in the body
             ArticleText("Kopi", "", "kopi teh", "kopi")]
    cosine = _bm25f_cosines(texts, REKOMENDASI_TITLE_WEIGHT=3.0)
    assert cosine[0, 1] > cosine[0, 2] > 0
    same = _bm25f_cosines(texts, REKOMENDASI_TITLE_WEIGHT=1.0, REKOMENDASI_LEAD_WEIGHT=1.0)
    assert cosine[0, 1] - cosine[0, 2] > same[0, 1] - same[0, 2]  # the weight is what makes the difference


def test_the_headline_boost_lifts_a_shared_headline_word_past_what_saturation_allows():
    """Two headlines naming the same programme are closer than a headline and a body that mentions it,
    and the boost widens that gap beyond any field weight alone (which saturation caps)."""
    body = "warga desa menerima bantuan setiap bulan dari pemerintah kabupaten"
    texts = [ArticleText("Program Sembako Lansia dimulai", "", body, "pasar"),
             ArticleText("Sembako Lansia tahap kedua", "", body, "pasar"),
             ArticleText("Kabar dari kantor desa", "", body, "pasar sembako lansia"),
             ArticleText("Kopi", "", "kopi teh", "kopi"), ArticleText("Teh", "", "teh gula", "teh")]
    off = _bm25f_cosines(texts, REKOMENDASI_HEADLINE_BOOST=0.0, REKOMENDASI_TITLE_WEIGHT=6.0,
                         REKOMENDASI_TOPIC_DIMENSIONS=0)
    on = _bm25f_cosines(texts, REKOMENDASI_HEADLINE_BOOST=0.5, REKOMENDASI_TITLE_WEIGHT=6.0,
                        REKOMENDASI_TOPIC_DIMENSIONS=0)
    assert on[0, 1] > on[0, 2]
    assert on[0, 1] - on[0, 2] > off[0, 1] - off[0, 2]
    assert np.allclose(np.diag(on)[:3], 1.0)  # rows stay of unit length: a dot product is still a cosine


def test_a_negative_headline_boost_is_refused():
    with pytest.raises(RekomendasiSettingsError, match="HEADLINE_BOOST"):
        RekomendasiConfig.from_settings({"REKOMENDASI_HEADLINE_BOOST": -1})


@pytest.mark.parametrize("value", ["nan", "inf", float("nan"), float("inf")])
@pytest.mark.parametrize("name", ["REKOMENDASI_HEADLINE_BOOST", "REKOMENDASI_TITLE_WEIGHT",
                                  "REKOMENDASI_HIGHLIGHT_WEIGHT", "REKOMENDASI_LEAD_WEIGHT"])
def test_a_weight_that_is_not_a_finite_number_is_refused(name, value):
    """float() reads "nan" and "inf"; neither is below 0, and either makes every row NaN (ranks of noise)."""
    with pytest.raises(RekomendasiSettingsError, match="HEADLINE_BOOST" if "BOOST" in name else "LEAD_WEIGHT"):
        RekomendasiConfig.from_settings({name: value})


def test_each_field_is_normalised_by_its_own_length():
    """A word in a long body counts for less than in a short one; a long body does not dilute the headline."""
    long_body = " ".join(f"kata{n}" for n in range(200))
    texts = [ArticleText("Pasar Renteng", "", "pedagang sayur", "pedagang"),
             ArticleText("Pasar baru", "", "kios ikan", "pedagang " + long_body),
             ArticleText("Pasar lama", "", "kios buah", "pedagang"),
             ArticleText("Lain", "", long_body, "")]
    cosine = _bm25f_cosines(texts, REKOMENDASI_TOPIC_DIMENSIONS=0)
    assert cosine[0, 2] > cosine[0, 1]


# --- same story ---------------------------------------------------------------------

def test_the_wifi_press_release_is_one_story_and_its_neighbours_are_not():
    from rekomendasi import samestory, tokenize

    from portal.same_story_pairs import WIFI, site_article, text_of

    slugs = [*WIFI, "pemkab-targetkan-seluruh-desa-terhubung-internet-2027",
             "enam-desa-di-batukliang-utara-masih-blank-spot", "ketika-sinyal-akhirnya-sampai-di-lereng-rinjani"]
    terms = [tokenize.terms(text_of(site_article(s))) for s in slugs]
    found = samestory.find([t.shingles for t in terms], RekomendasiConfig().same_story, [t.lead for t in terms])
    assert set(found) == {0, 1} and set(found[0]) == {1} and found[0][1] >= 0.5


def test_the_detector_on_the_labelled_site_pairs():
    """portal/same_story_pairs.json, the pairs the sample site alone can give (IndoSum's need ../shared)."""
    import json

    from portal import same_story_pairs

    data = json.loads(same_story_pairs.PAIRS.read_text(encoding="utf-8"))
    site = [p for p in data["pairs"] if "(site)" in p["kind"]]
    assert sum(p["same"] for p in site) >= 100 and sum(not p["same"] for p in site) >= 50
    labelled = {"pairs": [(same_story_pairs.text_of(same_story_pairs.resolve(p["a"])),
                           same_story_pairs.text_of(same_story_pairs.resolve(p["b"])), p["same"], p["kind"])
                          for p in site], "skipped": 0}
    result = same_story_pairs.score(labelled, RekomendasiConfig().same_story)
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result


STORY = [MPP[0], "Kepala mal pelayanan publik mengatakan layanan Sabtu dibuka pukul tujuh pagi hingga pukul dua belas "
         "siang, dengan petugas dari setiap gerai yang bergiliran.",
         "Petugas gerai kependudukan mencatat seratus pemohon KTP elektronik pada Sabtu pertama, sebagian besar "
         "pelajar yang baru berusia tujuh belas tahun dan pekerja yang tidak sempat datang pada hari kerja."]


def _story_site(content, pins: str = ""):
    """One press release, reworded, and two other stories on the same matter."""
    text = "\n\n".join(STORY)
    reworded = text.replace("membuka", "menyediakan").replace("melayani", "menerima").replace("kini", "sekarang")
    content.article("mpp-rilis", text, Title="MPP Praya Buka Layanan Sabtu", Date="2026-08-28 09:00")
    content.article("mpp-rilis-ulang", reworded, Title="Layanan Sabtu Dibuka di MPP Praya",
                    Date="2026-08-29 09:00")
    content.article("mpp-antrean", MPP[1], Title="Antrean daring MPP", Date="2026-08-27 09:00")
    extra = {"Related": pins} if pins else {}
    content.article("mpp-ramai", MPP[2], Title="MPP ramai pengunjung", **extra)
    return content


def test_two_versions_of_one_story_never_share_a_list_or_link_each_other(content, build):
    from rekomendasi.explain import report

    site = build(_story_site(content))
    pair = {"mpp-rilis", "mpp-rilis-ulang"}
    for slug, article in site.result.articles.items():
        shown = {r.article.slug for r in article.rekomendasi}
        assert len(shown & pair) <= 1, (slug, shown)
        if slug in pair:
            assert not shown & pair
    rilis = site.result.articles["mpp-rilis"]
    assert ("mpp-rilis-ulang" not in
            "".join(p.a["href"] for p in BeautifulSoup(rilis._content, "html.parser").select("p.baca-juga")))
    text = report(rilis, rilis.rekomendasi)
    assert "dibuang (berita yang sama): mpp-rilis-ulang mengulang artikel ini" in text
    ramai = site.result.articles["mpp-ramai"]
    shown = [r.article.slug for r in ramai.rekomendasi]
    kept = (pair & set(shown)).pop()
    assert f"dibuang (berita yang sama): {(pair - {kept}).pop()} mengulang {kept}" in report(ramai, ramai.rekomendasi)


def test_an_editors_pin_wins_over_the_same_story_rule(content, build):
    site = build(_story_site(content, pins="mpp-rilis, mpp-rilis-ulang"))
    article = site.result.articles["mpp-ramai"]
    assert [r.article.slug for r in article.rekomendasi][:2] == ["mpp-rilis", "mpp-rilis-ulang"]
    assert [r.pinned for r in article.rekomendasi][:2] == [True, True]


def test_run_uses_one_score_for_pins_and_candidates():
    """A pinned article that is also a candidate gets the very score it would have unpinned."""
    docs = [Doc(f"a{n}", n * 86400.0, frozenset({"mpp"} if n < 3 else ()), "R") for n in range(4)]
    texts = [ArticleText(f"MPP {n}", "", MPP[n % 3], FARMING if n == 3 else "") for n in range(4)]
    cfg = RekomendasiConfig.from_settings({"REKOMENDASI_MIN_SCORE": 0.0, "REKOMENDASI_TOPIC_DIMENSIONS": 2})
    plain = run(docs, texts, cfg).picks[0]
    pinned_docs = [Doc("a0", 0.0, frozenset({"mpp"}), "R", ("a2", "a1"))] + docs[1:]
    pinned = run(pinned_docs, texts, cfg).picks[0]
    by_index = {p.index: p for p in plain}
    assert [p.index for p in pinned[:2]] == [2, 1] and all(p.pinned for p in pinned[:2])
    for p in pinned[:2]:
        assert p.score == pytest.approx(by_index[p.index].score, abs=1e-9)
        assert p.shared_tags == ("mpp",)


def test_sample_site_has_no_same_story_pair_in_any_list(sample_site):
    """Neither in a Rekomendasi list nor as Baca juga: an article and its own story, or two versions of one story."""
    from rekomendasi import samestory, tokenize

    from portal.same_story_pairs import WIFI, site_article, site_slugs, text_of

    slugs = site_slugs()  # the detector run on the Markdown sources, apart from the build
    terms = [tokenize.terms(text_of(site_article(s))) for s in slugs]
    found = samestory.find([t.shingles for t in terms], RekomendasiConfig().same_story, [t.lead for t in terms])
    same = {(slugs[i], slugs[j]) for i, others in found.items() for j in others}
    assert (WIFI[0], WIFI[1]) in same
    checked = 0
    for path in sorted((sample_site.output / "berita").glob("*/*/*/*/index.html")):
        url = sample_site.url_of(path)
        whole = url + "semua/"
        page = sample_site.soup(whole if sample_site.exists(whole) else url)
        this = url.rstrip("/").rsplit("/", 1)[-1]
        section = page.select_one("section#rekomendasi")
        listed = [a["href"] for a in section.select(".card-title a")] if section else []
        linked = [p.a["href"] for p in page.select(".article-body p.baca-juga")]
        for group in (listed, linked):
            group = [this] + [h.rstrip("/").rsplit("/", 1)[-1] for h in group]
            for k, a in enumerate(group):
                for b in group[k + 1:]:
                    assert (a, b) not in same, (this, a, b)
                    checked += 1
    assert checked > 200


def test_shingles_of_a_batch_are_each_articles_own():
    """Hashed in one pass over many articles, no run of three words crosses into the next article or
    from the lead into the body: the batch gives what each article gives alone."""
    from rekomendasi import tokenize

    texts = [ArticleText("Judul", "", MPP[n % 3], FARMING if n % 2 else MPP[(n + 1) % 3]) for n in range(5)]
    texts.append(ArticleText("", "", "", ""))
    together = tokenize.terms_of_many(texts)
    for text, batch in zip(texts, together, strict=True):
        alone = tokenize.terms(text)
        assert batch.fields == alone.fields
        assert batch.shingles.tolist() == alone.shingles.tolist() and batch.lead.tolist() == alone.lead.tolist()
    lead_words = tokenize.words(MPP[0])
    assert len(together[0].lead) == len(set(zip(lead_words, lead_words[1:], lead_words[2:], strict=False)))


def test_a_site_tokenised_in_batches_gets_what_one_batch_gives(monkeypatch):
    from rekomendasi import tokenize

    texts = [ArticleText(f"Judul {n}", "", MPP[n % 3], FARMING if n % 2 else MPP[(n + 1) % 3]) for n in range(7)]
    whole = tokenize.terms_of_many(texts)
    monkeypatch.setattr(tokenize, "BATCH", 3)
    batched = tokenize.terms_of_many(texts)
    assert len(batched) == len(texts)
    for one, other in zip(whole, batched, strict=True):
        assert one.fields == other.fields and one.ends == other.ends
        assert one.shingles.tolist() == other.shingles.tolist() and one.lead.tolist() == other.lead.tolist()


def test_terms_are_word_numbers_whose_order_never_reaches_a_result(monkeypatch):
    """Terms hold word numbers and counts (int32 arrays, the fields' ends), not dicts; the numbers depend on
    what the process read before, but the engine's columns follow the site's own first occurrences, so a
    different numbering gives the same vocabulary, the same matrix and the same shingles."""
    from array import array

    from rekomendasi import tokenize
    from rekomendasi.engine import bm25f

    texts = [ArticleText("Pupuk subsidi", "Petani", MPP[0], FARMING), ArticleText("", "", "", ""),
             ArticleText("Mal pelayanan publik", "", MPP[1], MPP[2] + " pupuk pupuk")]
    cfg = RekomendasiConfig.from_settings({})
    seen = []
    for earlier in ([], sorted(set(tokenize.words(" ".join(MPP + [FARMING]))), reverse=True)):
        monkeypatch.setattr(tokenize, "_WORDS", [])
        monkeypatch.setattr(tokenize, "_CRC", array("I"))
        monkeypatch.setattr(tokenize, "_NUMBER", tokenize._Numbering())
        tokenize.numbers(earlier)  # another numbering of the same words
        terms = tokenize.terms_of_many(texts)
        first = terms[0]
        assert first.ids.dtype == np.int32 and first.counts.dtype == np.int32 and len(first.ends) == 4
        assert first.ends[-1] == len(first.ids) == len(first.counts) and terms[1].ends == (0, 0, 0, 0)
        assert first.fields[0] == {"pupuk": 1, "subsidi": 1} and terms[2].fields[3]["pupuk"] >= 2
        vectors, vocabulary = bm25f(terms, cfg)
        seen.append((vocabulary, vectors.toarray().tolist(), [t.shingles.tolist() for t in terms],
                     [t.fields for t in terms]))
    assert seen[0] == seen[1]


def test_tokens_at_the_edges_of_words_numbers_hyphens_and_underscores():
    """One regex finds every token; a number alone is no word, one before a hyphen or an underscore is."""
    from rekomendasi import tokenize

    text = ("berkas_2026 data_2019_x 12_ a-_b tahun 2025- 3-4 covid-19 e-KTP 12.5 17. Rp10.000- 2026abc dan-dan "
            "x--y __init__ 7-")
    assert tokenize.words(text) == ["berkas", "data", "2019", "12", "2025", "3-4", "covid-19", "e-ktp", "rp10", "000",
                                    "2026abc", "dan-dan", "init"]
    assert tokenize.words("Ruas jalan 2 km, km-2, 2026.") == ["ruas", "jalan", "km", "km-2"]
    assert tokenize.words("Pelayanan dan melayani", stem=True) == ["layan", "layan"]
    terms = tokenize.terms(ArticleText("2019_data data", "", "", "12_ dan 12 wilayah-"))
    assert terms.fields == ({"2019": 1, "data": 2}, {}, {}, {"12": 1, "wilayah": 1})


def test_best_first_finds_each_rows_largest_values_as_a_full_sort_does():
    """_best_first sorts only the levels that can hold a row's best: the same entries, in the same order
    (best first, ties in stored order), as sorting every row whole; rows shorter than the count keep all."""
    from rekomendasi.engine import _best_first

    rng = np.random.default_rng(3)
    for height, count, per_row in ((40, 5, 300), (40, 50, 30), (7, 3, 2000), (1, 1, 10), (5, 4, 0)):
        sizes = rng.integers(0, 2 * per_row + 1, height)
        rows = np.repeat(np.arange(height), sizes)
        values = np.round(rng.random(len(rows)), 2)  # many ties
        values[::17] = 1.3  # above 1: counts as 1
        found, place = _best_first(rows, values, count, height)
        expected = []
        for r in range(height):
            where = np.flatnonzero(rows == r)
            expected += where[np.argsort(-np.clip(values[where], 0, 1), kind="stable")][:count].tolist()
        assert found.tolist() == expected
        assert place.tolist() == [k for r in range(height) for k in range(min(count, int(sizes[r])))]
