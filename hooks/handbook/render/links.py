"""Links written in curriculum text: references by id and paths from the handbook's top folder.

Curriculum text appears on several pages at different depths (a summary on its session page, on
the handout and on the home page), so a link in it cannot be relative to "the page". An author
writes `[the empathy tip](tip:express-empathy)`, `session:first-impressions`, `definition:empathy`,
`source:some-id` or `agreement:`, or a path from the top folder like `tips.md#smile` (link_targets.py reads
them, for make check too); each page that shows the text gets it relative to itself.
"""

from __future__ import annotations

import re
from typing import Callable

from ..link_targets import target_page
from .page import relative

# A link target inside a field's text: [words](target ...) or a reference definition [name]: target
# (written in angle brackets once resolved, so that a value written twice, as by a macro, is resolved once)
_TARGET = re.compile(r"(?P<lead>\]\(\s*|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?P<target>[^\s()<>]+)", re.MULTILINE)
# A link into the handbook before it is localized: a path no author can write (make check refuses "/...")
LINK = "/@handbook/"
_MARKED = re.compile(rf'\b(href|src)="{re.escape(LINK)}([^"#]*)(#[^"]*)?"')


def rewrite_targets(text: str, target: Callable[[str, str | None], str]) -> str:
    """Curriculum text with each link target into the handbook replaced by `target(page, anchor)`."""
    if "](" not in text and "]:" not in text:
        return text

    def rewrite(match: re.Match) -> str:
        found = target_page(match.group("target"))
        if found is None or not found[0] or found[0].startswith(("/", "../", "./")):
            return match.group(0)
        return f'{match.group("lead")}<{target(*found)}>'
    return _TARGET.sub(rewrite, text)


def marker(page: str, anchor: str | None = None) -> str:
    """A link to a page of the handbook (by source path) that holds on any page: localize() makes it relative."""
    return f"{LINK}{page}#{anchor}" if anchor else f"{LINK}{page}"


def mark(text: str) -> str:
    """Curriculum text whose links into the handbook are markers, the same whichever page shows it."""
    return rewrite_targets(text, marker)


def site_path(uri: str, directory_urls: bool) -> str:
    """Where the page of a source path is served, as MkDocs writes it: tips.md → tips/ or tips.html."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[:-len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


def localize(html: str, from_uri: str, directory_urls: bool) -> str:
    """A page's HTML with each link marker made relative to where that page is served, as MkDocs does it."""
    if LINK not in html:
        return html
    here = site_path(from_uri, directory_urls)
    # a folder URL stands for its index.html: relative() works between files
    here_file = here + "index.html" if here.endswith("/") or not here else here

    def local(match: re.Match) -> str:
        there = site_path(match.group(2), directory_urls)
        path = relative(here_file, there + "index.html" if there.endswith("/") or not there else there)
        if path.endswith("index.html") and directory_urls:
            path = path[:-len("index.html")]
        return f'{match.group(1)}="{path or "./"}{match.group(3) or ""}"'
    return _MARKED.sub(local, html)
