"""Rekomendasi: related articles that are genuinely related, explainable and fast.

For every published and hidden article it chooses the "Rekomendasi untuk
Anda" list (``article.rekomendasi``), inserts one or two "Baca juga" links
between its paragraphs, and lists the latest articles (``article.terkini``).
Scoring is content-based (BM25F over headline, Sorotan, lead and body, plus
latent topics fitted on the site's own articles) with editor pins, tags,
rubrik and a recency decay, and one story is never recommended twice
(samestory.py); ``engine.run`` is the whole pipeline. README.md
("Rekomendasi") documents the rules, the settings and how the weights were
chosen.
"""

from .plugin import register

__all__ = ["register"]
