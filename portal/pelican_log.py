"""Pelican's own log lines, as an editor reads them: in Bahasa Indonesia.

Pelican logs in English. Each line an editor may meet in ``invoke check``,
``invoke build`` or livereload is rewritten here (same arguments, Indonesian
text), or dropped when the portal reports the same thing better itself:

- "Feeds generated without SITEURL…": fires only for an empty SITEURL, which
  is the local preview by design (publishconf.py sets SITEURL and FEED_DOMAIN);
- "There are N items … with lang …" and "There are N original (not
  translated) items …": a duplicate slug, which newsroom's check
  reports as an error naming every file ("slug 'x' juga dipakai …").

Any other line passes unchanged, so a real warning is never hidden.
Pelican's closing "Done: Processed …" is a console print, not a log line:
portal/build.py silences that console during a build (``quiet_console``).
"""

from __future__ import annotations

import contextlib
import logging

DROPPED = (
    "Feeds generated without SITEURL or FEED_DOMAIN set properly",
    'There are %s items "%s" with lang %s',
    'There are %s original (not translated) items %s',
)

# English format string (its start) -> Indonesian format string with the same %s arguments.
TRANSLATED = {
    "Could not process %s": "%s tidak bisa diproses",
    "Unable to find '%s', skipping url replacement.":
        "tautan internal '%s' tidak menemukan berkasnya, jadi tautan itu dibiarkan apa adanya (periksa nama berkas "
        "setelah {filename} atau {static})",
    "Other resources were not found and their urls not replaced":
        "tautan internal lain juga tidak menemukan berkasnya",
    "Empty alt attribute for image %s in %s": "gambar %s di %s tanpa teks alternatif (alt)",
    "Other images have empty alt attributes": "gambar lain juga tanpa teks alternatif (alt)",
    "Skipping %s: could not find information about '%s'": "%s dilewati: keterangan '%s' tidak ada",
    "Unknown status '%s' for file %s, skipping it. (Not in %s)":
        "status '%s' pada %s tidak dikenal, berkas dilewati (pilihan: %s)",
    "Skipping %s: file %r would be written outside output path":
        "%s dilewati: berkas %r akan ditulis di luar folder output",
    "Duplicate definition of `%s` for %s. Using first one.": "`%s` ditulis dua kali untuk %s; yang pertama dipakai",
    "Cannot unpickle cache %s": "cache %s tidak bisa dibaca (mungkin dibuat versi lain); build memakai cache "
                                "kosong.\n%s",
    "Could not save cache %s": "cache %s tidak bisa disimpan\n ... %s",
    "Cannot get modification stamp for %s": "waktu ubah %s tidak bisa dibaca\n\t%s",
    "Unable to delete %s, file type unknown": "%s tidak bisa dihapus: jenis berkasnya tidak dikenal",
    "A problem occurred copying file %s to %s; %s": "berkas %s tidak bisa disalin ke %s; %s",
    "Cannot copy %s (a directory) to %s (a file)": "%s (folder) tidak bisa disalin ke %s (berkas)",
    "Skipped copy %s (not a file or directory) to %s": "%s (bukan berkas atau folder) tidak disalin ke %s",
    "While copying %s: %s: %s": "saat menyalin %s: %s: %s",
    "Keyboard interrupt received. Exiting.": "Dihentikan (Ctrl+C).",
}


class Indonesian(logging.Filter):
    """Rewrites Pelican's known English log lines in place; drops the ones the portal reports itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        template = record.msg if isinstance(record.msg, str) else ""
        if template.startswith(DROPPED):
            return False
        for english, indonesian in TRANSLATED.items():
            if template.startswith(english):
                wanted = indonesian.count("%s") + indonesian.count("%r")
                args = record.args if isinstance(record.args, tuple) else ()
                # Pelican sometimes appends arguments (a cause, the files) the short text has no place for.
                record.msg = indonesian + "".join(" %s" for _ in range(max(0, len(args) - wanted)))
                break
        return True


_FILTER = Indonesian()


def install() -> None:
    """Put the filter on every Pelican logger (a filter on a logger sees what
    that logger logs, whichever handler prints it: the build's collector, or
    Python's last-resort printer outside a build). Safe to call again."""
    import pelican  # noqa: F401  (its modules create their loggers on import)
    import pelican.cache
    import pelican.contents
    import pelican.generators
    import pelican.readers
    import pelican.settings
    import pelican.utils
    import pelican.writers  # noqa: F401

    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if (name == "pelican" or name.startswith("pelican.")) and isinstance(logger, logging.Logger) \
                and _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


@contextlib.contextmanager
def quiet_console():
    """Pelican's rich console (its "Done: Processed …" line) says nothing
    inside this block; the tasks print their own Indonesian summary."""
    from pelican.log import console

    was = console.quiet
    console.quiet = True
    try:
        yield
    finally:
        console.quiet = was
