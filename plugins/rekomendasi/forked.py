"""Two pieces of the engine's work at once: one in a forked helper process.

Tokenising is pure Python, and the sparse products of the index hold the
GIL (a thread measured no faster), so the only way to use the second core is
a second process. A fork shares everything the parent has already computed,
so nothing is sent on the way in, only the result on the way back. It pays
only on large sites (the fork and the returned result cost tens to hundreds
of milliseconds), on Linux, with a second core, and when
``REKOMENDASI_HELPER`` is on: with the second core busy it gains nothing and
costs about a third more CPU time.
The results are the same either way: each piece is the same code on the same
input, and BLAS runs on one thread in both processes (index.build_index).
"""

from __future__ import annotations

import logging
import marshal
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable
from typing import TypeVar

logger = logging.getLogger(__name__)

WORTH_FROM = 2000  # articles from which a helper pays for its fork and its returned result (measured)

B = TypeVar("B")
F = TypeVar("F")


def worth_it(articles: int) -> bool:
    """Whether this many articles are worth a helper, and one can run beside this process on another core.

    Linux only: elsewhere fork is missing, or (macOS) unsafe beside the system
    frameworks numpy may use. Never from a daemonic process (a pool worker),
    which may not have children.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return (articles >= WORTH_FROM and cores > 1 and sys.platform.startswith("linux")
            and not multiprocessing.current_process().daemon)


def alongside(background: Callable[[], B], foreground: Callable[[], F], parallel: bool,
              plain: bool = False) -> tuple[B, F]:
    """``background()`` in a forked helper while ``foreground()`` runs here.

    Not ``parallel``, or when the helper fails without an answer (an error,
    killed, out of memory: logged as a warning), ``background()`` runs here
    too: the same result, later. When ``foreground()`` fails, the helper is
    stopped and the error goes on. ``plain``: the result holds only lists,
    tuples, dicts, str and numbers, so it comes back with ``marshal``, several
    times faster than pickle for term counts (the parent waits for them).
    Never for numpy arrays: marshal would turn them into bytes.
    """
    if not parallel:
        return background(), foreground()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_answer, args=(background, receive, send, plain), daemon=True)
    helper.start()
    send.close()  # the helper holds the only writing end: its end reads as EOFError here
    try:
        here = foreground()
        try:
            payload = receive.recv_bytes()
        except (EOFError, OSError):  # no answer, or only part of one
            payload = None
    except BaseException:
        helper.terminate()  # it may be blocked writing an answer nobody will read
        raise
    finally:
        receive.close()
        helper.join()
    if payload is None:
        logger.warning("rekomendasi: the helper process ended without an answer (exit code %s); "
                       "computing its part here", helper.exitcode)
        return background(), here
    return (marshal.loads(payload) if plain else pickle.loads(payload)), here


def _answer(work: Callable[[], object], receive, send, plain: bool) -> None:
    receive.close()  # the parent's end: only the parent reads
    result = work()
    send.send_bytes(marshal.dumps(result) if plain else pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    send.close()
