"""Pure functions from the model to Markdown pages and a navigation. No MkDocs here."""

from . import brand, particles
from .glossary import glossary
from .nav import navigation
from .page import Page
from .pages import render_pages
from .problems import problems_page

__all__ = ["Page", "render_pages", "problems_page", "navigation", "glossary", "brand", "particles"]
