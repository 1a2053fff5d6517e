"""The run view of each session: trainers only (facilitator notes, hidden motives), used on the day.

One page per session at sessions/<id>/run.md, not listed in the navigation and linked from the
facilitator packet. Every page of this group is for the trainer's edition only (TRAINERS_ONLY).
Without JavaScript it shows every block in order, its times counted from the session's start;
docs/assets/javascripts/run.js turns it into one block at a time, paced from the moment the trainer
presses Start, for the group chosen on the page. The words the script writes come from the locale table.
"""

from __future__ import annotations

from typing import Callable

from ..model import Handbook, Session
from ..placeholders import fill
from . import calendar
from .agreement import script_json
from .packets import timed_agenda
from .page import TRAINERS_ONLY, MakePage, Page, run_uri, session_uri
from .schedule import instant, long_date, zone_name

SCRIPT = "assets/javascripts/run.js"
# The words run.js writes itself (locale key without "run_" → text)
SCRIPT_WORDS = ("block_of", "left", "over", "warning", "overtime", "planned", "rehearsal_note", "started", "late",
                "early", "shorten", "too_late", "apply_cuts", "cuts_applied", "full_plan", "full_plan_done", "on_plan",
                "ahead", "behind", "start_now", "start_over", "announce", "announce_unstarted")


def pages(handbook: Handbook, make: MakePage, words: dict[str, str]) -> list[Page | None]:
    meetings = calendar.by_session(handbook)  # once: every group's meetings, read by each session's page
    return [_page(handbook, session, make, words, meetings.get(session.id, [])) for session in handbook.sessions]


def _page(handbook: Handbook, session: Session, make: MakePage, words: dict[str, str],
          meetings: list[calendar.Meeting]) -> Page | None:
    title = fill(words["run_title"], session=session.title)
    groups = _groups(meetings, words)
    return make(run_uri(session), title, "run", None, editions=TRAINERS_ONLY, searchable=False,
                hide=("navigation", "toc"), nav_session=session_uri(session), session=session,
                blocks=timed_agenda(session), groups=groups, script=SCRIPT,
                config=script_json(_config(handbook, session, groups, words, make.plain)))


def _groups(meetings: list[calendar.Meeting], words: dict[str, str]) -> list[dict]:
    """Each group's meeting of this session: its name, day and the instant it is planned to start."""
    return [{"name": m.cohort.name, "date": m.start.date().isoformat(), "start": instant(m.start),
             "label": f"{m.cohort.name} · {long_date(m.start.date(), words)} · {m.start:%H:%M}"}
            for m in meetings]


def _config(handbook: Handbook, session: Session, groups: list[dict], words: dict[str, str],
            plain: Callable[[str], str]) -> dict:
    schedule = handbook.schedule
    return {
        # the day and the clock times are the program's, wherever the trainer's tablet thinks it is
        "zone": schedule.timezone if schedule else None,
        "zone_name": zone_name(schedule.timezone, handbook.program.language) if schedule else "",
        "groups": [{key: g[key] for key in ("name", "date", "start")} for g in groups],
        "blocks": [{"title": plain(b.title), "minutes": b.minutes, "kind": b.kind} for b in session.agenda],
        "words": {key: words["run_" + key] for key in SCRIPT_WORDS},
    }
