"""Incremental rendering (plugins/newsroom/reuse.py): a page whose key did not
change is hard-linked from the last good build's output instead of rendered.

Whatever the edits, an incremental build must give exactly the site a cold
build gives (same files, same bytes): seeded random edits of the sample
content (INCREMENTAL_SEED=N for another seed), one round after another. Pages
a body edit does not touch keep their inode and time; a build that fails
(before writing, or after every page is written and linked) leaves the
published site and the record as they were; a damaged record, or a page of
the output edited, deleted or replaced by hand, costs renders and nothing
else; a theme or settings change renders every page; Pagefind and the skip
of unchanged builds (the defaults of a real run) agree with all of it. Every
build is a real build of a copy of content/, with "now" pinned so that two
builds a few seconds apart see the same moment.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
import random
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from newsroom import reuse
from newsroom.schema import ARTICLE_FIELDS, alias_map

from portal.build import BuildFailed, load_settings
from tests import speed
from tests.conftest import ROOT, SETTINGS, copy_content

pytestmark = pytest.mark.site

SEED = int(os.environ.get("INCREMENTAL_SEED", "20261207"))  # another seed: INCREMENTAL_SEED=N pytest …
ROUNDS = 8  # 4 of edits that reuse pages, 4 that draw from the other kinds
# The clocks of the news sitemap and of papan (agenda, pengumuman): pinned, so that
# an incremental build and the cold build made seconds later see the same moment.
PINNED = {"DISTRIBUSI_NOW": "2026-12-07 10:00", "PAPAN_NOW": "2026-12-07 10:00"}
NAMES = alias_map(ARTICLE_FIELDS)  # every spelling (lower case) -> canonical key
SPELLING = {f.key: f.alias or f.label for f in ARTICLE_FIELDS}  # canonical -> how a new line is written
RUBRIK = list(load_settings(SETTINGS)["RUBRIK"])


# --- building and comparing ------------------------------------------------------------------

class Builds:
    """Builds of one content copy: incremental ones into OUTPUT with CACHE, cold ones anywhere new."""

    def __init__(self, root: Path, **overrides):
        self.root = root
        self.content = copy_content(root / "content")
        self.output, self.cache = root / "A" / "output", root / "A" / "cache"
        self.overrides = overrides
        self._cold = 0

    def build(self, output: Path | None = None, cache: Path | None = None, **overrides):
        output, cache = output or self.output, cache or self.cache
        settings = {"PATH": str(self.content), "CACHE_PATH": str(cache), "PORTAL_SKIP_UNCHANGED": False,
                    **PINNED, **self.overrides, **overrides}
        # renditions and drawn images come from the session's pool (content-hashed and
        # verified on read); pages.record is not among them: a new cache has none
        return speed.fast_build(SETTINGS, output, settings, pool="sample")

    def cold(self, **overrides) -> tuple[Path, object]:
        """A build into a new output folder with a new cache: every page rendered."""
        self._cold += 1
        where = self.root / f"cold-{self._cold}"
        result = self.build(where / "output", where / "cache", **overrides)
        reused, rendered = reuse.stats(result.context)
        assert reused == 0 and rendered > 100, f"a cold build reused pages: {(reused, rendered)}"
        return where / "output", result

    def forget_cold(self) -> None:
        for folder in self.root.glob("cold-*"):
            shutil.rmtree(folder)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stats_of(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every file under FOLDER."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def _diff(one: Path, other: Path, limit: int = 30) -> str:
    a, b = one.read_bytes(), other.read_bytes()
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return f"    (binary: {len(a)} vs {len(b)} bytes)"
    if len(lines_a) < 4 and len(lines_b) < 4:  # one long line (minified HTML): split at tags
        lines_a, lines_b = a.decode().replace(">", ">\n").splitlines(), b.decode().replace(">", ">\n").splitlines()
    diff = list(difflib.unified_diff(lines_a, lines_b, "incremental", "cold", n=1, lineterm=""))
    shown = "\n".join("    " + line[:200] for line in diff[:limit])
    return shown + (f"\n    … {len(diff) - limit} more diff lines" if len(diff) > limit else "")


def assert_same_site(incremental: Path, cold: Path, why: str) -> None:
    """The same files with the same bytes; else a readable account of the first differences."""
    a, b = digests(incremental), digests(cold)
    only_a, only_b = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
    changed = sorted(path for path in a.keys() & b.keys() if a[path] != b[path])
    if only_a or only_b or changed:
        report = [f"incremental build differs from a cold build ({why})",
                  f"only in the incremental output ({len(only_a)}): {only_a[:10]}",
                  f"only in the cold output ({len(only_b)}): {only_b[:10]}",
                  f"different bytes ({len(changed)}): {changed[:10]}"]
        for path in changed[:3]:
            report += [f"--- {path}", _diff(incremental / path, cold / path)]
        pytest.fail("\n".join(report), pytrace=False)
    assert len(a) > 100, "nothing was built"


# --- the content: an article's header and body ------------------------------------------------

class Md:
    """One article file: its header lines ("Key: value", any spelling) and its body."""

    def __init__(self, path: Path):
        self.path = path
        head, _, self.body = path.read_text(encoding="utf-8").partition("\n\n")
        self.lines = [line.partition(":")[::2] for line in head.splitlines()]
        self.lines = [[key.strip(), value.strip()] for key, value in self.lines]

    def _index(self, field: str) -> int | None:
        for number, (key, _) in enumerate(self.lines):
            if NAMES.get(key.lower()) == field:
                return number
        return None

    def get(self, field: str) -> str | None:
        number = self._index(field)
        return None if number is None else self.lines[number][1]

    def set(self, field: str, value: str | None) -> None:
        number = self._index(field)
        if value is None:
            if number is not None:
                del self.lines[number]
        elif number is None:
            self.lines.append([SPELLING[field], value])
        else:
            self.lines[number][1] = value

    def paragraphs(self) -> list[str]:
        return self.body.strip("\n").split("\n\n")

    def write(self) -> None:
        head = "\n".join(f"{key}: {value}" for key, value in self.lines)
        self.path.write_text(head + "\n\n" + self.body, encoding="utf-8")


def articles(content: Path) -> list[Md]:
    return [Md(p) for p in sorted((content / "articles").glob("*.md"))]


def published(content: Path) -> list[Md]:
    return [a for a in articles(content) if (a.get("status") or "published").lower() in ("published", "terbit")]


def named_elsewhere(content: Path, md: Md) -> bool:
    """Whether any other content file names MD's slug (Terkait, an agenda's Liputan, a link)."""
    slug = md.get("slug")
    return any(slug in p.read_text(encoding="utf-8", errors="replace")
               for p in content.rglob("*") if p.is_file() and p.suffix in (".md", ".toml") and p != md.path)


def article_url(md: Md) -> str:
    date = md.get("date")
    return "berita/{}/{}/{}/{}/index.html".format(date[:4], date[5:7], date[8:10], md.get("slug"))


# --- the edits ------------------------------------------------------------------------------
# Each takes (rng, content folder, round) and returns what it did; the caller checks that it
# changed the content. LOCAL edits touch only what the article's own page shows.

def append_paragraph(rng, content, turn):
    md = rng.choice(published(content))
    md.body = md.body.rstrip("\n") + (
        f"\n\nPada putaran {turn}, warga Lombok Tengah kembali menyampaikan masukan melalui layanan "
        f"aduan daring; petugas mencatat {rng.randint(3, 90)} laporan baru dan berjanji menindaklanjutinya "
        "dalam pekan ini.\n")
    md.write()
    return f"paragraf ditambahkan di akhir {md.path.name}"


def change_lead(rng, content, turn):
    md = rng.choice(published(content))
    paragraphs = md.paragraphs()
    first = next(i for i, p in enumerate(paragraphs) if p.strip() and not p.lstrip().startswith(("#", "!", "<")))
    opening = (f"Pemerintah Kabupaten Lombok Tengah memperbarui keterangan ini pada putaran {turn} "
               f"setelah menerima data terbaru dari {rng.randint(2, 40)} perangkat daerah. ")
    paragraphs[first] = opening + paragraphs[first]
    md.body = "\n\n".join(paragraphs) + "\n"
    md.write()
    return f"paragraf pembuka {md.path.name} diubah"


def _set_field(rng, candidates: list[Md], field: str, value_of) -> tuple[Md, str, str]:
    """One of CANDIDATES (chosen first, so the seed's choices stay) gets FIELD = VALUE_OF(old value)."""
    md = rng.choice(candidates)
    old = md.get(field)
    new = value_of(old)
    md.set(field, new)
    md.write()
    return md, old, new


def change_title(rng, content, turn):
    md, _, _ = _set_field(rng, published(content), "title",
                          lambda old: f'Judul "Baru" Putaran {turn} & Seterusnya: {old[:60]}')
    return f"Judul {md.path.name} diubah"


def change_date(rng, content, turn):
    def earlier(old):  # earlier: ≤ Diperbarui, and in the past
        then = dt.datetime.strptime(old[:16], "%Y-%m-%d %H:%M")
        return f"{then - dt.timedelta(days=rng.randint(1, 20), minutes=rng.randint(1, 300)):%Y-%m-%d %H:%M}"
    md, old, new = _set_field(rng, published(content), "date", earlier)
    return f"Tanggal {md.path.name}: {old[:16]} -> {new}"


def change_rubrik(rng, content, turn):
    md, _, new = _set_field(rng, published(content), "category",
                            lambda old: rng.choice([r for r in RUBRIK if r != old]))
    return f"Rubrik {md.path.name} -> {new}"


def add_tag(rng, content, turn):
    tag = f"uji putaran {turn}"
    md, _, _ = _set_field(rng, published(content), "tags", lambda old: f"{old}, {tag}" if old else tag)
    return f"Tag {tag!r} ditambahkan ke {md.path.name}"


def change_sorotan(rng, content, turn):
    md, _, _ = _set_field(rng, published(content), "highlight",
                          lambda old: f"Sorotan baru putaran {turn}: warga menanti hasil yang \"nyata\" & terukur.")
    return f"Sorotan {md.path.name} diubah"


def change_caption(rng, content, turn):
    md, _, _ = _set_field(rng, [a for a in published(content) if a.get("image")], "image_caption",
                          lambda old: f"Keterangan foto baru putaran {turn}: petugas melayani warga di Praya.")
    return f"Keterangan_foto {md.path.name} diubah"


def delete_article(rng, content, turn):
    md = rng.choice([a for a in published(content) if not named_elsewhere(content, a)])
    md.path.unlink()
    return f"{md.path.name} dihapus"


def add_article(rng, content, turn):
    source = rng.choice(published(content))
    md = Md(source.path)
    md.path = content / "articles" / f"2026-11-0{turn % 9 + 1}-berita-baru-putaran-{turn}.md"
    md.set("title", f"Berita Baru Putaran {turn} tentang Layanan Desa")
    md.set("slug", f"berita-baru-putaran-{turn}")
    md.set("featured", None)
    md.set("related", None)
    md.body = textwrap.dedent(f"""\
        Berita ini ditulis pada putaran {turn} untuk menguji build bertahap portal berita.

        Kepala desa menyampaikan bahwa layanan daring kini menjangkau {rng.randint(100, 900)} keluarga.

        Warga dapat mengajukan permohonan surat keterangan tanpa harus datang ke kantor desa.
        """)
    assert not md.path.exists()
    md.write()
    return f"{md.path.name} ditambahkan (salinan {source.path.name})"


def edit_bio(rng, content, turn):
    people = content / "people.toml"
    text = people.read_text(encoding="utf-8")
    bios = list(re.finditer(r'^bio = "(.*)"$', text, re.M))
    chosen = rng.choice(bios)
    new = f'bio = "Biografi diperbarui pada putaran {turn}: menulis tentang layanan publik & desa digital."'
    people.write_text(text[:chosen.start()] + new + text[chosen.end():], encoding="utf-8")
    return "bio di people.toml diubah"


def add_terkait(rng, content, turn):
    candidates = published(content)
    md = rng.choice([a for a in candidates if not a.get("related")])
    others = rng.sample([a.get("slug") for a in candidates if a.path != md.path], 2)
    md.set("related", ", ".join(others))
    md.write()
    return f"Terkait {others} ditambahkan ke {md.path.name}"


def insert_page_marker(rng, content, turn):
    """An editor's page marker (plugins/halaman): the article gains pages 2..N and "semua"."""
    md = rng.choice([a for a in published(content) if len(a.paragraphs()) >= 4 and "nextpage" not in a.body])
    paragraphs = md.paragraphs()
    paragraphs.insert(rng.randint(2, len(paragraphs) - 2), "<!--nextpage-->")
    md.body = "\n\n".join(paragraphs) + "\n"
    md.write()
    return f"penanda halaman disisipkan di {md.path.name}"


def drop_paragraph(rng, content, turn):
    """Not one of the first two: an article without Ringkasan has its opening words
    (SUMMARY_MAX_LENGTH, 40) as the summary its cards show, and a short lead runs into the second."""
    md = rng.choice([a for a in published(content) if len(a.paragraphs()) >= 5])
    paragraphs = md.paragraphs()
    del paragraphs[rng.randint(2, len(paragraphs) - 2)]
    md.body = "\n\n".join(paragraphs) + "\n"
    md.write()
    return f"satu paragraf di tengah {md.path.name} dihapus"


def edit_unpublished(rng, content, turn):
    """The body of a hidden article (its page is written, no list shows it) or of a draft (not written)."""
    md = rng.choice([a for a in articles(content) if (a.get("status") or "").lower() in ("hidden", "draft")])
    md.body = md.body.rstrip("\n") + f"\n\nCatatan redaksi putaran {turn}: naskah ini masih diperbarui.\n"
    md.write()
    return f"isi {md.path.name} ({md.get('status')}) diubah"


def publish_draft(rng, content, turn):
    md = rng.choice([a for a in articles(content) if (a.get("status") or "").lower() == "draft"])
    md.set("status", "published")
    md.write()
    return f"{md.path.name} diterbitkan (draft -> published)"


LOCAL = [append_paragraph, insert_page_marker, drop_paragraph, edit_unpublished]
OTHERS = [change_lead, change_title, change_date, change_rubrik, add_tag, change_sorotan, change_caption,
          delete_article, add_article, edit_bio, add_terkait, publish_draft]


def apply(edit, rng, content: Path, turn: int) -> str:
    before = digests(content)
    what = edit(rng, content, turn)
    assert digests(content) != before, f"the edit changed nothing: {what}"
    return what


# --- 1. random edits: always what a cold build makes ------------------------------------------

def test_random_edits_give_what_a_cold_build_gives(tmp_path):
    """Odd rounds edit only what an article's own pages show (the rounds that reuse pages);
    even rounds draw 1-3 edits from a shuffled deck of the other kinds, so that every kind
    is made once over the run."""
    builds = Builds(tmp_path)
    builds.build()
    rng = random.Random(SEED)
    deck = rng.sample(OTHERS, len(OTHERS))
    history, reused_rounds = [], 0
    for turn in range(1, ROUNDS + 1):
        if turn % 2:
            kinds = rng.sample(LOCAL, rng.randint(1, 2))
        else:
            left = (ROUNDS - turn) // 2  # even rounds after this one
            count = min(len(deck), max(rng.randint(1, 3), len(deck) - 3 * left))
            kinds, deck = deck[:count], deck[count:]
        done = [apply(kind, rng, builds.content, turn) for kind in kinds]
        result = builds.build()
        reused, rendered = reuse.stats(result.context)
        history.append(f"putaran {turn}: {done} -> reused {reused}, rendered {rendered}")
        cold, _ = builds.cold()
        assert_same_site(builds.output, cold, f"seed {SEED}\n" + "\n".join(history))
        builds.forget_cold()
        reused_rounds += reused > 0
    print("\n".join(history))
    assert not deck, f"seed {SEED}: edits never made: {[kind.__name__ for kind in deck]}"
    assert reused_rounds >= ROUNDS // 2, f"seed {SEED}: too few rounds reused pages:\n" + "\n".join(history)


# --- 2. a body edit reuses the other pages, untouched -------------------------------------------

@pytest.fixture(scope="module")
def body_edit(tmp_path_factory):
    """A cold build, then one paragraph appended to one article and an incremental build:
    (builds, article edited, output stats before, after, the incremental build's result)."""
    builds = Builds(tmp_path_factory.mktemp("body"))
    builds.build()
    before = stats_of(builds.output)
    md = Md(next((builds.content / "articles").glob("2026-09-17-*.md")))
    md.body = md.body.rstrip("\n") + "\n\nLayanan ini juga dibuka pada hari Sabtu di kantor camat.\n"
    md.write()
    result = builds.build()
    return builds, md, before, stats_of(builds.output), result


def test_a_body_edit_renders_few_pages_and_links_the_rest(body_edit):
    builds, md, before, after, result = body_edit
    reused, rendered = reuse.stats(result.context)
    assert reused > 0 and rendered < reused, (reused, rendered)
    edited = article_url(md)
    assert before[edited] != after[edited]  # the edited article's page was written again
    assert "hari Sabtu di kantor camat" in (builds.output / edited).read_text(encoding="utf-8")
    # a reused page is the very file of the last output: same inode, same time; every other page is new
    linked = [path for path in after if path.endswith(".html") and before.get(path, (0,))[0] == after[path][0]]
    assert len(linked) == reused
    assert all(before[path] == after[path] for path in linked)
    for page in ("rubrik/informasi-publik/index.html", "profil/index.html", "kontak/index.html"):
        assert after[page] == before[page], f"{page} was rendered again after an unrelated body edit"


def test_a_body_edit_still_gives_what_a_cold_build_gives(body_edit):
    builds, *_ = body_edit
    cold, _ = builds.cold()
    assert_same_site(builds.output, cold, "one paragraph appended")


# --- 3. a failed build never touches the published site ----------------------------------------

LATE_FAILURE = '''
"""Test plugin: logs an error at the very end of a build (``finalized``, every page
written) when an article's source holds the marker: a build that fails late. It
writes the build's (pages reused, pages rendered) to CACHE_PATH/gagal-akhir.json first
(no setting names that file: a file a setting names is an input of the build)."""
import json
import logging
from pathlib import Path

from pelican import signals

MARKER = "GAGAL-DI-AKHIR"
seen = {}


def keep_context(generators):
    seen["context"] = generators[0].context


def fail_late(pelican):
    from newsroom import reuse

    Path(pelican.settings["CACHE_PATH"], "gagal-akhir.json").write_text(json.dumps(reuse.stats(seen.pop("context"))))
    for source in Path(pelican.settings["PATH"], "articles").glob("*.md"):
        if MARKER in source.read_text(encoding="utf-8"):
            logging.getLogger(__name__).error("%s: penanda kegagalan uji", source.name)


def register():
    signals.all_generators_finalized.connect(keep_context)
    signals.finalized.connect(fail_late)
'''


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    root = tmp_path_factory.mktemp("failing")
    plugins = root / "test-plugins"
    plugins.mkdir()
    (plugins / "gagal_akhir.py").write_text(LATE_FAILURE, encoding="utf-8")
    settings = load_settings(SETTINGS)
    builds = Builds(root, PLUGIN_PATHS=[*settings["PLUGIN_PATHS"], str(plugins)],
                    PLUGINS=[*settings["PLUGINS"], "gagal_akhir"])
    builds.build()
    return builds


def _edit_body(builds: Builds, pattern: str, text: str) -> Md:
    md = Md(next((builds.content / "articles").glob(pattern)))
    md.body = md.body.rstrip("\n") + f"\n\n{text}\n"
    md.write()
    return md


def _hashes_and_stats(folder: Path):
    return digests(folder), stats_of(folder)


@pytest.mark.parametrize("failure", ["bad-tanggal", "late"])
def test_a_failed_build_after_linked_pages_leaves_the_site_as_it_was(failing, failure):
    builds = failing
    _edit_body(builds, "2026-08-12-*.md", f"Stok blangko dicek lagi sebelum uji {failure}.")
    result = builds.build()
    assert reuse.stats(result.context)[0] > 0  # the output now holds pages linked from the one before
    before = _hashes_and_stats(builds.output)
    record = (builds.cache / reuse.RECORD).read_bytes()
    if failure == "bad-tanggal":
        md = Md(next((builds.content / "articles").glob("2026-09-24-*.md")))
        good = md.get("date")
        md.set("date", "2026-13-45 25:61")
        md.write()
    else:  # every page is written (most linked from the output) before the build fails
        md = _edit_body(builds, "2026-09-24-*.md", "GAGAL-DI-AKHIR")
        good = None
    with pytest.raises(BuildFailed) as failed:
        builds.build()
    assert ("tanggal" in str(failed.value).lower()) if failure == "bad-tanggal" else "penanda" in str(failed.value)
    assert md.path.name in str(failed.value)  # the editor is told which file
    if failure == "late":  # it failed with pages of the published site linked into its folder
        reused, rendered = json.loads((builds.cache / "gagal-akhir.json").read_text())
        assert reused > 100 and rendered > 0, (reused, rendered)
    # nothing left but the published site, the cache and the failed build's folder as the next one's spare
    assert not [p.name for p in builds.output.parent.iterdir() if p.name not in ("output", "cache", ".output.spare")]
    assert _hashes_and_stats(builds.output) == before  # not one byte, inode or time of the site changed
    assert (builds.cache / reuse.RECORD).read_bytes() == record  # the record still names the site that is there
    # put right, the next build gives a cold build's site, and reuses pages even after the late failure:
    # its folder, kept as the spare, still links the published pages it held (removing it would have
    # changed their ctime, which the record holds so that an edit by hand is never linked into the next site)
    if good is not None:
        md.set("date", good)
    else:
        md.body = md.body.replace("GAGAL-DI-AKHIR", "Perbaikan selesai.")
    md.write()
    result = builds.build()
    assert reuse.stats(result.context)[0] > 0
    cold, _ = builds.cold()
    assert_same_site(builds.output, cold, f"after a failed build ({failure})")
    builds.forget_cold()


# --- 4. a damaged record or a hand-edited output page --------------------------------------------

@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The sample content built cold, and a second copy that the damage tests build into."""
    builds = Builds(tmp_path_factory.mktemp("damage"))
    cold, _ = builds.cold()
    builds.build()
    return builds, cold


def _good_record(builds) -> dict:
    """The record of the site now in the output, as the next build would use it: the
    last build's (each test here ends with a build of the unchanged content), made again
    only when it names another folder or its pages are not the files in the output."""
    def as_recorded(page: str, entry: list) -> bool:
        try:
            info = (builds.output / page).lstat()
        except OSError:
            return False
        return reuse._signature(info) == entry[1]

    for _ in range(2):
        record = reuse.read_record(builds.cache)
        if record.get("output") == str(builds.output.resolve()) and record["pages"] and all(
                as_recorded(page, entry) for page, entry in record["pages"].items()):
            return record
        builds.build()
    pytest.fail("no usable record after a good build")


def _wrong_sizes(record: dict) -> dict:
    record["pages"] = {page: [entry[0], [entry[1][0] + 1, *entry[1][1:]], *entry[2:]]
                       for page, entry in record["pages"].items()}
    return record


def _other_output(record: dict) -> dict:
    record["output"] = str(Path(record["output"]).parent / "lain")
    return record


DAMAGE = {
    "not-json": lambda record: b"\x00\xffbukan json{",
    "empty": lambda record: b"",
    "json-list": lambda record: b"[1, 2, 3]",
    "pages-not-a-dict": lambda record: json.dumps({**record, "pages": [1, 2]}).encode(),
    "entries-of-wrong-shape": lambda record: json.dumps(
        {**record, "pages": {page: {"kunci": 1} for page in record["pages"]}}).encode(),
    "entries-of-wrong-types": lambda record: json.dumps(
        {**record, "pages": {page: [None, "besar", [], 5] for page in record["pages"]}}).encode(),
    "wrong-sizes": lambda record: json.dumps(_wrong_sizes(record)).encode(),
    "another-output": lambda record: json.dumps(_other_output(record)).encode(),
    "valid-until-passed": lambda record: json.dumps(
        {**record, "valid_until": (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat()}).encode(),
    "valid-until-garbage": lambda record: json.dumps({**record, "valid_until": "besok pagi"}).encode(),
    "effects-damaged": lambda record: json.dumps({**record, "pages": {
        page: [*entry[:2], {"gambar": [["../../etc/passwd", "lead"]]}] for page, entry in record["pages"].items()}}
    ).encode(),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_record_costs_a_full_render_and_nothing_else(reference, damage):
    builds, cold = reference
    record = _good_record(builds)
    assert record["pages"], "the record names no page"
    (builds.cache / reuse.RECORD).write_bytes(DAMAGE[damage](record))
    result = builds.build()
    reused, rendered = reuse.stats(result.context)
    assert reused == 0, f"{damage}: {reused} pages reused on a damaged record"
    assert_same_site(builds.output, cold, f"record damaged: {damage}")
    assert json.loads((builds.cache / reuse.RECORD).read_text(encoding="utf-8"))["pages"]  # a good record again


def test_a_record_naming_another_folder_is_not_used_for_this_one(reference, tmp_path):
    """The same cache building a second output folder: the first one's pages are not linked into it."""
    builds, cold = reference
    _good_record(builds)
    other = tmp_path / "lain" / "output"
    result = builds.build(output=other)
    assert reuse.stats(result.context)[0] == 0
    assert_same_site(other, cold, "a second output folder with the same cache")


def test_a_page_edited_by_hand_in_the_output_is_rendered_again(reference):
    builds, cold = reference
    _good_record(builds)
    page = builds.output / "rubrik" / "pemerintahan" / "index.html"
    with open(page, "ab") as handle:
        handle.write(b"!")
    result = builds.build()
    assert reuse.stats(result.context)[0] > 0  # the other pages are still reused
    assert page.read_bytes() == (cold / "rubrik" / "pemerintahan" / "index.html").read_bytes()
    assert_same_site(builds.output, cold, "a page of the output edited by hand")


def test_a_page_edited_by_hand_keeping_its_size_and_time_is_rendered_again(reference):
    """Its ctime, which no tool can set back, gives it away."""
    builds, cold = reference
    _good_record(builds)
    page = builds.output / "rubrik" / "pemerintahan" / "index.html"
    before = page.stat()
    text = page.read_bytes()
    page.write_bytes(text.replace(b"<title>", b"<titlE>", 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.read_bytes() != text
    result = builds.build()
    assert reuse.stats(result.context)[0] > 0
    assert page.read_bytes() == (cold / "rubrik" / "pemerintahan" / "index.html").read_bytes()


def test_a_page_deleted_or_replaced_by_a_symlink_in_the_output_is_rendered_again(reference, tmp_path):
    builds, cold = reference
    _good_record(builds)
    gone = builds.output / "kontak" / "index.html"
    gone.unlink()
    linked = builds.output / "profil" / "index.html"
    elsewhere = tmp_path / "lain.html"
    elsewhere.write_bytes(linked.read_bytes())
    os.utime(elsewhere, ns=(linked.stat().st_atime_ns, linked.stat().st_mtime_ns))
    linked.unlink()
    linked.symlink_to(elsewhere)
    builds.build()
    assert not linked.is_symlink()
    assert_same_site(builds.output, cold, "a page deleted and one replaced by a symlink")


def test_the_spare_folder_is_the_next_builds_and_damage_to_it_costs_nothing_else(tmp_path):
    """The last site but one (portal/spare.py) is the folder the next build starts from: its
    pages that are still the published files need no link, and whatever else is in it goes,
    whatever was done to it (a symlink out of it, at a page's path too, a stray page, a page
    replaced by a copy), without a write outside it or through it into the published site."""
    builds = Builds(tmp_path)
    builds.build()
    _edit_body(builds, "2026-09-17-*.md", "Petugas kembali mengecek jaringan desa.")
    builds.build()
    room = builds.output.with_name(".output.spare")
    assert room.is_dir()
    outside = tmp_path / "luar"
    outside.mkdir()
    (outside / "index.html").write_text("di luar folder", encoding="utf-8")
    (room / "keluar").symlink_to(outside, target_is_directory=True)
    (room / "liar" / "dalam").mkdir(parents=True)
    (room / "liar" / "dalam" / "index.html").write_text("halaman liar", encoding="utf-8")
    copied = room / "profil" / "index.html"  # a recorded page, no longer the published file
    text = copied.read_bytes()
    copied.unlink()
    copied.write_bytes(text)
    pointed = room / "kontak" / "index.html"  # a recorded page's path, pointing out of the folder
    pointed.unlink()
    pointed.symlink_to(outside / "index.html")
    before = stats_of(builds.output)
    published = digests(builds.output)
    _edit_body(builds, "2026-06-24-*.md", "Warga diminta membawa fotokopi KTP.")
    result = builds.build()
    reused, rendered = reuse.stats(result.context)
    assert reused > 100 and rendered < reused, (reused, rendered)
    after = stats_of(builds.output)
    # the published pages that were reused are the very files, untouched (none written through)
    same = [p for p in after if p.endswith(".html") and before.get(p, (0,))[0] == after[p][0]]
    now = digests(builds.output)
    assert len(same) == reused and all(published[p] == now[p] for p in same)
    assert (outside / "index.html").read_text(encoding="utf-8") == "di luar folder"
    assert sorted(p.name for p in outside.iterdir()) == ["index.html"]
    cold, _ = builds.cold()
    assert_same_site(builds.output, cold, "a damaged spare folder")


# --- 5. a theme change renders every page --------------------------------------------------------

@pytest.mark.parametrize("change", ["theme-css", "setting"])
def test_a_theme_or_settings_change_renders_every_page(tmp_path, change):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    builds = Builds(tmp_path, THEME=str(theme))
    builds.build()
    assert reuse.stats(builds.build().context)[1] == 0  # nothing changed: nothing rendered
    if change == "theme-css":
        css = theme / "static" / "css" / "portal.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n/* diubah oleh uji build bertahap */\n", encoding="utf-8")
    else:
        builds.overrides["DEFAULT_PAGINATION"] = 7
    result = builds.build()
    reused, rendered = reuse.stats(result.context)
    assert reused == 0 and rendered > 100, (reused, rendered)
    cold, _ = builds.cold()
    assert_same_site(builds.output, cold, change)


def test_a_build_without_reuse_in_between_leaves_no_trap(tmp_path):
    """PORTAL_REUSE_PAGES=False renders every page into the output and removes the record:
    the next build links nothing from a record made for files that are gone."""
    builds = Builds(tmp_path)
    builds.build()
    md = Md(next((builds.content / "articles").glob("2026-10-21-*.md")))
    title = md.get("title")
    md.set("title", "Desa Bonjeruk Juara Lomba Desa Digital, Judul Sementara")
    md.write()
    between = builds.build(PORTAL_REUSE_PAGES=False)
    assert reuse.stats(between.context) == (0, 0) or reuse.stats(between.context)[0] == 0
    assert "Judul Sementara" in (builds.output / "index.html").read_text(encoding="utf-8")
    assert not (builds.cache / reuse.RECORD).exists()
    md.set("title", title)  # back to what the last record was made from
    md.write()
    result = builds.build()
    assert reuse.stats(result.context)[0] == 0
    assert reuse.stats(builds.build().context)[0] > 0  # and the record it left is used again
    cold, _ = builds.cold()
    assert_same_site(builds.output, cold, "a build without reuse, then the title put back")


# --- the defaults of a real run: the search index, and skipping unchanged builds ----------------

@pytest.mark.search
def test_with_the_search_index_and_unchanged_builds_skipped(tmp_path):
    """Pagefind indexes the pages as they are in the output, linked or rendered; a build
    skipped as unchanged (portal/unchanged.py) leaves the record as it was."""
    builds = Builds(tmp_path, DISTRIBUSI_PAGEFIND=True, PORTAL_SKIP_UNCHANGED=True)
    builds.build()
    for turn, pattern in enumerate(("2026-09-17-*.md", "2026-06-24-*.md"), start=1):
        _edit_body(builds, pattern, f"Petugas kembali mengecek jaringan pada kunjungan ke-{turn}.")
        result = builds.build()
        assert not result.unchanged and reuse.stats(result.context)[0] > 100, reuse.stats(result.context)
        assert builds.build().unchanged
        cold, _ = builds.cold()
        assert (cold / "pagefind").is_dir()
        assert_same_site(builds.output, cold, f"Pagefind on, body edit {turn}")
        builds.forget_cold()


# --- tricky text in every field ------------------------------------------------------------------

TRICKY = 'Kata "kutip" & harga < Rp5.000 \u2019apostrof\u2019 \U0001F30F'


def test_tricky_text_in_every_field_of_an_edited_article_gives_a_cold_builds_site(tmp_path):
    """Quotes, &, < and an emoji in the title, highlight, caption, credit, dateline, source, a tag
    and the body of one article: each page the edit touches is rendered, the rest linked, and the
    site is byte for byte the cold build's (the keys feed text with its length, never a guess)."""
    builds = Builds(tmp_path)
    builds.build()
    md = next(m for m in published(builds.content) if m.get("image"))
    for field, value in (("title", f"Judul {TRICKY}"), ("highlight", f"Sorotan {TRICKY}"),
                         ("image_caption", f"Keterangan {TRICKY}"), ("image_credit", f"Kredit {TRICKY}"),
                         ("dateline", "PRAYA & SEKITARNYA"), ("source", f"Sumber {TRICKY}"),
                         ("tags", f"{md.get('tags')}, tag & \"kutip\" < 5")):
        md.set(field, value)
    md.body = md.body.rstrip("\n") + f"\n\nParagraf baru: {TRICKY}.\n"
    md.write()
    result = builds.build()
    reused, rendered = reuse.stats(result.context)
    assert rendered > 0 and reused == 0  # a title and tag every list shows: every page again
    page = (builds.output / result.articles[md.get("slug")].save_as).read_text(encoding="utf-8")
    assert "harga &lt; Rp5.000" in page and "harga < Rp5.000" not in page
    for turn, change in enumerate(("Paragraf yang diubah", "Paragraf yang diubah lagi")):
        # the body alone now: few pages; the second time from the spare folder, whose pages are the
        # ones published (portal/spare.py)
        md.body = md.body.replace("Paragraf baru" if turn == 0 else "Paragraf yang diubah", change)
        md.write()
        result = builds.build()
        reused, rendered = reuse.stats(result.context)
        assert reused > rendered > 0, (turn, reused, rendered)
    cold, _ = builds.cold()
    assert_same_site(builds.output, cold, "tricky text in every field")
    builds.forget_cold()


# --- the key of a long list -------------------------------------------------------------------

def test_two_different_long_lists_never_share_a_digest():
    """A long list's digest is memoised by id(), with the list held: a list freed after its page
    (Pelican's per-tag, per-rubrik and per-author `dates`) never lends its address and digest."""
    build = reuse.ReuseBuild({reuse.SETTING: {"inputs": "x", "output": "/tmp/x"}})
    first = build._value_digest([f"artikel-{n}" for n in range(40)])  # freed right after, as a page's `dates` is
    second = build._value_digest([f"artikel-{n}" for n in range(1, 41)])
    assert first != second
