"""Responsive image renditions for the theme.

Templates call ``picture(path, preset)``; the first call for a photo makes its
WebP and JPEG renditions (Pillow) in the cache, keyed by a hash of the source
bytes and the rendition parameters, and the build copies the renditions it
used into the output. An unchanged photo is never re-encoded.
"""

from .plugin import register

__all__ = ["register"]
