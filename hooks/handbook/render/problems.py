"""The page `make serve` shows in place of the handbook while the curriculum has problems.

The problems are listed by the theme (overrides/partials/handbook-problems.html), which escapes
them: a message may quote what an author typed, and it must show as text, never run as markup.
"""

from __future__ import annotations

from .page import Page

URI = "index.md"
THEME_TEMPLATE = "handbook-problems.html"  # in overrides/: a page that lists config.extra.handbook.problems


def problems_page(words: dict[str, str]) -> Page:
    title = words["curriculum_problems"]
    return Page(URI, title, "", None, meta={"template": THEME_TEMPLATE})  # the theme writes it all
