"""Validate all content without rendering or writing anything (``invoke check``).

Runs Pelican's readers and the plugins' checks exactly as a build would (the
same signals fire), then stops before templates are rendered.
"""

from __future__ import annotations

import logging
import os

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from .build import PROJECT_ROOT, _ProblemCollector, load_settings


def _content_generators(pelican) -> list[type]:
    """The plugins' generators that read content (plugins/papan's), in plugin order;
    those that only write output (distribusi's) have no context to make."""
    found = []
    for _, answer in signals.get_generators.send(pelican):
        for cls in answer if isinstance(answer, (list, tuple)) else (answer,):
            if isinstance(cls, type) and hasattr(cls, "generate_context"):
                found.append(cls)
    return found


def check_content(settings_file: str | os.PathLike = PROJECT_ROOT / "pelicanconf.py",
                  overrides: dict | None = None) -> tuple[list[str], list[str]]:
    """Return (errors, warnings) found in the content; no errors means valid."""
    settings = load_settings(settings_file, overrides)
    collector = _ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        pelican = Pelican(settings)
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={},
                       localsiteurl=settings["SITEURL"])
        generators = [
            cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme,
                output_path=pelican.output_path)
            for cls in (ArticlesGenerator, PagesGenerator, *_content_generators(pelican))
        ]
        try:
            for generator in generators:
                generator.generate_context()
            signals.all_generators_finalized.send(generators)
        except Exception as exc:
            if not collector.errors:
                collector.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        root.removeHandler(collector)
    return list(dict.fromkeys(collector.errors)), list(dict.fromkeys(collector.warnings))
