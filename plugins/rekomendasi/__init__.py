"""Rekomendasi: related articles that are genuinely related, explainable and fast.

For every published and hidden article it chooses the "Rekomendasi untuk
Anda" list (``article.rekomendasi``), inserts one or two "Baca juga" links
between its paragraphs, and lists the latest articles (``article.terkini``).
Scoring is content-based (BM25 words plus latent topics over Indonesian
tokens) with editor pins, tags, rubrik and a recency decay; README.md
("Rekomendasi") documents the rules and the settings.
"""

from .plugin import register

__all__ = ["register"]
