"""Phones: at 375 px no page of either edition is wider than the screen and nothing in it scrolls sideways
(every page of every shipped edition, on its tour: tour.py).

Wide tables become one card per row with each cell labelled (render/tables.py, handbook.css); the
home page shows the session cards before anything else.
"""

from __future__ import annotations

from handbook import load_handbook, locale
from page_checks import SIDEWAYS, SPLIT_CELLS
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM
from tour import PHONE, touring


@touring()
def test_no_page_of_either_edition_scrolls_sideways_on_a_phone(toured):
    found = [f"{uri}: {problem}" for uri, seen in toured.seen.items() for problem in seen.sideways]
    assert found == [], "on a 375 px phone:\n" + "\n".join(found)


def test_the_check_sees_what_does_not_fit(page):
    page.set_viewport_size(PHONE)
    wide = "<td style='white-space: nowrap'>" + "a long cell " * 60 + "</td>"
    page.set_content(f"<main><article><div style='overflow-x: auto'><table><tr>{wide}</tr></table></div>"
                     "<p style='width: 600px'>a paragraph wider than a phone</p></article></main>")
    found = page.evaluate(SIDEWAYS)
    assert any(f.startswith("the page is") for f in found)
    assert any(f.startswith("div scrolls sideways") for f in found)
    assert any(f.startswith("p sticks out past the screen") for f in found)


def test_the_session_cards_are_above_the_fold(page, default_server, default_trainers_server, korean_server):
    for server, curriculum in ((default_server, DEFAULT_CURRICULUM), (default_trainers_server, DEFAULT_CURRICULUM),
                               (korean_server, KOREAN_CURRICULUM)):
        book = load_handbook(curriculum)[0]
        page.set_viewport_size(PHONE)
        page.goto(server.url + "index.html")
        cards = page.locator("article .hb-session-cards > ul > li")
        assert cards.count() == len(book.sessions)
        first = cards.first.locator("a").first
        box = first.bounding_box()
        assert first.inner_text() == book.sessions[0].title
        assert box["y"] + box["height"] <= PHONE["height"], f"{server.url}: the first session is below the fold"


def test_wide_tables_become_labelled_cards_on_a_phone(page, default_trainers_server):
    words = locale.words("en")
    book = load_handbook(DEFAULT_CURRICULUM)[0]
    page.set_viewport_size(PHONE)
    page.goto(default_trainers_server.url + "trainers-guide.html")
    schedule = page.locator("article table").first
    links = schedule.get_by_role("link", name=words["participant_handout"])
    assert links.count() == len(book.sessions)
    for i in range(links.count()):  # the last column, in reach without scrolling sideways
        box = links.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    label = schedule.locator("td").nth(4).evaluate("td => getComputedStyle(td, '::before').content")
    assert label == f'"{words["participant_handout"]}"'
    page.set_viewport_size({"width": 1280, "height": 800})  # a wide screen keeps the table
    assert schedule.locator("td").first.evaluate("td => getComputedStyle(td).display") == "table-cell"
    assert schedule.locator("th").first.is_visible()




@touring()
def test_each_stacked_cell_keeps_its_content_together(toured):
    """Links, defined words, emphasis and line breaks stay in their cell's content, on a phone held either way."""
    assert any(seen.stacked_cells for seen in toured.seen.values()), "no page of this site has a stacked table"
    found = [f"{uri}, {problem}" for uri, seen in toured.seen.items() for problem in seen.split_cells]
    assert found == [], "\n".join(found)


def test_the_check_sees_a_cell_split_around_a_link(page):
    page.set_viewport_size(PHONE)
    page.goto("about:blank")
    page.set_content("<style>td { display: grid; grid-template-columns: 35% 1fr; } td::before { content: 'L'; }</style>"
                     "<article class='md-typeset'><table data-stack><tbody><tr><td data-label='L'>Group C (<a href='#'>"
                     "Add to calendar</a>)</td></tr></tbody></table></article>")
    assert any("has pieces outside its content" in f for f in page.evaluate(SPLIT_CELLS))
