"""The home page leads each reader on: session cards, the agreement, and in the trainer's edition the
guide and the packets; and the small things readers notice (titles without term underlines, tips in
the curriculum's order)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import load_handbook, locale
from handbook.render.staff import purpose
from support import DEFAULT_CURRICULUM, KOREAN_CURRICULUM, SPANISH_CURRICULUM, site_pages

SITES = ["default_site", "default_trainers_site", "korean_site", "korean_trainers_site", "spanish_site",
         "spanish_trainers_site"]


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(DEFAULT_CURRICULUM)[0]


def cards(page, section: str) -> list[str]:
    """The text of each card under the home page's heading `section`."""
    found = page.locator(f"article h2:text-is('{section}') + .grid.cards > ul > li").all_inner_texts()
    return [card.strip() for card in found]


@pytest.mark.parametrize("edition", ["default_server", "default_trainers_server"])
def test_every_session_is_a_card_with_number_title_length_and_purpose(page, request, edition, handbook):
    server = request.getfixturevalue(edition)
    words = locale.words("en")
    page.goto(server.url + "index.html")
    found = cards(page, words["sessions"])
    assert len(found) == len(handbook.sessions)
    for session, card in zip(handbook.sessions, found):
        assert card.startswith(session.title)
        assert f"{words['session']} {session.number} · {session.duration} {words['minutes_long']}" in card
        assert " ".join(purpose(session).split()) in " ".join(card.split())
        assert len(purpose(session)) < len(session.summary)  # one line, not the whole summary
    page.locator(".hb-session-cards a", has_text=handbook.sessions[-1].title).click()
    assert page.url.endswith(f"/sessions/{handbook.sessions[-1].id}.html")


def test_the_agreement_is_one_tap_from_home(page, default_server):
    words = locale.words("en")
    page.goto(default_server.url + "index.html")
    assert len(cards(page, words["agreement"])) == 3
    page.get_by_role("link", name=words["agreement_sign"]).click()
    assert page.url.endswith("/agreement/index.html")


def test_only_the_trainers_home_leads_to_the_guide_and_the_packets(page, default_server, default_trainers_server,
                                                                      handbook):
    words = locale.words("en")
    page.goto(default_trainers_server.url + "index.html")
    trainers = cards(page, words["trainers"])
    assert len(trainers) == 2 and trainers[0].startswith(words["trainers_guide"])
    packets = page.locator("article a[href$='/facilitator.html']")
    expected = {f"sessions/{s.id}/facilitator.html" for s in handbook.sessions}
    assert {packets.nth(i).get_attribute("href") for i in range(packets.count())} == expected
    page.get_by_role("link", name=words["trainers_guide"]).first.click()
    assert page.url.endswith("/trainers-guide.html")

    page.goto(default_server.url + "index.html")
    assert cards(page, words["trainers"]) == []
    assert page.locator(f"article :text('{words['facilitator_packet']}')").count() == 0


def test_the_icons_are_materials_own_inlined(default_site, default_trainers_site):
    for site in (default_site, default_trainers_site):
        home = (site / "index.html").read_text(encoding="utf-8")
        assert home.count('<span class="twemoji"><svg') >= 9
        article = home[home.index("<article"):home.index("</article>")]
        assert "<img" not in article


@pytest.mark.parametrize("site", SITES)
def test_no_term_is_underlined_in_a_heading_or_title(site, request):
    built: Path = request.getfixturevalue(site)
    curriculum = {"korean": KOREAN_CURRICULUM, "spanish": SPANISH_CURRICULUM}.get(site.split("_")[0], DEFAULT_CURRICULUM)
    book = load_handbook(curriculum)[0]
    underlined = []
    for uri in site_pages(built):
        html = built.joinpath(uri).read_text(encoding="utf-8")
        titles = re.findall(r"<(h[1-6])\b[^>]*>(.*?)</\1>", html, re.S)
        titles += re.findall(r'<(\w+) class="hb-title">(.*?)</\1>', html, re.S)
        underlined += [f"{uri}: {text}" for _, text in titles if "<abbr" in text]
        underlined += [f"{uri}: {m.group(0)}" for m in title_pattern(book.program.title).finditer(html)
                       if "<abbr" in m.group(0)]
    assert underlined == []


def title_pattern(title: str) -> re.Pattern:
    """The program's title in HTML, whether or not a term inside it is wrapped in <abbr>."""
    between = r"(?:\s|</?abbr\b[^>]*>)+"
    return re.compile(r"(?:<abbr\b[^>]*>)?" + between.join(re.escape(w) for w in title.split()))


def test_terms_still_get_tooltips_in_running_text(default_site, handbook):
    definitions = (default_site / "definitions.html").read_text(encoding="utf-8")
    assert not re.search(r"<h[1-6][^>]*>[^<]*<abbr", definitions)
    assert definitions.count("<abbr") >= len(handbook.definitions)  # in the meanings and quotes


def test_tip_categories_follow_the_curriculum(default_site, handbook):
    order = list(dict.fromkeys(t.category for t in handbook.tips if t.category))
    assert order != sorted(order)  # the default curriculum's order is not the alphabet's: the test can fail
    html = (default_site / "tips.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2 id=\"[^\"]+\">(.*?)</h2>", html)
    assert headings[:len(order)] == order


def test_a_cards_purpose_is_the_sessions_own_or_its_summarys_first_sentence(handbook):
    own = handbook.sessions[1]
    assert own.purpose and purpose(own) == own.purpose
    first = handbook.sessions[0]
    assert first.purpose is None
    assert purpose(first).endswith("what kind of place we are.")
    assert " ".join(first.summary.split()).startswith(purpose(first))
