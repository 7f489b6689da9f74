"""The article lists of rubrik, tags and people, with constant-time membership.

Pelican writes each tag, rubrik and author page with
``[article for article in self.dates if article in articles]``: a scan of the
page's list for every article of the site, so the time grows with articles
times lists (about 9 CPU seconds at 10,000 articles, and the people pages of
editors and wartawan double the author part). The lists stay lists, in the
same order; only ``in`` looks the article up in a set of identities.
"""

from __future__ import annotations


class ArticleList(list):
    """A list of articles whose ``in`` is a set lookup (by identity, as a list
    of objects without ``__eq__`` compares them)."""

    def __init__(self, articles=()):
        super().__init__(articles)
        self._members = {id(article) for article in self}

    def __contains__(self, article) -> bool:
        return id(article) in self._members

    def __reduce__(self):  # pickled as the plain list it is
        return (list, (list(self),))


def index_lists(generator) -> None:
    """Swap every tag, rubrik and author list of GENERATOR for an ArticleList.

    Run once the lists are complete (newsroom adds the people pages first) and
    nothing appends to them any more; the context keeps the same objects.
    """
    for tag, articles in generator.tags.items():
        generator.tags[tag] = ArticleList(articles)
    generator.context["tags"] = list(generator.tags.items())
    generator.categories[:] = [(category, ArticleList(articles)) for category, articles in generator.categories]
    generator.authors[:] = [(author, ArticleList(articles)) for author, articles in generator.authors]
