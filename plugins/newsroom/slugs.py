"""The slug rule, shared by article Slug: and people.toml: a slug is one
segment of an address, so only lower-case letters, digits and hyphens."""

from __future__ import annotations

import re

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def suggest(text: str) -> str:
    """The slug Pelican would make of TEXT ("" when nothing of it is a letter or digit)."""
    return slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
