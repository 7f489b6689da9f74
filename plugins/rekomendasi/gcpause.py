"""The engine runs with Python's cyclic garbage collector paused.

Tokenising and ranking create many small containers (a dict of term counts
per article, the picks) and no reference cycles; with the collector on, each
few hundred of them trigger a collection that walks every live container, the
whole site's term counts included. Reference counting still frees everything
at once; the collector is switched back on (if it was on) when the engine is
done, so the rest of the build is unchanged.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
