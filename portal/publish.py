"""Publish a built site to a web root that keeps its previous releases.

Plain ``rsync --delete`` into a folder the operator names can delete anything
(``--target=.`` once took content/ and .git with it) and leaves no way back.
Here every publish goes into a fresh release folder and a symlink is switched
atomically, so nothing outside the target's ``releases/`` is ever deleted and
``rollback`` is one symlink switch:

    TARGET/.portal-web-root          marker written by ``invoke publish --init``
    TARGET/releases/<UTC time>-<sha>/  one folder per publish (N newest kept)
    TARGET/current -> releases/…     the web server's document root

Unchanged files are hard links to the previous release (``--link-dest``), so a
release costs only what changed. A remote target (``[user@]host:/path``) gets
the same layout through ssh; each release carries ``.portal-release.json``
(pages, build time, commit, and the release that was live before it) so the
page-count guard can read what is live and ``rollback`` goes back to what was
really live before, not merely to the next older name. One publish or rollback
at a time: a lock in TARGET (``flock`` locally, a ``mkdir`` lock over ssh).
"""

from __future__ import annotations

import fcntl
import json
import os
import posixpath
import re
import shlex
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MARKER = ".portal-web-root"
MANIFEST = ".portal-release.json"
RELEASES = "releases"
CURRENT = "current"
LOCK = ".portal-publish.lock"
MAX_SHRINK = 0.2  # refuse a build with over 20% fewer pages than the live one
KEEP_RELEASES = 5
RELEASE_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}Z)-(?P<commit>[0-9a-z]+)(?:-(?P<number>\d+))?$")
# rsync copies the files world-readable whatever output/ had (mkdtemp makes it 0700).
RSYNC_BASE = ["rsync", "--recursive", "--links", "--perms", "--chmod=D755,F644", "--checksum", "--delete"]
# rsync < 3.2.4 hands remote paths to the server's shell unescaped (`$(…)` would run there);
# --protect-args sends them inside the rsync protocol instead.
RSYNC_REMOTE = ["--protect-args"]


class PublishRefused(Exception):
    """A publish (or init, or rollback) that would do harm; the message says why and the fix."""


@dataclass
class Changes:
    """What a publish changes against the live release, counted from rsync --itemize-changes."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.added)} berkas baru, {len(self.updated)} berubah, {len(self.deleted)} dihapus"


@dataclass
class Report:
    release: str | None  # None on a dry run
    previous: str | None
    changes: Changes
    pages: int
    live_pages: int | None
    pruned: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)  # what --force overrode, for a loud warning


# --- Release names ------------------------------------------------------------

def release_key(name: str) -> tuple[str, int, str]:
    """Sort key (time, counter, name): ``…-10`` comes after ``…-9``, which plain string order gets wrong."""
    match = RELEASE_NAME.match(name)
    return (match["stamp"], int(match["number"] or 1), name) if match else ("", 0, name)


def sort_releases(names) -> list[str]:
    return sorted((n for n in names if RELEASE_NAME.match(n)), key=release_key)


# --- Targets ------------------------------------------------------------------

def is_remote(target: str) -> bool:
    """A colon before any slash makes ``host:path`` a remote target (rsync's rule)."""
    head = target.split("/", 1)[0]
    return ":" in head


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_local_place(target: str, project: Path) -> Path:
    """The resolved folder TARGET names; PublishRefused if it is blank, the project, in it or above it."""
    if not target.strip():
        raise PublishRefused(
            "Tujuan publikasi kosong. Perbaikan: beri --target=/var/www/portal atau user@host:/var/www/portal "
            "(atau set PORTAL_PUBLISH_TARGET), dan siapkan tujuan itu sekali dengan `invoke publish --init`.")
    if target != target.strip():
        raise PublishRefused(f"Tujuan publikasi {target!r} diawali atau diakhiri spasi. Perbaikan: tulis jalurnya "
                             "tanpa spasi di depan atau di belakang.")
    place = Path(target).expanduser().resolve()
    project = project.resolve()
    if _under(place, project):
        raise PublishRefused(
            f"Tujuan {target} ({place}) ada di dalam folder proyek {project}; publish ke sana bisa menimpa "
            "konten, .git atau output/. Perbaikan: pilih folder web di luar proyek, mis. /var/www/portal.")
    if project in place.parents or place in project.parents:
        raise PublishRefused(
            f"Tujuan {target} ({place}) adalah folder induk proyek {project}. Perbaikan: pilih folder web "
            "tersendiri di luar proyek, mis. /var/www/portal.")
    return place


def _split_remote(target: str) -> tuple[str, str]:
    if "::" in target or target.startswith("rsync://"):
        raise PublishRefused(
            f"Tujuan {target} memakai daemon rsync; publish butuh ssh untuk mengganti rilis secara atomik. "
            "Perbaikan: tulis tujuan sebagai user@host:/var/www/portal.")
    host, _, path = target.partition(":")
    if host.startswith("-") or any(c.isspace() for c in host):
        raise PublishRefused(
            f"Nama server {host!r} pada tujuan {target!r} tidak sah (diawali '-' atau berisi spasi; ssh akan "
            "membacanya sebagai opsi). Perbaikan: tulis user@host:/var/www/portal.")
    if path.startswith("~") and not path.startswith("~/"):
        raise PublishRefused(
            f"Tujuan {target!r} menunjuk folder rumah pengguna lain ({path.split('/', 1)[0]}). "
            "Perbaikan: tulis jalur lengkap, mis. user@host:/var/www/portal.")
    if path.startswith("~/"):
        path = path[2:]  # ssh commands and rsync both start in the home folder
    path = posixpath.normpath(path) if path else "."
    if path.startswith("//"):
        path = "/" + path.lstrip("/")  # normpath keeps exactly two leading slashes (POSIX)
    if not host.strip() or path.strip("/") in ("", ".", "~") or path == ".." or path.startswith("../"):
        raise PublishRefused(
            f"Tujuan {target!r} tidak menyebut folder web di server (folder rumah, / atau di atasnya tidak "
            "boleh). Perbaikan: tulis user@host:/var/www/portal.")
    return host, path


def open_target(target: str, project: Path, ssh: str = "ssh") -> LocalTarget | RemoteTarget:
    """The target TARGET names, after every check that needs no marker; PublishRefused otherwise."""
    if target.strip() and is_remote(target.strip()):
        return RemoteTarget(*_split_remote(target.strip()), ssh=ssh)
    return LocalTarget(check_local_place(target, project))


def _not_a_folder(where: str) -> PublishRefused:
    return PublishRefused(f"{where} sudah ada, tetapi berupa berkas, bukan folder. Perbaikan: pilih jalur lain "
                          "untuk folder web, atau pindahkan berkas itu dulu.")


def _busy(where: str, unlock: str = "") -> PublishRefused:
    stale = (f" Jika tidak ada publish yang berjalan (mis. publish sebelumnya terputus), hapus kuncinya: "
             f"`{unlock}`, lalu ulangi." if unlock else "")
    return PublishRefused(f"Publish atau rollback lain sedang berjalan ke {where} (kunci {LOCK}). Perbaikan: tunggu "
                          f"sampai selesai, lalu ulangi.{stale}")


def _refuse_unmarked(where: str) -> PublishRefused:
    return PublishRefused(
        f"{where} belum ditandai sebagai folder web portal (tidak ada berkas {MARKER}). Publish hanya mengisi "
        f"folder yang disiapkan untuknya. Perbaikan: jalankan sekali `invoke publish --init --target={where}`, "
        f"lalu arahkan document root web server ke {where}/{CURRENT}.")


class LocalTarget:
    """A web root on this machine, handled with plain file operations."""

    def __init__(self, root: Path):
        self.root = root
        self.label = str(root)

    def rsync_dest(self, name: str) -> str:
        return f"{self.root / RELEASES / name}/"

    def rsync_current(self) -> str:
        return f"{self.root / CURRENT}/"

    def init(self) -> None:
        """Create what is missing; only folders made here are set to 755 (an existing one, e.g. ~, is left as is)."""
        for folder in (self.root, self.root / RELEASES):
            if folder.exists() and not folder.is_dir():
                raise _not_a_folder(str(folder))
            if not folder.exists():
                folder.mkdir(parents=True)
                folder.chmod(0o755)
        (self.root / MARKER).write_text("Folder web portal; dokumen root web server: current/\n", encoding="utf-8")

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Held for a whole publish or rollback; a second one is refused at once, not queued."""
        with open(self.root / LOCK, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise _busy(self.label) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def manifest(self, name: str) -> dict:
        try:
            data = json.loads((self.root / RELEASES / name / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def is_marked(self) -> bool:
        return (self.root / MARKER).is_file()

    def current(self) -> str | None:
        link = self.root / CURRENT
        if link.exists() and not link.is_symlink():
            raise PublishRefused(f"{link} adalah folder biasa, bukan tautan ke sebuah rilis. Perbaikan: pindahkan "
                                 f"isinya ke tempat lain, lalu publish lagi (tautan {CURRENT} dibuat otomatis).")
        return Path(os.readlink(link)).name if link.is_symlink() else None

    def releases(self) -> list[str]:
        folder = self.root / RELEASES
        return sort_releases(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def live_pages(self, name: str) -> int:
        return sum(1 for _ in (self.root / RELEASES / name).rglob("*.html"))

    def switch(self, name: str) -> None:
        """Point current at releases/NAME: a new symlink renamed over the old one (atomic)."""
        temporary = self.root / f".{CURRENT}.tmp-{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(f"{RELEASES}/{name}")
        os.replace(temporary, self.root / CURRENT)

    def remove(self, name: str) -> None:
        import shutil

        shutil.rmtree(self.root / RELEASES / name)


class RemoteTarget:
    """A web root on a server reached over ssh; the same layout, made with shell commands."""

    def __init__(self, host: str, path: str, ssh: str = "ssh"):
        self.host, self.path, self.ssh = host, path, ssh
        self.label = f"{host}:{path}"

    def _run(self, script: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [*shlex.split(self.ssh), self.host, script]
        done = subprocess.run(command, capture_output=True, text=True)
        if check and done.returncode != 0:
            raise PublishRefused(f"Perintah di {self.host} gagal ({done.stderr.strip() or done.returncode}). "
                                 "Perbaikan: periksa akses ssh dan izin tulis di folder web server.")
        return done

    def _q(self, *parts: str) -> str:
        return shlex.quote("/".join([self.path, *parts]))

    def rsync_dest(self, name: str) -> str:
        return f"{self.host}:{self.path}/{RELEASES}/{name}/"

    def rsync_current(self) -> str:
        return f"{self.host}:{self.path}/{CURRENT}/"

    def init(self) -> None:
        """As LocalTarget.init: only folders made here are set to 755."""
        steps = []
        for number, folder in enumerate((self._q(), self._q(RELEASES))):
            steps.append(f"if test -e {folder} && ! test -d {folder}; then echo NOT-A-FOLDER {number}; exit 0; fi; "
                         f"if ! test -d {folder}; then mkdir -p {folder} && chmod 755 {folder} || exit 1; fi")
        done = self._run("; ".join([*steps, f"touch {self._q(MARKER)}"]))
        if done.stdout.startswith("NOT-A-FOLDER"):
            raise _not_a_folder(self.label if done.stdout.split()[1] == "0" else f"{self.label}/{RELEASES}")

    @contextmanager
    def lock(self) -> Iterator[None]:
        """``mkdir`` is atomic on the server; a killed publish leaves it; the message says how to remove it."""
        lock = self._q(LOCK)
        done = self._run(f"if mkdir {lock} 2>/dev/null; then echo LOCKED; elif test -d {lock}; then echo BUSY; fi")
        if done.stdout.strip() == "BUSY":
            raise _busy(self.label, f"ssh {self.host} rmdir {lock}")
        if done.stdout.strip() != "LOCKED":
            raise PublishRefused(f"Kunci {self.label}/{LOCK} tidak bisa dibuat. Perbaikan: periksa izin tulis "
                                 f"di {self.label}.")
        try:
            yield
        finally:
            self._run(f"rmdir {lock}", check=False)

    def manifest(self, name: str) -> dict:
        done = self._run(f"cat {self._q(RELEASES, name, MANIFEST)}", check=False)
        try:
            data = json.loads(done.stdout)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def is_marked(self) -> bool:
        return self._run(f"test -f {self._q(MARKER)}", check=False).returncode == 0

    def current(self) -> str | None:
        done = self._run(f"if test -L {self._q(CURRENT)}; then readlink {self._q(CURRENT)}; "
                         f"elif test -e {self._q(CURRENT)}; then echo NOT-A-LINK; fi")
        value = done.stdout.strip()
        if value == "NOT-A-LINK":
            raise PublishRefused(f"{self.label}/{CURRENT} adalah folder biasa, bukan tautan ke sebuah rilis. "
                                 "Perbaikan: pindahkan isinya ke tempat lain, lalu publish lagi.")
        return value.rsplit("/", 1)[-1] or None

    def releases(self) -> list[str]:
        done = self._run(f"ls -1 {self._q(RELEASES)} 2>/dev/null || true")
        return sort_releases(done.stdout.split())

    def live_pages(self, name: str) -> int | None:
        """From the release's manifest; None when it has none (then the guard cannot compare)."""
        try:
            return int(self.manifest(name)["pages"])
        except (ValueError, KeyError, TypeError):
            return None

    def switch(self, name: str) -> None:
        temporary = self._q(f".{CURRENT}.tmp")
        self._run(f"rm -f {temporary} && ln -s {shlex.quote(RELEASES + '/' + name)} {temporary} "
                  f"&& mv -T {temporary} {self._q(CURRENT)}")

    def remove(self, name: str) -> None:
        self._run(f"rm -rf {self._q(RELEASES, name)}")


# --- Commands -------------------------------------------------------------------

def init_target(target: str, project: Path, ssh: str = "ssh") -> LocalTarget | RemoteTarget:
    """Make TARGET a portal web root (create it, write the marker), refusing the same places publish does."""
    place = open_target(target, project, ssh)
    place.init()
    return place


def _marked(target: str, project: Path, ssh: str) -> LocalTarget | RemoteTarget:
    place = open_target(target, project, ssh)
    if not place.is_marked():
        raise _refuse_unmarked(place.label)
    return place


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def shrink_problem(pages: int, live: int | None, max_shrink: float) -> str | None:
    """The message when PAGES fell by more than MAX_SHRINK against LIVE, else None."""
    if not live or pages >= live * (1 - max_shrink):
        return None
    return (f"build baru punya {pages} halaman HTML, situs yang tayang {live}: turun "
            f"{(live - pages) / live:.0%}, lebih dari batas {max_shrink:.0%} (PUBLISH_MAX_SHRINK)")


ITEM = re.compile(r"^(?P<code>[<>ch.*][fdLDS][^ ]*|\*deleting) +(?P<path>.+)$")


def parse_itemized(text: str) -> Changes:
    """Files added, updated and deleted, from ``rsync --itemize-changes`` output (folders not counted)."""
    changes = Changes()
    for line in text.splitlines():
        match = ITEM.match(line)
        if not match or match["path"].endswith("/"):
            continue
        code, path = match["code"], match["path"]
        if code == "*deleting":
            changes.deleted.append(path)
        elif code[1] == "d":
            continue
        elif code[2:].startswith("+++"):
            changes.added.append(path)
        elif code[0] in "<>ch":  # content sent; a ".f" line is an attribute change only
            changes.updated.append(path)
    return changes


def _git_commit(project: Path) -> str:
    done = subprocess.run(["git", "-C", str(project), "rev-parse", "--short=7", "HEAD"],
                          capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "nogit"


def _release_name(existing: list[str], commit: str, now: datetime) -> str:
    """``<UTC second>-<commit>``, with a counter (``-2``, ``-3`` …) after any release of the same second,
    whatever its commit, so that release_key orders them as they were made."""
    stamp = f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    same = [release_key(n)[1] for n in existing if n.startswith(f"{stamp}-")]
    return f"{stamp}-{commit}" + (f"-{max(same) + 1}" if same else "")


def _rsync(args: list[str], ssh: str, remote: bool = False) -> subprocess.CompletedProcess:
    command = [*RSYNC_BASE, *(RSYNC_REMOTE if remote else []), "--itemize-changes", "-e", ssh, *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PublishRefused(f"rsync gagal ({done.returncode}): {done.stderr.strip()}. Situs yang tayang tidak "
                             "berubah (rilis baru belum diaktifkan). Perbaikan: periksa tujuan dan ruang disk, "
                             "lalu ulangi publish.")
    return done


def publish(output: Path, target: str, project: Path, *, dry_run: bool = False, force: bool = False,
            max_shrink: float = MAX_SHRINK, keep: int = KEEP_RELEASES, ssh: str = "ssh",
            now: datetime | None = None, missing_hint: str = "jalankan build dulu") -> Report:
    """Copy OUTPUT to a new release under TARGET and make it current; PublishRefused if that would harm."""
    place = _marked(target, project, ssh)
    output = Path(output)
    if not (output / "index.html").is_file():
        raise PublishRefused(f"{output} tidak berisi situs (index.html tidak ada). Perbaikan: {missing_hint}; "
                             "publish tidak mengirim folder kosong.")
    with place.lock():
        return _publish_locked(place, output, project, dry_run=dry_run, force=force, max_shrink=max_shrink,
                               keep=keep, ssh=ssh, now=now)


def _publish_locked(place: LocalTarget | RemoteTarget, output: Path, project: Path, *, dry_run: bool,
                    force: bool, max_shrink: float, keep: int, ssh: str, now: datetime | None) -> Report:
    remote = isinstance(place, RemoteTarget)
    previous = place.current()
    pages = count_pages(output)
    live = place.live_pages(previous) if previous else None
    forced = []
    problem = shrink_problem(pages, live, max_shrink)
    if problem and not force:
        raise PublishRefused(f"Publish ditolak: {problem}. Mungkin sebagian konten hilang atau build terpotong. "
                             "Perbaikan: periksa content/ dan log build; jika penghapusan ini memang disengaja, "
                             "ulangi dengan --force.")
    if problem:
        forced.append(problem)
    keep = max(1, int(keep))
    existing = place.releases()
    commit = _git_commit(project)
    now = now or datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="portal-release-") as extra:
        # "previous" is what rollback returns to: the release live before this one, not the next older name.
        manifest = {"pages": pages, "built": now.astimezone(UTC).isoformat(timespec="seconds"),
                    "commit": commit, "previous": previous}
        (Path(extra) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        sources = [f"{output}/", f"{extra}/"]
        if previous:  # what changes against the live release, for the report (and the whole of a dry run)
            diff = _rsync(["--dry-run", *sources, place.rsync_current()], ssh, remote)
            changes = parse_itemized(diff.stdout)
        else:
            changes = Changes(added=sorted(p.relative_to(output).as_posix()
                                           for p in output.rglob("*") if not p.is_dir()) + [MANIFEST])
        changes.added = [p for p in changes.added if p != MANIFEST]
        changes.updated = [p for p in changes.updated if p != MANIFEST]
        if dry_run:
            return Report(None, previous, changes, pages, live, forced=forced)
        name = _release_name(existing, commit, now)
        link = [f"--link-dest=../{previous}"] if previous else []
        _rsync([*link, *sources, place.rsync_dest(name)], ssh, remote)
    place.switch(name)
    pruned = [old for old in place.releases()[:-keep] if old not in (name, previous)]
    for old in pruned:
        place.remove(old)
    return Report(name, previous, changes, pages, live, pruned, forced)


def rollback(target: str, project: Path, ssh: str = "ssh", to: str = "") -> tuple[str, str]:
    """Point current at the release that was live before it (or at TO); return (was, now)."""
    place = _marked(target, project, ssh)
    with place.lock():
        releases = place.releases()
        current = place.current()
        listed = ", ".join(releases) or "(tidak ada)"
        if to:
            if to not in releases:
                raise PublishRefused(f"Rilis {to} tidak ada di {place.label}. Rilis yang ada: {listed}.")
            goal = to
        else:
            goal = _before(place, current, releases)
        place.switch(goal)
    return current or "", goal


def _before(place: LocalTarget | RemoteTarget, current: str | None, releases: list[str]) -> str:
    """The release live before CURRENT, from its manifest; the next older name only for a release without one."""
    listed = ", ".join(releases) or "(tidak ada)"
    manifest = place.manifest(current) if current else {}
    if "previous" in manifest:
        goal = manifest["previous"]
        if not goal:
            raise PublishRefused(f"Tidak ada rilis sebelum {current} di {place.label} (rilis pertama di sana); "
                                 f"rollback tidak bisa dilakukan. Rilis yang ada: {listed}.")
        if goal not in releases:
            raise PublishRefused(f"Rilis yang tayang sebelum {current} ({goal}) sudah tidak ada di {place.label}. "
                                 f"Perbaikan: pilih rilis dengan --to=NAMA_RILIS. Rilis yang ada: {listed}.")
        return goal
    older = [r for r in releases if current is None or release_key(r) < release_key(current)]
    if not older:
        raise PublishRefused(f"Tidak ada rilis sebelum {current or '(belum ada rilis)'} di {place.label}; "
                             f"rollback tidak bisa dilakukan. Rilis yang ada: {listed}.")
    return older[-1]


def build_and_publish(settings_file: Path, target: str, project: Path, output: Path | None = None,
                      overrides: dict | None = None, ssh: str = "ssh", build: bool = True, **options):
    """Check the target, build, publish: a refused target costs no build, a failed build publishes nothing.

    With ``build=False`` the existing output (``invoke preview``, or CI's checked build with the
    ``portal-build.txt`` it added) goes out as it is, through the same checks.
    Returns (BuildResult or None without a build, Report); BuildFailed or PublishRefused otherwise.
    """
    from portal.build import build_site, load_settings

    _marked(target, project, ssh)
    if not build:
        output = Path(output or load_settings(settings_file, overrides)["OUTPUT_PATH"])
        return None, publish(output, target, project, ssh=ssh, missing_hint="jalankan `invoke preview` dulu "
                             "(atau publish tanpa --no-build)", **options)
    result = build_site(settings_file, output, overrides)
    return result, publish(result.output_path, target, project, ssh=ssh, **options)
