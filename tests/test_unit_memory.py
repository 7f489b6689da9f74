"""The build's garbage-collector policy (newsroom.memory.freeze and thaw)."""

import gc

from newsroom import memory
from pelican import signals


class Node:
    def __init__(self):
        self.other = self


def test_frozen_objects_are_out_of_the_collectors_walks_until_thawed():
    gc.collect()
    try:
        memory.freeze()
        assert gc.get_freeze_count() > 0
        Node()  # cyclic garbage made after the freeze: still collected
        assert gc.collect() >= 1
    finally:
        memory.thaw()
    assert gc.get_freeze_count() == 0


def test_a_build_freezes_its_objects_and_the_next_build_starts_thawed(content, build, tmp_path):
    content.article("berita-satu")
    content.article("berita-dua", Title="Berita Kedua & Terakhir")
    seen = []

    def count_at_start(_generator):
        seen.append(gc.get_freeze_count())

    signals.article_generator_init.connect(count_at_start)
    try:
        build(content, tmp_path / "satu")
        after_first = gc.get_freeze_count()
        build(content, tmp_path / "dua", PORTAL_SKIP_UNCHANGED=False)
    finally:
        signals.article_generator_init.disconnect(count_at_start)
        memory.thaw()
    assert after_first > 0  # the articles and page data were frozen for the writing
    assert seen == [0, 0]  # each build gave the last one's objects back to the collector first



def test_the_last_builds_objects_are_freed_when_the_next_build_starts(content, build, tmp_path):
    """The live preview builds again and again in one process: a build's articles, frozen for its
    writing and held by Pelican's memo of their content, must not outlive the next build."""
    import weakref

    content.article("berita-satu")
    first = build(content, tmp_path / "satu")
    article = weakref.ref(first.result.context["articles"][0])
    cycle = Node()  # garbage in a cycle, made before the build's last freeze
    gone = weakref.ref(cycle)
    memory.freeze()
    del first, cycle
    try:
        build(content, tmp_path / "dua", PORTAL_SKIP_UNCHANGED=False)
    finally:
        memory.thaw()
    assert gone() is None
    assert article() is None
