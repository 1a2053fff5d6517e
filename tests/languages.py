"""Helpers for the tests of a handbook in another language (test_korean.py, test_spanish.py): which English
words must not show, what a reader sees, and searching in the page's language."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from material import __file__ as material_init

from handbook import locale
from support import wait_until

LANGUAGES = Path(material_init).parent / "templates" / "partials" / "languages"


def generated_pages(site: Path) -> list[Path]:
    """Every page of the handbook: all are generated, and the maintainer's guide is in neither edition."""
    return sorted(site.rglob("*.html"))


def material_words(language: str) -> dict[str, str]:
    text = (LANGUAGES / f"{language}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', text, re.MULTILINE))


def english_ui_words(language: str) -> set[str]:
    """The English of every word the pages write themselves (ours and Material's) that `language` words differently."""
    ours_en, ours = locale.words("en"), locale.words(language)
    theirs_en, theirs = material_words("en"), material_words(language)
    english = [v for k, v in ours_en.items() if ours[k] != v]
    english += [v for k, v in theirs_en.items() if k in theirs and theirs[k] != v and not k.startswith("search.config")]
    fragments = {f.strip(" :.,·#") for v in english for f in re.split(r"\{[^}]*\}|#", v)}
    return {f for f in fragments if len(re.findall(r"[A-Za-z]", f)) >= 3}


def english_words_shown(text: str, english: set[str]) -> list[str]:
    """Each of the `english` words in the text (a whole word: no letter beside it). One pattern of all of them
    tells whether any is there, and only then is each looked for: hundreds of searches a page took five times as
    long."""
    if not _any_of(frozenset(english)).search(text):
        return []
    return sorted(w for w in english if _any_of(frozenset([w])).search(text))


@functools.cache
def _any_of(words: frozenset[str]) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(map(re.escape, sorted(words)))})(?![A-Za-z])")


def shown_text(page) -> str:
    """What a reader sees or hears: the rendered text, and the labels of controls."""
    return page.evaluate("""() => document.body.innerText + ' ' + [...document.querySelectorAll(
        '[aria-label], [placeholder], [title]')].map(e => [e.getAttribute('aria-label'),
        e.getAttribute('placeholder'), e.getAttribute('title')].join(' ')).join(' ')""")


def search_results(page, url: str, query: str, language: str) -> str:
    """The text of the search results for `query`, typed into the search box of the page at `url`."""
    page.goto(url)
    # typing before the search is ready is lost: wait until "Initializing search" gives way
    initializing = material_words(language)["search.result.initializer"]
    wait_until(page, "text => !document.querySelector('.md-search-result__meta').textContent.includes(text)",
               arg=initializing, timeout=10_000)
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type(query)
    # Playwright enters Hangul or an accented letter as text alone; a keyboard also sends the key-ups the search listens for
    page.keyboard.press("End")
    wait_until(page, "document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    return page.locator(".md-search-result__list").inner_text()
