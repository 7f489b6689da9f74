"""Content problems: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # source file relative to the content folder
    line: int | None
    field: str  # the key as the editor knows it, e.g. "Penulis"
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}. Perbaikan: {self.fix}"


class ContentInvalid(Exception):
    """Raised before anything is written when the content has problems."""

    def __init__(self, problems: list[Problem], first: str = ""):
        """Problems sorted by file and line; those of FIRST (the people registry,
        whose mistakes cause others) lead."""
        self.problems = sorted(problems, key=lambda p: (p.path != first, p.path, p.line or 0, p.field))
        super().__init__(
            f"{len(self.problems)} masalah pada konten:\n" + "\n".join(str(p) for p in self.problems)
        )
