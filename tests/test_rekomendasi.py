"""plugins/rekomendasi: who is recommended, in which order, where the
"Baca juga" links go, and that a rebuild re-tokenises only what changed."""

from __future__ import annotations

import numpy as np
import pytest
from bs4 import BeautifulSoup
from newsroom.body import read, render
from rekomendasi import placement  # noqa: E402
from rekomendasi.config import RekomendasiConfig, RekomendasiSettingsError  # noqa: E402
from rekomendasi.index import WordIndex  # noqa: E402
from rekomendasi.plugin import CONTEXT_KEY  # noqa: E402
from rekomendasi.score import Doc, rank_all  # noqa: E402

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


def _index(scores: list[float]) -> WordIndex:
    """A hand-made index: article 0 has candidates 1..n with the given word cosines."""
    n = len(scores) + 1
    candidates = np.full((n, len(scores)), -1)
    candidates[0] = np.arange(1, n)
    words = np.zeros((n, len(scores)))
    words[0] = scores
    return WordIndex(None, [], candidates, words, None)


def test_order_is_score_then_newer_date_then_slug():
    cfg = RekomendasiConfig.from_settings({"REKOMENDASI_RECENCY_WEIGHT": 0.0, "REKOMENDASI_DIVERSITY": 0.0})
    day = 86400.0
    docs = [Doc("a", 10 * day, frozenset(), "R", (), True),
            Doc("zeta", 5 * day, frozenset(), "R", (), True),   # same score, newer
            Doc("beta", 3 * day, frozenset(), "R", (), True),   # same score, older, slug b
            Doc("alfa", 3 * day, frozenset(), "R", (), True),   # same score and date, slug a
            Doc("best", 1 * day, frozenset(), "R", (), True)]   # highest score, oldest
    picks = rank_all(docs, _index([0.5, 0.5, 0.5, 0.7]), cfg)[0]
    assert [docs[p.index].slug for p in picks] == ["best", "zeta", "alfa", "beta"]
    again = rank_all(list(docs), _index([0.5, 0.5, 0.5, 0.7]), cfg)[0]
    assert again == picks


def test_unpublished_candidates_are_skipped_by_the_ranking_too():
    cfg = RekomendasiConfig.from_settings({})
    docs = [Doc("a", 0.0, frozenset(), "R", ("hidden",), True), Doc("hidden", 0.0, frozenset(), "R", (), False),
            Doc("shown", 0.0, frozenset(), "R", (), True)]
    picks = rank_all(docs, _index([0.9, 0.4]), cfg)[0]
    assert [docs[p.index].slug for p in picks] == ["shown"]


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
    cache_file.write_bytes(good.replace(b"rekomendasi-terms 3.", b"rekomendasi-terms 2.", 1))  # another Python's
    site = build(content, output=tmp_path / "foreign")
    assert site.result.context[CONTEXT_KEY].tokenised == 3


def test_explain_reports_scores_and_reasons(content, build):
    from rekomendasi.explain import report

    content.article("mpp-sabtu", MPP[0], Tags="mpp, antrean daring", Related="tembakau")
    content.article("mpp-antrean", MPP[1], Date="2026-08-29 09:00", Tags="mpp")
    content.article("tembakau", FARMING, Category="Desa Digital")
    site = build(content)
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
    terms = tokenize.terms("Warga dan e-KTP", body.text, title_weight=2)
    assert terms == {"warga": 3, "membahas": 1, "e-ktp": 3}
    assert tokenize.terms("", "<p>Pelayanan dan melayani</p>", stem=True) == {"layan": 2}


def test_fast_word_counts_equal_the_plain_word_regex():
    """tokenize._counts takes shortcuts (bytes.translate + split, whole-word
    articles without per-word checks); tokenize.words is the plain definition."""
    import random
    from collections import Counter

    from rekomendasi import tokenize

    pieces = ["covid-19", "--", "-awal", "akhir-", " - ", "“kutipan”", "‘satu’", "a–b", "—", "2026", "x",
              "Lombok", "Tengah", "café", "naïve", "K", "İstanbul", "e-KTP", "_garis_", "dan", "yang", "3-4",
              "kata-kata", "jalan--jalan", "&amp;", "\u00a0", "warga", "pemkab", "\n"]
    rng = random.Random(5)
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(1000)]
    for text in texts:
        expected = Counter(tokenize.words(text))
        assert list(tokenize._counts(text, False).items()) == list(expected.items()), text


def test_a_one_article_site_ranks_to_an_empty_list():
    cfg = RekomendasiConfig.from_settings({})
    docs = [Doc("sendiri", 0.0, frozenset({"t"}), "R", ("sendiri",), True)]
    assert rank_all(docs, _index([]), cfg) == [[]]


def test_a_forked_helper_gives_the_same_terms_and_index(monkeypatch):
    from rekomendasi import forked, index, tokenize

    texts = [*MPP, FARMING] * 15
    articles = [(f"Judul {i} {text.split()[i % 7]}", f"<p>{text}</p><p>Nomor – {i} “kutipan”.</p>")
                for i, text in enumerate(texts)]
    cfg = RekomendasiConfig.from_settings({"REKOMENDASI_TOPIC_DIMENSIONS": 5})

    def engine():
        counts = tokenize.terms_of_many(articles)
        built = index.build_index(counts, [True] * len(counts), cfg)
        return [list(c.items()) for c in counts], built.candidates, built.word_scores, built.topics

    monkeypatch.setattr(forked, "worth_it", lambda articles: False)
    alone = engine()
    helpers = _count_helpers(monkeypatch)
    monkeypatch.setattr(forked, "worth_it", lambda articles: True)  # as on a two-core Linux machine
    shared = engine()
    assert len(helpers) == 2  # one for the terms, one for the topics
    assert shared[0] == alone[0]
    assert all(np.array_equal(a, b) for a, b in zip(shared[1:], alone[1:], strict=True))


def _count_helpers(monkeypatch) -> list:
    """Every helper process started from now on (the list grows as they start)."""
    import multiprocessing.context

    started = []
    start = multiprocessing.context.ForkProcess.start

    def counting(process):
        started.append(process)
        return start(process)

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", counting)
    return started


def test_rekomendasi_helper_off_means_no_helper_process(monkeypatch):
    from rekomendasi import forked, index, tokenize

    monkeypatch.setattr(forked, "worth_it", lambda articles: True)  # a site where a helper would pay
    helpers = _count_helpers(monkeypatch)
    articles = [(f"Judul {i}", f"<p>{text}</p>") for i, text in enumerate([*MPP, FARMING] * 5)]
    counts = tokenize.terms_of_many(articles, helper=False)
    cfg = RekomendasiConfig.from_settings({"REKOMENDASI_TOPIC_DIMENSIONS": 5, "REKOMENDASI_HELPER": False})
    index.build_index(counts, [True] * len(counts), cfg)
    assert helpers == []


def test_an_article_without_words_is_cached_too(tmp_path):
    from rekomendasi.cache import TermCache

    articles = [("2026", "<p>Dan yang 17.</p>"), ("Pupuk subsidi", "<p>Petani menebus pupuk.</p>")]
    first = TermCache(tmp_path, ())
    assert first.terms_of_all(articles, 2, False) == [{}, {"pupuk": 3, "subsidi": 2, "petani": 1, "menebus": 1}]
    first.save()
    again = TermCache(tmp_path, ())
    again.terms_of_all(articles, 2, False)
    assert again.tokenised == 0


def test_a_helper_that_dies_is_replaced_by_the_work_done_here(monkeypatch, caplog):
    import os

    from rekomendasi import forked

    monkeypatch.setattr(forked, "_answer", lambda *args: os._exit(3))  # as if killed, out of memory
    with caplog.at_level("WARNING"):
        there, here = forked.alongside(lambda: {"kata": 1}, lambda: "di sini", True, plain=True)
    assert (there, here) == ({"kata": 1}, "di sini")
    assert "exit code 3" in caplog.text


def test_an_error_here_stops_the_helper_instead_of_waiting_for_it():
    import signal

    from rekomendasi import forked

    def fails():
        raise RuntimeError("gagal di sini")

    def alarm(*_):  # not TimeoutError: multiprocessing's join swallows an OSError
        pytest.fail("alongside waited for its helper")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(20)
    try:  # the helper's answer (about 1 MB) is more than a pipe holds: it blocks until read or stopped
        with pytest.raises(RuntimeError, match="gagal di sini"):
            forked.alongside(lambda: [str(n) * 100 for n in range(4000)], fails, True, plain=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
