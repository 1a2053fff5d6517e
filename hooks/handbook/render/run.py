"""The run view of each session: trainers only (facilitator notes, hidden motives), used on the day.

One page per session at sessions/<id>/run.md, not listed in the navigation and linked from the
facilitator packet. Every page of this group is for the trainer's edition only (TRAINERS_ONLY).
Without JavaScript it shows every block in order; docs/assets/javascripts/run.js turns it into
one block at a time with timers. The words the script writes come from the locale table.
"""

from __future__ import annotations

from typing import Callable

from ..model import Handbook, Session
from ..placeholders import fill
from . import calendar
from .agreement import script_json
from .packets import timed_agenda
from .page import TRAINERS_ONLY, MakePage, Page, run_uri, session_uri

SCRIPT = "assets/javascripts/run.js"
# The words run.js writes itself (locale key without "run_" → text)
SCRIPT_WORDS = ("block_of", "next_up", "last_block", "left", "over", "warning", "overtime", "planned", "started",
                "late", "shorten", "too_late", "announce")


def pages(handbook: Handbook, make: MakePage, words: dict[str, str]) -> list[Page | None]:
    meetings = calendar.by_session(handbook)  # once: every group's meetings, read by each session's page
    return [_page(handbook, session, make, words, meetings.get(session.id, [])) for session in handbook.sessions]


def _page(handbook: Handbook, session: Session, make: MakePage, words: dict[str, str],
          meetings: list[calendar.Meeting]) -> Page | None:
    timed = timed_agenda(session, handbook.program.start_time)
    title = fill(words["run_title"], session=session.title)
    return make(run_uri(session), title, "run", None, editions=TRAINERS_ONLY, searchable=False,
                hide=("navigation", "toc"), nav_session=session_uri(session), session=session, blocks=timed,
                script=SCRIPT,
                offsets=_offsets(session), config=script_json(_config(handbook, session, words, meetings, make.plain)))


def _offsets(session: Session) -> list[int]:
    """Minutes from the session's start to each block's start, and to the end (one more than blocks)."""
    offsets = [0]
    for block in session.agenda:
        offsets.append(offsets[-1] + block.minutes)
    return offsets


def _config(handbook: Handbook, session: Session, words: dict[str, str], meetings: list[calendar.Meeting],
            plain: Callable[[str], str]) -> dict:
    # every group's meeting of this session: on one of these days the plan starts at that group's time
    return {
        "start": handbook.program.start_time,
        "meetings": [{"date": m.start.date().isoformat(), "start": f"{m.start:%H:%M}"} for m in meetings],
        "blocks": [{"title": plain(b.title), "minutes": b.minutes, "kind": b.kind} for b in session.agenda],
        "words": {key: words["run_" + key] for key in SCRIPT_WORDS},
    }
