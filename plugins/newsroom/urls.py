"""Content URLs worked out once per build instead of on every access.

Pelican recomputes ``Content.url`` and ``save_as`` each time they are read:
a copy of the metadata and a ``strftime`` of the date per access, tens of
thousands of times per build (every card on every list page reads one).
Once every file is read the URLs are final, so ``freeze`` marks the written
contents and from then on each of their URL settings is formatted once.
Pelican's own ``override_url``/``override_save_as`` would hold them too, but
they also change how the writer treats a second file at the same path.
"""

from __future__ import annotations

from pelican.contents import Content

_ORIGINAL = "_newsroom_original_get_url_setting"
MEMO = "_newsroom_urls"  # the attribute that holds a frozen content's URLs (fingerprint skips it)


def _memoised(self, key: str) -> str:
    memo = self.__dict__.get(MEMO)
    if memo is None:  # not frozen yet: URLs may still change while files are read
        return getattr(Content, _ORIGINAL)(self, key)
    value = memo.get(key)
    if value is None:
        value = memo[key] = getattr(Content, _ORIGINAL)(self, key)
    return value


def install() -> None:
    """Wrap ``Content.get_url_setting`` once per process."""
    if hasattr(Content, _ORIGINAL):
        return
    setattr(Content, _ORIGINAL, Content.get_url_setting)
    Content.get_url_setting = _memoised


def freeze(contents) -> None:
    """From now on each URL setting of CONTENTS is formatted once."""
    for content in contents:
        content.__dict__[MEMO] = {}
