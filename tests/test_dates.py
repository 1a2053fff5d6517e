"""Dates that stay true after the build: the home page and the session pages list every group's dates, and the
reader's browser marks which are past, today and coming (Playwright's clock, on a reader in the program's time
zone and on one in another); without JavaScript every date is listed with the day the page was built. The time
zone is shown by its everyday name."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest

from handbook import load_handbook, locale
from handbook.render.schedule import long_date, zone_name
from support import BUILD_DATE, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, axe_violations, move_clock

ZONE = "America/New_York"  # the default program's
ELSEWHERE = "Asia/Seoul"  # fourteen hours ahead: the program's evening is the next day there
EN = locale.words("en")


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


@pytest.fixture(params=[ZONE, ELSEWHERE])
def reader(browser, request):
    """A page in a browser in the program's time zone, then in one in another."""
    ctx = browser.new_context(timezone_id=request.param)
    yield ctx.new_page()
    ctx.close()


def at(day: dt.date, clock_time: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock_time), tzinfo=zoneinfo.ZoneInfo(ZONE))


def marks(page) -> dict[str, str]:
    """Each listed date (as written) → the word the browser wrote after it."""
    return dict(zip(page.locator("[data-hb-ends]").all_inner_texts(), page.locator("[data-hb-state]").all_inner_texts()))


def first_session_dates(handbook) -> dict[str, dt.date]:
    """Group → the day it has the first session."""
    return {c.name: c.dates[0] for c in handbook.schedule.cohorts}


def test_a_session_page_marks_past_today_and_coming_by_the_readers_clock(reader, default_server, handbook):
    session = handbook.sessions[0]
    days = first_session_dates(handbook)
    group_b = days["Group B"]
    reader.clock.install(time=at(group_b, "12:00"))  # Group B meets at 13:30 that day
    reader.goto(f"{default_server.url}sessions/{session.id}.html")
    word = {d: w for d, w in marks(reader).items()}
    assert word == {long_date(days["Group A"], EN): "past", long_date(group_b, EN): "today",
                    long_date(days["Group C"], EN): "coming", long_date(days["Night shift"], EN): "coming"}
    assert reader.locator("[data-hb-as-of]").is_hidden()
    assert axe_violations(reader) == []
    move_clock(reader, 4 * 3600_000, every_timer=True)  # 16:00: Group B's session is over
    assert marks(reader)[long_date(group_b, EN)] == "past"


def test_a_page_built_months_ago_still_shows_the_right_coming_dates(reader, default_server, handbook):
    later = dt.date(2027, 3, 20)  # five months after the build
    assert (later - BUILD_DATE).days > 140
    reader.clock.install(time=at(later, "20:00"))  # already the next day in Seoul: the program's day counts
    reader.goto(default_server.url)
    expected = {long_date(d, EN): ("past" if d < later else "coming")
                for c in handbook.schedule.cohorts for d in c.dates}
    assert marks(reader) == expected
    assert "coming" in expected.values() and "past" in expected.values()
    assert axe_violations(reader) == []


def test_without_javascript_every_date_is_listed_with_the_day_the_page_was_built(browser, default_server, handbook):
    context = browser.new_context(java_script_enabled=False, timezone_id=ZONE)
    try:
        page = context.new_page()
        session = handbook.sessions[0]
        page.goto(f"{default_server.url}sessions/{session.id}.html")
        shown = page.locator("[data-hb-ends]").all_inner_texts()
        assert shown == [long_date(d, EN) for d in sorted(first_session_dates(handbook).values())]
        assert min(first_session_dates(handbook).values()) < BUILD_DATE, "a date before the build is listed too"
        assert page.locator("[data-hb-state]").all_inner_texts() == [""] * len(shown)
        built = EN["dates_as_of"].replace("{date}", long_date(BUILD_DATE, EN))
        assert page.get_by_text(built).is_visible()
        page.goto(default_server.url)
        assert page.get_by_text(built).is_visible()
    finally:
        context.close()


def test_the_time_zone_is_shown_by_its_everyday_name(default_server, default_trainers_server, handbook):
    import urllib.request
    for url in (default_server.url, f"{default_server.url}sessions/{handbook.sessions[0].id}.html",
                f"{default_trainers_server.url}trainers-guide.html"):
        html = urllib.request.urlopen(url).read().decode()
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert "Eastern Time" in text, url
        assert "America/New_York" not in text, url


def test_zone_names_come_in_the_pages_language():
    assert zone_name("America/New_York", "en") == "Eastern Time"
    assert zone_name("Asia/Seoul", "ko") == "한국 시간"
    assert zone_name("UTC", "en") == "Coordinated Universal Time"  # a zone of no region keeps a real name


def test_korean_pages_mark_dates_in_korean(page, korean_server):
    book = load_handbook(KOREAN_CURRICULUM)[0]
    ko = locale.words("ko")
    cohort = book.schedule.cohorts[0]
    seoul = zoneinfo.ZoneInfo(book.schedule.timezone)
    page.clock.install(time=dt.datetime.combine(cohort.dates[1], dt.time(9), tzinfo=seoul))
    page.goto(korean_server.url)
    words = page.locator("[data-hb-state]").all_inner_texts()
    assert words[:3] == [ko["date_past"], ko["date_today"], ko["date_coming"]]
    assert zone_name(book.schedule.timezone, "ko") in page.locator("article").inner_text()


def test_a_groups_name_is_text_in_the_run_view_and_the_marked_dates(handbook):
    """A group's name is curriculum text: in the run view's group list and the run's settings it stays text."""
    from dataclasses import replace

    from handbook.render.pages import render_pages
    hostile = '<img src=x onerror="alert(1)"></script><b>'
    cohorts = (replace(handbook.schedule.cohorts[0], name=hostile), *handbook.schedule.cohorts[1:])
    book = replace(handbook, schedule=replace(handbook.schedule, cohorts=cohorts))
    pages = {p.uri: p.html for p in render_pages(book, today=BUILD_DATE, edition="trainers")}
    session = book.sessions[0]
    for uri in (f"sessions/{session.id}/run.md", f"sessions/{session.id}.md", "index.md"):
        assert 'onerror="' not in pages[uri], uri
        assert "</script><b>" not in pages[uri], uri
    run = pages[f"sessions/{session.id}/run.md"]
    assert "<img" not in run and "&lt;img src=x" in run  # the group list and the settings hold it as text
