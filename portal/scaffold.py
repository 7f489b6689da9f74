"""``invoke new``: a new article file with every field of the schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.schema import ARTICLE_FIELDS  # noqa: E402
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

WITA = ZoneInfo("Asia/Makassar")


def write_article(content: Path, title: str, *, rubrik: str = "", penulis: str = "", editor: str = "",
                  now: dt.datetime | None = None) -> Path:
    """Write the scaffold and return its path; never overwrite an existing file."""
    title = " ".join(title.split())
    if not title:
        raise SystemExit("Judul kosong: tulis judul artikel, mis. invoke new \"Judul artikel\"")
    now = (now or dt.datetime.now(WITA)).astimezone(WITA)
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])[:70].rstrip("-")
    values = {
        "title": title, "slug": slug, "date": f"{now:%Y-%m-%d %H:%M}", "category": rubrik,
        "author": penulis, "editor": editor, "status": "draft",
    }
    lines = []
    for field in ARTICLE_FIELDS:
        if field.key == "modified":
            continue  # set it when the article changes after publication
        name = field.alias or field.label
        lines.append(f"{name}: {values.get(field.key, '')}".rstrip() if field.key in values
                     else f"{name}:")
    body = ("Tulis paragraf pertama di sini: siapa, apa, kapan, di mana, mengapa, bagaimana.\n\n"
            "Paragraf berikutnya. Penanda halaman baru ditulis sendirian pada satu baris di antara "
            "paragraf (lihat README).\n")
    path = content / "articles" / f"{now:%Y-%m-%d}-{slug}.md"
    if path.exists():
        raise SystemExit(f"{path} sudah ada: pilih judul lain atau sunting berkas itu.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    return path
