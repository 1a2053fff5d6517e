"""The navigation, grouped in sections so large programs stay fast to build."""

from __future__ import annotations

from .pages import Page


def navigation(pages: list[Page], words: dict[str, str], extra: list | None = None) -> list:
    """MkDocs' nav structure: Home, Sessions (one entry each), then the reference pages."""
    by_uri = {p.uri: p for p in pages}
    sessions = [{p.title: p.uri} for p in pages if p.uri.startswith("sessions/") and p.uri.count("/") == 1]
    reference = [{by_uri[u].title: u} for u in ("tips.md", "definitions.md", "sources.md") if u in by_uri]
    return [{words["home"]: "index.md"}, {words["sessions"]: sessions}, *reference, *(extra or [])]
