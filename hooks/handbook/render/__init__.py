"""Pure functions from the model to Markdown pages and a navigation. No MkDocs here."""

from . import brand, particles, sanitize
from .glossary import glossary
from .nav import navigation
from .page import Page
from .pages import render_pages

__all__ = ["Page", "render_pages", "navigation", "glossary", "brand", "particles", "sanitize"]
