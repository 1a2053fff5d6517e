"""Curriculum text as HTML: converted by Markdown and sanitized in one pass, once per distinct text per build.

A summary shows on its session page, its handout and the home page; a role card on the packet twice.
Each distinct text is converted once, then reused: its links are written as page-independent
markers (links.LINK) that each page makes relative to itself (links.localize), and its defined terms
get their tooltips in the same pass (tooltips.py), except in a heading or a title (`title`). The
templates write the structure around it as HTML. Locale words go through here too: an organization
may replace them (labels:), and they may hold Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Mapping

import markdown
import markupsafe
import yaml
from markdown.extensions.toc import slugify as plain_slugify

from ..settings import PROJECT
from . import links, sanitize
from .tables import StackedTablesExtension
from .tooltips import Tooltips

# The page's business, not a text's: headings get their ids on the finished page (anchors.py); terms get their
# tooltips here, from the handbook's own glossary; and curriculum text holds no HTML for md_in_html to look into
PAGE_EXTENSIONS = ("toc", "abbr", "md_in_html")
# Whatever Markdown (with the site's extensions) might turn into markup: without any of it, a text is a paragraph
# of itself. Escapes, emphasis, code, links, HTML and entities, headings, tables, emoji shortcodes, attribute lists,
# a second line (paragraphs, lists, line breaks) and a list or quote marker at the start.
_MARKUP = re.compile(r"[\\`*_\[\]<>&!#|~{}\n]|:[\w+-]+:|^(?:[-+*>]|\d+[.)])(?:\s|$)")


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
    """The converter of one build: `block` for text with paragraphs and lists, `inline` for a line of it,
    `title` for a line that stands in a heading or a title (no tooltips: a dotted underline there reads as a
    mistake). Defined terms get their tooltips here, once per text (tooltips.py)."""

    def __init__(self, extensions: Iterable | None = None, settings: Mapping[str, dict] | None = None,
                 tooltips: Tooltips | None = None):
        if extensions is None:
            extensions, settings = configured()
        settings = dict(settings or {})
        self.slugify = settings.get("toc", {}).get("slugify", plain_slugify)  # for the headings' ids (anchors.py)
        self._tooltips = tooltips or Tooltips({})
        self._md = markdown.Markdown(extensions=[*(e for e in extensions if e not in PAGE_EXTENSIONS),
                                                 StackedTablesExtension()],
                                     extension_configs={k: v for k, v in settings.items() if k not in PAGE_EXTENSIONS})
        self._html: dict[str, str] = {}
        self._done: dict[tuple[str, str], markupsafe.Markup] = {}
        self._plain: dict[str, str] = {}

    def block(self, text: str) -> markupsafe.Markup:
        return self._cached("block", text)

    def inline(self, text: str) -> markupsafe.Markup:
        """One line of text (a list item, a table cell): its Markdown without the paragraph around it."""
        return self._cached("inline", text)

    def title(self, text: str) -> markupsafe.Markup:
        return self._cached("title", text)

    def plain(self, text: str) -> str:
        """A title's plain-text form: what a reader sees of its Markdown, as text (no markup, entities read).
        The one form that goes anywhere outside the article: the nav, <title>, search, PDFs, calendars.
        Whoever writes it into HTML escapes it."""
        done = self._plain.get(text)
        if done is None:
            done = self._plain[text] = plain_text(self._converted(text))
        return done

    def _cached(self, kind: str, text: str) -> markupsafe.Markup:
        done = self._done.get((kind, text))
        if done is None:
            html = self._converted(text)
            if kind != "block" and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
                html = html[len("<p>"):-len("</p>")]
            done = self._done[kind, text] = markupsafe.Markup(html if kind == "title" else self._tooltips.mark(html))
        return done

    def _converted(self, text: str) -> str:
        html = self._html.get(text)
        if html is None:
            text = text.strip()
            if not _MARKUP.search(text):  # most words and titles: Markdown would only wrap them in <p>
                html = f"<p>{text}</p>" if text else ""
            else:
                try:
                    html = sanitize.curriculum_text(self._md.convert(links.mark(text)))
                finally:
                    self._md.reset()
            self._html[text] = html
        return html


def plain_text(html: str) -> str:
    """The text of sanitized HTML on one line: its tags dropped, its entities read."""
    return markupsafe.Markup(html).striptags()


def plain_search_titles(index: dict) -> dict:
    """Material's search index with each entry's title as plain text, escaped once (search shows a title as HTML).
    Its sections are titled by the page's headings as the article renders them: a title's code span would show
    as code there; in search, as everywhere outside the article, a title is its plain text."""
    return {**index, "docs": [{**doc, "title": str(markupsafe.escape(plain_text(doc["title"])))}
                              for doc in index.get("docs", [])]}
