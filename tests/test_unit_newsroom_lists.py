"""Unit tests (no site build) for newsroom's article lists and URL memo."""

from newsroom.lists import ArticleList


class Story:
    """An object without __eq__, as Pelican's articles are."""


def test_membership_is_by_identity_and_order_is_kept():
    a, b, c = Story(), Story(), Story()
    listed = ArticleList([b, a])
    assert a in listed and b in listed and c not in listed
    assert list(listed) == [b, a] and listed[0] is b
    assert [x for x in (a, b, c) if x in listed] == [a, b]  # what Pelican's loops compute


def test_an_article_list_pickles_as_a_plain_list():
    import pickle

    listed = ArticleList([1, 2, 3])
    again = pickle.loads(pickle.dumps(listed))
    assert again == [1, 2, 3] and type(again) is list


def test_a_plugins_build_state_lives_in_the_context_and_is_never_pickled():
    import pickle
    from types import SimpleNamespace

    import pytest
    from newsroom import state

    class Build(state.BuildState):
        def __init__(self):
            self.learned = ["sesuatu"]

    generator = SimpleNamespace(context={})
    first = state.start(generator, "contoh_build", Build)
    assert state.start(generator, "contoh_build", Build) is first  # one per build
    assert state.of(generator.context, "contoh_build", "contoh") is first
    assert pickle.loads(pickle.dumps({"contoh_build": first})) == {"contoh_build": None}
    with pytest.raises(LookupError, match="plugin 'contoh' belum berjalan"):
        state.of({}, "contoh_build", "contoh")
