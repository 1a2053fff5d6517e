"""Which pages a handbook has, each rendered from its template.

Each kind of page lives in its own module with a `pages(handbook, make, words)` function; the
GROUPS tuple lists them in the order their sections appear in the navigation. A page only trainers
may read is made with `editions=TRAINERS_ONLY`; the staff edition leaves it out, and the templates
know which edition they write for (`trainers` is true in the trainer's edition).
"""

from __future__ import annotations

import datetime as dt

from .. import locale
from ..model import Handbook
from ..settings import EDITIONS, STAFF, TRAINERS
from . import agreement, anchors, media, packets, run, staff
from .environment import render
from .glossary import tooltips_of
from .page import EVERY_EDITION, Page, facilitator_uri, handout_uri, run_uri, session_uri
from .schedule import Dates
from .text import Text

GROUPS = (staff.pages, packets.pages, run.pages, agreement.pages)


def page_words(handbook: Handbook) -> dict[str, str]:
    """The words the pages write themselves: the language's table with the organization's replacements."""
    return locale.words(handbook.program.language, handbook.labels)


def common_context(handbook: Handbook, words: dict[str, str], today: dt.date, edition: str) -> dict[str, object]:
    """What every page template may use."""
    return {"hb": handbook, "t": words, "today": today, "trainers": edition == TRAINERS,
            "session_uri": session_uri, "facilitator_uri": facilitator_uri, "handout_uri": handout_uri,
            "run_uri": run_uri, "video_uri": media.video_uri, "captions_uri": media.captions_uri,
            "dates": Dates(handbook, words)}


def render_pages(handbook: Handbook, words: dict[str, str] | None = None, today: dt.date | None = None, *,
                 edition: str = STAFF, markdown: tuple[list, dict] | None = None) -> list[Page]:
    """The pages of one edition (a page not in it is not even rendered); `today` is the build's date
    (review notices; the day a list of dates was true); `markdown` the site's Markdown extensions and their
    settings, for curriculum text (by default those in mkdocs.yml)."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    words = words or page_words(handbook)
    text = Text(*(markdown or (None, None)), tooltips=tooltips_of(handbook))
    common = {**common_context(handbook, words, today or dt.date.today(), edition), "text": text}

    def make(uri: str, title: str, template: str, section: str | None, *, editions: frozenset[str] = EVERY_EDITION,
             searchable: bool = True, hide: tuple[str, ...] = (), nav_session: str | None = None,
             page_style: str | None = None, **context: object) -> Page | None:
        if edition not in editions:
            return None
        body = render(f"{template}.html.j2", uri=uri, title=title, page_style=page_style, **common, **context)
        html, toc = anchors.headings(body, text.slugify)
        meta = {**({} if searchable else {"search": {"exclude": True}}), **({"hide": list(hide)} if hide else {}),
                **({"handbook_nav": nav_session} if nav_session else {})}  # the short nav of a printed page
        return Page(uri, text.plain(title), html, section, printable=page_style is not None, meta=meta, toc=toc,
                    style=page_style or "")

    make.plain = text.plain  # for what a group writes outside the article itself (a printed page's running header)
    return [page for group in GROUPS for page in group(handbook, make, words) if page is not None]
