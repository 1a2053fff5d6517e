"""What the pages say about schedule.yml: each group's dates, a session's dates, the calendar links, the zone's name.

Templates get one `dates` object (see `Dates`); without a schedule it has no groups and says nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import babel
from babel.core import get_global
from babel.dates import get_timezone, get_timezone_name

from ..model import Cohort, Handbook, Session
from ..placeholders import fill
from . import calendar


def long_date(day: dt.date, words: dict[str, str]) -> str:
    """A date with its weekday, in the page's language ("Wed 24 Mar 2027", "2027년 3월 24일 (수)")."""
    weekday = words["weekdays"].split()[day.weekday()]
    month = words["months"].split()[day.month - 1]
    return fill(words["date_format"], weekday=weekday, day=day.day, month=month, m=day.month, year=day.year)


def instant(when: dt.datetime) -> int:
    """A moment as the browser counts it: milliseconds since 1970 (UTC)."""
    return int(when.timestamp() * 1000)


def zone_name(zone: str, language: str) -> str:
    """A time zone by its everyday name in the page's language ("Eastern Time"), from CLDR (babel)."""
    try:
        locale = babel.Locale.parse(language)
        canonical = get_global("zone_aliases").get(zone, zone)
        if canonical in get_global("meta_zones"):
            return get_timezone_name(get_timezone(zone), "long", locale=locale)
        # a zone of no region (UTC, Etc/GMT+5): its own name, "Coordinated Universal Time", "GMT-05:00"
        return get_timezone_name(dt.datetime(2000, 1, 1, tzinfo=get_timezone(zone)), "long", locale=locale)
    except (ValueError, LookupError, babel.UnknownLocaleError):
        return zone


@dataclass(frozen=True)
class Dates:
    handbook: Handbook
    words: dict[str, str]

    @property
    def cohorts(self) -> tuple[Cohort, ...]:
        return self.handbook.schedule.cohorts if self.handbook.schedule else ()

    @property
    def zone(self) -> str:
        """The schedule's time zone by its everyday name ("Eastern Time")."""
        if self.handbook.schedule is None:
            return ""
        return zone_name(self.handbook.schedule.timezone, self.handbook.program.language)

    @property
    def all_uri(self) -> str:
        return calendar.ALL_URI

    def uri(self, cohort: Cohort) -> str:
        return self._uris[cohort.name]

    def start(self, cohort: Cohort) -> str:
        return calendar.start_time(self.handbook, cohort)

    def meetings(self, cohort: Cohort) -> list[calendar.Meeting]:
        return calendar.meetings(self.handbook, cohort)

    @property
    def zone_id(self) -> str:
        """The schedule's time zone as the browser knows it ("America/New_York")."""
        return self.handbook.schedule.timezone if self.handbook.schedule else ""

    def held(self, session: Session) -> list[calendar.Meeting]:
        return self._by_session.get(session.id, [])

    instant = staticmethod(instant)

    # Built once per build: a page asks about one group or session, and a program may have thousands of each
    @cached_property
    def _uris(self) -> dict[str, str]:
        return calendar.cohort_uris(self.handbook.schedule)

    @cached_property
    def _by_session(self) -> dict[str, list[calendar.Meeting]]:
        return calendar.by_session(self.handbook)

    def day(self, when: dt.date | dt.datetime) -> str:
        return long_date(when.date() if isinstance(when, dt.datetime) else when, self.words)

    def times(self, meeting: calendar.Meeting) -> str:
        return f"{meeting.start:%H:%M}–{meeting.end:%H:%M}"
