"""The navigation of a large program: no level lists more than GROUP entries, so each page's nav (with Material's
navigation.prune) holds a few dozen links whatever the program's size; printed pages keep the top-level pages, the
agreement and a way to every session. The browser's view of it is in test_packets (printed pages' menu)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation

from handbook import locale
from handbook.render.nav import GROUP, navigation, print_nav
from handbook.render.page import Page
from handbook.render.text import Text

WORDS = locale.words("en")
PLAIN = Text().plain  # a title's plain-text form, as the hook gives it


def program(sessions: int) -> list[Page]:
    return [Page("index.md", "Home", "", "home"),
            *(Page(f"sessions/s-{n}.md", f"Session {n}", "", "sessions") for n in range(1, sessions + 1)),
            Page("tips.md", "Tips", "", "reference"),
            Page("agreement/index.md", "The agreement", "", "agreement"),
            Page("agreement/verify.md", "Check a record", "", "agreement")]


def entries(nav: list) -> list[tuple[int, str, list]]:
    """(depth, title, children) of every section and group in the nav."""
    found, stack = [], [(0, nav)]
    while stack:
        depth, items = stack.pop()
        for item in items:
            title, value = next(iter(item.items()))
            if isinstance(value, list):
                found.append((depth, title, value))
                stack.append((depth + 1, value))
    return found


def leaves(items: list) -> list[str]:
    return [uri for item in items for value in item.values()
            for uri in (leaves(value) if isinstance(value, list) else [value])]


@pytest.mark.parametrize("sessions", [GROUP, GROUP + 1, GROUP * GROUP + 1, 5000])
def test_no_level_of_the_nav_lists_more_than_a_group(sessions):
    nav = navigation(program(sessions), WORDS, PLAIN)
    section = next(value for depth, title, value in entries(nav) if title == WORDS["sessions"])
    assert leaves(section) == [f"sessions/s-{n}.md" for n in range(1, sessions + 1)]  # every session, in order
    assert all(len(children) <= GROUP for _, _, children in entries(nav))
    assert len([item for item in nav]) <= GROUP


def test_groups_are_named_by_their_range():
    section = navigation(program(1000), WORDS, PLAIN)[1][WORDS["sessions"]]
    assert [next(iter(group)) for group in section] == ["Sessions 1–400", "Sessions 401–800", "Sessions 801–1000"]
    assert [next(iter(group)) for group in section[2]["Sessions 801–1000"]][:2] == ["Sessions 801–820",
                                                                                    "Sessions 821–840"]
    single = navigation(program(401), WORDS, PLAIN)[1][WORDS["sessions"]]
    assert [next(iter(group)) for group in single] == ["Sessions 1–400", "Sessions 401"]


def theme_nav(pages: list[Page], tmp_path: Path):
    """The navigation MkDocs hands the theme, as it builds it from our nav."""
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "nav": navigation(pages, WORDS, PLAIN), "docs_dir": str(tmp_path / "docs"),
                      "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors
    files = Files([File(page.uri, str(tmp_path / "docs"), str(tmp_path / "site"), False) for page in pages])
    return get_navigation(files, config)


def test_a_printed_page_keeps_every_top_level_page_and_section(tmp_path):
    """A packet of a small program: the sessions' section lists every session, its own among them, once."""
    nav = theme_nav(program(3), tmp_path)
    short = print_nav(nav, "sessions/s-2.md")
    assert [item.title for item in short.items] == ["Home", WORDS["sessions"], "Tips", WORDS["agreement"]]
    sessions = short.items[1].children
    assert [page.file.src_uri for page in sessions] == ["sessions/s-1.md", "sessions/s-2.md", "sessions/s-3.md"]
    assert [page.file.src_uri for page in short.items[3].children] == ["agreement/index.md", "agreement/verify.md"]
    assert short.homepage is nav.homepage


def test_a_printed_page_of_a_large_program_leads_to_every_session_and_its_own(tmp_path):
    nav = theme_nav(program(1000), tmp_path)
    short = print_nav(nav, "sessions/s-555.md")
    assert [item.title for item in short.items] == ["Home", "Session 555", WORDS["sessions"], "Tips",
                                                    WORDS["agreement"]]
    groups = short.items[2].children
    assert [group.title for group in groups] == ["Sessions 1–400", "Sessions 401–800", "Sessions 801–1000"]
    reached = {page.file.src_uri for group in groups for page in group.children[0].children}  # each group's first
    assert "sessions/s-1.md" in reached and "sessions/s-801.md" in reached
    assert len(nav.pages) == len(program(1000))  # the nav itself is read, not changed
