"""Every rule of schedule.yml: a curriculum that breaks it, and the exact message and position."""

from __future__ import annotations

import datetime as dt

from handbook import load_handbook
from test_validation import curriculum, problems

HEAD = "timezone: America/New_York\ncohorts:\n"
GOOD = HEAD + "  - name: Group A\n    dates: [2027-03-10]\n    room: Room 2B\n"


def schedule(tmp_path, text: str, sessions: int = 1):
    """The minimal curriculum (one session, or more copies of it) with this schedule.yml."""
    extra = {}
    session = (curriculum(tmp_path / "source") / "sessions" / "01-greeting.yml").read_text(encoding="utf-8")
    for n in range(2, sessions + 1):
        extra[f"sessions/0{n}-greeting-{n}.yml"] = session
    return curriculum(tmp_path, {"schedule.yml": text, **extra})


def test_a_schedule_is_optional_and_read_when_present(tmp_path):
    handbook, _ = load_handbook(curriculum(tmp_path / "none"))
    assert handbook.schedule is None
    handbook, _ = load_handbook(schedule(tmp_path, GOOD))
    assert handbook.schedule.timezone == "America/New_York"
    cohort = handbook.schedule.cohorts[0]
    assert (cohort.name, cohort.dates, cohort.room, cohort.start_time) == ("Group A", (dt.date(2027, 3, 10),),
                                                                           "Room 2B", None)


def test_one_date_per_session(tmp_path):
    folder = schedule(tmp_path, HEAD + "  - name: Group A\n    dates: [2027-03-10, 2027-03-17]\n"
                                       "  - name: Group B\n    dates: [2027-03-10, 2027-03-17, 2027-03-24]\n",
                      sessions=2)
    assert problems(folder) == ['schedule.yml:6:5: cohorts[1].dates: "Group B" has 3 dates but the program has '
                                "2 sessions; give one date per session, in session order"]


def test_dates_in_session_order(tmp_path):
    folder = schedule(tmp_path, HEAD + "  - name: Group A\n    dates: [2027-03-17, 2027-03-10, 2027-03-10]\n",
                      sessions=3)
    assert problems(folder) == [
        "schedule.yml:4:25: cohorts[0].dates[1]: 2027-03-10 is not after the date before it (2027-03-17); "
        "list the dates in session order, one day per session",
        "schedule.yml:4:37: cohorts[0].dates[2]: 2027-03-10 is not after the date before it (2027-03-10); "
        "list the dates in session order, one day per session"]


def test_real_dates_only(tmp_path):
    folder = schedule(tmp_path, HEAD + "  - name: Group A\n    dates:\n      - 2027-02-29\n")
    assert problems(folder) == ['schedule.yml:5:9: cohorts[0].dates[0]: "2027-02-29" is not a day of the calendar']
    folder = schedule(tmp_path / "words", HEAD + "  - name: Group A\n    dates: [next tuesday]\n")
    assert problems(folder) == ['schedule.yml:4:13: cohorts[0].dates[0]: expected a date like 2026-10-15, '
                                'found "next tuesday"']


def test_a_known_time_zone(tmp_path):
    folder = schedule(tmp_path, GOOD.replace("America/New_York", "America/NewYork"))
    assert problems(folder) == ['schedule.yml:1:11: timezone: "America/NewYork" is not a known time zone; '
                                'did you mean "America/New_York"?']
    folder = schedule(tmp_path / "est", GOOD.replace("America/New_York", "Eastern Standard Time"))
    assert problems(folder) == ['schedule.yml:1:11: timezone: "Eastern Standard Time" is not a known time zone '
                                '(write a name like "America/New_York" or "Asia/Seoul")']


def test_unique_group_names(tmp_path):
    folder = schedule(tmp_path, GOOD + "  - name: Group A\n    dates: [2027-04-10]\n")
    assert problems(folder) == ['schedule.yml:6:11: cohorts[1].name: the group name "Group A" is used twice '
                                "(also at cohorts[0].name)"]


def test_start_time_is_a_clock_time(tmp_path):
    folder = schedule(tmp_path, GOOD + '    start_time: "9.30"\n')
    assert problems(folder) == ['schedule.yml:6:17: cohorts[0].start_time: expected a clock time like "09:00", '
                                'found "9.30"']


def test_a_start_time_the_clocks_skip(tmp_path):
    # On 2027-03-14 the clocks in New York go from 02:00 straight to 03:00
    folder = schedule(tmp_path, HEAD + '  - name: Group A\n    dates: [2027-03-14]\n    start_time: "02:30"\n')
    assert problems(folder) == ["schedule.yml:4:13: cohorts[0].dates[0]: 02:30 does not exist on 2027-03-14 in "
                                "America/New_York: the clocks skip it that day; choose another start time"]


def test_at_least_one_group_and_one_date(tmp_path):
    folder = schedule(tmp_path, HEAD.replace("cohorts:\n", "cohorts: []\n"))
    assert problems(folder) == ["schedule.yml:2:1: cohorts: needs at least 1 item, found 0"]


def test_unknown_keys_and_missing_fields(tmp_path):
    folder = schedule(tmp_path, HEAD + "  - name: Group A\n    date: [2027-03-10]\n")
    assert problems(folder) == ['schedule.yml:4:5: cohorts[0].date: unknown key "date"; did you mean "dates"?']
    folder = schedule(tmp_path / "zone", "cohorts:\n  - name: Group A\n    dates: [2027-03-10]\n")
    assert problems(folder) == ['schedule.yml:1:1: timezone: the required field "timezone" is missing (The time '
                                'zone of every date and time, an IANA name such as "America/New_York" or '
                                '"Asia/Seoul")']
