"""The grammar of links written in curriculum text: which page (and anchor) a target means, and why one goes nowhere.

An author writes `[the empathy tip](tip:express-empathy)`, `session:first-impressions`, `definition:empathy`,
`source:some-id` or `agreement:`, or a path from the handbook's top folder like `tips.md#smile`. Checking
(curriculum/rules.py: `problem()` is what `make check` asks of each link) and rendering (render/links.py, which
makes each target relative to the page that shows it) both read targets this one way.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Mapping

AGREEMENT_PAGE = "agreement/index.md"
# The pages whose anchors are the ids of one kind of item
LISTS = {"tip": "tips.md", "definition": "definitions.md", "source": "sources.md"}
FIXED_PAGES = ("index.md", *LISTS.values(), AGREEMENT_PAGE)
_INTERNAL = re.compile(r"^(session|tip|definition|source|agreement):(.*)$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


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
        return None if not item else 'write "agreement:" alone; it links the agreement page'
    if "#" in item:
        return f'"{kind}:{item}" names one {kind}: write {kind}:{item.split("#")[0]}'
    if not item:
        return f'"{kind}:" needs the id of a {kind}, like {kind}:some-id'
    if item not in site.ids[kind]:
        close = difflib.get_close_matches(item, sorted(site.ids[kind]), n=1)
        return f'no {kind} has the id "{item}"' + (f'; did you mean "{kind}:{close[0]}"?' if close else "")
    return None
