"""The slug rule, shared by article Slug: and people.toml: a slug is one
segment of an address, so only lower-case letters, digits and hyphens."""

from __future__ import annotations

import re

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def suggest(text: str) -> str:
    """A slug of TEXT that SLUG accepts: Pelican's, with what it keeps but SLUG
    refuses ("_") made a hyphen; "" when nothing of TEXT is a letter or digit."""
    made = slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return re.sub(r"[^a-z0-9]+", "-", made).strip("-")
