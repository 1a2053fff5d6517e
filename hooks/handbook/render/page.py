"""What a generated page is, and where the pages of a session live."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Session


@dataclass(frozen=True)
class Page:
    uri: str  # the page's source path, e.g. "sessions/first-impressions.md"
    title: str
    markdown: str
    section: str | None  # the nav section it is listed under (a locale key), or None: linked, not listed
    printable: bool = False  # made to be printed: it carries its own @page rule, and gets a PDF


MakePage = Callable[..., Page]  # make(uri, title, template, section, **context) -> Page


def session_uri(session: Session) -> str:
    return f"sessions/{session.id}.md"


def facilitator_uri(session: Session) -> str:
    return f"sessions/{session.id}/facilitator.md"


def handout_uri(session: Session) -> str:
    return f"sessions/{session.id}/handout.md"
