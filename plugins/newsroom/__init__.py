"""Newsroom metadata for Pelican articles.

Owns the article metadata schema: Indonesian aliases (``Penulis:``,
``Rubrik:``, ``Foto:`` …), the people registry, validation with messages that
name the file, line, field and fix, Indonesian dates in WITA, word count and
reading time. Templates and other plugins read ``article.newsroom``.
"""

from .plugin import register

__all__ = ["register"]
