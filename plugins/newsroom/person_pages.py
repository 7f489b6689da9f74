"""One page per person: ``/penulis/<slug>/`` for everyone credited on a
published article, as penulis, editor or wartawan.

Pelican writes author pages only for the authors of articles. An editor or a
wartawan who wrote nothing is added to Pelican's ``authors`` with the
articles they edited or reported, so Pelican writes and paginates their page
like any other, and everything that reads ``authors`` (the /penulis/ index,
the sitemap, the JSON-LD's person URLs) knows it. Someone who wrote keeps the
page of what they wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from pelican.urlwrappers import Author

from .people import Person, Registry

# The theme's string (theme/strings.toml) that opens a page's heading, by the
# roles whose articles the page lists.
HEADINGS = {
    ("penulis",): "articles_by",
    ("editor",): "articles_edited_by",
    ("wartawan",): "articles_reported_by",
    ("editor", "wartawan"): "articles_edited_reported_by",
}


@dataclass(frozen=True)
class PersonPage:
    """What templates read as ``person_page(someone)``."""

    person: Person
    url: str
    lists: tuple[str, ...]  # the roles whose articles the page lists: ("penulis",) for anyone who wrote

    @property
    def heading(self) -> str:
        return HEADINGS[self.lists]


def add_person_pages(generator, registry: Registry) -> dict[str, PersonPage]:
    """Give everyone credited a page; return every person's page by slug."""
    wrote = {author.slug for author, _ in generator.authors}
    others: dict[str, tuple[Person, list, set[str]]] = {}
    for article in generator.articles:  # published and listed, in Pelican's order
        newsroom = getattr(article, "newsroom", None)
        if newsroom is None:
            continue
        for role, person in (("editor", newsroom.editor), ("wartawan", newsroom.reporter)):
            if person is None or person.slug in wrote:
                continue
            _, articles, roles = others.setdefault(person.slug, (person, [], set()))
            roles.add(role)
            if not articles or articles[-1] is not article:
                articles.append(article)
    for slug, (person, articles, _) in others.items():
        author = Author(person.name, generator.settings)
        author.slug = slug
        generator.authors.append((author, articles))
    generator.authors.sort()
    generator.context["authors"] = generator.authors

    by_slug = {person.slug: person for person in registry.people.values()}
    pages = {}
    for author, _ in generator.authors:
        person = by_slug.get(author.slug)
        if person is None:
            continue
        lists = ("penulis",) if author.slug in wrote else tuple(
            role for role in ("editor", "wartawan") if role in others[author.slug][2])
        pages[author.slug] = PersonPage(person, author.url, lists)
    return pages
