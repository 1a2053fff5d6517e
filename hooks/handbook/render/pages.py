"""Which pages a handbook has, each rendered from its template.

Each kind of page lives in its own module with a `pages(handbook, make, words)` function; the
GROUPS tuple lists them in the order their sections appear in the navigation.
"""

from __future__ import annotations

from .. import locale
from ..model import Handbook
from . import agreement, packets, reference, staff
from .environment import render
from .page import Page, facilitator_uri, handout_uri, session_uri

GROUPS = (staff.pages, packets.pages, agreement.pages, reference.pages)


def render_pages(handbook: Handbook) -> list[Page]:
    words = locale.words(handbook.program.language, handbook.labels)
    common = {"hb": handbook, "t": words, "session_uri": session_uri,
              "facilitator_uri": facilitator_uri, "handout_uri": handout_uri}

    def make(uri: str, title: str, template: str, section: str | None, **context: object) -> Page:
        markdown = render(template, uri=uri, title=title, **common, **context)
        return Page(uri, title, markdown, section, printable="page_style" in context)

    return [page for group in GROUPS for page in group(handbook, make, words)]
