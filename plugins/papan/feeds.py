"""One Atom feed per type: ``feeds/pengumuman.atom.xml`` (newest first, the
expired ones left out) and ``feeds/agenda.atom.xml`` (by date announced)."""

from __future__ import annotations

from feedgenerator import Atom1Feed, get_tag_uri


def write_feed(path, items, title: str, link: str, siteurl: str, description_of) -> None:
    feed = Atom1Feed(title=title, link=link, description="", language="id",
                     feed_url=f"{siteurl}/{path.name}" if False else None)
    for item in items:
        url = f"{siteurl}/{item.url}"
        feed.add_item(title=str(item.title), link=url, unique_id=get_tag_uri(url, item.date),
                      description=description_of(item), pubdate=item.date,
                      updateddate=getattr(item, "modified", None) or item.date,
                      categories=[item.papan.kategori.name])
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
