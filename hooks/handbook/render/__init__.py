"""Pure functions from the model to HTML pages and a navigation. No MkDocs here."""

from . import anchors, brand, calendar, links, media, nav, page, sanitize, tables, theme_code
from .glossary import glossary, tooltips_of
from .nav import navigation
from .page import Page
from .pages import page_words, render_pages
from .problems import problems_page
from .text import Text

__all__ = ["Page", "Text", "page_words", "render_pages", "problems_page", "navigation", "glossary", "tooltips_of",
           "anchors", "brand", "media", "nav", "calendar", "links", "page", "sanitize", "tables", "theme_code"]
