"""Curriculum text as HTML: converted by Markdown and sanitized in one pass, once per distinct text per build.

A summary shows on its session page, its handout and the home page; a role card on the packet twice.
Each distinct text is converted once, then reused: its links are written as page-independent
markers (links.LINK) that each page makes relative to itself (links.localize), and its terms get
their tooltips on the finished page (tooltips.py), so nothing in the converted HTML depends on
the page that shows it. The templates write the structure around it as HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

import markdown
from markdown.extensions.toc import slugify as plain_slugify
import markupsafe
import yaml

from . import links, sanitize
from .tables import StackedTablesExtension

PROJECT = Path(__file__).resolve().parents[3]
_PARAGRAPH = ("<p>", "</p>")


def configured(project: Path = PROJECT) -> tuple[list, dict]:
    """The Markdown extensions and their settings in the project's mkdocs.yml, for use without MkDocs (tests,
    the benchmark). The hook passes the ones MkDocs loaded."""
    # mkdocs.yml is the project's own machinery, not curriculum text: its Python tags name the theme's functions
    config = yaml.unsafe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings = [], {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


class Text:
    """The converter of one build: `block` for text with paragraphs and lists, `inline` for a line of it."""

    def __init__(self, extensions: Iterable | None = None, settings: Mapping[str, dict] | None = None):
        if extensions is None:
            extensions, settings = configured()
        self.slugify = (settings or {}).get("toc", {}).get("slugify", plain_slugify)  # for the headings' ids
        # abbreviations are left to the finished page (tooltips.py), which also knows Korean particles
        settings = {name: options for name, options in (settings or {}).items() if name != "abbr"}
        self._md = markdown.Markdown(extensions=[*extensions, StackedTablesExtension()], extension_configs=settings)
        self._blocks: dict[str, markupsafe.Markup] = {}
        self._inlines: dict[str, markupsafe.Markup] = {}

    def block(self, text: str) -> markupsafe.Markup:
        converted = self._blocks.get(text)
        if converted is None:
            converted = self._blocks[text] = markupsafe.Markup(self._convert(text))
        return converted

    def inline(self, text: str) -> markupsafe.Markup:
        """One line of text (a title, a table cell): its Markdown without the paragraph around it."""
        converted = self._inlines.get(text)
        if converted is None:
            html = self._convert(str(text))
            if html.startswith(_PARAGRAPH[0]) and html.endswith(_PARAGRAPH[1]) and html.count("<p>") == 1:
                html = html[len(_PARAGRAPH[0]):-len(_PARAGRAPH[1])]
            converted = self._inlines[text] = markupsafe.Markup(html)
        return converted

    def _convert(self, text: str) -> str:
        try:
            return sanitize.text(self._md.convert(links.mark(str(text).strip())))
        finally:
            self._md.reset()
