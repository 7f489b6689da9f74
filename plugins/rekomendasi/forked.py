"""Two pieces of the engine's work at once: one in a forked helper process.

Tokenising is pure Python, and the sparse products of the index hold the
GIL (a thread measured no faster), so the only way to use the second core is
a second process. A fork shares everything the parent has already computed,
so nothing is pickled on the way in, only the result on the way back. It pays
only on large sites (the fork and the pickled result cost tens of
milliseconds), and only where fork exists and a second core may be used.
The results are the same either way: each piece is the same code on the same
input, and BLAS runs on one thread in both processes (index.build_index).
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import pickle
from collections.abc import Callable
from typing import TypeVar

WORTH_FROM = 2000  # articles from which a helper pays for its fork and its pickled result (measured)

B = TypeVar("B")
F = TypeVar("F")


def worth_it(articles: int) -> bool:
    """Whether this many articles are worth a helper, and one can run beside this process on another core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return articles >= WORTH_FROM and cores > 1 and "fork" in multiprocessing.get_all_start_methods()


def alongside(background: Callable[[], B], foreground: Callable[[], F], parallel: bool,
              plain: bool = False) -> tuple[B, F]:
    """``background()`` in a forked helper while ``foreground()`` runs here.

    Not ``parallel``, or when the helper dies without an answer (killed, out
    of memory), ``background()`` runs here too: the same result, later.
    ``plain``: the result holds only lists, tuples, dicts, str and numbers, so
    it comes back with ``marshal``, several times faster than pickle for term
    counts (the parent waits for them). Never for numpy arrays: marshal would
    turn them into bytes.
    """
    if not parallel:
        return background(), foreground()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_answer, args=(background, send, plain), daemon=True)
    helper.start()
    send.close()  # the helper holds the only writing end: its death reads as EOFError
    try:
        here = foreground()
        try:
            payload = receive.recv_bytes()
            there = marshal.loads(payload) if plain else pickle.loads(payload)
        except EOFError:
            there = background()
    finally:
        receive.close()
        helper.join()
    return there, here


def _answer(work: Callable[[], object], send, plain: bool) -> None:
    result = work()
    send.send_bytes(marshal.dumps(result) if plain else pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    send.close()


