"""Groups and their calendars: the .ics files read back as a calendar client reads them, and the dates on pages."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import icalendar
import pytest

from handbook import load_handbook, locale
from handbook.render import Text, calendar
from support import BUILD_DATE, DEFAULT_CURRICULUM, KOREAN_CURRICULUM

UTC = dt.timezone.utc
PLAIN = Text().plain  # a title's plain-text form, as the hook gives it


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


def read_calendar(path: Path) -> icalendar.Calendar:
    """As a calendar client imports a file: parse it, and resolve each TZID by the VTIMEZONE in the file."""
    return icalendar.Calendar.from_ical(path.read_bytes())


def instant(cal: icalendar.Calendar, event: icalendar.Event, name: str) -> dt.datetime:
    """The moment an event starts or ends, by the file's own time zone definition (not the system's)."""
    prop = event[name]
    zones = {tz.tz_name: tz.to_tz(lookup_tzid=False) for tz in cal.timezones}
    local = prop.dt.replace(tzinfo=None)
    return local.replace(tzinfo=zones[prop.params["TZID"]]).astimezone(UTC)


def expected(day: dt.date, clock: str, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(UTC)


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("folder", [DEFAULT_CURRICULUM, KOREAN_CURRICULUM], ids=["default", "korean"])
def test_one_event_per_session_per_group_at_the_local_start_time(folder, default_site, korean_site):
    site = default_site if folder == DEFAULT_CURRICULUM else korean_site
    book = load_handbook(folder)[0]
    zone = book.schedule.timezone
    uris = calendar.cohort_uris(book.schedule)
    for cohort in book.schedule.cohorts:
        cal = read_calendar(site / uris[cohort.name])
        events = cal.events
        assert len(events) == len(book.sessions)
        assert [tz.tz_name for tz in cal.timezones] == [zone]
        start = cohort.start_time or book.program.start_time
        for event, session, day in zip(sorted(events, key=lambda e: e.start), book.sessions, cohort.dates):
            assert event["DTSTART"].params["TZID"] == zone
            assert event.start.strftime("%Y-%m-%d %H:%M") == f"{day.isoformat()} {start}"  # the wall clock
            assert instant(cal, event, "DTSTART") == expected(day, start, zone)
            assert instant(cal, event, "DTEND") - instant(cal, event, "DTSTART") == dt.timedelta(minutes=session.duration)
            assert session.title in str(event["SUMMARY"]) and cohort.name in str(event["SUMMARY"])
            assert str(event.get("LOCATION")) == cohort.room
            description = str(event["DESCRIPTION"])
            assert " ".join(session.summary.split()[:8]) in description
            link = description.rsplit(": ", 1)[1]
            assert (site / unquote(link)).is_file(), f"the event's page link {link} is not a page of the site"
    everyone = read_calendar(site / calendar.ALL_URI)
    assert len(everyone.events) == len(book.sessions) * len(book.schedule.cohorts)
    uids = [str(e["UID"]) for e in everyone.events]
    assert len(set(uids)) == len(uids)


def test_a_group_across_a_daylight_saving_change_keeps_its_local_time(default_site, handbook):
    # Group A: the clocks in New York go back on 2026-11-01; Group C: they go forward on 2027-03-14
    uris = calendar.cohort_uris(handbook.schedule)
    by_name = {c.name: c for c in handbook.schedule.cohorts}
    for name, before, after in (("Group A", 13, 14), ("Group C", 14, 13)):
        cal = read_calendar(default_site / uris[name])
        first, *_, last = sorted(cal.events, key=lambda e: e.start)
        assert by_name[name].dates[0] < {"Group A": dt.date(2026, 11, 1), "Group C": dt.date(2027, 3, 14)}[name] \
            < by_name[name].dates[-1]
        assert (first.start.hour, last.start.hour) == (9, 9)  # 09:00 on the wall clock, both times
        assert (instant(cal, first, "DTSTART").hour, instant(cal, last, "DTSTART").hour) == (before, after)


def test_event_ids_are_stable_when_dates_move(handbook):
    words = locale.words("en")

    def uids(book):
        made = calendar.files(book, words, lambda s: f"sessions/{s.id}.html", BUILD_DATE, PLAIN)
        return [str(e["UID"]) for e in icalendar.Calendar.from_ical(made[calendar.ALL_URI]).events]

    moved = replace(handbook.schedule, cohorts=tuple(
        replace(c, dates=tuple(d + dt.timedelta(days=7) for d in c.dates)) for c in handbook.schedule.cohorts))
    assert uids(handbook) == uids(replace(handbook, schedule=moved))
    assert calendar.files(handbook, words, str, BUILD_DATE, PLAIN) == calendar.files(handbook, words, str, BUILD_DATE, PLAIN)


def test_no_schedule_no_calendars(tmp_path):
    from support import MINIMAL_CURRICULUM
    book = load_handbook(MINIMAL_CURRICULUM)[0]
    assert calendar.files(book, locale.words("en"), str, BUILD_DATE, PLAIN) == {}


def links_to_calendars(path: Path, site: Path) -> dict[str, Path]:
    html = path.read_text(encoding="utf-8")
    found = dict(re.findall(r'<a href="([^"]+\.ics)"[^>]*>([^<]+)</a>', html))
    return {text: (path.parent / href).resolve() for href, text in found.items()}


def test_pages_say_when_each_group_meets_with_add_to_calendar_links(default_site, default_trainers_site, handbook):
    schedule = handbook.schedule
    home = text_of(default_site / "index.html")
    guide = text_of(default_trainers_site / "trainers-guide.html")  # the guide is in the trainer's edition
    for cohort in schedule.cohorts:
        assert cohort.name in home and cohort.name in guide
        for day in cohort.dates:
            assert day.strftime("%a %-d %b %Y") in guide, f"{cohort.name}: {day} is not in the trainer's guide"
            assert day.strftime("%a %-d %b %Y") in home
    for site, page in ((default_site, "index.html"), (default_trainers_site, "trainers-guide.html"),
                       (default_site, f"sessions/{handbook.sessions[0].id}.html")):
        html = (site / page).read_text(encoding="utf-8")
        targets = re.findall(r'<a href="([^"]+\.ics)"[^>]*>Add', html)
        assert targets, f"{page} has no Add to calendar link"
        for href in targets:
            assert ((site / page).parent / href).resolve().is_file(), f"{page}: {href} is missing"


def test_korean_dates_are_written_in_korean(korean_site):
    book = load_handbook(KOREAN_CURRICULUM)[0]
    home = text_of(korean_site / "index.html")
    day = book.schedule.cohorts[0].dates[0]
    assert f"{day.year}년 {day.month}월 {day.day}일 (수)" in home
    assert "캘린더에 추가" in home
