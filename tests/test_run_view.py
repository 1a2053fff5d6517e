"""The run view of each session, in Chromium with Playwright's clock: one block at a time, timers,
the two-minute warning, "Start now" replanning, keys and buttons, a reload, without JavaScript, from disk."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest

from handbook import load_handbook, locale
from handbook.render.environment import clock
from handbook.render.packets import timed_agenda
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, pdf_pages, print_pdf, wait_until
from test_accessibility import keyboard_problems, violations

ZONE = "America/New_York"
A_DAY = dt.date(2027, 5, 5)  # no group meets that day: the plan starts at program.start_time
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


def at(clock_time: str, day: dt.date = A_DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock_time), tzinfo=zoneinfo.ZoneInfo(ZONE))


def open_run(page, server, session, when: dt.datetime):
    page.clock.install(time=when)
    page.goto(f"{server.url}sessions/{session.id}/run.html")
    page.wait_for_selector("#run-panel:not([hidden])")


def shown_block(page) -> str:
    blocks = page.locator("[data-run-block]:visible")
    assert blocks.count() == 1, f"{blocks.count()} blocks are shown at once"
    return re.sub(r"\s+", " ", blocks.locator("h2").inner_text())


def times(page) -> list[str]:
    return page.locator("[data-run-at]").all_inner_texts()


def block_timer(page):
    return page.get_by_role("timer", name=EN["run_block_timer"])


def test_each_session_opens_on_its_first_block_and_moves_with_keys_and_buttons(page, default_trainers_server, handbook):
    for session in handbook.sessions:
        open_run(page, default_trainers_server, session, at("08:50"))
        first, second, third = timed_agenda(session, handbook.program.start_time)[:3]
        assert shown_block(page) == f"{first.start}–{first.end} · {first.block.title}"
        assert f"{EN['run_next_up']} {second.block.title}" in page.locator("[data-run-block]:visible").inner_text()
        page.keyboard.press("ArrowRight")
        assert shown_block(page) == f"{second.start}–{second.end} · {second.block.title}"
        page.keyboard.press("PageDown")
        assert third.block.title in shown_block(page)
        page.keyboard.press("PageUp")
        page.keyboard.press("ArrowLeft")
        assert first.block.title in shown_block(page)
        page.get_by_role("button", name=EN["run_next"]).click()
        assert second.block.title in shown_block(page)
        page.get_by_role("button", name=EN["run_previous"]).click()
        assert first.block.title in shown_block(page)
        page.keyboard.press("ArrowLeft")  # nothing before the first block
        assert first.block.title in shown_block(page)


def test_a_block_change_is_announced_politely(page, default_trainers_server, handbook):
    session = handbook.sessions[0]
    open_run(page, default_trainers_server, session, at("08:50"))
    region = page.locator("[aria-live=polite]#run-announce")
    page.keyboard.press("ArrowRight")
    second = timed_agenda(session, handbook.program.start_time)[1]
    total = len(session.agenda)
    expected = f"Block 2 of {total}: {second.block.title}, until {second.end}."
    wait_until(page, "t => document.getElementById('run-announce').textContent === t", expected)
    assert region.inner_text() == expected


def test_a_reload_keeps_the_block_and_the_start_time_in_this_tab_only(page, context, default_trainers_server, handbook):
    session = handbook.sessions[1]
    open_run(page, default_trainers_server, session, at("09:05"))
    page.get_by_role("button", name=EN["run_start_now"]).click()
    page.keyboard.press("ArrowRight")
    second = session.agenda[1].title
    moved = times(page)
    page.reload()
    page.wait_for_selector("#run-panel:not([hidden])")
    assert second in shown_block(page)
    assert times(page) == moved
    assert EN["run_started"].replace("{time}", "09:05") in page.locator("#run-start-note").inner_text()
    other = context.new_page()  # another tab starts afresh
    other.clock.install(time=at("09:05"))
    other.goto(page.url)
    other.wait_for_selector("#run-panel:not([hidden])")
    assert session.agenda[0].title in shown_block(other)


def test_the_block_timer_warns_two_minutes_before_the_block_ends_then_shows_overtime(page, default_trainers_server, handbook):
    session = handbook.sessions[0]
    first = timed_agenda(session, handbook.program.start_time)[0]
    open_run(page, default_trainers_server, session, at("08:59"))
    timer = block_timer(page)
    assert "run-timer--warning" not in timer.get_attribute("class")
    assert page.locator("#run-alert").is_hidden()
    # the first block ends at first.end; two minutes before it:
    page.clock.run_for((at(first.end) - at("08:59")).seconds * 1000 - 120_000)
    wait_until(page, "document.getElementById('run-block-timer').classList.contains('run-timer--warning')")
    assert re.search(r"(02:00|01:5\d) left$", timer.inner_text())  # the clock runs on after the jump
    assert page.locator("#run-alert").inner_text() == EN["run_warning"]
    assert not violations(page), violations(page)  # the warning state passes axe too
    wait_until(page, "t => document.getElementById('run-announce').textContent === t", EN["run_warning"])
    page.clock.run_for(150_000)
    wait_until(page, "document.getElementById('run-block-timer').classList.contains('run-timer--over')")
    assert re.search(r"00:(30|3\d) over time$", timer.inner_text())
    assert page.locator("#run-alert").inner_text() == EN["run_overtime"]
    assert not violations(page), violations(page)


def test_start_now_eight_minutes_late_moves_every_later_time_and_says_what_to_shorten(page, default_trainers_server, handbook):
    for session in handbook.sessions:
        open_run(page, default_trainers_server, session, at("09:08"))
        planned = times(page)
        assert planned[0] == handbook.program.start_time
        page.get_by_role("button", name=EN["run_start_now"]).click()
        assert times(page) == [clock(t, 8) for t in planned]
        end = clock(handbook.program.start_time, session.duration)
        note = page.locator("#run-replan")
        assert note.locator("p").inner_text() == (f"Started 8 min late, so the session now ends at {clock(end, 8)}. "
                                                  f"To finish at {end}, shorten:")
        cuts = note.locator("li").all_inner_texts()
        titles = {b.title: b for b in session.agenda}
        minutes = []
        for line in cuts:
            title, cut = re.fullmatch(r"(.+): (\d+) min shorter", line).groups()
            assert titles[title].kind not in ("welcome", "wrap-up") and int(cut) <= titles[title].minutes // 2
            minutes.append(int(cut))
        assert sum(minutes) == 8, cuts
        announced = page.locator("#run-announce")
        wait_until(page, "() => document.getElementById('run-announce').textContent.includes('8 min late')")
        assert announced.inner_text().startswith(EN["run_started"].replace("{time}", "09:08"))
        assert not violations(page), violations(page)
        page.evaluate("sessionStorage.clear()")


def test_on_a_groups_day_the_plan_starts_at_that_groups_time(page, default_trainers_server, handbook):
    group = next(c for c in handbook.schedule.cohorts if c.start_time and c.start_time != handbook.program.start_time)
    session = handbook.sessions[0]
    open_run(page, default_trainers_server, session, at("12:00", group.dates[0]))
    assert times(page)[0] == group.start_time
    assert EN["run_planned"].replace("{time}", group.start_time) in page.locator("#run-start-note").inner_text()


def test_every_control_is_reachable_by_keyboard(page, default_trainers_server, handbook):
    page.set_viewport_size({"width": 1280, "height": 800})  # as test_accessibility checks every page
    page.clock.install(time=at("09:00"))
    assert keyboard_problems(page, f"{default_trainers_server.url}sessions/{handbook.sessions[0].id}/run.html") == []


def test_without_javascript_every_block_is_shown_in_order(browser, default_trainers_server, handbook):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        session = handbook.sessions[0]
        page.goto(f"{default_trainers_server.url}sessions/{session.id}/run.html")
        assert page.locator("#run-panel").is_hidden()
        blocks = page.locator("[data-run-block]")
        assert blocks.count() == len(session.agenda)
        for i, item in enumerate(timed_agenda(session, handbook.program.start_time)):
            assert blocks.nth(i).is_visible()
            assert f"{item.start}–{item.end} · {item.block.title}" in blocks.nth(i).locator("h2").inner_text()
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
    assert page.get_by_role("button", name=ko["run_start_now"]).is_visible()
    position = page.locator("#run-position").inner_text()
    assert position == ko["run_block_of"].replace("{n}", "1").replace("{total}", str(len(session.agenda)))
    assert page.get_by_role("timer", name=ko["run_block_timer"]).inner_text().endswith(ko["run_left"].split("}")[-1])


def test_printed_it_shows_every_block_and_no_controls(page, default_trainers_server, handbook):
    session = handbook.sessions[0]
    page.clock.install(time=at("09:00"))
    text = " ".join(" ".join(pdf_pages(print_pdf(page, f"{default_trainers_server.url}sessions/{session.id}/run.html"))).split())
    for item in timed_agenda(session, handbook.program.start_time):
        assert f"{item.start}–{item.end} · {item.block.title}" in text
    assert EN["run_block_timer"] not in text and EN["run_previous"] not in text
