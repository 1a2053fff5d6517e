"""The run view of each session, in Chromium with Playwright's clock: one block at a time, paced from Start (each
block's own length from the moment the trainer moves to it, ahead or behind plan), nothing over time before
Start, a late start's cuts applied and undone, a rehearsal with no lateness, the day's state kept until the
next day, the group of the day, keys and buttons, without JavaScript, from disk. The tests that depend on the
day or the clock run on a tablet in the program's time zone and on one in another."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest

from handbook import load_handbook, locale
from handbook.render.environment import clock
from handbook.render.packets import timed_agenda
from support import (DEFAULT_CURRICULUM, KOREAN_CURRICULUM, axe_violations, move_clock, pdf_pages, print_pdf,
                     wait_until)
from test_accessibility import keyboard_problems

ZONE = "America/New_York"  # the default program's
ELSEWHERE = "Asia/Seoul"  # a tablet set to another zone: it is already the next day there in the afternoon
A_DAY = dt.date(2027, 5, 5)  # no group meets that day: a rehearsal
EN = locale.words("en")


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


@pytest.fixture
def context(browser):
    """The trainer's tablet, in the program's time zone."""
    ctx = browser.new_context(timezone_id=ZONE, viewport={"width": 1024, "height": 768})
    yield ctx
    ctx.close()


@pytest.fixture(params=[ZONE, ELSEWHERE])
def tablet(browser, request):
    """A page on a tablet in the program's time zone, then on one in another."""
    ctx = browser.new_context(timezone_id=request.param, viewport={"width": 1024, "height": 768})
    yield ctx.new_page()
    ctx.close()


def at(clock_time: str, day: dt.date = A_DAY) -> dt.datetime:
    """A moment in the program's time zone."""
    return dt.datetime.combine(day, dt.time.fromisoformat(clock_time), tzinfo=zoneinfo.ZoneInfo(ZONE))


def group_b(handbook):
    """The afternoon group (13:30) and its day for the first session."""
    group = next(c for c in handbook.schedule.cohorts if c.start_time == "13:30")
    return group, group.dates[0]


def open_run(page, server, session, when: dt.datetime):
    page.clock.install(time=when)
    page.goto(f"{server.url}sessions/{session.id}/run.html")
    page.wait_for_selector("#run-panel:not([hidden])")


def advance(page, ms: int) -> None:
    """The tablet's clock moves on by `ms`: it jumps to five seconds before (the page's timers fire once, as after
    the tablet wakes), then ticks through the last five seconds one by one, as the page would on the day."""
    move_clock(page, max(0, ms - 5_000))
    move_clock(page, min(ms, 5_000), every_timer=True)


class DroppingClock:
    """A page whose first clock move never reaches it, as when Playwright drops one."""

    def __init__(self, page):
        self.page, self.clock, self.dropped = page, self, False

    def evaluate(self, script: str):
        return self.page.evaluate(script)

    def fast_forward(self, ms: int) -> None:
        if self.dropped:
            self.page.clock.fast_forward(ms)
        self.dropped = True

    run_for = fast_forward


def test_a_clock_move_that_never_reached_the_page_is_made_again(page):
    page.clock.install(time=at("10:00"))
    page.set_content("<p>a tablet</p>")
    before = page.evaluate("Date.now()")
    move_clock(DroppingClock(page), 10 * 60_000)
    assert page.evaluate("Date.now()") - before >= 10 * 60_000


def shown_block(page) -> str:
    blocks = page.locator("[data-run-block]:visible")
    assert blocks.count() == 1, f"{blocks.count()} blocks are shown at once"
    return re.sub(r"\s+", " ", blocks.locator("h2").inner_text())


def times(page) -> list[str]:
    """The block headings' times, then the whole session's list's: start and end of each block, twice."""
    return page.locator("[data-run-at]").all_inner_texts()


def timer(page, which: str = "run_block_timer"):
    return page.get_by_role("timer", name=EN[which])


def seconds_left(page, which: str = "run_block_timer") -> int:
    """What a timer shows, in seconds: negative when over time."""
    text = timer(page, which).inner_text()
    found = re.search(r"(?:(\d+):)?(\d\d):(\d\d) (left|over time)$", text)
    assert found, text
    h, m, s, sign = found.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + int(s)
    return seconds if sign == "left" else -seconds


def about(shown: int, expected: int) -> bool:
    """The page's clock runs on while the test works (a loaded machine is slow), and a timer shows whole seconds:
    a few seconds either way; what is tested is minutes."""
    return abs(shown - expected) <= 10


def press(page, word: str):
    page.get_by_role("button", name=EN[word], exact=True).click()


def note(page) -> str:
    return page.locator("#run-start-note").inner_text()


def pace(page) -> str:
    return page.locator("#run-pace").inner_text()


def replan(page) -> str:
    return page.locator("#run-replan p").first.inner_text()


def ends(start: str, minutes: list[int]) -> list[str]:
    """The times shown for blocks of these lengths from a start: each block's start and end, then again."""
    pairs, elapsed = [], 0
    for m in minutes:
        pairs += [clock(start, elapsed), clock(start, elapsed + m)]
        elapsed += m
    return pairs + pairs


# -- pacing: each block's own length, from the moment the trainer moves to it ----------------------------------

def test_each_block_counts_its_own_length_from_the_moment_the_trainer_moves_to_it(tablet, default_trainers_server,
                                                                                  handbook):
    page, session = tablet, handbook.sessions[0]
    lengths = [b.minutes for b in session.agenda]
    open_run(page, default_trainers_server, session, at("10:00"))
    press(page, "run_start_now")
    assert about(seconds_left(page), lengths[0] * 60)
    assert about(seconds_left(page, "run_session_timer"), sum(lengths) * 60)
    assert pace(page) == EN["run_on_plan"]
    advance(page, 5 * 60_000)  # block 1 done in 5 of its minutes
    page.keyboard.press("ArrowRight")
    assert about(seconds_left(page), lengths[1] * 60), "block 2 counts its own length, not the plan's clock"
    assert about(seconds_left(page, "run_session_timer"), (sum(lengths) - 5) * 60)
    ahead = lengths[0] - 5
    assert pace(page) == EN["run_ahead"].replace("{m}", str(ahead))
    advance(page, (lengths[1] + 3) * 60_000)  # block 2 runs 3 minutes over its length
    wait_until(page, "document.getElementById('run-block-timer').classList.contains('run-timer--over')")
    assert about(seconds_left(page), -3 * 60)
    assert pace(page) == EN["run_ahead"].replace("{m}", str(ahead - 3))
    page.keyboard.press("ArrowRight")
    assert about(seconds_left(page), lengths[2] * 60)
    assert page.locator("#run-alert").is_hidden()
    advance(page, (lengths[2] + 10) * 60_000)  # and block 3 ten over: now behind plan
    page.keyboard.press("ArrowRight")
    assert pace(page) == EN["run_behind"].replace("{m}", str(10 - (ahead - 3)))
    assert about(seconds_left(page), lengths[3] * 60)


def test_the_block_timer_warns_two_minutes_before_the_block_ends_then_shows_overtime(page, default_trainers_server,
                                                                                      handbook):
    session = handbook.sessions[0]
    first = session.agenda[0].minutes
    open_run(page, default_trainers_server, session, at("08:59"))
    press(page, "run_start_now")
    assert "run-timer--warning" not in timer(page).get_attribute("class")
    assert page.locator("#run-alert").is_hidden()
    advance(page, first * 60_000 - 120_000)
    wait_until(page, "document.getElementById('run-block-timer').classList.contains('run-timer--warning')")
    assert re.search(r"(02:00|01:5\d) left$", timer(page).inner_text())  # the clock runs on after the jump
    assert page.locator("#run-alert").inner_text() == EN["run_warning"]
    assert axe_violations(page) == []  # the warning state passes axe too
    wait_until(page, "t => document.getElementById('run-announce').textContent === t", EN["run_warning"])
    advance(page, 150_000)
    wait_until(page, "document.getElementById('run-block-timer').classList.contains('run-timer--over')")
    assert re.search(r"00:(30|3\d) over time$", timer(page).inner_text())
    assert page.locator("#run-alert").inner_text() == EN["run_overtime"]
    assert axe_violations(page) == []


def test_nothing_is_over_time_before_the_trainer_starts(tablet, default_trainers_server, handbook):
    page, session = tablet, handbook.sessions[0]
    group, day = group_b(handbook)
    open_run(page, default_trainers_server, session, at("13:42", day))  # twelve minutes after the group's start
    assert page.locator("#run-group option:checked").inner_text().startswith(group.name)
    assert note(page) == EN["run_planned"].replace("{time}", "13:30").replace("{zone}", "Eastern Time")
    advance(page, 40 * 60_000)
    assert seconds_left(page) == session.agenda[0].minutes * 60
    assert seconds_left(page, "run_session_timer") == session.duration * 60
    assert "run-timer--over" not in timer(page).get_attribute("class")
    assert "run-timer--warning" not in timer(page).get_attribute("class")
    assert page.locator("#run-alert").is_hidden() and page.locator("#run-replan").is_hidden()
    assert times(page) == ends("13:30", [b.minutes for b in session.agenda])


# -- late, early, rehearsal ------------------------------------------------------------------------------------

def test_a_late_start_suggests_cuts_the_timers_then_count_and_the_full_plan_comes_back(tablet, default_trainers_server,
                                                                                       handbook):
    page, session = tablet, handbook.sessions[0]
    _, day = group_b(handbook)
    lengths = [b.minutes for b in session.agenda]
    open_run(page, default_trainers_server, session, at("13:38", day))
    press(page, "run_start_now")
    end = clock("13:30", session.duration)
    assert replan(page) == (f"Started 8 min late, so the session now ends at {clock(end, 8)}. "
                            f"To finish at {end}, shorten:")
    assert times(page) == ends("13:38", lengths)
    cuts = {}
    for line in page.locator("#run-replan li").all_inner_texts():
        title, cut = re.fullmatch(r"(.+): (\d+) min shorter", line).groups()
        block = next(b for b in session.agenda if b.title == title)
        assert block.kind not in ("welcome", "wrap-up") and int(cut) <= block.minutes // 2
        cuts[title] = int(cut)
    assert sum(cuts.values()) == 8, cuts
    wait_until(page, "() => document.getElementById('run-announce').textContent.includes('8 min late')")
    assert axe_violations(page) == []

    press(page, "run_apply_cuts")
    shortened = [b.minutes - cuts.get(b.title, 0) for b in session.agenda]
    assert replan(page) == EN["run_cuts_applied"].replace("{end}", end)
    assert times(page) == ends("13:38", shortened) and times(page)[-1] == end
    assert page.evaluate("document.activeElement.textContent") == EN["run_full_plan"]  # the keyboard stays there
    # on the first block still: the session's end is the rest of the shortened plan after it (however long axe took)
    assert about(seconds_left(page, "run_session_timer") - seconds_left(page), (session.duration - 8 - shortened[0]) * 60)
    cut_block = next(i for i, b in enumerate(session.agenda) if cuts.get(b.title))
    page.locator(f"[data-run-go='{cut_block}']").click()
    assert about(seconds_left(page), shortened[cut_block] * 60), "the timer counts the shortened block"
    assert axe_violations(page) == []

    before = seconds_left(page)
    press(page, "run_full_plan")
    assert times(page) == ends("13:38", lengths)
    assert about(seconds_left(page) - before, (lengths[cut_block] - shortened[cut_block]) * 60), "the block is whole again"
    assert page.get_by_role("button", name=EN["run_apply_cuts"]).is_visible()


def test_an_early_start_ends_early_and_suggests_nothing(tablet, default_trainers_server, handbook):
    page, session = tablet, handbook.sessions[0]
    _, day = group_b(handbook)
    open_run(page, default_trainers_server, session, at("13:25", day))
    press(page, "run_start_now")
    assert replan(page) == EN["run_early"].replace("{m}", "5").replace("{end}", clock("13:25", session.duration))
    assert page.locator("#run-replan li").count() == 0


def test_a_rehearsal_runs_from_start_with_no_lateness(tablet, default_trainers_server, handbook):
    page, session = tablet, handbook.sessions[1]
    lengths = [b.minutes for b in session.agenda]
    open_run(page, default_trainers_server, session, at("14:17"))  # no group meets today
    assert page.locator("#run-group").input_value() == ""
    assert note(page) == EN["run_rehearsal_note"]
    assert times(page)[:2] == ["0:00", f"0:{lengths[0]:02d}"]  # no group's clock before Start
    press(page, "run_start_now")
    assert note(page) == EN["run_started"].replace("{time}", "14:17")
    assert page.locator("#run-replan").is_hidden()
    assert times(page) == ends("14:17", lengths)
    assert about(seconds_left(page, "run_session_timer"), session.duration * 60)


def test_a_group_chosen_on_the_page_shows_its_times(tablet, default_trainers_server, handbook):
    page, session = tablet, handbook.sessions[0]
    night = next(c for c in handbook.schedule.cohorts if c.start_time == "19:00")
    open_run(page, default_trainers_server, session, at("10:00"))
    page.locator("#run-group").select_option(label=page.locator("#run-group option", has_text=night.name).inner_text())
    assert times(page) == ends("19:00", [b.minutes for b in session.agenda])
    page.reload()
    page.wait_for_selector("#run-panel:not([hidden])")
    assert times(page)[0] == "19:00", "the choice is kept for the day"
    press(page, "run_start_now")  # not the group's day: no lateness
    assert page.locator("#run-replan").is_hidden()


# -- what survives: the day's session on this device -------------------------------------------------------------

def test_a_reload_a_closed_tab_and_a_sleeping_tablet_keep_the_session_until_the_next_day(tablet, default_trainers_server,
                                                                                         handbook):
    page, session = tablet, handbook.sessions[0]
    _, day = group_b(handbook)
    open_run(page, default_trainers_server, session, at("13:38", day))
    press(page, "run_start_now")
    press(page, "run_apply_cuts")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    kept = (shown_block(page), times(page), replan(page))
    left = seconds_left(page)
    page.reload()
    page.wait_for_selector("#run-panel:not([hidden])")
    assert (shown_block(page), times(page), replan(page)) == kept
    assert note(page) == EN["run_started"].replace("{time}", "13:38")
    url = page.url
    page.close()  # the tab closed, and the tablet asleep for twenty minutes
    page = tablet.context.new_page()
    page.clock.set_system_time(at("13:58", day))
    page.goto(url)
    page.wait_for_selector("#run-panel:not([hidden])")
    assert (shown_block(page), times(page), replan(page)) == kept
    assert abs(seconds_left(page) - (left - 20 * 60)) <= 30, "twenty minutes went by in the third block"
    # the next day: a clean page, and nothing of yesterday left in this browser
    page.clock.set_system_time(at("09:00", day + dt.timedelta(days=1)))
    page.reload()
    page.wait_for_selector("#run-panel:not([hidden])")
    assert session.agenda[0].title in shown_block(page)
    assert page.get_by_role("button", name=EN["run_start_now"], exact=True).is_visible()
    kept_keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('handbook-run:'))")
    assert not [k for k in kept_keys if day.isoformat() in k], kept_keys


def test_another_page_on_the_same_day_keeps_its_own_session(page, context, default_trainers_server, handbook):
    first, second = handbook.sessions[:2]
    open_run(page, default_trainers_server, first, at("09:05"))
    press(page, "run_start_now")
    page.goto(f"{default_trainers_server.url}sessions/{second.id}/run.html")
    page.wait_for_selector("#run-panel:not([hidden])")
    assert note(page) == EN["run_rehearsal_note"]


# -- keys, buttons, announcements ------------------------------------------------------------------------------

def test_each_session_opens_on_its_first_block_and_moves_with_keys_and_buttons(page, default_trainers_server, handbook):
    for session in handbook.sessions:
        open_run(page, default_trainers_server, session, at("08:50"))
        first, second, third = timed_agenda(session)[:3]
        assert shown_block(page) == f"{first.start}–{first.end} · {first.block.title}"
        assert f"{EN['run_next_up']} {second.block.title}" in page.locator("[data-run-block]:visible").inner_text()
        page.keyboard.press("ArrowRight")
        assert shown_block(page) == f"{second.start}–{second.end} · {second.block.title}"
        page.keyboard.press("PageDown")
        assert third.block.title in shown_block(page)
        page.keyboard.press("PageUp")
        page.keyboard.press("ArrowLeft")
        assert first.block.title in shown_block(page)
        press(page, "run_next")
        assert second.block.title in shown_block(page)
        press(page, "run_previous")
        assert first.block.title in shown_block(page)
        page.keyboard.press("ArrowLeft")  # nothing before the first block
        assert first.block.title in shown_block(page)


def test_a_block_change_is_announced_politely(page, default_trainers_server, handbook):
    session = handbook.sessions[0]
    total = len(session.agenda)
    open_run(page, default_trainers_server, session, at("08:50"))
    region = page.locator("[aria-live=polite]#run-announce")
    page.keyboard.press("ArrowRight")
    expected = f"Block 2 of {total}: {session.agenda[1].title}."
    wait_until(page, "t => document.getElementById('run-announce').textContent === t", expected)
    assert region.inner_text() == expected
    page.keyboard.press("ArrowLeft")
    press(page, "run_start_now")
    page.keyboard.press("ArrowRight")  # started at 08:50: block 2 runs its own 15 minutes from now
    expected = f"Block 2 of {total}: {session.agenda[1].title}, until {clock('08:50', session.agenda[1].minutes)}."
    wait_until(page, "t => document.getElementById('run-announce').textContent === t", expected)


def test_every_control_is_reachable_by_keyboard(page, default_trainers_server, handbook):
    page.set_viewport_size({"width": 1280, "height": 800})  # as test_accessibility checks every page
    page.clock.install(time=at("09:00"))
    assert keyboard_problems(page, f"{default_trainers_server.url}sessions/{handbook.sessions[0].id}/run.html") == []


# -- without JavaScript, from disk, printed, in Korean ---------------------------------------------------------

def test_without_javascript_every_block_is_shown_in_order_with_times_from_the_start(browser, default_trainers_server,
                                                                                    handbook):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        session = handbook.sessions[0]
        page.goto(f"{default_trainers_server.url}sessions/{session.id}/run.html")
        assert page.locator("#run-panel").is_hidden()
        blocks = page.locator("[data-run-block]")
        assert blocks.count() == len(session.agenda)
        for i, item in enumerate(timed_agenda(session)):
            assert blocks.nth(i).is_visible()
            assert f"{item.start}–{item.end} · {item.block.title}" in blocks.nth(i).locator("h2").inner_text()
        assert timed_agenda(session)[0].start == "0:00"
        assert EN["run_no_script"] in page.locator("article").inner_text()
    finally:
        context.close()


def test_it_works_from_disk(page, default_trainers_site, handbook):
    session = handbook.sessions[2]
    page.clock.install(time=at("08:00"))
    page.goto((default_trainers_site / "sessions" / session.id / "run.html").as_uri())
    page.keyboard.press("ArrowRight")
    assert session.agenda[1].title in shown_block(page)
    page.reload()
    assert session.agenda[1].title in shown_block(page)


def test_the_facilitator_packet_links_the_run_view(page, default_trainers_server, handbook):
    session = handbook.sessions[0]
    page.goto(f"{default_trainers_server.url}sessions/{session.id}/facilitator.html")
    page.get_by_role("link", name=EN["run_view_link"]).click()
    page.wait_for_url(f"**/sessions/{session.id}/run.html")


def test_the_korean_run_view_speaks_korean(page, korean_trainers_server):
    book = load_handbook(KOREAN_CURRICULUM)[0]
    ko = locale.words("ko")
    session = book.sessions[0]
    page.clock.install(time=at("10:00"))
    page.goto(f"{korean_trainers_server.url}sessions/{session.id}/run.html")
    assert page.get_by_role("button", name=ko["run_start_now"], exact=True).is_visible()
    position = page.locator("#run-position").inner_text()
    assert position == ko["run_block_of"].replace("{n}", "1").replace("{total}", str(len(session.agenda)))
    assert page.get_by_role("timer", name=ko["run_block_timer"]).inner_text().endswith(ko["run_left"].split("}")[-1])
    assert page.locator("#run-group option").first.inner_text() == ko["run_rehearsal"]


def test_printed_it_shows_every_block_and_no_controls(page, default_trainers_server, handbook):
    session = handbook.sessions[0]
    page.clock.install(time=at("09:00"))
    text = " ".join(" ".join(pdf_pages(print_pdf(page, f"{default_trainers_server.url}sessions/{session.id}/run.html"))).split())
    for item in timed_agenda(session):
        assert f"{item.start}–{item.end} · {item.block.title}" in text
    assert EN["run_block_timer"] not in text and EN["run_previous"] not in text
