"""Pure functions from the model to Markdown pages and a navigation. No MkDocs here."""

from .glossary import abbreviations
from .nav import navigation
from .pages import Page, render_pages

__all__ = ["Page", "render_pages", "navigation", "abbreviations"]
