"""The Spanish example: a third complete program, in Spanish, on US letter paper, built with --strict."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pytest

from handbook import load_handbook, locale
from handbook.render.schedule import long_date
from languages import english_ui_words, english_words_shown, generated_pages, search_results
from support import SPANISH_CURRICULUM, pdf_page_sizes, pdf_pages, pdftotext_pages
from tour import touring

LETTER = (612, 792)  # points
# The only words Spanish writes as English does: abbreviations, formats, and words both languages share
SAME_IN_SPANISH = {"minutes", "total", "agenda", "kind_video", "hours_minutes", "hours_only", "agreement_supervisor",
                   "agreement_signer_supervisor", "calendar_event_title", "pdf_size_kb", "pdf_size_mb"}


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(SPANISH_CURRICULUM)[0]


def test_the_example_is_a_three_session_spanish_letter_program(handbook):
    assert handbook.program.language == "es"
    assert handbook.program.paper == "letter"
    assert len(handbook.sessions) == 3
    assert all(re.search(r"[áéíóúñ]", s.title + s.summary) for s in handbook.sessions)


def test_every_word_is_spanish():
    english, spanish = locale.words("en"), locale.words("es")
    assert {k for k in english if spanish[k] == english[k]} == SAME_IN_SPANISH
    assert all(set(re.findall(r"\{\w+\}", english[k])) == set(re.findall(r"\{\w+\}", spanish[k])) for k in english)


def test_english_words_are_found_only_as_whole_words():
    english = {"Search", "Previous", "Copy to clipboard", "min"}
    assert english_words_shown("Buscar en la página · Previously · 5 minutos", english) == []
    assert english_words_shown("Search: Copy to clipboard (5 min)", english) == ["Copy to clipboard", "Search", "min"]


@touring("spanish", "spanish_trainers")
def test_pages_are_spanish_and_say_no_english_ui_word(toured):
    site = toured.site
    english = english_ui_words("es")
    assert {"Objectives", "Sign-in sheet", "Search", "Back to top", "Session"} <= english
    spanish = locale.words("es")
    assert sorted(toured.seen) == sorted(path.relative_to(site).as_posix() for path in generated_pages(site))
    checked_sessions = 0
    for uri, seen in toured.seen.items():
        assert '<html lang="es"' in (site / uri).read_text(encoding="utf-8"), uri
        found = english_words_shown(seen.text, english)
        assert found == [], f"{uri} shows English UI words: {found}"
        assert "Buscar" in seen.text, f"{uri} lacks the Spanish search box"
        if re.fullmatch(r"sessions/[^/]+\.html|.*/handout\.html", uri):  # a session page or its handout
            assert spanish["objectives"] in seen.text, uri
            checked_sessions += 1
    assert checked_sessions >= 6


def test_pdfs_are_spanish_on_letter(spanish_trainers_site, handbook):
    """The PDFs WeasyPrint made: every one on letter paper, in Spanish, with no English UI word."""
    english, spanish = english_ui_words("es"), locale.words("es")
    pdfs = sorted(spanish_trainers_site.rglob("*.pdf"))
    assert len(pdfs) == 2 * len(handbook.sessions) + 3  # packets, handouts, guide, agreement, evaluation form
    for path in pdfs:
        sizes = pdf_page_sizes(path.read_bytes())
        assert all(w == pytest.approx(LETTER[0], abs=1) and h == pytest.approx(LETTER[1], abs=1) for w, h in sizes), path
        text = " ".join(pdftotext_pages(path))
        found = english_words_shown(text, english)
        assert found == [], f"{path.relative_to(spanish_trainers_site)} shows English UI words: {found}"
    handout = " ".join(pdftotext_pages(spanish_trainers_site / "sessions" / handbook.sessions[0].id / "handout.pdf"))
    assert spanish["participant_handout"] in handout and spanish["objectives"] in handout
    packet = " ".join(pdftotext_pages(spanish_trainers_site / "sessions" / handbook.sessions[0].id / "facilitator.pdf"))
    assert spanish["sign_in"] in packet and spanish["evaluation"] in packet


def test_packets_print_in_spanish_from_the_browser(spanish_trainers_server, browser, handbook):
    words = locale.words("es")
    session = handbook.sessions[-1]
    page = browser.new_page()
    try:
        for packet, heading in (("facilitator", words["sign_in"]), ("handout", words["objectives"])):
            page.goto(f"{spanish_trainers_server.url}sessions/{session.id}/{packet}.html")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
            sizes = pdf_page_sizes(pdf)
            assert all(w == pytest.approx(LETTER[0], abs=1) and h == pytest.approx(LETTER[1], abs=1) for w, h in sizes)
            text = " ".join(pdf_pages(pdf))
            assert heading in text, f"the {packet} lacks {heading}"
            assert words["page_of"].split("{")[0].strip() in text  # "página 1 de 4" in the footer
    finally:
        page.close()


def test_dates_and_calendars_are_spanish(spanish_site, handbook):
    home = (spanish_site / "index.html").read_text(encoding="utf-8")
    first = handbook.schedule.cohorts[0]
    assert long_date(first.dates[0], locale.words("es")) == "miércoles 4 de noviembre de 2026"
    assert "miércoles 4 de noviembre de 2026" in home
    calendar = icalendar.Calendar.from_ical((spanish_site / "calendars" / "grupo-de-otono.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries[0] == f"{handbook.sessions[0].title} ({first.name})"
    assert all(e["DTSTART"].dt.date() >= dt.date(2026, 11, 4) for e in calendar.walk("VEVENT"))


def test_search_is_configured_for_spanish(spanish_site):
    index = json.loads((spanish_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    assert (spanish_site / "assets" / "javascripts" / "lunr" / "min" / "lunr.es.min.js").is_file()


def test_spanish_search_finds_spanish_words(spanish_server, page, handbook):
    for session, word in zip(handbook.sessions, ("recibir", "teléfono", "quejas")):
        assert word in session.title.lower()
        assert session.title in search_results(page, spanish_server.url, word, "es")
    # Spanish stop words: "para los" is left out, so the session that opens "Para muchos pacientes" comes first
    # (an English index ranks first the page with the most "para" and "los": the one that checks records)
    search_results(page, spanish_server.url, "para los pacientes", "es")
    first = page.locator(".md-search-result__item").first.inner_text().splitlines()[0]
    assert first == handbook.sessions[1].title
    term = handbook.definitions[0].term
    assert term in search_results(page, spanish_server.url, term, "es")
