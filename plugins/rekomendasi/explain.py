"""What made a recommendation: the data templates and ``invoke explain`` read."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Model, Pick


@dataclass(slots=True)
class Recommendation:
    """One item of ``article.rekomendasi``: the article, its score and why. Slots, no instance dict:
    six of these an article, and the fewer objects a build keeps, the rarer its full garbage collections."""

    article: object  # the recommended pelican Article
    pick: Pick
    _index: Model
    _source: int  # the recommending article's number in the index

    def __fingerprint__(self):
        """What a page shows of it (newsroom.fingerprint): the article, in its place in the list. Its
        scores move a little with every edit anywhere in the site, and no page prints them."""
        return self.article

    @property
    def score(self) -> float:
        return self.pick.score

    @property
    def pinned(self) -> bool:
        return self.pick.pinned

    @property
    def shared_terms(self) -> list[tuple[str, float]]:
        """The five words that add most to the word cosine (computed on each use: only explain reads them)."""
        return self._index.shared_terms(self._source, self.pick.index)

    def reasons(self) -> list[str]:
        """One line per reason, in Indonesian for editors (``invoke explain``)."""
        p = self.pick
        lines = []
        if p.pinned:
            lines.append("dipasang editor (Terkait)")
        words = ", ".join(f"{w} ({v:.3f})" for w, v in self.shared_terms)
        lines.append(f"kemiripan kata {p.word:.3f}" + (f": {words}" if words else ""))
        lines.append(f"kemiripan topik {p.topic:.3f}")
        if p.shared_tags:
            lines.append("tag sama: " + ", ".join(p.shared_tags))
        lines.append("rubrik sama" if p.same_rubrik else "rubrik berbeda")
        lines.append(f"faktor kebaruan {p.recency:.3f}")
        return lines


def report(article, recommendations: list[Recommendation]) -> str:
    """The text ``invoke explain SLUG`` prints: the list, then the candidates
    left out as the same story as the article or as an earlier pick."""
    out = [f"Rekomendasi untuk {article.slug} ({article.date:%Y-%m-%d}): {len(recommendations)} artikel"]
    for rank, rec in enumerate(recommendations, start=1):
        out.append(f"{rank}. {rec.article.slug}  skor {rec.score:.4f}")
        out.extend(f"     - {line}" for line in rec.reasons())
    for dropped, repeated, shared in getattr(article, "rekomendasi_dropped", ()):
        which = "artikel ini" if repeated is article else repeated.slug
        out.append(f"dibuang (berita yang sama): {dropped.slug} mengulang {which} "
                   f"(frasa bersama {shared:.2f})")
    return "\n".join(out)
