"""``{% once %}`` (plugins/newsroom/once.py): a fragment rendered once per build
and reused, with pages byte-for-byte what they are when every page renders it."""

from __future__ import annotations

import hashlib
import pickle

import pytest
from jinja2 import DictLoader, Environment
from newsroom import once

OPTIONS = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}


def environment(templates: dict[str, str], extension=once.NAME) -> Environment:
    return Environment(loader=DictLoader(templates), extensions=[extension], **OPTIONS)


def counted(env: Environment) -> list[str]:
    calls: list[str] = []
    env.globals["seen"] = lambda value: calls.append(value) or value
    return calls


def test_the_body_is_rendered_once_per_key_and_reused():
    env = environment({"page": '<p>\n{% once "salam", who %}\n<b>{{ seen(who) }}</b>\n{% endonce %}\n</p>'})
    calls = counted(env)
    page = env.get_template("page")
    expected = "<p>\n<b>Ani &amp; &lt;Budi&gt;</b>\n</p>"
    assert page.render(who="Ani & <Budi>") == page.render(who="Ani & <Budi>") == expected
    assert calls == ["Ani & <Budi>"]
    assert page.render(who="Citra 😀") == "<p>\n<b>Citra 😀</b>\n</p>"  # another key: rendered anew
    assert calls == ["Ani & <Budi>", "Citra 😀"]


def test_a_list_in_the_key_stands_for_its_items():
    env = environment({"page": '{% once "daftar", items %}{{ seen(items|join(",")) }}{% endonce %}'})
    calls = counted(env)
    page = env.get_template("page")
    assert page.render(items=["a", "b"]) == page.render(items=["a", "b"]) == "a,b"
    assert page.render(items=["a", "c"]) == "a,c"
    assert calls == ["a,b", "a,c"]


def test_keep_false_renders_the_body_and_holds_nothing():
    env = environment({"page": '{% once "x", who, keep=who != "Ani" %}{{ seen(who) }}{% endonce %}'})
    calls = counted(env)
    page = env.get_template("page")
    assert [page.render(who=w) for w in ("Ani", "Ani", "Budi", "Budi")] == ["Ani", "Ani", "Budi", "Budi"]
    assert calls == ["Ani", "Ani", "Budi"] and list(env.once_fragments) == [("x", "Budi")]


def test_each_environment_starts_empty():
    templates = {"page": '{% once "x" %}{{ seen(who) }}{% endonce %}'}
    first, second = environment(templates), environment(templates)
    counted(first), counted(second)
    assert first.get_template("page").render(who="Ani") == "Ani"
    assert second.get_template("page").render(who="Budi") == "Budi"  # a new build's environment


def test_every_time_renders_the_body_on_every_page():
    env = environment({"page": '{% once "x" %}{{ seen(who) }}{% endonce %}'}, once.EVERY_TIME)
    calls = counted(env)
    assert [env.get_template("page").render(who=w) for w in ("Ani", "Budi")] == ["Ani", "Budi"]
    assert calls == ["Ani", "Budi"]


def test_jinja_settings_gain_once_and_keep_what_was_set():
    options = once.jinja_environment({"trim_blocks": True, "extensions": ["jinja2.ext.do"]})
    assert options["extensions"] == ["jinja2.ext.do", once.NAME] and options["auto_reload"] is False
    assert once.jinja_environment(options) == options  # not added twice
    chosen = once.jinja_environment({"auto_reload": True, "extensions": [once.EVERY_TIME]})
    assert chosen == {"auto_reload": True, "extensions": [once.EVERY_TIME]}
    pickle.dumps(options)  # Pelican pickles its settings into the content cache


def digests(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("relative_urls", [False, True], ids=["absolute", "relative-urls"])
def test_the_site_is_byte_identical_with_every_fragment_rendered_on_every_page(
        sample_content, build, tmp_path, relative_urls):
    """The keys name all that a fragment reads: with RELATIVE_URLS each page has its own SITEURL."""
    from pelican.settings import read_settings

    from tests.conftest import SETTINGS

    jinja = dict(read_settings(str(SETTINGS))["JINJA_ENVIRONMENT"])
    cached = build(sample_content, tmp_path / "once", RELATIVE_URLS=relative_urls)
    every = build(sample_content, tmp_path / "every", RELATIVE_URLS=relative_urls,
                  JINJA_ENVIRONMENT={**jinja, "extensions": [once.EVERY_TIME]})
    assert len([p for p in cached.output.rglob("*.html")]) > 100
    assert digests(cached.output) == digests(every.output)
