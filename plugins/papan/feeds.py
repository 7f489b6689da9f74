"""One Atom feed per type: ``feeds/jenis/pengumuman.atom.xml`` (valid
announcements, newest first) and ``feeds/jenis/agenda.atom.xml`` (events, by
the date they were announced). Each entry carries the item's whole text,
with absolute links, as the news feeds do."""

from __future__ import annotations

from feedgenerator import Atom1Feed, get_tag_uri


def path_of(jenis: str) -> str:
    return f"feeds/jenis/{jenis}.atom.xml"


def write_feed(path, items, title: str, link: str, siteurl: str, description_of) -> None:
    from distribusi.feeds import absolute_links  # the news feeds' rule for links read away from the site

    if not items:  # feedgenerator would date an empty feed by the clock: not reproducible
        return
    feed = Atom1Feed(title=title, link=link, description="", language="id",
                     feed_url=f"{siteurl}/{path_of(path.name.split('.')[0])}")
    for item in items:
        url = f"{siteurl}/{item.url}"
        feed.add_item(title=str(item.title), link=url, unique_id=get_tag_uri(url, item.date),
                      description=description_of(item), content=absolute_links(item.content, siteurl),
                      pubdate=item.date, updateddate=getattr(item, "modified", None) or item.date,
                      categories=[item.papan.kategori.name])
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
