"""Heading ids and the table of contents of a finished page, as Markdown's toc extension makes them.

The pages are written as HTML, so Markdown never sees their headings: this gives each heading
the id toc would give it (the same slug, the same _1, _2 for repeats, an id already written
kept) and lists the headings for the theme's table of contents and its search sections.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from markdown.extensions.toc import nest_toc_tokens, slugify as plain_slugify, strip_tags, unique

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
Slugify = Callable[[str, str], str]
# A table of contents longer than this lists only the page's sections (h1, h2): a sidebar of hundreds of
# entries helps nobody, and the theme writes it into the page twice (the sidebar, and the phone's menu)
TOC_ENTRIES = 60


def headings(page: str, slugify: Slugify = plain_slugify) -> tuple[str, list[dict]]:
    """The page with an id on every heading, and its nested table of contents (toc's tokens)."""
    used = set(_ID.findall(page))
    tokens = []

    def anchor(match: re.Match) -> str:
        level, attributes, inner = match.groups()
        name = strip_tags(inner)
        written = _ID.search(attributes)
        if written:
            id_ = html.unescape(written.group(1))
        else:
            id_ = unique(slugify(html.unescape(name), "-"), used)
            attributes = f' id="{html.escape(id_)}"{attributes}'
        tokens.append({"level": int(level), "id": id_, "name": name, "html": inner, "data-toc-label": ""})
        return f"<h{level}{attributes}>{inner}</h{level}>"
    page = _HEADING.sub(anchor, page)
    if len(tokens) > TOC_ENTRIES:
        tokens = [token for token in tokens if token["level"] <= 2]
    return page, nest_toc_tokens(tokens)


def ids(page: str) -> set[str]:
    """Every id on a finished page: what a link may point to with #."""
    return {html.unescape(found) for found in _ID.findall(page)}
