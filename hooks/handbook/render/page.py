"""What a generated page is, and where the pages of a session live."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Session
from ..settings import EDITIONS, TRAINERS

EVERY_EDITION = frozenset(EDITIONS)
# A page with hidden motives, DO/SAY notes or other words participants must not read before a session
TRAINERS_ONLY = frozenset({TRAINERS})


@dataclass(frozen=True)
class Page:
    uri: str  # the page's source path, e.g. "sessions/first-impressions.md"
    title: str
    markdown: str
    section: str | None  # the nav section it is listed under (a locale key), or None: linked, not listed
    editions: frozenset[str] = EVERY_EDITION  # the editions that publish it
    printable: bool = False  # made to be printed: it carries its own @page rule, and gets a PDF


MakePage = Callable[..., Page]  # make(uri, title, template, section, editions=EVERY_EDITION, **context) -> Page | None
# (None when this build's edition leaves the page out)


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
