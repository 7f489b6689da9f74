"""Unit tests (no site build) for the page keys (newsroom.fingerprint) and the
writer that links unchanged pages from the last output (newsroom.reuse)."""

import gc
import json
import os
from dataclasses import dataclass

import pytest
from newsroom import fingerprint, reuse
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category


def digest(value) -> str:
    h = fingerprint.new()
    fingerprint.feed(h, value)
    return h.hexdigest()


def article(title="Judul", body="<p>Isi berita.</p>", slug="berita", **extra) -> Article:
    settings = {**DEFAULT_CONFIG, "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html"}
    metadata = {"title": title, "slug": slug, "category": Category("Ekonomi", settings), **extra}
    return Article(body, metadata=metadata, settings=settings, source_path=f"/c/articles/{slug}.md")


def test_values_that_differ_give_different_digests():
    assert digest(["ab", "c"]) != digest(["a", "bc"])  # lengths are fed with the text
    assert digest({"a": 1}) != digest({"a": "1"})
    assert digest([None]) != digest(["None"])
    assert digest({"x", "y", "z"}) == digest({"z", "y", "x"})  # a set by its members, in any order
    assert digest("Rp 1.000 & <b>") != digest("Rp 1.000 &amp; <b>")
    from markupsafe import Markup

    assert digest(Markup("a & <b>")) != digest("a & <b>")  # one is printed as it is, the other escaped
    assert digest({"a": "b", "c": 1}) != digest({"a\x00s1:b\x00kc": 1})


def test_an_object_the_digest_does_not_know_is_unknown_not_a_guess():
    class Opaque:
        __slots__ = ()

    with pytest.raises(fingerprint.Unknown):
        digest([Opaque()])  # its repr names a memory address: not the same next build


def test_an_object_is_fed_by_its_public_fields_or_what_it_says_pages_show():
    @dataclass
    class Photo:
        path: str
        caption: str
        _cache: object = None
        now: object = None  # a plugin's clock: what it decides is on the items

    assert digest(Photo("a.jpg", "Bupati")) != digest(Photo("a.jpg", "Wakil Bupati"))
    assert digest(Photo("a.jpg", "Bupati", _cache=object(), now=1)) == digest(Photo("a.jpg", "Bupati", now=2))

    class Scored:
        def __init__(self, item, score):
            self.item, self.score = item, score

        def __fingerprint__(self):
            return self.item

    assert digest(Scored("a", 0.1)) == digest(Scored("a", 0.2)) != digest(Scored("b", 0.1))


def test_an_article_in_a_list_is_named_by_its_source_but_its_own_page_digests_it_whole():
    one, edited = article(), article(body="<p>Isi berita yang dikoreksi.</p>")
    assert digest([one]) == digest([edited])
    assert fingerprint.card_digest(one) == fingerprint.card_digest(edited)  # the body is its own page's
    assert fingerprint.content_digest(one) != fingerprint.content_digest(edited)


def test_a_card_does_not_depend_on_which_urls_were_read_first():
    """newsroom.urls memoises a frozen article's URLs as they are read (Rekomendasi reads
    the URLs of the articles it links, which move with an edit elsewhere): the card is the same."""
    from newsroom import urls

    urls.install()
    untouched, read = article(body="<p>Isi berita yang panjang & \"rapi\" 🙂</p>"), article(
        body="<p>Isi berita yang panjang & \"rapi\" 🙂</p>")
    urls.freeze([untouched, read])
    assert read.url == "berita/" and read.__dict__[urls.MEMO]  # the memo now holds that URL
    assert fingerprint.card_digest(read) == fingerprint.card_digest(untouched)
    assert fingerprint.content_digest(read) == fingerprint.content_digest(untouched)


def test_a_card_changes_with_what_lists_show():
    one = article()
    assert fingerprint.card_digest(article(title="Judul “baru” & <lain>")) != fingerprint.card_digest(one)
    assert fingerprint.card_digest(article(slug="lain")) != fingerprint.card_digest(one)
    assert fingerprint.card_digest(article(summary="Ringkasan")) != fingerprint.card_digest(one)


def test_a_long_list_is_digested_once_but_never_confused_with_a_later_one():
    import weakref

    class Listed(list):  # a list that can be watched
        pass

    build = reuse.ReuseBuild({})
    first = Listed(f"a{i}" for i in range(reuse._BIG_LIST))
    before = build._value_digest(first)
    assert build._value_digest(first) == before
    watch = weakref.ref(first)
    del first
    gc.collect()
    # memoised by id: the memo holds the list, so no later list can take its id and its digest
    assert watch() is not None
    later = Listed(f"b{i}" for i in range(reuse._BIG_LIST))
    assert build._value_digest(later) != before


@pytest.mark.parametrize("text", ["", "{", "[]", '{"version": 1, "pages": []}', '{"version": 1}',
                                  '{"version": 99, "pages": {}}', "\x00\xff"])
def test_a_damaged_record_is_no_record(tmp_path, text):
    (tmp_path / reuse.RECORD).write_bytes(text.encode("utf-8", "surrogateescape"))
    assert reuse.read_record(tmp_path) == {}


def test_a_record_entry_is_reused_only_when_the_last_file_is_as_recorded(tmp_path):
    old = tmp_path / "old"
    (old / "a").mkdir(parents=True)
    page = old / "a" / "index.html"
    page.write_text("<p>lama</p>", encoding="utf-8")
    info = page.stat()
    build = reuse.ReuseBuild({reuse.SETTING: {"output": str(old), "inputs": "x", "cache": str(tmp_path)}})
    build.previous = {"a/index.html": ["k", reuse._signature(info), {}]}
    assert build.reusable("a/index.html", "k") == str(page)
    assert build.reusable("a/index.html", "other key") is None
    page.write_text("<p>LAMA</p>", encoding="utf-8")  # edited by hand, its time set back
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert build.reusable("a/index.html", "k") is None
    build.previous = {"a/index.html": ["k", reuse._signature(page.stat()), {"gambar": []}]}
    assert build.reusable("a/index.html", "k") is None  # an effect no recorder can do again
    build.previous = {"a/index.html": "rusak"}
    assert build.reusable("a/index.html", "k") is None


def _published_page_and_writer(tmp_path):
    """A page of the last output (old/index.html), and a writer for a new build folder."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    published = old / "index.html"
    published.write_text("<p>terbit</p>", encoding="utf-8")
    return published, new, reuse.ReusingWriter(str(new), settings={**DEFAULT_CONFIG})


def test_the_writer_links_a_reused_page_and_never_writes_through_the_link(tmp_path):
    published, new, writer = _published_page_and_writer(tmp_path)
    target = str(new / "index.html")
    writer.reuse_next("index.html", str(published), reuse.ReuseBuild({}))
    with writer._open_w(target, "utf-8") as handle:
        handle.write("")
    assert os.path.samestat(os.stat(target), published.stat())
    with writer._open_w(target, "utf-8", override=True) as handle:  # the same page written again
        handle.write("<p>baru</p>")
    assert published.read_text(encoding="utf-8") == "<p>terbit</p>"
    assert (new / "index.html").read_text(encoding="utf-8") == "<p>baru</p>"


def test_the_record_is_written_atomically_and_read_back(tmp_path):
    pages = {"a/index.html": ["k", [1, 2, 3, 4], {}], 'b/"x".html': ["l", [5, 6, 7, 8], {"gambar": [["a", "b"]]}]}
    reuse.write_record(tmp_path, {"version": reuse.VERSION, "site": "s", "output": "o", "valid_until": None},
                       iter(pages.items()))
    assert reuse.read_record(tmp_path)["pages"] == pages
    reuse.write_record(tmp_path, {"version": reuse.VERSION, "site": "s", "output": "o", "valid_until": None}, [])
    assert reuse.read_record(tmp_path)["pages"] == {}
    assert [p.name for p in tmp_path.iterdir()] == [reuse.RECORD]
    assert json.loads((tmp_path / reuse.RECORD).read_text())["site"] == "s"


def test_a_page_to_link_is_linked_only_at_its_own_path(tmp_path):
    """A feed opened after a page whose writing failed never takes that page's file."""
    published, new, writer = _published_page_and_writer(tmp_path)
    writer.reuse_next("index.html", str(published), reuse.ReuseBuild({}))
    with writer._open_w(str(new / "feed.xml"), "utf-8") as handle:
        handle.write("<feed/>")
    assert (new / "feed.xml").read_text(encoding="utf-8") == "<feed/>"
    assert not os.path.samestat(os.stat(new / "feed.xml"), published.stat())
    with writer._open_w(str(new / "index.html"), "utf-8") as handle:  # the hand-off is spent
        handle.write("<p>baru</p>")
    assert (new / "index.html").read_text(encoding="utf-8") == "<p>baru</p>"
