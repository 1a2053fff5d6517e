"""Rules of schedule.yml: a known time zone, unique group names, one date per session, in order.

Each problem is recorded on the schedule file's Reader, at the field the coordinator has to fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import zoneinfo
from typing import Sequence

from ..model import Schedule
from .context import Curriculum
from .validate import Reader, known


def check(c: Curriculum) -> None:
    """schedule.yml against the sessions; program.start_time is the groups' start time unless they name their own."""
    if not c.read("schedule.yml"):
        return
    schedule: Schedule = c.read("schedule.yml").value
    reader = c.read("schedule.yml").reader
    program = c.part("program.yml")
    start_time = known(program.known, "program", "start_time") if program else None
    zone = _time_zone(schedule.timezone, reader)
    names: dict[str, str] = {}
    for i, cohort in enumerate(schedule.cohorts):
        where = f"cohorts[{i}]"
        if cohort.name in names:
            reader.at(f"{where}.name", f'the group name "{cohort.name}" is used twice (also at {names[cohort.name]})')
        names.setdefault(cohort.name, f"{where}.name")
        _dates_in_order(cohort.dates, reader, where)
        if c.every_session_read:  # else the count of sessions is a consequence of a file that could not be read
            _one_date_per_session(cohort.name, cohort.dates, len(c.sessions), reader, where)
        if zone is not None and (cohort.start_time or start_time):
            _times_exist(cohort.dates, cohort.start_time or start_time, zone, reader, where)


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(name: str, reader: Reader) -> zoneinfo.ZoneInfo | None:
    if name in _known_zones():
        return zoneinfo.ZoneInfo(name)
    close = difflib.get_close_matches(name, sorted(_known_zones()), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ' (write a name like "America/New_York" or "Asia/Seoul")'
    reader.at("timezone", f'"{name}" is not a known time zone{hint}')
    return None


def _dates_in_order(dates: Sequence[dt.date], reader: Reader, where: str) -> None:
    for j in range(1, len(dates)):
        if dates[j] <= dates[j - 1]:
            reader.at(f"{where}.dates[{j}]", f"{dates[j].isoformat()} is not after the date before it "
                                             f"({dates[j - 1].isoformat()}); list the dates in session order, "
                                             f"one day per session")


def _one_date_per_session(name: str, dates: Sequence[dt.date], sessions: int, reader: Reader, where: str) -> None:
    if len(dates) != sessions:
        reader.at(f"{where}.dates", f'"{name}" has {len(dates)} date{"s" if len(dates) != 1 else ""} but the program '
                                    f'has {sessions} session{"s" if sessions != 1 else ""}; give one date per '
                                    f"session, in session order")


def _times_exist(dates: Sequence[dt.date], start: str, zone: zoneinfo.ZoneInfo, reader: Reader, where: str) -> None:
    """A start time the clocks skip on that day (the spring change to daylight saving time) does not exist."""
    clock = dt.time.fromisoformat(start)
    for j, day in enumerate(dates):
        local = dt.datetime.combine(day, clock, tzinfo=zone)
        if local.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
            reader.at(f"{where}.dates[{j}]", f"{start} does not exist on {day.isoformat()} in {zone.key}: the clocks "
                                             f"skip it that day; choose another start time")
