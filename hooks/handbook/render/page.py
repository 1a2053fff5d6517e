"""What a generated page is, and where the pages of a session live."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

import yaml

from ..model import Session
from ..settings import EDITIONS, TRAINERS

EVERY_EDITION = frozenset(EDITIONS)
# Beyond this many sessions, a page that lists every session (home, the trainer's guide) lists them compactly:
# its weight on a phone then grows by a line per session, not by a card or an agenda
LISTED_IN_FULL = 12
# A page with hidden motives, DO/SAY notes or other words participants must not read before a session
TRAINERS_ONLY = frozenset({TRAINERS})


@dataclass(frozen=True)
class Page:
    uri: str  # the page's source path, e.g. "sessions/first-impressions.md"
    title: str  # plain text (Text.plain): what the nav, the tab, search and the PDF show, escaped where written
    html: str  # the article; its links to other pages are markers until links.localize() places them
    section: str | None  # the nav section it is listed under (a locale key), or None: linked, not listed
    printable: bool = False  # made to be printed: it carries its own @page rule, and gets a PDF
    meta: dict = field(default_factory=dict)  # its front matter beyond the title (search, hide, template)
    toc: list = field(default_factory=list)  # its headings, as Markdown's toc extension lists them
    style: str = ""  # the body of the one <style> element it writes (a printable page's @page rule), for its policy

    @property
    def source(self) -> str:
        """What MkDocs reads as the page's file: its front matter (the article is HTML already)."""
        # the home page has no title of its own: the theme then names its tab after the program alone
        title = {} if self.uri == HOME_URI else {"title": self.title}
        return "---\n" + yaml.safe_dump({**title, **self.meta}, allow_unicode=True) + "---\n"


class MakePage(Protocol):
    """How a page module makes each of its pages (render/pages.py gives it one)."""

    plain: Callable[[str], str]  # a title's plain-text form, for what a page writes outside its article

    def __call__(self, uri: str, title: str, template: str, section: str | None, *,
                 editions: frozenset[str] = EVERY_EDITION, searchable: bool = True, hide: tuple[str, ...] = (),
                 nav_session: str | None = None, page_style: str | None = None, **context: object) -> Page | None:
        """The page at `uri`, rendered from `template` with `context`; None when this build's edition is not among
        `editions`. `searchable=False` keeps it out of search; `hide` hides parts of the theme; `nav_session` gives
        it the short nav of a printed page; `page_style` (its own @page rule) makes it printable: it gets a PDF."""


HOME_URI = "index.md"


def session_uri(session: Session) -> str:
    return f"sessions/{session.id}.md"


def facilitator_uri(session: Session) -> str:
    return f"sessions/{session.id}/facilitator.md"


def handout_uri(session: Session) -> str:
    return f"sessions/{session.id}/handout.md"


def run_uri(session: Session) -> str:
    """The run view: trainers only, linked from the facilitator packet."""
    return f"sessions/{session.id}/run.md"


def relative(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A Markdown link target from one generated page to another (both src URIs)."""
    # posixpath.relpath, minus its calls to os.getcwd: large programs make tens of thousands of links
    folder, target = from_uri.split("/")[:-1], to_uri.split("/")
    shared = 0
    while shared < min(len(folder), len(target) - 1) and folder[shared] == target[shared]:
        shared += 1
    path = "/".join([".."] * (len(folder) - shared) + target[shared:])
    return f"{path}#{anchor}" if anchor else path
