"""Where an article's pages end: at the editor's markers, or, for a long
article without markers, at the top-level boundaries that give pages of
even length.

Both ways return pages as lists of blocks; neither ever returns an empty
page, and a page never opens with a block that stays with the previous one.
"""

from __future__ import annotations

import bisect
import math

from .blocks import MARKER, Block, Document
from .config import HalamanConfig

Pages = list[list[Block]]

# A page that ends where a new section (a heading) begins is worth this much
# of the mean page length in squared deviation: a reader would rather turn
# the page at a subheading than mid-section, if the pages stay near even.
SECTION_BONUS = 0.3


def plan(document: Document, config: HalamanConfig) -> Pages:
    """The pages of one article; a single page when it should not be split."""
    blocks = document.blocks
    if not blocks:
        return [[]]
    if document.has_markers:
        return at_markers(document)
    if config.auto and document.words > config.auto_threshold:
        return evenly(blocks, config.words_per_page, config.min_words)
    return [blocks]


def at_markers(document: Document) -> Pages:
    """One page per marker-separated stretch; markers at the start, at the
    end or twice in a row would make an empty page and are ignored."""
    pages: Pages = [[]]
    for item in document.items:
        if item is MARKER:
            pages.append([])
        else:
            pages[-1].append(item)
    for before, page in zip(pages, pages[1:], strict=False):
        while page and page[0].stays_with_previous and before:
            before.append(page.pop(0))
    return [page for page in pages if page] or [[]]


def evenly(blocks: list[Block], words_per_page: int, min_words: int) -> Pages:
    """Split into about ``words / words_per_page`` pages, as even as the
    allowed boundaries permit, with no page under ``min_words``.

    Fewer pages are tried when the boundaries cannot give that many (one
    enormous paragraph stays one page). Among the splits into k pages, the
    one with the least squared deviation from the mean page length wins,
    with a bonus for pages that end before a heading (``SECTION_BONUS``);
    ties go to the earliest boundaries, so the result is deterministic.
    """
    total = sum(block.words for block in blocks)
    start = max(2, round(total / words_per_page))
    for count in range(start, 1, -1):
        cuts = _best_cuts(blocks, count, min_words)
        if cuts is not None:
            edges = [0, *cuts, len(blocks)]
            return [blocks[a:b] for a, b in zip(edges, edges[1:], strict=False)]
    return [blocks]


def _may_break_before(blocks: list[Block], index: int) -> bool:
    return not blocks[index].stays_with_previous and not blocks[index - 1].stays_with_next


def _best_cuts(blocks: list[Block], count: int, min_words: int) -> list[int] | None:
    """Dynamic programme over cut positions: ``cost[p][j]`` is the cheapest
    way to put the first ``j`` blocks on ``p`` pages.

    Only pages up to twice the mean plus the largest block are considered:
    no even split needs a longer page, and the limit keeps a very long
    article (hundreds of blocks) from costing seconds of build time.
    """
    n = len(blocks)
    prefix = [0]
    for block in blocks:
        prefix.append(prefix[-1] + block.words)
    mean = prefix[-1] / count
    longest = 2 * mean + max(block.words for block in blocks)
    bonus = (SECTION_BONUS * mean) ** 2
    ends = [j for j in range(1, n) if _may_break_before(blocks, j)] + [n]
    cost: list[dict[int, float]] = [{0: 0.0}] + [{} for _ in range(count)]
    back: list[dict[int, int]] = [{} for _ in range(count + 1)]
    for pages in range(1, count + 1):
        starts = list(cost[pages - 1])  # ascending
        start_words = [prefix[i] for i in starts]
        for j in ends:
            low = bisect.bisect_left(start_words, prefix[j] - longest)
            high = bisect.bisect_right(start_words, prefix[j] - min_words)
            best, best_i = math.inf, None
            for i in starts[low:high]:
                if i >= j:
                    break
                words = prefix[j] - prefix[i]
                candidate = cost[pages - 1][i] + (words - mean) ** 2
                if candidate < best:
                    best, best_i = candidate, i
            if best_i is not None:
                cost[pages][j] = best - (bonus if j < n and blocks[j].opens_section else 0)
                back[pages][j] = best_i
    if n not in cost[count]:
        return None
    cuts, j = [], n
    for pages in range(count, 0, -1):
        j = back[pages][j]
        cuts.append(j)
    return sorted(cuts)[1:]
