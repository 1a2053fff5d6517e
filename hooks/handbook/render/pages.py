"""Which pages a handbook has, each rendered from its template.

Each kind of page lives in its own module with a `pages(handbook, make)` function; the
PAGE_GROUPS tuple below lists them in the order their sections appear in the navigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import locale
from ..model import Handbook, Session
from .environment import render


@dataclass(frozen=True)
class Page:
    uri: str  # the page's source path, e.g. "sessions/first-impressions.md"
    title: str
    markdown: str
    section: str | None  # the nav section it is listed under (a locale key), or None: linked, not listed


MakePage = Callable[..., Page]


def session_uri(session: Session) -> str:
    return f"sessions/{session.id}.md"


def facilitator_uri(session: Session) -> str:
    return f"sessions/{session.id}/facilitator.md"


def handout_uri(session: Session) -> str:
    return f"sessions/{session.id}/handout.md"


def render_pages(handbook: Handbook) -> list[Page]:
    words = locale.words(handbook.program.language, handbook.labels)
    common = {"hb": handbook, "t": words, "session_uri": session_uri,
              "facilitator_uri": facilitator_uri, "handout_uri": handout_uri}

    def make(uri: str, title: str, template: str, section: str | None, **context: object) -> Page:
        return Page(uri, title, render(template, uri=uri, title=title, **common, **context), section)

    from . import agreement, packets, reference, staff  # the page groups import Page from here

    groups = (staff.pages, packets.pages, agreement.pages, reference.pages)
    return [page for group in groups for page in group(handbook, make, words)]
