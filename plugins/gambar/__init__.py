"""Images for the theme, and the rule that no photo is published as it is.

Templates call ``picture(path, preset)``; the first call for a photo makes its
WebP and JPEG renditions (Pillow) in the cache, keyed by a hash of the source
bytes and the rendition parameters, and the build copies the renditions it
used into the output. An unchanged photo is never re-encoded.

Every photo an editor names (Foto, a portrait, the logo, a body image) must
be inside content/images and decode in full within GAMBAR_MAX_PIXELS; check
and build ask the same library (photos.py). Body images and the logo are
published as stripped copies, and only when a page a reader can open links
them (linked.py). Cache files are verified when read (cachefile.py).
"""

from .plugin import register

__all__ = ["register"]
