"""Pure functions from the model to Markdown pages and a navigation. No MkDocs here."""

from . import brand, calendar, page, particles, sanitize, tables
from .glossary import glossary
from .nav import navigation
from .page import Page
from .pages import page_words, render_pages
from .problems import problems_page

__all__ = ["Page", "page_words", "render_pages", "problems_page", "navigation", "glossary", "brand", "calendar",
           "page", "particles", "sanitize", "tables"]
