"""Which pages a handbook has, each rendered from its template."""

from __future__ import annotations

from dataclasses import dataclass

from .. import locale
from ..model import Handbook, Session
from .environment import render


@dataclass(frozen=True)
class Page:
    uri: str  # the page's source path, e.g. "sessions/first-impressions.md"
    title: str
    markdown: str


def session_uri(session: Session) -> str:
    return f"sessions/{session.id}.md"


def render_pages(handbook: Handbook) -> list[Page]:
    words = locale.words(handbook.program.language, handbook.labels)
    common = {"hb": handbook, "t": words, "session_uri": session_uri}

    def page(uri: str, title: str, template: str, **context: object) -> Page:
        return Page(uri, title, render(template, uri=uri, title=title, **common, **context))

    pages = [page("index.md", handbook.program.title, "home.md.j2")]
    pages += [page(session_uri(s), s.title, "session.md.j2", session=s) for s in handbook.sessions]
    pages.append(page("tips.md", words["tips"], "tips.md.j2"))
    pages.append(page("definitions.md", words["definitions"], "definitions.md.j2"))
    pages.append(page("sources.md", words["sources"], "sources.md.j2"))
    return pages
