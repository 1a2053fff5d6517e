"""Facilitator packets, participant handouts and the trainer's guide, printed by real Chromium.

Every site is built once per test run; every page is printed once and read back with pypdf.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

import pytest

from handbook import load_handbook, locale
from handbook.model import Handbook, Session
from handbook.render.packets import hours, timed_agenda
from handbook.render.print_style import css_string, page_counter
from support import (BUILD_DATE, DEFAULT_CURRICULUM, KOREAN_CURRICULUM, MINIMAL_CURRICULUM, SiteServer,
                     agenda_row_pages, build_or_fail, copy_curriculum, expected_times,
                     facilitator_only_fragments, norm, pdf_page_sizes, pdf_pages, print_pdf)

# Every packet is printed once per run for the fixtures below, in one worker of pytest-xdist
pytestmark = pytest.mark.xdist_group("packets")

PAPER_POINTS = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}
KINDS = {"facilitator": "Facilitator packet", "handout": "Participant handout"}

# What the page around a packet shows on screen, as the DOM has it
CHROME_TEXT = """() => [...document.querySelectorAll(
    ".md-header__topic, .md-nav__link, .md-skip, .md-footer, .md-search__input")]
  .map(el => el.placeholder || el.textContent.replace(/\\s+/g, " ").trim()).filter(Boolean)"""

# Each role card: its role and the first words of its brief, and its last words
CARDS = """() => [...document.querySelectorAll(".packet .role-card")].map(card => ({
  start: card.querySelector(".role-card__role").textContent + " " +
         card.querySelector(".role-card__role").nextElementSibling.textContent,
  end: card.lastElementChild.textContent}))"""


def squeeze(text: str) -> str:
    """Text without any whitespace: pypdf spaces Korean text from Chromium's PDFs unevenly ("1 주차")."""
    return re.sub(r"\s+", "", text)


def words(text: str, first: int | None = None, last: int | None = None) -> str:
    parts = norm(text).split(" ")
    return " ".join(parts[:first] if first else parts[-last:])


# -- printing a site once ------------------------------------------------------------------

@dataclass
class Printout:
    pdf: bytes
    pages: list[str]  # text of each PDF page, whitespace collapsed
    dom_text: str  # the packet's text as the browser has it
    chrome: list[str]  # navigation, header, search and footer texts around it
    cards: list[tuple[str, str]]  # (start, end) of each role card


@dataclass
class PrintedSite:
    handbook: Handbook
    printouts: dict[str, Printout] = field(default_factory=dict)  # by site path

    def of(self, session: Session, kind: str) -> Printout:
        return self.printouts[f"sessions/{session.id}/{kind}.html"]


def packet_paths(book: Handbook) -> list[str]:
    return ["trainers-guide.html", *(f"sessions/{s.id}/{kind}.html" for s in book.sessions
                                     for kind in ("facilitator", "handout"))]


def print_site(browser, server: SiteServer, curriculum) -> PrintedSite:
    book, _ = load_handbook(curriculum, BUILD_DATE)
    printed = PrintedSite(book)
    context = browser.new_context()
    page = context.new_page()
    for path in packet_paths(book):
        pdf = print_pdf(page, server.url + path)
        cards = [(squeeze(words(c["start"], first=7)), squeeze(words(c["end"], last=6)))
                 for c in page.evaluate(CARDS)]
        printed.printouts[path] = Printout(pdf, [norm(p) for p in pdf_pages(pdf)],
                                           norm(page.locator(".packet").text_content()),
                                           page.evaluate(CHROME_TEXT), cards)
    context.close()
    return printed


def variant(tmp_path_factory, name: str, source, edit) -> tuple:
    folder = copy_curriculum(source, tmp_path_factory.mktemp(name) / "curriculum")
    edit(folder)
    return folder, build_or_fail(folder, tmp_path_factory.mktemp(name) / "site", "trainers")


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer says {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def letter(browser, default_trainers_server) -> PrintedSite:
    printed = print_site(browser, default_trainers_server, DEFAULT_CURRICULUM)
    assert printed.handbook.program.paper == "letter"
    return printed


@pytest.fixture(scope="session")
def a4(browser, tmp_path_factory) -> PrintedSite:
    """The default curriculum on A4 paper, with an afternoon start."""
    def edit(folder):
        replace_in(folder / "program.yml", "paper: letter", "paper: a4")
        replace_in(folder / "program.yml", 'start_time: "09:00"', 'start_time: "13:30"')

    folder, site = variant(tmp_path_factory, "a4", DEFAULT_CURRICULUM, edit)
    with SiteServer(site) as server:
        printed = print_site(browser, server, folder)
    assert (printed.handbook.program.paper, printed.handbook.program.start_time) == ("a4", "13:30")
    return printed


def crowded_role_play() -> str:
    """A session whose role play has nine cards of different lengths: page breaks must fall among them."""
    roles = []
    for i in range(1, 10):
        brief = f"Card {i} begins here. " + "You want to be seen today and you keep your voice low. " * (3 + i % 4)
        hidden = "You are more worried about the bill than about the wait. " * (2 + i % 3) + f"Card {i} ends here."
        roles.append(f"        - name: Player {i}\n          brief: {brief.strip()}\n          hidden: {hidden}\n")
    return ("title: A crowded front desk\nduration: 30\nsummary: Many people want the desk at once.\n"
            "objectives:\n  - Keep every card whole\nagenda:\n  - title: Everyone at once\n    minutes: 30\n"
            "    kind: role-play\n    scenario:\n      setting: Monday, nine people at the desk.\n      roles:\n"
            + "".join(roles))


@pytest.fixture(scope="session")
def crowded(browser, tmp_path_factory) -> PrintedSite:
    """The minimal curriculum (a group of 8) with a second session full of role cards."""
    def edit(folder):
        (folder / "sessions" / "02-crowded.yml").write_text(crowded_role_play(), encoding="utf-8")

    folder, site = variant(tmp_path_factory, "crowded", MINIMAL_CURRICULUM, edit)
    with SiteServer(site) as server:
        return print_site(browser, server, folder)


@pytest.fixture(scope="session")
def korean_a4(browser, korean_trainers_server) -> PrintedSite:
    printed = print_site(browser, korean_trainers_server, KOREAN_CURRICULUM)
    assert printed.handbook.program.paper == "a4"
    return printed


@pytest.fixture(scope="session")
def korean_letter(browser, tmp_path_factory) -> PrintedSite:
    """The Korean example on Letter paper."""
    def edit(folder):
        replace_in(folder / "program.yml", "paper: a4", "paper: letter")

    folder, site = variant(tmp_path_factory, "korean-letter", KOREAN_CURRICULUM, edit)
    with SiteServer(site) as server:
        printed = print_site(browser, server, folder)
    assert printed.handbook.program.paper == "letter"
    return printed


@pytest.fixture(params=["letter", "a4"])
def printed(request) -> PrintedSite:
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["letter", "a4", "korean_a4", "korean_letter"])
def printed_anywhere(request) -> PrintedSite:
    """The default and the Korean example, each printed on Letter and on A4."""
    return request.getfixturevalue(request.param)


def facilitator_and_handouts(printed: PrintedSite):
    for session in printed.handbook.sessions:
        for kind in KINDS:
            yield session, kind, printed.of(session, kind)


def footer_left(book: Handbook, session: Session) -> str:
    name = " · ".join(filter(None, (book.organization.short_name, book.program.title)))
    return f"{name} · Session {session.number}: {session.title}"


def without_running_text(text: str, running: list[str]) -> str:
    """A page's text without its running header and footer."""
    for part in running:
        assert part in text, f"no running text {part!r} on the page"
        text = text.replace(part, "", 1)
    return text.strip()


# -- paper, footer, page breaks -----------------------------------------------------------------

def test_every_page_is_on_the_programs_paper(printed):
    width, height = PAPER_POINTS[printed.handbook.program.paper]
    for path, printout in printed.printouts.items():
        for w, h in pdf_page_sizes(printout.pdf):
            assert (w, h) == pytest.approx((width, height), abs=1), f"{path} prints on {w}x{h} points"


def test_every_page_has_the_running_footer(printed):
    program = printed.handbook.program
    for session, kind, printout in facilitator_and_handouts(printed):
        total = len(printout.pages)
        for number, text in enumerate(printout.pages, start=1):
            where = f"{kind} of {session.id}, page {number}"
            assert f"page {number} of {total}" in text, where
            assert len(re.findall(r"page \d+ of \d+", text)) == 1, where
            for part in (KINDS[kind], program.title, f"Session {session.number}: {session.title}",
                         f"Edition {program.version}"):
                assert part in text, f"{where}: no {part!r} in the running header or footer"
    guide = printed.printouts["trainers-guide.html"].pages
    assert all(f"page {n} of {len(guide)}" in text and program.title in text for n, text in enumerate(guide, 1))


def test_cover_and_sheets_start_pages_of_their_own(printed):
    for session in printed.handbook.sessions:
        pages = printed.of(session, "facilitator").pages
        edition = f"Edition {printed.handbook.program.version}"
        tops = [without_running_text(text, ["Facilitator packet", f"{edition} · page {n} of {len(pages)}",
                                            footer_left(printed.handbook, session)])
                for n, text in enumerate(pages, 1)]
        assert tops[0].startswith("FACILITATOR PACKET Session"), tops[0][:80]
        assert tops[1].startswith("Objectives"), "the cover stands alone on the first page"
        sheets = [f"Role cards to cut out: {b.title}" for b in session.agenda if b.scenario]
        for heading in [*sheets, "Sign-in sheet", "Session evaluation"]:
            starts = [n for n, top in enumerate(tops, 1) if top.startswith(heading)]
            assert len(starts) == 1, f"{session.id}: {heading!r} does not start a page"


def test_the_timed_agenda_is_on_one_page(printed_anywhere):
    for session, kind, printout in facilitator_and_handouts(printed_anywhere):
        rows = agenda_row_pages(printout.pages, expected_times(None, [b.minutes for b in session.agenda]))
        assert all(rows.values()), f"{kind} of {session.id}: rows not found {rows}"
        assert len({n for found in rows.values() for n in found}) == 1, f"{kind} of {session.id}: {rows}"


def test_the_trainers_guide_keeps_each_schedule_on_one_page(printed_anywhere):
    book = printed_anywhere.handbook
    t = locale.words(book.program.language, book.labels)
    pages = [squeeze(text) for text in printed_anywhere.printouts["trainers-guide.html"].pages]
    for session in book.sessions:
        heading = squeeze(f"{t['session']} {session.number}: {session.title}")
        where = [n for n, text in enumerate(pages) if f"{heading}{session.duration}" in text]
        assert len(where) == 1, f"the guide's section on {session.id} is on pages {where}"
        times = expected_times(None, [b.minutes for b in session.agenda])
        text = pages[where[0]].split(heading, 1)[1]
        assert all(time in text for time in times), f"the schedule of {session.id} is split"


def test_the_sign_in_sheet_is_one_page_of_its_own(printed_anywhere):
    book = printed_anywhere.handbook
    t = locale.words(book.program.language, book.labels)
    for session in book.sessions:
        pages = [squeeze(text) for text in printed_anywhere.of(session, "facilitator").pages]
        heading = squeeze(f"{book.program.title} · {t['session']} {session.number}: {session.title}")
        sign_in = [n for n, text in enumerate(pages) if squeeze(t["sign_in"]) + heading in text]
        evaluation = [n for n, text in enumerate(pages) if squeeze(t["evaluation"]) + heading in text]
        assert len(sign_in) == 1 and evaluation == [sign_in[0] + 1], f"{session.id}: {sign_in} {evaluation}"


def test_the_evaluation_form_is_one_last_page_with_concrete_choices(printed):
    for session in printed.handbook.sessions:
        pages = printed.of(session, "facilitator").pages
        form = pages[-1]
        assert sum("Session evaluation" in text for text in pages) == 1
        for text in ("Session evaluation", "How much of this session can you use in your own work?",
                     "Most of it, every working day", "None of it fits my job",
                     "What will you do differently", "Something else:",
                     "How confident are you", "Very confident: I could show a colleague how",
                     "What one change would make this session better", *session.objectives):
            assert norm(text) in form, f"{session.id}: the evaluation page lacks {text!r}"


# -- content of the printed pages ------------------------------------------------------------------

def sign_in_rows(pages: list[str]) -> list[int]:
    start = next(n for n, text in enumerate(pages) if "Sign-in sheet" in text)
    end = next(n for n, text in enumerate(pages) if "Session evaluation" in text)
    raw = " ".join(pages[start:end])
    table = raw.split("Signature", 1)[1]  # after the table's header row
    return [int(n) for n in re.findall(r"(?<![\d.:])\b(\d+)\b(?![\d.:])", re.sub(r"page \d+ of \d+", "", table))]


@pytest.mark.parametrize("site", ["letter", "a4", "crowded"])
def test_the_sign_in_sheet_has_a_row_per_participant(site, request):
    printed = request.getfixturevalue(site)
    size = printed.handbook.program.group_size
    for session in printed.handbook.sessions:
        pdf = pdf_pages(printed.of(session, "facilitator").pdf)
        assert sign_in_rows(pdf) == list(range(1, size + 1)), f"{session.id} sign-in sheet"


def test_printed_agendas_give_times_from_the_session_start_never_a_groups_clock(printed):
    # a4 starts its program at 13:30: its printouts count from 0:00 all the same
    for session, kind, printout in facilitator_and_handouts(printed):
        expected = expected_times(None, [b.minutes for b in session.agenda])
        text = " ".join(printout.pages)
        found = re.findall(r"(?<![\d:])\d+:\d\d–\d+:\d\d", text)
        assert found[:len(expected)] == expected, f"{kind} of {session.id}"
        assert not re.search(r"\b(09|13|19):\d\d–", text), f"{kind} of {session.id} shows a clock time"


def test_print_shows_no_navigation_search_or_footer(printed):
    for path, printout in printed.printouts.items():
        pdf = " ".join(printout.pages)
        chrome_only = {text for text in printout.chrome if text not in printout.dom_text}
        assert {"Skip to content", "Search"} <= chrome_only, f"{path}: the test no longer sees the site's chrome"
        leaked = sorted(text for text in chrome_only if text in pdf)
        assert leaked == [], f"{path} prints {leaked}"


def test_handouts_give_away_nothing_meant_for_the_facilitator(letter):
    sessions = letter.handbook.sessions
    everything = {s.id: facilitator_only_fragments(s) for s in sessions}
    assert all(everything.values()) and sum(map(len, everything.values())) > 50
    for session in sessions:
        packet = letter.of(session, "facilitator").dom_text
        missing = [f for f in everything[session.id] if f not in packet]
        assert missing == [], f"the facilitator packet of {session.id} lacks its own notes"
    for session in sessions:
        handout = letter.of(session, "handout")
        printed = " ".join(handout.pages)
        for fragments in everything.values():
            leaked = [f for f in fragments if f in handout.dom_text or f in printed]
            assert leaked == [], f"the handout of {session.id} shows {leaked}"


def test_search_finds_no_facilitator_text(letter, default_site):
    index = json.loads((default_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    searchable = norm(html.unescape(re.sub(r"<[^>]+>", " ", " ".join(d["text"] for d in index["docs"]))))
    assert "Role play: The late arrival" in searchable  # the session pages are searched
    for session in letter.handbook.sessions:
        leaked = [f for f in facilitator_only_fragments(session) if f in searchable]
        assert leaked == [], f"search finds {leaked}"


def test_handouts_give_each_role_its_brief_and_no_motive(letter):
    for session in letter.handbook.sessions:
        handout = letter.of(session, "handout")
        plays = [b for b in session.agenda if b.scenario]
        assert len(handout.cards) == sum(len(b.scenario.roles) for b in plays)
        for block in plays:
            for role in block.scenario.roles:
                assert norm(role.name) in handout.dom_text
        assert "For you only" not in handout.dom_text


@pytest.mark.parametrize("site", ["letter", "a4", "korean_a4", "korean_letter", "crowded"])
def test_a_role_card_is_never_split_across_pages(site, request):
    printed = request.getfixturevalue(site)
    for session, kind, printout in facilitator_and_handouts(printed):
        texts = [squeeze(text) for text in printout.pages]
        for start, end in set(printout.cards):
            copies = printout.cards.count((start, end))
            pages = [n for n, text in enumerate(texts, 1) if start in text]
            assert len(pages) == copies, f"{kind} of {session.id}: card {start!r} on pages {pages}"
            for n in pages:
                assert end in texts[n - 1], f"{kind} of {session.id}: card {start!r} split after page {n}"
    if site == "crowded":  # the page breaks really do fall among the cards
        sheet = printed.of(printed.handbook.sessions[1], "facilitator")
        card_pages = {n for start, _ in sheet.cards for n, t in enumerate(sheet.pages, 1) if start in squeeze(t)}
        assert len(card_pages) >= 4


def test_the_trainers_guide_has_the_schedule_and_every_packet(letter):
    book = letter.handbook
    guide = letter.printouts["trainers-guide.html"].dom_text
    for session in book.sessions:
        assert f"Session {session.number}: {session.title}" in guide
        starts = [c.start_time or book.program.start_time for c in book.schedule.cohorts]
        clocks = [timed_agenda(session, start) for start in dict.fromkeys(starts)]  # each group's, once
        for i, item in enumerate(timed_agenda(session)):
            row = " ".join([f"{item.start}–{item.end}", *(f"{c[i].start}–{c[i].end}" for c in clocks)])
            assert f"{row} {item.block.title}" in guide, row
    total = sum(s.duration for s in book.sessions)
    assert f"Total: {total} min ({total // 60} h" in guide
    assert f"groups of {book.program.group_size}" in guide


# -- in the browser ------------------------------------------------------------------------------

def test_packets_are_linked_from_session_pages_but_not_listed_in_the_nav(page, default_trainers_server, letter):
    page.goto(default_trainers_server.url)
    nav = page.eval_on_selector_all(".md-sidebar--primary a.md-nav__link", "links => links.map(a => a.href)")
    assert any(href.endswith("/trainers-guide.html") for href in nav)
    assert not any(href.endswith(("facilitator.html", "handout.html")) for href in nav)
    page.goto(default_trainers_server.url + "sessions/first-impressions.html")
    page.get_by_role("link", name="Facilitator packet", exact=True).click()
    assert page.url.endswith("/sessions/first-impressions/facilitator.html")
    page.go_back()
    page.get_by_role("link", name="Participant handout", exact=True).click()
    assert page.url.endswith("/sessions/first-impressions/handout.html")
    page.goto(default_trainers_server.url + "trainers-guide.html")
    hrefs = page.eval_on_selector_all(".packet a", "links => links.map(a => a.href)")
    for session in letter.handbook.sessions:
        for kind in KINDS:
            assert f"{default_trainers_server.url}sessions/{session.id}/{kind}.html" in hrefs


@pytest.mark.parametrize("path", ["sessions/first-impressions/facilitator.html",
                                  "sessions/first-impressions/handout.html", "trainers-guide.html"])
def test_the_print_button_works_by_keyboard_and_does_not_print(page, default_trainers_server, path):
    page.goto(default_trainers_server.url + path)
    button = page.get_by_role("button", name="Print")
    assert button.is_visible()
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1 } }")
    page.keyboard.press("Tab")
    for _ in range(60):  # tab through the header and navigation until the button has focus
        if button.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()


@pytest.mark.parametrize("path", ["sessions/first-impressions/facilitator.html", "trainers-guide.html"])
def test_print_is_black_on_white_with_plain_links(page, default_trainers_server, path):
    page.goto(default_trainers_server.url + path)
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [...document.querySelectorAll(".packet *")].map(el => {
        const style = getComputedStyle(el);
        return [style.color, style.backgroundColor, el.tagName, style.textDecorationLine];
    })""")
    assert {c[0] for c in colours} == {"rgb(0, 0, 0)"}
    assert {c[1] for c in colours} <= {"rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}
    links = [c for c in colours if c[2] == "A"]
    assert bool(links) == (path == "trainers-guide.html")  # the guide links to every packet
    assert all(c[3] == "none" for c in links)


def test_korean_packets_print_the_korean_page_count(browser, korean_server):
    book, _ = load_handbook(KOREAN_CURRICULUM, BUILD_DATE)
    session = book.sessions[0]
    page = browser.new_page()
    pdf = print_pdf(page, f"{korean_server.url}sessions/{session.id}/handout.html")
    page.close()
    pages = pdf_pages(pdf)
    pattern = locale.words("ko", book.labels)["page_of"]
    for number, text in enumerate(pages, 1):
        assert pattern.replace("{page}", str(number)).replace("{pages}", str(len(pages))) in norm(text)
    assert set(pdf_page_sizes(pdf)) and all(
        (w, h) == pytest.approx(PAPER_POINTS[book.program.paper], abs=1) for w, h in pdf_page_sizes(pdf))


# -- the pieces, without a browser ---------------------------------------------------------------

def test_curriculum_text_cannot_close_the_style_element():
    quoted = css_string('Say "hi" </style><script>alert(1)</script> \\o/')
    assert "<" not in quoted and quoted.count('"') == 4 and quoted.startswith('"') and quoted.endswith('"')
    assert '\\"hi\\"' in quoted and "\\\\o/" in quoted


def test_the_page_count_follows_the_words_of_the_language():
    assert page_counter(locale.words("en")["page_of"]) == '"page " counter(page) " of " counter(pages)'
    assert page_counter(locale.words("ko")["page_of"]) == 'counter(pages) "쪽 중 " counter(page) "쪽"'


def test_hours_are_written_in_the_page_language():
    assert hours(360, locale.words("en")) == "6 h"
    assert hours(90, locale.words("en")) == "1 h 30 min"
    assert hours(90, locale.words("ko")) == "1시간 30분"


# -- the page around a packet ----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["facilitator", "handout", "run"])
def test_a_printed_page_menu_leads_to_the_top_pages_the_agreement_and_every_session(page, default_trainers_server,
                                                                                    kind):
    """A packet, a handout or a run view is never printed with the site's nav, but its menu (on a phone, the drawer)
    leads where the session page's does: the top pages, the agreement, and every session (render/nav.py)."""
    book = load_handbook(DEFAULT_CURRICULUM)[0]
    first, others = book.sessions[0], book.sessions[1:]
    words = locale.words("en")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{default_trainers_server.url}sessions/{first.id}/{kind}.html")
    menu = page.locator("nav.md-nav--primary")
    titles = [" ".join(t.split()) for t in menu.locator("a.md-nav__link").all_text_contents()]
    for session in book.sessions:
        assert titles.count(session.title) == 1, titles
    assert words["tips"] in titles and book.agreement.title in titles, titles
    if kind == "run":
        return  # a run view is full screen: its menu is hidden on screen
    for section, link, address in ((words["sessions"], others[-1].title, f"**/sessions/{others[-1].id}.html"),
                                   (words["agreement"], book.agreement.title, "**/agreement/**")):
        page.goto(f"{default_trainers_server.url}sessions/{first.id}/{kind}.html")
        page.locator("label.md-header__button[for='__drawer']").click()  # on a phone: the drawer, then the section
        menu.locator("label.md-nav__link", has_text=section).first.click()
        menu.get_by_role("link", name=link, exact=True).click()
        page.wait_for_url(address)
