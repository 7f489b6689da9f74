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
from tests.conftest import ROOT, SETTINGS, ContentFolder, fast_build

pytestmark = pytest.mark.skipif(shutil.which("rsync") is None, reason="needs rsync (make test installs it)")

T0 = datetime(2026, 8, 30, 6, 0, tzinfo=UTC)


def _build(base: Path, articles: list[str]) -> Path:
    content = ContentFolder(base / "content")
    for number, name in enumerate(articles):
        content.article(name, Date=f"2026-08-2{number} 10:00")
    output = base / "output"
    fast_build(SETTINGS, output, {"PATH": str(content.root), "CACHE_PATH": str(base / "cache"),
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


# --- Review fixes: --no-build, rollback history, remote safety, init, locks ------

def make_fake_ssh(tmp_path: Path) -> tuple[str, Path]:
    """An ssh that drops the host and runs the command locally, logging each command line."""
    log = tmp_path / "ssh.log"
    fake = tmp_path / "fake-ssh"
    fake.write_text(f'#!/bin/sh\nshift\nprintf "%s\\n" "$*" >> "{log}"\nexec sh -c "$*"\n', encoding="utf-8")
    fake.chmod(0o755)
    return str(fake), log


def test_no_build_publishes_the_existing_output_as_it_is(tmp_path, web, monkeypatch):
    import portal.build

    def no_build(*args, **kwargs):
        raise AssertionError("--no-build must not build")

    monkeypatch.setattr(portal.build, "build_site", no_build)
    site = fake_site(tmp_path / "site", 3)
    (site / "portal-build.txt").write_text("commit abc\nsha256 123\n", encoding="utf-8")

    result, report = releases.build_and_publish(SETTINGS, str(web), ROOT, output=site, build=False, now=T0)

    assert result is None and report.release
    assert (live(web) / "portal-build.txt").read_text(encoding="utf-8") == "commit abc\nsha256 123\n"


def test_invoke_publish_no_build_sends_the_preview_and_asks_for_one_when_missing(tmp_path, web, monkeypatch):
    import invoke

    import portal.build
    import tasks

    def no_build(*args, **kwargs):
        raise AssertionError("--no-build must not build")

    monkeypatch.setattr(portal.build, "build_site", no_build)
    monkeypatch.setattr(tasks, "build_site", no_build)
    output = tmp_path / "output"
    settings = tmp_path / "publishconf.py"
    settings.write_text(f"OUTPUT_PATH = {str(output)!r}\n", encoding="utf-8")
    monkeypatch.setitem(tasks.SETTINGS, "publish", settings)

    with pytest.raises(invoke.exceptions.Exit, match="invoke preview"):
        tasks.publish(invoke.Context(), target=str(web), no_build=True)
    assert not live(web).exists()

    fake_site(output, 4)
    (output / "portal-build.txt").write_text("commit abc\n", encoding="utf-8")
    tasks.publish(invoke.Context(), target=str(web), no_build=True)
    assert (live(web) / "portal-build.txt").read_text(encoding="utf-8") == "commit abc\n"
    assert releases.count_pages(live(web)) == 4


def _rollback_then_publish(tmp_path, target: str, ssh: str = "ssh") -> dict[str, str]:
    """Publish A, B, C; roll back; publish D; roll back. Returns the release names and where it ended."""
    made = {}
    for minute, label in enumerate("ABC"):
        made[label] = releases.publish(fake_site(tmp_path / label, 5), target, ROOT, ssh=ssh,
                                       now=T0 + timedelta(minutes=minute)).release
    assert releases.rollback(target, ROOT, ssh=ssh) == (made["C"], made["B"])
    made["D"] = releases.publish(fake_site(tmp_path / "D", 5), target, ROOT, ssh=ssh,
                                 now=T0 + timedelta(minutes=10)).release
    made["was"], made["now"] = releases.rollback(target, ROOT, ssh=ssh)
    return made


def test_rollback_after_rollback_then_publish_returns_to_what_was_live_not_the_bad_release(tmp_path, web):
    made = _rollback_then_publish(tmp_path, str(web))
    assert (made["was"], made["now"]) == (made["D"], made["B"])
    assert os.readlink(live(web)) == f"releases/{made['B']}"
    assert b'"previous": "%s"' % made["B"].encode() in (web / "releases" / made["D"] / releases.MANIFEST).read_bytes()


def test_rollback_after_rollback_then_publish_on_a_remote_target(tmp_path):
    ssh, _log = make_fake_ssh(tmp_path)
    root = tmp_path / "server" / "www"
    releases.init_target(f"webhost:{root}", ROOT, ssh=ssh)
    made = _rollback_then_publish(tmp_path, f"webhost:{root}", ssh)
    assert made["now"] == made["B"]
    assert os.readlink(root / "current") == f"releases/{made['B']}"


def test_rollback_of_a_release_without_history_goes_to_the_next_older_one(tmp_path, web):
    first = releases.publish(fake_site(tmp_path / "a", 3), str(web), ROOT, now=T0)
    second = releases.publish(fake_site(tmp_path / "b", 3), str(web), ROOT, now=T0 + timedelta(minutes=1))
    manifest = web / "releases" / second.release / releases.MANIFEST
    manifest.unlink()  # as a release made before "previous" was recorded
    manifest.write_text('{"pages": 3}\n', encoding="utf-8")
    assert releases.rollback(str(web), ROOT) == (second.release, first.release)


@pytest.mark.parametrize("target", [
    "h://", "h:///", "h:/var/..", "h:/srv/www/../..", "h:..", "h:../www", "h:~/..", "h:~/", "h:~other/www",
    "h:~", "-oProxyCommand=touch x:/srv/www", "-h:/srv/www", "h x:/srv/www"])
def test_a_remote_target_that_normalises_to_no_web_folder_or_an_option_is_refused(target):
    with pytest.raises(releases.PublishRefused):
        releases.open_target(target, ROOT)


@pytest.mark.parametrize(("target", "path"), [
    ("h:/srv/www/", "/srv/www"), ("h:~/www", "www"), ("h:/srv/./www", "/srv/www"), ("h://srv//www", "/srv/www"),
    ("u@h:/var/www/portal/../berita", "/var/www/berita")])
def test_a_remote_path_is_normalised(target, path):
    assert releases.open_target(target, ROOT).path == path


def test_remote_paths_never_reach_the_servers_shell_on_rsyncs_command_line(tmp_path):
    ssh, log = make_fake_ssh(tmp_path)
    pwned = tmp_path / "pwned"
    root = tmp_path / "server" / f"www $(touch {pwned})"
    target = f"webhost:{root}"
    releases.init_target(target, ROOT, ssh=ssh)
    releases.publish(fake_site(tmp_path / "a", 3), target, ROOT, ssh=ssh, now=T0)
    releases.publish(fake_site(tmp_path / "b", 3), target, ROOT, ssh=ssh, now=T0 + timedelta(minutes=1))

    rsync_lines = [line for line in log.read_text(encoding="utf-8").splitlines() if "--server" in line]
    assert rsync_lines and not [line for line in rsync_lines if "server/www" in line]  # sent by --protect-args
    assert not pwned.exists()
    assert releases.count_pages(root / "current") == 3


def test_init_leaves_the_mode_of_an_existing_folder_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o700)
    releases.init_target(str(home), ROOT)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / releases.RELEASES).stat().st_mode) == 0o755

    ssh, _log = make_fake_ssh(tmp_path)
    server = tmp_path / "server-home"
    server.mkdir()
    server.chmod(0o700)
    releases.init_target(f"webhost:{server}", ROOT, ssh=ssh)
    assert stat.S_IMODE(server.stat().st_mode) == 0o700
    assert stat.S_IMODE((server / releases.RELEASES).stat().st_mode) == 0o755
    assert (server / releases.MARKER).is_file()


def test_init_on_a_file_is_refused_in_indonesian(tmp_path):
    ssh, _log = make_fake_ssh(tmp_path)
    for name, target, extra in [("lokal", "{}", {}), ("server", "webhost:{}", {"ssh": ssh})]:
        path = tmp_path / name
        path.write_text("bukan folder", encoding="utf-8")
        with pytest.raises(releases.PublishRefused, match="berkas, bukan folder"):
            releases.init_target(target.format(path), ROOT, **extra)
        assert path.read_text(encoding="utf-8") == "bukan folder"


def test_a_second_publish_or_rollback_at_the_same_time_is_refused_at_once(tmp_path, web):
    import fcntl

    site = fake_site(tmp_path / "site", 3)
    releases.publish(site, str(web), ROOT, now=T0)
    releases.publish(site, str(web), ROOT, now=T0 + timedelta(minutes=1))
    before = snapshot(web)
    with open(web / releases.LOCK, "a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another publish holds the lock
        with pytest.raises(releases.PublishRefused, match="sedang berjalan"):
            releases.publish(site, str(web), ROOT, now=T0 + timedelta(minutes=2))
        with pytest.raises(releases.PublishRefused, match="sedang berjalan"):
            releases.rollback(str(web), ROOT)
    assert snapshot(web) == before
    assert releases.publish(site, str(web), ROOT, now=T0 + timedelta(minutes=2)).release


def test_a_remote_lock_refuses_a_second_publish_and_says_how_to_clear_a_stale_one(tmp_path):
    ssh, _log = make_fake_ssh(tmp_path)
    root = tmp_path / "server" / "www"
    target = f"webhost:{root}"
    releases.init_target(target, ROOT, ssh=ssh)
    site = fake_site(tmp_path / "site", 3)
    releases.publish(site, target, ROOT, ssh=ssh, now=T0)
    assert not (root / releases.LOCK).exists()

    (root / releases.LOCK).mkdir()  # a publish running, or one killed half-way
    with pytest.raises(releases.PublishRefused, match=r"sedang berjalan.*rmdir .*\.portal-publish\.lock"):
        releases.publish(site, target, ROOT, ssh=ssh, now=T0 + timedelta(minutes=1))
    with pytest.raises(releases.PublishRefused, match="sedang berjalan"):
        releases.rollback(target, ROOT, ssh=ssh)
    (root / releases.LOCK).rmdir()
    assert releases.publish(site, target, ROOT, ssh=ssh, now=T0 + timedelta(minutes=1)).release
    assert not (root / releases.LOCK).exists()


def test_releases_of_the_same_second_are_unique_and_ordered_by_their_counter(tmp_path, web):
    site = fake_site(tmp_path / "site", 3)
    made = [releases.publish(site, str(web), ROOT, keep=3, now=T0).release for _ in range(11)]

    assert len(set(made)) == 11
    assert sorted(p.name for p in (web / "releases").iterdir()) == sorted(made[-3:])
    assert releases.LocalTarget(web).releases() == made[-3:]
    assert os.readlink(live(web)) == f"releases/{made[-1]}"


def test_a_release_name_counts_past_every_release_of_the_same_second():
    stamp = "20260830T060000Z"
    assert releases._release_name([], "abc1234", T0) == f"{stamp}-abc1234"
    assert releases._release_name([f"{stamp}-aaaaaaa"], "bbbbbbb", T0) == f"{stamp}-bbbbbbb-2"
    assert releases._release_name([f"{stamp}-a", f"{stamp}-a-9", f"{stamp}-b-10"], "c", T0) == f"{stamp}-c-11"
    names = [f"{stamp}-a-10", f"{stamp}-a-9", f"{stamp}-a", "20260830T055959Z-z-3"]
    assert releases.sort_releases(names) == ["20260830T055959Z-z-3", f"{stamp}-a", f"{stamp}-a-9", f"{stamp}-a-10"]
