"""`invoke publish` and `invoke rollback`: releases on a marked web root, and every refusal.

Real sites (small, no Pagefind) are built once per module; the guards are
also tried on tiny hand-made output folders, which is all publish() needs.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from portal import publish as releases
from portal.build import BuildFailed
from tests.conftest import ROOT, SETTINGS, ContentFolder

pytestmark = pytest.mark.skipif(shutil.which("rsync") is None, reason="needs rsync (make test installs it)")

T0 = datetime(2026, 8, 30, 6, 0, tzinfo=UTC)


def _build(base: Path, articles: list[str]) -> Path:
    from portal.build import build_site

    content = ContentFolder(base / "content")
    for number, name in enumerate(articles):
        content.article(name, Date=f"2026-08-2{number} 10:00")
    output = base / "output"
    build_site(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(base / "cache"),
                                  "DISTRIBUSI_PAGEFIND": False})
    return output


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Site A (three articles) and site B (A without its last article)."""
    names = ["pasar-baru", "jalan-desa", "posyandu-ceria"]
    return (_build(tmp_path_factory.mktemp("a"), names), _build(tmp_path_factory.mktemp("b"), names[:2]))


@pytest.fixture
def web(tmp_path) -> Path:
    """A marked, empty web root (as `invoke publish --init` leaves it)."""
    root = tmp_path / "www" / "portal"
    releases.init_target(str(root), ROOT)
    return root


def fake_site(folder: Path, pages: int) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>beranda</p>", encoding="utf-8")
    for number in range(1, pages):
        (folder / f"p{number}.html").write_text(f"<p>{number}</p>", encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under FOLDER (following the current symlink) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def snapshot(folder: Path) -> list[tuple]:
    """Paths, kinds, link targets and mtimes: what a 'changes nothing' test compares."""
    rows = []
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        rows.append((path.relative_to(folder).as_posix(), stat.S_IFMT(info.st_mode), info.st_mtime_ns,
                     os.readlink(path) if path.is_symlink() else None))
    return rows


def live(web: Path) -> Path:
    return web / releases.CURRENT


# --- Pure functions ---------------------------------------------------------------

@pytest.mark.parametrize(("target", "remote"), [
    ("user@host:/var/www/portal", True), ("host:/srv/www", True), ("/var/www/portal", False),
    ("./a:b", False), ("www", False), ("dir/x:y", False)])
def test_remote_targets_follow_rsyncs_colon_rule(target, remote):
    assert releases.is_remote(target) is remote


def test_itemized_changes_are_counted_per_file():
    text = "\n".join([
        "created directory /x", "cd+++++++++ berita/baru/", ">f+++++++++ berita/baru/index.html",
        ">fc.T...... index.html", ".f...p..... feeds/semua.atom.xml", ".d..t...... berita/",
        "*deleting   berita/lama/index.html", "*deleting   berita/lama/", "cL+++++++++ tautan -> x"])
    changes = releases.parse_itemized(text)
    assert changes.added == ["berita/baru/index.html", "tautan -> x"]
    assert changes.updated == ["index.html"]
    assert changes.deleted == ["berita/lama/index.html"]


@pytest.mark.parametrize(("pages", "live_pages", "refused"), [
    (80, 100, False), (79, 100, True), (0, 100, True), (5, None, False), (5, 0, False), (120, 100, False)])
def test_the_shrink_guard_allows_a_fifth_fewer_pages(pages, live_pages, refused):
    assert (releases.shrink_problem(pages, live_pages, 0.2) is not None) is refused


# --- Publishing a real site ------------------------------------------------------

def test_publish_mirrors_the_output_world_readable(sites, web):
    site, _ = sites
    # The build publishes 0755/0644 itself; a private copy shows that publish sets the modes on its own.
    for path in [site, *site.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)

    report = releases.publish(site, str(web), ROOT, now=T0)

    assert os.readlink(live(web)) == f"releases/{report.release}"
    published = tree(live(web))
    manifest = published.pop(releases.MANIFEST)
    assert published == tree(site)
    assert b'"pages": %d' % releases.count_pages(site) in manifest
    assert len(report.changes.added) == len(published) and not report.changes.deleted
    for path in [web, web / "releases", *live(web).resolve().rglob("*"), live(web).resolve()]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path


def test_a_second_publish_drops_a_deleted_article_and_keeps_the_first_release(sites, web):
    site_a, site_b = sites
    first = releases.publish(site_a, str(web), ROOT, now=T0)
    second = releases.publish(site_b, str(web), ROOT, now=T0 + timedelta(minutes=5))

    new = web / "releases" / second.release
    assert os.readlink(live(web)) == f"releases/{second.release}"
    assert not list(new.glob("berita/*/*/*/posyandu-ceria"))
    assert "berita/2026/08/22/posyandu-ceria/index.html" in second.changes.deleted
    assert second.previous == first.release
    assert tree(web / "releases" / first.release).keys() - {releases.MANIFEST} == tree(site_a).keys()
    # Unchanged files are hard links to the first release (--link-dest): a release costs only what changed.
    logo = next(p for p in new.rglob("*.css"))
    assert logo.stat().st_ino == (web / "releases" / first.release / logo.relative_to(new)).stat().st_ino


def test_rollback_brings_back_the_previous_release_exactly(sites, web):
    site_a, site_b = sites
    first = releases.publish(site_a, str(web), ROOT, now=T0)
    second = releases.publish(site_b, str(web), ROOT, now=T0 + timedelta(minutes=5))

    was, now = releases.rollback(str(web), ROOT)

    assert (was, now) == (second.release, first.release)
    restored = tree(live(web))
    restored.pop(releases.MANIFEST)
    assert restored == tree(site_a)
    assert not list(web.glob(".current.tmp*"))
    with pytest.raises(releases.PublishRefused, match="Tidak ada rilis sebelum"):
        releases.rollback(str(web), ROOT)


def test_a_dry_run_reports_the_changes_and_changes_nothing(sites, web):
    site_a, site_b = sites
    releases.publish(site_a, str(web), ROOT, now=T0)
    before = snapshot(web)

    report = releases.publish(site_b, str(web), ROOT, dry_run=True, now=T0 + timedelta(minutes=5))

    assert report.release is None
    assert "berita/2026/08/22/posyandu-ceria/index.html" in report.changes.deleted
    assert snapshot(web) == before


def test_only_the_newest_releases_are_kept(tmp_path, web):
    site = fake_site(tmp_path / "site", 3)
    made = [releases.publish(site, str(web), ROOT, keep=2, now=T0 + timedelta(minutes=m)).release
            for m in range(4)]
    assert sorted(p.name for p in (web / "releases").iterdir()) == made[-2:]


def test_a_failed_build_publishes_nothing(tmp_path, sites, web):
    releases.publish(sites[0], str(web), ROOT, now=T0)
    before = snapshot(web)
    content = ContentFolder(tmp_path / "broken")
    content.article("tanpa-penulis", Author="Orang Tak Dikenal")

    with pytest.raises(BuildFailed):
        releases.build_and_publish(SETTINGS, str(web), ROOT, output=tmp_path / "out",
                                   overrides={"PATH": str(content.root), "CACHE_PATH": str(tmp_path / "cache"),
                                              "DISTRIBUSI_PAGEFIND": False}, now=T0 + timedelta(minutes=5))
    assert snapshot(web) == before


# --- Refusals --------------------------------------------------------------------

@pytest.mark.parametrize("target", ["", " ", "  ", " /tmp/x"])
def test_a_blank_target_is_refused(tmp_path, target):
    with pytest.raises(releases.PublishRefused, match="spasi|kosong"):
        releases.publish(fake_site(tmp_path / "site", 2), target, ROOT)


def test_the_project_its_insides_and_its_parents_are_refused(tmp_path, monkeypatch):
    site = fake_site(tmp_path / "site", 2)
    sneaky = tmp_path / "link-to-project"
    sneaky.symlink_to(ROOT)
    monkeypatch.chdir(ROOT)
    for target in [".", str(ROOT), "output", str(ROOT / "content"), "..", str(ROOT.parent), "/", str(sneaky)]:
        with pytest.raises(releases.PublishRefused, match="proyek"):
            releases.publish(site, target, ROOT)
        with pytest.raises(releases.PublishRefused, match="proyek"):
            releases.init_target(target, ROOT)
    assert not (ROOT / releases.MARKER).exists() and not (ROOT / releases.RELEASES).exists()


def test_an_unmarked_folder_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / "index.html").write_text("situs lain", encoding="utf-8")
    with pytest.raises(releases.PublishRefused, match=r"\.portal-web-root.*--init"):
        releases.publish(fake_site(tmp_path / "site", 2), str(folder), ROOT)
    assert [p.name for p in folder.iterdir()] == ["index.html"]


def test_a_shrunken_build_is_refused_unless_forced(tmp_path, web):
    releases.publish(fake_site(tmp_path / "full", 10), str(web), ROOT, now=T0)
    half = fake_site(tmp_path / "half", 7)
    before = snapshot(web)

    with pytest.raises(releases.PublishRefused, match="10.*turun 30%.*--force"):
        releases.publish(half, str(web), ROOT, now=T0 + timedelta(minutes=1))
    assert snapshot(web) == before

    report = releases.publish(half, str(web), ROOT, force=True, now=T0 + timedelta(minutes=1))
    assert report.forced and "turun 30%" in report.forced[0]
    assert releases.count_pages(live(web)) == 7
    assert releases.publish(fake_site(tmp_path / "less", 6), str(web), ROOT, now=T0 + timedelta(minutes=2))


# --- A remote target (ssh replaced by a local shell) -----------------------------

def test_a_remote_target_gets_the_same_releases_through_ssh(tmp_path):
    fake_ssh = tmp_path / "fake-ssh"
    fake_ssh.write_text('#!/bin/sh\nshift\nexec sh -c "$*"\n', encoding="utf-8")  # drop the host, run locally
    fake_ssh.chmod(0o755)
    root = tmp_path / "server" / "www"
    target = f"webhost:{root}"
    site = fake_site(tmp_path / "site", 10)
    with pytest.raises(releases.PublishRefused, match="--init"):
        releases.publish(site, target, ROOT, ssh=str(fake_ssh))

    releases.init_target(target, ROOT, ssh=str(fake_ssh))
    first = releases.publish(site, target, ROOT, ssh=str(fake_ssh), now=T0)
    assert tree(root / "current").keys() - {releases.MANIFEST} == tree(site).keys()
    with pytest.raises(releases.PublishRefused, match="turun"):  # the live page count comes from the manifest
        releases.publish(fake_site(tmp_path / "small", 3), target, ROOT, ssh=str(fake_ssh), now=T0)
    releases.publish(fake_site(tmp_path / "more", 11), target, ROOT, ssh=str(fake_ssh), now=T0 + timedelta(1))
    assert releases.rollback(target, ROOT, ssh=str(fake_ssh))[1] == first.release
    assert os.readlink(root / "current") == f"releases/{first.release}"


@pytest.mark.parametrize("target", ["host:", "host:/", "host::modul/x", "rsync://host/x"])
def test_a_remote_target_without_a_web_folder_is_refused(target):
    with pytest.raises(releases.PublishRefused):
        releases.open_target(target, ROOT)


# --- The invoke tasks ------------------------------------------------------------

def invoke(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PORTAL_PUBLISH_TARGET": ""})


def test_invoke_refuses_the_project_before_building_and_rolls_back(tmp_path, sites):
    before = sorted(p.name for p in ROOT.iterdir())
    refused = invoke("publish", "--target=.")
    assert refused.returncode == 1 and "proyek" in refused.stderr
    assert sorted(p.name for p in ROOT.iterdir()) == before

    web = tmp_path / "www"
    made = invoke("publish", "--init", f"--target={web}")
    assert made.returncode == 0, made.stderr
    assert (web / releases.MARKER).is_file() and stat.S_IMODE(web.stat().st_mode) == 0o755
    first = releases.publish(sites[0], str(web), ROOT, now=T0)
    releases.publish(sites[1], str(web), ROOT, now=T0 + timedelta(minutes=5))

    back = invoke("rollback", f"--target={web}")
    assert back.returncode == 0, back.stderr
    assert first.release in back.stdout
    assert os.readlink(web / "current") == f"releases/{first.release}"
    assert filecmp.cmp(web / "current" / "index.html", sites[0] / "index.html", shallow=False)
