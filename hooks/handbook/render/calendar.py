"""When each group meets (schedule.yml), and their calendars: one .ics per group and one for all.

Times are written in the program's time zone (TZID with its VTIMEZONE), so a calendar in another
zone, or a meeting on the other side of a daylight-saving change, still lands at the right hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
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


def by_session(handbook: Handbook) -> dict[str, list[Meeting]]:
    """Every group's meetings, by session id, each list soonest first: built once, looked up per page (the reader's
    browser marks which are past)."""
    found: dict[str, list[Meeting]] = {}
    for cohort in handbook.schedule.cohorts if handbook.schedule else ():
        for meeting in meetings(handbook, cohort):
            found.setdefault(meeting.session.id, []).append(meeting)
    for listed in found.values():
        listed.sort(key=lambda m: m.start)
    return found


def cohort_uris(schedule: Schedule | None) -> dict[str, str]:
    """Group name → its calendar file, named after the group (made unique). Build it once: it reads every group."""
    uris: dict[str, str] = {}
    taken = {ALL_URI}
    for cohort in schedule.cohorts if schedule else ():
        # accents off first, so that "Grupo de otoño" is named grupo-de-otono.ics
        letters = "".join(c for c in unicodedata.normalize("NFKD", cohort.name) if not unicodedata.combining(c))
        slug = re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-") or "group"
        uri, n = f"{FOLDER}{slug}.ics", 1
        while uri in taken:
            n += 1
            uri = f"{FOLDER}{slug}-{n}.ics"
        uris[cohort.name] = uri
        taken.add(uri)
    return uris


def files(handbook: Handbook, words: dict[str, str], page_url: Callable[[Session], str],
          stamp: dt.date, plain: Callable[[str], str]) -> dict[str, bytes]:
    """Every calendar file: site URI → its bytes. `page_url` gives a session page's address; `plain` a title's
    plain-text form (render.Text.plain), the only form a calendar shows."""
    if handbook.schedule is None:
        return {}
    cohorts = handbook.schedule.cohorts
    uris = cohort_uris(handbook.schedule)
    program = plain(handbook.program.title)
    made = {uris[c.name]: _calendar(handbook, [c], f"{program} · {c.name}", words, page_url, stamp, plain)
            for c in cohorts}
    title = f"{program} · {plain(words['calendar_all_groups'])}"
    made[ALL_URI] = _calendar(handbook, list(cohorts), title, words, page_url, stamp, plain)
    return made


def _calendar(handbook: Handbook, cohorts: list[Cohort], name: str, words: dict[str, str],
              page_url: Callable[[Session], str], stamp: dt.date, plain: Callable[[str], str]) -> bytes:
    name = " ".join(name.split())  # a page word from labels may hold a line break; a calendar's name is one line
    calendar = icalendar.Calendar.new(prodid=PRODUCT, name=name, uid=_uid(handbook, name))
    stamp_time = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.timezone.utc)  # the build date: reproducible
    for cohort in cohorts:
        for meeting in meetings(handbook, cohort):
            calendar.add_component(_event(handbook, meeting, words, page_url(meeting.session), stamp_time, plain))
    dates = [d for c in cohorts for d in c.dates]
    calendar.add_missing_timezones(first_date=min(dates) - dt.timedelta(days=366),
                                   last_date=max(dates) + dt.timedelta(days=366))
    return calendar.to_ical()


def _event(handbook: Handbook, meeting: Meeting, words: dict[str, str], url: str,
           stamp: dt.datetime, plain: Callable[[str], str]) -> icalendar.Event:
    session, cohort = meeting.session, meeting.cohort
    purpose = re.sub(r"(?<!\n)\n(?!\n)", " ", session.summary.strip())  # YAML's line breaks, not paragraphs
    description = f"{purpose}\n\n{words['calendar_session_page']}: {url}"
    return icalendar.Event.new(
        uid=_uid(handbook, cohort.name, session.id), stamp=stamp, start=meeting.start, end=meeting.end,
        summary=plain(fill(words["calendar_event_title"], session=session.title, group=cohort.name,
                           program=handbook.program.title, n=session.number)),
        description=description, location=cohort.room,
        url=url if re.match(r"^https?://", url) else None)


def _uid(handbook: Handbook, *names: str) -> str:
    """Stable: the same group's same session keeps its UID when its date moves, so calendars update the event."""
    key = "\0".join((handbook.program.title, *names)).encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@training-handbook"
