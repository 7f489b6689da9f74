"""The CI files parse, trigger when they should, and run only the project's own commands.

.github/workflows/publish.yml and .gitlab-ci.yml are read with PyYAML. Every
``run:``/``script:`` line is split into the commands it runs: a ``make``
target must be in the Makefile, an ``.venv/bin/invoke`` task (and its flags)
in ``invoke --list``/``invoke --help TASK``, anything else one of a few
standard shell tools. The install-and-test step is exactly README's command.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
INVOKE = ".venv/bin/invoke"
# Standard tools a CI line may use besides the project's own commands.
SHELL_TOOLS = {"echo", "printf", "curl", "sed", "find", "sort", "xargs", "sha256sum", "cut", "cd", "[", "test",
               "export", "cmp", "rm", "mkdir", "cp", ":", "true"}
SHELL_KEYWORDS = {"if", "then", "else", "elif", "fi", "do", "done", "while", "for", "!"}
# Where a new command starts: line start, a pipe or list operator, a subshell.
_COMMAND_START = re.compile(r"(?:^|\|\|?|&&|;|\$\(|\(|`)\s*", re.MULTILINE)
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell SCRIPT, each as its words (rough, but enough for CI lines)."""
    script = re.sub(r"\\\n", " ", script)  # continuation lines
    script = re.sub(r"'[^']*'", "''", script)  # single quotes never hold a command
    # Double-quoted text only matters for the $(...) inside it.
    script = re.sub(r'"([^"]*)"', lambda m: " ; ".join(re.findall(r"\$\([^)]*", m.group(1))) or "''", script)
    found = []
    for piece in _COMMAND_START.split(script):
        words = piece.replace(")", " ").split()
        while words and (words[0] in SHELL_KEYWORDS or _ASSIGNMENT.match(words[0])):
            words = words[1:]
        if words:
            found.append(words)
    return found


@cache
def make_targets() -> frozenset[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return frozenset(re.findall(r"^([A-Za-z][A-Za-z0-9_-]*):(?!=)", text, re.MULTILINE))


@cache
def invoke_tasks() -> frozenset[str]:
    listing = subprocess.run([ROOT / INVOKE, "--list"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return frozenset(re.findall(r"^  ([a-z][a-z0-9-]*)", listing, re.MULTILINE))


@cache
def invoke_flags(task: str) -> frozenset[str]:
    help_text = subprocess.run([ROOT / INVOKE, "--help", task], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout
    return frozenset(re.findall(r"(?<![\w-])(--?[a-z][a-z0-9-]*)", help_text))


def unknown(words: list[str]) -> str | None:
    """Why the command WORDS is not one the project has, or None when it is."""
    name, args = words[0], words[1:]
    if name == "make":
        targets = [a for a in args if not a.startswith("-") and "=" not in a]
        missing = [t for t in targets if t not in make_targets()]
        return f"make target(s) {missing} not in the Makefile" if missing or not targets else None
    if name == INVOKE:
        if not args or args[0] not in invoke_tasks():
            return f"invoke task {args[:1]} not in `invoke --list`"
        flags = [a.split("=")[0] for a in args[1:] if a.startswith("-")]
        missing = [f for f in flags if f not in invoke_flags(args[0])]
        return f"invoke {args[0]} has no option {missing}" if missing else None
    return None if name in SHELL_TOOLS else f"{name!r} is neither a make target, an invoke task nor a shell tool"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def all_runs() -> list[tuple[str, str]]:
    """(where, script) of every shell line of both CI files."""
    runs = [(f"publish.yml {name}: {step.get('name', '')}", step["run"])
            for name, job in workflow()["jobs"].items() for step in steps(job) if "run" in step]
    runs += [(f".gitlab-ci.yml {name}", line) for name, job in gitlab().items()
             if isinstance(job, dict) for line in job.get("before_script", []) + job.get("script", [])]
    return runs


# --- the command splitter and checker themselves ----------------------------------
def test_commands_are_found_in_pipes_lists_and_substitutions():
    script = ('x=$(cd out && find . | sort) ; echo "n=$(sed -n \'s/a/b/p\' f.txt)" >> "$F"\n'
              'if [ a ]; then make setup; fi')
    assert [words[0] for words in commands(script)] == ["cd", "find", "sort", "echo", "sed", "[", "make"]


@pytest.mark.parametrize(("line", "bad"), [
    ("make test", False), ("make setup", False), ("make nosuch", True), ("make", True),
    (f"{INVOKE} preview", False), (f"{INVOKE} test -k built_output", False),
    (f"{INVOKE} nosuch", True), (f"{INVOKE} test --nosuch", True), ("wget http://x", True),
])
def test_unknown_commands_are_named(line, bad):
    assert (unknown(commands(line)[0]) is not None) is bad


# --- GitHub Actions --------------------------------------------------------------------
def test_workflow_triggers_on_push_to_main_and_on_a_schedule():
    triggers = workflow().get("on", workflow().get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons and all(len(cron.split()) == 5 for cron in crons)


def test_workflow_may_deploy_pages_and_nothing_more():
    assert workflow()["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_deploys_never_overlap_and_go_to_the_pages_environment():
    doc = workflow()
    assert doc["concurrency"]["cancel-in-progress"] is False
    deploy = doc["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"] for s in steps(deploy)] == ["actions/deploy-pages@v4"]
    # Deployed only when the build found a change (always true on a push).
    assert "needs.build.outputs.changed" in deploy["if"]


def test_a_repository_variable_pauses_only_the_scheduled_runs():
    """PORTAL_PAUSE_SCHEDULE=true: a Pages rollback is not undone by the next scheduled run."""
    jobs = workflow()["jobs"]
    assert jobs["build"]["if"].replace(" ", "") == (
        "github.event_name!='schedule'||vars.PORTAL_PAUSE_SCHEDULE!='true'")
    # The deploy needs the build, so a skipped build skips it (no always() overrides that).
    assert jobs["deploy"]["needs"] == "build" and "always()" not in jobs["deploy"]["if"]


def test_actions_are_official_and_pinned_to_a_version_tag():
    used = [s["uses"] for job in workflow()["jobs"].values() for s in steps(job) if "uses" in s]
    assert used
    for action in used:
        assert re.fullmatch(r"actions/[a-z-]+(/[a-z-]+)?@v\d+(\.\d+){0,2}", action), action


def test_every_command_is_one_the_project_has():
    problems = [f"{where}: {' '.join(words)}: {why}" for where, script in all_runs()
                for words in commands(script) if (why := unknown(words))]
    assert not problems, problems
    used = {words[0] for _, script in all_runs() for words in commands(script)}
    assert {"make", INVOKE} <= used


def test_install_and_tests_are_exactly_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", readme, re.MULTILINE), "README's quick start names `make test`"
    assert "`.venv/bin/invoke TASK`" in readme
    build = steps(workflow()["jobs"]["build"])
    runs = [s["run"].strip() for s in build if "run" in s]
    assert "make test" in runs
    tested = next(s for s in build if s.get("run", "").strip() == "make test")
    # A push always runs the whole suite: its condition is only "not this very live commit".
    assert tested["if"].replace(" ", "") == "steps.live.outputs.commit!=github.sha"
    live = next(s for s in build if s.get("id") == "live")
    assert live["if"].replace(" ", "") == "github.event_name=='schedule'"
    # The deploy follows the checks: check, build, link check, then upload.
    order = [s.get("run", s.get("uses", "")).strip() for s in build]
    positions = [order.index(x) for x in (".venv/bin/invoke check", ".venv/bin/invoke preview",
                                          ".venv/bin/invoke test -k built_output", "actions/upload-pages-artifact@v3")]
    assert positions == sorted(positions)
    assert order.index("make test") < positions[0]


def test_build_caches_are_keyed_on_the_code_that_makes_them():
    from pelicanconf import CACHE_PATH

    restore = next(s for s in steps(workflow()["jobs"]["build"]) if s.get("uses") == "actions/cache@v4")
    cache_dir = restore["with"]["path"]
    assert (ROOT / cache_dir) in (ROOT / CACHE_PATH).parents or (ROOT / cache_dir) == ROOT / CACHE_PATH
    code = re.search(r"hashFiles\(([^)]*)\)", restore["with"]["key"]).group(1)
    for source in ("requirements.txt", "plugins/**", "theme/**", "pelicanconf.py", "publishconf.py"):
        assert f"'{source}'" in code
    for fallback in filter(None, map(str.strip, restore["with"].get("restore-keys", "").splitlines())):
        # A fallback never crosses a code change: it carries the same code hash.
        assert f"hashFiles({code})" in fallback and restore["with"]["key"].startswith(fallback)


def test_built_output_link_check_is_a_real_test():
    source = (ROOT / "tests" / "test_links.py").read_text(encoding="utf-8")
    assert "def test_built_output_has_no_broken_link" in source


# --- GitLab CI ----------------------------------------------------------------------
def test_gitlab_pages_job_publishes_public_from_main():
    job = gitlab()["pages"]
    assert job["artifacts"]["paths"] == ["public"]
    assert any("CI_DEFAULT_BRANCH" in rule["if"] for rule in job["rules"])
    script = " ; ".join(job["script"])
    for command in ("make test", ".venv/bin/invoke check", ".venv/bin/invoke preview"):
        assert command in script
    assert ".cache/" in job["cache"]["paths"]
