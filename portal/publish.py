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
(pages, build time, commit) so the page-count guard can read what is live.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MARKER = ".portal-web-root"
MANIFEST = ".portal-release.json"
RELEASES = "releases"
CURRENT = "current"
MAX_SHRINK = 0.2  # refuse a build with over 20% fewer pages than the live one
KEEP_RELEASES = 5
RELEASE_NAME = re.compile(r"^\d{8}T\d{6}Z-[0-9a-z]+(-\d+)?$")
# rsync copies the files world-readable whatever output/ had (mkdtemp makes it 0700).
RSYNC_BASE = ["rsync", "--recursive", "--links", "--perms", "--chmod=D755,F644", "--checksum", "--delete"]


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
    path = path.rstrip("/") if path.rstrip("/") else path
    if path.startswith("~/"):
        path = path[2:]  # ssh commands and rsync both start in the home folder
    if not host.strip() or not path.strip() or path in ("/", "~", "."):
        raise PublishRefused(
            f"Tujuan {target!r} tidak menyebut folder web di server (folder rumah atau / tidak boleh). "
            "Perbaikan: tulis user@host:/var/www/portal.")
    return host, path


def open_target(target: str, project: Path, ssh: str = "ssh") -> LocalTarget | RemoteTarget:
    """The target TARGET names, after every check that needs no marker; PublishRefused otherwise."""
    if target.strip() and is_remote(target.strip()):
        return RemoteTarget(*_split_remote(target.strip()), ssh=ssh)
    return LocalTarget(check_local_place(target, project))


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
        (self.root / RELEASES).mkdir(parents=True, exist_ok=True)
        for folder in (self.root, self.root / RELEASES):
            folder.chmod(0o755)
        (self.root / MARKER).write_text("Folder web portal; dokumen root web server: current/\n", encoding="utf-8")

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
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and RELEASE_NAME.match(p.name)) \
            if folder.is_dir() else []

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
        self._run(f"mkdir -p {self._q(RELEASES)} && chmod 755 {self._q()} {self._q(RELEASES)} "
                  f"&& touch {self._q(MARKER)}")

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
        return sorted(n for n in done.stdout.split() if RELEASE_NAME.match(n))

    def live_pages(self, name: str) -> int | None:
        """From the release's manifest; None when it has none (then the guard cannot compare)."""
        done = self._run(f"cat {self._q(RELEASES, name, MANIFEST)}", check=False)
        try:
            return int(json.loads(done.stdout)["pages"])
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
    base = f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{commit}"
    name, number = base, 1
    while name in existing:
        number += 1
        name = f"{base}-{number}"
    return name


def _rsync(args: list[str], ssh: str) -> subprocess.CompletedProcess:
    command = [*RSYNC_BASE, "--itemize-changes", "-e", ssh, *args]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PublishRefused(f"rsync gagal ({done.returncode}): {done.stderr.strip()}. Situs yang tayang tidak "
                             "berubah (rilis baru belum diaktifkan). Perbaikan: periksa tujuan dan ruang disk, "
                             "lalu ulangi publish.")
    return done


def publish(output: Path, target: str, project: Path, *, dry_run: bool = False, force: bool = False,
            max_shrink: float = MAX_SHRINK, keep: int = KEEP_RELEASES, ssh: str = "ssh",
            now: datetime | None = None) -> Report:
    """Copy OUTPUT to a new release under TARGET and make it current; PublishRefused if that would harm."""
    place = _marked(target, project, ssh)
    output = Path(output)
    if not (output / "index.html").is_file():
        raise PublishRefused(f"{output} tidak berisi situs (index.html tidak ada). Perbaikan: jalankan build "
                             "dulu; publish tidak mengirim folder kosong.")
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
        manifest = {"pages": pages, "built": now.astimezone(UTC).isoformat(timespec="seconds"),
                    "commit": commit}
        (Path(extra) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        sources = [f"{output}/", f"{extra}/"]
        if previous:  # what changes against the live release, for the report (and the whole of a dry run)
            diff = _rsync(["--dry-run", *sources, place.rsync_current()], ssh)
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
        _rsync([*link, *sources, place.rsync_dest(name)], ssh)
    place.switch(name)
    pruned = [old for old in place.releases()[:-keep] if old not in (name, previous)]
    for old in pruned:
        place.remove(old)
    return Report(name, previous, changes, pages, live, pruned, forced)


def rollback(target: str, project: Path, ssh: str = "ssh", to: str = "") -> tuple[str, str]:
    """Point current at the release before it (or at TO); return (was, now)."""
    place = _marked(target, project, ssh)
    releases = place.releases()
    current = place.current()
    if to:
        if to not in releases:
            raise PublishRefused(f"Rilis {to} tidak ada di {place.label}. Rilis yang ada: "
                                 f"{', '.join(releases) or '(tidak ada)'}.")
        goal = to
    else:
        older = [r for r in releases if current is None or r < current]
        if not older:
            raise PublishRefused(f"Tidak ada rilis sebelum {current or '(belum ada rilis)'} di {place.label}; "
                                 "rollback tidak bisa dilakukan. Rilis yang ada: "
                                 f"{', '.join(releases) or '(tidak ada)'}.")
        goal = older[-1]
    place.switch(goal)
    return current or "", goal


def build_and_publish(settings_file: Path, target: str, project: Path, output: Path | None = None,
                      overrides: dict | None = None, ssh: str = "ssh", **options):
    """Check the target, build, publish: a refused target costs no build, a failed build publishes nothing.

    Returns (BuildResult, Report); BuildFailed or PublishRefused otherwise.
    """
    from portal.build import build_site

    _marked(target, project, ssh)
    result = build_site(settings_file, output, overrides)
    return result, publish(result.output_path, target, project, ssh=ssh, **options)
