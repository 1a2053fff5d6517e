"""Careless scale and stray files: dates at the ends of the calendar, text that breaks a calendar, absurd counts,
direction controls left open, files that are not plain files of the curriculum folder.

Each refused case is pinned to its exact message, file, line and column (as in test_hostile_files_and_limits),
and what is accepted at the edges builds without a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

import icalendar
import pytest

from handbook import load_handbook, locale, schema
from handbook.curriculum import files
from handbook.model import MAX_COHORTS, MAX_SESSIONS
from handbook.render import calendar, reference, render_pages
from handbook.render.schedule import Dates
from handbook.render.text import Text
from support import MINIMAL_CURRICULUM, ROOT, SiteServer, build
from test_hostile_files_and_limits import (PNG, SESSION, Case, assert_build_fails, assert_refused, at_logo, logo, make,
                                          svg)
from test_hostile_input import Replace

sys.path.insert(0, str(ROOT / "scripts"))
import synthetic  # noqa: E402

SCHEDULE = "schedule.yml"
OBJECTIVE = "  - Greet each patient within ten seconds of arrival\n"


def schedule(*cohorts: str, zone: str = "America/New_York") -> dict:
    """schedule.yml with these cohorts (each a YAML mapping's lines after "- "); the minimal program has 1 session."""
    return {SCHEDULE: f"timezone: {zone}\ncohorts:\n" + "".join(f"  - {c}\n" for c in cohorts)}


def group(name: str = "Group A", day: str = "2027-03-10", room: str | None = None) -> str:
    return f"name: {name}\n    dates: [{day}]" + (f"\n    room: {room}" if room else "")


YEARS = "outside the years 1900–2200; write the date with its four-digit year"
ONE_LINE = "this text has a line break; a title or name is one line, so write it on one line"
RTL_OVERRIDE = ("this text has a right-to-left override (U+202E) that is not closed (U+202C) on its line, so it "
                "would reverse the text after it on every page; remove it")
HARD_LINK = "has other names on this disk (a hard link)"
CASES = [
    # -- item 1: every date the schedule accepts can be built; calendar text is one line ----------------------
    Case("a group dated in year 9999", schedule(group(day="9999-12-31")), SCHEDULE, 4, 13,
         f'"9999-12-31" is {YEARS}', "cohorts[0].dates[0]", built=True),
    Case("a group dated 0001-01-01 in the first time zone of the day",
         schedule(group(day="0001-01-01"), zone="Pacific/Kiritimati"), SCHEDULE, 4, 13,
         f'"0001-01-01" is {YEARS}', "cohorts[0].dates[0]"),
    Case("a session reviewed in year 1", {SESSION: Replace("duration: 60", "duration: 60\nlast_reviewed: 0001-01-01")},
         SESSION, 4, 16, f'"0001-01-01" is {YEARS}', "last_reviewed"),
    Case("a source published in year 9999", {"sources.yml": "- id: far\n  title: Far away\n  date: 9999-01-01\n"},
         "sources.yml", 3, 9, f'"9999-01-01" is {YEARS}', "[0].date"),
    Case("a group name with a line break", schedule(group(name='"Group A\\nBEGIN:VEVENT"')), SCHEDULE, 3, 11,
         ONE_LINE, "cohorts[0].name", built=True),
    Case("a room with a line break", schedule(group(room='"Room 2\\nEND:VCALENDAR"')), SCHEDULE, 5, 11,
         ONE_LINE, "cohorts[0].room"),
    Case("a program title with a line break", {"program.yml": Replace("title: Front Desk Basics",
                                                                      'title: "Front Desk\\nBasics"')},
         "program.yml", 5, 10, ONE_LINE, "program.title"),
    Case("a session title with a line separator", {SESSION: Replace("title: Greeting patients",
                                                                    'title: "Greeting\\Lpatients"')},
         SESSION, 2, 8, ONE_LINE, "title"),
    # -- item 3: counts ------------------------------------------------------------------------------------------
    Case("51 objectives", {SESSION: Replace(OBJECTIVE, OBJECTIVE * 51)}, SESSION, 56, 5,
         "this list has 51 items; it may have at most 50, so split it or shorten it", "objectives[50]"),
    Case("101 agenda blocks", {SESSION: Replace("  - title: Welcome\n    minutes: 10\n    kind: welcome\n",
                                                "  - title: Welcome\n    minutes: 10\n    kind: welcome\n"
                                                + "  - title: Aside\n    minutes: 1\n    kind: break\n" * 100)},
         SESSION, 310, 5, "this list has 102 items; it may have at most 100, so split it or shorten it", "agenda[100]"),
    Case("21 roles", {SESSION: Replace("        - name: Receptionist\n",
                                       "        - name: Extra\n          brief: x\n" * 20
                                       + "        - name: Receptionist\n")},
         SESSION, 60, 11, "this list has 22 items; it may have at most 20, so split it or shorten it",
         "agenda[1].scenario.roles[20]"),
    Case("51 key points", {SESSION: Replace("tips: [smile]", "key_points:\n" + "  - Smile.\n" * 51 + "tips: [smile]")},
         SESSION, 58, 5, "this list has 51 items; it may have at most 50, so split it or shorten it",
         "key_points[50]"),
    Case("too many groups", schedule(*[group(name=f"Group {n}") for n in range(MAX_COHORTS + 1)]), SCHEDULE,
         3 + 2 * MAX_COHORTS, 5, f"this list has {MAX_COHORTS + 1:,} items; it may have at most {MAX_COHORTS:,}, "
                                 "so split it or shorten it", f"cohorts[{MAX_COHORTS}]"),
    Case("too many session files", {f"sessions/{n:05d}-s.yml": "title: x\n" for n in range(2, MAX_SESSIONS + 2)},
         "sessions", 1, 1, f"this folder holds {MAX_SESSIONS + 1:,} files; a program may have at most "
                           f"{MAX_SESSIONS:,} sessions, so split it into several programs"),
    # -- item 6: direction controls are closed on their line ---------------------------------------------------
    Case("a right-to-left override in a session title", {SESSION: Replace("title: Greeting patients",
                                                                          'title: "Greeting \\u202Epatients"')},
         SESSION, 2, 8, RTL_OVERRIDE, built=True),
    Case("an isolate left open in a tip title", {"tips.yml": Replace("title: Smile when you greet",
                                                                     'title: "Smile \\u2066when you greet"')},
         "tips.yml", 3, 10, "this text has a left-to-right isolate (U+2066) that is not closed (U+2069) on its line, "
                            "so it would reverse the text after it on every page; remove it"),
    Case("an override closed only on the next line", {SESSION: Replace("summary: How to greet every patient.",
                                                                       'summary: "How to \\u202Egreet\\nevery\\u202C"')},
         SESSION, 4, 10, RTL_OVERRIDE),
    Case("an override closed by an isolate's end it is not inside",
         {SESSION: Replace("title: Greeting patients", 'title: "Greeting \\u202Epat\\u2069ients"')},
         SESSION, 2, 8, RTL_OVERRIDE),
    # -- item 5: files by what they are, not by their name -----------------------------------------------------
    at_logo("a logo hard-linked to a file outside the folder", logo("logo.png", **{"logo.png": "<hardlink>"}),
            f'"logo.png" {HARD_LINK}; copy the file itself into the curriculum folder', built=True),
    Case("a session file hard-linked to a file outside the folder", {SESSION: "<hardlink>"}, SESSION, 1, 1,
         f"this file {HARD_LINK}; copy the file itself into the curriculum folder", built=True),
    Case("tips.yml is a named pipe", {"tips.yml": "<fifo>"}, "tips.yml", 1, 1,
         "this is not a regular file but a named pipe; put a file here"),
    Case("a session file is a named pipe", {"sessions/02-pipe.yml": "<fifo>"}, "sessions/02-pipe.yml", 1, 1,
         "this is not a regular file but a named pipe; put a file here"),
]


def make_case(tmp_path, edits: dict):
    """make() of the hostile-files corpus, plus hard links to a file outside the curriculum folder, and named pipes
    in place of the curriculum's own files."""
    links = [name for name, edit in edits.items() if edit == "<hardlink>"]
    pipes = [name for name, edit in edits.items() if edit == "<fifo>"]
    folder = make(tmp_path, {k: v for k, v in edits.items() if v not in ("<hardlink>", "<fifo>")})
    for name in pipes:
        (folder / name).unlink(missing_ok=True)
        os.mkfifo(folder / name)
    outside = tmp_path / "outside"
    for name in links:
        target = outside / ("secret.png" if name.endswith(".png") else "copied.yml")
        if not target.exists():  # a session file the minimal curriculum has, as someone would hard-link it
            target.write_bytes((MINIMAL_CURRICULUM / name).read_bytes())
        (folder / name).unlink(missing_ok=True)
        os.link(target, folder / name)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_gives_its_exact_message_at_its_position(case, tmp_path):
    assert_refused(case, make_case(tmp_path, case.edits))


BUILT = [c for c in CASES if c.built]


@pytest.mark.parametrize("case", BUILT, ids=[c.name for c in BUILT])
def test_the_real_build_fails_cleanly_and_publishes_nothing(case, tmp_path):
    assert_build_fails(case, make_case(tmp_path, case.edits), tmp_path / "site")


# -- what is accepted at the edges ---------------------------------------------------------------------------

EDGES = [("1900-01-01", "Pacific/Kiritimati"), ("1900-01-01", "Pacific/Pago_Pago"), ("2200-12-31", "Pacific/Kiritimati"),
         ("2200-12-31", "Etc/GMT+12")]


@pytest.mark.parametrize("day,zone", EDGES)
def test_dates_at_the_ends_of_the_range_make_calendars_and_pages(day, zone, tmp_path):
    """The first and last days accepted, in the earliest and latest time zones: every date sum in the check, the
    calendars and the pages' dates stays within what Python's dates can hold."""
    folder = make_case(tmp_path, schedule(group(day=day, room="Room 2B"), zone=zone))
    handbook, _ = load_handbook(folder)
    words = locale.words("en")
    made = calendar.files(handbook, words, lambda s: f"https://example.org/{s.id}.html", dt.date(2026, 10, 27),
                          Text().plain)
    events = icalendar.Calendar.from_ical(made[calendar.ALL_URI]).events
    assert [e.start.date().isoformat() for e in events] == [day]
    dates = Dates(handbook, words)
    meetings = dates.meetings(dates.cohorts[0])
    assert dates.held(handbook.sessions[0]) == meetings
    assert dates.day(meetings[0].start).endswith(day[:4])


def test_balanced_direction_controls_are_kept(tmp_path):
    """An isolate closed on its line (a right-to-left name in an English title) is what they are for."""
    folder = make_case(tmp_path, {SESSION: Replace("title: Greeting patients",
                                                   'title: "Greeting \\u2067\\u05e9\\u05dc\\u05d5\\u05dd\\u2069 patients"')})
    assert load_handbook(folder)[0].sessions[0].title == "Greeting \u2067\u05e9\u05dc\u05d5\u05dd\u2069 patients"


def test_the_counts_are_in_the_schema_and_on_the_fields_page():
    session = schema.all_schemas()["session.schema.json"]
    assert session["properties"]["objectives"]["maxItems"] == 50
    assert session["properties"]["agenda"]["maxItems"] == 100
    assert session["$defs"]["Scenario"]["properties"]["roles"]["maxItems"] == 20
    cohorts = schema.all_schemas()["schedule.schema.json"]["properties"]["cohorts"]
    assert cohorts["maxItems"] == MAX_COHORTS
    fields = reference.markdown()  # guide/fields.md
    assert "| `objectives` | list of text (≤ 1,000 characters) (≤ 50 items) | required |" in fields
    assert f"| `cohorts` | list of mapping (≤ {MAX_COHORTS:,} items) | required |" in fields
    assert "| `cohorts[].name` | one line of text (≤ 150 characters) | required |" in fields
    assert "| `cohorts[].dates` | list of date (YYYY-MM-DD, 1900–2200)" in fields
    assert f"at most {MAX_SESSIONS:,} session files" in fields


def test_a_regular_file_with_one_name_is_accepted(tmp_path):
    folder = make_case(tmp_path, logo("logo.png", **{"logo.png": PNG}))
    assert files.image(folder, "logo.png").data == PNG


# -- item 4: SVGs are rebuilt, not filtered -------------------------------------------------------------------

STRIPPED = "an SVG logo may hold only drawing, so save it again without it"
FETCHING_STYLE = f"has a style that fetches something outside the file (url() or @import); {STRIPPED}"
SVG_CASES = [
    at_logo("an SVG style sheet that imports through a CSS escape",
            logo("logo.svg", **{"logo.svg": svg('<style>@\\69mport "https://x.example/a.css";</style><rect/>')}),
            f'"logo.svg" {FETCHING_STYLE}'),
    at_logo("an SVG inline style with an escaped url()",
            logo("logo.svg", **{"logo.svg": svg('<rect style="fill: u\\72l(https://x.example/f)"/>')}),
            f'"logo.svg" {FETCHING_STYLE}'),
    at_logo("an SVG fill that is another host's url()",
            logo("logo.svg", **{"logo.svg": svg('<rect fill="url(https://x.example/f)"/>')}),
            f'"logo.svg" has a reference to something outside the file (url()); {STRIPPED}'),
    at_logo("an SVG fill with a CSS escape",
            logo("logo.svg", **{"logo.svg": svg('<rect fill="u\\72l(https://x.example/f)"/>')}),
            f'"logo.svg" has an escape (\\) in an attribute, which can hide a reference to something outside the '
            f"file; {STRIPPED}"),
    at_logo("an SVG with a style sheet", logo("logo.svg", **{"logo.svg": svg("<style>rect { fill: red }</style>")}),
            '"logo.svg" has a style sheet (<style>), which the site does not publish; save it again with its colours '
            'as presentation attributes (fill="#1f5f8b"), not CSS'),
]


@pytest.mark.parametrize("case", SVG_CASES, ids=[c.name for c in SVG_CASES])
def test_an_svg_that_could_fetch_is_refused_at_the_logo_line(case, tmp_path):
    assert_refused(case, make_case(tmp_path, case.edits))


INKSCAPE = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" viewBox="0 0 8 8" inkscape:version="1.3">'
            '<metadata><rdf:RDF><image href="https://tracker.example/p.png"/></rdf:RDF></metadata>'
            '<inkscape:grid/><!-- a comment -->'
            '<g inkscape:label="Layer 1" class="layer" style="fill:#1f5f8b;stroke:none;mix-blend-mode:screen">'
            '<rect width="4" height="4" data-x="y"/><text x="1" y="7">Front <tspan>desk</tspan> team</text></g>'
            '</svg>')
REBUILT = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><g fill="#1f5f8b" stroke="none">'
           '<rect width="4" height="4" /><text x="1" y="7">Front <tspan>desk</tspan> team</text></g></svg>\n')


def test_an_svg_is_written_anew_with_drawing_only(tmp_path):
    """A drawing program's file: its metadata, editor elements, classes and unknown attributes are left out; its
    inline style becomes presentation attributes; its text is kept."""
    folder = make_case(tmp_path, logo("logo.svg", **{"logo.svg": INKSCAPE}))
    assert files.image(folder, "logo.svg").data.decode() == REBUILT


ALL_KINDS_OF_DRAWING = svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#1f5f8b"/></linearGradient>'
                           '<clipPath id="c"><circle r="4"/></clipPath></defs>'
                           '<rect fill="url(#g)" clip-path="url(#c)" width="8" height="8" style="stroke: url(#g)"/>'
                           '<use href="#c"/><image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'
                           '<text font-family="serif">Logo</text>', xmlns_xlink="http://www.w3.org/1999/xlink")


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory):
    """The minimal curriculum with an SVG logo using gradients, clipping, an embedded image and text."""
    work = tmp_path_factory.mktemp("logo")
    folder = make_case(work, logo("logo.svg", **{"logo.svg": ALL_KINDS_OF_DRAWING}))
    site = work / "site"
    result = build(folder, site)
    assert result.returncode == 0, result.stderr
    return site


def test_each_published_svg_opened_on_its_own_requests_nothing(page, logo_site, default_site):
    """Every SVG a site publishes (the logo rebuilt from the allowlist, and any other), opened by itself in
    Chromium as an attacker would link to it: the only request is for the file itself."""
    opened = 0
    for site in (logo_site, default_site):
        with SiteServer(site) as server:
            for path in sorted(site.rglob("*.svg")):
                url = server.url + path.relative_to(site).as_posix()
                requests: list[str] = []
                record = lambda request: requests.append(request.url)  # noqa: E731
                page.on("request", record)
                response = page.goto(url)
                page.wait_for_load_state("networkidle")
                page.remove_listener("request", record)
                assert response.ok and requests == [url], (path, requests)
                opened += 1
    assert (logo_site / "assets" / "images" / "logo.svg").exists() and opened >= 1


# -- item 2: linear in groups ----------------------------------------------------------------------------------

def test_groups_are_looked_up_by_key_built_once_per_build(tmp_path, monkeypatch):
    """Each group's calendar file and meetings are worked out a fixed number of times per build, not once per page
    that shows them (which made 10,000 groups take cubic time)."""
    folder = synthetic.write_curriculum(tmp_path / "curriculum", 12, cohorts=30)
    handbook, _ = load_handbook(folder)
    counts = {"meetings": 0, "cohort_uris": 0}
    for name in counts:
        original = getattr(calendar, name)

        def counted(*args, _name=name, _original=original):
            counts[_name] += 1
            return _original(*args)
        monkeypatch.setattr(calendar, name, counted)
    pages = render_pages(handbook, edition="trainers")
    assert len(pages) > 12 * 4
    assert counts["cohort_uris"] == 1
    # the home page, the trainer's guide, the sessions' coming dates and the run views: not once per session page
    assert counts["meetings"] <= 4 * 30
