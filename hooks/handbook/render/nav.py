"""The navigation, grouped in sections so large programs stay fast to build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import escape

from .page import Page

# Sections whose pages stand at the top level rather than under a heading of their own.
TOP_LEVEL = ("home", "reference")
# A longer section is split into groups of this many. Material's navigation.prune then leaves out the
# entries of every group but the page's own: a flat list of 1000 sessions on each of 3000 pages would
# make the build grow with the square of the program.
GROUP = 20


def navigation(pages: list[Page], words: dict[str, str], plain: Callable[[str], str]) -> list:
    """MkDocs' nav structure: sections in the order their first page appears. Every title in it is plain text
    (`plain`: a word's plain-text form; a page's title is one already), escaped once: the theme writes it as it is."""
    nav: list = []
    sections: dict[str, list] = {}

    def add(entry: dict, section: str) -> None:
        if section in TOP_LEVEL:
            nav.append(entry)
        elif section in sections:
            sections[section].append(entry)
        else:
            sections[section] = [entry]
            nav.append({escape(plain(words[section])): sections[section]})

    for page in pages:
        if page.section is not None:
            add({escape(page.title): page.uri}, page.section)
    for section, entries in sections.items():
        entries[:] = _grouped(entries, plain(words[section]))
    return nav


def _grouped(entries: list, title: str) -> list:
    """Entries 1–20, 21–40, ... as sections of their own, when there are more than GROUP."""
    if len(entries) <= GROUP:
        return entries
    return [{escape(f"{title} {start + 1}–{min(start + GROUP, len(entries))}"): entries[start:start + GROUP]}
            for start in range(0, len(entries), GROUP)]


@dataclass(frozen=True)
class PrintNav:
    """What the theme reads of a navigation (`items`, `homepage`)."""
    items: list
    homepage: object


def print_nav(nav, session_uri: str) -> PrintNav:
    """The navigation of a packet, a handout or a run view: the pages at the top level and the page's own session,
    not the sections that list the whole program (a page made to be printed, or run full screen, never shows them,
    and they grow with the program).
    `nav` is the theme's navigation (MkDocs' Navigation); its pages are read, never changed."""
    items = [item for item in nav.items if not item.is_section]
    session = next((page for page in nav.pages if page.file.src_uri == session_uri), None)
    return PrintNav(items[:1] + [session] + items[1:] if session else items, nav.homepage)
