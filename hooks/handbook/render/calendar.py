"""When each group meets (schedule.yml), and their calendars: one .ics per group and one for all.

Times are written in the program's time zone (TZID with its VTIMEZONE), so a calendar in another
zone, or a meeting on the other side of a daylight-saving change, still lands at the right hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zoneinfo
from dataclasses import dataclass
from typing import Callable

import icalendar

from ..model import Cohort, Handbook, Schedule, Session
from ..placeholders import fill

FOLDER = "calendars/"
ALL_URI = FOLDER + "all-groups.ics"
PRODUCT = "-//Training handbook//Group calendars//EN"


@dataclass(frozen=True)
class Meeting:
    cohort: Cohort
    session: Session
    start: dt.datetime  # aware, in the schedule's time zone
    end: dt.datetime


def start_time(handbook: Handbook, cohort: Cohort) -> str:
    return cohort.start_time or handbook.program.start_time


def meetings(handbook: Handbook, cohort: Cohort) -> list[Meeting]:
    """The group's sessions in order, each on its date, from its start time for the session's length."""
    zone = zoneinfo.ZoneInfo(handbook.schedule.timezone)
    clock = dt.time.fromisoformat(start_time(handbook, cohort))
    found = []
    for session, day in zip(handbook.sessions, cohort.dates):
        start = dt.datetime.combine(day, clock, tzinfo=zone)
        # the length is real time: add it in UTC, so a session across a clock change still lasts as long
        end = (start.astimezone(dt.timezone.utc) + dt.timedelta(minutes=session.duration)).astimezone(zone)
        found.append(Meeting(cohort, session, start, end))
    return found


def held(handbook: Handbook, session: Session) -> list[Meeting]:
    """This session's meetings, one per group, soonest first (the reader's browser marks which are past)."""
    if handbook.schedule is None:
        return []
    found = [m for c in handbook.schedule.cohorts for m in meetings(handbook, c) if m.session.id == session.id]
    return sorted(found, key=lambda m: m.start)


def cohort_uris(schedule: Schedule | None) -> dict[str, str]:
    """Group name → its calendar file, named after the group (made unique)."""
    uris: dict[str, str] = {}
    for cohort in schedule.cohorts if schedule else ():
        slug = re.sub(r"[^a-z0-9]+", "-", cohort.name.lower()).strip("-") or "group"
        uri, n = f"{FOLDER}{slug}.ics", 1
        while uri in uris.values() or uri == ALL_URI:
            n += 1
            uri = f"{FOLDER}{slug}-{n}.ics"
        uris[cohort.name] = uri
    return uris


def files(handbook: Handbook, words: dict[str, str], page_url: Callable[[Session], str],
          stamp: dt.date) -> dict[str, bytes]:
    """Every calendar file: site URI → its bytes. `page_url` gives a session page's address."""
    if handbook.schedule is None:
        return {}
    cohorts = handbook.schedule.cohorts
    uris = cohort_uris(handbook.schedule)
    made = {uris[c.name]: _calendar(handbook, [c], f"{handbook.program.title} · {c.name}", words, page_url, stamp)
            for c in cohorts}
    title = f"{handbook.program.title} · {words['calendar_all_groups']}"
    made[ALL_URI] = _calendar(handbook, list(cohorts), title, words, page_url, stamp)
    return made


def _calendar(handbook: Handbook, cohorts: list[Cohort], name: str, words: dict[str, str],
              page_url: Callable[[Session], str], stamp: dt.date) -> bytes:
    calendar = icalendar.Calendar.new(prodid=PRODUCT, name=name, uid=_uid(handbook, name))
    stamp_time = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.timezone.utc)  # the build date: reproducible
    for cohort in cohorts:
        for meeting in meetings(handbook, cohort):
            calendar.add_component(_event(handbook, meeting, words, page_url(meeting.session), stamp_time))
    dates = [d for c in cohorts for d in c.dates]
    calendar.add_missing_timezones(first_date=min(dates) - dt.timedelta(days=366),
                                   last_date=max(dates) + dt.timedelta(days=366))
    return calendar.to_ical()


def _event(handbook: Handbook, meeting: Meeting, words: dict[str, str], url: str,
           stamp: dt.datetime) -> icalendar.Event:
    session, cohort = meeting.session, meeting.cohort
    purpose = re.sub(r"(?<!\n)\n(?!\n)", " ", session.summary.strip())  # YAML's line breaks, not paragraphs
    description = f"{purpose}\n\n{words['calendar_session_page']}: {url}"
    return icalendar.Event.new(
        uid=_uid(handbook, cohort.name, session.id), stamp=stamp, start=meeting.start, end=meeting.end,
        summary=fill(words["calendar_event_title"], session=session.title, group=cohort.name,
                     program=handbook.program.title, n=session.number),
        description=description, location=cohort.room,
        url=url if re.match(r"^https?://", url) else None)


def _uid(handbook: Handbook, *names: str) -> str:
    """Stable: the same group's same session keeps its UID when its date moves, so calendars update the event."""
    key = "\0".join((handbook.program.title, *names)).encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@training-handbook"
