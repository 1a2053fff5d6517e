"""The pages staff read online: home, one per session, tips, definitions, sources."""

from __future__ import annotations

from ..model import Handbook
from .page import MakePage, Page, session_uri


def pages(handbook: Handbook, make: MakePage, words: dict[str, str]) -> list[Page]:
    return [
        make("index.md", words["home"], "home.md.j2", "home"),
        *(make(session_uri(s), s.title, "session.md.j2", "sessions", session=s) for s in handbook.sessions),
        make("tips.md", words["tips"], "tips.md.j2", "reference"),
        make("definitions.md", words["definitions"], "definitions.md.j2", "reference"),
        make("sources.md", words["sources"], "sources.md.j2", "reference"),
    ]
