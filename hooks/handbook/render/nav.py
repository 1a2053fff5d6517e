"""The navigation, grouped in sections so large programs stay fast to build."""

from __future__ import annotations

from .pages import Page

# Sections whose pages stand at the top level rather than under a heading of their own.
TOP_LEVEL = ("home", "reference")


def navigation(pages: list[Page], words: dict[str, str]) -> list:
    """MkDocs' nav structure: sections in the order their first page appears."""
    nav: list = []
    sections: dict[str, list] = {}
    for page in pages:
        if page.section is None:
            continue
        entry = {page.title: page.uri}
        if page.section in TOP_LEVEL:
            nav.append(entry)
        elif page.section in sections:
            sections[page.section].append(entry)
        else:
            sections[page.section] = [entry]
            nav.append({words[page.section]: sections[page.section]})
    return nav
