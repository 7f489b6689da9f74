"""Settings for building the portal locally (``invoke build``, ``make serve``).

Every setting the project adds is documented in README.md ("Settings").
"""

import os
import tomllib
from pathlib import Path

_HERE = Path(__file__).resolve().parent

# --- Identity -------------------------------------------------------------
SITENAME = "Warta Lombok Tengah"
SITESUBTITLE = "Portal berita Diskominfo Kabupaten Lombok Tengah"
SITEURL = ""
# Where the portal is published; share links (and later canonical URLs) use it
# even in a local build, since a link shared from a preview must still work.
PUBLIC_SITEURL = os.environ.get("PORTAL_SITEURL", "https://berita.lomboktengahkab.go.id").rstrip("/")
AUTHOR = "Diskominfo Lombok Tengah"
# The office's logo, a file under content/images/ (e.g. "images/logo-diskominfo.png"):
# the header's logo, the app icons and the publisher logo. None: a monogram is drawn.
LOGO = None
PUBLISHER = {
    "name": "Dinas Komunikasi dan Informatika Kabupaten Lombok Tengah",
    "short_name": "Diskominfo Lombok Tengah",
    "address": "Jalan Gajah Mada No. 1, Praya, Lombok Tengah, NTB 83511",
    "phone": "(0370) 654321",
    "email": "diskominfo@lomboktengahkab.go.id",
    "social": [
        ("Facebook", "https://www.facebook.com/diskominfoloteng"),
        ("Instagram", "https://www.instagram.com/diskominfoloteng"),
        ("YouTube", "https://www.youtube.com/@diskominfoloteng"),
        ("X", "https://x.com/diskominfoloteng"),
    ],
}

# The only rubrik an article may use, in menu order, with their descriptions.
RUBRIK = {
    "Pemerintahan": "Kebijakan, program dan kegiatan Pemerintah Kabupaten Lombok Tengah.",
    "Pelayanan Publik": "Layanan bagi warga: Mal Pelayanan Publik, perizinan dan pengaduan.",
    "Smart City": "Kota cerdas, SPBE dan transformasi digital pemerintahan.",
    "Kependudukan": "Administrasi kependudukan: e-KTP, IKD, akta dan kartu keluarga.",
    "Desa Digital": "Internet desa, layanan desa daring dan literasi digital warga.",
    "Informasi Publik": "Keterbukaan informasi publik dan layanan PPID.",
}

# --- Language and time ----------------------------------------------------
DEFAULT_LANG = "id"
TIMEZONE = "Asia/Makassar"  # WITA, UTC+8; dates in content are read as WITA
WITH_FUTURE_DATES = False  # an article dated in the future waits as a draft

# --- Paths ----------------------------------------------------------------
PATH = str(_HERE / "content")
OUTPUT_PATH = str(_HERE / "output")
THEME = str(_HERE / "theme")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Nothing is copied as it is: photos reach output/ only as renditions or
# metadata-free copies that a published page links to (plugins/gambar).
STATIC_PATHS = []
PLUGIN_PATHS = [str(_HERE / "plugins")]
# papan: Pengumuman and Agenda (content/pengumuman/, content/agenda/); its
# PAPAN_* settings and their defaults are in plugins/papan/config.py.
# distribusi last: its `finalized` step indexes the finished output with Pagefind.
PLUGINS = ["newsroom", "gambar", "halaman", "rekomendasi", "papan", "distribusi"]

# --- URL scheme (DESIGN.md): directory URLs that work on any static host -----
ARTICLE_URL = "berita/{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
ARTICLE_LANG_URL = ARTICLE_URL + "{lang}/"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
PAGE_LANG_SAVE_AS = ""
CATEGORY_URL = "rubrik/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "rubrik/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_URL = "penulis/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
ARCHIVES_URL = "arsip/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# Drafts stay private: nothing is written for them.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
# "404" is written to 404.html at the root, where static hosts look for it.
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "cari"]
INDEX_SAVE_AS = "index.html"
# The search page; its index is built by plugins/distribusi (Pagefind).
CARI_URL = "cari/"
CARI_SAVE_AS = CARI_URL + "index.html"

# --- Lists ----------------------------------------------------------------
DEFAULT_PAGINATION = 10
DEFAULT_ORPHANS = 0
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
# Page N of any list lives in a directory of its own, so "tag/x" page 3 can
# never collide with a tag slugged "x3" (Pelican's default patterns can).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
)

# --- Feeds ----------------------------------------------------------------
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/semua.atom.xml"
CATEGORY_FEED_ATOM = "feeds/rubrik/{slug}.atom.xml"
FEED_ALL_RSS = "feeds/semua.rss.xml"
CATEGORY_FEED_RSS = "feeds/rubrik/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50
# Feed entries, sitemaps, robots.txt, social images, JSON-LD and the search
# index are written by plugins/distribusi; its DISTRIBUSI_* settings and their
# defaults are in plugins/distribusi/config.py and README.md ("Distribution").

# --- Theme ----------------------------------------------------------------
# Autoescape on for every template: metadata is plain text everywhere and is
# escaped on output; only the article/page body is marked safe (|safe in
# partials/article_body.html and page.html). trim_blocks/lstrip_blocks are
# Pelican's defaults, repeated because this setting replaces them.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# UI text lives in one file (theme/strings.toml); templates read it as T.key.
with open(_HERE / "theme" / "strings.toml", "rb") as _strings:
    JINJA_GLOBALS = {"T": tomllib.load(_strings)}

# --- Reading --------------------------------------------------------------
# Every article names its rubrik; never fall back to the folder's name.
USE_FOLDER_AS_CATEGORY = False
# Articles are Markdown; without the reStructuredText reader docutils is never
# loaded (and never warns that it has no Indonesian localisation).
READERS = {"rst": None}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
SUMMARY_MAX_LENGTH = 40
SLUGIFY_SOURCE = "title"

# --- Content cache --------------------------------------------------------
# Keyed on a hash of each file's content, not its mtime: a fresh CI checkout
# has new mtimes on every file, which would make an mtime cache useless.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
# plugins/newsroom drops the reader cache by itself when its reader code
# changes; image renditions stay cached under the same folder.
CACHE_PATH = str(_HERE / ".cache" / "pelican")

RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False  # builds go into a fresh folder (portal.build)
