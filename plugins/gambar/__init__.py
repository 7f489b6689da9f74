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

Other plugins use the public functions below, never the plugin's internals;
each takes the build's generator or template context (see api.py).
"""

from . import cachefile  # public: verified cache files (write, is_intact, publish) for distribusi's drawn images
from .api import cached_file, encode_ahead, finished, photo_library, published_copy, renditions_of
from .build import Report
from .photos import PhotoLibrary, PhotoProblem
from .plugin import register
from .presets import Preset
from .renditions import Picture, Rendition

__all__ = ["register", "cachefile", "encode_ahead", "renditions_of", "published_copy", "cached_file", "photo_library",
           "finished",
           "Report", "Preset", "Picture", "Rendition", "PhotoLibrary", "PhotoProblem"]
