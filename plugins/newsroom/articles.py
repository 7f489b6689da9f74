"""The article collections of Pelican's ArticlesGenerator, named once."""

from __future__ import annotations

from itertools import chain


def written_articles(generator):
    """Every article Pelican writes: published and hidden, with translations
    (drafts are never written on this portal)."""
    return chain(generator.articles, generator.translations, generator.hidden_articles,
                 generator.hidden_translations)


def every_article(generator):
    """Every article read, drafts included."""
    return chain(written_articles(generator), generator.drafts, generator.drafts_translations)
