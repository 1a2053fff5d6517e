"""One tour of a built site in Chromium: every page loaded once, and every page-wide check made while it is open.

Loading a page is most of what checking it costs, so the tour loads each page once, at a phone's width, makes the
checks a phone needs, widens the window as a person resizing it would (the theme's layout follows media queries, its
scripts the window's size) for those a wider screen needs, then scrolls to the end and switches to print, and keeps
what each check found, by page, for the tests that read it (test_phone.py, test_korean_lines.py, test_korean.py,
test_spanish.py, test_csp.py, test_privacy.py, test_accessibility.py). A site is toured once per run (conftest.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from languages import shown_text
from page_checks import BROKEN_WORDS, SIDEWAYS, SPLIT_CELLS, Violations, load_everything
from support import axe_violations, site_pages

PHONE = {"width": 375, "height": 667}
SIDEWAYS_PHONE = {"width": 700, "height": 800}  # a phone on its side; stacked tables are still stacked
DESKTOP = {"width": 1280, "height": 800}

# The kinds of page a handbook has; each pattern (* stands for one path segment) must match a built page.
KINDS = {
    "home": "index.html", "session": "sessions/*.html", "facilitator packet": "sessions/*/facilitator.html",
    "participant handout": "sessions/*/handout.html", "run view": "sessions/*/run.html",
    "trainer's guide": "trainers-guide.html", "tips": "tips.html",
    "definitions": "definitions.html", "sources": "sources.html", "agreement": "agreement/index.html",
    "verify": "agreement/verify.html", "evaluation": "agreement/evaluation.html",
}


def of_kind(pattern: str, uri: str) -> bool:
    return re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]+"), uri) is not None


def one_of_each_kind(site: Path) -> list[str]:
    """One page of each kind of a built site (a session's pages are a kind: sessions/*/handout.html), the heaviest,
    as it shows the most of what its template writes; a page of no known kind is a kind of its own."""
    kinds: dict[str, str] = {}
    for uri in site_pages(site):
        kind = next((pattern for pattern in KINDS.values() if of_kind(pattern, uri)), uri)
        if kind not in kinds or (site / uri).stat().st_size > (site / kinds[kind]).stat().st_size:
            kinds[kind] = uri
    return sorted(kinds.values())


@dataclass
class Seen:
    """What one page showed: what each check found on it (one line each), and its text."""
    text: str = ""  # what a reader sees or hears, at a phone's width
    sideways: list[str] = field(default_factory=list)  # what does not fit a phone
    stacked_cells: int = 0  # cells of tables stacked into cards on a phone
    split_cells: list[str] = field(default_factory=list)  # stacked cells falling apart, on a phone held either way
    broken_words: list[str] = field(default_factory=list)  # Korean words broken across lines, on a phone and a desktop
    axe: list[str] | None = None  # WCAG 2.1 AA violations on a phone and a desktop, on one page of each kind
    violations: list[str] = field(default_factory=list)  # Content-Security-Policy violations, from loading to printing
    outside: list[str] = field(default_factory=list)  # requests to anywhere but the site, from loading to printing


@dataclass(frozen=True)
class Tour:
    site: Path  # the built site's folder
    seen: dict[str, Seen]  # what each of its pages showed (404.html too), by its path


def take_tour(browser, url: str, site: Path) -> Tour:
    """Every page of the site served at `url`, in a fresh browser profile."""
    context = browser.new_context(viewport=PHONE)
    try:
        watch = Violations(context)
        outside: list[str] = []
        context.on("request", lambda request: None if request.url.startswith((url, "data:", "blob:"))
                   else outside.append(request.url))
        kinds = one_of_each_kind(site)
        return Tour(site, {uri: visit(watch, outside, url + uri, axe=uri in kinds)
                           for uri in [*site_pages(site), "404.html"]})
    finally:
        context.close()


def visit(watch: Violations, outside: list[str], url: str, axe: bool) -> Seen:
    page, seen, found_before, outside_before = watch.page, Seen(), len(watch.found), len(outside)
    # the page left (printed: load_everything) is hidden first, so it is not laid out again for a screen and a phone
    page.evaluate("document.documentElement.hidden = true")
    page.emulate_media(media="screen")
    page.set_viewport_size(PHONE)
    watch.visit(url, wait_until="load")
    seen.text, seen.sideways = shown_text(page), page.evaluate(SIDEWAYS)
    seen.stacked_cells = page.locator("article table[data-stack]:not([class]) td").count()
    stacked = page.locator("article table[data-stack]").count() > 0
    korean = page.evaluate("document.documentElement.lang") == "ko"
    for size in (PHONE, SIDEWAYS_PHONE, DESKTOP):
        split, broken = stacked and size is not DESKTOP, korean and size is not SIDEWAYS_PHONE
        scan = axe and size is not SIDEWAYS_PHONE
        if not (split or broken or scan):
            continue  # each resize lays the page out again (half what loading it costs): only where a check is
        page.set_viewport_size(size)
        width = f"{size['width']} px"
        if split:
            seen.split_cells += [f"{width}: {problem}" for problem in page.evaluate(SPLIT_CELLS)]
        if broken:
            seen.broken_words += [f"{width}: {word}" for word in page.evaluate(BROKEN_WORDS)]
        if scan:
            seen.axe = (seen.axe or []) + [f"{width}: {violation}" for violation in axe_violations(page)]
    page.set_viewport_size(DESKTOP)  # each page loads the rest of what it would at a desktop's width
    load_everything(page)
    watch.collect()
    watch.where = ""  # collected: not again at the next page
    seen.violations, seen.outside = watch.found[found_before:], outside[outside_before:]
    return seen


SHIPPED = ("default", "default_trainers", "korean", "korean_trainers", "spanish", "spanish_trainers")


def touring(*sites: str):
    """A test parametrized over the tours of these shipped sites (all six by default; named as their fixtures are:
    korean_trainers for korean_trainers_server). A site's tests run in one pytest-xdist worker: one tour each."""
    return pytest.mark.parametrize("toured", [pytest.param(site, marks=pytest.mark.xdist_group(f"tour {site}"))
                                              for site in sites or SHIPPED], indirect=True)
