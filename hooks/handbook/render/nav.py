"""The navigation, grouped in sections so large programs stay fast to build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import escape

from .page import Page

# Sections whose pages stand at the top level rather than under a heading of their own.
TOP_LEVEL = ("home", "reference")
# A longer section is split into groups of at most this many, and groups of groups (1–20, 21–40 ...; 1–400,
# 401–800 ...), so that no level of the nav holds more. Material's navigation.prune then leaves out the entries
# of every group but the page's own: a page's nav holds a few dozen links whatever the program's size, where a
# flat list of 5000 sessions on each of 20,000 pages would make the build grow with the square of the program.
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


def _grouped(entries: list, title: str, first: int = 1) -> list:
    """Entries as they are when there are GROUP or fewer; else in groups of GROUP, GROUP² ... entries (the smallest
    size that leaves at most GROUP groups), each grouped again. `first` is the number of the first entry."""
    if len(entries) <= GROUP:
        return entries
    size = GROUP
    while len(entries) > size * GROUP:
        size *= GROUP
    return [{_range(title, first + start, first + min(start + size, len(entries)) - 1):
             _grouped(entries[start:start + size], title, first + start)}
            for start in range(0, len(entries), size)]


def _range(title: str, first: int, last: int) -> str:
    return escape(f"{title} {first}–{last}" if last > first else f"{title} {first}")


@dataclass(frozen=True)
class PrintNav:
    """What the theme reads of a navigation (`items`, `homepage`)."""
    items: list
    homepage: object


def print_nav(nav, session_uri: str) -> PrintNav:
    """The navigation of a packet, a handout or a run view (pages not in the nav, so nothing in it is open): every
    top-level page and section, the agreement's included, and the sessions' section, which lists every session or,
    in a large program, leads to each through its groups; then the page's own session, right after the home page,
    unless the sessions' section lists it already.
    `nav` is the theme's navigation (MkDocs' Navigation); its pages are read, never changed."""
    items = list(nav.items)
    session = next((page for page in nav.pages if page.file.src_uri == session_uri), None)
    listed = any(child is session for item in items if item.is_section for child in item.children)
    return PrintNav(items[:1] + [session] + items[1:] if session and not listed else items, nav.homepage)
