"""Links written in curriculum text: references by id and paths from the handbook's top folder.

Curriculum text appears on several pages at different depths (a summary on its session page, on
the handout and on the home page), so a link in it cannot be relative to "the page". An author
writes `[the empathy tip](tip:express-empathy)`, `session:first-impressions`, `definition:empathy`,
`source:some-id` or `agreement:`, or a path from the top folder like `tips.md#smile`; each page
that shows the text gets it relative to itself. `problem()` is what `make check` asks of each link.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Callable, Mapping

from .page import relative

AGREEMENT_PAGE = "agreement/index.md"
# The pages whose anchors are the ids of one kind of item
LISTS = {"tip": "tips.md", "definition": "definitions.md", "source": "sources.md"}
FIXED_PAGES = ("index.md", *LISTS.values(), AGREEMENT_PAGE)
# A link target inside a field's text: [words](target ...) or a reference definition [name]: target
# (written in angle brackets once resolved, so that a value written twice, as by a macro, is resolved once)
_TARGET = re.compile(r"(?P<lead>\]\(\s*|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?P<target>[^\s()<>]+)", re.MULTILINE)
_INTERNAL = re.compile(r"^(session|tip|definition|source|agreement):(.*)$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A link into the handbook before it is localized: a path no author can write (make check refuses "/...")
LINK = "/@handbook/"
_MARKED = re.compile(rf'\b(href|src)="{re.escape(LINK)}([^"#]*)(#[^"]*)?"')


@dataclass(frozen=True)
class Site:
    """What curriculum text may link to: the ids of each kind, and the files under docs/."""
    ids: Mapping[str, frozenset[str]]  # "session", "tip", "definition", "source" → ids
    files: frozenset[str]  # paths under docs/, like "about/customizing.md"

    def pages(self) -> set[str]:
        return {*FIXED_PAGES, *(f"sessions/{i}.md" for i in self.ids["session"]), *self.files}


def target_page(target: str) -> tuple[str, str | None] | None:
    """The page and anchor a link in curriculum text points to (None: a link out of the handbook)."""
    internal = _INTERNAL.match(target)
    if internal:
        kind, item = internal.groups()
        if kind == "agreement":
            return AGREEMENT_PAGE, None
        if kind == "session":
            return f"sessions/{item}.md", None
        return LISTS[kind], item
    if _SCHEME.match(target):
        return None
    path, _, anchor = target.partition("#")
    return path, anchor or None


def problem(target: str, site: Site) -> str | None:
    """Why a link in curriculum text goes nowhere, or None when it resolves."""
    internal = _INTERNAL.match(target)
    if internal:
        return _internal_problem(*internal.groups(), site)
    path, _, anchor = target.partition("#")
    if not path:
        return (f'"{target}" points into whichever page shows this text; link by id instead, '
                f"like tip:some-id or session:some-id")
    if path.startswith(("/", "../", "./")) or path not in site.pages():
        return (f'no page "{path}" in the handbook; link a page by id (session:, tip:, definition:, source:, '
                f"agreement:) or by its path from the top folder, like tips.md")
    kind = next((k for k, page in LISTS.items() if page == path), None)
    if anchor and (kind is None or anchor not in site.ids[kind]):
        where = f"no {kind} has the id" if kind else "links into this page cannot be checked; drop the anchor"
        return f'"#{anchor}": {where}' + (f' "{anchor}"' if kind else "")
    return None


def _internal_problem(kind: str, item: str, site: Site) -> str | None:
    if kind == "agreement":
        return None if not item else f'write "agreement:" alone; it links the agreement page'
    if "#" in item:
        return f'"{kind}:{item}" names one {kind}: write {kind}:{item.split("#")[0]}'
    if not item:
        return f'"{kind}:" needs the id of a {kind}, like {kind}:some-id'
    if item not in site.ids[kind]:
        close = difflib.get_close_matches(item, sorted(site.ids[kind]), n=1)
        return f'no {kind} has the id "{item}"' + (f'; did you mean "{kind}:{close[0]}"?' if close else "")
    return None


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
