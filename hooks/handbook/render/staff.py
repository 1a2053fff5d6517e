"""The pages staff read online: home, one per session, tips, definitions, sources."""

from __future__ import annotations

import re

from ..model import Handbook, Session, Tip
from .page import HOME_URI, LISTED_IN_FULL, MakePage, Page, session_uri

# A tip taught in (or a term used in) more sessions than this names them by number ("Sessions 2, 5, 9"), not by title
NAMED_BY_TITLE = 3


def pages(handbook: Handbook, make: MakePage, words: dict[str, str]) -> list[Page | None]:
    return [
        make(HOME_URI, words["home"], "home", "home", purpose=purpose,
             compact=len(handbook.sessions) > LISTED_IN_FULL),
        *(make(session_uri(s), s.title, "session", "sessions", session=s) for s in handbook.sessions),
        make("tips.md", words["tips"], "tips", "reference", groups=tip_groups(handbook.tips, words),
             by_title=NAMED_BY_TITLE),
        make("definitions.md", words["definitions"], "definitions", "reference", by_title=NAMED_BY_TITLE),
        make("sources.md", words["sources"], "sources", "reference"),
    ]


def tip_groups(tips: tuple[Tip, ...], words: dict[str, str]) -> list[tuple[str, list[Tip]]]:
    """Tips by category, in the order tips.yml first names each category; tips without one last."""
    groups: dict[str | None, list[Tip]] = {}
    for tip in tips:
        groups.setdefault(tip.category, []).append(tip)
    other = groups.pop(None, [])
    return [*groups.items(), *([(words["other_tips"], other)] if other else [])]


def purpose(session: Session) -> str:
    """A session's purpose in one line, for its card on the home page: its own, or its summary's first sentence."""
    if session.purpose:
        return " ".join(session.purpose.split())
    text = " ".join(session.summary.strip().split("\n\n")[0].split())
    return re.split(r"(?<=[.!?。])\s", text, maxsplit=1)[0]
