"""What the pages say about schedule.yml: each group's dates, a session's coming dates, the calendar links.

Templates get one `dates` object (see `Dates`); without a schedule it has no groups and says nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ..model import Cohort, Handbook, Session
from ..placeholders import fill
from . import calendar


def long_date(day: dt.date, words: dict[str, str]) -> str:
    """A date with its weekday, in the page's language ("Wed 24 Mar 2027", "2027년 3월 24일 (수)")."""
    weekday = words["weekdays"].split()[day.weekday()]
    month = words["months"].split()[day.month - 1]
    return fill(words["date_format"], weekday=weekday, day=day.day, month=month, m=day.month, year=day.year)


@dataclass(frozen=True)
class Dates:
    handbook: Handbook
    words: dict[str, str]
    today: dt.date

    @property
    def cohorts(self) -> tuple[Cohort, ...]:
        return self.handbook.schedule.cohorts if self.handbook.schedule else ()

    @property
    def zone(self) -> str:
        return self.handbook.schedule.timezone if self.handbook.schedule else ""

    @property
    def all_uri(self) -> str:
        return calendar.ALL_URI

    def uri(self, cohort: Cohort) -> str:
        return self._uris[cohort.name]

    def start(self, cohort: Cohort) -> str:
        return calendar.start_time(self.handbook, cohort)

    def meetings(self, cohort: Cohort) -> list[calendar.Meeting]:
        return calendar.meetings(self.handbook, cohort)

    def coming(self, session: Session) -> list[calendar.Meeting]:
        return calendar.coming(self._by_session, session, self.today)

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
