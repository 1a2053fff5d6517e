"""The Korean example: a second complete program, in Korean, on A4, built with --strict."""

from __future__ import annotations

import json
import re

import pytest

from handbook import load_handbook, locale
from handbook.render.glossary import plain
from handbook.render.tooltips import terms_pattern
from languages import english_ui_words, english_words_shown, generated_pages, search_results
from support import KOREAN_CURRICULUM, pdf_page_sizes, pdf_pages
from tour import touring

A4 = (595.28, 841.89)  # points
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(KOREAN_CURRICULUM)[0]


def test_the_example_is_a_four_session_korean_a4_program(handbook):
    assert handbook.program.language == "ko"
    assert handbook.program.paper == "a4"
    assert len(handbook.sessions) == 4
    assert all(HANGUL.search(s.title) for s in handbook.sessions)


@touring("korean", "korean_trainers")
def test_pages_are_korean_and_say_no_english_ui_word(toured):
    site = toured.site
    english = english_ui_words("ko")
    assert {"Objectives", "Sign-in sheet", "Search", "Back to top"} <= english
    korean_words = locale.words("ko")
    assert sorted(toured.seen) == sorted(path.relative_to(site).as_posix() for path in generated_pages(site))
    for uri, seen in toured.seen.items():
        assert '<html lang="ko"' in (site / uri).read_text(encoding="utf-8"), uri
        found = english_words_shown(seen.text, english)
        assert found == [], f"{uri} shows English UI words: {found}"
        assert "검색" in seen.text, f"{uri} lacks the Korean search box"
        if re.fullmatch(r"sessions/[^/]+\.html", uri):
            assert korean_words["objectives"] in seen.text


def test_packets_print_on_a4_in_korean(korean_trainers_site, korean_trainers_server, browser, handbook):
    korean_site, korean_server = korean_trainers_site, korean_trainers_server
    words = locale.words("ko")
    printable = [*korean_site.glob("sessions/*/facilitator.html"), *korean_site.glob("sessions/*/handout.html"),
                 korean_site / "trainers-guide.html"]
    assert len(printable) == 2 * len(handbook.sessions) + 1
    for path in printable:  # every printed page asks for A4 ...
        assert "size: A4;" in path.read_text(encoding="utf-8"), path.relative_to(korean_site)
    session = handbook.sessions[-1]
    page = browser.new_page()
    try:
        for packet, heading in (("facilitator", words["sign_in"]), ("handout", words["objectives"])):
            page.goto(f"{korean_server.url}sessions/{session.id}/{packet}.html")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            sizes = pdf_page_sizes(pdf)  # ... and Chromium prints it on A4
            assert all(w == pytest.approx(A4[0], abs=1) and h == pytest.approx(A4[1], abs=1) for w, h in sizes), \
                f"{packet} is not A4: {set(sizes)}"
            text = re.sub(r"\s+", "", " ".join(pdf_pages(pdf)))
            assert (handbook.organization.short_name or handbook.organization.name) in text  # the footer
            assert heading.replace(" ", "") in text, f"the {packet} lacks {heading}"
    finally:
        page.close()


def test_search_is_configured_for_korean(korean_site):
    index = json.loads((korean_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["ko"]
    assert (korean_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.ko.min.js").is_file()


def test_korean_search_finds_korean_words(korean_server, page, handbook):
    titles = [s.title for s in handbook.sessions]
    for session in handbook.sessions:
        # a word of this session's title that no other session's title has
        words = [w for w in re.findall(r"[가-힣]{2,}", session.title)
                 if not any(w in t for t in titles if t != session.title)]
        assert words, session.title
        results = search_results(page, korean_server.url, words[0], "ko")
        assert session.title in results, f"searching {words[0]!r} did not find {session.title!r}"
    term = handbook.definitions[0].term
    assert term in search_results(page, korean_server.url, term, "ko")


def test_korean_terms_get_tooltips_before_particles(korean_site, handbook):
    """"공감을", "고객 서비스는": the term is marked even though a particle is written onto it."""
    marked_before_particle = 0
    for path in generated_pages(korean_site):
        html = path.read_text(encoding="utf-8").replace("&quot;", '"')
        for d in handbook.definitions:
            meaning = plain(d.definition)[:30]
            for m in re.finditer(rf'<abbr title="([^"]*)">{re.escape(d.term)}</abbr>([가-힣])', html):
                assert m.group(1).startswith(meaning)
                marked_before_particle += 1
    assert marked_before_particle >= len(handbook.definitions)


@pytest.mark.parametrize("text, marked", [
    ("고객 서비스를 배웁니다", "고객 서비스"),
    ("공감은 중요합니다", "공감"),
    ("공감이라는 말", "공감"),
    ("공감에서는", "공감"),
    ("공감.", "공감"),
    ("공감대가 있다", None),  # a different word that starts with the term
    ("공감하는 태도", None),  # a verb: not the noun
    ("Empathy matters", "Empathy"),
    ("Empathyish", None),
])
def test_term_pattern_allows_korean_particles_only(text, marked):
    match = terms_pattern(["고객 서비스", "공감", "Empathy"]).search(text)
    assert (match.group(0) if match else None) == marked
