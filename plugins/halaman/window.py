"""The page numbers a navigation shows: all of them when they are few, and
"1 … 4 5 6 7 8 … 40" when a list has many pages, so a phone never has to
wrap forty links."""

from __future__ import annotations


def page_window(current: int, total: int, around: int = 2) -> list[int | None]:
    """Page numbers to show, with ``None`` where a run of numbers is left out.

    The first and last page always show, and ``around`` numbers each side of
    the current one. A gap of a single page shows that page instead of an
    ellipsis, which would take the same room.
    """
    if total < 1:
        return []
    current = min(max(current, 1), total)
    shown = {1, total, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= total)
    window: list[int | None] = []
    for number in numbers:
        if window:
            gap = number - window[-1]
            if gap == 2:
                window.append(number - 1)
            elif gap > 2:
                window.append(None)
        window.append(number)
    return window
