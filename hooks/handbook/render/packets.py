"""The printed pages: per session a facilitator packet and a participant handout, and the trainer's guide.

Packets and handouts are linked from their session page and from the trainer's guide but are
not listed in the navigation, so a program with many sessions keeps a short nav. The packets and
the guide are in the trainer's edition only: the packets hold every hidden motive.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import AgendaBlock, Handbook, Session
from ..placeholders import fill
from . import calendar
from .environment import clock
from .page import (EVERY_EDITION, LISTED_IN_FULL, TRAINERS_ONLY, MakePage, Page, facilitator_uri, handout_uri,
                   session_uri)
from .print_style import RunningText, page_rule

TRAINERS_GUIDE = "trainers-guide.md"


@dataclass(frozen=True)
class TimedBlock:
    start: str  # "HH:MM"
    end: str
    block: AgendaBlock


def timed_agenda(session: Session, start_time: str | None = None) -> list[TimedBlock]:
    """Each agenda block with its clock times from a group's start time, or without one its times from the
    session's start ("0:00–0:10"): a printed page never shows one group's clock to another."""
    def at(minutes: int) -> str:
        return clock(start_time, minutes) if start_time else f"{minutes // 60}:{minutes % 60:02d}"

    timed, elapsed = [], 0
    for block in session.agenda:
        timed.append(TimedBlock(at(elapsed), at(elapsed + block.minutes), block))
        elapsed += block.minutes
    return timed


def group_starts(handbook: Handbook, words: dict[str, str]) -> list[tuple[str, str]]:
    """The clock times the trainer's guide gives each agenda: one per start time the groups have, headed by
    those groups' names; without a schedule, the program's start time."""
    if handbook.schedule is None:
        start = handbook.program.start_time
        return [(fill(words["group_meets"], time=start), start)]
    names: dict[str, list[str]] = {}
    for cohort in handbook.schedule.cohorts:
        names.setdefault(calendar.start_time(handbook, cohort), []).append(cohort.name)
    return [(", ".join(groups), start) for start, groups in names.items()]


def hours(minutes: int, words: dict[str, str]) -> str:
    """A length of time in hours and minutes, in the page's language."""
    h, m = divmod(minutes, 60)
    pattern = words["hours_minutes"] if m else words["hours_only"]
    return fill(pattern, h=h, m=m)


def pages(handbook: Handbook, make: MakePage, words: dict[str, str]) -> list[Page | None]:
    program = handbook.program
    name = " · ".join(filter(None, (handbook.organization.short_name, program.title)))
    edition = f"{words['edition']} {program.version}"

    # A page that prints: its @page rule carries the paper size and the running header and footer
    def printable(uri: str, title: str, template: str, section: str | None, kind: str, left: str,
                  editions: frozenset[str] = EVERY_EDITION, **context: object) -> Page | None:
        style = page_rule(program.paper, RunningText(make.plain(kind), make.plain(left), make.plain(edition)),
                          words["page_of"])
        # made to be printed: search leads to the session page, and never to a hidden motive
        return make(uri, title, template, section, editions=editions, searchable=False, page_style=style,
                    timed=timed_agenda,
                    hours=lambda minutes: hours(minutes, words), **context)

    def session_pages(session: Session) -> list[Page | None]:
        left = f"{name} · {words['session']} {session.number}: {session.title}"
        return [
            printable(facilitator_uri(session), f"{words['facilitator_packet']}: {session.title}",
                      "facilitator", None, words["facilitator_packet"], left,
                      editions=TRAINERS_ONLY, nav_session=session_uri(session), session=session),
            printable(handout_uri(session), f"{words['participant_handout']}: {session.title}",
                      "handout", None, words["participant_handout"], left,
                      nav_session=session_uri(session), session=session),
        ]

    role_plays = [(s, block) for s in handbook.sessions for block in s.agenda if block.scenario]
    guide = printable(TRAINERS_GUIDE, words["trainers_guide"], "trainers_guide", "trainers",
                      words["trainers_guide"], name,
                      editions=TRAINERS_ONLY, role_plays=role_plays, starts=group_starts(handbook, words),
                      compact=len(handbook.sessions) > LISTED_IN_FULL)
    return [guide, *(page for session in handbook.sessions for page in session_pages(session))]
