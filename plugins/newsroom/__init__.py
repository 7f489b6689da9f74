"""Newsroom metadata for Pelican articles.

Owns the article metadata schema: Indonesian aliases (``Penulis:``,
``Rubrik:``, ``Foto:`` …), the people registry, validation with messages that
name the file, line, field and fix, Indonesian dates in WITA, word count and
reading time. Templates and other plugins read ``article.newsroom``.

Other plugins may use these modules, and nothing else of newsroom:
``body`` (the article Body: blocks, edits, inserts, rendering), ``articles``
(Pelican's article collections, named once), ``dates`` (WITA dates),
``order`` (the plugin order), ``problems`` (the editor's error messages),
``state`` (a plugin's per-build state in the generators' shared context),
``parallel.fork_workers`` (when forked workers pay); for plugins/papan's
Pengumuman and Agenda: ``schema``, ``validate.MetadataCheck``,
``plaintext``, ``slugs`` and ``report_problems`` (their problems join the
build's, reported together).
"""

from . import articles, body, dates, order, parallel, problems, state
from .plugin import register, report_problems

__all__ = ["register", "report_problems", "articles", "body", "dates", "order", "parallel", "problems", "state"]
